"""Publications at a named size (issue 7, Performance): the results report of the programme with the
most sessions — its content read from the analytics (`build_content`, every section, English), then
laid out as PDF (Typst), DOCX (python-docx) and the HTML preview — and a French PDF. Targets: the
content and the PDF together under 3 s for the demo programme, under 20 s for the largest programme
at size L.

    .venv/bin/python bench/publication_bench.py --size demo|L [--database URL] [--repeat 5] [--seed 1]

The database is --database, else $DATABASE_URL, else var/bench-<size>.sqlite3; it is generated first
when it holds no programme (bench/generate.py). Any database with programmes will do (the demo's own,
after `make run`, for instance): the bench only reads. Each measure runs once cold (the first Typst
compilation loads its fonts) and then --repeat times; the median of those is the figure. The chart
cache (relais.evaluation.charts) is emptied before every run, so each one renders its charts with
vl-convert, as a build in a fresh worker does. Prints a table and writes
var/bench/publications-<size>-<engine>.json (with the machine's load average: the timings are
wall-clock, and the machine may be shared).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.env import ROOT
from bench.stats import most_frequent

TARGET_S = {"xs": 3.0, "demo": 3.0, "L": 20.0, "XL": 20.0}  # content + PDF


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--size", choices=["xs", "demo", "L", "XL"], default="demo")
    parser.add_argument("--database", help="a DATABASE_URL (default: $DATABASE_URL or var/bench-<size>.sqlite3)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per measure, after a cold one (default 5)")
    parser.add_argument("--seed", type=int, default=1, help="seed, when the size must be generated")
    parser.add_argument("--programme", type=int, help="the programme's id (default: the one with most sessions)")
    parser.add_argument("--keep", help="a folder where the outputs of the last run are written (PDF, DOCX, HTML)")
    parser.add_argument(
        "--one-programme",
        action="store_true",
        help="stress: on a copy of the SQLite database (var/bench-<size>-one-programme.sqlite3), every design,\n"
        "session and evaluation row is moved into the first programme, so that one programme holds every\n"
        "session of the size (3,000 at L) before the report is built",
    )
    return parser.parse_args(argv)


def ensure_data(size: str, seed: int) -> None:
    """Migrate; generate the size when the database holds no programme. A database holding
    programmes (generated or not) is only read."""
    from django.core.management import call_command

    from bench.generate import generate
    from relais.programmes.models import Programme

    call_command("migrate", interactive=False, verbosity=0)
    if Programme.objects.exists():
        return
    print(f"Empty database: generating size {size} (seed {seed})…")
    generate(size=size, seed=seed, out=sys.stdout)


def one_programme_copy(url: str, size: str) -> str:
    """A copy of the SQLite database at `url` (made once, then reused) whose first programme holds
    every design, session and evaluation row of the others. Only for the --one-programme stress."""
    import sqlite3

    if not url.startswith("sqlite:///"):
        raise SystemExit("--one-programme works on a SQLite database (it makes a copy of the file).")
    source = Path(url.removeprefix("sqlite:///"))
    copy = ROOT / "var" / f"bench-{size}-one-programme.sqlite3"
    if not copy.exists():
        print(f"  copying {source.name} to {copy.name} ({source.stat().st_size / 1e6:,.0f} MB)…")
        with sqlite3.connect(source) as src, sqlite3.connect(copy) as dst:
            src.backup(dst)
    return f"sqlite:///{copy}"


def merge_programmes() -> int:
    """Move every design, session and evaluation row into the first programme (idempotent)."""
    from django.apps import apps
    from django.db import transaction

    from relais.programmes.models import Programme

    first = Programme.objects.order_by("pk").first()
    assert first is not None
    moved = 0
    with transaction.atomic():
        for label in ("design", "delivery", "evaluation"):
            for model in apps.get_app_config(label).get_models():
                field = next((f for f in model._meta.concrete_fields if f.name == "programme"), None)
                if field is None or getattr(field, "related_model", None) is not Programme:
                    continue
                moved += model._default_manager.exclude(programme=first).update(programme=first)
    return moved


def target(explicit: int | None) -> dict[str, Any]:
    """The programme with the most sessions (ties: the lowest id), and what it holds."""

    from relais.delivery.models import Registration, Session
    from relais.evaluation.models import Answer, Response
    from relais.programmes.models import Programme

    if explicit is not None:
        programme = Programme.objects.get(pk=explicit)
    else:
        top = most_frequent(Session.objects.all(), "programme_id")
        if top is None:
            raise SystemExit("No session in this database: nothing to publish.")
        programme = Programme.objects.get(pk=top)
    return {
        "programme": programme,
        "facts": {
            "programme": programme.pk,
            "sessions": Session.objects.filter(programme=programme).count(),
            "countries": Session.objects.filter(programme=programme).values("country_id").distinct().count(),
            "registrations": Registration.objects.filter(session__programme=programme).count(),
            "responses": Response.objects.filter(programme=programme).count(),
            "answers": Answer.objects.filter(response__programme=programme).count(),
            "all_sessions": Session.objects.count(),
        },
    }


def timed(run: Callable[[], Any], repeat: int, *, clear_charts: bool = True) -> tuple[float, list[float], Any]:
    """One cold run, then `repeat` runs: (cold seconds, the runs' seconds, the last result)."""
    from relais.evaluation import charts

    times: list[float] = []
    result: Any = None
    for _ in range(repeat + 1):
        if clear_charts:
            charts._cache.clear()
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return times[0], times[1:], result


def pages(pdf: bytes) -> int:
    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover - pypdf is a test dependency
        return 0
    import io

    return len(PdfReader(io.BytesIO(pdf)).pages)


def main(argv: list[str] | None = None) -> int:
    from bench.env import database_url, setup_django

    args = parse_args(argv)
    if args.repeat < 1:
        raise SystemExit("--repeat: at least 1")
    url = database_url(args.size, args.database)
    if args.one_programme:
        url = one_programme_copy(url, args.size)
    setup_django(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.generate import describe as describe_url
    from relais.publications.content import SECTIONS, content_hash
    from relais.publications.content_build import build_content
    from relais.publications.render_pdf import render_pdf

    load_start = [round(x, 2) for x in os.getloadavg()]
    print(f"Publications at size {args.size} on {describe_url(url)} ({connection.vendor})")
    ensure_data(args.size, args.seed)
    if args.one_programme:
        print(f"  {merge_programmes():,} rows moved into the first programme")
    t = target(args.programme)
    programme = t["programme"]
    print("  " + ", ".join(f"{k} {v:,}" for k, v in t["facts"].items()))
    sections = list(SECTIONS)
    summary = "Executive summary written for the benchmark. " * 8

    def content(language: str = "en") -> Any:
        return build_content(programme=programme, language=language, sections=sections, summary=summary)

    with CaptureQueriesContext(connection) as ctx:
        publication = content()
    queries = len(ctx.captured_queries)
    rows: list[dict[str, Any]] = []
    hashes: set[str] = set()

    def record(name: str, cold: float, runs: list[float], note: str = "") -> None:
        median = statistics.median(runs)
        rows.append(
            {
                "name": name,
                "cold_s": round(cold, 3),
                "median_s": round(median, 3),
                "max_s": round(max(runs), 3),
                "runs_s": [round(r, 3) for r in runs],
                "note": note,
            }
        )
        print(f"{name:<36} {cold:>8.2f} {median:>8.2f} {max(runs):>8.2f}  {note}")

    print(f"\n{'measure':<36} {'cold s':>8} {'median s':>8} {'max s':>8}")

    def content_en() -> Any:
        built = content("en")
        hashes.add(content_hash(built))
        return built

    cold, runs, publication = timed(content_en, args.repeat)
    record("content (build_content, en)", cold, runs, f"{queries} queries")
    cold, runs, pdf = timed(lambda: render_pdf(publication), args.repeat)
    record("PDF (render_pdf)", cold, runs, f"{pages(pdf)} pages, {len(pdf) / 1e6:.2f} MB")
    cold, runs, pdf = timed(lambda: render_pdf(content_en()), args.repeat)
    record("content + PDF, en", cold, runs, "the target")
    target_s = TARGET_S[args.size]
    headline = statistics.median(runs)
    cold, runs, pdf_fr = timed(lambda: render_pdf(content("fr")), args.repeat)
    record("content + PDF, fr", cold, runs)
    headline = max(headline, statistics.median(runs))
    outputs: dict[str, bytes] = {"report-en.pdf": pdf, "report-fr.pdf": pdf_fr}
    try:
        from relais.publications.render_docx import render_docx

        cold, runs, docx = timed(lambda: render_docx(publication), args.repeat)
        record("DOCX (render_docx)", cold, runs, f"{len(docx) / 1e6:.2f} MB")
        outputs["report-en.docx"] = docx
    except ImportError:
        print("  (render_docx not there yet: DOCX not measured)")
    try:
        from relais.publications.render_html import render_html

        cold, runs, html = timed(lambda: render_html(publication), args.repeat)
        record("HTML preview (render_html)", cold, runs, f"{len(html) / 1e3:,.0f} kB")
        outputs["report-en.html"] = html.encode()
    except ImportError:
        print("  (render_html not there yet: HTML not measured)")
    same = len(hashes) == 1
    ok = headline < target_s
    load = os.getloadavg()[0]
    print(
        f"\ncontent + PDF median {headline:.2f} s (target {target_s:.0f} s): {'ok' if ok else 'OVER'}; "
        f"content hash {'the same in every run' if same else 'DIFFERS between runs'}"
        f" ({next(iter(hashes))[:12]}…)"
    )
    print(
        f"Load average of the machine: {load_start[0]:.1f} at the start, {load:.1f} at the end ({os.cpu_count()} CPUs)."
    )
    if args.keep:
        keep = Path(args.keep)
        keep.mkdir(parents=True, exist_ok=True)
        for name, data in outputs.items():
            (keep / name).write_bytes(data)
        print(f"Outputs written to {keep}/")
    out_dir = ROOT / "var" / "bench"
    out_dir.mkdir(parents=True, exist_ok=True)
    stress = "-one-programme" if args.one_programme else ""
    out = out_dir / f"publications-{args.size}{stress}-{connection.vendor}.json"
    out.write_text(
        json.dumps(
            {
                "size": args.size,
                "one_programme": args.one_programme,
                "engine": connection.vendor,
                "repeat": args.repeat,
                "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "python": platform.python_version(),
                "cpus": os.cpu_count(),
                "load_average": {"start": load_start, "end": [round(x, 2) for x in os.getloadavg()]},
                "target": t["facts"],
                "sections": sections,
                "content_queries": queries,
                "content_hash": sorted(hashes),
                "target_s": target_s,
                "content_pdf_median_s": round(headline, 3),
                "measures": rows,
            },
            indent=2,
        )
    )
    print(f"Written to {out}")
    return 0 if ok and same else 1


if __name__ == "__main__":
    raise SystemExit(main())
