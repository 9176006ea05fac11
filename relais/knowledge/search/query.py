"""The search: the user's text as a tantivy query, access rules and filters inside it, facets,
snippets, sort and pages.

The text is read by `parse()`, never by tantivy's query language, so no input can fail: words,
"quoted phrases" (an unclosed quote runs to the end), -excluded words or phrases. A word is
looked up in every language's fields through that language's analyser (plus the plain fields);
a function word (a stop word in the query's language, or in any when it is not known) is optional,
the others are required. A chunk that the analysers cut in several words ("e-mail", a DOI) is a
phrase. Field weights: schema.BOOSTS (title > abstract > text).

Facets are counted over the matching documents with the filters applied, disjunctively: the counts
of a facet that has a filter are those of the other facets' filters only (values of one facet are
OR-ed, so the other values stay choosable). An audience "public" sees public documents only — in
hits, totals and facets alike, since the rule is part of every query run.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import tantivy
from django.conf import settings
from tantivy import Occur, Query

from relais.knowledge.search import FACETS, SORTS, SearchParams, SearchResult
from relais.knowledge.search.analysers import (
    ANALYSERS,
    PLAIN,
    STEMMED,
    group_of,
    is_stopword,
    normalise,
    query_variants,
    token,
)
from relais.knowledge.search.analysers import words as split_words
from relais.knowledge.search.schema import BOOSTS, TEXT_KINDS, text_field
from relais.knowledge.search.snippets import Highlighter

log = logging.getLogger(__name__)

MAX_QUERY_CHARS = 500
MAX_CLAUSES = 16
MAX_PER_PAGE = 100
FACET_SIZE = 200
QUERY_LANGUAGE_BOOST = 1.5


@dataclass
class Clause:
    words: list[str]
    excluded: bool = False
    phrase: bool = False


@dataclass
class Parsed:
    clauses: list[Clause] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.clauses


_CHUNK = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


def parse(text: str) -> Parsed:
    """Words, phrases and exclusions of a query as typed (never fails)."""
    text = normalise((text or "")[:MAX_QUERY_CHARS])
    parsed = Parsed()
    for m in _CHUNK.finditer(text):
        quoted = m.group(2) is not None
        chunk = m.group(2) if quoted else m.group(4)
        excluded = bool(m.group(1) if quoted else m.group(3))
        found = split_words(chunk or "")
        if not found:
            continue
        parsed.clauses.append(Clause(found, excluded=excluded, phrase=quoted or len(found) > 1))
        if len(parsed.clauses) >= MAX_CLAUSES:
            break
    return parsed


def _should(queries: list[Query]) -> Query | None:
    if not queries:
        return None
    return queries[0] if len(queries) == 1 else Query.boolean_query([(Occur.Should, q) for q in queries])


def _field_queries(schema: tantivy.Schema, name: str, clause: Clause, group: str, boost: float) -> list[Query]:
    if clause.phrase:
        terms = [(i, t) for i, word in enumerate(clause.words) if (t := token(group, word))]
        if not terms:
            return []
        if len(terms) == 1:
            queries = [Query.term_query(schema, name, terms[0][1])]
        else:
            queries = [Query.phrase_query(schema, name, list[str | tuple[int, str]](terms))]
    else:
        queries = [Query.term_query(schema, name, t) for t in query_variants(group, clause.words[0])]
    return [Query.boost_query(q, boost) for q in queries] if boost != 1.0 else queries


def clause_query(
    schema: tantivy.Schema, clause: Clause, query_group: str | None, kinds: tuple[str, ...] = TEXT_KINDS
) -> Query | None:
    """The clause looked up in every field, each through its own analyser, with its weight (in the
    text fields of `kinds` only, when given less than all)."""
    queries: list[Query] = []
    for group in ANALYSERS:
        extra = QUERY_LANGUAGE_BOOST if group == query_group else 1.0
        for kind in kinds:
            queries += _field_queries(schema, text_field(kind, group), clause, group, BOOSTS[kind] * extra)
    if kinds == TEXT_KINDS:
        for name in ("authors", "meta"):
            queries += _field_queries(schema, name, clause, PLAIN, BOOSTS[name])
    return _should(queries)


def matching_in_body(searcher: tantivy.Searcher, schema: tantivy.Schema, parsed: Parsed, ids: list[int]) -> set[int]:
    """Which of these documents the query's positive clauses match in their text (body) fields."""
    clauses = [q for c in parsed.clauses if not c.excluded and (q := clause_query(schema, c, None, ("body",)))]
    if not clauses or not ids:
        return set()
    query = Query.boolean_query(
        [(Occur.Must, _should(clauses) or Query.empty_query()), (Occur.Must, Query.term_set_query(schema, "id", ids))]
    )
    found = searcher.search(query, len(ids), count=False).hits
    return {int(v) for v in searcher.fast_field_values("id", [a for _s, a in found]) if v is not None}


def text_query(schema: tantivy.Schema, parsed: Parsed, query_language: str | None) -> tuple[Query, Query | None]:
    """(the query of the text, with exclusions; its positive part for highlighting or None)."""
    group = group_of(query_language) if query_language else None
    stop_in = (group,) if group in STEMMED else tuple(STEMMED)
    must: list[Query] = []
    should: list[Query] = []
    must_not: list[Query] = []
    for clause in parsed.clauses:
        q = clause_query(schema, clause, group)
        if q is None:
            continue
        if clause.excluded:
            must_not.append(q)
        elif not clause.phrase and is_stopword(clause.words[0], stop_in):
            should.append(q)
        else:
            must.append(q)
    positive = [(Occur.Must, q) for q in must] + [(Occur.Should, q) for q in should]
    if not positive:
        positive_q = None
        base: list[tuple[Occur, Query]] = [(Occur.Must, Query.all_query())]
    else:
        positive_q = Query.boolean_query(positive)
        base = positive
    if not must_not:
        return (positive_q or Query.all_query()), positive_q
    return Query.boolean_query(base + [(Occur.MustNot, q) for q in must_not]), positive_q


def filter_queries(schema: tantivy.Schema, params: SearchParams, audience: str) -> dict[str, Query]:
    """Filters by name ("access" and the facets that have values), each scoring nothing."""
    out: dict[str, Query] = {}
    if audience != "internal":
        out["access"] = Query.term_query(schema, "access", "public")
    for name in FACETS:
        values = [str(v).strip() for v in getattr(params, name) or [] if str(v).strip()]
        if not values:
            continue
        if name == "year":
            years = [int(v) for v in values if v.isdigit()]
            out[name] = Query.term_set_query(schema, "year", years) if years else Query.empty_query()
        else:
            out[name] = Query.term_set_query(schema, name, values)
    return {k: Query.const_score_query(q, 0.0) for k, q in out.items()}


def _combine(text: Query, filters: list[Query]) -> Query:
    if not filters:
        return text
    return Query.boolean_query([(Occur.Must, text)] + [(Occur.Must, f) for f in filters])


def facet_runs(text: Query, filters: dict[str, Query]) -> list[tuple[Query, list[str]]]:
    """The aggregations that count the facets: the matching documents with every filter for the
    facets without one, then one pass per filtered facet without its own filter (disjunctive
    facets: the other values of a facet stay choosable)."""
    runs = [(_combine(text, list(filters.values())), [n for n in FACETS if n not in filters])]
    for name in FACETS:
        if name in filters:
            runs.append((_combine(text, [q for k, q in filters.items() if k != name]), [name]))
    return runs


def aggregate(
    searcher: tantivy.Searcher, query: Query, names: list[str], with_total: bool
) -> tuple[int, dict[str, list[tuple[str, int]]]]:
    """(the number of documents matching `query` when asked for, else 0; counts per facet value)."""
    spec: dict[str, Any] = {name: {"terms": {"field": name, "size": FACET_SIZE}} for name in names}
    if with_total:
        spec["_total"] = {"value_count": {"field": "id"}}
    result = searcher.aggregate(query, spec)
    out = {}
    for name in names:
        buckets = result.get(name, {}).get("buckets", [])
        values = [(_key(b["key"]), int(b["doc_count"])) for b in buckets if int(b["doc_count"]) > 0]
        out[name] = sorted(values, key=lambda v: (-v[1], v[0]))
    total = int((result.get("_total") or {}).get("value") or 0) if with_total else 0
    return total, out


def facet_counts(
    searcher: tantivy.Searcher, text: Query, filters: dict[str, Query]
) -> tuple[int, dict[str, list[tuple[str, int]]]]:
    """(the number of matching documents, the counts per facet value over them), in this thread."""
    return _merge([aggregate(searcher, q, names, i == 0) for i, (q, names) in enumerate(facet_runs(text, filters))])


def _merge(parts: list[tuple[int, dict[str, list[tuple[str, int]]]]]) -> tuple[int, dict[str, list[tuple[str, int]]]]:
    facets: dict[str, list[tuple[str, int]]] = {}
    for _total, counts in parts:
        facets.update(counts)
    return parts[0][0], {name: facets.get(name, []) for name in FACETS}


_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _executor() -> ThreadPoolExecutor | None:
    """Threads counting facets while this one searches and makes snippets (tantivy releases the
    GIL): a request waits for the longer of the two, not their sum. None: all in this thread."""
    global _pool
    workers = int(getattr(settings, "RELAIS_SEARCH_THREADS", 2))
    if workers < 1:
        return None
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="relais-search")
        return _pool


def _key(key: object) -> str:
    if isinstance(key, float) and key.is_integer():
        return str(int(key))
    return str(key)


# -- the search -----------------------------------------------------------------------------------
def _sort(params: SearchParams, has_text: bool) -> tuple[str | None, tantivy.Order]:
    sort = params.sort if params.sort in SORTS else "relevance"
    if sort == "relevance" and has_text:
        return None, tantivy.Order.Desc
    if sort == "oldest":
        return "sort_old", tantivy.Order.Asc
    if sort == "added":
        return "added", tantivy.Order.Desc
    return "sort_new", tantivy.Order.Desc


def run_search(params: SearchParams, *, audience: str) -> SearchResult:
    from relais.knowledge.search import replica

    started = time.perf_counter()
    replica.apply_changes_quietly()
    page = max(1, int(params.page or 1))
    per_page = min(MAX_PER_PAGE, max(1, int(params.per_page or 20)))
    try:
        index = replica.index()
    except Exception:  # no index and none can be built now: nothing found, the page still works
        log.exception("search: no index to search")
        return SearchResult(total=0, hits=[], facets={n: [] for n in FACETS}, page=page, per_page=per_page)
    searcher = index.searcher()
    schema = index.schema
    parsed = parse(params.q)
    text, positive = text_query(schema, parsed, params.query_language)
    filters = filter_queries(schema, params, audience)
    query = _combine(text, list(filters.values()))
    order_field, order = _sort(params, positive is not None)
    offset = (page - 1) * per_page
    # The facets and the count are aggregated in other threads meanwhile; the page's search then
    # needs no count, which lets tantivy skip the documents that cannot reach the top (block-max WAND).
    pool = _executor()
    runs = facet_runs(text, filters)
    if pool is not None:
        futures = [pool.submit(aggregate, searcher, q, names, i == 0) for i, (q, names) in enumerate(runs)]
    hits_raw: list[tuple[Any, tantivy.DocAddress]] = []
    if offset < searcher.num_docs:
        options: dict[str, Any] = {} if order_field is None else {"order_by_field": order_field, "order": order}
        hits_raw = list(searcher.search(query, per_page, count=False, offset=offset, **options).hits)
    positive_clauses = [(c.words, c.phrase) for c in parsed.clauses if not c.excluded]
    highlighter = Highlighter(searcher, schema, positive, positive_clauses)
    docs = [(key, searcher.doc(address)) for key, address in hits_raw]
    doc_ids = [int(doc.get_first("id") or 0) for _key, doc in docs]
    in_body = matching_in_body(searcher, schema, parsed, doc_ids) if positive is not None else set()
    hits = []
    for (key, doc), doc_id in zip(docs, doc_ids, strict=True):
        score = float(key) if order_field is None and isinstance(key, int | float) else 0.0
        hits.append(highlighter.hit(doc, doc_id, score, body_matched=doc_id in in_body))
    if pool is not None:
        total, facets = _merge([f.result() for f in futures])
    else:
        total, facets = _merge([aggregate(searcher, q, names, i == 0) for i, (q, names) in enumerate(runs)])
    took = (time.perf_counter() - started) * 1000
    return SearchResult(total=total, hits=hits, facets=facets, page=page, per_page=per_page, took_ms=took)
