"""The cooperation network page in a browser: the graph is drawn, a filter swaps it (htmx) and the
page still works without JavaScript, a node's ties light up on hover and keyboard focus, no serious
accessibility violation, no CSP violation."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from relais.accounts.tests.factories import make_user
from relais.evaluation.tests.permissions_network import build_network
from relais.programmes.models import Role
from relais.programmes.tests.factories import give_role, make_programme
from tests.e2e.conftest import PASSWORD, login, serious_violations, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def setup(transactional_db: None, _reference_data: None) -> dict[str, Any]:
    programme = make_programme(title_en="Fighting labour trafficking")
    manager = make_user(email="manager@example.org", full_name="Mona Manager", password=PASSWORD)
    trainer = make_user(email="trainer@example.org", full_name="Tomas Trainer", password=PASSWORD)
    give_role(manager, programme, Role.MANAGER)
    give_role(trainer, programme, Role.TRAINER)
    return {"programme": programme, **build_network(programme, trainer)}


def test_network_graph_filters_and_highlights(page: Page, setup: dict[str, Any]) -> None:
    login(page, "manager@example.org")
    url = f"{page.base_url}/evaluation/programmes/{setup['programme'].pk}/network/"  # type: ignore[attr-defined]
    page.goto(url)
    expect(page.get_by_role("heading", name="Cooperation network", exact=True)).to_be_visible()
    graph = page.locator("svg.network-graph")
    expect(graph).to_be_visible()
    expect(graph.locator("g.node")).to_have_count(6)
    expect(graph.locator("line.cross-border")).to_have_count(2)
    expect(page.locator(".network-figures")).to_contain_text("6participants (n)")
    shot(page, "network-people")
    assert serious_violations(page) == []

    # Hover: the node's two ties light up, the others fade.
    ana = graph.locator("g.node", has=page.locator("title", has_text="Ana Hoxha"))
    ana.hover()
    expect(graph).to_have_class("network-graph is-focused")
    expect(graph.locator("line.edge.is-lit")).to_have_count(2)
    expect(graph.locator("g.node.is-near")).to_have_count(2)
    # Keyboard: the nodes are reachable with Tab and announce themselves.
    page.mouse.move(0, 0)
    ana.focus()
    expect(page.locator("#network-focus")).to_have_text("Ana Hoxha: Albania · Police (2 ties)")
    page.keyboard.press("Tab")
    expect(page.locator("#network-focus")).to_contain_text("Albania · Prosecution")

    # A filter swaps the results without reloading the page, and the address follows.
    page.get_by_label("Country", exact=True).select_option(label="Albania")
    expect(page.locator(".network-figures")).to_contain_text("2participants (n)")
    expect(graph.locator("g.node")).to_have_count(3)
    expect(graph.locator("g.node.named-only")).to_have_count(1)
    assert "country=" in page.url
    page.get_by_role("radio", name="Organisations").check()
    expect(page.get_by_role("heading", name="The network between organisations")).to_be_visible()
    shot(page, "network-organisations")
    assert serious_violations(page) == []
    assert page.csp_violations == []  # type: ignore[attr-defined]


def test_network_filters_without_javascript(browser: Browser, live_server: Any, setup: dict[str, Any]) -> None:
    context = browser.new_context(locale="en-GB", java_script_enabled=False)
    page = context.new_page()
    page.base_url = live_server.url  # type: ignore[attr-defined]
    login(page, "manager@example.org")
    page.goto(f"{live_server.url}/evaluation/programmes/{setup['programme'].pk}/network/")
    page.get_by_label("Reported from").fill("2026-05-01")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator(".network-figures")).to_contain_text("3ties")
    assert "start=2026-05-01" in page.url
    context.close()
