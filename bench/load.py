"""Load test (issue 9): concurrent virtual users for a while on a mixed scenario — staff browsing,
people searching the public catalogue, participants answering a questionnaire, trainers marking
attendance, users signing in — against gunicorn with the production settings (bench/server.py).

    .venv/bin/python bench/load.py --size demo|L|XL [--database URL] [--users 50] [--seconds 60]
                                   [--workers 3] [--ramp 10] [--seed 1]

The database is --database, else $DATABASE_URL, else var/bench-<size>.sqlite3 (bench/env.py). The run
writes into it (links, answers, attendance, sessions of the users, audit events): give it a database
of its own. What is prepared before the server starts is in bench/load_prepare.py; the personas, their
shares and the checks in bench/load_scenario.py.

Users start one after the other over --ramp seconds, then all run for --seconds; each stops after the
action under way. Before that, every page kind is asked for a few times (not counted in the figures),
so that each gunicorn worker has loaded its templates and its chart renderer.

Errors: a request that fails (timeout, refused or reset connection), an unexpected status, an error
page, a page cut short or without what the next step needs; a gunicorn worker restarted or timed out
("Booting worker" beyond the first ones, "WORKER TIMEOUT", any line at ERROR or CRITICAL in its log);
an exception logged by Django in the workers' standard error (var/bench-load-<size>-<engine>-stderr.log);
and the database not holding what the answers said was done (answers sent, marks recorded, sign-ins).
Exit code 1 when there is any error.

Prints a Markdown table (per request kind: count, errors, client p50 / p95 / max, server p50 / p95
from Server-Timing, mean queries; throughput) and writes bench/results/load-<size>-<engine>.json and
.md with the machine's load average and CPU count.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import resource
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.env import RESULTS, ROOT, database_url
from bench.env import search_dir as database_search_dir
from bench.load_scenario import THINK_S
from bench.stats import percentile

WARM_UP_ROUNDS = 2  # per worker
GUNICORN_LINE = re.compile(r"^\[[^\]]+\] \[(\d+)\] \[(\w+)\] (.*)$")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--size", choices=["xs", "demo", "L", "XL"], default="demo")
    parser.add_argument("--database", help="a DATABASE_URL (default: $DATABASE_URL or var/bench-<size>.sqlite3)")
    parser.add_argument("--users", type=int, default=50, help="virtual users (default 50)")
    parser.add_argument("--seconds", type=float, default=60, help="run time once every user runs (default 60)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    parser.add_argument("--ramp", type=float, default=10, help="seconds over which the users start (default 10)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the users' choices and of generated data")
    parser.add_argument(
        "--think",
        type=float,
        nargs=2,
        default=list(THINK_S),
        metavar=("MIN", "MAX"),
        help=f"seconds a user thinks between two actions, drawn evenly (default {THINK_S[0]:g} {THINK_S[1]:g})",
    )
    parser.add_argument(
        "--warm-up", type=int, default=WARM_UP_ROUNDS, help=f"warm-up rounds per worker (default {WARM_UP_ROUNDS})"
    )
    parser.add_argument("--documents", type=int, help="documents to generate when there are none (default: the size's)")
    parser.add_argument("--results", type=Path, default=RESULTS, help="folder of the JSON and Markdown results")
    parser.add_argument("--search-dir", type=Path, help="search index folder (default: bench.env.search_dir)")
    args = parser.parse_args(argv)
    if (
        args.users < 1
        or args.seconds <= 0
        or args.workers < 1
        or args.ramp < 0
        or args.warm_up < 0
        or not 0 <= args.think[0] <= args.think[1]
    ):
        parser.error(
            "--users and --workers at least 1, --seconds over 0, --ramp and --warm-up not negative, --think MIN ≤ MAX"
        )
    return args


@contextmanager
def child_stderr(path: Path) -> Iterator[None]:
    """Processes started inside inherit `path` as their standard error (Django's log of the workers:
    exceptions and 404s), while this process keeps its own."""
    sys.stderr.flush()
    saved = os.dup(2)
    with path.open("ab") as target:
        os.dup2(target.fileno(), 2)
    try:
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def size_of(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def read_from(path: Path, start: int, end: int | None = None) -> list[str]:
    if not path.exists():
        return []
    with path.open("rb") as f:
        f.seek(start)
        data = f.read() if end is None else f.read(max(0, end - start))
    return data.decode("utf-8", "replace").splitlines()


# -- the server's logs ----------------------------------------------------------------------------
def gunicorn_problems(lines: list[str], master: int, workers: int) -> tuple[list[str], dict[str, int]]:
    """Lines of this server (its master and its workers) that tell of a worker restarted (booted
    beyond the first `workers`) or timed out, or of an error; and counts. The log is the run's own."""
    pids = {master}
    booted = 0
    problems: list[str] = []
    for line in lines:
        found = GUNICORN_LINE.match(line)
        if not found:
            continue
        pid, level, message = int(found.group(1)), found.group(2), found.group(3)
        if message.startswith("Booting worker with pid:"):
            pids.add(pid)
            booted += 1
            if booted > workers:
                problems.append(line)
        elif pid in pids and ("WORKER TIMEOUT" in message or level in ("ERROR", "CRITICAL")):
            problems.append(line)
    return problems, {"workers_booted": booted, "problem_lines": len(problems)}


def stderr_problems(lines: list[str]) -> tuple[list[str], list[str]]:
    """Exceptions logged by Django in the workers (errors), and warnings (e.g. "Not Found: …")."""
    errors: list[str] = []
    warnings: list[str] = []
    for n, line in enumerate(lines):
        if line.startswith(("Internal Server Error", "Traceback")) or re.search(r"\b(ERROR|CRITICAL)\b", line):
            if line.startswith("Traceback") and n and lines[n - 1].startswith("Internal Server Error"):
                continue  # the traceback of the line before
            errors.append(line)
        elif line.startswith(("Not Found", "Bad Request", "Forbidden")) or "WARNING" in line:
            warnings.append(line)
    return errors, warnings


# -- CPU ----------------------------------------------------------------------------------------
def cpu_of(pids: set[int]) -> float:
    """CPU seconds (user and system) used so far by these processes (Linux /proc; 0 elsewhere)."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for pid in pids:
        try:
            data = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = data[data.rindex(")") + 2 :].split()
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far, from /proc/stat ((0, 0) elsewhere)."""
    try:
        first = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return 0.0, 0.0
    values = [int(v) for v in first[:8]]
    tick = os.sysconf("SC_CLK_TCK")
    return (sum(values) - values[3] - values[4]) / tick, sum(values) / tick


def self_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def server_pids(master: int, lines: list[str]) -> set[int]:
    pids = {master}
    for line in lines:
        found = GUNICORN_LINE.match(line)
        if found and found.group(3).startswith("Booting worker with pid:"):
            pids.add(int(found.group(1)))
    return pids


# -- running --------------------------------------------------------------------------------------
def warm_up(plan: Any, port: int, rounds: int, seed: int) -> Any:
    """Every page kind a few times per worker, concurrently, before the timed run (its own record)."""
    from bench.load_scenario import HOST_FOR_USERS, Recorder, VirtualUser

    recorder = Recorder()
    staff = next((p for p in plan.personas if p.kind == "staff"), None)
    threads = []
    for n in range(rounds):
        persona = staff or plan.personas[0]
        user = VirtualUser(10_000 + n, persona, plan, HOST_FOR_USERS, port, recorder, seed)
        threads.append(threading.Thread(target=user.warm_up, daemon=True))
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    return recorder


def run_users(plan: Any, port: int, args: argparse.Namespace) -> tuple[Any, list[Any]]:
    from bench.load_scenario import HOST_FOR_USERS, Recorder, VirtualUser

    recorder = Recorder()
    users = [
        VirtualUser(n, persona, plan, HOST_FOR_USERS, port, recorder, args.seed, tuple(args.think))
        for n, persona in enumerate(plan.personas)
    ]
    t0 = recorder.t0
    end_at = t0 + args.ramp + args.seconds
    threads = []
    for n, user in enumerate(users):
        start_at = t0 + (args.ramp * n / len(users))
        threads.append(threading.Thread(target=user.run, args=(start_at, end_at), daemon=True, name=f"user-{n}"))
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=max(0.0, end_at - time.monotonic()) + 120)
    stuck = [t.name for t in threads if t.is_alive()]
    if stuck:
        recorder.note(f"users still running 120 s after the end: {', '.join(stuck)}")
    return recorder, users


# -- figures --------------------------------------------------------------------------------------
def summarise(samples: list[Any]) -> list[dict[str, Any]]:
    kinds: dict[str, list[Any]] = {}
    for s in samples:
        kinds.setdefault(s.kind, []).append(s)
    rows = []
    for kind in sorted(kinds):
        group = kinds[kind]
        client = [s.client_ms for s in group if s.status is not None]
        server = [s.server_ms for s in group if s.server_ms is not None]
        queries = [s.queries for s in group if s.queries is not None]
        rows.append(
            {
                "kind": kind,
                "persona": group[0].persona,
                "count": len(group),
                "errors": sum(1 for s in group if s.error),
                "client_p50_ms": round(percentile(client, 0.5), 1) if client else None,
                "client_p95_ms": round(percentile(client, 0.95), 1) if client else None,
                "client_max_ms": round(max(client), 1) if client else None,
                "server_p50_ms": round(percentile(server, 0.5), 1) if server else None,
                "server_p95_ms": round(percentile(server, 0.95), 1) if server else None,
                "queries_mean": round(sum(queries) / len(queries), 1) if queries else None,
                "server_total_s": round(sum(server) / 1000, 1),
            }
        )
    return rows


def overall(samples: list[Any], args: argparse.Namespace) -> dict[str, Any]:
    client = [s.client_ms for s in samples if s.status is not None]
    server = [s.server_ms for s in samples if s.server_ms is not None]
    steady = [s for s in samples if args.ramp <= s.started < args.ramp + args.seconds]
    return {
        "requests": len(samples),
        "errors": sum(1 for s in samples if s.error),
        "throughput_rps": round(len(samples) / (args.ramp + args.seconds), 1),
        "steady_throughput_rps": round(len(steady) / args.seconds, 1),
        "client_p50_ms": round(percentile(client, 0.5), 1) if client else None,
        "client_p95_ms": round(percentile(client, 0.95), 1) if client else None,
        "client_max_ms": round(max(client), 1) if client else None,
        "server_p50_ms": round(percentile(server, 0.5), 1) if server else None,
        "server_p95_ms": round(percentile(server, 0.95), 1) if server else None,
        "server_timing": f"{len(server)} of {len(samples)}",
    }


def fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"
    return f"{value:,}"


def table(rows: list[dict[str, Any]], total: dict[str, Any]) -> str:
    lines = [
        "| request | n | errors | client p50 | p95 | max | server p50 | p95 | queries |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['kind']} | {r['count']:,} | {r['errors']} | {fmt(r['client_p50_ms'])} | {fmt(r['client_p95_ms'])} "
            f"| {fmt(r['client_max_ms'])} | {fmt(r['server_p50_ms'])} | {fmt(r['server_p95_ms'])} "
            f"| {fmt(r['queries_mean'])} |"
        )
    lines.append(
        f"| **all** | {total['requests']:,} | {total['errors']} | {fmt(total['client_p50_ms'])} "
        f"| {fmt(total['client_p95_ms'])} | {fmt(total['client_max_ms'])} | {fmt(total['server_p50_ms'])} "
        f"| {fmt(total['server_p95_ms'])} | |"
    )
    return "\n".join(lines)


def consistency(recorder: Any, plan: Any, since: dt.datetime) -> dict[str, Any]:
    """What the database holds against what the answers said was done."""
    from relais.core.models import AuditEvent
    from relais.evaluation.models import Response, ResponseStatus

    ok = Counter(s.kind for s in recorder.samples if not s.error)
    handed = plan.links.tokens[: plan.links.given]
    checks = {
        "answers sent": (
            ok["answer: send the answers (POST)"],
            Response.objects.filter(
                invitation__token__in=handed, status=ResponseStatus.SUBMITTED, submitted_at__gte=since
            ).count(),
        ),
        "attendance marks": (
            ok["attendance: mark (htmx POST)"],
            AuditEvent.objects.filter(action="attendance.recorded", at__gte=since).count(),
        ),
        "sign-ins": (
            ok["login: sign in (POST)"],
            AuditEvent.objects.filter(action="auth.login", at__gte=since).count(),
        ),
    }
    return {name: {"answers": a, "database": d, "same": a == d} for name, (a, d) in checks.items()}


def markdown(result: dict[str, Any]) -> str:
    r = result
    personas = ", ".join(f"{k} {v}" for k, v in r["facts"]["personas"].items())
    load = r["load_average"]
    head = (
        f"# Load test: size {r['size']}, {r['engine']}\n\n"
        f"{r['users']} users ({personas}), ramp {r['ramp']:g} s, then {r['seconds']:g} s; gunicorn {r['workers']} "
        f"sync workers; {r['cpu_count']} CPUs, load average {load['before']} before, {load['after']} after; "
        f"seed {r['seed']}; {r['started_at']}. CPU over the run: gunicorn {r['cpu']['server_s']} s, the load "
        f"generator {r['cpu']['generator_s']} s, the whole machine {r['cpu']['machine_busy_s']} s busy "
        f"({(r['cpu']['machine_busy_share'] or 0):.0%} of its capacity).\n\n"
        f"Requests {r['overall']['requests']:,}, errors {r['overall']['errors_all']}, throughput "
        f"{r['overall']['throughput_rps']} req/s ({r['overall']['steady_throughput_rps']} req/s once all users run). "
        "Milliseconds; server times from Server-Timing.\n\n"
    )
    body = table(r["rows"], r["overall"])
    errors = ""
    if r["error_kinds"]:
        errors = "\n\n## Errors\n\n" + "\n".join(
            f"- {e['count']} × {e['kind']}: {e['error']}" for e in r["error_kinds"]
        )
    return head + body + errors + "\n"


# -- main -----------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    url = database_url(args.size, args.database)
    search_dir = args.search_dir or database_search_dir(url)
    os.environ["RELAIS_SEARCH_DIR"] = str(search_dir)
    from bench import server as bench_server  # its SECRET_KEY before Django starts: it signs the sessions
    from bench.env import setup_django

    setup_django(url)
    from django.db import connections
    from django.utils import timezone

    from bench.generate import describe
    from bench.load_prepare import ensure_data, prepare, rebuild_index

    engine = connections["default"].vendor
    print(f"Load test at size {args.size} on {describe(url)} ({engine}): {args.users} users, ramp {args.ramp:g} s, "
          f"{args.seconds:g} s, {args.workers} workers")  # fmt: skip
    phases: dict[str, float] = {}
    clock = time.perf_counter()
    prepared = ensure_data(args.size, args.seed, args.documents)
    phases["data_s"] = round(time.perf_counter() - clock, 1)
    index = rebuild_index()
    print(f"  search index rebuilt: {index['documents']:,} documents in {index['seconds']} s")
    started_prep = time.perf_counter()
    plan = prepare(users=args.users, seconds=args.ramp + args.seconds, seed=args.seed, think=tuple(args.think))
    plan.facts.update(prepared=prepared, index=index, prepare_s=round(time.perf_counter() - started_prep, 1))
    print("  " + "; ".join(f"{k}: {v}" for k, v in plan.facts.items() if k not in ("prepared", "index")))
    connections.close_all()
    logs = ROOT / "var"
    gunicorn_log = logs / f"bench-load-{args.size}-{engine}-gunicorn.log"
    stderr_log = logs / f"bench-load-{args.size}-{engine}-stderr.log"
    marks = (size_of(gunicorn_log), size_of(stderr_log))
    since = timezone.now()
    load_before = [round(x, 2) for x in os.getloadavg()]
    srv = bench_server.Server(url, workers=args.workers, search_dir=search_dir, log=gunicorn_log)
    try:
        clock = time.perf_counter()
        with child_stderr(stderr_log):
            srv.__enter__()
        phases["server_start_s"] = round(time.perf_counter() - clock, 1)
        print(f"  gunicorn on {srv.base} (pid {srv.process.pid if srv.process else '?'})")
        clock = time.perf_counter()
        warm = warm_up(plan, srv.port, args.workers * args.warm_up, args.seed)
        phases["warm_up_s"] = round(time.perf_counter() - clock, 1)
        print(f"  warm-up: {len(warm.samples)} requests, {sum(1 for s in warm.samples if s.error)} errors")
        pids = server_pids(srv.process.pid if srv.process else 0, read_from(gunicorn_log, marks[0]))
        cpu_before = (cpu_of(pids), self_cpu(), *machine_cpu())
        recorder, users = run_users(plan, srv.port, args)
        cpu_after = (cpu_of(pids), self_cpu(), *machine_cpu())
        ends = (size_of(gunicorn_log), size_of(stderr_log))
    finally:
        srv.__exit__(None, None, None)
    load_after = [round(x, 2) for x in os.getloadavg()]
    wall = args.ramp + args.seconds
    busy, total_cpu = cpu_after[2] - cpu_before[2], cpu_after[3] - cpu_before[3]
    cpu = {
        "server_s": round(cpu_after[0] - cpu_before[0], 1),
        "generator_s": round(cpu_after[1] - cpu_before[1], 1),
        "machine_busy_s": round(busy, 1),
        "machine_busy_share": round(busy / total_cpu, 2) if total_cpu else None,
        "wall_s": wall,
    }
    master = srv.process.pid if srv.process else 0
    g_problems, g_counts = gunicorn_problems(read_from(gunicorn_log, marks[0], ends[0]), master, args.workers)
    s_errors, s_warnings = stderr_problems(read_from(stderr_log, marks[1], ends[1]))
    checks = consistency(recorder, plan, since)
    samples = recorder.samples
    rows = summarise(samples)
    total = overall(samples, args)
    kinds = Counter((s.kind, s.error) for s in [*warm.samples, *samples] if s.error)
    error_kinds = [{"kind": k, "error": e, "count": n} for (k, e), n in kinds.most_common()]
    error_kinds += [{"kind": "gunicorn log", "error": line, "count": 1} for line in g_problems]
    error_kinds += [{"kind": "workers' stderr", "error": line, "count": 1} for line in s_errors[:50]]
    error_kinds += [
        {"kind": "database check", "error": f"{name}: answers {c['answers']}, database {c['database']}", "count": 1}
        for name, c in checks.items()
        if not c["same"]
    ]
    errors = sum(e["count"] for e in error_kinds)
    result: dict[str, Any] = {
        "size": args.size,
        "engine": engine,
        "database": describe(url),
        "users": args.users,
        "seconds": args.seconds,
        "ramp": args.ramp,
        "workers": args.workers,
        "seed": args.seed,
        "think_s": args.think,
        "cpu_count": os.cpu_count(),
        "load_average": {"before": load_before, "after": load_after},
        "cpu": cpu,
        "python": platform.python_version(),
        "started_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "facts": plan.facts,
        "phases": phases,
        "actions": sum(u.actions for u in users),
        "overall": {**total, "errors_all": errors, "warm_up_requests": len(warm.samples)},
        "rows": rows,
        "error_kinds": error_kinds,
        "gunicorn": g_counts,
        "stderr_warnings": s_warnings[:50],
        "consistency": checks,
        "notes": recorder.notes,
    }
    args.results.mkdir(parents=True, exist_ok=True)
    stem = args.results / f"load-{args.size}-{engine}"
    stem.with_suffix(".json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    stem.with_suffix(".md").write_text(markdown(result))
    print()
    print(table(rows, total))
    print()
    print(
        f"{total['requests']:,} requests in {args.ramp + args.seconds:g} s: {total['throughput_rps']} req/s "
        f"({total['steady_throughput_rps']} req/s once every user runs); {result['actions']:,} actions"
    )
    print(
        f"  CPU over the run: server (gunicorn) {cpu['server_s']} s, this process {cpu['generator_s']} s, "
        f"the whole machine {cpu['machine_busy_s']} s busy ({(cpu['machine_busy_share'] or 0):.0%} of its "
        f"{os.cpu_count()} CPUs; load average {load_before} before, {load_after} after)"
    )
    for name, c in checks.items():
        print(f"  {name}: {c['answers']} answered, {c['database']} in the database")
    for note in recorder.notes:
        print(f"  note: {note}")
    if s_warnings:
        print(f"  workers' warnings: {len(s_warnings)} (first: {s_warnings[0][:100]})")
    print(f"Errors: {errors}")
    for e in error_kinds[:30]:
        print(f"  {e['count']} × {e['kind']}: {e['error'][:160]}")
    print(f"Written: {stem.with_suffix('.json')} and .md")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
