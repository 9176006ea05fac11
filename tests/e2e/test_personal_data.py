"""A person's data in a real browser: the export button gives a ZIP without a name in its file
name, the erasure asks for the record's number, then the person page shows the anonymised record;
the retention preview is reached from the programme page. No serious accessibility violation."""

from __future__ import annotations

import datetime as dt
import zipfile
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from relais.accounts.tests.factories import make_user
from relais.delivery.models import Person
from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.tests.factories import make_complete_design
from relais.programmes.models import Role
from relais.programmes.tests.factories import give_role, make_programme
from tests.e2e.conftest import PASSWORD, login, serious_violations, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(transactional_db: None, _reference_data: None) -> dict[str, Any]:
    programme = make_programme(title_en="Fighting labour trafficking")
    programme.retention_months = 12
    programme.save()
    manager = make_user(email="manager@example.org", full_name="Mona Manager", password=PASSWORD)
    give_role(manager, programme, Role.MANAGER)
    design = make_complete_design(programme=programme)
    session = make_session(
        design=design, country="AL", start_date=dt.date(2024, 3, 4), end_date=dt.date(2024, 3, 5), status="delivered"
    )
    milan = make_person("Milan", "Djordjevic", country="AL", email="milan.djordjevic@police.example.al")
    register(session, milan, status="attended")
    return {"programme": programme, "milan": milan}


def test_export_and_erase(page: Page, world: dict[str, Any], tmp_path: Any) -> None:
    milan = world["milan"]
    login(page, "manager@example.org")
    page.goto(f"{page.base_url}/people/{milan.pk}/")  # type: ignore[attr-defined]
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export personal data").click()
    download = download_info.value
    assert download.suggested_filename == f"relais-person-{milan.pk}.zip"
    path = tmp_path / "export.zip"
    download.save_as(path)
    with zipfile.ZipFile(path) as archive:
        assert "Djordjevic" in archive.read("person.json").decode()

    page.get_by_role("link", name="Erase personal data").click()
    expect(page.get_by_role("heading", name="Erase personal data", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Kept, without a name")).to_be_visible()
    assert serious_violations(page) == []
    shot(page, "person-erase")
    page.get_by_label("Type the record number to confirm").fill("12345678")
    page.get_by_role("button", name="Erase the personal data").click()
    expect(page.locator(".invalid-feedback, .errorlist").first).to_be_visible()
    assert Person.objects.get(pk=milan.pk).anonymised_at is None
    page.get_by_label("Type the record number to confirm").fill(str(milan.pk))
    page.get_by_role("button", name="Erase the personal data").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Anonymised person (no. {milan.pk})")
    expect(page.get_by_text("The person's identity was erased.")).to_be_visible()
    expect(page.get_by_role("link", name="Edit", exact=True)).to_have_count(0)
    assert "Djordjevic" not in page.content()
    assert serious_violations(page) == []
    assert page.csp_violations == []  # type: ignore[attr-defined]


def test_retention_preview_from_the_programme_page(page: Page, world: dict[str, Any]) -> None:
    login(page, "manager@example.org")
    page.goto(f"{page.base_url}/programmes/{world['programme'].pk}/")  # type: ignore[attr-defined]
    page.get_by_role("link", name="Who is due for anonymisation").click()
    expect(page.get_by_role("heading", name="Due now: 1 person")).to_be_visible()
    assert "Djordjevic" not in page.content()
    assert serious_violations(page) == []
    shot(page, "programme-retention")
