"""Importing a participant list in a real browser: upload a messy workbook, read every problem in the
preview, upload the corrected file, confirm, and change a status on the list."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from relais.accounts.tests.factories import make_user
from relais.delivery.models import Registration
from relais.delivery.tests.factories import make_person, make_session
from relais.delivery.tests.spreadsheets import messy_xlsx
from relais.delivery.tests.test_import_service import CLEAN, messy_with_problems
from relais.design.tests.factories import make_complete_design
from relais.programmes.models import Role
from relais.programmes.tests.factories import give_role, make_programme
from tests.e2e.conftest import PASSWORD, login, serious_violations, shot

pytestmark = pytest.mark.django_db(transaction=True)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def setup(transactional_db: None, _reference_data: None, settings: Any, tmp_path: Any) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path
    programme = make_programme(title_en="Fighting labour trafficking")
    coordinator = make_user(email="coord.al@example.org", full_name="Arben Coordinator", password=PASSWORD)
    give_role(coordinator, programme, Role.COORDINATOR, ["AL"])
    design = make_complete_design(programme=programme, title="Joint investigation training")
    session = make_session(design=design, country="AL", title="Joint investigation training — Tirana", capacity=6)
    make_person("Anna", "Hoxha", country="AL", email="ana@example.org")  # known: matched by e-mail
    make_person("Arta", "Gashi", country="AL")  # known, added by hand
    return {"session": session}


def _upload(page: Page, name: str, data: bytes) -> None:
    page.get_by_label("Participant list").set_input_files({"name": name, "mimeType": XLSX, "buffer": data})
    page.get_by_role("button", name="Check the list").click()


def test_import_a_messy_list_fix_it_and_confirm(page: Page, setup: dict[str, Any]) -> None:
    session = setup["session"]
    login(page, "coord.al@example.org")
    page.goto(f"{page.base_url}/sessions/{session.pk}/registrations/")  # type: ignore[attr-defined]
    expect(page.get_by_role("heading", name="Participants", exact=True)).to_be_visible()
    shot(page, "registrations-empty")
    assert serious_violations(page) == []

    page.get_by_role("link", name="Import a list").first.click()
    expect(page.get_by_role("heading", name="Import a participant list")).to_be_visible()
    shot(page, "import-upload")
    assert serious_violations(page) == []

    _upload(page, "participants tirana.xlsx", messy_with_problems())
    expect(
        page.get_by_role("heading", name="7 problems: nothing will be imported until they are fixed.")
    ).to_be_visible()
    problems = page.locator(".problem-table tbody tr")
    expect(problems).to_have_count(7)
    expect(problems.nth(1)).to_contain_text("F (Country)")
    expect(problems.nth(1)).to_contain_text("Kosova Republic")
    expect(page.get_by_role("button", name="Import", exact=False)).to_have_count(0)
    shot(page, "import-preview-problems")
    assert serious_violations(page) == []
    assert not Registration.objects.exists()

    page.get_by_role("link", name="Upload a corrected file").click()
    _upload(page, "participants tirana (corrected).xlsx", messy_xlsx(CLEAN, total=False))
    expect(page.get_by_role("heading", name="What importing will do")).to_be_visible()
    expect(page.get_by_text("Header row: 4.")).to_be_visible()
    expect(page.get_by_role("cell", name="Known: matched")).to_have_count(1)
    shot(page, "import-preview-ready")
    assert serious_violations(page) == []

    page.get_by_role("button", name="Import 7 people").click()
    expect(page.locator("#messages")).to_contain_text("7 added, 0 already there.")
    expect(page.locator("#messages")).to_contain_text("The session is full: 1 person is on the waiting list.")
    rows = page.locator("#registrations-table tbody tr")
    expect(rows).to_have_count(7)
    shot(page, "registrations-imported")
    assert serious_violations(page) == []

    # A registered person withdraws: the first on the waiting list moves up, and the page says so.
    page.get_by_label("Status of Anna Hoxha").select_option("withdrawn")
    expect(page.locator("#messages")).to_contain_text("moved from the waiting list to registered")
    expect(page.get_by_label("Status of Anna Hoxha")).to_have_value("withdrawn")
    shot(page, "registrations-withdrawn")
    assert serious_violations(page) == []
    assert Registration.objects.filter(status="waiting").count() == 0

    # Someone known is found as typed without accents, and registered: the session is full again.
    page.get_by_label("Find a person by name or e-mail address").fill("gashi")
    page.get_by_role("button", name="Register Arta Gashi").click()
    expect(page.locator("#messages")).to_contain_text("The session is full: Arta Gashi is on the waiting list.")
    # Someone Relais does not know yet: recorded and registered in one step.
    page.get_by_label("Find a person by name or e-mail address").fill("Berisha")
    new_person = page.get_by_role("link", name="Record a new person and register them")
    expect(new_person).to_have_attribute("href", re.compile(r"\?q=Berisha$"))  # the results follow the typing
    new_person.click()
    expect(page.get_by_label("Last name")).to_have_value("Berisha")
    page.get_by_label("First name").fill("Drita")
    shot(page, "registration-new-person")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Record and register").click()
    expect(page.locator("#messages")).to_contain_text("The session is full: Drita Berisha is on the waiting list.")
    page.get_by_role("link", name="Joint investigation training — Tirana").click()
    expect(page.get_by_text("9 people on the list")).to_be_visible()
    shot(page, "session-registrations-panel")
    assert serious_violations(page) == []
    assert page.csp_violations == []  # type: ignore[attr-defined]
