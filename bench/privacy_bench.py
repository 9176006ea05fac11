"""Personal data at a named size (issue 10): a person's data export, anonymisation, the retention rule
over everyone, the retention preview page, backup and restore of the whole site, and pseudonyms.

    .venv/bin/python bench/privacy_bench.py --size L [--database URL] [--people 20] [--repeat 3]
                                            [--skip-backup]

The database is --database, else $DATABASE_URL, else var/bench-<size>.sqlite3; it is generated first
when it holds no programme (bench/generate.py). Nothing in it changes:
- export and anonymisation run on the --people people with the most registrations (then answers),
  each anonymisation in a transaction rolled back;
- the retention measures run in one transaction rolled back, after giving every programme a period
  (24, 36, 48 or 60 months in turn, by programme number) so that a realistic share of people is due;
  the real `apply_retention` (not --dry-run) runs there too, for everyone due;
- backup and restore work on a COPY of the database (SQLite: the file copied; PostgreSQL: CREATE
  DATABASE … TEMPLATE): `manage.py backup` of the copy and the media files, then `manage.py restore
  --no-input` of that archive into the copy (media files and search index in a temporary folder),
  both as subprocesses, timed end to end; the copy and the archive are deleted afterwards.
Writes bench/results/privacy-<size>-<engine>.json and .md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.stats import percentile

PERIODS = (24, 36, 48, 60)  # months, given to the programmes in turn


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--size", choices=["xs", "demo", "L", "XL"], default="demo")
    parser.add_argument("--database", help="a DATABASE_URL (default: $DATABASE_URL or var/bench-<size>.sqlite3)")
    parser.add_argument("--people", type=int, default=20, help="people exported and anonymised (default 20)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each retention measure (default 3)")
    parser.add_argument("--seed", type=int, default=1, help="seed, when the size must be generated")
    parser.add_argument("--skip-backup", action="store_true", help="no backup / restore (they copy the database)")
    return parser.parse_args(argv)


def _stats(ms: list[float]) -> dict[str, float]:
    return {"p50_ms": round(statistics.median(ms), 1), "p95_ms": round(percentile(ms, 0.95), 1), "n": len(ms)}


def _timed(fn: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    result = fn()
    return 1000 * (time.perf_counter() - started), result


def _counted(fn: Any) -> tuple[float, int, Any]:
    from django.db import connection

    count = 0

    def counter(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    # (not CaptureQueriesContext: its log keeps 9,000 queries, apply_retention runs more)
    with connection.execute_wrapper(counter):
        ms, result = _timed(fn)
    return ms, count, result


def busiest_people(count: int) -> list[tuple[Any, int, int]]:
    """The `count` people with the most registrations, then the most answers (of the 10 × count with
    the most registrations), then the lowest number; not anonymised: (person, registrations, answers)."""
    from django.db.models import Count

    from relais.delivery.models import Person
    from relais.evaluation.models import Answer

    candidates = list(
        Person.objects.filter(anonymised_at__isnull=True)
        .annotate(n=Count("registrations"))
        .order_by("-n", "pk")
        .values_list("pk", "n")[: 10 * count]
    )
    answers = dict(
        Answer.objects.filter(response__registration__person_id__in=[pk for pk, _n in candidates])
        .values("response__registration__person_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("response__registration__person_id", "n")
    )
    ranked = sorted(candidates, key=lambda row: (-row[1], -answers.get(row[0], 0), row[0]))[:count]
    people = Person.objects.in_bulk([pk for pk, _n in ranked])
    return [(people[pk], n, answers.get(pk, 0)) for pk, n in ranked]


def measure_export(people: list[Any]) -> dict[str, Any]:
    from relais.delivery.personal_data_export import person_data_zip

    person_data_zip(people[-1], language="en")  # warm-up: the first Typst build of the process loads fonts
    runs, sizes, queries = [], [], []
    for person in people:
        ms, n, data = _counted(lambda p=person: person_data_zip(p, language="en"))
        runs.append(ms)
        sizes.append(len(data))
        queries.append(n)
    return {
        **_stats(runs),
        "queries_max": max(queries),
        "zip_bytes_median": int(statistics.median(sizes)),
        "zip_bytes_max": max(sizes),
    }


def measure_anonymise(people: list[Any]) -> dict[str, Any]:
    from django.db import transaction

    from relais.delivery.models import Person
    from relais.delivery.services_anonymise import person_anonymise

    runs, queries = [], []
    for person in people:
        with transaction.atomic():
            fresh = Person.objects.get(pk=person.pk)
            ms, n, _ = _counted(lambda p=fresh: person_anonymise(actor=None, person=p, reason="request"))
            transaction.set_rollback(True)
        runs.append(ms)
        queries.append(n)
    assert not Person.objects.filter(pk__in=[p.pk for p in people], anonymised_at__isnull=False).exists()
    return {**_stats(runs), "queries_median": int(statistics.median(queries)), "queries_max": max(queries)}


def _manager_of(programme_id: int) -> Any:
    from relais.programmes.models import ProgrammeRole, Role

    role = (
        ProgrammeRole.objects.filter(programme_id=programme_id, role=Role.MANAGER, user__is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if role is None:
        raise SystemExit(f"No active manager for programme {programme_id}.")
    return role.user


def measure_retention(repeat: int) -> dict[str, Any]:
    """Everything in one transaction, rolled back: the periods, then the selectors, the page, the command."""
    from django.core.management import call_command
    from django.db import transaction
    from django.test import Client
    from django.utils import timezone

    from relais.delivery.models import Person
    from relais.delivery.selectors_retention import due_people, programme_retention
    from relais.programmes.models import Programme

    today = timezone.localdate()
    out: dict[str, Any] = {"today": today.isoformat(), "periods_months": list(PERIODS)}
    with transaction.atomic():
        programmes = list(Programme.objects.order_by("pk"))
        for programme in programmes:
            programme.retention_months = PERIODS[programme.pk % len(PERIODS)]
        Programme.objects.bulk_update(programmes, ["retention_months"])
        out["people"] = Person.objects.filter(anonymised_at__isnull=True).count()
        before = Person.objects.filter(anonymised_at__isnull=False).count()

        runs: list[float] = []
        previews: dict[int, Any] = {}
        for _ in range(repeat):
            ms, n, previews = _counted(
                lambda: {p.pk: programme_retention(programme=p, today=today) for p in programmes}
            )
            runs.append(ms)
        per_programme = list(previews.values())
        out["preview_every_programme"] = {**_stats(runs), "queries": n, "programmes": len(programmes)}
        out["due_now_sum"] = sum(len(p.due_now) for p in per_programme)
        out["due_soon_sum"] = sum(len(p.due_soon) for p in per_programme)

        runs = []
        for _ in range(repeat):
            ms, n, due = _counted(lambda: due_people(today=today))
            runs.append(ms)
        out["due_people_all"] = {**_stats(runs), "queries": n}
        out["due_now"] = len(due)

        runs = []
        for _ in range(repeat):
            ms, n, _ = _counted(lambda: call_command("apply_retention", "--dry-run", stdout=io.StringIO()))
            runs.append(ms)
        out["apply_dry_run"] = {**_stats(runs), "queries": n}

        busiest = max(previews, key=lambda pk: (len(previews[pk].due_now), -pk))
        client = Client()
        client.force_login(_manager_of(busiest))
        url = f"/programmes/{busiest}/retention/"

        def page() -> Any:
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"GET {url} answered {response.status_code}")
            return response

        _, n, response = _counted(page)  # warm-up, counted
        runs = [_timed(page)[0] for _ in range(max(10, repeat))]
        out["page"] = {
            **_stats(runs),
            "queries": n,
            "programme": busiest,
            "due_now": len(previews[busiest].due_now),
            "due_soon": len(previews[busiest].due_soon),
            "bytes": len(response.content),
        }

        stdout = io.StringIO()
        ms, n, _ = _counted(lambda: call_command("apply_retention", stdout=stdout))
        done = Person.objects.filter(anonymised_at__isnull=False).count() - before
        out["apply"] = {
            "ms": round(ms, 1),
            "queries": n,
            "anonymised": done,
            "people_per_s": round(done / (ms / 1000), 1) if ms else None,
            "queries_per_person": round(n / done, 1) if done else None,
            "last_line": stdout.getvalue().strip().splitlines()[-1:],
        }
        transaction.set_rollback(True)
    assert Person.objects.filter(anonymised_at__isnull=True).count() == out["people"], "not rolled back"
    return out


def measure_pseudonym(calls: int = 100_000) -> dict[str, Any]:
    from relais.core.pseudonyms import pseudonym

    started = time.perf_counter()
    for i in range(calls):
        pseudonym(i)
    return {"us_per_call": round(1e6 * (time.perf_counter() - started) / calls, 2), "calls": calls}


def _manage(args: list[str], env: dict[str, str]) -> float:
    from bench.env import ROOT

    started = time.perf_counter()
    command = [sys.executable, str(ROOT / "manage.py"), *args]
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603 - our own manage.py
    return time.perf_counter() - started


def _pg_admin(url_parts: Any, statement: str) -> None:
    import psycopg

    with psycopg.connect(
        host=url_parts.hostname,
        port=url_parts.port or 5432,
        user=url_parts.username,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        conn.execute(statement.encode())


def measure_backup(url: str) -> dict[str, Any]:
    """backup and restore --no-input on a copy of the database (never the original)."""
    from urllib.parse import urlsplit

    from django.db import connection, connections

    from bench.env import ROOT, media_dir

    work = ROOT / "var" / f"bench-privacy-{os.getpid()}"
    work.mkdir()
    parts = urlsplit(url)
    out: dict[str, Any] = {}
    copy_name = None
    try:
        started = time.perf_counter()
        if connection.vendor == "sqlite":
            copy = work / "copy.sqlite3"
            source = sqlite3.connect(f"file:{connection.settings_dict['NAME']}?mode=ro", uri=True)
            target = sqlite3.connect(copy)
            source.backup(target)
            source.close()
            target.close()
            copy_url = f"sqlite:///{copy}"
        else:
            original = parts.path.lstrip("/")
            copy_name = f"{original}_privacy_{os.getpid()}"
            connections.close_all()  # TEMPLATE needs nobody connected to the original
            _pg_admin(parts, f'CREATE DATABASE "{copy_name}" TEMPLATE "{original}"')
            copy_url = parts._replace(path=f"/{copy_name}").geturl()
        out["copy_s"] = round(time.perf_counter() - started, 1)
        archive = work / "backup.tar.gz"
        env = {**os.environ, "DATABASE_URL": copy_url, "MEDIA_ROOT": str(media_dir(url))}
        env["RELAIS_SEARCH_DIR"] = str(work / "search")
        out["backup_s"] = round(_manage(["backup", "--file", str(archive)], env), 1)
        out["archive_bytes"] = archive.stat().st_size
        media = media_dir(url)
        out["media_bytes"] = sum(f.stat().st_size for f in media.rglob("*") if f.is_file()) if media.is_dir() else 0
        env["MEDIA_ROOT"] = str(work / "media")
        out["restore_s"] = round(_manage(["restore", str(archive), "--no-input"], env), 1)
    finally:
        if copy_name is not None:
            _pg_admin(parts, f'DROP DATABASE IF EXISTS "{copy_name}"')
        shutil.rmtree(work, ignore_errors=True)
    return out


def markdown(result: dict[str, Any]) -> str:
    e, a, r = result["export"], result["anonymise"], result["retention"]
    t = result["targets"]
    lines = [
        f"# Personal data at size {result['size']} on {result['engine']}",
        "",
        f"{result['when']}, Python {result['python']}, {result['cpus']} CPUs, load average "
        f"{result['load_average']['start'][0]} → {result['load_average']['end'][0]}. "
        f"{t['people']} people with {t['registrations_min']}–{t['registrations_max']} registrations and "
        f"{t['answers_min']}–{t['answers_max']} answers; {r['people']:,} people not anonymised; retention periods "
        f"{', '.join(map(str, r['periods_months']))} months in turn; today {r['today']}.",
        "",
        "| measure | p50 | p95 | queries | other |",
        "|---|---:|---:|---:|---|",
        f"| export (ZIP: JSON + PDF), one person | {e['p50_ms']:.0f} ms | {e['p95_ms']:.0f} ms | ≤ {e['queries_max']} "
        f"| ZIP {e['zip_bytes_median'] / 1024:.0f} KB median, {e['zip_bytes_max'] / 1024:.0f} KB max |",
        f"| anonymise one person (rolled back) | {a['p50_ms']:.0f} ms | {a['p95_ms']:.0f} ms | {a['queries_median']} "
        f"(≤ {a['queries_max']}) | |",
        f"| retention preview of every programme (selector × {r['preview_every_programme']['programmes']}) "
        f"| {r['preview_every_programme']['p50_ms']:.0f} ms | {r['preview_every_programme']['p95_ms']:.0f} ms "
        f"| {r['preview_every_programme']['queries']} | {r['due_now_sum']:,} due now, {r['due_soon_sum']:,} "
        "in 30 days (summed over programmes) |",
        f"| due_people, everyone | {r['due_people_all']['p50_ms']:.0f} ms | {r['due_people_all']['p95_ms']:.0f} ms "
        f"| {r['due_people_all']['queries']} | {r['due_now']:,} people due |",
        f"| `apply_retention --dry-run` | {r['apply_dry_run']['p50_ms']:.0f} ms "
        f"| {r['apply_dry_run']['p95_ms']:.0f} ms "
        f"| {r['apply_dry_run']['queries']} | |",
        f"| `apply_retention` (rolled back) | {r['apply']['ms'] / 1000:.1f} s | | {r['apply']['queries']:,} "
        f"| {r['apply']['anonymised']:,} people, {r['apply']['people_per_s']} people/s, "
        f"{r['apply']['queries_per_person']} queries each |",
        f"| retention page, manager (programme {r['page']['programme']}) | {r['page']['p50_ms']:.0f} ms "
        f"| {r['page']['p95_ms']:.0f} ms | {r['page']['queries']} | {r['page']['due_now']:,} due now, "
        f"{r['page']['due_soon']:,} soon |",
    ]
    b = result.get("backup")
    if b:
        lines += [
            f"| `manage.py backup` (database + media) | {b['backup_s']:.1f} s | | | archive "
            f"{b['archive_bytes'] / 1e6:,.0f} MB (media {b['media_bytes'] / 1e6:,.0f} MB) |",
            f"| `manage.py restore --no-input` into a copy | {b['restore_s']:.1f} s | | | includes search_reindex |",
        ]
    lines.append(f"| pseudonym() | {result['pseudonym']['us_per_call']} µs | | 0 | per call |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    from bench.env import RESULTS, database_url, setup_django

    args = parse_args(argv)
    url = database_url(args.size, args.database)
    setup_django(url)
    from django.db import connection

    from bench.generate import describe as describe_url
    from bench.run import ensure_data

    load_start = [round(x, 2) for x in os.getloadavg()]
    print(f"Personal data at size {args.size} on {describe_url(url)} ({connection.vendor})")
    ensure_data(args.size, args.seed)
    engine = connection.vendor
    chosen = busiest_people(args.people)
    people = [person for person, _r, _a in chosen]
    result: dict[str, Any] = {
        "size": args.size,
        "engine": engine,
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "targets": {
            "people": len(people),
            "registrations_min": min(r for _p, r, _a in chosen),
            "registrations_max": max(r for _p, r, _a in chosen),
            "answers_min": min(a for _p, _r, a in chosen),
            "answers_max": max(a for _p, _r, a in chosen),
        },
    }
    steps: list[tuple[str, Callable[[], dict[str, Any]]]] = [
        ("export", lambda: measure_export(people)),
        ("anonymise", lambda: measure_anonymise(people)),
        ("retention", lambda: measure_retention(args.repeat)),
        ("pseudonym", measure_pseudonym),
    ]
    if not args.skip_backup:
        steps.append(("backup", lambda: measure_backup(url)))
    for name, step in steps:
        started = time.perf_counter()
        result[name] = step()
        print(f"  {name:<10} {time.perf_counter() - started:7.1f} s  {json.dumps(result[name], default=str)}")
    result["load_average"] = {"start": load_start, "end": [round(x, 2) for x in os.getloadavg()]}
    RESULTS.mkdir(exist_ok=True)
    stem = RESULTS / f"privacy-{args.size}-{engine}"
    stem.with_suffix(".json").write_text(json.dumps(result, indent=2, default=str))
    text = markdown(result)
    stem.with_suffix(".md").write_text(text)
    print()
    print(text)
    print(f"Written: {stem.with_suffix('.json')} and .md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
