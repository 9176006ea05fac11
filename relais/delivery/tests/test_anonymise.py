"""Erasure on request: anonymisation that removes the identity, keeps every figure, scrubs the audit
log, kills personal links, hides the name from certificate checks, and cannot be undone or edited."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from relais.core.demo import DemoContext, demo_steps
from relais.core.models import AuditEvent, Language
from relais.delivery import services_people
from relais.delivery.demo_people import anonymise_demo_person
from relais.delivery.duplicates import match_query
from relais.delivery.models import Certificate, Consent, Person, RegistrationStatus
from relais.delivery.selectors_people import duplicate_candidates
from relais.delivery.services_anonymise import person_anonymise, scrub
from relais.delivery.services_registrations import registration_set_status
from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.tests.factories import make_complete_design
from relais.evaluation.models import Invitation, ItemType, QuestionnaireKind, QuestionnaireStatus
from relais.evaluation.selectors_results import Selection, headline
from relais.evaluation.services_invitations import invitations_create
from relais.evaluation.tests.factories import make_item, make_questionnaire, submit


@pytest.fixture
def world(programme: Any, personas: dict[str, Any]) -> dict[str, Any]:
    design = make_complete_design(programme=programme)
    session = make_session(
        design=design, country="AL", start_date=dt.date(2025, 3, 2), end_date=dt.date(2025, 3, 3), status="delivered"
    )
    ana = make_person("Ana", "Hoxha", country="AL", email="ana.hoxha@police.example.al", phone="+355 69 123 4567")
    ana.position = "Head of the anti-trafficking unit"
    ana.save()
    ana.languages.set(Language.objects.filter(code__in=["sq", "en"]))
    besa = make_person("Besa", "Krasniqi", country="AL", profession="prosecution")
    reg = register(session, ana, RegistrationStatus.ATTENDED)
    register(session, besa, RegistrationStatus.ATTENDED)
    reg.position = ana.position
    reg.save()
    Consent.objects.create(
        person=ana,
        purpose="Registration data",
        given_on=dt.date(2025, 3, 1),
        method="paper",
        note="Signed by Ana Hoxha",
    )
    certificate = Certificate.objects.create(registration=reg, code="7KQ2M9XD4HTRAB3C")
    reaction = make_questionnaire(session, QuestionnaireKind.SATISFACTION, status=QuestionnaireStatus.OPEN)
    likert = make_item(reaction, ItemType.LIKERT)
    submit(reaction, reg, {likert.pk: 5})
    submit(reaction, besa.registrations.get(), {likert.pk: 2})
    return {**personas, "session": session, "ana": ana, "besa": besa, "reg": reg, "certificate": certificate}


def _erase(client: Any, person: Person, **data: Any) -> Any:
    return client.post(reverse("delivery:person_anonymise", kwargs={"pk": person.pk}), data)


def test_identity_goes_statistics_stay(world: dict[str, Any]) -> None:
    ana, session = world["ana"], world["session"]
    before = headline(Selection.of_session(session.pk))

    person_anonymise(actor=world["manager"], person=ana, reason="request")

    ana.refresh_from_db()
    assert (ana.first_name, ana.last_name, ana.name_key, ana.email, ana.phone, ana.position) == ("",) * 6
    assert ana.anonymised_at is not None and not ana.languages.exists()
    assert str(ana) == f"Anonymised person (no. {ana.pk})" and ana.sort_name == str(ana)
    # What the statistics count stays, and so does every figure.
    assert ana.country.code == "AL" and ana.profession is not None and ana.gender
    reg = world["reg"]
    reg.refresh_from_db()
    assert reg.status == RegistrationStatus.ATTENDED and reg.position == "" and reg.responses.count() == 1
    assert headline(Selection.of_session(session.pk)) == before
    # The consent stays as proof, without its free-text note.
    consent = ana.consents.get()
    assert consent.purpose == "Registration data" and consent.note == ""


def test_the_audit_keeps_its_events_without_the_identity(world: dict[str, Any]) -> None:
    ana, manager = world["ana"], world["manager"]
    services_people.person_viewed(actor=manager, person=ana)
    registration_set_status(actor=manager, registration=world["reg"], status=RegistrationStatus.ATTENDED)
    AuditEvent.objects.create(
        action="person.updated",
        object_type="delivery.person",
        object_id=str(ana.pk),
        object_repr="Ana Hoxha",
        details={"note": "asked by ana.hoxha@police.example.al", "names": ["Hoxha, Ana"]},
    )
    events_before = AuditEvent.objects.count()

    person_anonymise(actor=manager, person=ana, reason="request")

    about = AuditEvent.objects.filter(object_type="delivery.person", object_id=str(ana.pk))
    assert AuditEvent.objects.count() == events_before + 1  # kept, plus the erasure itself
    text = " ".join(f"{e.object_repr} {e.details}" for e in AuditEvent.objects.all())
    for trace in ("Hoxha", "ana.hoxha@", "123 4567"):
        assert trace not in text
    erased = about.get(action="person.anonymised")
    assert erased.details["reason"] == "request" and erased.actor == manager
    assert about.get(action="person.updated").details["names"] == ["[removed]"]


def test_scrub_replaces_every_case_and_leaves_other_values() -> None:
    value = {"a": "ANA HOXHA and ana hoxha", "n": 3, "l": ["x", "Hoxha"]}
    assert scrub(value, ["Ana Hoxha", "Hoxha"]) == {"a": "[removed] and [removed]", "n": 3, "l": ["x", "[removed]"]}


def test_personal_links_stop_working(world: dict[str, Any], client: Any) -> None:
    follow_up = make_questionnaire(world["session"], QuestionnaireKind.FOLLOW_UP, status=QuestionnaireStatus.OPEN)
    make_item(follow_up, ItemType.LIKERT)
    [invitation] = invitations_create(actor=None, questionnaire=follow_up, registrations=[world["reg"]])
    old = invitation.token
    assert client.get(reverse("evaluation:answer", kwargs={"token": old})).status_code == 200

    person_anonymise(actor=None, person=world["ana"], reason="retention")

    invitation = Invitation.objects.get(pk=invitation.pk)
    assert invitation.token != old and invitation.expires_at <= dt.datetime.now(dt.UTC)
    assert client.get(reverse("evaluation:answer", kwargs={"token": old})).status_code == 404


def test_certificate_check_no_longer_shows_the_name(world: dict[str, Any], client: Any) -> None:
    url = reverse("delivery:verify_code", kwargs={"code": world["certificate"].code})
    assert "Hoxha" in client.get(url).content.decode()
    person_anonymise(actor=None, person=world["ana"], reason="retention")
    page = client.get(url).content.decode()
    assert "Hoxha" not in page and "Ana" not in page and "This certificate is valid" in page


def test_idempotent_and_checked(world: dict[str, Any]) -> None:
    ana = world["ana"]
    with pytest.raises(PermissionDenied):
        person_anonymise(actor=world["coordinator_it"], person=ana, reason="request")
    with pytest.raises(ValueError):
        person_anonymise(actor=None, person=ana, reason="because")
    person_anonymise(actor=None, person=ana, reason="retention")
    first = Person.objects.get(pk=ana.pk).anonymised_at
    person_anonymise(actor=world["manager"], person=ana, reason="request")
    assert Person.objects.get(pk=ana.pk).anonymised_at == first
    assert AuditEvent.objects.filter(action="person.anonymised").count() == 1


def test_anonymised_people_are_never_matched_nor_edited(world: dict[str, Any]) -> None:
    ana, manager = world["ana"], world["manager"]
    twin = make_person("Ana", "Hoxha", country="AL")
    assert any({p.person_id, p.other_id} == {ana.pk, twin.pk} for p in duplicate_candidates(user=manager))
    person_anonymise(actor=manager, person=ana, reason="request")
    make_person("Other", "Someone", country="AL")
    anonymous_twin = make_person("X", "Y", country="AL")
    person_anonymise(actor=manager, person=anonymous_twin, reason="request")
    # Two anonymised records share an empty name: never proposed as duplicates.
    assert not any(ana.pk in (p.person_id, p.other_id) for p in duplicate_candidates(user=manager))
    assert not match_query("Ana", "Hoxha", "ana.hoxha@police.example.al", country_id=ana.country_id).filter(pk=ana.pk)
    with pytest.raises(ValidationError):
        services_people.person_update(
            actor=manager, person=ana, first_name="Ana", last_name="Hoxha", country=ana.country
        )
    with pytest.raises(ValidationError):
        services_people.people_merge(actor=manager, kept=twin, removed=ana)
    assert Person.objects.filter(pk=ana.pk).exists()


def test_the_erasure_page(world: dict[str, Any], client: Any) -> None:
    ana = world["ana"]
    client.force_login(world["manager"])
    url = reverse("delivery:person_anonymise", kwargs={"pk": ana.pk})
    page = client.get(url).content.decode()
    assert "Removed" in page and "Kept, without a name" in page and "E-mail address and telephone" in page
    # The confirmation is the record's number: anything else is refused and changes nothing.
    assert _erase(client, ana, confirm="yes").status_code == 400
    assert Person.objects.get(pk=ana.pk).anonymised_at is None
    response = _erase(client, ana, confirm=str(ana.pk))
    assert response.status_code == 302 and response["Location"] == reverse("delivery:person", kwargs={"pk": ana.pk})
    assert Person.objects.get(pk=ana.pk).anonymised_at is not None
    detail = client.get(response["Location"]).content.decode()
    assert (
        "Hoxha" not in detail and f"Anonymised person (no. {ana.pk})" in detail and "Erase personal data" not in detail
    )
    # The edit page refuses, with a message, and sends back to the record.
    edit = client.get(reverse("delivery:person_edit", kwargs={"pk": ana.pk}), follow=True)
    assert "can no longer be edited" in edit.content.decode()


def test_only_those_who_may_edit(world: dict[str, Any], client: Any) -> None:
    ana = world["ana"]
    for persona in ("coordinator_it", "trainer", "me_officer", "outsider"):
        client.force_login(world[persona])
        assert _erase(client, ana, confirm=str(ana.pk)).status_code == 404
    assert Person.objects.get(pk=ana.pk).anonymised_at is None
    client.force_login(world["coordinator_al"])
    assert _erase(client, ana, confirm=str(ana.pk)).status_code == 302


def test_lists_show_the_label(world: dict[str, Any], client: Any) -> None:
    ana, session = world["ana"], world["session"]
    person_anonymise(actor=None, person=ana, reason="retention")
    client.force_login(world["admin"])
    label = f"Anonymised person (no. {ana.pk})"
    for url in (
        reverse("delivery:people"),
        reverse("delivery:registrations", kwargs={"pk": session.pk}),
        reverse("delivery:certificates", kwargs={"pk": session.pk}),
    ):
        page = client.get(url).content.decode()
        assert label in page and "Hoxha" not in page, url


def test_the_demo_has_one_anonymised_person(world: dict[str, Any]) -> None:
    context = DemoContext()
    anonymise_demo_person(context)
    erased = Person.objects.get(anonymised_at__isnull=False)
    assert erased == world["ana"] == context.objects["anonymised_person"]  # the first who attended
    assert erased.first_name == "" and erased.registrations.get().status == RegistrationStatus.ATTENDED
    assert AuditEvent.objects.get(action="person.anonymised").details["reason"] == "request"
    assert "people_anonymised" in [step.key for step in demo_steps()]
