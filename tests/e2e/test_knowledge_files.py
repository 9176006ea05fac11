"""A document's files in a real browser: a manager uploads a PDF (htmx), sees it listed with its text
read, finds the document by a phrase of the PDF's body, and a refused file says why."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from relais.accounts.tests.factories import make_user
from relais.knowledge.models import Access
from relais.knowledge.services import document_create
from relais.knowledge.tests import samples
from relais.programmes.models import Role
from relais.programmes.tests.factories import give_role, make_programme
from tests.e2e.conftest import PASSWORD, login, serious_violations, shot

pytestmark = pytest.mark.django_db(transaction=True)
PDF = "application/pdf"


@pytest.fixture
def document(transactional_db: None, _reference_data: None, settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    programme = make_programme(title_en="Fighting labour trafficking")
    manager = make_user(email="manager@example.org", full_name="Mona Manager", password=PASSWORD)
    give_role(manager, programme, Role.MANAGER)
    return document_create(
        actor=manager, kind="guideline", title="Inspecting recruitment agencies", language="en",
        access=Access.INTERNAL, year=2024,
    )  # fmt: skip


def _upload(page: Page, name: str, data: bytes, mime: str = PDF) -> None:
    page.locator("#kn-file-file").set_input_files({"name": name, "mimeType": mime, "buffer": data})
    page.get_by_role("button", name="Upload").click()


def test_upload_a_pdf_and_find_it_by_a_phrase_of_its_body(page: Page, document: Any) -> None:
    login(page, "manager@example.org")
    page.goto(f"{page.base_url}/knowledge/documents/{document.pk}/")  # type: ignore[attr-defined]
    expect(page.get_by_role("heading", name="Files")).to_be_visible()
    shot(page, "kn-files-empty")
    assert serious_violations(page) == []

    body = ["Recruitment agencies that charge workers a placement fee breach the law.", "Page two."]
    _upload(page, "agencies guide.pdf", samples.pdf_bytes(body))
    expect(page.locator("#messages")).to_contain_text("agencies guide.pdf is now version 1.")
    section = page.locator("#kn-files")
    expect(section.get_by_role("link", name="agencies guide.pdf", exact=True)).to_be_visible()
    expect(section).to_contain_text("Text extracted")
    expect(section.get_by_role("heading", name="Upload a new version")).to_have_count(0)  # a legend, not a heading
    shot(page, "kn-files-one-version")
    assert serious_violations(page) == []

    # A refused file: the reason next to the field, nothing added.
    _upload(page, "minutes.pdf", samples.docx_bytes(["Minutes"]), mime=PDF)
    expect(section.get_by_role("alert")).to_contain_text("The file was not added.")
    expect(section).to_contain_text("minutes.pdf is called a PDF but is a Word document (DOCX)")
    shot(page, "kn-files-refused")
    assert serious_violations(page) == []

    # A second version.
    page.get_by_label("What changed").fill("Fees table updated")
    _upload(page, "agencies guide v2.pdf", samples.pdf_bytes([*body, "Annex: the fees table."]))
    expect(page.locator("#messages")).to_contain_text("agencies guide v2.pdf is now version 2.")
    expect(section.locator("li.list-group-item")).to_have_count(2)
    expect(section).to_contain_text("Fees table updated")
    shot(page, "kn-files-two-versions")
    assert serious_violations(page) == []

    page.goto(f"{page.base_url}/knowledge/?q=%22charge+workers+a+placement+fee%22")  # type: ignore[attr-defined]
    expect(page.get_by_role("link", name="Inspecting recruitment agencies")).to_be_visible()
    shot(page, "kn-files-found")
    assert page.csp_violations == []  # type: ignore[attr-defined]


def test_without_javascript_a_refused_file_has_its_own_page(browser: Any, live_server: Any, document: Any) -> None:
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 860}, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.base_url = live_server.url
    page.csp_violations = []
    try:
        login(page, "manager@example.org")
        page.goto(f"{live_server.url}/knowledge/documents/{document.pk}/")
        _upload(page, "scan.png", b"\x89PNG\r\n\x1a\n" + bytes(64), mime="image/png")
        expect(page.get_by_role("heading", name="The file was not added")).to_be_visible()
        expect(page.get_by_role("alert")).to_contain_text("scan.png is not a type we accept: an image (PNG).")
        shot(page, "kn-files-refused-page")
        _upload(page, "notes.txt", b"Notes of the meeting with labour inspectors.", mime="text/plain")
        expect(page.locator("#messages")).to_contain_text("notes.txt is now version 1.")
        expect(page.locator("#kn-files")).to_contain_text("Text extracted")
    finally:
        context.close()
