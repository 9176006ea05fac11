"""Browser tests: Playwright driving Debian's Chromium against a live server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the test
# itself (fixtures) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("RELAIS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
]
SCREENSHOTS = Path(os.environ.get("RELAIS_SCREENSHOTS", "")) if os.environ.get("RELAIS_SCREENSHOTS") else None
PASSWORD = "a long test password"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package (see .ci/run).")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, live_server: Any) -> Iterator[Page]:
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 860})
    page = context.new_page()
    page.set_default_timeout(10_000)
    violations: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            violations.append(f"{message.text} @ {message.location}")

    page.on("console", on_console)
    page.csp_violations = violations  # type: ignore[attr-defined]
    page.base_url = live_server.url  # type: ignore[attr-defined]
    yield page
    context.close()


def login(page: Page, email: str, password: str = PASSWORD) -> None:
    page.goto(f"{page.base_url}/accounts/login/")  # type: ignore[attr-defined]
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def shot(page: Page, name: str) -> None:
    """Save a full-page screenshot when RELAIS_SCREENSHOTS names a folder (to look at the pages)."""
    if SCREENSHOTS is not None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def serious_violations(page: Page) -> list[dict[str, Any]]:
    from axe_playwright_python.sync_playwright import Axe

    # axe sets inline styles while it measures contrast; what the page itself does is what counts.
    before = len(page.csp_violations)  # type: ignore[attr-defined]
    results = Axe().run(page)
    del page.csp_violations[before:]  # type: ignore[attr-defined]
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture(autouse=True)
def _reference_data(transactional_db: None) -> None:
    """Transactional tests flush the database, data migrations included: put the reference data back."""
    from relais.core import reference_data
    from relais.core.models import Country, Language, Profession, Theme
    from relais.evaluation.standard_items import load_standard_items

    reference_data.load(Country=Country, Profession=Profession, Theme=Theme, Language=Language)
    load_standard_items()
