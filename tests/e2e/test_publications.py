"""Publications in a real browser: a programme manager looks at the dashboard, builds a results
report in French (it runs in the background: the page follows its progress), reads the preview,
downloads the PDF and publishes it to the public; a visitor with no account finds it on the public
list. Every page checked with axe and for CSP violations."""

from __future__ import annotations

import io
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from relais.accounts.tests.factories import make_user
from relais.delivery.models import Session, SessionStatus
from relais.evaluation.tests.factories_results import build_results_world
from relais.programmes.models import Role
from relais.programmes.tests.factories import give_role, make_programme
from tests.e2e.conftest import PASSWORD, login, serious_violations, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(transactional_db: None, _reference_data: None, settings: Any, tmp_path: Any) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path / "media"
    programme = make_programme(title_en="Fighting labour trafficking", title_fr="Combattre la traite par le travail")
    manager = make_user(email="manager@example.org", full_name="Mona Manager", password=PASSWORD)
    give_role(manager, programme, Role.MANAGER)
    data = build_results_world(programme)
    Session.objects.filter(pk__in=[data["al"].pk, data["it"].pk]).update(status=SessionStatus.DELIVERED)
    return {"programme": programme, **data}


def test_dashboard_then_a_report_built_published_and_found_by_the_public(page: Page, world: dict[str, Any]) -> None:
    base = page.base_url  # type: ignore[attr-defined]
    programme = world["programme"]
    login(page, "manager@example.org")

    page.goto(f"{base}/publications/programme/{programme.pk}/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Programme dashboard")
    expect(page.locator("#main")).to_contain_text("Fighting labour trafficking")
    expect(page.locator("svg[role='img']").first).to_be_visible()
    shot(page, "pub-dashboard")
    assert serious_violations(page) == []

    page.goto(f"{base}/publications/programme/{programme.pk}/new/")
    expect(page.get_by_role("heading", name="New results report")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_role("radio", name="Français").check()
    page.get_by_role("textbox", name="Executive summary").fill(
        "Le programme a formé des inspecteurs du travail et des policiers."
    )
    page.get_by_role("button", name="Build the report").click()

    # Tasks run at once in tests; the build page shows the finished report and its preview.
    expect(page.get_by_role("heading", name="Preview")).to_be_visible(timeout=60_000)
    preview = page.locator(".publication-preview")
    expect(preview).to_contain_text("Le programme a formé des inspecteurs du travail")
    expect(preview.locator("svg[role='img']").first).to_be_visible()
    shot(page, "pub-build")
    assert serious_violations(page) == []

    with page.expect_download() as download:
        page.get_by_role("link", name="Download (PDF)").click()
    pdf = PdfReader(io.BytesIO(download.value.path().read_bytes()))
    text = "\n".join(p.extract_text() or "" for p in pdf.pages)
    assert "Combattre la traite par le travail" in text
    assert "Le programme a formé des inspecteurs du travail" in " ".join(text.split())

    page.get_by_role("radio", name="Published to the public").check()
    page.get_by_role("button", name="Save who may see it").click()
    expect(page.locator("#main")).to_contain_text("Public")

    page.context.clear_cookies()
    page.goto(f"{base}/publications/public/")
    expect(page.locator("#main")).to_contain_text("Combattre la traite par le travail")
    assert serious_violations(page) == []
    assert page.csp_violations == []  # type: ignore[attr-defined]
