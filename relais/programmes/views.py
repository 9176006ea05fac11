from __future__ import annotations

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
from relais.programmes import selectors, services
from relais.programmes.forms import RoleAssignForm
from relais.programmes.models import ProgrammeRole

PAGE_SIZE = 50
DASHBOARD_SIZE = 12


@login_required
def programme_index(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    programmes = selectors.programme_list(user=request.user, query=query)
    page = Paginator(programmes, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "query": query}
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
        "team": selectors.programme_team(user=request.user, programme=programme),
    }
    return render(request, "programmes/detail.html", context)


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
