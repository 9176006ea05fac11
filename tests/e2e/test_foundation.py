"""A first walk through Relais in a real browser: login, French, dashboard, administration."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from relais.accounts.tests.factories import make_user
from relais.programmes.models import Role
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
    admin = make_user(email="admin@example.org", full_name="Alice Admin", password=PASSWORD, is_superuser=True)
    return {"programme": programme, "manager": manager, "admin": admin}


def test_anonymous_visitor_is_sent_to_login(page: Page, team: dict[str, Any]) -> None:
    page.goto(page.base_url + "/")  # type: ignore[attr-defined]
    expect(page).to_have_url(f"{page.base_url}/accounts/login/?next=/")  # type: ignore[attr-defined]
    expect(page.get_by_role("heading", name="Log in to Relais")).to_be_visible()
    shot(page, "login-en")
    assert serious_violations(page) == []


def test_login_switch_to_french_and_see_the_dashboard(page: Page, team: dict[str, Any]) -> None:
    login(page, "Manager@Example.org")
    expect(page.get_by_role("heading", name="Welcome, Mona")).to_be_visible()
    expect(page.get_by_text("Intensifying the fight against trafficking for labour exploitation")).to_be_visible()
    shot(page, "dashboard-en")
    assert serious_violations(page) == []

    page.get_by_role("button", name="Français").click()
    expect(page.get_by_role("heading", name="Bienvenue, Mona")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", name="Mes programmes")).to_be_visible()
    expect(page.get_by_text("Intensifier la lutte contre la traite")).to_be_visible()
    expect(page.get_by_role("navigation", name="Principale").get_by_role("link", name="Programmes")).to_be_visible()
    shot(page, "dashboard-fr")
    assert serious_violations(page) == []

    # The choice is remembered on the account: a new browser session opens in French.
    team["manager"].refresh_from_db()
    assert team["manager"].language == "fr"
    assert page.csp_violations == []  # type: ignore[attr-defined]


def test_login_page_in_french_and_wrong_password(page: Page, team: dict[str, Any]) -> None:
    page.goto(page.base_url + "/accounts/login/")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Français").click()
    expect(page.get_by_role("heading", name="Connexion à Relais")).to_be_visible()
    shot(page, "login-fr")
    page.get_by_label("Adresse électronique").fill("manager@example.org")
    page.get_by_label("Mot de passe").fill("not the password")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("alert")).to_contain_text("ne correspondent à aucun compte actif")
    assert serious_violations(page) == []


def test_administrator_pages_are_accessible(page: Page, team: dict[str, Any]) -> None:
    login(page, "admin@example.org")
    for path, name in [
        ("/programmes/", "programmes-en"),
        (f"/programmes/{team['programme'].pk}/", "programme-detail-en"),
        ("/administration/", "administration-en"),
        ("/administration/users/", "users-en"),
        (f"/administration/users/{team['manager'].pk}/", "user-detail-en"),
        ("/administration/reference/countries/", "countries-en"),
        ("/administration/audit/", "audit-en"),
        ("/accounts/me/", "profile-en"),
    ]:
        page.goto(page.base_url + path)  # type: ignore[attr-defined]
        shot(page, name)
        assert serious_violations(page) == [], path
    assert page.csp_violations == []  # type: ignore[attr-defined]


def test_htmx_filter_swaps_the_user_table(page: Page, team: dict[str, Any]) -> None:
    login(page, "admin@example.org")
    page.goto(page.base_url + "/administration/users/")  # type: ignore[attr-defined]
    page.get_by_label("Search by name or e-mail").fill("mona")
    results = page.locator("#results")
    expect(results.get_by_role("link", name="Mona Manager")).to_be_visible()
    expect(results.get_by_role("link", name="Alice Admin")).to_have_count(0)
    expect(page).to_have_url(f"{page.base_url}/administration/users/?q=mona&status=")  # type: ignore[attr-defined]
    assert page.csp_violations == []  # type: ignore[attr-defined]
