"""Full-text search of the knowledge centre with tantivy (DESIGN.md §5).

The index is a local replica of the database, never the source of truth:
- `replica.py`   where the index lives, rebuild from scratch (`search_reindex`), and applying the
                 change log (`SearchChange`) so every process serving search is current;
- `analysers.py` per-language analysers (stemming, stop words, accent and case folding);
- `schema.py`    the fields, and how a Document becomes an index entry;
- `query.py`     the search itself: access rules inside the query, facets, snippets, sort, pages.

Callers use `search_documents(params, audience=...)` only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SORTS = ("relevance", "newest", "oldest", "added")
FACETS = ("kind", "theme", "language", "year", "country", "audience")


@dataclass
class SearchParams:
    q: str = ""
    # Facet filters: values are OR-ed within a facet and AND-ed across facets. Codes: DocumentKind
    # values, Theme.code, ISO 639-1 language codes, years as strings, Country.code, Profession.code.
    kind: list[str] = field(default_factory=list)
    theme: list[str] = field(default_factory=list)
    language: list[str] = field(default_factory=list)
    year: list[str] = field(default_factory=list)
    country: list[str] = field(default_factory=list)
    audience: list[str] = field(default_factory=list)
    sort: str = "relevance"  # one of SORTS; without a query, "relevance" means newest first
    page: int = 1
    per_page: int = 20
    # Language of the query (e.g. "fr"), when known: its analyser is used first; None = all analysers.
    query_language: str | None = None


@dataclass
class Hit:
    document_id: int
    score: float
    title_html: str  # the title with the query's words in <mark>, HTML-escaped otherwise
    snippet_html: str  # a passage of the abstract or the text with <mark>; "" when nothing to show
    title: str = ""  # the title as plain text


@dataclass
class SearchResult:
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]]  # facet name -> [(value, count)], counts descending
    page: int
    per_page: int
    took_ms: float = 0.0


def search_documents(params: SearchParams, *, audience: str) -> SearchResult:
    """Search with access rules inside the query: audience "public" sees public documents only
    (in hits, facets and counts); "internal" sees all."""
    from relais.knowledge.search.query import run_search

    return run_search(params, audience=audience)
