"""Steps "documents" and "search_index": the knowledge centre at the size's number of documents, what a
catalogue holds after years of use, and its search index.

documents — size.documents documents, deterministic from the seed: metadata (type, year 2005–2025,
1–3 themes, countries and audiences, authors with diacritics, publisher, 70 % public), an abstract of
6–9 sentences (~150 words) and a current file — plain text, written under MEDIA_ROOT — of 2,000–8,000
words (≈ 37 KB) in en 30 %, fr 15 %, de, it, ro 10 % each, sr 9 %, sq, bg 8 % each, its text extracted.
Sentences are the demo's (relais/knowledge/demo_texts*.py, their slots filled) for 40 %, and 60 %
sentences of 8–22 words drawn from a Zipf distribution over each language's words and 12,000
plausible words made of their parts, so the vocabulary has a long tail. Documents are added from 2019
to the bench's "today", in id order. Then the catalogue's extras (a stream of their own):
- a title and abstract in English for a fifth of the documents in other languages, in French for a
  twentieth of the English ones (DocumentTitle);
- translation groups: 3 % of the documents start one with 1–2 documents of the same type in other
  languages;
- collections: one per 400 documents (at least 3) of 5–25 documents sharing a theme, 60 % public;
- the designs' links: 1–4 further readings per design (DesignReference, documents sharing a theme with
  the design), a document as the material of 1–3 modules of each design (Material, title copied, as
  `material_add` does), and a third of the needs assessments' sources linked to the document they are
  (the title becomes the document's: the number of sources, which the design check counts, is kept).

search_index — `replica.rebuild()` into settings.RELAIS_SEARCH_DIR (bench.env.setup_django points it
at var/bench-search-<hash of the database url>), so searches and the catalogue find the documents.

bench/knowledge_bench.py generates its documents with `generate(count, seed)` below: the same texts
as before this module existed (its own random stream), without the extras and without files.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import itertools
import random
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.context import Context
from bench.evaluation_sql import next_id, reset_sequences
from bench.sizes import TODAY
from bench.sql import db_datetime, db_json, insert_rows

LANGUAGES = {"en": 30, "fr": 15, "de": 10, "it": 10, "ro": 10, "sr": 9, "sq": 8, "bg": 8}  # weights
KINDS = ["study", "guideline", "manual", "training_material", "report", "legal_text", "case_law"]
COUNTRIES = ["AL", "BA", "BG", "XK", "MD", "MK", "RO", "RS", "HR", "HU", "ME", "AT", "CZ", "IT", "NL"]
PUBLISHERS = ["Council of Europe", "ILO", "OSCE", "UNODC", "Relais Centre", "ICMPD", "La Strada International",
              "Ministry of Labour", "Državni inspektorat", "Inspectoratul Teritorial de Muncă"]  # fmt: skip
FIRST = ["Ana", "Ștefan", "Jelena", "Besnik", "Ioana", "Luca", "Marie", "Tomáš", "Dragan", "Elira", "Georgi",
         "Mihai", "Giulia", "Petra", "Arben", "Milica", "Sophie", "Nikola", "Andrea", "Vesna"]  # fmt: skip
LAST = ["Đorđević", "Popescu", "Hoxha", "Rossi", "Novak", "Ivanova", "Dubois", "Müller", "Kovačević", "Krasniqi",
        "Petrović", "Dimitrov", "Ionescu", "Bianchi", "Marković", "Gashi", "Stoica", "Horvat", "Leroy",
        "Weber"]  # fmt: skip
CASE_SENTENCE = {
    "en": "The case of {name} was referred to the prosecutor in {year}.",
    "fr": "Le dossier de {name} a été transmis au procureur en {year}.",
}
BATCH = 500  # documents drawn and written at a time
ADDED_FROM = dt.datetime(2019, 1, 1, 9, tzinfo=dt.UTC)
ADDED_TO = dt.datetime(TODAY.year, TODAY.month, TODAY.day, 9, tzinfo=dt.UTC)

# The catalogue's extras (step "documents" only).
OTHER_TITLE_SHARE = 0.2  # documents not in English with an English title
FRENCH_TITLE_SHARE = 0.05  # English documents with a French title
TRANSLATED_SHARE = 0.03  # documents that start a translation group
DOCUMENTS_PER_COLLECTION = 400
COLLECTION_ITEMS = (5, 25)
PUBLIC_COLLECTION_SHARE = 0.6
REFERENCES_PER_DESIGN = (1, 4)
MATERIAL_MODULES = (1, 3)
SOURCE_LINK_SHARE = 1 / 3
COLLECTION_TITLES = [
    "Training package: {theme}",
    "Key reading: {theme}",
    "{theme}: practitioners' set",
    "{theme}: guides and case law",
    "{theme}: for trainers",
]
REFERENCE_NOTES = [
    "Background reading for the trainers.",
    "Cited in the case study of the second day.",
    "The legal framework, for the participants.",
    "Figures used in the needs assessment.",
    "Recommended by the national coordinator.",
    "",
]


class _Slots(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def _fill(sentence: str, rng: random.Random, sectors: list[str]) -> str:
    """A sentence of the demo's banks with its slots ({n}, {pct}, {year}, {sector}) filled."""
    slots = _Slots(
        n=rng.randrange(12, 480), pct=rng.randrange(11, 79), year=rng.randrange(2014, 2025), sector=rng.choice(sectors)
    )
    return sentence.format_map(slots)


# -- text generation ------------------------------------------------------------------------------
class Language:
    """Sentences of one language: the demo's bank (slots filled in several ways) and sentences drawn
    from a Zipf distribution over its words and plausible words made of their parts."""

    def __init__(self, code: str, rng: random.Random, pool: int) -> None:
        from relais.knowledge.demo_texts import bank

        b = bank(code)
        templates = [t for items in b.sentences.values() for t in items]
        sectors = list(getattr(b, "sectors", None) or ["agriculture"])
        self.real = [_fill(t, rng, sectors) for t in templates for _ in range(6)]
        self.headings = b.headings
        counts: dict[str, int] = {}
        for sentence in templates:
            for word in re.findall(r"[^\W\d_]+", sentence.lower()):
                counts[word] = counts.get(word, 0) + 1
        known = sorted(counts, key=lambda w: -counts[w])
        long = [w for w in known if len(w) > 5]
        made: set[str] = set()
        while len(made) < 12_000 and long:
            a, b_ = rng.choice(long), rng.choice(long)
            made.add(a[: rng.randint(3, 5)] + b_[-rng.randint(3, 5) :])
        vocabulary = known + sorted(made - set(known))
        weights = list(itertools.accumulate(1 / (rank + 1) ** 1.05 for rank in range(len(vocabulary))))
        self.synthetic = []
        for _ in range(pool):
            words = rng.choices(vocabulary, cum_weights=weights, k=rng.randint(8, 22))
            self.synthetic.append(" ".join(words).capitalize() + ".")
        self.code = code

    def text(self, rng: random.Random, words: int) -> str:
        n = max(1, words // 15)
        real = rng.choices(self.real, k=n * 2 // 5)
        synthetic = rng.choices(self.synthetic, k=n - len(real))
        sentences = real + synthetic
        rng.shuffle(sentences)
        paragraphs = [" ".join(sentences[i : i + 6]) for i in range(0, len(sentences), 6)]
        out = []
        for i, paragraph in enumerate(paragraphs):
            if i % 5 == 0:
                out.append(self.headings[(i // 5) % len(self.headings)])
            out.append(paragraph)
        return "\n\n".join(out)

    def title(self, rng: random.Random) -> str:
        words = re.findall(r"[^\W_]+(?:[-'][^\W_]+)*", rng.choice(self.real))
        start = rng.randrange(0, max(1, len(words) - 8))
        return " ".join(words[start : start + rng.randint(5, 10)]).capitalize()


@functools.lru_cache(maxsize=32)
def _language(code: str, seed: int, pool: int) -> Language:
    """A language's bank: drawn from its own stream, read-only afterwards, so kept for the process
    (the test generates the same size several times)."""
    return Language(code, random.Random(f"{seed}:{code}"), pool)


def _pool(count: int) -> int:
    """Synthetic sentences per language: enough variety for the size, quick for a handful."""
    return 500 if count < 100 else 4_000 if count < 1_000 else 20_000


@dataclass
class Drawn:
    """One document as drawn, before it is written."""

    pk: int
    kind: str
    title: str
    abstract: str
    language: str
    authors: list[str]
    publisher: str
    year: int
    access: str
    body: str
    themes: list[int] = field(default_factory=list)
    countries: list[int] = field(default_factory=list)
    audiences: list[int] = field(default_factory=list)
    group: int | None = None


@dataclass
class Pools:
    themes: list[int]
    countries: list[int]
    audiences: list[int]

    @classmethod
    def load(cls) -> Pools:
        from relais.core.models import Country, Profession, Theme

        return cls(
            themes=list(Theme.objects.values_list("pk", flat=True)),
            countries=list(Country.objects.filter(code__in=COUNTRIES).values_list("pk", flat=True)),
            audiences=list(Profession.objects.values_list("pk", flat=True)),
        )


def draw_batch(rng: random.Random, languages: dict[str, Language], pools: Pools, first_pk: int, n: int) -> list[Drawn]:
    """n documents: their texts and metadata, then their themes, countries and audiences — in the
    order knowledge_bench.py has always drawn them (its data stay the same for a seed)."""
    codes, weights = list(LANGUAGES), list(LANGUAGES.values())
    docs = []
    for i in range(n):
        code = rng.choices(codes, weights)[0]
        lang = languages[code]
        abstract = " ".join(rng.choices(lang.real, k=rng.randint(6, 9)))
        body = lang.text(rng, rng.randint(2_000, 8_000))
        if code in CASE_SENTENCE and rng.random() < 0.02:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            body += " " + CASE_SENTENCE[code].format(name=name, year=rng.randint(2010, 2024))
        kind = rng.choice(KINDS)
        title = lang.title(rng)
        authors = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.randint(1, 3))]
        publisher = rng.choice(PUBLISHERS)
        year = rng.randint(2005, 2025)
        access = "public" if rng.random() < 0.7 else "internal"
        abstract = f"<p>{abstract}</p>"
        docs.append(Drawn(first_pk + i, kind, title, abstract, code, authors, publisher, year, access, body))
    for attr, pool in (("themes", pools.themes), ("countries", pools.countries), ("audiences", pools.audiences)):
        for doc in docs:
            getattr(doc, attr).extend(rng.sample(pool, rng.randint(1, min(3, len(pool)))))
    return docs


def _added(pk: int, first_pk: int, count: int) -> dt.datetime:
    """When the document was added: spread evenly from 2019 to the bench's today, in id order."""
    share = (pk - first_pk + 0.5) / max(1, count)
    return ADDED_FROM + (ADDED_TO - ADDED_FROM) * share + dt.timedelta(minutes=pk % 480)


def _slug(title: str) -> str:
    from django.utils.text import slugify

    return slugify(title)[:60].strip("-") or "document"


class Writer:
    """Writes drawn documents: rows with explicit ids, their files' rows and, with `files`, the files."""

    def __init__(self, *, seed: int, count: int, files: bool, created_by: int | None) -> None:
        from django.core.files.storage import default_storage

        self.seed, self.count, self.files, self.created_by = seed, count, files, created_by
        self.first_pk = next_id(_models().Document)
        self.storage = default_storage
        self.written = 0
        self.bytes = 0
        self.links: dict[str, int] = defaultdict(int)  # rows of the documents' themes, countries, audiences

    def write(self, docs: list[Drawn]) -> None:
        m = _models()
        rows, files = [], []
        for doc in docs:
            added = _added(doc.pk, self.first_pk, self.count)
            when = db_datetime(added)
            rows.append(
                (doc.pk, doc.kind, doc.title, doc.abstract, doc.language, db_json([doc.language]),
                 db_json(doc.authors), doc.publisher, "", doc.year, "", "", "", doc.access, doc.group,
                 self.created_by, when, when)
            )  # fmt: skip
            data = doc.body.encode()
            if self.files:
                digest = hashlib.sha256(data).hexdigest()
                name = f"knowledge/{doc.pk}/{digest[:16]}.txt"  # as relais.knowledge.models.document_file_path
                self._save(name, data)
            else:
                digest = hashlib.sha256(f"{self.seed}:{doc.pk}".encode()).hexdigest()
                name = f"knowledge/{doc.pk}/{digest[:16]}.txt"
            self.bytes += len(data)
            extracted = db_datetime(added + dt.timedelta(minutes=2))
            files.append(
                (doc.pk, 1, True, name, f"{_slug(doc.title)}.txt", "txt", len(data), digest, "", self.created_by,
                 when, "done", doc.body, "", max(1, len(doc.body) // 3000), extracted)
            )  # fmt: skip
        insert_rows(m.Document, DOCUMENT_FIELDS, rows)
        insert_rows(m.DocumentFile, FILE_FIELDS, files)
        for model, column, attr in (
            (m.Document.themes.through, "theme", "themes"),
            (m.Document.countries.through, "country", "countries"),
            (m.Document.audiences.through, "profession", "audiences"),
        ):
            self.links[attr] += insert_rows(
                model, ["document", column], ((doc.pk, pk) for doc in docs for pk in getattr(doc, attr))
            )
        self.written += len(docs)

    def _save(self, name: str, data: bytes) -> None:
        try:
            path = Path(self.storage.path(name))
        except NotImplementedError:  # not on a disk (S3): through the storage
            from django.core.files.base import ContentFile

            self.storage.delete(name)
            self.storage.save(name, ContentFile(data))
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


DOCUMENT_FIELDS = ["id", "kind", "title", "abstract", "language", "languages", "authors", "publisher", "place",
                   "year", "isbn", "doi", "url", "access", "translation_group", "created_by", "created_at",
                   "updated_at"]  # fmt: skip
FILE_FIELDS = ["document", "version", "is_current", "file", "original_name", "kind", "size", "sha256", "note",
               "uploaded_by", "uploaded_at", "text_status", "text", "text_error", "page_count",
               "extracted_at"]  # fmt: skip


class _Models:
    def __init__(self) -> None:
        from relais.knowledge import models

        self.Document = models.Document
        self.DocumentFile = models.DocumentFile
        self.DocumentTitle = models.DocumentTitle
        self.TranslationGroup = models.TranslationGroup
        self.Collection = models.Collection
        self.CollectionItem = models.CollectionItem


@functools.cache
def _models() -> _Models:
    return _Models()


def write_documents(
    count: int,
    *,
    seed: int,
    rng: random.Random,
    files: bool,
    created_by: int | None = None,
    extras: Callable[[list[Drawn]], None] | None = None,
    say: Callable[[str], None] = print,
) -> Writer:
    """Draw and write `count` documents in batches; `extras(batch)` runs on each batch before it is
    written (translation groups, titles)."""
    import time

    started = time.perf_counter()
    pool = _pool(count)
    languages = {code: _language(code, seed, pool) for code in LANGUAGES}
    pools = Pools.load()
    say(f"    documents: text banks ready in {time.perf_counter() - started:.1f} s")
    writer = Writer(seed=seed, count=count, files=files, created_by=created_by)
    for first in range(0, count, BATCH):
        docs = draw_batch(rng, languages, pools, writer.first_pk + first, min(BATCH, count - first))
        if extras is not None:
            extras(docs)
        writer.write(docs)
        done = first + len(docs)
        if done % 5000 == 0 or (done == count and count >= 5000):
            say(f"    documents: {done:,} in {time.perf_counter() - started:.0f} s")
    reset_sequences(_models().Document)
    return writer


def generate(count: int, seed: int) -> None:
    """knowledge_bench.py's documents: its own stream, no extras, no files (names only)."""
    from django.db import transaction

    with transaction.atomic():
        write_documents(count, seed=seed, rng=random.Random(f"{seed}:knowledge"), files=False)


# -- step "documents" -----------------------------------------------------------------------------
class Catalogue:
    """The extras of step "documents", drawn from a stream of their own."""

    def __init__(self, ctx: Context, languages: dict[str, Language]) -> None:
        self.rng = ctx.rng("documents:catalogue")
        self.first_pk = next_id(_models().Document)  # before the first batch is written
        self.count = ctx.size.documents
        self.languages = languages
        self.next_group = next_id(_models().TranslationGroup)
        self.groups: list[tuple[Any, ...]] = []
        self.titles: list[tuple[Any, ...]] = []
        self.by_theme: dict[int, list[int]] = defaultdict(list)
        self.meta: dict[int, tuple[str, str]] = {}  # pk: (kind, title)

    def batch(self, docs: list[Drawn]) -> None:
        rng = self.rng
        for doc in docs:
            for theme in doc.themes:
                self.by_theme[theme].append(doc.pk)
            self.meta[doc.pk] = (doc.kind, doc.title[:300])
        # Translation groups: a document and 1–2 of the same type in other languages.
        for doc in docs:
            if doc.group is not None or rng.random() >= TRANSLATED_SHARE:
                continue
            others = [d for d in docs if d.group is None and d.kind == doc.kind and d.language != doc.language]
            languages = {doc.language}
            members = [doc]
            for other in rng.sample(others, min(len(others), rng.randint(1, 2))):
                if other.language not in languages:
                    languages.add(other.language)
                    members.append(other)
            if len(members) < 2:
                continue
            pk = self.next_group
            self.next_group += 1
            self.groups.append((pk, db_datetime(_added(doc.pk, self.first_pk, self.count))))
            for member in members:
                member.group = pk
        # Titles (and abstracts) in another language.
        for doc in docs:
            language = "en" if doc.language != "en" else "fr"
            share = OTHER_TITLE_SHARE if doc.language != "en" else FRENCH_TITLE_SHARE
            if rng.random() >= share:
                continue
            bank = self.languages[language]
            abstract = " ".join(rng.choices(bank.real, k=rng.randint(3, 5)))
            self.titles.append((doc.pk, language, bank.title(rng), f"<p>{abstract}</p>"))

    def flush(self, ctx: Context) -> None:
        """Groups before the documents that point at them; titles after."""
        m = _models()
        ctx.add_count("knowledge.translationgroup", insert_rows(m.TranslationGroup, ["id", "created_at"], self.groups))
        self.groups = []

    def flush_titles(self, ctx: Context) -> None:
        m = _models()
        fields = ["document", "language", "title", "abstract"]
        ctx.add_count("knowledge.documenttitle", insert_rows(m.DocumentTitle, fields, self.titles))
        self.titles = []


def generate_documents(ctx: Context) -> None:
    from relais.core.models import Theme

    rng = ctx.rng("documents")
    count = ctx.size.documents
    admins = [pk for pk, _email, _name, superuser in ctx.objects["users"] if superuser]
    created_by = admins[0] if admins else None
    catalogue: Catalogue | None = None

    def extras(docs: list[Drawn]) -> None:
        nonlocal catalogue
        if catalogue is None:
            languages = {code: _language(code, ctx.seed, _pool(count)) for code in LANGUAGES}
            catalogue = Catalogue(ctx, languages)
        catalogue.batch(docs)
        catalogue.flush(ctx)

    writer = write_documents(
        count, seed=ctx.seed, rng=rng, files=True, created_by=created_by, extras=extras, say=ctx.say
    )
    assert catalogue is not None
    catalogue.flush_titles(ctx)
    m = _models()
    reset_sequences(m.TranslationGroup)
    ctx.add_count("knowledge.document", writer.written)
    ctx.add_count("knowledge.documentfile", writer.written)
    for attr, n in writer.links.items():
        ctx.add_count(f"knowledge.document_{attr}", n)
    ctx.say(f"    documents: {writer.bytes / 1e6:,.0f} MB of text, files under the media root")
    themes = dict(Theme.objects.values_list("pk", "name_en"))
    _collections(ctx, catalogue, themes, created_by)
    _design_links(ctx, catalogue)


def _collections(ctx: Context, catalogue: Catalogue, themes: dict[int, str], created_by: int | None) -> None:
    m = _models()
    rng = catalogue.rng
    n = max(3, ctx.size.documents // DOCUMENTS_PER_COLLECTION)
    pk = next_id(m.Collection)
    collections: list[tuple[Any, ...]] = []
    items: list[tuple[int, int, int]] = []
    theme_ids = sorted(t for t in catalogue.by_theme if catalogue.by_theme[t])
    for i in range(n):
        theme = theme_ids[i % len(theme_ids)]
        pool = catalogue.by_theme[theme]
        chosen = rng.sample(pool, min(len(pool), rng.randint(*COLLECTION_ITEMS)))
        title = rng.choice(COLLECTION_TITLES).format(theme=themes.get(theme, "Trafficking for labour exploitation"))
        if i >= len(theme_ids):
            title = f"{title} ({i // len(theme_ids) + 1})"
        when = db_datetime(ADDED_FROM + (ADDED_TO - ADDED_FROM) * ((i + 0.5) / n))
        access = "public" if rng.random() < PUBLIC_COLLECTION_SHARE else "internal"
        description = f"Documents on {themes.get(theme, 'the theme').lower()} chosen for trainers and participants."
        collections.append((pk, title, description, access, created_by, when, when))
        items.extend((pk, doc, position) for position, doc in enumerate(chosen))
        pk += 1
    fields = ["id", "title", "description", "access", "created_by", "created_at", "updated_at"]
    ctx.add_count("knowledge.collection", insert_rows(m.Collection, fields, collections))
    fields = ["collection", "document", "position"]
    ctx.add_count("knowledge.collectionitem", insert_rows(m.CollectionItem, fields, items))
    reset_sequences(m.Collection)


def _design_links(ctx: Context, catalogue: Catalogue) -> None:
    """Further reading, materials that are documents, and needs sources linked to their document."""
    from relais.design.models import ActivityDesign, AgendaModule, DesignReference, Material, NeedsSource

    rng = catalogue.rng
    every = sorted(catalogue.meta)
    design_themes: dict[int, list[int]] = defaultdict(list)
    for design_id, theme_id in ActivityDesign.themes.through.objects.order_by("pk").values_list(
        "activitydesign_id", "theme_id"
    ):
        design_themes[design_id].append(theme_id)
    modules: dict[int, list[int]] = defaultdict(list)
    for pk, design_id in AgendaModule.objects.order_by("pk").values_list("pk", "day__design_id"):
        modules[design_id].append(pk)

    evidence: dict[int, list[int]] = {  # per theme, its studies and reports (needs sources)
        theme: [d for d in docs if catalogue.meta[d][0] in ("study", "report")]
        for theme, docs in catalogue.by_theme.items()
    }

    def draw(design_id: int, pools: dict[int, list[int]], k: int) -> list[int]:
        """k distinct documents of the design's themes (each drawn from one theme's list: no union
        of lists of tens of thousands of documents per design at XL), else of any theme."""
        themes = [t for t in design_themes.get(design_id, []) if pools.get(t)]
        chosen: dict[int, None] = {}
        for _attempt in range(4 * k):
            if len(chosen) == k:
                break
            doc = rng.choice(pools[rng.choice(themes)]) if themes else rng.choice(every)
            chosen[doc] = None
        return list(chosen)

    references: list[DesignReference] = []
    materials: list[Material] = []
    for design_id in sorted(modules):
        chosen = draw(design_id, catalogue.by_theme, rng.randint(*REFERENCES_PER_DESIGN))
        references.extend(
            DesignReference(design_id=design_id, document_id=doc, note=rng.choice(REFERENCE_NOTES), position=i)
            for i, doc in enumerate(chosen)
        )
        for module in rng.sample(modules[design_id], min(len(modules[design_id]), rng.randint(*MATERIAL_MODULES))):
            doc = draw(design_id, catalogue.by_theme, 1)[0]
            materials.append(Material(module_id=module, title=catalogue.meta[doc][1], document_id=doc))
    DesignReference.objects.bulk_create(references, batch_size=1_000)
    Material.objects.bulk_create(materials, batch_size=1_000)
    sources = []
    for pk, design_id in NeedsSource.objects.order_by("pk").values_list("pk", "design_id"):
        if rng.random() >= SOURCE_LINK_SHARE:
            continue
        doc = draw(design_id, evidence, 1)[0]
        sources.append(NeedsSource(pk=pk, title=catalogue.meta[doc][1], document_id=doc))
    NeedsSource.objects.bulk_update(sources, ["title", "document"], batch_size=1_000)
    ctx.add_count("design.designreference", len(references))
    ctx.add_count("design.material", len(materials))
    ctx.add_count("design.needssource (linked to a document)", len(sources))


# -- step "search_index" --------------------------------------------------------------------------
def generate_search_index(ctx: Context) -> None:
    """The knowledge centre's search index, rebuilt from the database as `search_reindex` does."""
    from relais.knowledge.search import replica

    stats = replica.rebuild()
    ctx.say(f"    search index: {stats.documents:,} documents into {Path(stats.directory).parent}")
    ctx.add_count("knowledge search index entries", stats.documents)
