"""The knowledge centre's API: the catalogue's documents, search and files, with the pages' rules.

Without a token: the public catalogue exactly as an anonymous visitor sees it. With a token: its
owner's view, internal documents for programme staff (not viewers, not outsiders) — in lists, search
hits, totals and facets, a document's page and its files."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from relais.api.routers.documents_search import FacetFilters, marked
from relais.api.tests.factories import ApiClient, api_for
from relais.knowledge.models import Access, Collection, CollectionItem, Document, DocumentFile, DocumentKind
from relais.knowledge.search import FACETS
from relais.knowledge.services import document_create, document_title_set, translation_link
from relais.knowledge.services_files import file_add
from relais.knowledge.tests.factories import make_document

pytestmark = pytest.mark.django_db

BODY_WORD = "quokkaesque"  # only in the files' text, never in a title or an abstract


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def catalogue(personas: dict[str, Any], django_capture_on_commit_callbacks: Any) -> dict[str, Any]:
    admin = personas["admin"]
    with django_capture_on_commit_callbacks(execute=True):
        public = document_create(
            actor=admin,
            kind=DocumentKind.GUIDELINE,
            title="Guideline on labour inspection",
            abstract="<p>How labour inspectors detect trafficking on farms.</p>",
            language="en",
            languages=["en", "sq"],
            authors=["Ana Marković"],
            publisher="Relais Centre",
            year=2023,
            doi="10.1234/relais.2023",
            access=Access.PUBLIC,
            themes=["thb_labour"],
            countries=["AL"],
            audiences=["police"],
        )
        internal = document_create(
            actor=admin,
            kind=DocumentKind.REPORT,
            title="Internal report on labour inspection casework",
            abstract="<p>Casework of the inspectors, not for publication.</p>",
            language="en",
            year=2019,
            access=Access.INTERNAL,
            countries=["IT"],
        )
        french = document_create(
            actor=admin,
            kind=DocumentKind.MANUAL,
            title="Manuel pour les inspecteurs du travail",
            abstract="<p>Repérer la traite des êtres humains.</p>",
            language="fr",
            year=2024,
            access=Access.PUBLIC,
        )
        old = file_add(
            actor=admin, document=public, data=b"First draft on farms.", filename="draft.txt", extract_now=True
        )
        current = file_add(
            actor=admin,
            document=public,
            data=f"Labour inspectors on farms: a {BODY_WORD} approach to <interviews>.".encode(),
            filename="guideline.txt",
            note="Final text",
            extract_now=True,
        )
        secret = file_add(
            actor=admin,
            document=internal,
            data=f"Casework notes, the {BODY_WORD} method.".encode(),
            filename="casework.txt",
            extract_now=True,
        )
        document_title_set(
            actor=admin,
            document=public,
            language="fr",
            title="Guide de l'inspection du travail",
            abstract="<p>Guide.</p>",
        )
        translation_link(actor=admin, document=public, other=french)
        translation_link(actor=admin, document=public, other=internal)
    open_collection = Collection.objects.create(title="Open package", access=Access.PUBLIC)
    staff_collection = Collection.objects.create(title="Staff package", access=Access.INTERNAL)
    for collection in (open_collection, staff_collection):
        CollectionItem.objects.create(collection=collection, document=public, position=1)
    return {
        "public": public,
        "internal": internal,
        "french": french,
        "old_file": old,
        "file": current,
        "secret_file": secret,
        "open_collection": open_collection,
        "staff_collection": staff_collection,
    }


def ids(response: Any) -> set[int]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def error_fields(response: Any) -> list[str]:
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    return [e["field"] for e in response.json()["errors"]]


# --- GET /documents ------------------------------------------------------------------------------


def test_list_without_a_token_is_the_public_catalogue(catalogue: dict[str, Any]) -> None:
    response = ApiClient().get("/documents")
    assert ids(response) == {catalogue["public"].pk, catalogue["french"].pk}
    item = next(i for i in response.json()["items"] if i["id"] == catalogue["public"].pk)
    assert item["kind"] == "guideline" and item["year"] == 2023 and item["access"] == "public"
    assert item["themes"] == ["thb_labour"] and item["countries"] == ["AL"] and item["audiences"] == ["police"]
    assert item["languages"] == ["en", "sq"] and item["authors"] == ["Ana Marković"]
    assert response.json()["next_cursor"] is None


@pytest.mark.parametrize(
    ("persona", "sees"),
    [("trainer", True), ("admin", True), ("me_officer", True), ("viewer", False), ("outsider", False)],
)
def test_list_shows_internal_documents_to_staff_only(
    personas: dict[str, Any], catalogue: dict[str, Any], persona: str, sees: bool
) -> None:
    found = ids(api_for(personas[persona]).get("/documents"))
    assert (catalogue["internal"].pk in found) is sees
    assert catalogue["public"].pk in found
    assert (
        catalogue["internal"].pk in ids(api_for(personas[persona]).get("/documents", {"access": "internal"}))
    ) is sees


def test_a_wrong_token_is_refused_even_on_the_public_catalogue(catalogue: dict[str, Any]) -> None:
    response = ApiClient("not-a-token").get("/documents")
    assert response.status_code == 401


def test_list_filters(personas: dict[str, Any], catalogue: dict[str, Any]) -> None:
    api = api_for(personas["trainer"])
    public, internal, french = catalogue["public"].pk, catalogue["internal"].pk, catalogue["french"].pk
    assert ids(api.get("/documents", {"kind": "report"})) == {internal}
    assert ids(api.get("/documents", {"kind": ["report", "manual"]})) == {internal, french}
    assert ids(api.get("/documents", {"language": "fr"})) == {french}
    assert ids(api.get("/documents", {"language": "sq"})) == {public}  # a language of the content
    assert ids(api.get("/documents", {"theme": "thb_labour"})) == {public}
    assert ids(api.get("/documents", {"country": ["IT", "AL"]})) == {public, internal}
    assert ids(api.get("/documents", {"audience": "police"})) == {public}
    assert ids(api.get("/documents", {"year": [2019, 2024]})) == {internal, french}
    assert ids(api.get("/documents", {"access": "public"})) == {public, french}
    assert ids(api.get("/documents", {"kind": "guideline", "country": "IT"})) == set()


def test_list_updated_since(personas: dict[str, Any], catalogue: dict[str, Any]) -> None:
    api = api_for(personas["trainer"])
    later = timezone.now() + dt.timedelta(minutes=5)
    assert ids(api.get("/documents", {"updated_since": later.isoformat()})) == set()
    earlier = timezone.now() - dt.timedelta(days=1)
    assert len(ids(api.get("/documents", {"updated_since": earlier.isoformat()}))) == 3
    # A new title changes no column of the document: the change log says it changed.
    Document.objects.update(updated_at=timezone.now() - dt.timedelta(days=30))
    from relais.knowledge.models import SearchChange

    SearchChange.objects.update(created_at=timezone.now() - dt.timedelta(days=30))
    since = (timezone.now() - dt.timedelta(days=2)).isoformat()
    assert ids(api.get("/documents", {"updated_since": since})) == set()
    document_title_set(actor=personas["admin"], document=catalogue["french"], language="en", title="Manual")
    assert ids(api.get("/documents", {"updated_since": since})) == {catalogue["french"].pk}
    assert error_fields(api.get("/documents", {"updated_since": "yesterday"})) == ["updated_since"]


def test_list_refuses_unknown_codes(personas: dict[str, Any], catalogue: dict[str, Any]) -> None:
    api = api_for(personas["trainer"])
    assert error_fields(api.get("/documents", {"theme": ["thb_labour", "nope"]})) == ["theme.1"]
    assert error_fields(api.get("/documents", {"country": "ZZ"})) == ["country.0"]
    assert error_fields(api.get("/documents", {"audience": "astronaut"})) == ["audience.0"]
    assert error_fields(api.get("/documents", {"language": "xx"})) == ["language.0"]
    assert error_fields(api.get("/documents", {"kind": "novel"})) == ["kind.0"]
    assert error_fields(api.get("/documents", {"year": 3000})) == ["year.0"]
    assert error_fields(api.get("/documents", {"access": "secret"})) == ["access"]
    assert error_fields(api.get("/documents", {"limit": 201})) == ["limit"]
    assert error_fields(api.get("/documents", {"cursor": "garbage"})) == ["cursor"]
    assert error_fields(api.get("/documents", {"kind": ["study"] * 21})) == ["kind"]


def test_list_pages_in_id_order(personas: dict[str, Any], catalogue: dict[str, Any]) -> None:
    api = api_for(personas["admin"])
    first = api.get("/documents", {"limit": 2}).json()
    assert [i["id"] for i in first["items"]] == sorted(
        [catalogue["public"].pk, catalogue["internal"].pk, catalogue["french"].pk]
    )[:2]
    second = api.get("/documents", {"limit": 2, "cursor": first["next_cursor"]}).json()
    assert [i["id"] for i in second["items"]] == [max(catalogue[k].pk for k in ("public", "internal", "french"))]
    assert second["next_cursor"] is None


def _documents(n: int) -> None:
    for i in range(n):
        make_document(title=f"Document {i}", themes=["thb_labour"], countries=["AL", "IT"], audiences=["police"])


def test_list_reads_a_constant_number_of_queries(personas: dict[str, Any], django_assert_max_num_queries: Any) -> None:
    api = api_for(personas["trainer"])
    api.get("/documents")  # the token's first use is recorded once
    _documents(2)
    with CaptureQueriesContext(connection) as queries:
        assert len(ids(api.get("/documents", {"limit": 200, "theme": "thb_labour"}))) == 2
    _documents(18)
    with django_assert_max_num_queries(len(queries)):
        assert len(ids(api.get("/documents", {"limit": 200, "theme": "thb_labour"}))) == 20


# --- GET /documents/search -----------------------------------------------------------------------


def test_search_finds_a_word_of_the_body_for_the_public_in_public_documents_only(catalogue: dict[str, Any]) -> None:
    body = ApiClient().get("/documents/search", {"q": BODY_WORD}).json()
    assert body["total"] == 1
    [hit] = body["items"]
    assert hit["id"] == catalogue["public"].pk
    assert hit["passage"] and all(
        hit["passage"][s["start"] : s["end"]].lower() == BODY_WORD for s in hit["passage_highlights"]
    )
    assert hit["passage_highlights"]
    assert "<interviews>" in hit["passage"]  # plain text: the file's own characters, not escaped
    assert "<mark>" not in hit["passage"] and "&lt;" not in hit["passage"]
    values = {(f["name"], o["value"]) for f in body["facets"] for o in f["options"]}
    assert ("kind", "guideline") in values
    assert ("kind", "report") not in values and ("country", "IT") not in values and ("year", "2019") not in values


@pytest.mark.parametrize(
    ("persona", "sees"), [("manager", True), ("coordinator_al", True), ("viewer", False), ("outsider", False)]
)
def test_search_gives_internal_documents_to_staff_only(
    personas: dict[str, Any], catalogue: dict[str, Any], persona: str, sees: bool
) -> None:
    body = api_for(personas[persona]).get("/documents/search", {"q": BODY_WORD}).json()
    assert (catalogue["internal"].pk in {h["id"] for h in body["items"]}) is sees
    assert body["total"] == (2 if sees else 1)
    kinds = {o["value"]: o["count"] for f in body["facets"] if f["name"] == "kind" for o in f["options"]}
    assert ("report" in kinds) is sees


def test_search_highlights_the_title_as_ranges(catalogue: dict[str, Any]) -> None:
    body = ApiClient().get("/documents/search", {"q": "inspection"}).json()
    hit = next(h for h in body["items"] if h["id"] == catalogue["public"].pk)
    assert hit["title"] == "Guideline on labour inspection"
    assert [hit["title"][s["start"] : s["end"]] for s in hit["title_highlights"]] == ["inspection"]
    assert hit["score"] > 0


def test_search_facets_filter_and_count(personas: dict[str, Any], catalogue: dict[str, Any]) -> None:
    api = api_for(personas["trainer"])
    body = api.get("/documents/search", {"kind": "report"}).json()
    assert [h["id"] for h in body["items"]] == [catalogue["internal"].pk]
    kind = next(f for f in body["facets"] if f["name"] == "kind")
    options = {o["value"]: (o["count"], o["selected"]) for o in kind["options"]}
    # Disjunctive: the other types stay countable and choosable.
    assert options["report"] == (1, True) and options["guideline"] == (1, False)
    assert kind["label"] == "Type"
    country = next(f for f in body["facets"] if f["name"] == "country")
    assert [(o["value"], o["label"]) for o in country["options"]] == [("IT", "Italy")]
    assert [h["id"] for h in api.get("/documents/search", {"theme": "thb_labour"}).json()["items"]] == [
        catalogue["public"].pk
    ]
    assert api.get("/documents/search", {"year": 2024, "language": "fr"}).json()["total"] == 1


def test_search_sorts_and_pages(personas: dict[str, Any], catalogue: dict[str, Any]) -> None:
    api = api_for(personas["admin"])
    newest = [h["id"] for h in api.get("/documents/search", {"sort": "newest"}).json()["items"]]
    assert newest == [catalogue["french"].pk, catalogue["public"].pk, catalogue["internal"].pk]
    oldest = [h["id"] for h in api.get("/documents/search", {"sort": "oldest"}).json()["items"]]
    assert oldest == newest[::-1]
    first = api.get("/documents/search", {"sort": "newest", "limit": 2}).json()
    assert first["total"] == 3 and first["next_page"] == 2 and len(first["items"]) == 2
    second = api.get("/documents/search", {"sort": "newest", "limit": 2, "page": 2}).json()
    assert [h["id"] for h in second["items"]] == newest[2:] and second["next_page"] is None


def test_search_refuses_bad_parameters(catalogue: dict[str, Any]) -> None:
    api = ApiClient()
    assert error_fields(api.get("/documents/search", {"theme": "nope"})) == ["theme.0"]
    assert error_fields(api.get("/documents/search", {"sort": "random"})) == ["sort"]
    assert error_fields(api.get("/documents/search", {"limit": 101})) == ["limit"]
    assert error_fields(api.get("/documents/search", {"page": 501})) == ["page"]
    assert error_fields(api.get("/documents/search", {"q": "x" * 201})) == ["q"]
    # Words the engine cannot read never fail.
    assert api.get("/documents/search", {"q": '"unclosed -( AND OR *'}).status_code == 200


def test_search_sees_a_document_made_internal_at_once(
    catalogue: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    from relais.knowledge.services import document_update

    with django_capture_on_commit_callbacks(execute=True):
        document_update(actor=None, document=catalogue["public"], access=Access.INTERNAL)
    assert ApiClient().get("/documents/search", {"q": BODY_WORD}).json()["total"] == 0


# --- GET /documents/{document_id} ----------------------------------------------------------------


def test_document_for_the_public(catalogue: dict[str, Any]) -> None:
    public = catalogue["public"]
    response = ApiClient().get(f"/documents/{public.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "Guideline on labour inspection" and body["language"] == "en"
    assert body["abstract"].startswith("<p>How labour inspectors")
    assert body["other_titles"] == [
        {"language": "fr", "title": "Guide de l'inspection du travail", "abstract": "<p>Guide.</p>"}
    ]
    assert body["translations"] == [
        {"id": catalogue["french"].pk, "title": "Manuel pour les inspecteurs du travail", "language": "fr"}
    ]
    assert body["collections"] == [{"id": catalogue["open_collection"].pk, "title": "Open package"}]
    assert body["doi"] == "10.1234/relais.2023" and body["citation"]["doi_url"] == "https://doi.org/10.1234/relais.2023"
    assert body["citation"]["apa"].startswith("Marković, A. (2023).")
    assert body["citation"]["bibtex"].startswith("@manual{")
    assert body["current_file_id"] == catalogue["file"].pk
    files = body["files"]
    assert [f["id"] for f in files] == [catalogue["file"].pk, catalogue["old_file"].pk]
    assert files[0]["is_current"] and files[0]["type"] == "txt" and files[0]["content_type"] == "text/plain"
    assert files[0]["name"] == "guideline.txt" and files[0]["note"] == "Final text"
    assert files[0]["size"] == catalogue["file"].size
    assert files[0]["download"] == f"/api/v1/documents/{public.pk}/files/{catalogue['file'].pk}"
    # Like the page: who added it and the text's status are for programme staff.
    assert files[0]["text_status"] is None and files[0]["uploaded_by"] is None
    assert BODY_WORD not in response.content.decode()  # never the extracted text


def test_document_for_staff(personas: dict[str, Any], catalogue: dict[str, Any]) -> None:
    body = api_for(personas["trainer"]).get(f"/documents/{catalogue['public'].pk}").json()
    assert {t["id"] for t in body["translations"]} == {catalogue["french"].pk, catalogue["internal"].pk}
    assert {c["title"] for c in body["collections"]} == {"Open package", "Staff package"}
    assert body["files"][0]["text_status"] == "done"
    assert body["files"][0]["uploaded_by"] == personas["admin"].full_name
    assert BODY_WORD not in str(body)


@pytest.mark.parametrize("persona", ["anonymous", "viewer", "outsider"])
def test_internal_document_and_its_file_do_not_exist_for_the_others(
    personas: dict[str, Any], catalogue: dict[str, Any], persona: str
) -> None:
    api = ApiClient() if persona == "anonymous" else api_for(personas[persona])
    internal, file = catalogue["internal"], catalogue["secret_file"]
    response = api.get(f"/documents/{internal.pk}")
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"
    assert api.get(f"/documents/{internal.pk}/files/{file.pk}").status_code == 404


def test_internal_document_for_staff(personas: dict[str, Any], catalogue: dict[str, Any]) -> None:
    api = api_for(personas["me_officer"])
    internal = catalogue["internal"]
    body = api.get(f"/documents/{internal.pk}").json()
    assert body["access"] == "internal" and body["countries"] == ["IT"]
    assert api.get("/documents/999999").status_code == 404


# --- GET /documents/{document_id}/files/{file_id} ------------------------------------------------


def test_download_of_a_public_file_as_the_page_sends_it(catalogue: dict[str, Any]) -> None:
    public, file = catalogue["public"], catalogue["file"]
    response = ApiClient().get(f"/documents/{public.pk}/files/{file.pk}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"Labour inspectors on farms")
    assert response["Content-Type"] == "text/plain"
    assert response["Content-Disposition"] == 'attachment; filename="guideline.txt"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response["Cache-Control"] == "public, max-age=300"
    # An older version too, as on the page.
    old = ApiClient().get(f"/documents/{public.pk}/files/{catalogue['old_file'].pk}")
    assert old.status_code == 200 and b"".join(old.streaming_content) == b"First draft on farms."


def test_download_of_an_internal_file_for_staff_is_private(personas: dict[str, Any], catalogue: dict[str, Any]) -> None:
    internal, file = catalogue["internal"], catalogue["secret_file"]
    response = api_for(personas["trainer"]).get(f"/documents/{internal.pk}/files/{file.pk}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "Authorization" in response["Vary"]
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"


def test_download_of_a_file_of_another_document_or_gone_is_404(catalogue: dict[str, Any]) -> None:
    api = ApiClient()
    assert api.get(f"/documents/{catalogue['french'].pk}/files/{catalogue['file'].pk}").status_code == 404
    DocumentFile.objects.filter(pk=catalogue["old_file"].pk).update(file="knowledge/missing.txt")
    assert api.get(f"/documents/{catalogue['public'].pk}/files/{catalogue['old_file'].pk}").status_code == 404


# --- pieces ---------------------------------------------------------------------------------------


def test_marked_turns_the_engines_html_into_text_and_ranges() -> None:
    text, spans = marked("…a &lt;b&gt; <mark>trafic</mark> &amp; <mark>Traite</mark>")
    assert text == "…a <b> trafic & Traite"
    assert [text[s.start : s.end] for s in spans] == ["trafic", "Traite"]
    assert marked("") == ("", [])


def test_the_api_filters_are_the_search_facets() -> None:
    assert set(FACETS) == set(FacetFilters.model_fields)


def test_the_documentation_page_describes_the_download(client: Any) -> None:
    from django.urls import reverse

    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    assert "document_file_download" in response.content.decode()
