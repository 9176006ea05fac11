from __future__ import annotations

import copy
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from relais.accounts.selectors import user_get
from relais.core.http import is_htmx
from relais.core.models import Country
from relais.core.selectors import ensure_administrator
from relais.programmes import selectors, services
from relais.programmes.forms import ProgrammeForm, RoleAssignForm, add_service_errors
from relais.programmes.models import ProgrammeRole
from relais.programmes.selectors_results import results_framework

PAGE_SIZE = 50
DASHBOARD_SIZE = 12


@login_required
def programme_index(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    programmes = selectors.programme_list(user=request.user, query=query)
    page = Paginator(programmes, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "query": query, "may_create": getattr(request.user, "is_administrator", False)}
    if is_htmx(request):
        return render(request, "programmes/partials/programme_table.html", context)
    return render(request, "programmes/list.html", context)


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get(user=request.user, pk=pk)
    scope = selectors.programme_scope(user=request.user, programme=programme)
    context = {
        "programme": programme,
        "scope": scope,
        "route": selectors.programme_countries(programme=programme),
        "team": selectors.programme_team(user=request.user, programme=programme, scope=scope),
        "partners": programme.partners.select_related("country").order_by("name"),
        "framework": results_framework(programme=programme),
    }
    return render(request, "programmes/detail.html", context)


@login_required
def programme_create(request: HttpRequest) -> HttpResponse:
    ensure_administrator(request.user)
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(actor=request.user, request=request, **form.service_values())
        except ValidationError as exc:
            add_service_errors(form, exc, {"countries": form.route_errors})
        else:
            messages.success(request, _("Programme created. Add its results framework, partners and team next."))
            return redirect("programmes:detail", pk=programme.pk)
    return render(request, "programmes/form.html", {"form": form, "programme": None}, status=_status(form))


@login_required
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get_managed(user=request.user, pk=pk)
    # The form works on a copy: a refused change leaves the programme shown elsewhere untouched.
    form = ProgrammeForm(request.POST or None, instance=copy.copy(programme))
    if request.method == "POST" and form.is_valid():
        try:
            changes = services.programme_update(
                actor=request.user, programme=programme, request=request, **form.service_values()
            )
        except ValidationError as exc:
            add_service_errors(form, exc, {"countries": form.route_errors})
        else:
            messages.success(request, _changes_message(changes))
            return redirect("programmes:detail", pk=programme.pk)
    return render(request, "programmes/form.html", {"form": form, "programme": programme}, status=_status(form))


def _status(form: Any) -> int:
    return 400 if form.is_bound and (form.errors or getattr(form, "route_errors", None)) else 200


def _changes_message(changes: services.ProgrammeChanges) -> str:
    if not changes:
        return _("Nothing to save: the programme was already like this.")
    parts = [_("Programme saved.")]
    codes = changes.countries_added + changes.countries_removed + changes.countries_moved
    names = {c.code: c.name for c in Country.objects.filter(code__in=codes)}
    for codes, text in (
        (changes.countries_added, _("Countries added: %(names)s.")),
        (changes.countries_removed, _("Countries removed: %(names)s.")),
        (changes.countries_moved, _("Role on the route changed: %(names)s.")),
    ):
        if codes:
            parts.append(text % {"names": ", ".join(names.get(c, c) for c in codes)})
    return " ".join(parts)


def dashboard_panel(request: HttpRequest) -> dict[str, Any]:
    """The most recent programmes of the user, and how many there are in all."""
    programmes = selectors.programme_list(user=request.user)
    shown = list(programmes[:DASHBOARD_SIZE])
    total = len(shown) if len(shown) < DASHBOARD_SIZE else programmes.count()
    return {"programmes": shown, "total": total}


def user_roles_panel(request: HttpRequest, subject: Any) -> dict[str, Any]:
    return {
        "subject": subject,
        "roles": selectors.roles_of_user(actor=request.user, subject=subject),
        "form": RoleAssignForm(),
    }


@login_required
@require_POST
def role_assign(request: HttpRequest, user_pk: int) -> HttpResponse:
    subject = user_get(actor=request.user, pk=user_pk)
    form = RoleAssignForm(request.POST)
    if form.is_valid():
        try:
            services.programme_role_assign(
                actor=request.user,
                user=subject,
                programme=form.cleaned_data["programme"],
                role=form.cleaned_data["role"],
                countries=form.cleaned_data["countries"],
                request=request,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, _("Role saved."))
            return redirect("users:detail", pk=subject.pk)
    context = {
        "subject": subject,
        "roles": selectors.roles_of_user(actor=request.user, subject=subject),
        "form": form,
    }
    return render(request, "programmes/role_form.html", context, status=400)


@login_required
@require_POST
def role_remove(request: HttpRequest, user_pk: int, pk: int) -> HttpResponse:
    subject = user_get(actor=request.user, pk=user_pk)
    assignment = get_object_or_404(ProgrammeRole.objects.select_related("programme", "user"), pk=pk, user=subject)
    services.programme_role_remove(actor=request.user, assignment=assignment, request=request)
    messages.success(request, _("Role removed."))
    return redirect("users:detail", pk=subject.pk)
