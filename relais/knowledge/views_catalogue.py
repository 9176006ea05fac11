"""The catalogue: search, a document's page, citations, collections. Public documents and
collections are open to everyone (no login); internal ones exist only for programme staff (404 for
the others, in pages, search, facets and counts — see scoping)."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from relais.core import server_timing
from relais.knowledge import citations
from relais.knowledge.forms_search import PER_PAGE, read_query
from relais.knowledge.models import Document
from relais.knowledge.scoping import audience, collection_get, document_get, may_manage, sees_internal
from relais.knowledge.search import Hit, SearchResult, search_documents
from relais.knowledge.selectors import (
    Reference,
    collection_documents,
    collections_with_counts,
    document_view,
    documents_for_hits,
    facet_groups,
    reference_labels,
)
from relais.knowledge.views_files import files_context

FRONT_PAGE_COLLECTIONS = 6
COLLECTIONS_PER_PAGE = 50
AUTHORS_SHOWN = 3


@dataclass
class ResultRow:
    hit: Hit
    document: Document
    languages: list[str]
    authors: list[str]
    more_authors: bool


@dataclass
class ResultPage:
    """A page of hits with the figures the pagination shows ("21–40 of 1,234")."""

    number: int
    per_page: int
    total: int
    shown: int

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def start(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.shown else 0

    @property
    def end(self) -> int:
        return self.start + self.shown - 1 if self.shown else 0

    @property
    def past_the_end(self) -> bool:
        return self.total > 0 and self.shown == 0

    @property
    def previous(self) -> int | None:
        return min(self.number - 1, self.num_pages) if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.num_pages and self.shown else None


def _is_partial(request: HttpRequest) -> bool:
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request  # type: ignore[union-attr]


def _rows(result: SearchResult, documents: dict[int, Document], reference: Reference) -> list[ResultRow]:
    rows = []
    for hit in result.hits:
        document = documents.get(hit.document_id)
        if document is None:  # gone or hidden since the replica last applied the change log
            continue
        authors = [str(a) for a in document.authors or []]
        rows.append(
            ResultRow(
                hit=hit,
                document=document,
                languages=[reference.language(c) for c in (document.languages or [document.language]) if c],
                authors=authors[:AUTHORS_SHOWN],
                more_authors=len(authors) > AUTHORS_SHOWN,
            )
        )
    return rows


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Search the catalogue (the user's audience decides what is searched); with no query and no
    filter, the newest documents and the collections."""
    reference = reference_labels()
    query = read_query(request.GET, reference)
    start = time.perf_counter()
    result = search_documents(query.params(per_page=PER_PAGE), audience=audience(request.user))
    server_timing.record("search", (time.perf_counter() - start) * 1000)
    documents = documents_for_hits(user=request.user, ids=[hit.document_id for hit in result.hits])
    rows = _rows(result, documents, reference)
    ctx: dict[str, Any] = {
        "public_page": True,
        "form": query.form(),
        "query": query,
        "rows": rows,
        "total": result.total,
        "page": ResultPage(number=query.page, per_page=PER_PAGE, total=result.total, shown=len(result.hits)),
        "facets": facet_groups(result.facets, query.filters, reference),
        "active_filters": [
            (reference.label(name, value), query.without(name, value))
            for name, values in query.filters.items()
            for value in values
        ],
        "sees_internal": sees_internal(request.user),
        "may_manage": may_manage(request.user),
    }
    if query.is_front_page:
        collections = collections_with_counts(user=request.user)
        ctx["collections"] = list(collections[:FRONT_PAGE_COLLECTIONS])
    if _is_partial(request):
        # After "Previous" or "Next", the focus goes to the results' heading (not lost with the link).
        ctx["focus_results"] = str(request.htmx.trigger or "").startswith("kn-page")  # type: ignore[attr-defined]
        response = render(request, "knowledge/partials/results.html", {**ctx, "oob": True})
    else:
        response = render(request, "knowledge/index.html", ctx)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_get(user=request.user, pk=pk)
    reference = reference_labels()
    ctx: dict[str, Any] = {
        **files_context(request, document),
        "public_page": True,
        "document": document,
        "view": document_view(user=request.user, document=document, reference=reference),
        "apa": citations.apa(document),
        "bibtex": citations.bibtex(document),
        "doi_url": citations.doi_url(document),
        "sees_internal": sees_internal(request.user),
        "may_manage": may_manage(request.user),
    }
    return render(request, "knowledge/document.html", ctx)


CITATION_FORMATS = {
    "bib": (citations.bibtex, "application/x-bibtex; charset=utf-8"),
    "ris": (citations.ris, "application/x-research-info-systems; charset=utf-8"),
}


@require_GET
def cite(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The citation as a file to import into a reference manager (.bib or .ris)."""
    if fmt not in CITATION_FORMATS:
        raise Http404
    document = document_get(user=request.user, pk=pk)
    build, content_type = CITATION_FORMATS[fmt]
    response = HttpResponse(build(document).encode("utf-8"), content_type=content_type)
    filename = f"{citations.citation_key(document)}.{fmt}"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename) or ""
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def collections(request: HttpRequest) -> HttpResponse:
    page = Paginator(collections_with_counts(user=request.user), COLLECTIONS_PER_PAGE).get_page(request.GET.get("page"))
    ctx = {
        "public_page": True,
        "page": page,
        "sees_internal": sees_internal(request.user),
        "may_manage": may_manage(request.user),
    }
    return render(request, "knowledge/collections.html", ctx)


@require_GET
def collection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    collection = collection_get(user=request.user, pk=pk)
    reference = reference_labels()
    documents = collection_documents(user=request.user, collection=collection)
    rows = [
        (
            document,
            [reference.language(c) for c in (document.languages or [document.language]) if c],
        )
        for document in documents
    ]
    ctx = {
        "public_page": True,
        "collection": collection,
        "rows": rows,
        "sees_internal": sees_internal(request.user),
        "may_manage": may_manage(request.user),
    }
    return render(request, "knowledge/collection.html", ctx)
