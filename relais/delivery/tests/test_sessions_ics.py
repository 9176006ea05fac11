"""The .ics exports, read back with icalendar: one session with its agenda, and a programme's sessions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from relais.delivery.models import SessionStatus
from relais.delivery.tests.factories import make_session
from relais.design.tests.factories import make_complete_design


@pytest.fixture
def world(personas: dict[str, Any], programme: Any) -> dict[str, Any]:
    design = make_complete_design(programme=programme, title="Joint investigation training")
    al = make_session(
        design=design,
        country="AL",
        city="Tirana",
        venue="Hotel Arbëria, Hall A",
        title="Joint investigation training — Tirana",
        start_date=dt.date(2026, 3, 2),
        end_date=dt.date(2026, 3, 3),
    )
    it = make_session(
        design=design,
        country="IT",
        city="Rome",
        start_date=dt.date(2026, 4, 7),
        end_date=dt.date(2026, 4, 8),
        status=SessionStatus.CANCELLED,
        cancellation_reason="Strike",
    )
    return {"design": design, "al": al, "it": it, **personas}


def _events(response: Any) -> list[Any]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


def test_session_ics(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["manager"])
    session = world["al"]
    response = client.get(reverse("delivery:session_ics", kwargs={"pk": session.pk}))
    assert 'filename="session-' in response["Content-Disposition"]
    [event] = _events(response)
    assert str(event["summary"]) == "Joint investigation training — Tirana"
    assert event.decoded("dtstart") == dt.date(2026, 3, 2)
    assert event.decoded("dtend") == dt.date(2026, 3, 4)  # all days: the end is exclusive
    assert str(event["location"]) == "Hotel Arbëria, Hall A, Tirana, Albania"
    assert str(event["uid"]) == f"session-{session.pk}@sessions.relais"
    description = str(event["description"])
    assert "Day 1 — Monday 2 March 2026 — Understanding labour exploitation" in description
    assert "09:00–09:30 Opening and pre-test" in description
    assert "Day 2 — Tuesday 3 March 2026 — Working across borders" in description
    assert "09:00–10:00 Mutual legal assistance" in description
    assert description.endswith(f"/sessions/{session.pk}/")
    assert str(event["status"]) == "TENTATIVE" or str(event["status"]) == "CONFIRMED"


def test_uid_is_stable(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["manager"])
    url = reverse("delivery:session_ics", kwargs={"pk": world["al"].pk})
    first, second = _events(client.get(url)), _events(client.get(url))
    assert first[0]["uid"] == second[0]["uid"]


def test_user_text_cannot_break_the_file(client: Any, world: dict[str, Any]) -> None:
    session = world["al"]
    session.title = "Evil;title, with\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected\x07"
    session.venue = "Hall; B, \\ back\nslash"
    session.save()
    client.force_login(world["manager"])
    response = client.get(reverse("delivery:session_ics", kwargs={"pk": session.pk}))
    assert response.content.split(b"\r\n").count(b"BEGIN:VEVENT") == 1
    [event] = _events(response)
    assert str(event["summary"]) == "Evil;title, with\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:injected"
    assert str(event["location"]).startswith("Hall; B, \\ back\nslash, Tirana")


def test_programme_ics(client: Any, world: dict[str, Any], programme: Any) -> None:
    client.force_login(world["manager"])
    response = client.get(reverse("delivery:programme_sessions_ics", kwargs={"pk": programme.pk}))
    events = {str(e["location"]).split(", ")[-2]: e for e in _events(response)}
    assert set(events) == {"Tirana", "Rome"}
    assert str(events["Rome"]["status"]) == "CANCELLED"
    assert str(events["Rome"]["description"]).startswith("Cancelled: Strike")
    assert "Day 2 — Wednesday 8 April 2026" in str(events["Rome"]["description"])
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["x-wr-calname"]) == programme.title


def test_programme_ics_query_count_is_fixed(client: Any, world: dict[str, Any], programme: Any) -> None:
    client.force_login(world["manager"])
    url = reverse("delivery:programme_sessions_ics", kwargs={"pk": programme.pk})
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    other = make_complete_design(programme=programme, title="Second design")
    for i in range(15):
        make_session(design=other if i % 2 else world["design"], country="AL", city=f"City {i}")
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(_events(response)) == 17
    assert len(many) == len(few)


def test_programme_ics_only_holds_what_the_user_may_see(
    client: Any, world: dict[str, Any], programme: Any, other_programme: Any
) -> None:
    client.force_login(world["coordinator_it"])
    response = client.get(reverse("delivery:programme_sessions_ics", kwargs={"pk": programme.pk}))
    assert [str(e["location"]) for e in _events(response)] == ["Rome, Italy"]
    assert client.get(reverse("delivery:programme_sessions_ics", kwargs={"pk": other_programme.pk})).status_code == 404
    assert client.get(reverse("delivery:programme_sessions_ics", kwargs={"pk": 999999})).status_code == 404
    client.force_login(world["viewer"])
    assert client.get(reverse("delivery:programme_sessions_ics", kwargs={"pk": programme.pk})).status_code == 404
