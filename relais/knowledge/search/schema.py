"""The fields of the search index, and how documents of the database become index entries.

A document goes into the fields of its language(s), each analysed by its language's analyser
(`analysers.py`; "plain" for languages without one):
- `title_<g>` / `abstract_<g>`: its own title and abstract (group of `Document.language`), and each
  `DocumentTitle` row's in the group of that row's language;
- `body_<g>`: the extracted text of its current file (text extraction done), in the group of the
  document's first content language (`languages[0]`, else `language`); indexed up to BODY_INDEXED
  characters, its first BODY_STORED stored for snippets;
- `authors` and `meta` (publisher, place, ISBN, DOI): plain.
Filters and facets are raw, fast fields (multi-valued): kind, theme, language, country, audience,
and year (integer). Sorting uses fast integer keys (`sort_new`, `sort_old`, `added`).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import tantivy
from django.db.models.functions import Substr

from relais.knowledge.search.analysers import ANALYSERS, PLAIN, group_of, normalise

BODY_INDEXED = 2_000_000  # characters of extracted text indexed (a sane cap for a huge file)
BODY_STORED = 30_000  # characters stored for snippets (matches further in are found, not shown)
ABSTRACT_STORED = 4_000
FACET_FIELDS = ("kind", "theme", "language", "country", "audience")
TEXT_KINDS = ("title", "abstract", "body")
# Field weights: a word in the title counts for more than in the abstract, and that more than in
# the text; authors and metadata in between.
BOOSTS = {"title": 4.0, "abstract": 2.0, "body": 1.0, "authors": 2.5, "meta": 1.5}
YEAR_SPAN = 10**13  # sort keys: year * YEAR_SPAN + milliseconds since the epoch of the addition
NO_YEAR_NEWEST = 0  # documents without a year come last, newest first and oldest first
NO_YEAR_OLDEST = 9999


def text_field(kind: str, group: str) -> str:
    return f"{kind}_{group}"


# Bump when what an entry holds changes without the fields changing (a replica then rebuilds).
REVISION = 1


def _fields() -> list[tuple[str, str, dict[str, Any]]]:
    """(kind, name, options) of every field, in order."""
    fields: list[tuple[str, str, dict[str, Any]]] = [
        ("integer", "id", {"stored": True, "indexed": True, "fast": True}),
        ("text", "access", {"tokenizer_name": "raw", "index_option": "basic"}),
    ]
    fields += [("text", n, {"tokenizer_name": "raw", "fast": True, "index_option": "basic"}) for n in FACET_FIELDS]
    fields.append(("integer", "year", {"indexed": True, "fast": True}))
    fields += [("integer", n, {"fast": True}) for n in ("added", "sort_new", "sort_old")]
    for kind in TEXT_KINDS:
        fields += [("text", text_field(kind, group), {"tokenizer_name": group}) for group in ANALYSERS]
    fields += [("text", n, {"tokenizer_name": PLAIN}) for n in ("authors", "meta")]
    # What a hit shows: stored, never searched. "groups" = "<title group> <body group>".
    fields.append(("text", "groups", {"stored": True, "tokenizer_name": "raw", "index_option": "basic"}))
    fields += [("bytes", n, {"stored": True}) for n in ("stored_title", "stored_abstract", "stored_body")]
    return fields


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    for kind, name, options in _fields():
        getattr(sb, f"add_{kind}_field")(name, **options)
    return sb.build()


def schema_version() -> str:
    """Changes whenever the fields, the analysers' settings or what entries hold change: a replica
    built by another version is rebuilt."""
    from relais.knowledge.search import analysers

    parts = [repr(_fields()), REVISION, BODY_STORED, BODY_INDEXED, ABSTRACT_STORED, analysers.MAX_TOKEN_CHARS]
    parts += analysers.romanian_stopwords()
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:16]


@dataclass
class Entry:
    """What the index holds for one document (plain data, built from the database)."""

    id: int
    access: str
    kind: str
    year: int | None
    added: int
    title: str
    title_group: str
    body_group: str
    abstract: str = ""
    body: str = ""
    authors: list[str] = field(default_factory=list)
    meta: list[str] = field(default_factory=list)
    facets: dict[str, list[str]] = field(default_factory=dict)
    texts: dict[str, list[str]] = field(default_factory=dict)  # field name -> values

    def to_tantivy(self) -> tantivy.Document:
        doc = tantivy.Document()
        doc.add_integer("id", self.id)
        doc.add_text("access", self.access)
        for name, values in self.facets.items():
            for value in values:
                doc.add_text(name, value)
        if self.year is not None:
            doc.add_integer("year", self.year)
        doc.add_integer("added", self.added)
        doc.add_integer("sort_new", (self.year or NO_YEAR_NEWEST) * YEAR_SPAN + self.added)
        doc.add_integer("sort_old", (self.year or NO_YEAR_OLDEST) * YEAR_SPAN + self.added)
        for name, values in self.texts.items():
            for value in values:
                if value:
                    doc.add_text(name, value)
        for author in self.authors:
            doc.add_text("authors", author)
        for value in self.meta:
            doc.add_text("meta", value)
        doc.add_text("groups", f"{self.title_group} {self.body_group}")
        doc.add_bytes("stored_title", self.title.encode())
        doc.add_bytes("stored_abstract", self.abstract[:ABSTRACT_STORED].encode())
        doc.add_bytes("stored_body", self.body[:BODY_STORED].encode())
        return doc


def _codes(through: Any, ids: list[int], code_path: str) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    for doc_id, code in through.objects.filter(document_id__in=ids).values_list("document_id", code_path):
        out[doc_id].append(code)
    return out


def load_entries(ids: Iterable[int]) -> dict[int, Entry]:
    """Index entries of the documents with these ids that exist (a missing id: deleted)."""
    from relais.knowledge.models import Document, DocumentFile, DocumentTitle, TextStatus
    from relais.knowledge.text import plain_text

    ids = sorted(set(ids))
    if not ids:
        return {}
    docs = list(
        Document.objects.filter(pk__in=ids).values(
            "id", "kind", "title", "abstract", "language", "languages", "authors", "publisher", "place", "year",
            "isbn", "doi", "access", "created_at",
        )
    )  # fmt: skip
    found = [d["id"] for d in docs]
    if not found:
        return {}
    titles: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for doc_id, language, title, abstract in DocumentTitle.objects.filter(document_id__in=found).values_list(
        "document_id", "language", "title", "abstract"
    ):
        titles[doc_id].append((language, title, abstract))
    bodies = dict(
        DocumentFile.objects.filter(document_id__in=found, is_current=True, text_status=TextStatus.DONE)
        .annotate(head=Substr("text", 1, BODY_INDEXED))
        .values_list("document_id", "head")
    )
    themes = _codes(Document.themes.through, found, "theme__code")
    countries = _codes(Document.countries.through, found, "country__code")
    audiences = _codes(Document.audiences.through, found, "profession__code")
    out = {}
    for d in docs:
        pk = d["id"]
        languages = [code for code in (d["languages"] or []) if isinstance(code, str) and code]
        main_group = group_of(d["language"])
        body_group = group_of(languages[0] if languages else d["language"])
        abstract = normalise(plain_text(d["abstract"]))
        texts: dict[str, list[str]] = defaultdict(list)
        texts[text_field("title", main_group)].append(normalise(d["title"]))
        texts[text_field("abstract", main_group)].append(abstract)
        for language, title, other_abstract in titles.get(pk, []):
            group = group_of(language)
            texts[text_field("title", group)].append(normalise(title))
            texts[text_field("abstract", group)].append(normalise(plain_text(other_abstract)))
        body = normalise(bodies.get(pk) or "")
        texts[text_field("body", body_group)].append(body)
        all_languages = list(dict.fromkeys([*(c.lower() for c in languages), (d["language"] or "").lower()]))
        out[pk] = Entry(
            id=pk,
            access=d["access"],
            kind=d["kind"],
            year=d["year"],
            added=int(d["created_at"].timestamp() * 1000),
            title=d["title"],
            title_group=main_group,
            body_group=body_group,
            abstract=abstract,
            body=body,
            authors=[normalise(a) for a in d["authors"] or [] if isinstance(a, str)],
            meta=[normalise(v) for v in (d["publisher"], d["place"], d["isbn"], d["doi"]) if v],
            facets={
                "kind": [d["kind"]],
                "theme": themes.get(pk, []),
                "language": [c for c in all_languages if c],
                "country": countries.get(pk, []),
                "audience": audiences.get(pk, []),
            },
            texts=dict(texts),
        )
    return out


def all_ids_in_chunks(chunk: int = 500) -> Iterator[list[int]]:
    """Every document id, in ascending chunks (keyset pagination: no OFFSET scans)."""
    from relais.knowledge.models import Document

    last = 0
    while True:
        ids = list(Document.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:chunk])
        if not ids:
            return
        yield ids
        last = ids[-1]
