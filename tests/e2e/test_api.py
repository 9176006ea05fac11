"""API tokens and the API documentation in a real browser: create a token, use it over HTTP, see its
last use, revoke it; the documentation page in English and French."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from relais.accounts.tests.factories import make_user
from relais.programmes.models import Role
from relais.programmes.tests.factories import give_role, make_programme
from tests.e2e.conftest import PASSWORD, SCREENSHOTS, login, serious_violations, shot

pytestmark = pytest.mark.django_db(transaction=True)


def _get(url: str, token: str) -> tuple[int, Any]:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - the live test server
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.fixture
def manager(transactional_db: None, _reference_data: None) -> Any:
    user = make_user(email="manager@example.org", full_name="Mona Manager", password=PASSWORD)
    give_role(user, make_programme(title_en="Fighting labour trafficking"), Role.MANAGER)
    return user


def test_token_created_used_and_revoked(page: Page, manager: Any) -> None:
    base = page.base_url  # type: ignore[attr-defined]
    login(page, manager.email)
    page.goto(base + "/accounts/me/")
    page.get_by_role("link", name="Manage my API tokens").click()
    expect(page.get_by_role("heading", name="API tokens", exact=True)).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_label("Name").fill("Ministry training records")
    page.get_by_label("Read only").check()
    page.get_by_role("button", name="Create the token").click()
    expect(page.locator(".token-created")).to_contain_text("Copy it now")
    token = page.get_by_role("textbox", name="Token").input_value()
    assert token.startswith("relais_")
    shot(page, "api-token-created-en")
    assert serious_violations(page) == []

    status, body = _get(base + "/api/v1/programmes", token)
    assert status == 200 and body["items"][0]["title_en"] == "Fighting labour trafficking"

    page.reload()
    row = page.get_by_role("row", name="Ministry training records")
    expect(row).to_contain_text("Read only")
    expect(row).to_contain_text("127.0.0.1")
    assert token not in page.content()
    row.get_by_role("button", name="Revoke").click()
    expect(page.locator("#messages")).to_contain_text("is revoked")
    expect(page.get_by_role("row", name="Ministry training records")).to_contain_text("Revoked")

    status, body = _get(base + "/api/v1/programmes", token)
    assert status == 401 and body["title"] == "A valid token is needed"
    assert page.csp_violations == []  # type: ignore[attr-defined]


def test_token_form_errors_in_french(page: Page, manager: Any) -> None:
    base = page.base_url  # type: ignore[attr-defined]
    login(page, manager.email)
    page.goto(base + "/api/tokens/")
    page.get_by_role("button", name="Français").click()
    page.get_by_role("button", name="Créer le jeton").click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    shot(page, "api-tokens-fr")
    assert serious_violations(page) == []


@pytest.mark.parametrize("language", ["en", "fr"])
def test_documentation_page(page: Page, manager: Any, language: str) -> None:
    base = page.base_url  # type: ignore[attr-defined]
    page.goto(base + "/api/v1/docs/")
    if language == "fr":
        page.get_by_role("button", name="Français").click()
        expect(page.get_by_role("heading", name="Documentation de l’API")).to_be_hidden()
    expect(page.get_by_role("heading", name="Relais API v1")).to_be_visible()
    expect(page.locator("#op-programme_list_api")).to_contain_text("/api/v1/programmes")
    expect(page.locator("#problem-invalid")).to_be_visible()
    if SCREENSHOTS is not None:  # the page is long: its first screen
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"api-docs-{language}.png"))
    assert serious_violations(page) == []
    assert page.csp_violations == []  # type: ignore[attr-defined]
