"""Importing paper answers in a real browser: download the questionnaire's template, upload a sheet
with a mistake and read it in the preview, upload the template filled in, import, and see it listed."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from relais.accounts.tests.factories import make_user
from relais.evaluation.models import Response, ResponseSource
from relais.evaluation.tests.import_sheets import HEADER, build_world, key, sheet_xlsx
from relais.programmes.models import Role
from relais.programmes.tests.factories import give_role, make_programme
from tests.e2e.conftest import PASSWORD, login, serious_violations, shot

pytestmark = pytest.mark.django_db(transaction=True)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def setup(transactional_db: None, _reference_data: None, settings: Any, tmp_path: Path) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path
    programme = make_programme(title_en="Fighting labour trafficking")
    coordinator = make_user(email="coord.al@example.org", full_name="Arben Coordinator", password=PASSWORD)
    give_role(coordinator, programme, Role.COORDINATOR, ["AL"])
    return build_world(programme)


def _upload(page: Page, name: str, data: bytes) -> None:
    page.get_by_label("Workbook of answers").set_input_files({"name": name, "mimeType": XLSX, "buffer": data})
    page.get_by_role("button", name="Check the answers").click()


def test_import_paper_answers_from_the_template(page: Page, setup: dict[str, Any]) -> None:
    questionnaire, regs = setup["questionnaire"], setup["regs"]
    login(page, "coord.al@example.org")
    page.goto(f"{page.base_url}/questionnaires/{questionnaire.pk}/import/")  # type: ignore[attr-defined]
    expect(page.get_by_role("heading", name="Import paper answers")).to_be_visible()
    shot(page, "evaluation-import-upload")
    assert serious_violations(page) == []

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the template (XLSX)").click()
    template = Path(download.value.path()).read_bytes()

    mistaken = sheet_xlsx([HEADER, [key(regs["ana"]), "", "a", "a;c", 5], [key(regs["besa"]), "", "Perhaps", "b", 9]])
    _upload(page, "answers tirana.xlsx", mistaken)
    expect(
        page.get_by_role("heading", name="2 problems: nothing will be imported until they are fixed.")
    ).to_be_visible()
    problems = page.locator(".problem-table tbody tr")
    expect(problems).to_have_count(2)
    expect(problems.nth(0)).to_contain_text("C (Q1 Is forced labour a crime in your country?)")
    expect(problems.nth(0)).to_contain_text("“Perhaps”: This choice is not on the list.")
    expect(problems.nth(1)).to_contain_text("“9”: Choose a value from 1 to 5.")
    expect(page.get_by_role("button", name="Import", exact=False)).to_have_count(0)
    shot(page, "evaluation-import-problems")
    assert serious_violations(page) == []
    assert not Response.objects.exists()

    book = load_workbook(io.BytesIO(template))
    sheet = book["Answers"]
    rows = {sheet.cell(row=r, column=1).value: r for r in range(2, sheet.max_row + 1)}
    for name, values in {"ana": ("a", "a;c", 5), "besa": ("Oui", "Debt bondage", 4), "drita": ("b", "b", 2)}.items():
        for column, value in zip((4, 5, 6), values, strict=True):
            sheet.cell(row=rows[key(regs[name])], column=column, value=value)
    filled = io.BytesIO()
    book.save(filled)

    page.get_by_role("link", name="Upload a corrected file").click()
    _upload(page, "answers tirana (corrected).xlsx", filled.getvalue())
    expect(page.get_by_role("heading", name="What importing will do")).to_be_visible()
    expect(page.get_by_role("cell", name="To record")).to_have_count(3)
    expect(page.get_by_text(f"{key(regs['besa'])} — Besa Besason")).to_be_visible()
    shot(page, "evaluation-import-ready")
    assert serious_violations(page) == []

    page.get_by_role("button", name="Import 3 responses").click()
    expect(page.locator("#messages")).to_contain_text("3 responses imported, 0 already there.")
    expect(page.get_by_role("heading", name="Files imported into this questionnaire")).to_be_visible()
    expect(page.get_by_role("cell", name="answers tirana (corrected).xlsx")).to_be_visible()
    shot(page, "evaluation-import-done")
    assert serious_violations(page) == []
    scores = {r.registration_id: r.score for r in Response.objects.filter(source=ResponseSource.IMPORT)}
    assert scores == {
        regs["ana"].pk: Decimal("3.00"),
        regs["besa"].pk: Decimal("2.00"),
        regs["drita"].pk: Decimal("0.00"),
    }

    # The same file again changes nothing.
    _upload(page, "answers tirana (corrected).xlsx", filled.getvalue())
    expect(page.get_by_text("Every row is already recorded: importing changes nothing.")).to_be_visible()
    expect(page.get_by_role("note")).to_contain_text("This file was imported on")
    assert serious_violations(page) == []
    assert page.csp_violations == []  # type: ignore[attr-defined]
