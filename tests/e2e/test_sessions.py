"""Sessions in a real browser: make a session from a design, see it on its page and in the month calendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from relais.accounts.tests.factories import make_user
from relais.delivery.models import Session
from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.tests.factories import make_complete_design, make_design
from relais.programmes.models import Role
from relais.programmes.tests.factories import give_role, make_programme
from tests.e2e.conftest import PASSWORD, login, serious_violations, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def setup(transactional_db: None, _reference_data: None) -> dict[str, Any]:
    from relais.design.checker import design_check_refresh

    programme = make_programme(title_en="Fighting labour trafficking")
    coordinator = make_user(email="coord@example.org", full_name="Arben Coordinator", password=PASSWORD)
    give_role(coordinator, programme, Role.COORDINATOR, ["AL"])
    trainer = make_user(email="trainer@example.org", full_name="Tomas Trainer", password=PASSWORD)
    give_role(trainer, programme, Role.TRAINER)
    design = make_complete_design(programme=programme, title="Joint investigation training")
    design_check_refresh(design=design)
    weak = make_design(programme=programme, title="Awareness seminar")
    design_check_refresh(design=weak)
    other = make_session(
        design=design,
        country="AL",
        city="Shkodër",
        title="Joint investigation training — Shkodër",
        venue="Rozafa Training Hall",
        start_date=dt.date(2026, 3, 17),
        end_date=dt.date(2026, 3, 18),
    )
    for status in ("registered", "registered", "attended", "waiting"):
        register(other, make_person(), status)
    return {"programme": programme, "design": design, "weak": weak, "trainer": trainer}


def test_create_a_session_and_see_it_in_the_calendar(page: Page, setup: dict[str, Any]) -> None:
    login(page, "coord@example.org")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Sessions").click()
    expect(page.get_by_role("heading", name="Sessions", exact=True)).to_be_visible()
    shot(page, "sessions-list")
    assert serious_violations(page) == []

    page.get_by_role("link", name="New session").click()
    design = "Joint investigation training — Fighting labour trafficking"
    page.get_by_label("Activity design").select_option(label=design)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("#check-panel")).to_contain_text("Passes")
    page.get_by_label("Country").select_option(label="Albania")
    page.get_by_role("textbox", name="City", exact=True).fill("Durrës")
    page.get_by_label("Venue").fill("Hotel Adriatik, Hall A")
    page.get_by_label("First day").fill("2026-03-03")
    page.get_by_label("Last day").fill("2026-03-04")
    page.get_by_label("Capacity").fill("24")
    page.get_by_role("checkbox", name="Tomas Trainer").check()
    shot(page, "session-new")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Create the session").click()

    expect(page.get_by_role("heading", name="Joint investigation training — Durrës")).to_be_visible()
    expect(page.locator("#messages")).to_contain_text("Session created")
    expect(page.get_by_role("heading", name="Day 1 — Tuesday 3 March")).to_be_visible()
    expect(page.get_by_role("cell", name="09:00–09:30")).to_be_visible()
    expect(page.get_by_role("cell", name="09:00–10:00")).to_be_visible()
    shot(page, "session-detail")
    assert serious_violations(page) == []
    session = Session.objects.get(city="Durrës")
    assert list(session.trainers.all()) == [setup["trainer"]]

    page.goto(f"{page.base_url}/sessions/calendar/?month=2026-03")  # type: ignore[attr-defined]
    expect(page.get_by_role("heading", name="March 2026")).to_be_visible()
    table = page.get_by_role("table")
    expect(table.get_by_role("link", name="Joint investigation training — Durrës")).to_have_count(2)
    expect(table.get_by_role("link", name="Joint investigation training — Shkodër")).to_have_count(2)
    shot(page, "sessions-calendar")
    assert serious_violations(page) == []
    page.get_by_role("link", name="April 2026").click()
    expect(page.get_by_role("heading", name="April 2026")).to_be_visible()

    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{page.base_url}/sessions/calendar/?month=2026-03")  # type: ignore[attr-defined]
    expect(page.get_by_role("heading", name="Days with sessions")).to_be_visible()
    expect(page.get_by_role("table")).to_be_hidden()
    shot(page, "sessions-calendar-phone")
    assert serious_violations(page) == []
    assert page.csp_violations == []  # type: ignore[attr-defined]


def test_a_failing_design_warns(page: Page, setup: dict[str, Any]) -> None:
    login(page, "coord@example.org")
    page.goto(f"{page.base_url}/sessions/new/?design={setup['weak'].pk}")  # type: ignore[attr-defined]
    expect(page.get_by_role("alert")).to_contain_text("This design does not pass its check.")
    page.get_by_label("Country").select_option(label="Albania")
    page.get_by_role("textbox", name="City", exact=True).fill("Tirana")
    page.get_by_label("First day").fill("2026-06-02")
    page.get_by_label("Last day").fill("2026-06-01")
    page.get_by_role("button", name="Create the session").click()
    expect(page.get_by_text("The last day cannot come before the first day.")).to_be_visible()
    shot(page, "session-new-errors")
    assert serious_violations(page) == []
    assert not Session.objects.filter(city="Tirana").exists()
