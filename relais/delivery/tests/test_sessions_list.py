"""The list of sessions (filters, htmx partial, query count) and the month calendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from relais.core.models import Country, Theme
from relais.delivery.models import SessionStatus
from relais.delivery.selectors_sessions import month_calendar, parse_month
from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.tests.factories import make_complete_design, make_design


@pytest.fixture
def world(personas: dict[str, Any], programme: Any, other_programme: Any) -> dict[str, Any]:
    police = make_complete_design(programme=programme, title="Police investigation course")  # police theme
    judges = make_design(programme=programme, title="Judicial cooperation seminar")
    judges.themes.set(Theme.objects.filter(code="judicial_cooperation"))
    return {
        "police": police,
        "judges": judges,
        "tirana": make_session(
            design=police,
            country="AL",
            city="Tirana",
            start_date=dt.date(2026, 3, 2),
            end_date=dt.date(2026, 3, 3),
            status=SessionStatus.OPEN,
        ),
        "rome": make_session(
            design=judges,
            country="IT",
            city="Rome",
            venue="Palazzo Esempio",
            start_date=dt.date(2026, 3, 31),
            end_date=dt.date(2026, 4, 2),
            status=SessionStatus.PLANNED,
        ),
        "pristina": make_session(
            design=police,
            country="XK",
            city="Pristina",
            start_date=dt.date(2025, 11, 4),
            end_date=dt.date(2025, 11, 5),
            status=SessionStatus.DELIVERED,
        ),
        "elsewhere": make_session(
            design=make_complete_design(programme=other_programme, title="Other"),
            country="AL",
            city="Durrës",
            start_date=dt.date(2026, 3, 10),
            end_date=dt.date(2026, 3, 10),
        ),
        **personas,
    }


def _cities(client: Any, **params: Any) -> set[str]:
    response = client.get(reverse("delivery:sessions"), params)
    assert response.status_code == 200
    return {s.city for s in response.context["page"]}


def test_list_shows_what_the_user_may_see(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["admin"])
    assert _cities(client) == {"Tirana", "Rome", "Pristina", "Durrës"}
    client.force_login(world["manager"])
    assert _cities(client) == {"Tirana", "Rome", "Pristina"}
    client.force_login(world["coordinator_al"])
    assert _cities(client) == {"Tirana"}


def test_list_filters(client: Any, world: dict[str, Any], programme: Any) -> None:
    client.force_login(world["admin"])
    italy = Country.objects.get(code="IT")
    assert _cities(client, programme=programme.pk) == {"Tirana", "Rome", "Pristina"}
    assert _cities(client, country=italy.pk) == {"Rome"}
    assert _cities(client, theme=Theme.objects.get(code="police_investigation").pk) == {"Tirana", "Pristina", "Durrës"}
    assert _cities(client, theme=Theme.objects.get(code="judicial_cooperation").pk) == {"Rome"}
    assert _cities(client, status="delivered") == {"Pristina"}
    # The period keeps sessions that overlap it.
    assert _cities(client, date_from="2026-03-03", date_to="2026-03-31") == {"Tirana", "Rome", "Durrës"}
    assert _cities(client, date_from="2026-04-01") == {"Rome"}
    assert _cities(client, date_to="2025-12-31") == {"Pristina"}
    assert _cities(client, q="palazzo") == {"Rome"}
    assert _cities(client, q="police investigation") == {"Tirana", "Pristina"}
    # A period the wrong way round is an error next to the field, and filters nothing.
    response = client.get(reverse("delivery:sessions"), {"date_from": "2026-05-01", "date_to": "2026-04-01"})
    assert response.context["form"].errors["date_to"]


def test_list_marks_cancelled_sessions_and_seats(client: Any, world: dict[str, Any]) -> None:
    tirana = world["tirana"]
    tirana.status, tirana.cancellation_reason = SessionStatus.CANCELLED, "Strike of the airport staff"
    tirana.save()
    for status in ("registered", "attended", "waiting"):
        register(world["rome"], make_person(country="IT"), status)
    client.force_login(world["manager"])
    html = client.get(reverse("delivery:sessions")).content.decode()
    assert "Strike of the airport staff" in html and "Cancelled" in html
    assert "2 of 25" in html and "1 waiting" in html


def test_htmx_gets_the_table_only(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["manager"])
    response = client.get(reverse("delivery:sessions"), {"q": "Rome"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<table" in html and "<html" not in html and "Rome" in html


def test_list_query_count_does_not_grow_with_rows(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["manager"])
    url = reverse("delivery:sessions")
    client.get(url)  # warm caches (session, content types)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(30):
        session = make_session(design=world["police"], country="AL", city=f"City {i}", capacity=20)
        register(session, make_person(), "registered")
        session.trainers.add(world["trainer"])
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["page"]) == 33
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_calendar_month_grid(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["manager"])
    response = client.get(reverse("delivery:sessions_calendar"), {"month": "2026-03"})
    assert response.status_code == 200
    grid = response.context["grid"]
    # March 2026 starts on a Sunday: the grid starts on Monday 23 February and ends on Sunday 5 April.
    assert grid.weeks[0][0].date == dt.date(2026, 2, 23) and grid.weeks[-1][-1].date == dt.date(2026, 4, 5)
    assert all(len(week) == 7 and week[0].date.weekday() == 0 for week in grid.weeks)
    on = {d.date: [s.city for s in d.sessions] for week in grid.weeks for d in week}
    assert on[dt.date(2026, 3, 2)] == on[dt.date(2026, 3, 3)] == ["Tirana"]
    assert on[dt.date(2026, 3, 4)] == []
    assert on[dt.date(2026, 3, 31)] == on[dt.date(2026, 4, 2)] == ["Rome"]  # a session across two months
    assert grid.n_sessions == 2  # Rome counted once, though on three days
    html = response.content.decode()
    assert "<h1>March 2026</h1>" in html
    assert '<th scope="col"><abbr title="Monday">Mon</abbr></th>' in html
    assert "?month=2026-02" in html and "?month=2026-04" in html
    assert "<script" not in html.split("<main")[1]


def test_calendar_keeps_the_filters_in_its_month_links(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["admin"])
    italy = Country.objects.get(code="IT")
    response = client.get(reverse("delivery:sessions_calendar"), {"month": "2026-03", "country": italy.pk})
    assert [s.city for d in response.context["grid"].busy_days for s in d.sessions] == ["Rome"]
    assert f"?month=2026-04&amp;country={italy.pk}" in response.content.decode()


def test_calendar_in_french(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["manager"])
    with translation.override("fr"):
        response = client.get(reverse("delivery:sessions_calendar"), {"month": "2026-03"}, HTTP_ACCEPT_LANGUAGE="fr")
    html = response.content.decode()
    assert "Mars 2026" in html and 'title="Lundi"' in html


def test_calendar_bad_month_falls_back_to_this_month() -> None:
    today = dt.date(2026, 11, 28)
    assert parse_month("2026-13", today=today) == dt.date(2026, 11, 1)
    assert parse_month("nonsense", today=today) == dt.date(2026, 11, 1)
    assert parse_month("3000-01", today=today) == dt.date(2026, 11, 1)
    assert parse_month("2026-03", today=today) == dt.date(2026, 3, 1)
    assert parse_month(None, today=today) == dt.date(2026, 11, 1)


def test_calendar_query_count_is_fixed(world: dict[str, Any]) -> None:
    with CaptureQueriesContext(connection) as few:
        month_calendar(user=world["manager"], month=dt.date(2026, 3, 1))
    for i in range(20):
        make_session(design=world["police"], country="AL", city=f"City {i}")
    with CaptureQueriesContext(connection) as many:
        grid = month_calendar(user=world["manager"], month=dt.date(2026, 3, 1))
    assert grid.n_sessions == 22
    assert len(many) == len(few)


def test_viewer_and_outsider_do_not_reach_the_sessions_pages(client: Any, world: dict[str, Any]) -> None:
    for who in ("viewer", "outsider"):
        client.force_login(world[who])
        assert client.get(reverse("delivery:sessions")).status_code == 404
        assert client.get(reverse("delivery:sessions_calendar")).status_code == 404
