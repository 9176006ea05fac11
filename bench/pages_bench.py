"""The key pages and operations of Relais under concurrent clients, served by gunicorn with the
production settings on loopback (issue 9): server time p50 / p95 (read from each response's
Server-Timing header), SQL queries per request, throughput, and the ratio to a floor page (the
base layout with no query) measured in the same run on the same server.

    .venv/bin/python bench/pages_bench.py --size demo|L|XL [--database URL] [--clients 2] [--requests 60]
                                          [--workers 3] [--only NAME …] [--strict]

Writes bench/results/pages-<size>-<engine>.json and .md; the previous result of the same size and
engine is kept as …previous.json, and every figure more than 20 % worse than it is flagged. Exit
code 1 when a request failed (or, with --strict, when a target is missed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import server as bench_server  # sets the SECRET_KEY shared with the server: before Django
from bench.stats import percentile

# Targets of issue 9 at size L (server time, p95, ms); "throughput" is the session page's share of
# the floor page's requests per second.
TARGETS_MS = {"list": 150.0, "detail": 150.0, "results": 300.0, "search": 15.0}
THROUGHPUT_TARGET = 0.40
WORSE = 1.20
PHRASE = "%22joint+investigation+team%22"  # flagged when a figure is more than 20 % worse than the previous result


@dataclass
class Page:
    name: str
    kind: str  # floor | list | detail | results | search | import | publication
    path: str
    who: str  # a persona's name, or "public"
    note: str = ""
    # For "search": the part of Server-Timing the target applies to (the search inside the page).
    part: str | None = None
    data: dict[str, str] | None = None  # posted (as the page's htmx form does) instead of a GET


@dataclass
class Figures:
    server_ms: list[float] = field(default_factory=list)
    client_ms: list[float] = field(default_factory=list)
    db_ms: list[float] = field(default_factory=list)
    part_ms: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    wall_s: float = 0.0


def pct(values: list[float], p: float) -> float | None:
    return percentile(values, p) if values else None


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--size", choices=["xs", "demo", "L", "XL"], default="demo")
    parser.add_argument("--database", help="a DATABASE_URL (default: $DATABASE_URL or var/bench-<size>.sqlite3)")
    parser.add_argument("--clients", type=int, default=os.cpu_count() or 2, help="concurrent clients (default: CPUs)")
    parser.add_argument("--requests", type=int, default=60, help="timed requests per page (default 60)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3, as docs/deploy.md)")
    parser.add_argument("--only", nargs="*", help="measure only the pages whose name contains one of these")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--seed", type=int, default=1)
    return parser.parse_args(argv)


# --- What is measured --------------------------------------------------------------------------


def pick() -> dict[str, Any]:
    """The objects and personas of the measures (see bench/README.md, "Pages under load")."""
    from bench.evaluation_bench import targets
    from bench.measures import personas
    from relais.delivery.models import Registration
    from relais.programmes.models import ProgrammeRole, Role

    admin, _ = personas()
    t = targets()  # the programme with the most responses, its largest session, coordinator, viewer
    person = (
        Registration.objects.filter(session_id=t["session"])
        .select_related("person")
        .order_by("pk")
        .values_list("person__last_name", flat=True)
        .first()
    )
    trainer = (
        ProgrammeRole.objects.filter(programme_id=t["programme"], role=Role.TRAINER).select_related("user").first()
    )
    return {
        "admin": admin,
        "coordinator": t["coordinator"],
        "viewer": t["viewer"],
        "trainer": trainer.user if trainer else t["coordinator"],
        "session": t["session"],
        "programme": t["programme"],
        "people_q": (person or "a")[:4],
    }


def pages(t: dict[str, Any]) -> list[Page]:
    s, p, q = t["session"], t["programme"], t["people_q"]
    results = f"/evaluation/programmes/{p}/results/"
    return [
        Page("floor", "floor", "/bench/floor/", "public", "base layout, no query"),
        # The same layout for a logged-in administrator: what any page of staff costs before its data
        # (session, user, second factor, menu).
        Page("floor logged in", "reference", "/bench/floor/", "admin", "base layout, staff"),
        Page("dashboard admin", "list", "/", "admin"),
        Page("dashboard coordinator", "list", "/", "coordinator"),
        Page("session list admin", "list", "/sessions/", "admin", "every session, page 1"),
        Page("session list coordinator", "list", "/sessions/", "coordinator", "one country's"),
        Page("session list filtered", "list", f"/sessions/?programme={p}&status=delivered", "admin"),
        Page("session page admin", "detail", f"/sessions/{s}/", "admin", "the largest session"),
        Page("session page coordinator", "detail", f"/sessions/{s}/", "coordinator"),
        Page("attendance sheet", "detail", f"/sessions/{s}/attendance/", "coordinator"),
        Page("registrations", "list", f"/sessions/{s}/registrations/", "coordinator"),
        Page("people list admin", "list", "/people/", "admin", "everyone visible, page 1"),
        Page("people list coordinator", "list", "/people/", "coordinator", "everyone visible, page 1"),
        # Names are searched by POST (never in an address), as the page's search-as-you-type does.
        Page("people search admin", "list", "/people/", "admin", f"q={q} (htmx POST)", data={"q": q}),
        Page("people search coordinator", "list", "/people/", "coordinator", f"q={q} (htmx POST)", data={"q": q}),
        Page("session results admin", "results", f"/sessions/{s}/results/", "admin"),
        Page("session results coordinator", "results", f"/sessions/{s}/results/", "coordinator"),
        Page("programme results by country", "results", f"{results}?by=country", "admin"),
        Page("programme results by session", "results", f"{results}?by=session", "admin"),
        Page("programme results coordinator", "results", f"{results}?by=session", "coordinator"),
        Page("programme results viewer", "results", f"{results}?by=country", "viewer", "small figures suppressed"),
        Page("document search staff", "search", "/knowledge/?q=workers", "admin", "the page", part="search"),
        Page("document search public", "search", "/knowledge/?q=forced+labour", "public", part="search"),
        Page("document search phrase", "search", f"/knowledge/?q={PHRASE}", "public", part="search"),
        Page("document search browse", "search", "/knowledge/", "public", "no words: newest", part="search"),
        Page("publications", "list", "/publications/", "admin"),
        Page("designs admin", "list", "/designs/", "admin"),
    ]


# --- Running -----------------------------------------------------------------------------------


def measure(
    srv: bench_server.Server, page: Page, cookies: dict[str, str] | None, clients: int, requests: int
) -> Figures:
    from bench.http_client import Client

    figures = Figures()
    lock = threading.Lock()

    def one(client: Client) -> None:
        try:
            if page.data is not None:
                reply = client.post(page.path, page.data, headers={"HX-Request": "true"})
            else:
                reply = client.get(page.path)
        except OSError as exc:
            with lock:
                figures.errors.append(f"{type(exc).__name__}: {exc}")
            return
        with lock:
            if reply.status != 200:
                figures.errors.append(f"HTTP {reply.status}")
                return
            figures.client_ms.append(reply.client_ms)
            if reply.server_ms is not None:
                figures.server_ms.append(reply.server_ms)
            if reply.db_ms is not None:
                figures.db_ms.append(reply.db_ms)
            if reply.queries is not None:
                figures.queries.append(reply.queries)
            if page.part:
                from relais.core.server_timing import parse

                part = parse(reply.headers.get("server-timing", "")).get(page.part)
                if part is not None:
                    figures.part_ms.append(part)

    def make_client() -> Client:
        return Client(bench_server.HOST, srv.port, cookies=dict(cookies or {}))

    # Warm every worker (templates, the search index, caches; not counted): concurrent requests, so
    # that each worker gets some (sequential ones may all go to the same worker).
    def warm() -> None:
        client = make_client()
        for _ in range(3):
            if page.data is not None:
                client.post(page.path, page.data, headers={"HX-Request": "true"})
            else:
                client.get(page.path)

    warmers = [threading.Thread(target=warm) for _ in range(2 * srv.workers)]
    for thread in warmers:
        thread.start()
    for thread in warmers:
        thread.join()
    shares = [requests // clients + (1 if i < requests % clients else 0) for i in range(clients)]

    def loop(count: int) -> None:
        client = make_client()
        for _ in range(count):
            one(client)

    threads = [threading.Thread(target=loop, args=(n,)) for n in shares]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    figures.wall_s = time.perf_counter() - start
    return figures


def in_process(run: Callable[[], Any], repeat: int) -> Figures:
    """An operation timed in the bench's own process (one client): once cold, then `repeat` times."""
    figures = Figures()
    run()
    start = time.perf_counter()
    for _ in range(repeat):
        t = time.perf_counter()
        run()
        figures.server_ms.append((time.perf_counter() - t) * 1000)
    figures.wall_s = time.perf_counter() - start
    return figures


def import_page(srv: bench_server.Server, cookies: dict[str, str], session_id: int, rows: int) -> str:
    """Upload a participant list of `rows` rows (half people already known, half new) to the largest
    session's import, and return its preview's address: reading, checking and matching the list,
    which the preview does on every request (nothing is written until confirmed)."""
    from bench.http_client import Client
    from relais.delivery.models import Person

    rng = random.Random(9)
    known = list(Person.objects.order_by("?")[: rows // 2].select_related("country"))
    book_rows = []
    for person in known:
        book_rows.append([person.first_name, person.last_name, person.country.code if person.country else "AL",
                          person.email])  # fmt: skip
    for i in range(rows - len(known)):
        book_rows.append([f"Nova{i}", f"Persona{rng.randint(1, 10**6)}", "AL", f"nova.{i}@bench.invalid"])
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["First name", "Last name", "Country", "E-mail"])
    for row in book_rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    client = Client(bench_server.HOST, srv.port, cookies=dict(cookies))
    reply = client.post_file(
        f"/sessions/{session_id}/registrations/import/", {}, "file", "participants.xlsx", out.getvalue()
    )
    if reply.status != 302:
        raise SystemExit(f"The import upload answered {reply.status}, not a redirect to its preview.")
    cookies.update(client.cookies)
    location = urlsplit(reply.headers["location"])
    return location.path + (f"?{location.query}" if location.query else "")


def publication_run(programme_id: int) -> Callable[[], Any]:
    """What a results report's build does (relais.publications.tasks): its content, then the PDF."""
    from relais.evaluation import charts
    from relais.programmes.models import Programme
    from relais.publications.content import SECTIONS
    from relais.publications.content_build import build_content
    from relais.publications.render_pdf import render_pdf

    programme = Programme.objects.get(pk=programme_id)

    def run() -> bytes:
        charts._cache.clear()  # each build renders its charts, as in a fresh worker
        content = build_content(programme=programme, language="en", sections=list(SECTIONS), summary="")
        return render_pdf(content)

    return run


# --- Reporting ---------------------------------------------------------------------------------


def summarise(page: Page, figures: Figures, floor: dict[str, Any] | None) -> dict[str, Any]:
    p50, p95 = pct(figures.server_ms, 0.5), pct(figures.server_ms, 0.95)
    n = len(figures.server_ms) or len(figures.client_ms)
    row: dict[str, Any] = {
        "kind": page.kind,
        "who": page.who,
        "path": page.path,
        "note": page.note,
        "requests": n,
        "errors": len(figures.errors),
        "error_samples": sorted(set(figures.errors))[:5],
        "server_p50_ms": _r(p50),
        "server_p95_ms": _r(p95),
        "client_p50_ms": _r(pct(figures.client_ms, 0.5)),
        "client_p95_ms": _r(pct(figures.client_ms, 0.95)),
        "db_p50_ms": _r(pct(figures.db_ms, 0.5)),
        "queries": int(statistics.median(figures.queries)) if figures.queries else None,
        "queries_max": max(figures.queries) if figures.queries else None,
        "throughput_rps": _r(n / figures.wall_s if figures.wall_s else None),
    }
    if page.part:
        row[f"{page.part}_p50_ms"] = _r(pct(figures.part_ms, 0.5))
        row[f"{page.part}_p95_ms"] = _r(pct(figures.part_ms, 0.95))
    if floor and p50 is not None and floor.get("server_p50_ms"):
        row["x_floor"] = _r(p50 / floor["server_p50_ms"])
    target = TARGETS_MS.get(page.kind)
    if target is not None:
        measured = row.get(f"{page.part}_p95_ms") if page.part else p95
        row["target_ms"] = target
        row["target_met"] = measured is not None and measured < target
    return row


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def compare(measures: dict[str, dict[str, Any]], previous: dict[str, Any] | None) -> list[str]:
    """Figures more than 20 % worse than the previous result (times up, throughput down, queries up)."""
    flags: list[str] = []
    if not previous:
        return flags
    for name, row in measures.items():
        before = previous.get("measures", {}).get(name)
        if not before:
            continue
        notes = []
        for key in ("server_p50_ms", "server_p95_ms", "search_p95_ms"):
            now, then = row.get(key), before.get(key)
            if now and then and now > WORSE * then:
                notes.append(f"{key.removesuffix('_ms')} {then:.1f} → {now:.1f} ms (+{(now / then - 1) * 100:.0f} %)")
        now, then = row.get("throughput_rps"), before.get("throughput_rps")
        if now and then and now * WORSE < then:
            notes.append(f"throughput {then:.1f} → {now:.1f} req/s")
        if row.get("queries") is not None and before.get("queries") is not None and row["queries"] > before["queries"]:
            notes.append(f"queries {before['queries']} → {row['queries']}")
        if notes:
            row["worse_than_previous"] = notes
            flags.append(f"{name}: " + "; ".join(notes))
    return flags


def markdown(result: dict[str, Any]) -> str:
    head = (
        f"Size {result['size']}, {result['engine']}, commit {result['commit']}, {result['when']}: "
        f"{result['clients']} concurrent clients, gunicorn {result['workers']} workers, "
        f"{result['requests']} requests per page, {result['cpus']} CPUs, load average "
        f"{result['load_average_before'][0]} → {result['load_average_after'][0]}."
    )
    lines = [
        head,
        "",
        "| measure | kind | queries | server p50 ms | server p95 ms | client p95 ms | req/s | × floor | target p95 | |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for name, m in result["measures"].items():
        target = ""
        if "target_ms" in m:
            part = " (search)" if m["kind"] == "search" else ""
            got = m.get("search_p95_ms") if m["kind"] == "search" else m["server_p95_ms"]
            target = f"< {m['target_ms']:.0f}{part}: {got} {'✓' if m['target_met'] else '✗'}"
        flag = "⚠ " + "; ".join(m["worse_than_previous"]) if m.get("worse_than_previous") else ""
        if m["errors"]:
            flag = f"**{m['errors']} errors** {flag}"
        queries = "" if m["queries"] is None else str(m["queries"])
        if m.get("queries_max") not in (None, m["queries"]):
            queries += f"–{m['queries_max']}"
        lines.append(
            f"| {name} | {m['kind']} | {queries} | {_f(m['server_p50_ms'])} | {_f(m['server_p95_ms'])} "
            f"| {_f(m['client_p95_ms'])} | {_f(m['throughput_rps'])} | {_f(m.get('x_floor'))} | {target} | {flag} |"
        )
    share = result.get("session_page_throughput_vs_floor")
    if share is not None:
        ok = "✓" if share >= THROUGHPUT_TARGET else "✗"
        lines += ["", f"Session page throughput: {share * 100:.0f} % of the floor page's (target ≥ 40 %) {ok}."]
    if result["flags"]:
        lines += ["", "More than 20 % worse than the previous result:", *(f"- {f}" for f in result["flags"])]
    return "\n".join(lines) + "\n"


def _f(value: float | None) -> str:
    return "" if value is None else f"{value:,.1f}"


def commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parent.parent,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    from bench.env import RESULTS, database_url, setup_django

    args = parse_args(argv)
    url = database_url(args.size, args.database)
    setup_django(url)
    from django.db import connection

    from bench.generate import describe
    from bench.run import ensure_data

    print(f"Pages under load at size {args.size} on {describe(url)}")
    ensure_data(args.size, args.seed)
    engine = connection.vendor
    t = pick()
    selected = [p for p in pages(t) if not args.only or p.name == "floor" or any(o in p.name for o in args.only)]
    load_before = [round(x, 2) for x in os.getloadavg()]
    measures: dict[str, dict[str, Any]] = {}
    errors = 0
    search_dir = os.environ.get("RELAIS_SEARCH_DIR")
    with bench_server.Server(url, workers=args.workers, search_dir=Path(search_dir) if search_dir else None) as srv:
        cookies = {who: bench_server.login_cookies(t[who]) for who in ("admin", "coordinator", "viewer", "trainer")}
        if not args.only or any("import" in o for o in args.only):
            preview = import_page(srv, cookies["admin"], t["session"], 200)
            selected.append(Page("import preview (200 rows)", "import", preview, "admin", "read, check, match"))
        floor: dict[str, Any] | None = None
        for page in selected:
            jar = None if page.who == "public" else cookies[page.who]
            # The floor and the session pages give the throughput ratio: more requests, a steadier rate.
            count = 5 * args.requests if page.kind == "floor" or page.name.startswith("session page") else args.requests
            figures = measure(srv, page, jar, args.clients, count)
            row = summarise(page, figures, floor)
            if page.kind == "floor":
                floor = row
            measures[page.name] = row
            errors += row["errors"]
            print(
                f"  {page.name:<34} p50 {_f(row['server_p50_ms']):>8} p95 {_f(row['server_p95_ms']):>8} ms"
                f"  {row['queries']} q  {_f(row['throughput_rps'])} req/s"
                + (f"  {row['errors']} ERRORS {row['error_samples']}" if row["errors"] else ""),
                flush=True,
            )
    if not args.only or any("publication" in o for o in args.only):
        run = publication_run(t["programme"])
        figures = in_process(run, 3)
        page = Page("publication build (in process)", "publication", "", "admin", "content + PDF of the programme")
        measures[page.name] = summarise(page, figures, None)
        print(f"  {page.name:<34} p50 {_f(measures[page.name]['server_p50_ms']):>8} ms")
    share = None
    session_rows = [m for n, m in measures.items() if n.startswith("session page")]
    if floor and floor.get("throughput_rps") and session_rows:
        share = round(min(m["throughput_rps"] or 0 for m in session_rows) / floor["throughput_rps"], 3)
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"pages-{args.size}-{engine}.json"
    previous = json.loads(path.read_text()) if path.exists() else None
    flags = compare(measures, previous)
    result: dict[str, Any] = {
        "size": args.size,
        "engine": engine,
        "database": describe(url),
        "commit": commit(),
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "clients": args.clients,
        "workers": args.workers,
        "requests": args.requests,
        "load_average_before": load_before,
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "targets": {k: v for k, v in t.items() if isinstance(v, (int, str))},
        "measures": measures,
        "session_page_throughput_vs_floor": share,
        "flags": flags,
    }
    if previous is not None:
        path.with_suffix(".previous.json").write_text(json.dumps(previous, indent=2, ensure_ascii=False) + "\n")
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    md = markdown(result)
    path.with_suffix(".md").write_text(md)
    print()
    print(md)
    print(f"Written to {path} and {path.with_suffix('.md')}")
    missed = [n for n, m in measures.items() if m.get("target_met") is False]
    if share is not None and share < THROUGHPUT_TARGET:
        missed.append("session page throughput")
    if errors:
        print(f"{errors} requests failed.")
        return 1
    if args.strict and missed:
        print("Targets missed: " + ", ".join(missed))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
