"""The catalogue's search page, its layout tested against a stand-in for the search engine (the
engine itself is tested in test_search_*.py; end-to-end runs in test_catalogue_search.py)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from relais.knowledge.models import Access, Collection, CollectionItem, Document, DocumentKind
from relais.knowledge.search import Hit, SearchParams, SearchResult
from relais.knowledge.tests.factories import make_document

URL = reverse("knowledge:index")


class FakeSearch:
    """Searches the database the way the engine would answer: access inside the query, facets
    counted over what the audience may see, newest first. Two queries, whatever the data."""

    def __init__(self) -> None:
        self.calls: list[tuple[SearchParams, str]] = []

    def __call__(self, params: SearchParams, *, audience: str) -> SearchResult:
        self.calls.append((params, audience))
        qs = Document.objects.all() if audience == "internal" else Document.objects.filter(access=Access.PUBLIC)
        if params.kind:
            qs = qs.filter(kind__in=params.kind)
        if params.q:
            qs = qs.filter(title__icontains=params.q.split()[0])
        docs = list(qs.order_by("-created_at", "-id").values("id", "title", "kind", "year", "language"))
        themes = Document.themes.through.objects.filter(document_id__in=[d["id"] for d in docs]).values_list(
            "theme__code", flat=True
        )
        facets = {
            "kind": Counter(d["kind"] for d in docs).most_common(),
            "year": Counter(str(d["year"]) for d in docs if d["year"]).most_common(),
            "language": Counter(d["language"] for d in docs).most_common(),
            "theme": Counter(themes).most_common(),
        }
        start = (params.page - 1) * params.per_page
        hits = [
            Hit(
                document_id=d["id"],
                score=1.0,
                title_html=f"<mark>{escape(d['title'])}</mark>",
                snippet_html="… detect <mark>trafficking</mark> for labour exploitation …",
            )
            for d in docs[start : start + params.per_page]
        ]
        return SearchResult(total=len(docs), hits=hits, facets=facets, page=params.page, per_page=params.per_page)


@pytest.fixture
def fake_search(monkeypatch: pytest.MonkeyPatch) -> FakeSearch:
    fake = FakeSearch()
    monkeypatch.setattr("relais.knowledge.views_catalogue.search_documents", fake)
    return fake


@pytest.fixture
def docs(db: None) -> dict[str, Document]:
    return {
        "public": make_document(
            title="Guideline on labour inspection",
            authors=["Ana Marković", "Milan Đorđević", "Ivan Horvat", "Eva Novak"],
            languages=["en", "sr"],
            themes=["thb_labour"],
            year=2023,
        ),
        "french": make_document(
            title="Guide de l'inspection du travail", language="fr", languages=["fr"], kind=DocumentKind.MANUAL
        ),
        "internal": make_document(title="Internal casework notes", access=Access.INTERNAL, kind=DocumentKind.REPORT),
    }


def test_anonymous_visitors_see_public_documents_with_a_public_header(
    client: Any, docs: dict[str, Document], fake_search: FakeSearch
) -> None:
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert fake_search.calls[-1][1] == "public"
    assert "Guideline on labour inspection" in html
    assert "Internal casework notes" not in html
    # The header: the knowledge centre and "Log in", no programme navigation, no access badges.
    assert f'href="{reverse("accounts:login")}?next=/knowledge/"' in html
    assert 'class="main-nav"' in html and ">Knowledge centre</a>" in html
    assert "Programmes" not in html
    assert "kn-public" not in html and "kn-internal" not in html
    # Facets: checkbox groups with legends and counts; the front page sorts newest first.
    assert "<legend>Type</legend>" in html and "<legend>Theme</legend>" in html
    assert re.search(r'name="kind" value="guideline" id="kn-f-kind-guideline"', html)
    assert "Trafficking for labour exploitation" in html  # the theme's name, not its code
    assert fake_search.calls[-1][0].sort == "relevance"  # the engine lists the newest first without a query
    assert "2 documents" in html


def test_results_show_highlights_badges_authors_languages_and_snippets(
    client: Any, personas: dict[str, Any], docs: dict[str, Document], fake_search: FakeSearch
) -> None:
    client.force_login(personas["trainer"])
    html = client.get(URL, {"q": "guide"}).content.decode()
    assert fake_search.calls[-1][1] == "internal"
    assert "<mark>Guideline on labour inspection</mark>" in html
    assert "detect <mark>trafficking</mark>" in html
    assert 'class="badge kn-kind">Guideline<' in html
    assert "Ana Marković, Milan Đorđević, Ivan Horvat et al." in html
    assert "Eva Novak" not in html
    assert re.search(r"English, Serbian", html)
    assert 'class="badge kn-public"' in html  # staff see which documents are public


def test_internal_documents_are_searched_for_staff_only(
    client: Any, personas: dict[str, Any], docs: dict[str, Document], fake_search: FakeSearch
) -> None:
    for persona, audience in [("viewer", "public"), ("outsider", "public"), ("me_officer", "internal")]:
        client.force_login(personas[persona])
        html = client.get(URL).content.decode()
        assert fake_search.calls[-1][1] == audience, persona
        assert ("Internal casework notes" in html) is (audience == "internal"), persona


def test_filters_are_read_and_unknown_values_ignored(
    client: Any, docs: dict[str, Document], fake_search: FakeSearch
) -> None:
    response = client.get(
        URL,
        {
            "q": ' "labour: [inspection] (\x00 ',
            "kind": ["guideline", "bogus"],
            "theme": ["thb_labour", "no_such_theme"],
            "year": ["2023", "20x3"],
            "language": ["fr", "<script>"],
            "country": ["AL", "ZZZ"],
            "audience": ["police", "nobody"],
            "sort": "sideways",
            "page": "abc",
        },
    )
    assert response.status_code == 200
    params = fake_search.calls[-1][0]
    assert params.q == '"labour: [inspection] ('
    assert params.kind == ["guideline"]
    assert params.theme == ["thb_labour"]
    assert params.year == ["2023"]
    assert params.language == ["fr"]
    assert params.country == ["AL"]
    assert params.audience == ["police"]
    assert params.sort == "relevance"
    assert params.page == 1
    html = response.content.decode()
    # The chosen values are shown checked, and as chips that remove them.
    assert re.search(r'value="guideline" id="kn-f-kind-guideline" checked', html)
    assert 'aria-label="Filters in use"' in html
    assert "Albania" in html and "Police" in html


@pytest.mark.parametrize("page", ["0", "-3", "99999999999999999999", "1e3", "", "2"])
def test_odd_page_numbers_never_fail(
    client: Any, docs: dict[str, Document], fake_search: FakeSearch, page: str
) -> None:
    response = client.get(URL, {"page": page})
    assert response.status_code == 200
    assert 1 <= fake_search.calls[-1][0].page <= 500
    if page in ("2", "99999999999999999999"):
        assert "This page is past the last one." in response.content.decode()


def test_pagination_shows_the_range_and_the_total(client: Any, db: None, fake_search: FakeSearch) -> None:
    for n in range(45):
        make_document(title=f"Study number {n}")
    html = client.get(URL, {"page": "2"}).content.decode()
    assert "21–40 of 45" in html
    assert "Page 2 of 3" in html
    assert 'id="kn-page-previous"' in html and 'id="kn-page-next"' in html
    assert '<ol class="kn-hits" start="21">' in html


def test_htmx_answers_with_the_results_and_the_facets_out_of_band(
    client: Any, docs: dict[str, Document], fake_search: FakeSearch
) -> None:
    response = client.get(URL, {"q": "guide"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="kn-facets" class="kn-facets" aria-labelledby="kn-facets-h" hx-swap-oob="true"' in html
    assert '<p id="kn-status" hx-swap-oob="innerHTML">' in html
    assert "<mark>Guideline on labour inspection</mark>" in html
    assert "HX-Request" in response["Vary"]
    # After "Next", the results' heading takes the focus.
    paged = client.get(URL, {"page": "1"}, headers={"HX-Request": "true", "HX-Trigger": "kn-page-next"})
    assert 'id="kn-results-h" class="h5 kn-results-h" tabindex="-1" autofocus' in paged.content.decode()
    # A history restore is a whole page.
    restored = client.get(URL, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in restored.content.decode()


def test_the_full_page_wires_the_form_to_htmx_and_works_without_it(
    client: Any, docs: dict[str, Document], fake_search: FakeSearch
) -> None:
    html = client.get(URL).content.decode()
    form = re.search(r"<form id=\"kn-search\"[^>]*>", html)
    assert form is not None
    for attribute in ('method="get"', 'action="/knowledge/"', 'hx-get="/knowledge/"', 'hx-target="#kn-results"'):
        assert attribute in form.group(0)
    assert 'hx-push-url="true"' in form.group(0)
    assert 'role="search"' in html and '<label class="form-label" for="kn-q">' in html
    assert 'id="kn-status" class="kn-status" role="status" aria-live="polite"' in html
    assert '<label class="form-label" for="kn-sort">Sort by</label>' in html


def test_front_page_lists_collections_counting_only_what_the_user_sees(
    client: Any, personas: dict[str, Any], docs: dict[str, Document], fake_search: FakeSearch
) -> None:
    package = Collection.objects.create(title="Training package Albania", access=Access.PUBLIC)
    CollectionItem.objects.create(collection=package, document=docs["public"], position=1)
    CollectionItem.objects.create(collection=package, document=docs["internal"], position=2)
    Collection.objects.create(title="Internal reading list", access=Access.INTERNAL)
    html = client.get(URL).content.decode()
    assert "Training package Albania" in html and "1 document<" in html
    assert "Internal reading list" not in html
    client.force_login(personas["trainer"])
    html = client.get(URL).content.decode()
    assert "Internal reading list" in html and "2 documents<" in html
    # Once searching, the collections give way to the results.
    assert "Training package Albania" not in client.get(URL, {"q": "guide"}).content.decode()


def test_a_document_hidden_since_the_index_was_written_is_left_out(
    client: Any, docs: dict[str, Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    stale = [Hit(document_id=docs["internal"].pk, score=1, title_html="Internal casework notes", snippet_html="")]

    def search(params: SearchParams, *, audience: str) -> SearchResult:
        return SearchResult(total=1, hits=stale, facets={}, page=1, per_page=20)

    monkeypatch.setattr("relais.knowledge.views_catalogue.search_documents", search)
    assert "Internal casework notes" not in client.get(URL).content.decode()


def _count_queries(client: Any) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, {"q": "Study"}).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_hits(
    client: Any, personas: dict[str, Any], db: None, fake_search: FakeSearch
) -> None:
    client.force_login(personas["trainer"])
    client.get(URL)  # the session's first request writes it
    for n in range(3):
        make_document(title=f"Study {n}", themes=["thb_labour"], authors=["A B", "C D"], languages=["en", "fr"])
    few = _count_queries(client)
    for n in range(3, 25):
        make_document(title=f"Study {n}", themes=["thb_labour"], access=Access.INTERNAL, kind=DocumentKind.REPORT)
    many = _count_queries(client)
    assert many == few
    # Session and user, roles, four reference tables, the documents of the hits (+ the fake's two).
    assert many <= 12
