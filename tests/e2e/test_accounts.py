"""Account lifecycle in a real browser: invitation, first password, second factor, throttling."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from relais.accounts.tests.factories import make_user
from tests.e2e.conftest import PASSWORD, login, serious_violations, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def admin(transactional_db: None, _reference_data: None) -> Any:
    return make_user(email="admin@example.org", full_name="Alice Admin", password=PASSWORD, is_superuser=True)


def test_invited_person_chooses_a_password_in_french_and_logs_in(page: Page, admin: Any) -> None:
    login(page, admin.email)
    page.goto(page.base_url + "/administration/users/new/")  # type: ignore[attr-defined]
    page.get_by_label("Full name").fill("Dragana Jovanović")
    page.get_by_label("E-mail address").fill("dragana@example.org")
    page.get_by_label("Interface language").select_option("fr")
    page.get_by_role("button", name="Create the account").click()
    expect(page.get_by_role("heading", name="Dragana Jovanović")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("invites dragana@example.org")
    page.locator(".user-menu summary").click()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Log in to Relais")).to_be_visible()

    assert len(mail.outbox) == 1 and mail.outbox[0].subject == "Votre compte Relais"
    link = re.search(r"https?://\S+/accounts/password-reset/\S+", str(mail.outbox[0].body))
    assert link is not None
    page.goto(link.group(0))
    page.get_by_role("button", name="Français").click()
    expect(page.get_by_role("heading", name="Choisir un nouveau mot de passe")).to_be_visible()
    shot(page, "choose-password-fr")
    page.locator("#id_new_password1").fill("short")
    page.locator("#id_new_password2").fill("short")
    page.get_by_role("button", name="Enregistrer le mot de passe").click()
    expect(page.locator(".invalid-feedback").first).to_contain_text("trop court")
    assert serious_violations(page) == []
    new_password = "un mot de passe assez long 2026"
    page.locator("#id_new_password1").fill(new_password)
    page.locator("#id_new_password2").fill(new_password)
    page.get_by_role("button", name="Enregistrer le mot de passe").click()
    expect(page.get_by_role("heading", name="Mot de passe enregistré")).to_be_visible()

    page.get_by_role("link", name="Se connecter").click()
    page.get_by_label("Adresse électronique").fill("dragana@example.org")
    page.get_by_label("Mot de passe").fill(new_password)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Bienvenue, Dragana")).to_be_visible()
    expect(page.get_by_text("Vous n'avez encore aucun rôle dans un programme.")).to_be_visible()


def test_administrator_sets_up_the_second_factor_when_it_is_required(page: Page, admin: Any, settings: Any) -> None:
    settings.RELAIS_REQUIRE_2FA = True
    login(page, admin.email)
    expect(page.get_by_role("heading", name="Set up two-step verification")).to_be_visible()
    expect(page.get_by_role("img", name="QR code to add Relais to an authenticator app")).to_be_visible()
    shot(page, "two-step-setup-en")
    assert serious_violations(page) == []
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    page.get_by_label("Six-digit code from your authenticator app").fill(code)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("status")).to_contain_text("Two-step verification is on")
    page.goto(page.base_url + "/administration/")  # type: ignore[attr-defined]
    expect(page.get_by_role("heading", name="Administration")).to_be_visible()
    assert page.csp_violations == []  # type: ignore[attr-defined]


def test_language_of_the_account_follows_the_person_to_a_new_browser(
    page: Page, browser: Any, admin: Any, live_server: Any
) -> None:
    login(page, admin.email)
    page.get_by_role("button", name="Français").click()
    expect(page.get_by_role("heading", name="Bienvenue, Alice")).to_be_visible()
    other = browser.new_context(locale="en-GB")
    fresh = other.new_page()
    fresh.base_url = live_server.url
    login(fresh, admin.email)  # the login page is in English, the account's pages in French
    expect(fresh.get_by_role("heading", name="Bienvenue, Alice")).to_be_visible()
    other.close()
