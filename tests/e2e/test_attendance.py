"""Attendance on a tablet at the sign-in desk, the sign-in sheet, and a public certificate check."""

from __future__ import annotations

import io
from typing import Any

import pypdf
import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from relais.accounts.tests.factories import make_user
from relais.delivery.models import Attendance
from relais.delivery.tests.permissions_attendance import FIRST_DAY, build_world
from relais.programmes.models import Role
from relais.programmes.tests.factories import give_role, make_programme
from tests.e2e.conftest import PASSWORD, login, serious_violations, shot

pytestmark = pytest.mark.django_db(transaction=True)
TABLET: ViewportSize = {"width": 1024, "height": 768}


@pytest.fixture
def setup(transactional_db: None, _reference_data: None) -> dict[str, Any]:
    programme = make_programme(title_en="Fighting labour trafficking")
    trainer = make_user(email="trainer@example.org", full_name="Tomas Trainer", password=PASSWORD)
    give_role(trainer, programme, Role.TRAINER)
    return {"trainer": trainer, **build_world(programme, trainer)}


def test_mark_attendance_on_a_tablet_and_print_the_sheet(page: Page, setup: dict[str, Any]) -> None:
    page.set_viewport_size(TABLET)
    login(page, "trainer@example.org")
    session = setup["session"]
    page.goto(f"{page.base_url}/sessions/{session.pk}/attendance/?day={FIRST_DAY.isoformat()}")  # type: ignore[attr-defined]
    expect(page.get_by_role("heading", name="Attendance", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Day 1 · Mon 2 March")).to_have_attribute("aria-current", "page")
    shot(page, "attendance-tablet-start")
    assert serious_violations(page) == []

    krasniqi = page.locator(f"#reg-{setup['regs']['besa'].pk}")
    button = krasniqi.get_by_role("button")
    box = button.bounding_box()
    assert box is not None and box["height"] >= 44 and box["width"] >= 300  # a large touch target
    expect(button).to_contain_text("Not recorded")
    button.click()
    expect(krasniqi.get_by_role("button")).to_contain_text("Present")
    expect(krasniqi).to_contain_text("Recorded by Tomas Trainer")
    expect(page.locator("#attendance-summary")).to_contain_text("2present")
    krasniqi.get_by_role("button").click()  # a second tap: absent
    expect(krasniqi.get_by_role("button")).to_contain_text("Absent")
    expect(page.locator("#attendance-summary")).to_contain_text("1absent")

    page.get_by_role("button", name="Mark everyone present").click()
    expect(page.locator("#messages")).to_contain_text("Everyone not yet recorded is marked present (1)")
    expect(page.locator(f"#reg-{setup['regs']['drita'].pk}").get_by_role("button")).to_contain_text("Present")
    expect(krasniqi.get_by_role("button")).to_contain_text("Absent")  # kept as marked
    expect(page.locator("#attendance-rates")).to_contain_text("67%")
    shot(page, "attendance-tablet-marked")
    assert serious_violations(page) == []
    marks = dict(Attendance.objects.filter(day=FIRST_DAY).values_list("registration__person__last_name", "present"))
    assert marks == {"Hoxha": True, "Krasniqi": False, "Berisha": True}

    with page.expect_download() as info:
        page.get_by_role("link", name="Sign-in sheet of day 1 (PDF)").click()
    download = info.value
    assert download.suggested_filename == "sign-in-joint-investigation-training-tirana-2026-03-02.pdf"
    path = download.path()
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Berisha, Drita" in text and "Scan for the questionnaires of this session" in text

    page.get_by_role("link", name="Certificates of attendance").click()
    expect(page.get_by_role("heading", name="Certificates of attendance")).to_be_visible()
    expect(page.get_by_text("7KQ2-M9XD-4HTR-AB3C")).to_be_visible()
    shot(page, "certificates-list")
    assert serious_violations(page) == []
    assert page.csp_violations == []  # type: ignore[attr-defined]


def test_the_page_works_without_javascript(browser: Browser, live_server: Any, setup: dict[str, Any]) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=TABLET, locale="en-GB")
    page = context.new_page()
    page.base_url = live_server.url  # type: ignore[attr-defined]
    login(page, "trainer@example.org")
    page.goto(f"{live_server.url}/sessions/{setup['session'].pk}/attendance/?day=2026-03-03")
    row = page.locator(f"#reg-{setup['regs']['drita'].pk}")
    row.get_by_role("button").click()
    expect(page.locator(f"#reg-{setup['regs']['drita'].pk}").get_by_role("button")).to_contain_text("Present")
    assert page.url.endswith(f"?day=2026-03-03#reg-{setup['regs']['drita'].pk}")
    context.close()


def test_anyone_checks_a_certificate(page: Page, setup: dict[str, Any]) -> None:
    page.goto(f"{page.base_url}/verify/")  # type: ignore[attr-defined]
    expect(page.get_by_role("heading", name="Check a certificate of attendance")).to_be_visible()
    page.get_by_label("Verification code").fill("7kq2 m9xd 4htr ab3c")
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("heading", name="Valid This certificate is valid")).to_be_visible()
    expect(page.get_by_text("Ana Hoxha")).to_be_visible()
    expect(page.get_by_text("Joint investigation training", exact=True)).to_be_visible()
    shot(page, "verify-valid")
    assert serious_violations(page) == []

    page.get_by_label("Verification code").fill("AAAA-BBBB-CCCC-DDDD")
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("heading", name="No certificate has this code")).to_be_visible()
    shot(page, "verify-unknown")
    assert serious_violations(page) == []

    page.get_by_role("button", name="Français").click()
    expect(page.get_by_role("heading", name="Aucune attestation ne porte ce code")).to_be_visible()
    assert page.csp_violations == []  # type: ignore[attr-defined]
