"""Script in every free-text field stays text in a real browser (stored XSS).

The permission matrix's world (tests/test_permissions.build_context) is built, then every free-text
field of every row (tests/security/poison.py: every CharField/TextField of a relais model but choices,
unique fields, codes, keys, e-mails, URLs...) is set to a payload that would run if a page put it in
the HTML unescaped: an `<img src=x id=xss-N onerror=...>` and a `<script>`, both setting the title to
"pwned". Every page of the matrix an administrator may GET is opened in Chromium (the public pages —
participants' answer and entry pages, certificate check, public publications and catalogue — without
an account, as a participant opens them), and on each: no dialog, the title is not "pwned", no element
of the payload (`[id^="xss-"]`, `img[src="x"]`, a script holding "pwned") and no CSP violation. Then
the pages that put user text in the page with JavaScript or htmx: the people search, the network graph,
the dashboard's charts, the questionnaire builder.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.conf import settings
from django.db import models
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Dialog, Page

from relais.knowledge.search import replica
from relais.publications.content import SECTIONS
from relais.publications.models import PublicationBuild
from relais.publications.tasks import ReportRequest, report_content, report_render
from tests.security.poison import poison
from tests.test_permissions import MATRIX, build_context

pytestmark = pytest.mark.django_db(transaction=True)

PWNED = "pwned"


def _payload(model: type[models.Model], field: models.Field[Any, Any], n: int) -> str:
    return (
        f"\"'><img src=x id=xss-{n} onerror=\"document.title='{PWNED}'\">"
        f"<script>document.title='{PWNED}'</script>{model._meta.model_name}.{field.name}"
    )


# What the page shows of the payload as markup: must be nothing.
INJECTED = """() => ({
  title: document.title,
  ids: [...document.querySelectorAll('[id^="xss-"]')].map(e => e.id),
  imgs: document.querySelectorAll('img[src="x"]').length,
  scripts: [...document.scripts].filter(s => s.type !== "application/json" && s.text.includes("pwned")).length,
})"""


def _render_reports(summary: str) -> None:
    """Each report's preview (HTML shown as it is) written again from the poisoned data, every section,
    with a poisoned executive summary, as a build writes it."""
    for build in PublicationBuild.objects.select_related("programme"):
        request = ReportRequest(programme=build.programme, language="en", sections=list(SECTIONS), summary=summary)
        build.html = report_render(report_content(request), "html").decode()
        build.save(update_fields=["html"])


def _html(client: Client, url: str, errors: list[str]) -> bool:
    """Whether the URL answers a page (not a file download, not a redirect to a file); a server error
    (the payload broke the page) goes to `errors`."""
    response = client.get(url, follow=True)
    if response.status_code >= 500:
        errors.append(f"{url}: {response.status_code}")
    return response.status_code == 200 and response["Content-Type"].startswith("text/html")


def _check(page: Page, url: str, dialogs: list[str], problems: list[str]) -> bool:
    """Open the page and inspect it; whether it shows some of the payload (as text)."""
    before = len(page.csp_violations)  # type: ignore[attr-defined]
    page.goto(url, wait_until="load")
    _inspect(page, url, dialogs, problems, before)
    return _shows_payload(page)


def _shows_payload(page: Page) -> bool:
    return bool(page.evaluate("() => document.body.innerText.includes('<img src=x id=xss-')"))


def _inspect(page: Page, url: str, dialogs: list[str], problems: list[str], before: int) -> None:
    found = page.evaluate(INJECTED)
    csp = page.csp_violations[before:]  # type: ignore[attr-defined]
    if found["title"] == PWNED or found["ids"] or found["imgs"] or found["scripts"] or csp or dialogs:
        problems.append(f"{url}: {found} csp={csp[:2]} dialogs={dialogs[:2]}")
    dialogs.clear()


def _pages(ctx: dict[str, Any], *, public: bool) -> list[str]:
    urls = []
    for name, entry in sorted(MATRIX.items()):
        if entry.method != "get" or (not entry.public if public else "admin" not in entry.may):
            continue
        urls.append(reverse(name, kwargs=entry.kwargs(ctx)))
    return urls


def test_script_in_every_text_field_stays_text(page: Page) -> None:
    started = time.monotonic()
    ctx = build_context()
    poisoned = poison(_payload)
    replica.rebuild()  # the catalogue's search index holds the poisoned titles and abstracts
    _render_reports(_payload(PublicationBuild, PublicationBuild._meta.get_field("html"), len(poisoned)))
    assert len(poisoned) > 80  # every app's free text: a sanity check that poison found the fields

    admin_client, visitor_client = Client(), Client()
    admin_client.force_login(ctx["admin"])
    errors: list[str] = []
    admin_pages = [url for url in _pages(ctx, public=False) if _html(admin_client, url, errors)]
    public_pages = [url for url in _pages(ctx, public=True) if _html(visitor_client, url, errors)]
    assert errors == []
    assert len(admin_pages) > 100 and len(public_pages) >= 5

    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    base = page.base_url  # type: ignore[attr-defined]
    problems: list[str] = []

    # A participant (no account) on the public pages: answer, session entry, certificate check, public
    # publications and catalogue.
    shown = sum(_check(page, base + url, dialogs, problems) for url in public_pages)

    session = admin_client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base}])
    shown += sum(_check(page, base + url, dialogs, problems) for url in admin_pages)
    assert shown > 100  # most pages show the poisoned text (as text): the checks checked something

    # User text put in the page by htmx: the people search's results.
    before = len(page.csp_violations)  # type: ignore[attr-defined]
    page.goto(base + reverse("delivery:people"))
    with page.expect_response(lambda r: r.request.method == "POST" and "/people/" in r.url):
        page.locator("#id_q").fill("a")
    page.wait_for_load_state("networkidle")
    _inspect(page, "people search results", dialogs, problems, before)
    assert "<img src=x id=xss-" in page.locator("#results").inner_text()

    # The reports' previews hold the poisoned text (the checks above did check them).
    assert all("&lt;img src=x id=xss-" in html for html in PublicationBuild.objects.values_list("html", flat=True))

    # The catalogue's search results: titles and passages with the query's words marked (built as HTML).
    _check(page, base + reverse("knowledge:index") + "?q=pwned+title", dialogs, problems)
    assert page.locator("mark").count() > 0  # the search found the poisoned documents

    # The network graph (its script reads names from the page) and the dashboard's charts, once rendered.
    for name in ("evaluation:network", "publications:dashboard"):
        before = len(page.csp_violations)  # type: ignore[attr-defined]
        page.goto(base + reverse(name, kwargs=MATRIX[name].kwargs(ctx)))
        page.wait_for_load_state("networkidle")
        for node in page.locator("svg [tabindex='0']").all()[:5]:
            node.focus()
        _inspect(page, name, dialogs, problems, before)
        assert _shows_payload(page), name

    print(f"\n{len(poisoned)} fields poisoned; {len(public_pages)} public and {len(admin_pages)} admin pages, "
          f"{shown} showing the payload as text, "
          f"in {time.monotonic() - started:.1f}s")  # fmt: skip
    skipped = sorted(set(_pages(ctx, public=False) + _pages(ctx, public=True)) - set(admin_pages + public_pages))
    print("not pages (files, or not 200 for this user):", " ".join(skipped))
    print("public:", " ".join(public_pages))
    print("\n".join(problems))
    assert problems == []
