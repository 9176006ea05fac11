"""Two editors at once, in two browsers: both open the same design section (or question), both edit;
the second to save is told who changed it and when, and keeps the text typed; the conflict state
passes axe."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from relais.accounts.tests.factories import make_user
from relais.design.tests.factories import make_complete_design
from relais.evaluation.models import QuestionnaireKind
from relais.evaluation.tests.factories import make_test
from relais.evaluation.tests.permissions_builder import build_world
from relais.programmes.models import Role
from relais.programmes.tests.factories import give_role, make_programme
from tests.e2e.conftest import PASSWORD, login, serious_violations, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def setup(transactional_db: None, _reference_data: None) -> dict[str, Any]:
    programme = make_programme(title_en="Fighting labour trafficking")
    mona = make_user(email="mona@example.org", full_name="Mona Manager", password=PASSWORD)
    marco = make_user(email="marco@example.org", full_name="Marco Manager", password=PASSWORD)
    trainer = make_user(email="trainer@example.org", full_name="Tomas Trainer", password=PASSWORD)
    for manager in (mona, marco):
        give_role(manager, programme, Role.MANAGER)
    give_role(trainer, programme, Role.TRAINER)
    design = make_complete_design(programme=programme, title="Joint investigation training")
    world = build_world(programme, trainer)
    questionnaire = make_test(world["session"], QuestionnaireKind.PRE_TEST, questions=1)
    return {"design": design, "questionnaire": questionnaire}


@pytest.fixture
def two_pages(browser: Browser, live_server: Any) -> Iterator[tuple[Page, Page]]:
    """Two browser contexts: two people, each with their own session."""
    contexts = [browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 860}) for _ in range(2)]
    pages = []
    for context in contexts:
        page = context.new_page()
        page.set_default_timeout(10_000)
        violations: list[str] = []

        def on_console(message: ConsoleMessage, violations: list[str] = violations) -> None:
            if "Content Security Policy" in message.text:
                violations.append(message.text)

        page.on("console", on_console)
        page.csp_violations = violations  # type: ignore[attr-defined]
        page.base_url = live_server.url  # type: ignore[attr-defined]
        pages.append(page)
    yield pages[0], pages[1]
    for context in contexts:
        context.close()


def test_two_editors_of_one_design_section(two_pages: tuple[Page, Page], setup: dict[str, Any]) -> None:
    first, second = two_pages
    login(first, "mona@example.org")
    login(second, "marco@example.org")
    url = f"/designs/{setup['design'].pk}/edit/general/"
    for page in (first, second):
        page.goto(f"{page.base_url}{url}")  # type: ignore[attr-defined]
        expect(page.get_by_role("heading", name="General")).to_be_visible()

    first.locator("#id_title").fill("Joint investigation training — Mona's")
    first.get_by_role("button", name="Save").click()
    expect(first.locator("#messages")).to_contain_text("Saved")

    second.locator("#id_title").fill("Joint investigation training — Marco's")
    second.get_by_role("button", name="Save").click()
    conflict = second.get_by_role("alert").filter(has_text="not saved yet")
    expect(conflict).to_contain_text("Mona Manager changed this design at")
    expect(second.locator("#id_title")).to_have_value("Joint investigation training — Marco's")
    shot(second, "design-editor-conflict")
    assert serious_violations(second) == []

    # Mona's title is intact; saving again (from the version now shown) goes through.
    setup["design"].refresh_from_db()
    assert setup["design"].title == "Joint investigation training — Mona's"
    second.get_by_role("button", name="Save").click()
    expect(second.locator("#messages")).to_contain_text("Saved")
    setup["design"].refresh_from_db()
    assert setup["design"].title == "Joint investigation training — Marco's"
    assert first.csp_violations == [] and second.csp_violations == []  # type: ignore[attr-defined]


def test_two_editors_of_one_question(two_pages: tuple[Page, Page], setup: dict[str, Any]) -> None:
    first, second = two_pages
    login(first, "trainer@example.org")
    login(second, "mona@example.org")
    questionnaire = setup["questionnaire"]
    item = questionnaire.items.get()
    for page in (first, second):
        page.goto(f"{page.base_url}/questionnaires/{questionnaire.pk}/")  # type: ignore[attr-defined]
        page.get_by_role("link", name="Edit — question 1").click()
        expect(page.locator(f"#id_i{item.pk}-text")).to_be_visible()

    first.locator(f"#id_i{item.pk}-text").fill("Tomas's wording of the question")
    first.get_by_role("button", name="Save the question").click()
    expect(first.locator("#messages")).to_contain_text("Question saved.")

    second.locator(f"#id_i{item.pk}-text").fill("Mona's wording of the question")
    second.get_by_role("button", name="Save the question").click()
    conflict = second.get_by_role("alert").filter(has_text="not saved yet")
    expect(conflict).to_contain_text("Tomas Trainer changed this questionnaire at")
    expect(second.locator(f"#id_i{item.pk}-text")).to_have_value("Mona's wording of the question")
    shot(second, "builder-question-conflict")
    assert serious_violations(second) == []
    item.refresh_from_db()
    assert item.text == "Tomas's wording of the question"
    assert first.csp_violations == [] and second.csp_violations == []  # type: ignore[attr-defined]
