"""Two editors at once on one design: the second to save is told who changed the design and when, keeps
their input (not saved), and nothing of the first editor's work is overwritten."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from relais.design.editor_views import SECTIONS
from relais.design.models import ActivityDesign, AgendaModule, NeedsSource
from relais.design.tests.factories import make_complete_design


@pytest.fixture
def design(personas: dict[str, Any], programme: Any) -> ActivityDesign:
    d = make_complete_design(programme=programme)
    NeedsSource.objects.create(design=d, title="Survey of labour inspectors")
    return d


@pytest.fixture
def mona(personas: dict[str, Any]) -> Client:
    client = Client()
    client.force_login(personas["manager"])
    return client


@pytest.fixture
def alice(personas: dict[str, Any]) -> Client:
    client = Client()
    client.force_login(personas["admin"])
    return client


def edit_url(design: ActivityDesign, section: str) -> str:
    return reverse("design:edit", kwargs={"pk": design.pk, "section": section})


class _Forms(HTMLParser):
    """The post forms of a page: their action and the hidden version each carries."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self._open: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._open = {"action": a.get("action"), "version": None}
            self.forms.append(self._open)
        elif tag == "input" and self._open is not None and a.get("name") == "version":
            self._open["version"] = a.get("value")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._open = None


def post_forms(html: str) -> list[dict[str, Any]]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def page_version(client: Client, url: str) -> int:
    html = client.get(url).content.decode()
    versions = {f["version"] for f in post_forms(html) if "/designs/" in (f["action"] or "")}
    assert len(versions) == 1, versions
    return int(versions.pop())


def test_every_editor_form_carries_the_version(mona: Client, design: ActivityDesign) -> None:
    """Every post form of every section (and of a module's page) carries the design's version: a new
    section or form without it fails here."""
    design.refresh_from_db()
    module = AgendaModule.objects.filter(day__design=design).first()
    assert module is not None
    urls = [edit_url(design, key) for key, _label in SECTIONS]
    urls.append(reverse("design:module", kwargs={"pk": design.pk, "module_pk": module.pk}))
    for url in urls:
        html = mona.get(url).content.decode()
        forms = [f for f in post_forms(html) if f"/designs/{design.pk}/" in (f["action"] or url)]
        assert forms, url
        for form in forms:
            assert form["version"] == str(design.version), (url, form)


def test_second_save_of_a_section_is_refused_and_keeps_the_input(
    mona: Client, alice: Client, design: ActivityDesign
) -> None:
    url = edit_url(design, "general")
    version = page_version(mona, url)
    assert page_version(alice, url) == version
    base = {"summary": design.summary, "type": design.type, "format": design.format}
    first = alice.post(url, {**base, "title": "Alice's title", "version": version})
    assert first.status_code == 302
    second = mona.post(url, {**base, "title": "Mona's title", "version": version}, HTTP_HX_REQUEST="true")
    html = second.content.decode()
    assert second.status_code == 409
    assert "Mona&#x27;s title" in html  # the input, shown again
    assert "Alice Admin changed this design at" in html and "not saved yet" in html
    assert "<html" not in html  # the htmx partial
    design.refresh_from_db()
    assert design.title == "Alice's title"
    assert design.version == version + 1  # Alice's save only
    # The form shown again carries the current version: saving again works.
    assert post_forms(html)[0]["version"] == str(design.version)
    again = mona.post(url, {**base, "title": "Mona's title", "version": design.version})
    assert again.status_code == 302
    design.refresh_from_db()
    assert design.title == "Mona's title" and design.version == version + 2


def test_a_save_with_the_current_version_works(mona: Client, design: ActivityDesign) -> None:
    url = edit_url(design, "follow_up")
    version = page_version(mona, url)
    response = mona.post(
        url, {"follow_up_plan": "A call after three months", "version": version}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    design.refresh_from_db()
    assert design.follow_up_plan == "A call after three months" and design.version == version + 1


def test_without_javascript_the_conflict_page_is_whole(mona: Client, alice: Client, design: ActivityDesign) -> None:
    url = edit_url(design, "countries")
    version = page_version(mona, url)
    alice.post(edit_url(design, "follow_up"), {"follow_up_plan": "Alice's plan", "version": version})
    response = mona.post(url, {"version": version})  # every country unticked
    assert response.status_code == 409 and "<html" in response.content.decode()
    assert design.design_countries.count() == 2


def test_objective_rows_keep_the_text_typed(mona: Client, alice: Client, design: ActivityDesign) -> None:
    objective = design.objectives.first()
    assert objective is not None
    url = reverse("design:objective_edit", kwargs={"pk": design.pk, "objective_pk": objective.pk})
    version = page_version(mona, edit_url(design, "objectives"))
    alice.post(reverse("design:objective_add", kwargs={"pk": design.pk}), {"kind": "skill", "text": "Alice's"})
    prefix = f"o{objective.pk}"
    response = mona.post(
        url,
        {"action": "save", f"{prefix}-kind": "attitude", f"{prefix}-text": "Mona's wording", "version": version},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 409
    assert 'value="Mona&#x27;s wording"' in response.content.decode()
    objective.refresh_from_db()
    assert objective.text != "Mona's wording"
    assert design.objectives.filter(text="Alice's").exists()


def test_additions_and_moves_are_refused_when_stale(mona: Client, alice: Client, design: ActivityDesign) -> None:
    day1 = design.days.first()
    assert day1 is not None
    version = page_version(mona, edit_url(design, "agenda"))
    alice.post(reverse("design:day_add", kwargs={"pk": design.pk}), {"title": "Alice's day", "version": version})
    n_days = design.days.count()
    day = mona.post(
        reverse("design:day_add", kwargs={"pk": design.pk}),
        {"title": "Mona's day", "version": version},
        HTTP_HX_REQUEST="true",
    )
    assert day.status_code == 409 and "Mona&#x27;s day" in day.content.decode()
    module = AgendaModule.objects.filter(day=day1).order_by("position").last()
    assert module is not None
    move = mona.post(
        reverse("design:module_move", kwargs={"pk": design.pk, "module_pk": module.pk}),
        {"action": "delete", "version": version},
        HTTP_HX_REQUEST="true",
    )
    assert move.status_code == 409
    assert design.days.count() == n_days and AgendaModule.objects.filter(pk=module.pk).exists()


def test_a_row_removed_meanwhile_is_said_to_be_gone(mona: Client, alice: Client, design: ActivityDesign) -> None:
    module = AgendaModule.objects.filter(day__design=design).first()
    source = design.needs_sources.first()
    assert module is not None and source is not None
    version = page_version(mona, edit_url(design, "agenda"))
    move = reverse("design:module_move", kwargs={"pk": design.pk, "module_pk": module.pk})
    alice.post(move, {"action": "delete", "version": version})
    response = mona.post(move, {"action": "up", "version": version}, HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    assert "no longer exists" in response.content.decode()
    delete = reverse("design:source_delete", kwargs={"pk": design.pk, "source_pk": source.pk})
    alice.post(delete, {})
    assert mona.post(delete, {"version": version}).status_code == 409
    page = mona.get(reverse("design:module", kwargs={"pk": design.pk, "module_pk": module.pk}))
    assert page.status_code == 302


def test_the_module_page_keeps_the_input(mona: Client, alice: Client, design: ActivityDesign) -> None:
    module = AgendaModule.objects.select_related("day").filter(day__design=design).first()
    assert module is not None
    url = reverse("design:module", kwargs={"pk": design.pk, "module_pk": module.pk})
    version = page_version(mona, url)
    alice.post(edit_url(design, "follow_up"), {"follow_up_plan": "Alice's plan", "version": version})
    data = {
        "day": module.day_id,
        "title": "Mona's module",
        "method": module.method,
        "duration_minutes": module.duration_minutes,
        "description": "",
        "trainer_profile": "",
        "version": version,
    }
    response = mona.post(url, data)
    html = response.content.decode()
    assert response.status_code == 409 and "Mona&#x27;s module" in html
    assert re.search(r"Alice Admin changed this design at", html)
    module.refresh_from_db()
    assert module.title != "Mona's module"
