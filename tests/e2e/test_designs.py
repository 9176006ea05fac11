"""The design model in a real browser: build a design, watch the check follow, replicate it."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from relais.accounts.tests.factories import make_user
from relais.design.tests.factories import make_complete_design
from relais.programmes.models import Role, RouteRole
from relais.programmes.tests.factories import give_role, make_programme
from tests.e2e.conftest import PASSWORD, login, serious_violations, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def setup(transactional_db: None, _reference_data: None) -> dict[str, Any]:
    programme = make_programme(title_en="Fighting labour trafficking")
    pilot = make_programme(title_en="Pilot replication", route={"ME": RouteRole.ORIGIN, "AT": RouteRole.DESTINATION})
    manager = make_user(email="manager@example.org", full_name="Mona Manager", password=PASSWORD)
    give_role(manager, programme, Role.MANAGER)
    give_role(manager, pilot, Role.MANAGER)
    design = make_complete_design(programme=programme, title="Joint investigation training")
    from relais.design.checker import design_check_refresh

    design_check_refresh(design=design)
    return {"programme": programme, "pilot": pilot, "manager": manager, "design": design}


def test_build_a_design_and_watch_the_check(page: Page, setup: dict[str, Any]) -> None:
    login(page, "manager@example.org")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Designs").click()
    expect(page.get_by_role("heading", name="Activity designs")).to_be_visible()
    page.get_by_role("link", name="New design").click()
    page.get_by_label("Programme").select_option(label="Fighting labour trafficking")
    page.get_by_label("Title").fill("Seminar for labour inspectors")
    page.get_by_label("Format").select_option("national")
    page.get_by_role("button", name="Create the design").click()
    expect(page.get_by_role("heading", name="Seminar for labour inspectors")).to_be_visible()
    panel = page.locator("#check-panel")
    expect(panel).to_contain_text("MD-1")
    shot(page, "design-editor-countries")
    assert serious_violations(page) == []

    page.get_by_role("checkbox", name="Albania").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#messages")).to_contain_text("Saved")
    page.get_by_role("navigation", name="Sections of the design").get_by_role("link", name="Agenda").click()
    page.get_by_label("Title of the day").fill("Day of practice")
    page.get_by_role("button", name="Add the day").click()
    expect(page.get_by_label("Title of day 1")).to_have_value("Day of practice")
    page.get_by_role("textbox", name="Title", exact=True).fill("Case study on construction sites")
    page.get_by_label("Method").select_option("case_study")
    page.get_by_label("Duration (minutes)").fill("120")
    page.get_by_role("button", name="Add the module").click()
    expect(page.get_by_role("link", name="Case study on construction sites")).to_be_visible()
    expect(page.locator(".day-total")).to_have_text("2 h")
    shot(page, "design-editor-agenda")
    assert serious_violations(page) == []
    assert page.csp_violations == []  # type: ignore[attr-defined]


def test_design_page_and_replication_in_french(page: Page, setup: dict[str, Any]) -> None:
    login(page, "manager@example.org")
    page.get_by_role("button", name="Français").click()
    page.goto(f"{page.base_url}/designs/{setup['design'].pk}/")  # type: ignore[attr-defined]
    expect(page.get_by_role("heading", name="Joint investigation training")).to_be_visible()
    expect(page.locator("#check-panel")).to_contain_text("MD-3")
    shot(page, "design-detail-fr")
    assert serious_violations(page) == []

    page.get_by_role("link", name="Répliquer").click()
    page.get_by_label("Dans le programme").select_option(value=str(setup["pilot"].pk))
    page.get_by_label("Titre de la nouvelle conception").fill("Formation conjointe — Monténégro")
    page.get_by_label("Pays").select_option(label="Monténégro")
    page.get_by_role("button", name="Créer la copie liée").click()
    expect(page.get_by_role("heading", name="Formation conjointe — Monténégro")).to_be_visible()
    expect(page.get_by_role("heading", name="Liste d'adaptation")).to_be_visible()
    page.get_by_role("checkbox", name="Cadre juridique national").check()
    expect(page.get_by_text("Coché par Mona Manager")).to_be_visible()
    shot(page, "design-replicated-fr")
    assert serious_violations(page) == []
    page.get_by_role("link", name="Joint investigation training").click()
    expect(page.get_by_role("link", name="Formation conjointe — Monténégro")).to_be_visible()
    assert page.csp_violations == []  # type: ignore[attr-defined]
