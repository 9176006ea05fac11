"""Two editors at once on one questionnaire: every form of the editor carries the version it was made
from; the second to change a question or a section is told who changed the questionnaire and when,
keeps their input (not saved), and nothing of the first editor's work is overwritten."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from relais.evaluation.models import Questionnaire, QuestionnaireKind, Section
from relais.evaluation.tests.factories import make_test
from relais.evaluation.tests.permissions_builder import build_world

HTMX = {"HX-Request": "true"}
# Post forms of the editor that change no question, section or setting (status, deletion of the whole
# questionnaire, a question saved to the library, the language and the session): they need no version.
WITHOUT_VERSION = ("/status/", "/delete/", "/to-library/", "/i18n/", "/language/", "/logout/")


@pytest.fixture
def world(personas: dict[str, Any], programme: Any) -> dict[str, Any]:
    return {**personas, **build_world(programme, personas["trainer"])}


@pytest.fixture
def questionnaire(world: dict[str, Any]) -> Questionnaire:
    q = make_test(world["session"], QuestionnaireKind.PRE_TEST, questions=2)
    Section.objects.create(questionnaire=q, title="Indicators", position=0)
    q.refresh_from_db()
    return q


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def mona(world: dict[str, Any]) -> Client:
    return _client(world["manager"])


@pytest.fixture
def tomas(world: dict[str, Any]) -> Client:
    return _client(world["trainer"])


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self._open: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._open = {"action": a.get("action") or "", "version": None}
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


def _editor(q: Questionnaire) -> str:
    return reverse("evaluation:questionnaire", kwargs={"pk": q.pk})


def test_every_editor_form_carries_the_version(mona: Client, questionnaire: Questionnaire) -> None:
    """The editor (with a question open inline) and a question's own page: every post form that changes
    the questionnaire carries its version; a new form without it fails here."""
    item = questionnaire.items.order_by("position").first()
    assert item is not None
    edit = reverse("evaluation:item_edit", kwargs={"pk": questionnaire.pk, "item_pk": item.pk})
    pages = [mona.get(_editor(questionnaire)), mona.get(edit, headers=HTMX), mona.get(edit)]
    seen = set()
    for page in pages:
        for form in post_forms(page.content.decode()):
            if any(part in form["action"] for part in WITHOUT_VERSION):
                continue
            assert form["version"] == str(questionnaire.version), form
            seen.add(form["action"].split(f"/{questionnaire.pk}/", 1)[-1].split("/", 1)[0])
    assert {"settings", "sections", "items"} <= seen, seen


def test_second_edit_of_a_question_is_refused_and_keeps_the_text(
    mona: Client, tomas: Client, questionnaire: Questionnaire
) -> None:
    item = questionnaire.items.order_by("position").first()
    assert item is not None
    url = reverse("evaluation:item_edit", kwargs={"pk": questionnaire.pk, "item_pk": item.pk})
    version = questionnaire.version
    p = f"i{item.pk}"
    data = {f"{p}-type": "single", f"{p}-options": "a|A\nb|B\nc|C", f"{p}-correct": "a", f"{p}-points": "1"}
    first = tomas.post(url, {**data, f"{p}-text": "Tomas's wording", "version": version}, headers=HTMX)
    assert first.status_code == 200
    second = mona.post(url, {**data, f"{p}-text": "Mona's wording", "version": version}, headers=HTMX)
    html = second.content.decode()
    assert second.status_code == 409 and "<html" not in html
    assert "Mona&#x27;s wording" in html
    assert "Tomas Trainer changed this questionnaire at" in html and "not saved yet" in html
    item.refresh_from_db()
    questionnaire.refresh_from_db()
    assert item.text == "Tomas's wording" and questionnaire.version == version + 1
    # The form shown again carries the current version: saving again works.
    versions = {f["version"] for f in post_forms(html) if "/items/" in f["action"] and "library" not in f["action"]}
    assert versions == {str(questionnaire.version)}
    again = mona.post(url, {**data, f"{p}-text": "Mona's wording", "version": questionnaire.version})
    assert again.status_code == 302
    item.refresh_from_db()
    assert item.text == "Mona's wording"


def test_without_javascript_the_question_page_keeps_the_text(
    mona: Client, tomas: Client, questionnaire: Questionnaire
) -> None:
    item = questionnaire.items.order_by("position").first()
    assert item is not None
    url = reverse("evaluation:item_edit", kwargs={"pk": questionnaire.pk, "item_pk": item.pk})
    version = questionnaire.version
    tomas.post(reverse("evaluation:section_add", kwargs={"pk": questionnaire.pk}), {"section-title": "Tomas's"})
    p = f"i{item.pk}"
    data = {f"{p}-type": "single", f"{p}-options": "a|A\nb|B\nc|C", f"{p}-correct": "a", f"{p}-points": "1"}
    response = mona.post(url, {**data, f"{p}-text": "Mona's wording", "version": version})
    assert response.status_code == 409
    assert "Mona&#x27;s wording" in response.content.decode() and "<html" in response.content.decode()
    item.refresh_from_db()
    assert item.text != "Mona's wording"


def test_sections_and_additions_are_refused_when_stale(
    mona: Client, tomas: Client, questionnaire: Questionnaire
) -> None:
    section = questionnaire.sections.get()
    version = questionnaire.version
    edit = reverse("evaluation:section_edit", kwargs={"pk": questionnaire.pk, "section_pk": section.pk})
    assert tomas.post(edit, {f"s{section.pk}-title": "Tomas's title", "version": version}).status_code == 302
    rename = mona.post(edit, {f"s{section.pk}-title": "Mona's title", "version": version}, headers=HTMX)
    assert rename.status_code == 409 and 'value="Mona&#x27;s title"' in rename.content.decode()
    add = mona.post(
        reverse("evaluation:item_add", kwargs={"pk": questionnaire.pk}),
        {
            "new-type": "short_text",
            "new-text": "Mona's new question",
            "new-required": "on",
            "version": version,
        },
        headers=HTMX,
    )
    assert add.status_code == 409 and "Mona&#x27;s new question" in add.content.decode()
    item = questionnaire.items.order_by("position").last()
    assert item is not None
    row = reverse("evaluation:item_row", kwargs={"pk": questionnaire.pk, "item_pk": item.pk})
    assert mona.post(row, {"action": "delete", "version": version}, headers=HTMX).status_code == 409
    section.refresh_from_db()
    questionnaire.refresh_from_db()
    assert section.title == "Tomas's title" and questionnaire.items.count() == 2
    assert questionnaire.version == version + 1


def test_a_question_removed_meanwhile_is_said_to_be_gone(
    mona: Client, tomas: Client, questionnaire: Questionnaire
) -> None:
    item = questionnaire.items.order_by("position").first()
    assert item is not None
    row = reverse("evaluation:item_row", kwargs={"pk": questionnaire.pk, "item_pk": item.pk})
    version = questionnaire.version
    tomas.post(row, {"action": "delete", "version": version})
    response = mona.post(row, {"action": "up", "version": version}, headers=HTMX)
    assert response.status_code == 409 and "no longer exists" in response.content.decode()
    edit = reverse("evaluation:item_edit", kwargs={"pk": questionnaire.pk, "item_pk": item.pk})
    assert mona.get(edit, headers=HTMX).status_code == 409
    assert mona.post(edit, {"version": version}).status_code == 302


def test_the_settings_typed_stay_when_stale(mona: Client, tomas: Client, questionnaire: Questionnaire) -> None:
    version = questionnaire.version
    tomas.post(reverse("evaluation:section_add", kwargs={"pk": questionnaire.pk}), {"section-title": "More"})
    response = mona.post(
        reverse("evaluation:questionnaire_settings", kwargs={"pk": questionnaire.pk}),
        {"version": version, "title": "Mona's title", "kind": "pre", "language": "en", "languages": ["en"]},
    )
    assert response.status_code == 409 and 'value="Mona&#x27;s title"' in response.content.decode()
    questionnaire.refresh_from_db()
    assert questionnaire.title != "Mona's title"
