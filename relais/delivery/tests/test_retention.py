"""Retention periods: who is due and when, the daily command, the programme's preview page."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from relais.core.models import AuditEvent
from relais.delivery import services_retention
from relais.delivery.models import Person
from relais.delivery.selectors_retention import add_months, due_dates, due_people, programme_retention
from relais.delivery.services_anonymise import person_anonymise
from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.tests.factories import make_complete_design

TODAY = timezone.localdate()


def _session(programme: Any, end: dt.date, **fields: Any) -> Any:
    design = make_complete_design(programme=programme)
    return make_session(design=design, start_date=end - dt.timedelta(days=1), end_date=end, **fields)


def _months_ago(months: int, days: int = 0) -> dt.date:
    return add_months(TODAY, -months) - dt.timedelta(days=days)


@pytest.fixture
def world(programme: Any, other_programme: Any, personas: dict[str, Any]) -> dict[str, Any]:
    programme.retention_months = 24
    programme.save()
    old = _session(programme, _months_ago(24, days=1))  # ended 24 months and a day ago
    recent = _session(programme, _months_ago(24, days=-10))  # due in ten days
    people = {name: make_person(name.title(), "Person", country="AL") for name in ("due", "soon", "both", "kept")}
    register(old, people["due"], "attended")
    register(recent, people["soon"], "attended")
    # "both" is in the old session and in a programme without a retention period: kept.
    register(old, people["both"], "attended")
    register(_session(other_programme, _months_ago(36)), people["both"], "attended")
    # "kept" took part in the old session and in a later one of the same programme.
    register(old, people["kept"], "attended")
    register(_session(programme, _months_ago(3)), people["kept"], "attended")
    return {**personas, **people, "programme": programme, "other": other_programme}


def test_add_months_keeps_the_day_or_the_months_end() -> None:
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2024, 11, 15), 14) == dt.date(2026, 1, 15)
    assert add_months(dt.date(2024, 3, 31), -1) == dt.date(2024, 2, 29)


def test_who_is_due(world: dict[str, Any]) -> None:
    due = due_dates(Person.objects.all())
    assert due[world["due"].pk].due_on == add_months(_months_ago(24, days=1), 24) <= TODAY
    assert due[world["soon"].pk].due_on > TODAY
    assert world["both"].pk not in due  # a programme without a period keeps them
    assert due[world["kept"].pk].due_on == add_months(_months_ago(3), 24)  # their latest session counts
    assert [d.person_id for d in due_people(today=TODAY)] == [world["due"].pk]


def test_every_programme_must_be_past(world: dict[str, Any]) -> None:
    world["other"].retention_months = 6
    world["other"].save()
    assert world["both"].pk in {d.person_id for d in due_people(today=TODAY)}
    world["other"].retention_months = 60
    world["other"].save()
    assert world["both"].pk not in {d.person_id for d in due_people(today=TODAY)}


def test_anonymised_people_are_never_due(world: dict[str, Any]) -> None:
    person_anonymise(actor=None, person=world["due"], reason="request")
    assert due_people(today=TODAY) == []


def test_the_command(world: dict[str, Any]) -> None:
    out = StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert f"{world['programme'].code}: 1 person(s) due" in out.getvalue() and "would be anonymised" in out.getvalue()
    assert not Person.objects.filter(anonymised_at__isnull=False).exists()

    out = StringIO()
    call_command("apply_retention", stdout=out)
    assert "1 person(s) anonymised, 0 failed." in out.getvalue() and "Due" not in out.getvalue()
    assert list(Person.objects.filter(anonymised_at__isnull=False)) == [world["due"]]
    event = AuditEvent.objects.get(action="person.anonymised")
    assert event.details["reason"] == "retention" and event.actor is None
    # Only the due person was touched; a second run finds nobody.
    assert Person.objects.get(pk=world["soon"].pk).first_name == "Soon"
    out = StringIO()
    call_command("apply_retention", stdout=out)
    assert "0 person(s) anonymised" in out.getvalue()


def test_the_command_for_one_programme(world: dict[str, Any]) -> None:
    out = StringIO()
    call_command("apply_retention", "--programme", world["other"].code, stdout=out)
    assert "0 person(s) anonymised" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("apply_retention", "--programme", "NOPE")


def test_one_failure_leaves_that_person_and_not_the_others(world: dict[str, Any], monkeypatch: Any) -> None:
    register(_session(world["programme"], _months_ago(30)), make_person("Also", "Due", country="AL"))
    real = services_retention.person_anonymise

    def failing(*, person: Person, **kwargs: Any) -> None:
        if person.pk == world["due"].pk:
            raise RuntimeError("disk full")
        real(person=person, **kwargs)

    monkeypatch.setattr(services_retention, "person_anonymise", failing)
    run = services_retention.retention_apply(today=TODAY)
    assert (run.due, run.anonymised, run.failed) == (2, 1, 1)
    assert Person.objects.get(pk=world["due"].pk).anonymised_at is None


def test_the_preview(world: dict[str, Any]) -> None:
    preview = programme_retention(programme=world["programme"], today=TODAY)
    assert [d.person_id for d in preview.due_now] == [world["due"].pk]
    assert [d.person_id for d in preview.due_soon] == [world["soon"].pk]


def test_the_preview_page(world: dict[str, Any], client: Any) -> None:
    url = reverse("delivery:programme_retention", kwargs={"pk": world["programme"].pk})
    client.force_login(world["manager"])
    page = client.get(url).content.decode()
    assert "Due now: 1 person" in page and "Due in the next 30 days: 1 person" in page
    assert f"no. {world['due'].pk}" in page and "Due" in page and "Person" not in page.split("<main", 1)[-1]
    # The programme page links to it, for managers only.
    detail = reverse("programmes:detail", kwargs={"pk": world["programme"].pk})
    assert url in client.get(detail).content.decode()
    client.force_login(world["coordinator_al"])
    assert url not in client.get(detail).content.decode()
    assert client.get(url).status_code == 404


def test_the_preview_page_reads_a_fixed_number_of_queries(world: dict[str, Any], client: Any) -> None:
    url = reverse("delivery:programme_retention", kwargs={"pk": world["programme"].pk})
    client.force_login(world["manager"])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    old = _session(world["programme"], _months_ago(25))
    for n in range(12):
        register(old, make_person(f"More{n}", "Due", country="AL"))
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert "Due now: 13 people" in response.content.decode()
    assert len(many) == len(few) <= 14


def test_people_in_no_session_are_due_after_the_platform_period(world: dict[str, Any], settings: Any) -> None:
    """No programme's period applies to someone registered in no session: the platform's does, from
    the record's last change."""
    settings.RELAIS_RETENTION_WITHOUT_SESSION_MONTHS = 24
    stale = make_person("Stale", "Record", country="AL")
    fresh = make_person("Fresh", "Record", country="AL")
    long_ago = timezone.now() - dt.timedelta(days=2 * 366)
    Person.objects.filter(pk=stale.pk).update(updated_at=long_ago)
    due = {d.person_id for d in due_people(today=TODAY)}
    assert stale.pk in due and fresh.pk not in due
    assert stale.pk not in {d.person_id for d in due_people(today=TODAY, programme=world["programme"])}

    out = StringIO()
    call_command("apply_retention", stdout=out)
    assert "registered in no session: 1 person(s) due" in out.getvalue()
    assert "2 person(s) anonymised" in out.getvalue()
    assert Person.objects.get(pk=stale.pk).anonymised_at is not None
    assert Person.objects.get(pk=fresh.pk).anonymised_at is None


def test_people_in_no_session_are_kept_when_the_platform_period_is_off(world: dict[str, Any], settings: Any) -> None:
    settings.RELAIS_RETENTION_WITHOUT_SESSION_MONTHS = 0
    stale = make_person("Stale", "Record", country="AL")
    Person.objects.filter(pk=stale.pk).update(updated_at=timezone.now() - dt.timedelta(days=3650))
    assert stale.pk not in {d.person_id for d in due_people(today=TODAY)}
