"""The team of a programme: its managers (and administrators) give and remove roles in it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from relais.programmes import services
from relais.programmes.forms import TeamAssignForm, add_service_errors
from relais.programmes.models import Programme, ProgrammeRole
from relais.programmes.selectors import programme_get_managed, programme_team


def _page(request: HttpRequest, programme: Programme, form: TeamAssignForm, status: int = 200) -> HttpResponse:
    context = {"programme": programme, "team": programme_team(user=request.user, programme=programme), "form": form}
    return render(request, "programmes/team.html", context, status=status)


@login_required
def team(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_get_managed(user=request.user, pk=pk)
    return _page(request, programme, TeamAssignForm(programme=programme))


@login_required
@require_POST
def team_assign(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_get_managed(user=request.user, pk=pk)
    form = TeamAssignForm(request.POST, programme=programme)
    if form.is_valid():
        person = form.cleaned_data["email"]
        try:
            services.programme_role_assign(
                actor=request.user,
                user=person,
                programme=programme,
                role=form.cleaned_data["role"],
                countries=form.cleaned_data["countries"],
                request=request,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Role saved for %(name)s.") % {"name": person})
            return redirect("programmes:team", pk=programme.pk)
    return _page(request, programme, form, status=400)


@login_required
@require_POST
def team_remove(request: HttpRequest, pk: int, role_pk: int) -> HttpResponse:
    programme = programme_get_managed(user=request.user, pk=pk)
    assignment = ProgrammeRole.objects.select_related("user").filter(programme=programme, pk=role_pk).first()
    if assignment is None:
        raise Http404
    assignment.programme = programme
    try:
        services.programme_role_remove(actor=request.user, assignment=assignment, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Role removed: %(name)s, %(role)s.") % {"name": assignment.user, "role": assignment.get_role_display()},
        )
    return redirect("programmes:team", pk=programme.pk)
