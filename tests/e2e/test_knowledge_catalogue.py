"""The public catalogue in a real browser: a visitor with no account searches in French, refines by
a facet, opens a document and downloads its citation; the internal document does not exist for
them; staff find it. Every page checked with axe and for CSP violations."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from relais.accounts.tests.factories import make_user
from relais.knowledge.models import Access
from relais.knowledge.services import document_create
from relais.knowledge.services_files import file_add
from relais.knowledge.tests import samples
from relais.programmes.models import Role
from relais.programmes.tests.factories import give_role, make_programme
from tests.e2e.conftest import PASSWORD, login, serious_violations, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def catalogue(transactional_db: None, _reference_data: None, settings: Any, tmp_path: Any) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path / "media"
    programme = make_programme(title_en="Fighting labour trafficking")
    trainer = make_user(email="trainer@example.org", full_name="Tomas Trainer", password=PASSWORD)
    give_role(trainer, programme, Role.TRAINER)
    french = document_create(
        actor=None,
        kind="guideline",
        title="Guide de l'inspection du travail face à la traite",
        abstract="Comment un inspecteur du travail repère les indices de travail forcé.",
        language="fr",
        authors=["Élodie Martin", "Ștefan Popescu"],
        publisher="Centre Relais (fictif)",
        year=2023,
        access=Access.PUBLIC,
        themes=["thb_labour"],
        audiences=["labour_inspection"],
    )
    file_add(
        actor=None,
        document=french,
        data=samples.docx_bytes(["L'inspecteur constate des retenues sur salaire et des dettes de recrutement."]),
        filename="guide.docx",
        extract_now=True,
    )
    english = document_create(
        actor=None,
        kind="study",
        title="Recruitment fees and debt bondage in seasonal agriculture",
        abstract="A study of how workers trafficked into seasonal work are held by debts.",
        language="en",
        year=2021,
        access=Access.PUBLIC,
        themes=["thb_labour"],
    )
    internal = document_create(
        actor=None,
        kind="report",
        title="Internal review of inspection practice",
        abstract="Notes of the inspectors' working group.",
        language="en",
        year=2025,
        access=Access.INTERNAL,
    )
    return {"french": french, "english": english, "internal": internal}


def test_a_visitor_searches_the_public_catalogue(page: Page, catalogue: dict[str, Any]) -> None:
    base = page.base_url  # type: ignore[attr-defined]
    page.goto(f"{base}/knowledge/")
    expect(page.get_by_role("heading", name="Knowledge centre", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    expect(page.locator("#kn-results")).not_to_contain_text("Internal review")
    assert serious_violations(page) == []

    page.get_by_label("Search the catalogue").fill("inspecteurs")
    page.get_by_role("button", name="Search", exact=True).click()
    results = page.locator("#kn-results")
    expect(results).to_contain_text("Guide de l'inspection du travail")
    expect(results.locator("mark").first).to_be_visible()
    expect(results).not_to_contain_text("Internal review")
    shot(page, "kn-public-search")
    assert serious_violations(page) == []

    # "Stefan" without the comma finds the author "Ștefan".
    page.get_by_label("Search the catalogue").fill("Stefan")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(results).to_contain_text("Guide de l'inspection du travail")

    # A facet narrows the list (htmx swaps the results; the page works the same without it).
    page.get_by_label("Search the catalogue").fill("")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(results).to_contain_text("Recruitment fees")
    page.locator("#kn-facets").get_by_role("checkbox", name="Study").check()
    expect(results).not_to_contain_text("Guide de l'inspection du travail")
    expect(results).to_contain_text("Recruitment fees")
    assert "kind=study" in page.url

    title = "Recruitment fees and debt bondage in seasonal agriculture"
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator("body")).to_contain_text("@")  # the BibTeX block
    with page.expect_download() as download:
        page.get_by_role("link", name="Download .bib").click()
    assert download.value.suggested_filename.endswith(".bib")
    shot(page, "kn-public-document")
    assert serious_violations(page) == []

    # The internal document does not exist for the public.
    response = page.goto(f"{base}/knowledge/documents/{catalogue['internal'].pk}/")
    assert response is not None and response.status == 404
    assert page.csp_violations == []  # type: ignore[attr-defined]


def test_in_french_and_for_staff(page: Page, catalogue: dict[str, Any]) -> None:
    base = page.base_url  # type: ignore[attr-defined]
    page.goto(f"{base}/knowledge/")
    page.get_by_role("button", name="Français").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Centre de ressources")
    page.get_by_label("Rechercher dans le catalogue").fill("trafficked")
    page.get_by_role("button", name="Rechercher", exact=True).click()
    expect(page.locator("#kn-results")).to_contain_text("Recruitment fees")
    shot(page, "kn-public-search-fr")
    assert serious_violations(page) == []

    page.get_by_role("button", name="English").click()
    login(page, "trainer@example.org")
    page.goto(f"{base}/knowledge/?q=inspection")
    expect(page.locator("#kn-results")).to_contain_text("Internal review of inspection practice")
    assert serious_violations(page) == []
    assert page.csp_violations == []  # type: ignore[attr-defined]
