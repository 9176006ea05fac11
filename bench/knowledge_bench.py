"""The knowledge centre's search at a named size (issue 6, Performance): a full rebuild of the index,
then search with facets, snippets and the top 20 — p50 and p95 over --repeat rounds of a fixed set of
queries (broad and narrow words, phrases, several languages, with and without facet filters, as staff
and as the public). Targets: at L (20,000 documents) p95 under 15 ms and a rebuild under 60 s; at XL
(200,000) p95 under 50 ms.

    .venv/bin/python bench/knowledge_bench.py --size demo|L|XL [--database URL] [--repeat N] [--seed S]

The documents (metadata, an abstract of ~150 words, extracted text of 2,000–8,000 words in en, fr,
de, it, ro, sr, sq or bg) are generated deterministically from the seed into a database of their own:
--database, else var/bench-knowledge-<size>.sqlite3 (kept: a second run reuses it when it holds the
right number of documents; --regenerate starts again). Sentences come from the demo's banks
(relais/knowledge/demo_texts*.py) mixed with sentences drawn from a Zipf distribution over each
language's words and plausible words made from them, so the vocabulary has a long tail. The index
goes to var/bench-search-<size>/ (with a hash of --database when given). Prints a Markdown table
and writes var/bench/knowledge-<size>-<engine>.json (with the machine's load average: the timings
are wall-clock).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import json
import math
import os
import platform
import random
import re
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.env import ROOT

SIZES = {"demo": 150, "L": 20_000, "XL": 200_000}
TARGET_P95_MS = {"demo": 15.0, "L": 15.0, "XL": 50.0}
TARGET_REBUILD_S = {"demo": 60.0, "L": 60.0, "XL": 600.0}
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

# (label, q, filters, per audience) — filters are SearchParams fields.
QUERIES: list[tuple[str, str, dict[str, list[str]]]] = [
    ("broad word", "workers", {}),
    ("broad word", "exploitation", {}),
    ("broad, two words", "trafficking victims", {}),
    ("phrase", '"joint investigation team"', {}),
    ("phrase + word", '"forced labour" agriculture', {}),
    ("narrow, 4 words", "recruitment fees debt bondage", {}),
    ("name (narrow)", "Đorđević", {}),
    ("name typed bare", "Stefan Popescu", {}),
    ("French", "inspecteurs du travail", {}),
    ("German", "Arbeitsausbeutung", {}),
    ("Italian", "sfruttamento lavoratori", {}),
    ("Romanian, no diacritics", "exploatarii victimele", {}),
    ("Serbian", "eksploatacije radnika", {}),
    ("Albanian", "shfrytëzimi viktimat", {}),
    ("Bulgarian", "експлоатация работниците", {}),
    ("word + kind", "workers", {"kind": ["study"]}),
    ("word + language + year", "travail", {"language": ["fr"], "year": ["2021"]}),
    ("word + 3 filters", "victims", {"country": ["AL"], "audience": ["police"], "theme": ["thb_labour"]}),
    ("browse, filters", "", {"theme": ["thb_labour"], "country": ["IT", "AT"]}),
    ("browse, all", "", {}),
]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--size", choices=list(SIZES), default="demo")
    parser.add_argument("--database", help="a DATABASE_URL (default: var/bench-knowledge-<size>.sqlite3)")
    parser.add_argument("--repeat", type=int, default=30, help="rounds of the query set (default 30)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--regenerate", action="store_true", help="delete the documents and generate again")
    parser.add_argument("--skip-rebuild", action="store_true", help="search the existing index")
    return parser.parse_args(argv)


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


def generate(count: int, seed: int) -> None:
    from django.db import transaction

    from relais.core.models import Country, Profession, Theme
    from relais.knowledge.models import Document, DocumentFile, TextStatus

    rng = random.Random(f"{seed}:knowledge")
    started = time.perf_counter()
    pool = 4_000 if count < 1000 else 20_000
    languages = {code: Language(code, random.Random(f"{seed}:{code}"), pool) for code in LANGUAGES}
    codes, weights = list(LANGUAGES), list(LANGUAGES.values())
    themes = list(Theme.objects.values_list("pk", flat=True))
    countries = list(Country.objects.filter(code__in=COUNTRIES).values_list("pk", flat=True))
    audiences = list(Profession.objects.values_list("pk", flat=True))
    print(f"  text banks ready in {time.perf_counter() - started:.1f} s")
    through: tuple[Any, ...] = (Document.themes.through, Document.countries.through, Document.audiences.through)
    batch = 500
    for first in range(0, count, batch):
        docs, texts = [], []
        for _ in range(min(batch, count - first)):
            code = rng.choices(codes, weights)[0]
            lang = languages[code]
            abstract = " ".join(rng.choices(lang.real, k=rng.randint(6, 9)))
            body = lang.text(rng, rng.randint(2_000, 8_000))
            if code in CASE_SENTENCE and rng.random() < 0.02:
                name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                body += " " + CASE_SENTENCE[code].format(name=name, year=rng.randint(2010, 2024))
            docs.append(
                Document(
                    kind=rng.choice(KINDS),
                    title=lang.title(rng),
                    abstract=f"<p>{abstract}</p>",
                    language=code,
                    languages=[code],
                    authors=[f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.randint(1, 3))],
                    publisher=rng.choice(PUBLISHERS),
                    year=rng.randint(2005, 2025),
                    access="public" if rng.random() < 0.7 else "internal",
                )
            )
            texts.append(body)
        with transaction.atomic():
            Document.objects.bulk_create(docs)
            files = []
            for doc, body in zip(docs, texts, strict=True):
                digest = hashlib.sha256(f"{seed}:{doc.pk}".encode()).hexdigest()
                files.append(
                    DocumentFile(
                        document=doc, version=1, is_current=True, file=f"knowledge/{doc.pk}/{digest[:16]}.txt",
                        original_name="text.txt", kind="txt", size=len(body.encode()), sha256=digest,
                        text_status=TextStatus.DONE, text=body, page_count=max(1, len(body) // 3000),
                    )
                )  # fmt: skip
            DocumentFile.objects.bulk_create(files)
            for model, pool_ids, field in zip(
                through, (themes, countries, audiences), ("theme", "country", "profession"), strict=True
            ):
                rows = [
                    model(document_id=doc.pk, **{f"{field}_id": pk})
                    for doc in docs
                    for pk in rng.sample(pool_ids, rng.randint(1, min(3, len(pool_ids))))
                ]
                model.objects.bulk_create(rows)
        done = first + len(docs)
        if done % 5000 == 0 or done == count:
            print(f"  {done:,} documents in {time.perf_counter() - started:.0f} s")


def ensure_documents(count: int, seed: int, regenerate: bool) -> None:
    from django.core.management import call_command

    from relais.knowledge.models import Document, SearchChange

    call_command("migrate", interactive=False, verbosity=0)
    have = Document.objects.count()
    if have == count and not regenerate:
        print(f"  {have:,} documents already there (use --regenerate to start again)")
        return
    if have:
        print(f"  deleting {have:,} documents")
        Document.objects.all().delete()
        SearchChange.objects.all().delete()
    print(f"  generating {count:,} documents")
    generate(count, seed)


# -- measuring ------------------------------------------------------------------------------------
def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p * len(ordered)) - 1)]


def measure(repeat: int) -> list[dict[str, Any]]:
    from relais.knowledge.search import SearchParams, search_documents

    cases = [(label, q, filters, who) for label, q, filters in QUERIES for who in ("internal", "public")]
    runs: dict[int, list[float]] = {i: [] for i in range(len(cases))}
    totals: dict[int, int] = {}
    for round_ in range(repeat + 1):  # the first round warms up (not timed)
        for i, (_label, q, filters, who) in enumerate(cases):
            params = SearchParams(q=q, per_page=20, **filters)  # type: ignore[arg-type]
            start = time.perf_counter()
            result = search_documents(params, audience=who)
            elapsed = (time.perf_counter() - start) * 1000
            if round_:
                runs[i].append(elapsed)
            else:
                totals[i] = result.total
                assert all(h.title_html for h in result.hits)
    return [
        {
            "label": label,
            "q": q,
            "filters": filters,
            "audience": who,
            "total": totals[i],
            "p50_ms": round(statistics.median(runs[i]), 2),
            "p95_ms": round(percentile(runs[i], 0.95), 2),
            "runs": runs[i],
        }
        for i, (label, q, filters, who) in enumerate(cases)
    ]


def index_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    url = args.database or f"sqlite:///{ROOT / 'var' / f'bench-knowledge-{args.size}.sqlite3'}"
    # The index of a database of its own: var/bench-search-<size>[-<hash of --database>].
    suffix = f"-{hashlib.sha256(url.encode()).hexdigest()[:8]}" if args.database else ""
    search_dir = ROOT / "var" / f"bench-search-{args.size}{suffix}"
    os.environ["RELAIS_SEARCH_DIR"] = str(search_dir)
    from bench.env import setup_django
    from bench.generate import describe

    setup_django(url)
    from django.db import connection

    from relais.knowledge.search import replica

    count = SIZES[args.size]
    load_start = [round(x, 2) for x in os.getloadavg()]
    print(f"Knowledge search at size {args.size} ({count:,} documents) on {describe(url)} ({connection.vendor})")
    ensure_documents(count, args.seed, args.regenerate)
    rebuild: dict[str, Any] = {}
    if not args.skip_rebuild:
        if search_dir.exists():
            shutil.rmtree(search_dir)
        cpu = time.process_time()
        stats = replica.rebuild()
        cpu = time.process_time() - cpu
        rebuild = {
            "documents": stats.documents,
            "seconds": round(stats.seconds, 1),
            "cpu_seconds": round(cpu, 1),
            "bytes": index_size(Path(stats.directory)),
        }
        print(
            f"  rebuild: {stats.documents:,} documents in {stats.seconds:.1f} s ({cpu:.0f} s of CPU on"
            f" {os.cpu_count()} CPUs), index {rebuild['bytes'] / 1e6:,.0f} MB; load average {os.getloadavg()[0]:.1f}"
        )
    rows = measure(args.repeat)
    every = [ms for row in rows for ms in row["runs"]]
    p50, p95 = statistics.median(every), percentile(every, 0.95)
    print()
    print("| query | filters | as | hits | p50 ms | p95 ms |")
    print("|---|---|---|---:|---:|---:|")
    for row in rows:
        filters = ", ".join(f"{k}={'|'.join(v)}" for k, v in row["filters"].items()) or "—"
        q = row["q"].replace("|", "\\|") or "(none)"
        cells = [f"{row['label']}: `{q}`", filters, row["audience"], f"{row['total']:,}"]
        print("| " + " | ".join(cells) + f" | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} |")
    print(f"| **all {len(every):,} searches** | | | | **{p50:.1f}** | **{p95:.1f}** |")
    target = TARGET_P95_MS[args.size]
    ok_search = p95 < target
    ok_rebuild = not rebuild or rebuild["seconds"] < TARGET_REBUILD_S[args.size]
    load = os.getloadavg()[0]
    print(f"\np95 {p95:.1f} ms (target {target:.0f} ms): {'ok' if ok_search else 'OVER'}", end="")
    if rebuild:
        limit = TARGET_REBUILD_S[args.size]
        print(f"; rebuild {rebuild['seconds']} s (target {limit:.0f} s): {'ok' if ok_rebuild else 'OVER'}")
    else:
        print()
    print(
        f"Load average of the machine: {load_start[0]:.1f} at the start, {load:.1f} at the end ({os.cpu_count()} CPUs)."
    )
    out_dir = ROOT / "var" / "bench"
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"knowledge-{args.size}-{connection.vendor}.json"
    for row in rows:
        del row["runs"]
    out.write_text(
        json.dumps(
            {
                "size": args.size,
                "documents": count,
                "engine": connection.vendor,
                "repeat": args.repeat,
                "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "python": platform.python_version(),
                "cpus": os.cpu_count(),
                "load_average": {"start": load_start, "end": [round(x, 2) for x in os.getloadavg()]},
                "rebuild": rebuild,
                "search": {"p50_ms": round(p50, 2), "p95_ms": round(p95, 2), "target_p95_ms": target},
                "queries": rows,
            },
            indent=2,
            ensure_ascii=False,
        )
    )
    print(f"Written to {out}")
    return 0 if ok_search and ok_rebuild else 1


if __name__ == "__main__":
    raise SystemExit(main())
