"""The REST API at a named size (issue 8, Performance): the reads a partner's system makes most —
programmes, sessions (a page of 50 and of 200, and the largest session), people (a page, a search by
a common surname), the registrations, attendance, questionnaires, responses and results of that
session, the programme's results, documents (a page, a search), publication builds — and one write
(a new person registered in that session), each with the bearer token of an administrator, a
programme manager and a country coordinator. For each: p50 and p95 over --repeat requests after a
warm-up, SQL queries per request, response bytes, and the ratio of p50 to the floor's: GET
/api/v1/openapi.json, which is built once per process and runs no SQL (what authentication-free
routing, middleware and a large JSON response cost on their own). Target at demo: p95 under 150 ms.

    .venv/bin/python bench/api_bench.py --size demo|L|XL [--database URL] [--repeat 30] [--seed 1]

The database is --database, else $DATABASE_URL, else var/bench-api-<size>.sqlite3 (a file of its own:
the bench adds documents and publication builds to it). It is migrated, then generated
(bench/generate.py) when it holds no programme; when it holds no document, the knowledge centre's
documents of the size are generated as bench/knowledge_bench.py does (150 at demo, 20,000 at L), and
when it holds no publication build, builds are written as rows (report and kit builds of each
programme, most done, with file names but no files: lists never open them). The search index is
rebuilt into var/bench-search-api-<size>-<hash of the URL>.

Requests go through Django's test Client in this process (server time: middleware, authentication,
throttles, the view, JSON encoding; no network, no WSGI server), with DEBUG off and the rate limits
raised out of the way (override_settings). Tokens (read and write) are made for the three users with
`token_create` at the start and deleted at the end. Each round sends every request once: the first
round warms up, the second counts SQL queries (CaptureQueriesContext), the next --repeat are timed.
Lists are also counted at limit=1 and at the largest limit, to show whether their queries grow with
the page. The write runs inside transaction.atomic() and is rolled back after each call, so the data
stay the same (its commit is therefore not timed; on_commit hooks do not run). Requests are sent
without cookies (--keep-cookies: with the cookies the API sets), each round in a shuffled order; the
full garbage collections that fall in timed requests are counted (--gc-freeze: gc.freeze() first).
Prints a Markdown table and writes var/bench/api-<size>-<engine>[-cookies][-gc-freeze].json (with the
machine's load average: timings are wall-clock, and the machine may be shared).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.env import ROOT
from bench.stats import most_frequent, percentile

TARGET_P95_MS = {"xs": 150.0, "demo": 150.0}  # no target stated for L and XL: their ratios tell
TOKEN_NAME = "api bench"
BUILDS_PER_PROGRAMME = 12  # at least 60 in all, so that a page of 50 is full
UNLIMITED = "1000000/min"
ROLES = ("admin", "manager", "coordinator")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--size", choices=["xs", "demo", "L", "XL"], default="demo")
    parser.add_argument("--database", help="a DATABASE_URL (default: $DATABASE_URL or var/bench-api-<size>.sqlite3)")
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per measure (default 30)")
    parser.add_argument("--seed", type=int, default=1, help="seed, when the size must be generated")
    parser.add_argument(
        "--keep-cookies",
        action="store_true",
        help="send back the cookies the API sets (as a client with a cookie jar does); by default every\n"
        "request is sent without cookies, as curl or a script with a bare HTTP library sends it",
    )
    parser.add_argument(
        "--gc-freeze",
        action="store_true",
        help="gc.freeze() after the warm-up round: the objects of the loaded application are left out of\n"
        "the garbage collector's full collections, as a server would do after loading the application",
    )
    return parser.parse_args(argv)


def database_url(size: str, explicit: str | None) -> str:
    if explicit:
        return explicit
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    return f"sqlite:///{ROOT / 'var' / f'bench-api-{size}.sqlite3'}"


# -- data -----------------------------------------------------------------------------------------
def ensure_data(size: str, seed: int) -> dict[str, Any]:
    """Migrate; generate the size when the database holds no programme; add the documents and the
    publication builds when there are none. Returns what was done, with timings."""
    from django.core.management import call_command

    from bench.generate import generate
    from bench.sizes import SIZES
    from relais.knowledge.models import Document
    from relais.programmes.models import Programme
    from relais.publications.models import PublicationBuild

    done: dict[str, Any] = {}
    call_command("migrate", interactive=False, verbosity=0)
    if not Programme.objects.exists():
        print(f"Empty database: generating size {size} (seed {seed})…")
        started = time.perf_counter()
        generate(size=size, seed=seed, out=sys.stdout)
        done["generated_s"] = round(time.perf_counter() - started, 1)
    if not Document.objects.exists():
        from bench import knowledge_bench

        count = SIZES[size].documents
        print(f"  no document: generating {count:,} as bench/knowledge_bench.py does")
        started = time.perf_counter()
        knowledge_bench.generate(count, seed)
        done["documents_s"] = round(time.perf_counter() - started, 1)
    if not PublicationBuild.objects.exists():
        done["builds"] = write_builds(seed)
        print(f"  no publication build: {done['builds']:,} written")
    return done


def write_builds(seed: int) -> int:
    """Report and kit builds of every programme, as rows: most done (PDF and DOCX names, an HTML
    preview), some failed, queued or running; team, programme or public."""
    import random

    from django.utils import timezone

    from relais.design.models import ActivityDesign
    from relais.programmes.models import Programme, ProgrammeRole, Role
    from relais.publications.models import BuildKind, BuildStatus, PublicationBuild, Visibility

    rng = random.Random(f"{seed}:api-builds")
    programmes = list(Programme.objects.order_by("pk"))
    per = max(BUILDS_PER_PROGRAMME, math.ceil(60 / max(1, len(programmes))))
    designs: dict[int, list[int]] = {}
    for design_id, programme_id in ActivityDesign.objects.order_by("pk").values_list("pk", "programme_id"):
        designs.setdefault(programme_id, []).append(design_id)
    managers = dict(
        ProgrammeRole.objects.filter(role=Role.MANAGER).order_by("-pk").values_list("programme_id", "user_id")
    )
    now = timezone.now()
    rows = []
    for programme in programmes:
        for i in range(per):
            kit = bool(designs.get(programme.pk)) and rng.random() < 0.35
            status = rng.choices(
                [BuildStatus.DONE, BuildStatus.FAILED, BuildStatus.QUEUED, BuildStatus.RUNNING], [85, 8, 4, 3]
            )[0]
            language = rng.choice(["en", "en", "fr"])
            finished = now - dt.timedelta(days=rng.randint(1, 700))
            done = status == BuildStatus.DONE
            stem = f"publications/{programme.pk}/bench-{i}/{'kit' if kit else 'report'}-{language}"
            visibility = rng.choices([Visibility.TEAM, Visibility.PROGRAMME, Visibility.PUBLIC], [60, 25, 15])[0]
            rows.append(
                PublicationBuild(
                    kind=BuildKind.KIT if kit else BuildKind.REPORT,
                    programme=programme,
                    design_id=rng.choice(designs[programme.pk]) if kit else None,
                    title=f"{'Replication kit' if kit else 'Results report'} {i + 1} — {programme.code}",
                    language=language,
                    parameters={"sections": ["summary", "reach", "learning"], "session_ids": None, "summary": ""},
                    status=status,
                    progress=100 if done else rng.choice([0, 40]),
                    step="" if done else "queued",
                    error="Typst failed (bench)" if status == BuildStatus.FAILED else "",
                    content_hash=hashlib.sha256(f"{seed}:{programme.pk}:{i}".encode()).hexdigest() if done else "",
                    pdf=f"{stem}.pdf" if done else "",
                    docx=f"{stem}.docx" if done and not kit else "",
                    archive=f"{stem}.zip" if done and kit else "",
                    html="<h1>Preview</h1>" if done and not kit else "",
                    visibility=visibility if done else Visibility.TEAM,
                    published_at=finished if done and visibility != Visibility.TEAM else None,
                    created_by_id=managers.get(programme.pk),
                    started_at=finished - dt.timedelta(seconds=40) if status != BuildStatus.QUEUED else None,
                    finished_at=finished if done or status == BuildStatus.FAILED else None,
                )
            )
    PublicationBuild.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def rebuild_index() -> dict[str, Any]:
    from relais.knowledge.search import replica

    stats = replica.rebuild()
    return {"documents": stats.documents, "seconds": round(stats.seconds, 1)}


@dataclass
class Targets:
    session: int
    programme: int
    surname: str
    users: dict[str, Any]
    facts: dict[str, Any] = field(default_factory=dict)


def targets() -> Targets:
    """The session with the most registrations (ties: the lowest id), its programme; the first active
    administrator, a manager of that programme, the coordinator of the session's country in it; the
    most common surname."""

    from relais.accounts.models import User
    from relais.delivery.models import Person, Registration, Session
    from relais.evaluation.models import Questionnaire, Response
    from relais.knowledge.models import Document
    from relais.programmes.models import ProgrammeRole, Role
    from relais.publications.models import PublicationBuild

    top = most_frequent(Registration.objects.all(), "session_id")
    if top is None:
        raise SystemExit("No registration in this database: regenerate it with bench/generate.py --reset.")
    session = Session.objects.get(pk=top)
    admin = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    manager = (
        ProgrammeRole.objects.filter(programme_id=session.programme_id, role=Role.MANAGER, user__is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    coordinator = (
        ProgrammeRole.objects.filter(
            programme_id=session.programme_id,
            role=Role.COORDINATOR,
            countries=session.country_id,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if admin is None or manager is None or coordinator is None:
        raise SystemExit("This database lacks an administrator, a manager or a coordinator of the session.")
    surname = most_frequent(Person.objects.all(), "last_name") or "Popescu"
    return Targets(
        session=session.pk,
        programme=session.programme_id,
        surname=surname,
        users={"admin": admin, "manager": manager.user, "coordinator": coordinator.user},
        facts={
            "session": session.pk,
            "session_country": session.country.code,
            "session_registrations": Registration.objects.filter(session_id=session.pk).count(),
            "session_questionnaires": Questionnaire.objects.filter(session_id=session.pk).count(),
            "session_responses": Response.objects.filter(session_id=session.pk).count(),
            "programme": session.programme_id,
            "programme_sessions": Session.objects.filter(programme_id=session.programme_id).count(),
            "surname": surname,
            "surname_people": Person.objects.filter(last_name=surname).count(),
            "sessions": Session.objects.count(),
            "people": Person.objects.count(),
            "registrations": Registration.objects.count(),
            "responses": Response.objects.count(),
            "documents": Document.objects.count(),
            "builds": PublicationBuild.objects.count(),
            "users": {
                role: u.email
                for role, u in (("admin", admin), ("manager", manager.user), ("coordinator", coordinator.user))
            },
        },
    )


# -- requests -------------------------------------------------------------------------------------
@dataclass
class Measure:
    label: str
    path: str
    list_limit: int | None = None  # a list: also counted at limit=1 and at this limit
    write: bool = False
    runs: dict[str, list[float]] = field(default_factory=dict)
    gc: dict[str, list[float]] = field(default_factory=dict)  # full collections during timed runs, ms
    statuses: dict[str, set[int]] = field(default_factory=dict)  # of the timed runs
    counted: dict[str, dict[str, Any]] = field(default_factory=dict)


def measures(t: Targets) -> list[Measure]:
    s, p = t.session, t.programme
    return [
        Measure("floor: GET /openapi.json", "/api/v1/openapi.json"),
        Measure("GET /programmes", "/api/v1/programmes", list_limit=200),
        Measure("GET /sessions?limit=50", "/api/v1/sessions?limit=50", list_limit=200),
        Measure("GET /sessions?limit=200", "/api/v1/sessions?limit=200", list_limit=200),
        Measure("GET /sessions/{id}", f"/api/v1/sessions/{s}"),
        Measure("GET /people?limit=50", "/api/v1/people?limit=50", list_limit=200),
        Measure(f"GET /people?q={t.surname}", f"/api/v1/people?q={quote(t.surname)}", list_limit=200),
        Measure("GET /registrations?session_id", f"/api/v1/registrations?session_id={s}", list_limit=200),
        Measure("GET /sessions/{id}/attendance", f"/api/v1/sessions/{s}/attendance"),
        Measure("GET /questionnaires?session_id", f"/api/v1/questionnaires?session_id={s}", list_limit=200),
        Measure("GET /responses?session_id", f"/api/v1/responses?session_id={s}", list_limit=200),
        Measure("GET /sessions/{id}/results", f"/api/v1/sessions/{s}/results"),
        Measure("GET /programmes/{id}/results", f"/api/v1/programmes/{p}/results"),
        Measure("GET /documents?limit=50", "/api/v1/documents?limit=50", list_limit=200),
        Measure("GET /documents/search?q=labour", "/api/v1/documents/search?q=labour", list_limit=100),
        Measure("GET /publications", "/api/v1/publications", list_limit=200),
        Measure("POST /sessions/{id}/registrations", f"/api/v1/sessions/{s}/registrations", write=True),
    ]


def with_limit(path: str, limit: int) -> str:
    base, _sep, query = path.partition("?")
    params = [p for p in query.split("&") if p and not p.startswith("limit=")]
    return f"{base}?{'&'.join([*params, f'limit={limit}'])}"


def new_person(n: int) -> dict[str, Any]:
    """A person no one has recorded: names made of letters from a counter (never twice the same)."""
    letters = "bcdfghjklmnpqrstvwxz"
    word = ""
    k = n + 1
    while k:
        k, r = divmod(k, len(letters))
        word += letters[r]
    return {"person": {"first_name": f"Zyvra{word}", "last_name": f"Qwistek{word}y", "gender": "undisclosed"}}


class Runner:
    """Sends the requests, one Client per role (its bearer token as a default header)."""

    def __init__(self, clients: dict[str, Any], keep_cookies: bool) -> None:
        self.clients = clients
        self.keep_cookies = keep_cookies
        self.written = 0

    def send(self, role: str, m: Measure, path: str | None = None) -> tuple[Any, float]:
        from django.db import transaction

        client = self.clients[role]
        if not self.keep_cookies:
            client.cookies.clear()
        if not m.write:
            start = time.perf_counter()
            response = client.get(path or m.path)
            return response, (time.perf_counter() - start) * 1000
        self.written += 1
        body = json.dumps(new_person(self.written))
        with transaction.atomic():
            start = time.perf_counter()
            response = client.post(m.path, body, content_type="application/json")
            elapsed = (time.perf_counter() - start) * 1000
            transaction.set_rollback(True)
        return response, elapsed


def summary(response: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"status": response.status_code, "bytes": len(response.content)}
    try:
        data = json.loads(response.content)
    except ValueError:
        return out
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        out["items"] = len(data["items"])
    if response.status_code >= 400:
        out["problem"] = data
    return out


class QueryTimer:
    """Times each statement to the microsecond (CaptureQueriesContext rounds to the millisecond). The
    time is the driver's execute(): rows fetched afterwards are not in it (a lower bound)."""

    def __init__(self) -> None:
        self.statements: list[tuple[str, float]] = []

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.statements.append((sql, (time.perf_counter() - start) * 1000))


def counted(runner: Runner, role: str, m: Measure, path: str | None = None) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timer = QueryTimer()
    with CaptureQueriesContext(connection) as ctx, connection.execute_wrapper(timer):
        response, elapsed = runner.send(role, m, path)
    control = ("BEGIN", "COMMIT", "ROLLBACK")  # BEGIN IMMEDIATE on SQLite: transaction control, not a query
    queries = [(sql, ms) for sql, ms in timer.statements if not sql.startswith(control)]
    return {
        **summary(response),
        "queries": sum(1 for q in ctx.captured_queries if not q["sql"].startswith(control)),
        "sql_ms": round(sum(ms for _sql, ms in queries), 2),
        "ms": round(elapsed, 2),
        "sql": [f"{ms:.2f} ms  {sql[:400]}" for sql, ms in queries],
    }


class GcWatch:
    """Full (generation 2) garbage collections and their pauses, noted by gc.callbacks."""

    def __init__(self) -> None:
        self.pauses: list[float] = []
        self._start = 0.0

    def __call__(self, phase: str, info: dict[str, Any]) -> None:
        if info.get("generation") != 2:
            return
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.pauses.append((time.perf_counter() - self._start) * 1000)


def measure(runner: Runner, ms: list[Measure], repeat: int, seed: int, freeze: bool) -> None:
    """Round 0 warms up, round 1 counts queries (and the lists at limit=1 and at their largest
    limit), rounds 2… are timed. A round sends every request once for every role, in an order
    shuffled each round, so that the process's full garbage collections — which fall on whichever
    request crosses the allocation threshold — do not hit the same request every round."""
    import gc
    import random

    rng = random.Random(f"{seed}:api-order")
    watch = GcWatch()
    cases = [(m, role) for m in ms for role in (ROLES[:1] if m.label.startswith("floor") else ROLES)]
    gc.callbacks.append(watch)
    try:
        for round_ in range(repeat + 2):
            order = list(cases)
            if round_ > 1:
                rng.shuffle(order)
            if round_ == 1 and freeze:
                gc.collect()
                gc.freeze()
            for m, role in order:
                if round_ == 0:
                    runner.send(role, m)
                elif round_ == 1:
                    m.counted[role] = counted(runner, role, m)
                    if m.list_limit:
                        small = counted(runner, role, m, with_limit(m.path, 1))
                        large = counted(runner, role, m, with_limit(m.path, m.list_limit))
                        m.counted[role]["by_limit"] = {
                            "1": {"items": small.get("items"), "queries": small["queries"]},
                            str(m.list_limit): {"items": large.get("items"), "queries": large["queries"]},
                        }
                else:
                    watch.pauses.clear()
                    response, elapsed = runner.send(role, m)
                    m.runs.setdefault(role, []).append(elapsed)
                    m.statuses.setdefault(role, set()).add(response.status_code)
                    m.gc.setdefault(role, []).extend(watch.pauses)
    finally:
        gc.callbacks.remove(watch)


# -- main -----------------------------------------------------------------------------------------
def rows_of(ms: list[Measure]) -> list[dict[str, Any]]:
    floor = statistics.median(ms[0].runs["admin"])
    rows = []
    for m in ms:
        for role in [r for r in ROLES if r in m.runs]:
            runs = m.runs[role]
            c = m.counted[role]
            p50 = statistics.median(runs)
            pauses = m.gc.get(role, [])
            rows.append(
                {
                    "request": m.label,
                    "path": m.path,
                    "write": m.write,
                    "as": role,
                    "status": c["status"],
                    "statuses": sorted(m.statuses.get(role, set())),
                    "items": c.get("items"),
                    "queries": c["queries"],
                    "by_limit": c.get("by_limit"),
                    "bytes": c["bytes"],
                    "sql_ms": c["sql_ms"],
                    "p50_ms": round(p50, 2),
                    "p95_ms": round(percentile(runs, 0.95), 2),
                    "x_floor": round(p50 / floor, 1) if floor else None,
                    "full_gc": {"count": len(pauses), "ms": round(sum(pauses), 1)},
                    "sql": c["sql"],
                    "problem": c.get("problem"),
                    "runs": [round(r, 2) for r in runs],
                }
            )
    return rows


def print_table(rows: list[dict[str, Any]]) -> None:
    print(
        "| request | as | status | items | queries | queries at limit 1 → max | bytes | p50 ms | p95 ms | × floor "
        "| full GCs (ms) |"
    )
    print("|---|---|---:|---:|---:|---|---:|---:|---:|---:|---:|")
    for r in rows:
        by = r["by_limit"]
        grows = ""
        if by:
            (_l1, small), (lmax, large) = by.items()
            grows = f"{small['queries']} → {large['queries']} (at {lmax}: {large['items']} items)"
            if large["queries"] != small["queries"]:
                grows = f"**{grows}**"
        items = "" if r["items"] is None else f"{r['items']:,}"
        gc_cell = f"{r['full_gc']['count']} ({r['full_gc']['ms']:.0f})" if r["full_gc"]["count"] else ""
        print(
            f"| {r['request']} | {r['as']} | {r['status']} | {items} | {r['queries']} | {grows} | {r['bytes']:,} "
            f"| {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['x_floor']} | {gc_cell} |"
        )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.repeat < 1:
        raise SystemExit("--repeat: at least 1")
    url = database_url(args.size, args.database)
    suffix = hashlib.sha256(url.encode()).hexdigest()[:8]
    os.environ["RELAIS_SEARCH_DIR"] = str(ROOT / "var" / f"bench-search-api-{args.size}-{suffix}")
    from bench.env import setup_django

    setup_django(url)
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from bench.generate import describe
    from relais.api.models import ApiToken
    from relais.api.services import token_create

    load_start = [round(x, 2) for x in os.getloadavg()]
    print(f"REST API at size {args.size} on {describe(url)} ({connection.vendor})")
    prepared = ensure_data(args.size, args.seed)
    index = rebuild_index()
    print(f"  search index rebuilt: {index['documents']:,} documents in {index['seconds']} s")
    t = targets()
    print("  " + ", ".join(f"{k} {v}" for k, v in t.facts.items() if k != "users"))
    from django.contrib.sessions.models import Session as WebSession

    ApiToken.objects.filter(name=TOKEN_NAME).delete()  # a run stopped before its end
    web_sessions = WebSession.objects.count()
    tokens: list[int] = []
    try:
        clients = {}
        for role in ROLES:
            token, secret = token_create(actor=t.users[role], name=TOKEN_NAME, scope="write", days=None)
            tokens.append(token.pk)
            clients[role] = Client(headers={"Authorization": f"Bearer {secret}"})
        runner = Runner(clients, args.keep_cookies)
        ms = measures(t)
        started = time.perf_counter()
        with override_settings(RELAIS_API_RATE_READ=UNLIMITED, RELAIS_API_RATE_WRITE=UNLIMITED):
            measure(runner, ms, args.repeat, args.seed, args.gc_freeze)
        seconds = time.perf_counter() - started
    finally:
        ApiToken.objects.filter(pk__in=tokens).delete()
    web_sessions = WebSession.objects.count() - web_sessions
    rows = rows_of(ms)
    print(f"\n{len(rows)} measures × {args.repeat} requests in {seconds:.0f} s\n")
    print_table(rows)
    target = TARGET_P95_MS.get(args.size)
    slow = [r for r in rows if target is not None and r["p95_ms"] > target]
    errors = [
        r for r in rows if r["statuses"] != [r["status"]] or r["status"] >= 500 or (r["write"] and r["status"] != 201)
    ]
    growing = [r for r in rows if r["by_limit"] and len({v["queries"] for v in r["by_limit"].values()}) > 1]
    print()
    if target is not None:
        print(f"p95 over {target:.0f} ms: " + (", ".join(f"{r['request']} ({r['as']})" for r in slow) or "none"))
    pauses = [r["full_gc"] for r in rows]
    count = sum(p["count"] for p in pauses)
    if count:
        import gc

        mean = sum(p["ms"] for p in pauses) / count
        print(
            f"Full garbage collections during the timed requests: {count}, {mean:.0f} ms each on average"
            f" ({len(gc.get_objects()):,} objects scanned by a full collection, {gc.get_freeze_count():,} frozen)."
        )
    print(f"Rows added to django_session by the API requests (rolled-back writes aside): {web_sessions:,}.")
    print("Queries growing with the page: " + (", ".join(f"{r['request']} ({r['as']})" for r in growing) or "none"))
    for r in errors:
        print(f"Unexpected answer: {r['request']} as {r['as']}: {r['status']} then {r['statuses']} {r['problem']}")
    load = os.getloadavg()[0]
    print(
        f"Load average of the machine: {load_start[0]:.1f} at the start, {load:.1f} at the end ({os.cpu_count()} CPUs)."
    )
    out_dir = ROOT / "var" / "bench"
    out_dir.mkdir(parents=True, exist_ok=True)
    variant = ("-cookies" if args.keep_cookies else "") + ("-gc-freeze" if args.gc_freeze else "")
    out = out_dir / f"api-{args.size}-{connection.vendor}{variant}.json"
    out.write_text(
        json.dumps(
            {
                "size": args.size,
                "engine": connection.vendor,
                "repeat": args.repeat,
                "keep_cookies": args.keep_cookies,
                "gc_freeze": args.gc_freeze,
                "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "python": platform.python_version(),
                "cpus": os.cpu_count(),
                "load_average": {"start": load_start, "end": [round(x, 2) for x in os.getloadavg()]},
                "prepared": prepared,
                "search_index": index,
                "targets": t.facts,
                "django_sessions_added": web_sessions,
                "target_p95_ms": target,
                "measures": rows,
            },
            indent=2,
            ensure_ascii=False,
            default=str,
        )
    )
    print(f"Written to {out}")
    return 1 if errors else 0  # slow figures are flagged above, not a failure: a bench measures


if __name__ == "__main__":
    raise SystemExit(main())
