"""A participant answers a questionnaire in French through a personal link on a phone, and the same
link is then refused in French; the session's page for participants; paper entry at the keyboard;
the personal links page. Each page is checked with axe."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from playwright.sync_api import Page, ViewportSize, expect

from relais.accounts.tests.factories import make_user
from relais.evaluation.models import Contact, Invitation, Response, ResponseSource, ResponseStatus
from relais.evaluation.tests.permissions_answer import build_answer_world, invite
from relais.programmes.models import Role
from relais.programmes.tests.factories import give_role, make_programme
from tests.e2e.conftest import PASSWORD, login, serious_violations, shot

pytestmark = pytest.mark.django_db(transaction=True)
PHONE: ViewportSize = {"width": 390, "height": 844}


@pytest.fixture
def world(transactional_db: None, _reference_data: None) -> dict[str, Any]:
    cache.clear()
    programme = make_programme(title_en="Fighting labour trafficking")
    trainer = make_user(email="trainer@example.org", full_name="Tomas Trainer", password=PASSWORD)
    give_role(trainer, programme, Role.TRAINER)
    return {"trainer": trainer, **build_answer_world(programme, trainer)}


def test_a_participant_answers_in_french_and_the_link_is_then_refused(page: Page, world: dict[str, Any]) -> None:
    page.set_viewport_size(PHONE)
    invitation = invite(world["pre"], world["regs"]["ana"], "fr")
    link = f"{page.base_url}/q/{invitation.token}/"  # type: ignore[attr-defined]
    page.goto(link)
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", name="Test de connaissances", level=1)).to_be_visible()
    expect(page.get_by_text("Page 1 sur 2")).to_be_visible()
    question = page.get_by_role("radiogroup", name="Le travail forcé est-il un crime ?")
    expect(question).to_be_visible()
    shot(page, "answer-fr-page-1")
    assert serious_violations(page) == []

    # Sent without the required answer: the error is listed at the top and beside the question.
    page.get_by_role("button", name="Page suivante").click()
    page.get_by_role("button", name="Envoyer mes réponses").click()
    summary = page.locator("#error-summary")
    expect(summary).to_contain_text("Vérifiez 2 réponses")
    expect(page.get_by_text("Page 1 sur 2")).to_be_visible()
    shot(page, "answer-fr-errors")
    assert serious_violations(page) == []
    summary.get_by_role("link").first.click()
    expect(question.get_by_label("Oui")).to_be_focused()

    question.get_by_label("Oui").check()
    page.get_by_role("button", name="Page suivante").click()
    expect(page.get_by_role("heading", name="Avis")).to_be_visible()
    page.get_by_role("radiogroup", name="Je me sens prêt à identifier des victimes.").get_by_label("4").check()
    page.get_by_label("Comments").fill("Très utile")
    page.get_by_role("button", name="Enregistrer et continuer plus tard").click()
    expect(page.locator(".alert-success")).to_contain_text("Vos réponses sont enregistrées")
    page.goto(link)  # the same link again: back where a question remains open, answers kept
    expect(page.get_by_label("Comments")).to_have_value("Très utile")
    page.get_by_role("button", name="Envoyer mes réponses").click()

    expect(page.get_by_role("heading", name="Merci pour vos réponses")).to_be_visible()
    shot(page, "answer-fr-thanks")
    assert serious_violations(page) == []
    response = Response.objects.get(invitation=invitation)
    assert response.status == ResponseStatus.SUBMITTED and response.score == 1 and response.language == "fr"

    page.goto(link)
    expect(page.get_by_role("heading", name="Vous avez déjà répondu à ce questionnaire")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    shot(page, "answer-fr-used")
    assert serious_violations(page) == []
    assert page.csp_violations == []  # type: ignore[attr-defined]


def test_the_session_page_for_participants(page: Page, world: dict[str, Any]) -> None:
    page.set_viewport_size(PHONE)
    page.goto(f"{page.base_url}/q/s/{world['entry_token']}/")  # type: ignore[attr-defined]
    expect(page.get_by_role("heading", name="Joint investigation training — Tirana")).to_be_visible()
    shot(page, "entry-page")
    assert serious_violations(page) == []
    page.get_by_label("Your e-mail address").fill("besa@ex.org")
    page.get_by_role("button", name="Send me my links").click()
    expect(page.locator(".alert-success")).to_contain_text("If this address belongs to a participant")
    assert serious_violations(page) == []

    page.get_by_role("link", name="Answer anonymously — Satisfaction").click()
    page.get_by_role("radiogroup", name="The training met my needs.").get_by_label("5 — Strongly agree").check()
    shot(page, "anonymous-page")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", name="Thank you for your answers")).to_be_visible()
    assert Response.objects.get(questionnaire=world["satisfaction"]).likert_sum == 5
    assert page.csp_violations == []  # type: ignore[attr-defined]


def test_paper_entry_at_the_keyboard(page: Page, world: dict[str, Any]) -> None:
    login(page, "trainer@example.org")
    page.goto(f"{page.base_url}/questionnaires/{world['pre'].pk}/paper/")  # type: ignore[attr-defined]
    expect(page.get_by_role("heading", name="Paper entry")).to_be_visible()
    expect(page.get_by_label("Participant")).to_be_focused()
    assert serious_violations(page) == []
    page.get_by_label("Participant").select_option(label="Berisha, Drita")
    page.get_by_role("button", name="Open the form").click()
    expect(page.get_by_role("heading", name="Answers of Berisha, Drita")).to_be_visible()
    first = page.get_by_label("Is forced labour a crime?")
    expect(first).to_be_focused()
    shot(page, "paper-entry")
    assert serious_violations(page) == []
    # Codes typed, Tab between questions: a, then "a c", then 4, then a number.
    page.keyboard.type("a")
    page.keyboard.press("Tab")
    page.keyboard.type("a c")
    page.keyboard.press("Tab")
    page.keyboard.type("4")
    page.keyboard.press("Tab")
    page.keyboard.type("7")
    page.get_by_role("button", name="Save and next participant").click()
    expect(page.locator("#messages")).to_contain_text("Answers of Berisha, Drita saved.")
    expect(page.get_by_role("heading", name="Answers of Hoxha, Ana")).to_be_visible()
    saved = Response.objects.get(registration=world["regs"]["drita"], questionnaire=world["pre"])
    assert saved.source == ResponseSource.PAPER and saved.score == 1 and saved.likert_sum == 4
    assert serious_violations(page) == []
    assert page.csp_violations == []  # type: ignore[attr-defined]


def test_the_personal_links_page(page: Page, world: dict[str, Any]) -> None:
    login(page, "trainer@example.org")
    page.goto(f"{page.base_url}/questionnaires/{world['pre'].pk}/invitations/")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Create 3 personal links").click()
    expect(page.locator("#messages")).to_contain_text("3 personal links created.")
    ana = Invitation.objects.get(registration=world["regs"]["ana"])
    expect(page.get_by_label("Personal link of Hoxha, Ana")).to_have_value(f"{page.base_url}/q/{ana.token}/")  # type: ignore[attr-defined]
    expect(page.get_by_role("heading", name="Participants without an e-mail address")).to_be_visible()
    shot(page, "invitations")
    assert serious_violations(page) == []
    assert page.csp_violations == []  # type: ignore[attr-defined]


def test_a_follow_up_names_contacts_and_cooperation(page: Page, world: dict[str, Any]) -> None:
    page.set_viewport_size(PHONE)
    invitation = invite(world["follow_up"], world["regs"]["ana"])
    page.goto(f"{page.base_url}/q/{invitation.token}/")  # type: ignore[attr-defined]
    contacts = page.get_by_role("group", name="Whom are you in touch with?")
    contacts.get_by_label("Besa Krasniqi").check()
    contacts.get_by_label("Organisations").select_option(label="State Police")
    first = page.get_by_role("group", name="Cooperation 1")
    first.get_by_label("Type").select_option(label="Joint investigation")
    first.get_by_label("Date").fill("2026-05-04")
    first.get_by_label("Countries involved").select_option(label="Italy")
    first.get_by_label("What was done").fill("Joint case")
    shot(page, "answer-follow-up")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", name="Thank you for your answers")).to_be_visible()
    assert set(Contact.objects.values_list("contact__last_name", "organisation__name")) == {
        ("Krasniqi", None),
        (None, "State Police"),
    }
    assert page.csp_violations == []  # type: ignore[attr-defined]
