"""Writing personal links (invitations): creating them, renewing one, e-mailing them and reminding.
Who is invited is decided in selectors_invitations. Staff writes are audited; what a participant's
visit records (the link opened, the language they chose) is not.

- A link expires at the end of the questionnaire's closing day, or 30 days after it was made when the
  questionnaire has no closing date.
- Its language: the participant's first language, in the order their languages were recorded, among
  the languages the questionnaire is offered in; otherwise the questionnaire's own language.
- E-mails leave in background tasks (tasks.py), in batches, after the transaction commits; the
  invitation is marked sent (or reminded) here, so that a second click sends nothing twice.
- A reminder goes to whoever was e-mailed at least 24 hours earlier and has not answered, at most
  once every 24 hours per link (the count is kept).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from relais.core.audit import audit_record
from relais.delivery.models import Person, Registration, Session
from relais.evaluation import selectors_invitations as sel
from relais.evaluation.models import Invitation, Questionnaire, QuestionnaireStatus
from relais.evaluation.selectors_answer import OPEN, offered_languages, questionnaire_state
from relais.evaluation.tokens import new_token

BATCH = 50
LINK_DAYS = 30


def link_expiry(questionnaire: Questionnaire, now: dt.datetime | None = None) -> dt.datetime:
    now = now or timezone.now()
    if questionnaire.closes_on is not None:
        end = dt.datetime.combine(questionnaire.closes_on, dt.time(23, 59, 59))
        return timezone.make_aware(end)
    return now + dt.timedelta(days=LINK_DAYS)


def link_languages(questionnaire: Questionnaire, registrations: Iterable[Registration]) -> dict[int, str]:
    """The language of each registration's link, by registration id (see the module's docstring)."""
    regs = list(registrations)
    offered = offered_languages(questionnaire)
    through = Person.languages.through
    spoken: dict[int, str] = {}
    rows = (
        through.objects.filter(person_id__in=[r.person_id for r in regs], language__code__in=offered)
        .order_by("id")
        .values_list("person_id", "language__code")
    )
    for person_id, code in rows:
        spoken.setdefault(person_id, code)
    return {r.pk: spoken.get(r.person_id, questionnaire.language) for r in regs}


def _refuse_anonymous(questionnaire: Questionnaire) -> None:
    if questionnaire.anonymous:
        raise ValidationError(
            _(
                "This questionnaire is anonymous: participants answer it from the session's page, "
                "without personal links."
            )
        )


def invitations_create(
    *,
    actor: Any,
    questionnaire: Questionnaire,
    registrations: Iterable[Registration] | None = None,
    request: HttpRequest | None = None,
    source: str = "staff",
) -> list[Invitation]:
    """A personal link for every registration expected (or the ones given) that has none yet."""
    _refuse_anonymous(questionnaire)
    if questionnaire.status == QuestionnaireStatus.CLOSED:
        raise ValidationError(_("This questionnaire is closed."))
    with transaction.atomic():
        have = set(Invitation.objects.filter(questionnaire=questionnaire).values_list("registration_id", flat=True))
        wanted = list(registrations) if registrations is not None else list(sel.eligible_registrations(questionnaire))
        missing = [r for r in wanted if r.pk not in have]
        if not missing:
            return []
        languages = link_languages(questionnaire, missing)
        expires = link_expiry(questionnaire)
        made = Invitation.objects.bulk_create(
            [
                Invitation(
                    questionnaire=questionnaire,
                    registration=r,
                    token=new_token(),
                    language=languages[r.pk],
                    expires_at=expires,
                )
                for r in missing
            ]
        )
        audit_record(
            actor=actor,
            action="invitation.create",
            obj=questionnaire,
            details={"count": len(made), "source": source},
            request=request,
        )
    return made


def invitations_expiry_update(*, actor: Any, questionnaire: Questionnaire, request: HttpRequest | None = None) -> int:
    """After the questionnaire's closing date changed: the links not yet used expire at the end of
    the new closing day (links of a questionnaire without one keep their 30 days). For the builder's
    questionnaire_update to call. Returns how many links changed."""
    if questionnaire.closes_on is None:
        return 0
    expires = link_expiry(questionnaire)
    with transaction.atomic():
        changed = (
            Invitation.objects.filter(questionnaire=questionnaire)
            .exclude(expires_at=expires)
            .exclude(registration__in=sel.submitted_registrations(questionnaire))
            .update(expires_at=expires)
        )
        if changed:
            audit_record(
                actor=actor,
                action="invitation.expiry",
                obj=questionnaire,
                details={"count": changed, "closes_on": questionnaire.closes_on.isoformat()},
                request=request,
            )
    return changed


def invitation_renew(*, actor: Any, invitation: Invitation, request: HttpRequest | None = None) -> Invitation:
    """A new address for one link: the old one stops working at once. The new link is to be sent
    again (it counts as not sent), and expires as a new one would."""
    questionnaire = invitation.questionnaire
    if sel.status_of(invitation, _response_status(invitation), timezone.now(), False) == sel.SUBMITTED:
        raise ValidationError(_("This participant has already answered: their link is no longer needed."))
    with transaction.atomic():
        invitation.token = new_token()
        invitation.expires_at = link_expiry(questionnaire)
        invitation.sent_at = None
        invitation.opened_at = None
        invitation.reminded_at = None
        invitation.reminders = 0
        invitation.save()
        audit_record(
            actor=actor,
            action="invitation.renew",
            obj=invitation,
            details={"questionnaire": questionnaire.pk, "registration": invitation.registration_id},
            request=request,
        )
    return invitation


def _response_status(invitation: Invitation) -> str | None:
    from relais.evaluation.models import Response

    return (
        Response.objects.filter(
            questionnaire_id=invitation.questionnaire_id, registration_id=invitation.registration_id
        )
        .values_list("status", flat=True)
        .first()
    )


def _refuse_unless_open(questionnaire: Questionnaire) -> None:
    _refuse_anonymous(questionnaire)
    if questionnaire_state(questionnaire) != OPEN:
        raise ValidationError(_("Invitations can be sent only while the questionnaire is open for answers."))


def _enqueue(ids: list[int], base_url: str, *, reminder: bool) -> None:
    from relais.evaluation import tasks

    def enqueue(batch: list[int]) -> None:
        transaction.on_commit(lambda: tasks.send_invitation_emails.enqueue(batch, base_url, reminder))

    for start in range(0, len(ids), BATCH):
        enqueue(ids[start : start + BATCH])


def invitations_send(
    *, actor: Any, questionnaire: Questionnaire, base_url: str, request: HttpRequest | None = None
) -> int:
    """E-mail their link to everyone expected who has an address and was not sent one yet (links are
    made first for those who have none). Returns how many e-mails are sent."""
    _refuse_unless_open(questionnaire)
    with transaction.atomic():
        invitations_create(actor=actor, questionnaire=questionnaire, request=request)
        now = timezone.now()
        ids = list(sel.invitations_to_send(questionnaire, now).values_list("pk", flat=True))
        Invitation.objects.filter(pk__in=ids, sent_at__isnull=True).update(sent_at=now)
        # Only the rows this call marked: a concurrent click (waiting on the same rows) sends none twice.
        ids = list(Invitation.objects.filter(pk__in=ids, sent_at=now).values_list("pk", flat=True))
        if ids:
            audit_record(
                actor=actor, action="invitation.send", obj=questionnaire, details={"count": len(ids)}, request=request
            )
            _enqueue(ids, base_url, reminder=False)
    return len(ids)


def invitations_remind(
    *,
    actor: Any,
    questionnaire: Questionnaire,
    base_url: str,
    request: HttpRequest | None = None,
    now: dt.datetime | None = None,
) -> int:
    """Remind those who have not answered (see the module's docstring). Returns how many."""
    _refuse_unless_open(questionnaire)
    now = now or timezone.now()
    with transaction.atomic():
        ids = list(sel.invitations_to_remind(questionnaire, now).values_list("pk", flat=True))
        # Updated under the same condition: a concurrent click or cron run reminds nobody twice.
        cutoff = now - sel.REMINDER_INTERVAL
        updated = (
            Invitation.objects.filter(pk__in=ids)
            .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=cutoff))
            .update(reminded_at=now, reminders=F("reminders") + 1)
        )
        if updated:
            audit_record(
                actor=actor,
                action="invitation.remind",
                obj=questionnaire,
                details={"count": updated},
                request=request,
            )
            mine = list(Invitation.objects.filter(pk__in=ids, reminded_at=now).values_list("pk", flat=True))
            _enqueue(mine, base_url, reminder=True)
    return updated


def reminders_send_due(*, base_url: str, now: dt.datetime | None = None) -> dict[int, int]:
    """The daily run: reminders for every open questionnaire with personal links. Returns the number
    sent per questionnaire id (those with none left out)."""
    sent: dict[int, int] = {}
    candidates = Questionnaire.objects.filter(status=QuestionnaireStatus.OPEN, anonymous=False).order_by("pk")
    for questionnaire in candidates:
        if questionnaire_state(questionnaire) != OPEN:
            continue
        count = invitations_remind(actor=None, questionnaire=questionnaire, base_url=base_url, now=now)
        if count:
            sent[questionnaire.pk] = count
    return sent


def invitation_opened(*, invitation: Invitation) -> None:
    """The participant opened their link: the first time is kept."""
    if invitation.opened_at is None:
        invitation.opened_at = timezone.now()
        Invitation.objects.filter(pk=invitation.pk, opened_at__isnull=True).update(opened_at=invitation.opened_at)


def invitation_language_set(*, invitation: Invitation, language: str) -> None:
    """The participant chose another of the questionnaire's languages: reminders follow it."""
    if language in offered_languages(invitation.questionnaire) and language != invitation.language:
        invitation.language = language
        Invitation.objects.filter(pk=invitation.pk).update(language=language)


ENTRY_LIMIT = 5
ENTRY_WINDOW = 3600


def _address_allowed(session_id: int, email: str) -> bool:
    """At most ENTRY_LIMIT requests per address (and session) per hour, counted in the cache."""
    digest = hashlib.sha256(f"{session_id}:{email.strip().lower()}".encode()).hexdigest()
    key = f"relais:entry-links:{digest}"
    if cache.add(key, 1, timeout=ENTRY_WINDOW):
        return True
    try:
        return cache.incr(key) <= ENTRY_LIMIT
    except ValueError:
        cache.set(key, 1, timeout=ENTRY_WINDOW)
        return True


def entry_links_request(*, session: Session, email: str, base_url: str, language: str) -> bool:
    """Queue the look-up and e-mail of a participant's links (tasks.send_entry_links). Returns False,
    queuing nothing, when the address asked too often; the page says the same either way."""
    from relais.evaluation import tasks

    if not _address_allowed(session.pk, email):
        return False
    transaction.on_commit(lambda: tasks.send_entry_links.enqueue(session.pk, email, base_url, language))
    return True


def entry_links_prepare(*, session_id: int, email: str) -> list[int]:
    """A participant asked, from the session's page, for their personal links: when the address is
    that of someone expected at the session, their links to the open questionnaires (made when
    missing, and marked sent) are returned, to be e-mailed to that address in one message. Runs in
    a background task, so the page answers alike whether the address is known or not."""
    address = email.strip()
    if not address:
        return []
    registrations = list(Registration.objects.filter(session_id=session_id, person__email__iexact=address))
    if not registrations:
        return []
    links: list[int] = []
    now = timezone.now()
    with transaction.atomic():
        questionnaires = Questionnaire.objects.filter(
            session_id=session_id, status=QuestionnaireStatus.OPEN, anonymous=False
        ).order_by("kind", "pk")
        for questionnaire in questionnaires:
            if questionnaire_state(questionnaire) != OPEN:
                continue
            expected = set(sel.eligible_registrations(questionnaire).values_list("pk", flat=True))
            mine = [r for r in registrations if r.pk in expected]
            if not mine:
                continue
            invitations_create(actor=None, questionnaire=questionnaire, registrations=mine, source="entry")
            due = Invitation.objects.filter(questionnaire=questionnaire, registration__in=mine, expires_at__gt=now)
            ids = list(
                due.exclude(registration__in=sel.submitted_registrations(questionnaire)).values_list("pk", flat=True)
            )
            Invitation.objects.filter(pk__in=ids, sent_at__isnull=True).update(sent_at=now)
            links += ids
        if links:
            audit_record(
                actor=None,
                action="invitation.send",
                obj=registrations[0],
                details={"count": len(links), "source": "entry"},
            )
    return links
