"""Searching the knowledge centre: GET /documents/search, the catalogue page's search as data.

The search is the catalogue's (relais.knowledge.search): the same query reading (read_query), the
same engine call with the reader's audience (the replica applies the change log first), the same
check of each hit against what the reader may see (documents_for_hits) and the same facets
(facet_groups). Without a token the audience is the public's: internal documents are in no hit, no
total and no facet count.

Hits are ranked, so pages are numbered (`page`, `limit`), not cursors: page N of a query is what the
catalogue shows as page N, and `next_page` is null on the last one. The facet filters are shared with
GET /documents (FacetFilters, check_codes)."""

from __future__ import annotations

import html
import re
from typing import Annotated, Any, Literal

from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from relais.api.auth import public_or_token
from relais.api.problems import ApiProblem, field_error
from relais.api.schemas import read
from relais.knowledge.forms_search import MAX_PAGE, MAX_QUERY, MAX_VALUES, read_query
from relais.knowledge.models import DocumentKind
from relais.knowledge.scoping import audience
from relais.knowledge.search import FACETS, search_documents
from relais.knowledge.search.query import MAX_PER_PAGE
from relais.knowledge.selectors import Reference, documents_for_hits, facet_groups, reference_labels

router = Router(tags=["Knowledge centre"])

Code = Annotated[str, Field(min_length=1, max_length=40)]
Year = Annotated[int, Field(ge=1800, le=2200)]
_MARK = re.compile(r"<mark>(.*?)</mark>", re.DOTALL)


class FacetFilters(Schema):
    """The catalogue's facets. Repeat a parameter for several values (`theme=a&theme=b`): values of one
    facet are OR-ed, facets are AND-ed. Unknown codes are refused (422) — see GET /vocabularies."""

    kind: list[DocumentKind] = Field(default_factory=list, max_length=MAX_VALUES, description="Document types")
    theme: list[Code] = Field(default_factory=list, max_length=MAX_VALUES, description="Theme codes")
    language: list[Code] = Field(
        default_factory=list,
        max_length=MAX_VALUES,
        description="Language codes (ISO 639-1): the language of the title or one of the content's languages",
    )
    year: list[Year] = Field(default_factory=list, max_length=MAX_VALUES, description="Years of publication")
    country: list[Code] = Field(default_factory=list, max_length=MAX_VALUES, description="Country codes")
    audience: list[Code] = Field(default_factory=list, max_length=MAX_VALUES, description="Profession codes")

    def chosen(self) -> dict[str, list[str]]:
        """Facet name -> the values asked for, as the search takes them (strings)."""
        values = {name: [str(getattr(v, "value", v)) for v in getattr(self, name)] for name in FACETS}
        return {name: list(dict.fromkeys(v)) for name, v in values.items() if v}


REFERENCE_FACETS = {"theme": "themes", "country": "countries", "audience": "audiences", "language": "languages"}


def needs_reference(filters: FacetFilters) -> bool:
    return any(getattr(filters, name) for name in REFERENCE_FACETS)


def check_codes(filters: FacetFilters, reference: Reference) -> None:
    """422 for a theme, country, audience or language code that the vocabularies do not hold."""
    errors = []
    for name, table in REFERENCE_FACETS.items():
        known = getattr(reference, table)
        for i, value in enumerate(getattr(filters, name)):
            if value not in known:
                message = _("Unknown code “%(value)s”: see GET /vocabularies for the codes.") % {"value": value}
                errors.append(field_error(f"{name}.{i}", message, "query"))
    if errors:
        raise ApiProblem(
            422,
            "invalid",
            _("The request has errors"),
            _("Correct the fields listed in errors and send the request again."),
            errors=errors,
        )


class SearchFilters(FacetFilters):
    q: str = Field("", max_length=MAX_QUERY, description='Words, "a phrase", -excluded; empty: every document')
    sort: Literal["relevance", "newest", "oldest", "added"] = Field(
        "relevance", description="relevance (without words: newest first), newest, oldest, added (recently added)"
    )
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number (1 to 500)")
    limit: int = Field(20, ge=1, le=MAX_PER_PAGE, description="Hits per page (1 to 100)")


class Span(Schema):
    start: int = Field(description="Offset of the first highlighted character (Unicode code points)")
    end: int = Field(description="Offset just after the last one")


class HitOut(Schema):
    id: int = Field(description="The document's id")
    score: float = Field(description="Relevance (0 when sorted otherwise)")
    title: str = Field(description="The title as plain text")
    title_highlights: list[Span] = Field(description="Where the query's words are in `title`")
    passage: str = Field(description="A passage of the text or abstract around the query's words, plain text")
    passage_highlights: list[Span] = Field(description="Where the query's words are in `passage`")
    kind: str
    language: str
    languages: list[str]
    authors: list[str]
    publisher: str
    year: int | None
    access: str = Field(description="public or internal")


class FacetOptionOut(Schema):
    value: str = Field(description="The code to send as the facet's parameter")
    label: str = Field(description="Its name in the request's language")
    count: int = Field(description="Documents with this value among the matches (other facets' filters applied)")
    selected: bool


class FacetOut(Schema):
    name: str = Field(description="kind, theme, language, year, country or audience")
    label: str
    options: list[FacetOptionOut]


class SearchOut(Schema):
    total: int = Field(description="Documents matching, all pages")
    page: int
    limit: int
    next_page: int | None = Field(description="The next page's number; null on the last page")
    items: list[HitOut] = Field(description="The hits of this page, best first (or in the sort asked for)")
    facets: list[FacetOut]


def marked(fragment: str) -> tuple[str, list[Span]]:
    """The engine's highlighted HTML (text escaped, words in <mark>) as plain text and spans."""
    text: list[str] = []
    spans: list[Span] = []
    at = 0
    length = 0
    for m in _MARK.finditer(fragment):
        before = html.unescape(fragment[at : m.start()])
        word = html.unescape(m.group(1))
        text += [before, word]
        length += len(before)
        spans.append(Span(start=length, end=length + len(word)))
        length += len(word)
        at = m.end()
    text.append(html.unescape(fragment[at:]))
    return "".join(text), spans


def _catalogue_query(filters: SearchFilters, reference: Reference) -> Any:
    """The catalogue's reading of the same query string (it cleans the words as the page does)."""
    data = QueryDict(mutable=True)
    data["q"] = filters.q
    data["sort"] = filters.sort
    data["page"] = str(filters.page)
    for name, values in filters.chosen().items():
        data.setlist(name, values)
    return read_query(data, reference)


@router.get(
    "/documents/search",
    response=read(SearchOut),
    auth=public_or_token,
    summary="Search the knowledge centre",
)
def document_search(request: HttpRequest, filters: Query[SearchFilters]) -> SearchOut:
    """The catalogue's search: ranked hits with the query's words highlighted (as character ranges of
    plain text), the total and the facets with their counts. Pages are numbered (`page`, `limit`)
    because hits are ranked; `next_page` is null on the last page. Without a token: the public
    catalogue; with one: what its owner sees on the catalogue page (internal documents for staff)."""
    reference = reference_labels()
    check_codes(filters, reference)
    query = _catalogue_query(filters, reference)
    result = search_documents(query.params(per_page=filters.limit), audience=audience(request.user))
    documents = documents_for_hits(user=request.user, ids=[hit.document_id for hit in result.hits])
    items = []
    for hit in result.hits:
        document = documents.get(hit.document_id)
        if document is None:  # gone or hidden since the replica last applied the change log
            continue
        title, title_spans = marked(hit.title_html)
        passage, passage_spans = marked(hit.snippet_html)
        items.append(
            HitOut(
                id=document.pk,
                score=hit.score,
                title=title,
                title_highlights=title_spans,
                passage=passage,
                passage_highlights=passage_spans,
                kind=document.kind,
                language=document.language,
                languages=list(document.languages or [document.language]),
                authors=[str(a) for a in document.authors or []],
                publisher=document.publisher,
                year=document.year,
                access=document.access,
            )
        )
    more = filters.page * filters.limit < result.total and filters.page < MAX_PAGE
    facets = [
        FacetOut(
            name=group.name,
            label=group.legend,
            options=[
                FacetOptionOut(value=o.value, label=o.label, count=o.count, selected=o.selected) for o in group.options
            ],
        )
        for group in facet_groups(result.facets, query.filters, reference)
    ]
    return SearchOut(
        total=result.total,
        page=filters.page,
        limit=filters.limit,
        next_page=filters.page + 1 if more else None,
        items=items,
        facets=facets,
    )
