"""The questionnaire builder in a browser: a trainer creates a session's questionnaires from the
design's evaluation plan, adds a scored single-choice question to the pre-test (htmx), edits it in
place, translates the pre-test into French, and opens it; each page checked with axe."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from relais.accounts.tests.factories import make_user
from relais.evaluation.models import Questionnaire
from relais.evaluation.tests.permissions_builder import build_world
from relais.programmes.models import Role
from relais.programmes.tests.factories import give_role, make_programme
from tests.e2e.conftest import PASSWORD, login, serious_violations, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def setup(transactional_db: None, _reference_data: None) -> dict[str, Any]:
    from relais.core.models import Theme
    from relais.evaluation.models import LibraryItem, QuestionnaireKind
    from relais.evaluation.standard_items import load_standard_items

    programme = make_programme(title_en="Fighting labour trafficking")
    trainer = make_user(email="trainer@example.org", full_name="Tomas Trainer", password=PASSWORD)
    give_role(trainer, programme, Role.TRAINER)
    load_standard_items(LibraryItem=LibraryItem, Theme=Theme)
    world = build_world(programme, trainer)
    assert LibraryItem.objects.filter(standard=True, kind=QuestionnaireKind.SATISFACTION).exists()
    return {"trainer": trainer, **world}


def test_build_translate_and_open_a_pre_test(page: Page, setup: dict[str, Any]) -> None:
    session = setup["session"]
    login(page, "trainer@example.org")
    page.goto(f"{page.base_url}/sessions/{session.pk}/questionnaires/")  # type: ignore[attr-defined]
    expect(page.get_by_role("heading", name="Questionnaires", exact=True)).to_be_visible()
    assert serious_violations(page) == []

    page.get_by_role("button", name="Create from the design's evaluation plan").click()
    expect(page.locator("#messages")).to_contain_text("4 questionnaires created from the design's evaluation plan")
    table = page.get_by_role("table", name="Questionnaires of the session")
    expect(table.locator("tbody tr")).to_have_count(4)
    expect(table).to_contain_text("Compared with the pre-test “Knowledge test before the training”")
    shot(page, "builder-session-questionnaires")
    assert serious_violations(page) == []

    page.get_by_role("link", name="Knowledge test before the training").click()
    expect(page.get_by_role("heading", name="Knowledge test before the training", level=1)).to_be_visible()
    expect(page.get_by_text("Its post-test:")).to_be_visible()
    assert serious_violations(page) == []

    # A scored single-choice question, added without reloading the page.
    page.locator("summary", has_text="Add a question").click()
    page.locator("#id_new-type").select_option("single")
    page.locator("#id_new-text").fill("Which of these is an indicator of forced labour?")
    page.locator("#id_new-options").fill("Withheld identity documents\nA paid annual holiday\nA written contract")
    page.locator("#id_new-correct").fill("a")
    page.locator("#id_new-points").fill("2")
    page.get_by_role("button", name="Add the question").click()
    expect(page.locator("#messages")).to_contain_text("Question added.")
    structure = page.locator("#structure")
    expect(structure).to_contain_text("Which of these is an indicator of forced labour?")
    expect(structure).to_contain_text("✓ correct")
    pre = Questionnaire.objects.get(session=session, kind="pre")
    item = pre.items.get()
    assert (item.options[0]["label"], item.correct, float(item.points)) == ("Withheld identity documents", ["a"], 2.0)
    expect(page.locator("#questionnaire-version")).to_have_value(str(pre.version))
    shot(page, "builder-editor-question-added")
    assert serious_violations(page) == []

    # Edit it in place: the help text.
    structure.get_by_role("link", name="Edit — question 1").click()
    page.locator(f"#id_i{item.pk}-help").fill("One answer.")
    page.get_by_role("button", name="Save the question").click()
    expect(page.locator("#messages")).to_contain_text("Question saved.")
    expect(structure).to_contain_text("One answer.")

    # The settings form still carries the current version: saving works after the htmx changes.
    page.get_by_role("button", name="Save the settings").click()
    expect(page.locator("#messages")).to_contain_text("Settings saved.")

    # Translate into French.
    page.get_by_role("link", name="French").click()
    expect(page.get_by_role("heading", name="Translation into French")).to_be_visible()
    # The default title and introduction come translated from the catalogue; the question does not.
    expect(page.get_by_text("29% translated (2 of 7 texts)")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_label("Title in French").fill("Test de connaissances avant la formation")
    page.get_by_label("Introduction in French").fill("Ce court test montre ce que vous savez avant la formation.")
    page.get_by_label("Question in French").fill("Lequel de ces éléments est un indicateur de travail forcé ?")
    page.get_by_label("Help text in French").fill("Une seule réponse.")
    page.get_by_label("Choice a in French").fill("Documents d'identité confisqués")
    page.get_by_label("Choice b in French").fill("Des congés payés")
    page.get_by_label("Choice c in French").fill("Un contrat écrit")
    shot(page, "builder-translate-fr")
    page.get_by_role("button", name="Save and go back to the questionnaire").click()
    expect(page.locator("#messages")).to_contain_text("Translations saved: 100% of the texts are translated.")
    expect(page.locator("#languages-panel")).to_contain_text("100% translated")
    item.refresh_from_db()
    assert item.translations["fr"]["options"] == {
        "a": "Documents d'identité confisqués",
        "b": "Des congés payés",
        "c": "Un contrat écrit",
    }

    # Open it for answers.
    page.get_by_role("button", name="Open for answers").click()
    expect(page.locator("#messages")).to_contain_text("The questionnaire is open for answers.")
    expect(page.locator(".page-head .badge", has_text="Open for answers")).to_be_visible()
    pre.refresh_from_db()
    assert pre.status == "open"
    shot(page, "builder-editor-open")
    assert serious_violations(page) == []
    assert page.csp_violations == []  # type: ignore[attr-defined]


def test_the_item_library_page(page: Page, setup: dict[str, Any]) -> None:
    login(page, "trainer@example.org")
    page.goto(f"{page.base_url}/questionnaires/library/?kind=satisfaction")  # type: ignore[attr-defined]
    expect(page.get_by_role("heading", name="Item library")).to_be_visible()
    expect(page.get_by_text("The training met my needs.")).to_be_visible()
    shot(page, "builder-library")
    assert serious_violations(page) == []
    assert page.csp_violations == []  # type: ignore[attr-defined]


def test_the_other_builder_pages(page: Page, setup: dict[str, Any]) -> None:
    """New questionnaire, reuse, a question's own page, and picking from the library: each checked."""
    from relais.delivery.tests.factories import make_session
    from relais.evaluation.tests.factories import make_test

    session = setup["session"]
    earlier = make_session(design=setup["design"], country="AL", title="Joint investigation training — Durrës")
    earlier.trainers.add(setup["trainer"])  # trainers reuse from the sessions they see: those they train
    make_test(earlier, "pre", questions=2)
    login(page, "trainer@example.org")
    base = page.base_url  # type: ignore[attr-defined]

    page.goto(f"{base}/sessions/{session.pk}/questionnaires/new/")
    expect(page.get_by_role("heading", name="New questionnaire")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_label("Kind").select_option("custom")
    page.get_by_label("Title").fill("Expectations before the training")
    page.get_by_role("button", name="Create the questionnaire").click()
    expect(page.get_by_role("heading", name="Expectations before the training", level=1)).to_be_visible()

    page.goto(f"{base}/sessions/{session.pk}/questionnaires/reuse/")
    expect(page.get_by_role("heading", name="Reuse a questionnaire")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_role("button", name="Copy into this session").first.click()
    expect(page.locator("#messages")).to_contain_text("copied from Joint investigation training — Durrës")
    copy = Questionnaire.objects.filter(session=session, kind="pre").get()
    item = copy.items.order_by("position")[0]

    page.goto(f"{base}/questionnaires/{copy.pk}/items/{item.pk}/")
    expect(page.get_by_role("heading", name="Edit a question")).to_be_visible()
    shot(page, "builder-item-page")
    assert serious_violations(page) == []
    page.locator(f"#id_i{item.pk}-text").fill("Reworded on its own page")
    page.get_by_role("button", name="Save the question").click()
    expect(page.locator("#messages")).to_contain_text("Question saved.")
    expect(page.locator("#structure")).to_contain_text("Reworded on its own page")

    page.get_by_role("link", name="Add from the library").click()
    expect(page.get_by_role("heading", name="Add from the library")).to_be_visible()
    shot(page, "builder-library-pick")
    assert serious_violations(page) == []
    page.get_by_label("Which is an indicator of forced labour?").check()
    page.get_by_role("button", name="Add the chosen questions").click()
    expect(page.locator("#messages")).to_contain_text("1 question added from the library.")
    expect(page.locator("#structure")).to_contain_text("Which is an indicator of forced labour?")
    assert page.csp_violations == []  # type: ignore[attr-defined]
