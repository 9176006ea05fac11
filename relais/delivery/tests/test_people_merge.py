"""Merging two records of one person: every registration, attendance, certificate and consent of
both is kept, one registration per session, the hooks of other apps run, all or nothing, audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from relais.core.models import AuditEvent, Language
from relais.delivery import services_people
from relais.delivery.models import Attendance, Certificate, Consent, Person, Registration
from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.tests.factories import make_complete_design

DAY1, DAY2 = dt.date(2026, 3, 2), dt.date(2026, 3, 3)


@pytest.fixture
def twins(personas: dict[str, Any], programme: Any) -> dict[str, Any]:
    design = make_complete_design(programme=programme)
    both = make_session(design=design, country="AL")
    only_b = make_session(design=design, country="AL", city="Durrës")
    only_a = make_session(design=design, country="IT", city="Rome")
    a = make_person("Milan", "Đorđević", country="AL", email="milan@police.example.al", position="Inspector")
    b = make_person("Milan", "Djordjevic", country="AL", email="m.djordjevic@mail.example.al", phone="+355 69 123 4567")
    a.languages.set(Language.objects.filter(code="sq"))
    b.languages.set(Language.objects.filter(code__in=["en", "it"]))
    reg_a = register(both, a, status="registered")
    reg_b = register(both, b, status="attended")
    Attendance.objects.create(registration=reg_a, day=DAY1, present=False)
    Attendance.objects.create(registration=reg_b, day=DAY1, present=True)
    Attendance.objects.create(registration=reg_b, day=DAY2, present=True)
    Certificate.objects.create(registration=reg_b, code="CERT-B")
    register(only_b, b)
    register(only_a, a)
    for person, purpose in ((a, "Registration data"), (b, "Registration data"), (b, "Photographs")):
        Consent.objects.create(person=person, purpose=purpose, given_on=dt.date(2025, 5, 1), method="paper")
    return {
        **personas,
        "a": a,
        "b": b,
        "both": both,
        "only_a": only_a,
        "only_b": only_b,
        "reg_a": reg_a,
        "reg_b": reg_b,
    }


@pytest.fixture
def hook_calls() -> Iterator[list[tuple[int, int, int]]]:
    calls: list[tuple[int, int, int]] = []

    def hook(kept: Person, removed: Person) -> None:
        calls.append((kept.pk, removed.pk, removed.registrations.count()))

    services_people.register_merge_hook(hook)
    services_people.register_merge_hook(hook)  # registered once only
    yield calls
    services_people._merge_hooks.remove(hook)


def test_merge_keeps_everything_of_both(twins: dict[str, Any], hook_calls: list[Any]) -> None:
    a, b = twins["a"], twins["b"]
    b_pk = b.pk
    kept = services_people.people_merge(
        actor=twins["manager"], kept=a, removed=b, choices={"email": "removed", "phone": "removed", "languages": "both"}
    )
    assert not Person.objects.filter(pk=b_pk).exists()
    kept.refresh_from_db()
    assert kept.pk == a.pk
    assert (kept.email, kept.phone, kept.position) == ("m.djordjevic@mail.example.al", "+355 69 123 4567", "Inspector")
    assert kept.name_key == "milan dordevic"
    assert {lang.code for lang in kept.languages.all()} == {"sq", "en", "it"}
    registrations = {r.session_id: r for r in kept.registrations.all()}
    assert set(registrations) == {twins["both"].pk, twins["only_a"].pk, twins["only_b"].pk}
    # The same session: the more advanced registration (attended, of b) stays, with all attendance.
    stays = registrations[twins["both"].pk]
    assert stays.pk == twins["reg_b"].pk and stays.status == "attended"
    assert not Registration.objects.filter(pk=twins["reg_a"].pk).exists()
    assert dict(stays.attendance.values_list("day", "present")) == {DAY1: True, DAY2: True}
    assert stays.certificate.code == "CERT-B"
    assert kept.consents.count() == 3
    assert hook_calls == [(a.pk, b_pk, 2)]  # before anything moved
    event = AuditEvent.objects.get(action="person.merged")
    assert event.object_id == str(a.pk) and event.actor == twins["manager"]
    details = event.details
    assert (details["kept"], details["removed"]) == (a.pk, b_pk)
    assert details["choices"]["email"] == "removed" and details["choices"]["first_name"] == "kept"
    assert (details["registrations_moved"], details["registrations_combined"], details["consents_moved"]) == (1, 1, 2)
    assert "Djordjevic" not in str(details) and "@" not in str(details)


def test_attendance_of_the_dropped_registration_moves(twins: dict[str, Any]) -> None:
    """b attended and is kept; a's registration in the same session had a day of its own."""
    Attendance.objects.filter(registration=twins["reg_b"], day=DAY2).delete()
    Attendance.objects.create(registration=twins["reg_a"], day=DAY2, present=True)
    Certificate.objects.create(registration=twins["reg_a"], code="CERT-A")
    services_people.people_merge(actor=None, kept=twins["b"], removed=twins["a"])
    stays = Registration.objects.get(session=twins["both"], person=twins["b"])
    assert stays.pk == twins["reg_b"].pk
    assert dict(stays.attendance.values_list("day", "present")) == {DAY1: True, DAY2: True}
    event = AuditEvent.objects.get(action="person.merged")
    assert event.details["certificates_dropped"] == ["CERT-A"]
    assert twins["b"].registrations.count() == 3 and twins["b"].consents.count() == 3


def test_merge_is_all_or_nothing(twins: dict[str, Any]) -> None:
    def failing(kept: Person, removed: Person) -> None:
        Consent.objects.filter(person=removed).update(person=kept)
        raise RuntimeError("evaluation could not move the answers")

    services_people.register_merge_hook(failing)
    try:
        with pytest.raises(RuntimeError):
            services_people.people_merge(actor=twins["admin"], kept=twins["a"], removed=twins["b"])
    finally:
        services_people._merge_hooks.remove(failing)
    assert Person.objects.filter(pk=twins["b"].pk).exists()
    assert twins["b"].consents.count() == 2 and twins["b"].registrations.count() == 2
    assert not AuditEvent.objects.filter(action="person.merged").exists()


def test_merge_refusals(twins: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        services_people.people_merge(actor=None, kept=twins["a"], removed=twins["a"])
    with pytest.raises(ValidationError):
        services_people.people_merge(actor=None, kept=twins["a"], removed=twins["b"], choices={"email": "mine"})
    with pytest.raises(PermissionError):
        services_people.people_merge(actor=twins["coordinator_it"], kept=twins["a"], removed=twins["b"])
    assert Person.objects.filter(pk=twins["b"].pk).exists()


def test_merge_screen(client: Any, twins: dict[str, Any]) -> None:
    a, b = twins["a"], twins["b"]
    url = reverse("delivery:people_merge", kwargs={"a": a.pk, "b": b.pk})
    client.force_login(twins["coordinator_al"])
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "milan@police.example.al" in html and "m.djordjevic@mail.example.al" in html
    assert "Both records are registered in the same session" in html
    assert 'name="choose_email"' in html and 'name="choose_gender"' not in html  # the same in both
    # The Italian session of a is out of the coordinator's sight: counted, not named.
    assert twins["only_a"].title not in html and "1 registration in a session you may not see" in html
    viewed = AuditEvent.objects.filter(action="person.viewed", details__page="merge")
    assert sorted(int(e.object_id) for e in viewed) == sorted([a.pk, b.pk])

    data = {"keep": "b", "choose_last_name": "a", "choose_email": "a", "choose_phone": "b"}
    data |= {"choose_languages": "a", "choose_position": "a"}
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == f"/people/{b.pk}/"
    b.refresh_from_db()
    assert (b.first_name, b.last_name, b.email, b.position) == (
        "Milan",
        "Đorđević",
        "milan@police.example.al",
        "Inspector",
    )
    assert {lang.code for lang in b.languages.all()} == {"sq"}
    assert not Person.objects.filter(first_name="Milan").exclude(pk=b.pk).exists()
    choices = AuditEvent.objects.get(action="person.merged").details["choices"]
    assert choices["last_name"] == "removed" and choices["phone"] == "kept" and choices["first_name"] == "kept"
