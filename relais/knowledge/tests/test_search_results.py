"""Facets, filters, sort, pages and snippets of the search."""

from __future__ import annotations

import time
from typing import Any

import pytest

from relais.knowledge.models import Document
from relais.knowledge.tests.test_search_support import add_document, ids, search, set_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue() -> dict[str, Any]:
    """Six documents with known facets (all mention "labour")."""
    rows = [
        ("a", "study", 2020, "en", ["thb_labour"], ["AL", "IT"], ["police"], "public"),
        ("b", "study", 2021, "fr", ["thb_labour", "judicial_cooperation"], ["AL"], [], "public"),
        ("c", "manual", 2021, "en", ["judicial_cooperation"], ["IT"], ["labour_inspection", "police"], "public"),
        ("d", "manual", 2022, "ro", [], [], ["labour_inspection"], "public"),
        ("e", "report", None, "en", ["thb_labour"], ["RS"], [], "public"),
        ("f", "report", 2023, "en", ["thb_labour"], ["AL"], ["police"], "internal"),
    ]
    docs = {}
    for name, kind, year, language, themes, countries, audiences, access in rows:
        docs[name] = add_document(
            title=f"Labour document {name}",
            kind=kind,
            year=year,
            language=language,
            themes=themes,
            countries=countries,
            audiences=audiences,
            access=access,
        )
        time.sleep(0.002)  # distinct addition times
    Document.objects.filter(pk=docs["e"].pk).update(languages=["en", "sq"])
    from relais.knowledge.services import search_changed

    search_changed(docs["e"].pk)
    return docs


def test_facet_counts(catalogue: dict[str, Any]) -> None:
    result = search("labour")
    assert result.total == 6
    assert result.facets["kind"] == [("manual", 2), ("report", 2), ("study", 2)]
    assert result.facets["year"] == [("2021", 2), ("2020", 1), ("2022", 1), ("2023", 1)]
    assert dict(result.facets["theme"]) == {"thb_labour": 4, "judicial_cooperation": 2}
    assert dict(result.facets["language"]) == {"en": 4, "fr": 1, "ro": 1, "sq": 1}
    assert dict(result.facets["country"]) == {"AL": 3, "IT": 2, "RS": 1}
    assert dict(result.facets["audience"]) == {"police": 3, "labour_inspection": 2}
    public = search("labour", who="public")
    assert public.total == 5
    assert dict(public.facets["country"]) == {"AL": 2, "IT": 2, "RS": 1}
    assert dict(public.facets["kind"]) == {"study": 2, "manual": 2, "report": 1}


def test_filters_or_within_and_across(catalogue: dict[str, Any]) -> None:
    d = catalogue
    assert set(ids(search("", kind=["study"]))) == {d["a"].pk, d["b"].pk}
    assert set(ids(search("", kind=["study", "manual"]))) == {d["a"].pk, d["b"].pk, d["c"].pk, d["d"].pk}
    assert set(ids(search("", kind=["study", "manual"], country=["IT"]))) == {d["a"].pk, d["c"].pk}
    assert set(ids(search("", year=["2021"], theme=["judicial_cooperation"]))) == {d["b"].pk, d["c"].pk}
    assert set(ids(search("labour", language=["sq"]))) == {d["e"].pk}
    assert ids(search("", year=["not a year"])) == []
    assert ids(search("", kind=["nonsense"])) == []
    assert set(ids(search("", audience=["police"]))) == {d["a"].pk, d["c"].pk, d["f"].pk}
    assert set(ids(search("", audience=["police"], who="public"))) == {d["a"].pk, d["c"].pk}


def test_facets_disjunctive(catalogue: dict[str, Any]) -> None:
    """A facet's own filter does not narrow its counts (its values are OR-ed); the others do."""
    result = search("", kind=["study"], country=["AL"])
    assert result.total == 2
    assert dict(result.facets["kind"]) == {"study": 2, "report": 1}  # with country AL
    assert dict(result.facets["country"]) == {"AL": 2, "IT": 1}  # with kind study
    assert dict(result.facets["year"]) == {"2020": 1, "2021": 1}  # with both
    public = search("", kind=["study", "report"], who="public")
    assert dict(public.facets["kind"]) == {"study": 2, "manual": 2, "report": 1}


def test_sorts(catalogue: dict[str, Any]) -> None:
    d = catalogue
    newest = ids(search("", per_page=10))
    assert newest == [d[n].pk for n in ("f", "d", "c", "b", "a", "e")]  # 2021 ties: added later first
    assert ids(search("labour", sort="newest", per_page=10)) == newest
    assert ids(search("", sort="oldest", per_page=10)) == [d[n].pk for n in ("a", "b", "c", "d", "f", "e")]
    assert ids(search("", sort="added", per_page=10)) == [d[n].pk for n in ("f", "e", "d", "c", "b", "a")]
    assert ids(search("", sort="bogus", per_page=10)) == newest


def test_pages(catalogue: dict[str, Any]) -> None:
    everything = ids(search("", per_page=10))
    pages = [search("", page=p, per_page=4) for p in (1, 2, 3)]
    assert [ids(p) for p in pages] == [everything[:4], everything[4:], []]
    assert all(p.total == 6 for p in pages)
    far = search("labour", page=10**9, per_page=20)
    assert far.hits == [] and far.total == 6 and far.page == 10**9
    assert search("", page=-3, per_page=0).page == 1 and len(search("", page=-3, per_page=1).hits) == 1
    assert search("", per_page=10**6).per_page == 100


def test_snippets_mark_and_escape() -> None:
    doc = add_document(
        title="Forced <labour> & exploitation",
        abstract="<p>An abstract about farms.</p>",
        body="Intro. " * 80
        + "Workers were subject to forced labour <script>alert('x')</script> in fields. "
        + "End. " * 80,
    )
    hit = search("forced labour").hits[0]
    assert hit.document_id == doc.pk
    assert hit.title_html == "<mark>Forced</mark> &lt;<mark>labour</mark>&gt; &amp; exploitation"
    assert "<mark>forced</mark> <mark>labour</mark>" in hit.snippet_html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)" in hit.snippet_html
    assert "<script>" not in hit.snippet_html and hit.snippet_html.startswith("…")
    assert len(hit.snippet_html) < 600


def test_snippet_falls_back_to_abstract_then_excerpt() -> None:
    doc = add_document(title="Manual", abstract="<p>Guidance for <em>inspectors</em> on farms.</p>", body="Text.")
    assert search("inspector").hits[0].snippet_html == "Guidance for <mark>inspectors</mark> on farms."
    assert search("manual").hits[0].snippet_html == "Guidance for inspectors on farms."
    assert search("").hits[0].title_html == "Manual"
    set_body(doc, "")
    assert search("guidance").hits[0].document_id == doc.pk


def test_body_indexed_beyond_what_is_stored() -> None:
    from relais.knowledge.search.schema import BODY_STORED

    doc = add_document(title="Long", body="filler " * (BODY_STORED // 7 + 100) + "needle at the end")
    hit = search("needle").hits[0]
    assert hit.document_id == doc.pk and "mark" not in hit.snippet_html


def test_only_the_current_extracted_text_is_searched() -> None:
    from relais.knowledge.models import TextStatus

    doc = add_document(title="Versions", body="first version mentions bananas")
    set_body(doc, "second version mentions cherries")
    assert ids(search("cherries")) == [doc.pk] and ids(search("bananas")) == []
    set_body(doc, "third mentions dates", status=TextStatus.PENDING)
    assert ids(search("cherries")) == [] and ids(search("dates")) == [] and ids(search("versions")) == [doc.pk]


def test_body_in_the_first_content_language() -> None:
    doc = add_document(title="Guide", language="en", languages=["fr", "en"], body="Les inspecteurs du travail.")
    assert ids(search("inspecteur", query_language="fr")) == [doc.pk]
    assert search("", language=["fr"]).total == 1 and search("", language=["de"]).total == 0


def test_took_and_score(catalogue: dict[str, Any]) -> None:
    result = search("labour")
    assert result.took_ms > 0 and all(h.score > 0 for h in result.hits)
    assert all(h.score == 0 for h in search("labour", sort="newest").hits)


def test_facets_counted_in_this_thread_or_others(catalogue: dict[str, Any], settings: Any) -> None:
    from relais.knowledge.search import query

    pooled = search("labour", kind=["study"], country=["AL"])
    settings.RELAIS_SEARCH_THREADS = 0
    assert query._executor() is None
    inline = search("labour", kind=["study"], country=["AL"])
    assert (inline.total, inline.facets, ids(inline)) == (pooled.total, pooled.facets, ids(pooled))


def test_a_snippet_does_not_repeat_the_title_that_opens_the_file() -> None:
    from relais.knowledge.search.snippets import without_title_page

    body = "Manuel de l'inspecteur du travail Céline Moreau 2019 Introduction L'inspecteur constate les dettes."
    assert without_title_page(body, "Manuel de l'inspecteur du travail").startswith(" Céline Moreau")
    assert without_title_page("Another text", "Manuel") == "Another text"


def test_a_long_phrase_over_repetitive_text_is_located_quickly() -> None:
    """A phrase of many words over a text that repeats one token must not make the passage finder
    backtrack for seconds (each gap may skip words)."""
    import time

    from relais.knowledge.search.snippets import locator

    finders = locator([(["0"] * 29 + ["1"], True)], "plain")
    text = "0 " * 5000
    started = time.perf_counter()
    for finder in finders:
        finder.first(text)
    assert time.perf_counter() - started < 0.5
