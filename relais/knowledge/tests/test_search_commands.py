"""search_reindex, search_sync and search_documents."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from relais.knowledge.models import Document, SearchChange
from relais.knowledge.search import replica
from relais.knowledge.tests.test_search_support import add_document, ids, search

pytestmark = pytest.mark.django_db


def run(*args: Any) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def docs() -> dict[str, Any]:
    return {
        "en": add_document(title="Labour inspectors guide", kind="guideline", body="Trafficking for labour."),
        "fr": add_document(
            title="Guide des inspecteurs", language="fr", kind="manual", body="L'inspecteur <b>du</b> travail."
        ),
        "internal": add_document(title="Inspector notes", kind="report", access="internal"),
    }


def test_search_documents_json(docs: dict[str, Any]) -> None:
    data = json.loads(run("search_documents", "inspecteurs", "--json"))
    assert data["total"] == 1 and [h["id"] for h in data["hits"]] == [docs["fr"].pk]
    assert json.loads(run("search_documents", "inspector", "--json"))["total"] == 2
    hit = next(h for h in data["hits"] if h["id"] == docs["fr"].pk)
    assert hit["title"] == "Guide des inspecteurs" and hit["score"] > 0
    assert "<mark>" in hit["snippet"] and "&lt;b&gt;" in hit["snippet"]
    assert set(data["facets"]) == {"kind", "theme", "language", "year", "country", "audience"}


def test_search_documents_lang_public_and_filters(docs: dict[str, Any]) -> None:
    data = json.loads(run("search_documents", "inspecteurs", "--lang", "fr", "--json"))
    assert [h["id"] for h in data["hits"]] == [docs["fr"].pk]
    guide = json.loads(run("search_documents", "guide", "--lang", "fr", "--json"))
    assert [h["id"] for h in guide["hits"]] == [docs["fr"].pk]
    assert guide["facets"]["language"] == [["en", 1], ["fr", 1]]  # the language filter's own facet: all
    public = json.loads(run("search_documents", "inspector", "--public", "--json"))
    assert [h["id"] for h in public["hits"]] == [docs["en"].pk] and public["total"] == 1
    kinds = json.loads(run("search_documents", "", "--kind", "manual", "--kind", "report", "--json"))
    assert {h["id"] for h in kinds["hits"]} == {docs["fr"].pk, docs["internal"].pk}


def test_search_documents_table(docs: dict[str, Any]) -> None:
    out = run("search_documents", "labour inspectors")
    assert out.startswith("1 document(s), showing 1–1")
    assert "*Labour* *inspectors* guide" in out and "kind: guideline (1)" in out
    assert run("search_documents", "nothing-like-this").startswith("0 document(s), showing none")
    assert run("search_documents", '"unclosed (', "--page", "5").startswith("0 document(s)")


def test_search_reindex(docs: dict[str, Any]) -> None:
    assert search("").total == 3
    Document.objects.filter(pk=docs["en"].pk).update(title="Changed behind the log's back")
    out = run("search_reindex")
    assert out.startswith("Indexed 3 document(s) in ")
    assert ids(search("behind")) == [docs["en"].pk]


def test_search_sync_and_prune(docs: dict[str, Any]) -> None:
    assert run("search_sync") == "0 change(s) applied.\n"  # the first use built the index
    Document.objects.filter(pk=docs["en"].pk).update(title="Renamed")
    SearchChange.objects.create(document_id=docs["en"].pk)
    SearchChange.objects.update(created_at=timezone.now() - dt.timedelta(days=40))
    out = run("search_sync", "--prune", "30")
    assert out.startswith("1 change(s) applied.\n") and "5 change-log row(s) older than 30 day(s) deleted" in out
    assert SearchChange.objects.count() == 1
    assert replica.replica().apply_changes() == 0 and ids(search("renamed")) == [docs["en"].pk]
