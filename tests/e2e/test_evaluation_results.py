"""Evaluation results in a real browser: a programme's results with their charts, switching the
grouping (htmx swaps the table and charts, the address follows), a session's results and a test's
item analysis — each with no serious accessibility violation and no CSP violation."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from relais.accounts.tests.factories import make_user
from relais.evaluation.tests.factories_results import build_results_world
from relais.programmes.models import Role
from relais.programmes.tests.factories import give_role, make_programme
from tests.e2e.conftest import PASSWORD, login, serious_violations, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def setup(transactional_db: None, _reference_data: None) -> dict[str, Any]:
    programme = make_programme(title_en="Fighting labour trafficking")
    manager = make_user(email="manager@example.org", full_name="Mona Manager", password=PASSWORD)
    give_role(manager, programme, Role.MANAGER)
    viewer = make_user(email="viewer@example.org", full_name="Victor Viewer", password=PASSWORD)
    give_role(viewer, programme, Role.VIEWER)
    return {"programme": programme, **build_results_world(programme)}


def test_programme_results_with_charts_and_grouping(page: Page, setup: dict[str, Any]) -> None:
    login(page, "manager@example.org")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Evaluation").click()
    expect(page.get_by_role("heading", name="Evaluation", exact=True)).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_role("link", name="Fighting labour trafficking").click()

    expect(page.get_by_role("heading", name="Results — Fighting labour trafficking")).to_be_visible()
    expect(page.locator("#results-table caption")).to_have_text("Figures by Country")
    chart = page.get_by_role("img", name="Mean pre-test and post-test score by country")
    expect(chart).to_be_visible()
    expect(page.locator("#h-level2").locator("xpath=..")).to_contain_text("42% → 75%")
    shot(page, "evaluation-results-by-country")
    assert serious_violations(page) == []

    page.get_by_label("Group by").select_option(label="Profession")  # htmx swaps the results
    expect(page.locator("#results-table caption")).to_have_text("Figures by Profession")
    expect(page).to_have_url(re.compile(r"by=profession"))  # the address follows (hx-push-url)
    expect(page.get_by_role("img", name="Mean normalised gain by profession")).to_be_visible()
    table = page.locator("#results-table")
    expect(table.get_by_role("row", name="Police")).to_contain_text("33% → 92%")
    page.get_by_text("The figures of this chart").first.click()  # the chart's data table
    expect(page.locator("#results-charts table").first).to_contain_text("Prosecution")
    shot(page, "evaluation-results-by-profession")
    assert serious_violations(page) == []

    page.get_by_label("Group by").select_option(label="Session")
    page.locator("#results-table").get_by_role("link", name="Tirana training").click()
    expect(page.get_by_role("heading", name="Results — Tirana training")).to_be_visible()
    expect(page.get_by_role("img", name="Answers to each satisfaction question", exact=False)).to_be_visible()
    shot(page, "evaluation-session-results")
    assert serious_violations(page) == []

    page.get_by_role("link", name=setup["q"]["pre"].title).click()
    expect(page.get_by_role("heading", name="Item analysis", exact=False)).to_be_visible()
    expect(page.get_by_text("Too hard.").first).to_be_visible()
    shot(page, "evaluation-item-analysis")
    assert serious_violations(page) == []
    assert page.csp_violations == []  # type: ignore[attr-defined]


def test_viewer_sees_small_figures_suppressed(page: Page, setup: dict[str, Any]) -> None:
    login(page, "viewer@example.org")
    page.goto(f"{page.base_url}/evaluation/programmes/{setup['programme'].pk}/results/?by=profession")  # type: ignore[attr-defined]
    expect(page.locator("#results-table").get_by_role("row", name="Police")).to_contain_text("fewer than 5")
    assert serious_violations(page) == []
    assert page.csp_violations == []  # type: ignore[attr-defined]
