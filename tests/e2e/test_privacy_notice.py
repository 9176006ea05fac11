"""A participant opens their personal link in French, follows "How your data is used" and reads the
programme's privacy notice in French (paragraphs, no markup from the text), then goes back to the
questionnaire; the session's page links to the notice too. Each page is checked with axe."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from playwright.sync_api import Page, ViewportSize, expect

from relais.accounts.tests.factories import make_user
from relais.evaluation.tests.permissions_answer import build_answer_world, invite
from relais.programmes.models import Programme, Role
from relais.programmes.tests.factories import give_role, make_programme
from tests.e2e.conftest import PASSWORD, serious_violations, shot

pytestmark = pytest.mark.django_db(transaction=True)
PHONE: ViewportSize = {"width": 390, "height": 844}

NOTICE_EN = "Who is responsible\nThe secretariat of the programme.\n\nYour rights\nWrite to privacy@example.org."
NOTICE_FR = (
    "Qui est responsable\nLe secrétariat du programme.\n\n"
    "Vos droits\nÉcrivez à privacy@example.org. <b>Pas de balises</b>"
)


@pytest.fixture
def world(transactional_db: None, _reference_data: None) -> dict[str, Any]:
    cache.clear()
    programme = make_programme(title_en="Fighting labour trafficking", title_fr="Combattre la traite par le travail")
    Programme.objects.filter(pk=programme.pk).update(
        privacy_notice_en=NOTICE_EN, privacy_notice_fr=NOTICE_FR, retention_months=60
    )
    trainer = make_user(email="trainer@example.org", full_name="Tomas Trainer", password=PASSWORD)
    give_role(trainer, programme, Role.TRAINER)
    return build_answer_world(programme, trainer)


def test_a_participant_reads_the_programmes_notice_in_french(page: Page, world: dict[str, Any]) -> None:
    page.set_viewport_size(PHONE)
    invitation = invite(world["pre"], world["regs"]["ana"], "fr")
    link = f"{page.base_url}/q/{invitation.token}/"  # type: ignore[attr-defined]
    page.goto(link)
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    notice_link = page.locator(".answer-privacy a")
    expect(notice_link).to_be_visible()
    notice_link.click()

    expect(page).to_have_url(f"{link}privacy/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    notice = page.locator(".privacy-notice")
    expect(notice).to_have_attribute("lang", "fr")
    expect(notice.locator("p").first).to_contain_text("Le secrétariat du programme.")
    expect(notice.locator("p")).to_have_count(2)
    expect(notice).to_contain_text("<b>Pas de balises</b>")  # shown as text, not markup
    expect(notice.locator("b")).to_have_count(0)
    expect(page.get_by_text("The secretariat of the programme.")).to_have_count(0)
    expect(page.get_by_text("Combattre la traite par le travail")).to_be_visible()
    shot(page, "privacy-notice-fr")
    assert serious_violations(page) == []

    page.locator(f'a[href="/q/{invitation.token}/"]').click()
    expect(page.get_by_role("heading", name="Test de connaissances", level=1)).to_be_visible()
    assert page.csp_violations == []  # type: ignore[attr-defined]


def test_the_sessions_page_links_to_the_notice(page: Page, world: dict[str, Any]) -> None:
    page.goto(f"{page.base_url}/q/s/{world['entry_token']}/")  # type: ignore[attr-defined]
    page.get_by_role("link", name="How your data is used").click()
    expect(page.get_by_role("heading", name="How your data is used", level=1)).to_be_visible()
    expect(page.locator(".privacy-notice")).to_contain_text("The secretariat of the programme.")
    shot(page, "privacy-notice-entry-en")
    assert serious_violations(page) == []
    assert page.csp_violations == []  # type: ignore[attr-defined]
