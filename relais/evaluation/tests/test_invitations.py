"""Personal links: who is invited, in which language, until when; e-mails and reminders; new links."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from relais.core.models import AuditEvent
from relais.delivery.models import RegistrationStatus
from relais.evaluation import selectors_invitations as sel
from relais.evaluation.models import Invitation, QuestionnaireKind, QuestionnaireStatus
from relais.evaluation.services_invitations import (
    invitation_renew,
    invitations_create,
    invitations_expiry_update,
    invitations_remind,
    invitations_send,
    link_expiry,
)
from relais.evaluation.tests.factories import make_questionnaire, submit
from relais.evaluation.tests.permissions_answer import build_answer_world

pytestmark = pytest.mark.django_db
BASE = "https://relais.example.org"


@pytest.fixture
def world(programme: Any, personas: dict[str, Any]) -> dict[str, Any]:
    return build_answer_world(programme, personas["trainer"])


def names(registrations: Any) -> list[str]:
    return sorted(r.person.first_name for r in registrations)


def test_pre_tests_go_to_everyone_expected(world: dict[str, Any]) -> None:
    assert names(sel.eligible_registrations(world["pre"])) == ["Ana", "Besa", "Drita"]


def test_other_questionnaires_go_to_those_who_attended_once_recorded(world: dict[str, Any]) -> None:
    post = make_questionnaire(world["session"], QuestionnaireKind.POST_TEST)
    assert names(sel.eligible_registrations(post)) == ["Ana", "Besa", "Drita"]  # attendance not recorded
    regs = world["regs"]
    regs["ana"].status = RegistrationStatus.ATTENDED
    regs["ana"].save()
    regs["besa"].status = RegistrationStatus.NO_SHOW
    regs["besa"].save()
    assert names(sel.eligible_registrations(post)) == ["Ana"]
    assert names(sel.eligible_registrations(world["pre"])) == ["Ana", "Drita"]


def test_links_are_made_once_with_language_and_expiry(world: dict[str, Any], personas: dict[str, Any]) -> None:
    made = invitations_create(actor=personas["trainer"], questionnaire=world["pre"])
    assert len(made) == 3
    languages = {i.registration.person.first_name: i.language for i in Invitation.objects.all()}
    assert languages == {"Ana": "fr", "Besa": "en", "Drita": "en"}  # Ana speaks Albanian, then French
    expected = timezone.now() + dt.timedelta(days=30)
    assert all(abs((i.expires_at - expected).total_seconds()) < 60 for i in made)
    assert len({i.token for i in made}) == 3 and all(len(i.token) >= 32 for i in made)
    assert invitations_create(actor=personas["trainer"], questionnaire=world["pre"]) == []
    event = AuditEvent.objects.get(action="invitation.create")
    assert event.details == {"count": 3, "source": "staff"} and event.actor == personas["trainer"]


def test_a_link_expires_at_the_end_of_the_closing_day(world: dict[str, Any]) -> None:
    world["pre"].closes_on = dt.date(2026, 4, 30)
    expiry = timezone.localtime(link_expiry(world["pre"]))
    assert (expiry.date(), expiry.hour, expiry.minute) == (dt.date(2026, 4, 30), 23, 59)


def test_links_follow_a_new_closing_date(world: dict[str, Any], personas: dict[str, Any]) -> None:
    invitations_create(actor=personas["manager"], questionnaire=world["pre"])
    items = world["items"]
    submit(world["pre"], world["regs"]["besa"], {items["single"].pk: "a", items["likert"].pk: 3})
    answered = Invitation.objects.get(registration=world["regs"]["besa"]).expires_at
    world["pre"].closes_on = timezone.localdate() + dt.timedelta(days=60)
    world["pre"].save()
    assert invitations_expiry_update(actor=personas["manager"], questionnaire=world["pre"]) == 2
    expiry = timezone.localtime(Invitation.objects.get(registration=world["regs"]["ana"]).expires_at)
    assert expiry.date() == world["pre"].closes_on
    assert Invitation.objects.get(registration=world["regs"]["besa"]).expires_at == answered
    assert AuditEvent.objects.filter(action="invitation.expiry").count() == 1


def test_anonymous_questionnaires_have_no_personal_links(world: dict[str, Any], personas: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        invitations_create(actor=personas["manager"], questionnaire=world["satisfaction"])


def test_invitations_are_emailed_in_the_participants_language(
    world: dict[str, Any], personas: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        count = invitations_send(actor=personas["manager"], questionnaire=world["pre"], base_url=BASE)
    assert count == 2  # Drita has no e-mail address
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"ana@ex.org", "besa@ex.org"}
    ana = Invitation.objects.get(registration=world["regs"]["ana"])
    assert "Test de connaissances" in by_address["ana@ex.org"].subject  # the French title
    assert f"{BASE}/q/{ana.token}/" in by_address["ana@ex.org"].body
    assert "Knowledge test" in by_address["besa@ex.org"].subject
    assert Invitation.objects.filter(sent_at__isnull=False).count() == 2
    assert AuditEvent.objects.get(action="invitation.send").details == {"count": 2}
    with django_capture_on_commit_callbacks(execute=True):
        assert invitations_send(actor=personas["manager"], questionnaire=world["pre"], base_url=BASE) == 0
    assert len(mail.outbox) == 2


def test_invitations_wait_until_the_questionnaire_is_open(world: dict[str, Any], personas: dict[str, Any]) -> None:
    world["pre"].status = QuestionnaireStatus.DRAFT
    with pytest.raises(ValidationError):
        invitations_send(actor=personas["manager"], questionnaire=world["pre"], base_url=BASE)


def _send(world: dict[str, Any], actor: Any, capture: Any, when: dt.datetime) -> None:
    with capture(execute=True):
        invitations_send(actor=actor, questionnaire=world["pre"], base_url=BASE)
    Invitation.objects.update(sent_at=when)


def test_reminders_at_most_once_a_day_and_not_after_answering(
    world: dict[str, Any], personas: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    now = timezone.now()
    manager = personas["manager"]
    _send(world, manager, django_capture_on_commit_callbacks, now - dt.timedelta(hours=2))
    mail.outbox.clear()

    def remind(at: dt.datetime) -> int:
        with django_capture_on_commit_callbacks(execute=True):
            return invitations_remind(actor=manager, questionnaire=world["pre"], base_url=BASE, now=at)

    assert remind(now) == 0  # invited two hours ago
    assert remind(now + dt.timedelta(hours=23)) == 2
    assert sorted(m.subject.split(":")[0].strip() for m in mail.outbox) == [
        "Relance",
        "Reminder",
    ]  # in each one's language
    assert remind(now + dt.timedelta(hours=30)) == 0  # reminded seven hours earlier
    items = world["items"]
    submit(world["pre"], world["regs"]["besa"], {items["single"].pk: "a", items["likert"].pk: 3})
    assert remind(now + dt.timedelta(hours=48)) == 1  # Ana only: Besa has answered
    ana = Invitation.objects.get(registration=world["regs"]["ana"])
    besa = Invitation.objects.get(registration=world["regs"]["besa"])
    assert (ana.reminders, besa.reminders) == (2, 1)
    assert len(mail.outbox) == 3
    assert AuditEvent.objects.filter(action="invitation.remind").count() == 2


def test_the_daily_command_reminds_for_open_questionnaires(
    world: dict[str, Any], personas: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    _send(world, personas["manager"], django_capture_on_commit_callbacks, timezone.now() - dt.timedelta(days=2))
    mail.outbox.clear()
    closed = make_questionnaire(world["session"], QuestionnaireKind.POST_TEST, status=QuestionnaireStatus.CLOSED)
    Invitation.objects.create(
        questionnaire=closed,
        registration=world["regs"]["ana"],
        token="closed-questionnaire-token-0123456789",
        expires_at=timezone.now() + dt.timedelta(days=3),
        sent_at=timezone.now() - dt.timedelta(days=3),
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_questionnaire_reminders", "--base-url", BASE + "/")
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@ex.org", "besa@ex.org"]
    assert f"{BASE}/q/" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_questionnaire_reminders", "--base-url", BASE)
    assert len(mail.outbox) == 2  # not twice in a day
    with pytest.raises(CommandError):
        call_command("send_questionnaire_reminders")


def test_a_new_link_kills_the_old_one(client: Any, world: dict[str, Any], personas: dict[str, Any]) -> None:
    invitation = invitations_create(actor=personas["manager"], questionnaire=world["pre"])[0]
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now(), opened_at=timezone.now())
    invitation.refresh_from_db()
    old = invitation.token
    invitation_renew(actor=personas["manager"], invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.token != old and invitation.sent_at is None and invitation.opened_at is None
    assert client.get(f"/q/{old}/").status_code == 404
    assert client.get(f"/q/{invitation.token}/").status_code == 200
    assert AuditEvent.objects.filter(action="invitation.renew", object_id=str(invitation.pk)).exists()


@pytest.mark.parametrize(
    ("response_status", "opened", "sent", "expired", "expected"),
    [
        ("submitted", False, False, True, sel.SUBMITTED),
        (None, True, True, True, sel.EXPIRED),
        ("in_progress", True, True, False, sel.IN_PROGRESS),
        (None, True, True, False, sel.OPENED),
        (None, False, True, False, sel.SENT),
        (None, False, False, False, sel.NOT_SENT),
    ],
)
def test_a_links_status(response_status: str | None, opened: bool, sent: bool, expired: bool, expected: str) -> None:
    now = timezone.now()
    invitation = Invitation(
        expires_at=now - dt.timedelta(days=1) if expired else now + dt.timedelta(days=1),
        opened_at=now if opened else None,
        sent_at=now if sent else None,
    )
    assert sel.status_of(invitation, response_status, now, False) == expected
    assert sel.status_of(None, None, now, False) == sel.NO_LINK
