"""User management for administrators. Everyone else gets 404 (see selectors)."""

from __future__ import annotations

import copy
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from relais.accounts import forms, services
from relais.accounts.selectors import user_get, user_list
from relais.core.audit import audit_record
from relais.core.http import is_htmx
from relais.core.registry import user_panels
from relais.core.selectors import ensure_administrator

PAGE_SIZE = 50


@login_required
def user_index(request: HttpRequest) -> HttpResponse:
    ensure_administrator(request.user)
    form = forms.UserSearchForm(request.GET or None)
    query = status = ""
    if form.is_bound and form.is_valid():
        query, status = form.cleaned_data["q"].strip(), form.cleaned_data["status"]
    page = Paginator(user_list(actor=request.user, query=query, status=status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"form": form, "page": page}
    if is_htmx(request):
        return render(request, "accounts/users/partials/user_table.html", context)
    return render(request, "accounts/users/list.html", context)


@login_required
def user_new(request: HttpRequest) -> HttpResponse:
    ensure_administrator(request.user)
    form = forms.UserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.user_create(actor=request.user, request=request, **form.cleaned_data)
        messages.success(
            request,
            _("Account created. An e-mail invites %(email)s to choose a password.") % {"email": user.email},
        )
        return redirect("users:detail", pk=user.pk)
    return render(request, "accounts/users/form.html", {"form": form})


@login_required
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_get(actor=request.user, pk=pk)
    # The form works on a copy: the service compares the new values with the stored ones.
    form = forms.UserForm(request.POST or None, instance=copy.copy(user))
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update(actor=request.user, user=user, data=form.cleaned_data, request=request)
        except PermissionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Saved."))
        return redirect("users:detail", pk=user.pk)
    if request.method == "GET":
        audit_record(actor=request.user, action="user.viewed", obj=user, request=request)
    panels: list[dict[str, Any]] = []
    for panel in user_panels():
        context = panel.context(request, user)
        if context is not None:
            panels.append({"template": panel.template, "context": context})
    return render(request, "accounts/users/detail.html", {"form": form, "subject": user, "panels": panels})


@login_required
@require_POST
def user_toggle_active(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_get(actor=request.user, pk=pk)
    try:
        services.user_set_active(actor=request.user, user=user, active=not user.is_active, request=request)
    except PermissionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Account reactivated.") if user.is_active else _("Account deactivated."))
    return redirect("users:detail", pk=user.pk)


@login_required
@require_POST
def user_reset_second_factor(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_get(actor=request.user, pk=pk)
    services.user_reset_second_factor(actor=request.user, user=user, request=request)
    messages.success(request, _("The authenticator was removed. A new one will be set up at the next login."))
    return redirect("users:detail", pk=user.pk)


@login_required
@require_POST
def user_send_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_get(actor=request.user, pk=pk)
    services.user_send_invitation(actor=request.user, user=user, request=request)
    messages.success(request, _("A link to choose a password was sent to %(email)s.") % {"email": user.email})
    return redirect("users:detail", pk=user.pk)
