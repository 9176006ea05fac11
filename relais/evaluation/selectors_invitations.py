"""Reads of the personal links (invitations) of a questionnaire.

Who is invited (one personal link per registration):
- pre-tests and custom questionnaires: everyone expected at the session — registered or attended;
- post-tests, satisfaction and follow-up questionnaires: those who attended; while the session's
  attendance is not recorded yet (nobody is marked attended or absent), those registered too.
Never people withdrawn, on the waiting list, only invited to register, or who did not come.

A link's status, in this order: submitted (the answers were sent, however they were collected),
expired (its date has passed, or the questionnaire closed), in progress (answers saved, not sent),
opened, sent (e-mailed), not sent — or "no link yet" for someone expected who has none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from relais.delivery.models import Registration, RegistrationStatus
from relais.delivery.names import name_key
from relais.evaluation.models import Invitation, Questionnaire, QuestionnaireKind, Response, ResponseStatus
from relais.evaluation.selectors_answer import CLOSED, questionnaire_state

REMINDER_INTERVAL = dt.timedelta(hours=24)

NO_LINK, NOT_SENT, SENT, OPENED, IN_PROGRESS, SUBMITTED, EXPIRED = (
    "no_link",
    "not_sent",
    "sent",
    "opened",
    "in_progress",
    "submitted",
    "expired",
)
STATUS_LABELS = {
    NO_LINK: _("No link yet"),
    NOT_SENT: _("Not sent"),
    SENT: _("Sent"),
    OPENED: _("Opened"),
    IN_PROGRESS: _("In progress"),
    SUBMITTED: _("Submitted"),
    EXPIRED: _("Expired"),
}
STATUS_BADGES = {
    NO_LINK: "text-bg-secondary",
    NOT_SENT: "text-bg-secondary",
    SENT: "text-bg-info",
    OPENED: "text-bg-info",
    IN_PROGRESS: "text-bg-warning",
    SUBMITTED: "text-bg-success",
    EXPIRED: "text-bg-danger",
}


def attendance_recorded(questionnaire: Questionnaire) -> bool:
    return Registration.objects.filter(
        session_id=questionnaire.session_id,
        status__in=[RegistrationStatus.ATTENDED, RegistrationStatus.NO_SHOW],
    ).exists()


def expected_statuses(questionnaire: Questionnaire) -> list[str]:
    everyone: list[str] = [RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED]
    if questionnaire.kind in (QuestionnaireKind.PRE_TEST, QuestionnaireKind.CUSTOM):
        return everyone
    return [str(RegistrationStatus.ATTENDED)] if attendance_recorded(questionnaire) else everyone


def eligible_registrations(questionnaire: Questionnaire) -> QuerySet[Registration]:
    return Registration.objects.filter(session_id=questionnaire.session_id, status__in=expected_statuses(questionnaire))


def answer_path(invitation: Invitation) -> str:
    return reverse("evaluation:answer", kwargs={"token": invitation.token})


def status_of(invitation: Invitation | None, response_status: str | None, now: dt.datetime, closed: bool) -> str:
    if response_status == ResponseStatus.SUBMITTED:
        return SUBMITTED
    if invitation is None:
        return NO_LINK
    if closed or invitation.expires_at <= now:
        return EXPIRED
    if response_status == ResponseStatus.IN_PROGRESS:
        return IN_PROGRESS
    if invitation.opened_at:
        return OPENED
    if invitation.sent_at:
        return SENT
    return NOT_SENT


@dataclass
class InvitationRow:
    registration: Registration
    invitation: Invitation | None
    status: str
    expected: bool
    link: str

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def badge(self) -> str:
        return STATUS_BADGES[self.status]

    @property
    def has_email(self) -> bool:
        return bool(self.registration.person.email)


def invitation_rows(questionnaire: Questionnaire, *, base_url: str = "") -> list[InvitationRow]:
    """Everyone expected, and anyone else who holds a link, by name — four queries whatever the size."""
    expected_ids = set(eligible_registrations(questionnaire).values_list("pk", flat=True))
    invitations = {
        i.registration_id: i for i in Invitation.objects.filter(questionnaire=questionnaire).only(*_INVITATION_FIELDS)
    }
    responses = dict(
        Response.objects.filter(questionnaire=questionnaire, registration__isnull=False).values_list(
            "registration_id", "status"
        )
    )
    registrations = Registration.objects.filter(Q(pk__in=expected_ids) | Q(pk__in=list(invitations))).select_related(
        "person"
    )
    now = timezone.now()
    closed = questionnaire_state(questionnaire) == CLOSED
    rows = []
    for registration in registrations:
        invitation = invitations.get(registration.pk)
        rows.append(
            InvitationRow(
                registration=registration,
                invitation=invitation,
                status=status_of(invitation, responses.get(registration.pk), now, closed),
                expected=registration.pk in expected_ids,
                link=f"{base_url}{answer_path(invitation)}" if invitation else "",
            )
        )
    rows.sort(
        key=lambda r: (
            name_key(r.registration.person.last_name),
            name_key(r.registration.person.first_name),
            r.registration.pk,
        )
    )
    return rows


_INVITATION_FIELDS = (
    "pk",
    "questionnaire_id",
    "registration_id",
    "token",
    "language",
    "expires_at",
    "sent_at",
    "reminded_at",
    "reminders",
    "opened_at",
)


def submitted_registrations(questionnaire: Questionnaire) -> QuerySet[Registration, int]:
    return Registration.objects.filter(
        responses__questionnaire=questionnaire, responses__status=ResponseStatus.SUBMITTED
    ).values_list("pk", flat=True)


def invitations_to_send(questionnaire: Questionnaire, now: dt.datetime | None = None) -> QuerySet[Invitation]:
    """Links never e-mailed, of people expected who have an address and have not answered."""
    now = now or timezone.now()
    return (
        Invitation.objects.filter(
            questionnaire=questionnaire,
            sent_at__isnull=True,
            expires_at__gt=now,
            registration__in=eligible_registrations(questionnaire).values("pk"),
        )
        .exclude(registration__person__email="")
        .exclude(registration__in=submitted_registrations(questionnaire))
    )


def invitations_to_remind(questionnaire: Questionnaire, now: dt.datetime | None = None) -> QuerySet[Invitation]:
    """Links e-mailed at least 24 hours ago (and not reminded in the last 24 hours), of people
    expected who have not sent their answers yet."""
    now = now or timezone.now()
    cutoff = now - REMINDER_INTERVAL
    return (
        Invitation.objects.filter(
            questionnaire=questionnaire,
            sent_at__isnull=False,
            expires_at__gt=now,
            registration__in=eligible_registrations(questionnaire).values("pk"),
        )
        .filter(Q(reminded_at__isnull=True, sent_at__lte=cutoff) | Q(reminded_at__lte=cutoff))
        .exclude(registration__person__email="")
        .exclude(registration__in=submitted_registrations(questionnaire))
    )
