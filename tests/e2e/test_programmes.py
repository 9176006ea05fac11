"""A programme manager edits the programme and enters an indicator value, in English and in French."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from relais.accounts.tests.factories import make_user
from relais.core.models import Country
from relais.programmes import services_results
from relais.programmes.models import IndicatorValue, Role
from relais.programmes.tests.factories import give_role, make_programme
from tests.e2e.conftest import PASSWORD, login, serious_violations, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def team(transactional_db: None, _reference_data: None) -> dict[str, Any]:
    programme = make_programme(
        title_en="Intensifying the fight against trafficking for labour exploitation",
        title_fr="Intensifier la lutte contre la traite à des fins d'exploitation par le travail",
    )
    manager = make_user(email="manager@example.org", full_name="Mona Manager", password=PASSWORD)
    give_role(manager, programme, Role.MANAGER)
    coordinator = make_user(email="coord.al@example.org", full_name="Arben Coordinator", password=PASSWORD)
    give_role(coordinator, programme, Role.COORDINATOR, ["AL"])
    outcome = services_results.outcome_create(
        actor=manager, programme=programme, code="1", statement_en="Victims are identified and referred more often."
    )
    output = services_results.output_create(
        actor=manager, outcome=outcome, code="1.1", statement_en="Labour inspectors trained in identification."
    )
    indicator = services_results.indicator_create(
        actor=manager,
        programme=programme,
        parent=output,
        code="1.1.a",
        name_en="Labour inspectors trained",
        name_fr="Inspecteurs du travail formés",
        unit="people",
        target=Decimal(200),
    )
    return {"programme": programme, "manager": manager, "indicator": indicator}


def _assert_accessible(page: Page, name: str) -> None:
    shot(page, name)
    assert serious_violations(page) == [], name


def test_manager_edits_the_programme_and_enters_values(page: Page, team: dict[str, Any]) -> None:
    programme = team["programme"]
    base = f"{page.base_url}/programmes/{programme.pk}/"  # type: ignore[attr-defined]
    login(page, "manager@example.org")
    page.goto(base)
    expect(page.get_by_role("heading", name="Results framework")).to_be_visible()
    _assert_accessible(page, "programme-detail-manager-en")

    # Edit: a new donor, Serbia joins the countries of origin.
    page.get_by_role("link", name="Edit the programme").click()
    expect(page.get_by_role("heading", name="Edit the programme")).to_be_visible()
    _assert_accessible(page, "programme-edit-en")
    page.get_by_label("Donor").fill("European Demonstration Fund")
    origin = page.get_by_label("Countries of origin")
    ids = {c.code: str(c.pk) for c in Country.objects.filter(code__in=["AL", "XK", "RS"])}
    origin.select_option([ids["AL"], ids["XK"], ids["RS"]])
    page.get_by_role("button", name="Save the programme").click()
    expect(page.get_by_role("status")).to_contain_text("Countries added: Serbia.")
    expect(page.get_by_text("European Demonstration Fund")).to_be_visible()

    # Removing Albania would leave the coordinator of Albania outside the programme: refused, named.
    page.get_by_role("link", name="Edit the programme").click()
    page.get_by_label("Countries of origin").select_option([ids["XK"], ids["RS"]])
    page.get_by_role("button", name="Save the programme").click()
    expect(page.get_by_role("alert").filter(has_text="Arben Coordinator (Albania)")).to_be_visible()
    _assert_accessible(page, "programme-edit-refused-en")
    assert programme.countries.filter(code="AL").exists()

    # Enter the indicator's value for the second half of 2025.
    page.goto(base)
    page.get_by_role("link", name="Labour inspectors trained").click()
    expect(page.get_by_role("heading", name="1.1.a Labour inspectors trained")).to_be_visible()
    page.get_by_role("combobox", name="Period").select_option("2025-07-01/2025-12-31")
    page.get_by_role("textbox", name="Value").fill("90")
    page.get_by_label("Note").fill("Attendance lists of four sessions")
    page.get_by_role("button", name="Save the value").click()
    expect(page.get_by_role("status")).to_contain_text("Value saved.")
    expect(page.get_by_text("45% of the way from baseline to target").first).to_be_attached()
    _assert_accessible(page, "indicator-en")
    page.goto(f"{base}results/")
    expect(page.get_by_role("cell", name="90")).to_be_visible()
    _assert_accessible(page, "results-en")

    # The same in French: the page follows the language; fields are found by their ids.
    page.get_by_role("button", name="Français").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    _assert_accessible(page, "results-fr")
    page.goto(base)
    expect(page.get_by_role("heading", level=1)).to_have_text(programme.title_fr)
    page.get_by_role("link", name="Inspecteurs du travail formés").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Inspecteurs du travail formés")
    page.locator("#id_period").select_option("2026-01-01/2026-06-30")
    page.locator("#id_value").fill("150,5")  # the French decimal comma
    page.locator("#value-form button[type=submit]").click()
    expect(page.locator("table").get_by_text("150,5")).to_be_visible()
    _assert_accessible(page, "indicator-fr")
    page.goto(f"{base}edit/")
    expect(page.locator("#id_donor")).to_have_value("European Demonstration Fund")
    _assert_accessible(page, "programme-edit-fr")

    values = dict(IndicatorValue.objects.values_list("period_start__month", "value"))
    assert values == {7: Decimal(90), 1: Decimal("150.5")}
    assert page.csp_violations == []  # type: ignore[attr-defined]
