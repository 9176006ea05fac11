"""The personal links of a questionnaire: /questionnaires/<pk>/invitations/.

Who may: whoever may evaluate the session (administrators, the programme's managers, the
coordinators of its country, its trainers). The page lists personal data (who was invited, their
links), so everyone else — M&E officers included — gets 404. Names are shown to roles that see
personal data; anyone else would see the person's pseudonym (relais.core.pseudonyms).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from relais.core.pseudonyms import pseudonym
from relais.evaluation import selectors_invitations as sel
from relais.evaluation.models import Invitation, Questionnaire
from relais.evaluation.scoping import may_see_names, questionnaire_for_managing
from relais.evaluation.selectors_answer import OPEN, language_name, questionnaire_state
from relais.evaluation.services_invitations import (
    invitation_renew,
    invitations_create,
    invitations_remind,
    invitations_send,
)
from relais.evaluation.tokens import session_entry_token


def base_url(request: HttpRequest) -> str:
    """The site's address for links sent by e-mail: RELAIS_BASE_URL when set (so a forged Host header
    can never put a participant's token in a link to another site), else the request's."""
    configured = str(settings.RELAIS_BASE_URL or "").rstrip("/")
    return configured or request.build_absolute_uri("/")[:-1]


def questionnaire_url(questionnaire: Questionnaire) -> str:
    """The questionnaire's own page (served by the builder), else its session's page."""
    try:
        return reverse("evaluation:questionnaire", kwargs={"pk": questionnaire.pk})
    except NoReverseMatch:
        return reverse("delivery:session", kwargs={"pk": questionnaire.session_id})


def _context(request: HttpRequest, questionnaire: Questionnaire) -> dict[str, Any]:
    rows = sel.invitation_rows(questionnaire, base_url=base_url(request))
    names = may_see_names(user=request.user, programme_id=questionnaire.programme_id)
    state = questionnaire_state(questionnaire)
    entries: list[dict[str, Any]] = [
        {
            "row": row,
            "name": (row.registration.person.sort_name if names else pseudonym(row.registration.person_id)),
            "language": language_name(row.invitation.language) if row.invitation else "",
        }
        for row in rows
    ]
    return {
        "questionnaire": questionnaire,
        "session": questionnaire.session,
        "questionnaire_url": questionnaire_url(questionnaire),
        "entries": entries,
        "without_email": [e for e in entries if e["row"].invitation and not e["row"].has_email and e["row"].expected],
        "to_create": sum(1 for r in rows if r.expected and r.invitation is None),
        "to_send": sum(1 for r in rows if r.expected and r.has_email and r.status in (sel.NO_LINK, sel.NOT_SENT)),
        "to_remind": sel.invitations_to_remind(questionnaire).count() if state == OPEN else 0,
        "is_open": state == OPEN,
        "state": state,
        "summary": [
            {"status": status, "label": label, "count": count}
            for status, label in sel.STATUS_LABELS.items()
            if (count := sum(1 for r in rows if r.status == status))
        ],
        "entry_url": request.build_absolute_uri(
            reverse("evaluation:entry", kwargs={"token": session_entry_token(questionnaire.session)})
        ),
    }


@login_required
@require_GET
def invitations(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = questionnaire_for_managing(user=request.user, pk=pk)
    response = render(request, "evaluation/invitations/list.html", _context(request, questionnaire))
    response["Cache-Control"] = "private, no-store"
    return response


def _back(questionnaire: Questionnaire) -> HttpResponse:
    return redirect("evaluation:invitations", pk=questionnaire.pk)


@login_required
@require_POST
def invitations_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = questionnaire_for_managing(user=request.user, pk=pk)
    try:
        made = invitations_create(actor=request.user, questionnaire=questionnaire, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext("%(count)d personal link created.", "%(count)d personal links created.", len(made))
            % {"count": len(made)},
        )
    return _back(questionnaire)


@login_required
@require_POST
def invitations_send_view(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = questionnaire_for_managing(user=request.user, pk=pk)
    try:
        count = invitations_send(
            actor=request.user, questionnaire=questionnaire, base_url=base_url(request), request=request
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext("%(count)d invitation is being sent.", "%(count)d invitations are being sent.", count)
            % {"count": count},
        )
    return _back(questionnaire)


@login_required
@require_POST
def invitations_remind_view(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = questionnaire_for_managing(user=request.user, pk=pk)
    try:
        count = invitations_remind(
            actor=request.user, questionnaire=questionnaire, base_url=base_url(request), request=request
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if count:
            messages.success(
                request,
                ngettext("%(count)d reminder is being sent.", "%(count)d reminders are being sent.", count)
                % {"count": count},
            )
        else:
            messages.info(request, _("Nobody is due a reminder: each person is reminded at most once a day."))
    return _back(questionnaire)


@login_required
@require_POST
def invitation_renew_view(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    questionnaire = questionnaire_for_managing(user=request.user, pk=pk)
    invitation = get_object_or_404(
        Invitation.objects.select_related("questionnaire", "registration__person"),
        pk=invitation_pk,
        questionnaire=questionnaire,
    )
    try:
        invitation_renew(actor=request.user, invitation=invitation, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("A new link was made: the old one no longer works. Send or give the new one."))
    return redirect(f"{reverse('evaluation:invitations', kwargs={'pk': questionnaire.pk})}#inv-{invitation.pk}")
