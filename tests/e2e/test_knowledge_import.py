"""Importing a catalogue in a real browser: upload a sheet and a ZIP, read the problems, fix, confirm."""

from __future__ import annotations

from typing import Any

import pytest
from playwright._impl._api_structures import FilePayload
from playwright.sync_api import Page, expect

from relais.accounts.tests.factories import make_user
from relais.knowledge.models import Document
from relais.knowledge.tests.test_import_documents import full_files, full_rows, row, sheet_xlsx, txt, zip_of
from relais.programmes.models import Role
from relais.programmes.tests.factories import give_role, make_programme
from tests.e2e.conftest import PASSWORD, login, serious_violations, shot

pytestmark = pytest.mark.django_db(transaction=True)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def manager(transactional_db: None, _reference_data: None, settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path
    programme = make_programme(title_en="Fighting labour trafficking")
    user = make_user(email="manager@example.org", full_name="Mona Manager", password=PASSWORD)
    give_role(user, programme, Role.MANAGER)
    return user


def _upload(page: Page, sheet: bytes, files: bytes) -> None:
    sheet_file: FilePayload = {"name": "catalogue.xlsx", "mimeType": XLSX, "buffer": sheet}
    page.get_by_label("Metadata sheet").set_input_files(sheet_file)
    page.get_by_label("Files (ZIP)").set_input_files(
        {"name": "files.zip", "mimeType": "application/zip", "buffer": files}
    )
    page.get_by_role("button", name="Check the import").click()


def test_import_a_catalogue(page: Page, manager: Any) -> None:
    login(page, "manager@example.org")
    page.goto(f"{page.base_url}/knowledge/import/")  # type: ignore[attr-defined]
    expect(page.get_by_role("heading", name="Import documents")).to_be_visible()
    shot(page, "kn-import-upload")
    assert serious_violations(page) == []

    rows = [*full_rows(), row(title="Bad", kind="poem", year="19x0", isbn="978-0-306-40615-8", file="nothere.pdf")]
    files = {**full_files(), "extra/unnamed.txt": txt("x")}
    _upload(page, sheet_xlsx(rows), zip_of(files))
    expect(
        page.get_by_role("heading", name="4 problems: nothing will be imported until they are fixed.")
    ).to_be_visible()
    shot(page, "kn-import-preview-problems")
    assert serious_violations(page) == []

    page.get_by_role("link", name="Upload corrected files").click()
    _upload(page, sheet_xlsx(full_rows()), zip_of(files))
    expect(page.get_by_role("button", name="Import 3 documents")).to_be_visible()
    shot(page, "kn-import-preview-ok")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Import 3 documents").click()
    expect(page.get_by_text("3 documents added, 0 updated, 0 unchanged; 2 files added.")).to_be_visible()
    shot(page, "kn-import-done")
    assert Document.objects.count() == 3
    assert page.csp_violations == []  # type: ignore[attr-defined]
