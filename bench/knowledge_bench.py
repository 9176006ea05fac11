"""The knowledge centre's search at a named size (issue 6, Performance): a full rebuild of the index,
then search with facets, snippets and the top 20 — p50 and p95 over --repeat rounds of a fixed set of
queries (broad and narrow words, phrases, several languages, with and without facet filters, as staff
and as the public). Targets: at L (20,000 documents) p95 under 15 ms and a rebuild under 60 s; at XL
(200,000) p95 under 50 ms.

    .venv/bin/python bench/knowledge_bench.py --size demo|L|XL [--database URL] [--repeat N] [--seed S]

The documents (metadata, an abstract of ~150 words, extracted text of 2,000–8,000 words in en, fr,
de, it, ro, sr, sq or bg; bench/gen_documents.py, the generator's step "documents", draws them) are
generated deterministically from the seed into a database of their own:
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
import json
import os
import platform
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.env import ROOT
from bench.stats import percentile

SIZES = {"demo": 150, "L": 20_000, "XL": 200_000}
TARGET_P95_MS = {"demo": 15.0, "L": 15.0, "XL": 50.0}
TARGET_REBUILD_S = {"demo": 60.0, "L": 60.0, "XL": 600.0}

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


def generate(count: int, seed: int) -> None:
    """The documents, as the generator's step "documents" draws them (bench/gen_documents.py), from
    this bench's own random stream: without the catalogue's extras, and without files."""
    from bench import gen_documents

    gen_documents.generate(count, seed)


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
