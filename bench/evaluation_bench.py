"""Evaluation's results pages at a named size (issue 5, Performance): the session results page and the
programme results page (by group, filtered, as htmx partial, as CSV), the item analysis of a test —
p50 and p95 over --repeat requests (at least 30), with their query counts. Target: p95 under 300 ms.

    .venv/bin/python bench/evaluation_bench.py --size L [--database URL] [--repeat 30]

The database is --database, else $DATABASE_URL, else var/bench-<size>.sqlite3; it is generated first
when it holds no programme (bench/generate.py). Pages go through Django's test Client with a forced
login and DEBUG off, as in bench/run.py. Prints a table and writes
bench/results/evaluation-<size>-<engine>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import sys
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGET_P95_MS = 300.0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--size", choices=["xs", "demo", "L", "XL"], default="L")
    parser.add_argument("--database", help="a DATABASE_URL (default: $DATABASE_URL or var/bench-<size>.sqlite3)")
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per measure (default 30)")
    parser.add_argument("--seed", type=int, default=1, help="seed, when the size must be generated")
    return parser.parse_args(argv)


def targets() -> dict[str, Any]:
    """The programme with the most submitted responses, its largest session (most responses), the
    coordinator of that session's country, the programme's viewer, and the session's pre-test."""
    from django.db.models import Count

    from bench.stats import most_frequent
    from relais.delivery.models import Session
    from relais.evaluation.models import Questionnaire, QuestionnaireKind, Response, ResponseStatus
    from relais.programmes.models import ProgrammeRole, Role

    submitted = Response.objects.filter(status=ResponseStatus.SUBMITTED).order_by()
    programme_id = most_frequent(submitted, "programme_id")
    if programme_id is None:
        raise SystemExit("No evaluation data in this database: regenerate it with bench/generate.py --reset.")
    largest = (
        submitted.filter(programme_id=programme_id)
        .values("session_id", "session__country_id")
        .annotate(n=Count("id"))
        .order_by("-n", "session_id")
        .values_list("session_id", "session__country_id")
        .first()
    )
    assert largest is not None
    session_id, country_id = largest
    coordinator = (
        ProgrammeRole.objects.filter(programme_id=programme_id, role=Role.COORDINATOR, countries=country_id)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    viewer = ProgrammeRole.objects.filter(programme_id=programme_id, role=Role.VIEWER).select_related("user").first()
    test = Questionnaire.objects.filter(session_id=session_id, kind=QuestionnaireKind.PRE_TEST).first()
    assert coordinator is not None and viewer is not None
    return {
        "session": session_id,
        "programme": programme_id,
        "country": country_id,
        "coordinator": coordinator.user,
        "viewer": viewer.user,
        "test": test.pk if test else None,
        "session_end": Session.objects.get(pk=session_id).end_date,
    }


def describe(t: dict[str, Any]) -> dict[str, Any]:
    from relais.delivery.models import Session
    from relais.evaluation.models import Answer, LearningScore, Response

    return {
        "session": t["session"],
        "session_responses": Response.objects.filter(session_id=t["session"]).count(),
        "session_answers": Answer.objects.filter(response__session_id=t["session"]).count(),
        "programme": t["programme"],
        "programme_sessions": Session.objects.filter(programme_id=t["programme"]).count(),
        "programme_responses": Response.objects.filter(programme_id=t["programme"]).count(),
        "programme_learning_scores": LearningScore.objects.filter(programme_id=t["programme"]).count(),
        "responses": Response.objects.count(),
        "answers": Answer.objects.count(),
        "learning_scores": LearningScore.objects.count(),
    }


def build(t: dict[str, Any]) -> list[Any]:
    from django.test import Client

    from bench.measures import Measure, _page, personas
    from relais.evaluation import charts

    admin, _first_coordinator = personas()
    clients = {}
    for name, user in (("admin", admin), ("coordinator", t["coordinator"]), ("viewer", t["viewer"])):
        clients[name] = Client()
        clients[name].force_login(user)
    session = f"/sessions/{t['session']}/results/"
    programme = f"/evaluation/programmes/{t['programme']}/results/"
    htmx = Client(headers={"HX-Request": "true"})
    htmx.force_login(admin)
    year = t["session_end"].year
    period = f"date_from={year}-01-01&date_to={year}-12-31"  # the largest session's year
    measures = [
        Measure("session results (largest) admin", _page(clients["admin"], session), "levels 1–4, items, objectives"),
        Measure("session results (largest) coordinator", _page(clients["coordinator"], session), "its country's"),
        Measure("programme results by country admin", _page(clients["admin"], programme), "default grouping"),
        Measure(
            "programme results by session admin",
            _page(clients["admin"], f"{programme}?by=session"),
            "one row a session",
        ),
        Measure(
            "programme results by theme admin", _page(clients["admin"], f"{programme}?by=theme"), "themes of designs"
        ),
        Measure(
            "programme results filtered admin",
            _page(clients["admin"], f"{programme}?by=profession&{period}&country={t['country']}"),
            "period + participants' country, by profession",
        ),
        Measure(
            "programme results htmx partial",
            _page(htmx, f"{programme}?by=design"),
            "the swapped part, grouped by design",
        ),
        Measure(
            "programme results coordinator", _page(clients["coordinator"], f"{programme}?by=session"), "own country"
        ),
        Measure("programme results viewer", _page(clients["viewer"], f"{programme}?by=profession"), "suppression"),
        Measure(
            "programme results CSV admin",
            _page(clients["admin"], f"/evaluation/programmes/{t['programme']}/results.csv?by=session"),
            "export",
        ),
        Measure(
            "programme results, charts not cached",
            _page(clients["admin"], f"{programme}?by=profession"),
            "each run renders its three charts (vl-convert)",
            after=charts._cache.clear,
        ),
    ]
    if t["test"]:
        measures.append(
            Measure(
                "item analysis (largest pre-test)", _page(clients["admin"], f"/questionnaires/{t['test']}/analysis/")
            )
        )
    return measures


def main(argv: list[str] | None = None) -> int:
    from bench.env import RESULTS, database_url, setup_django

    args = parse_args(argv)
    if args.repeat < 30:
        raise SystemExit("--repeat: at least 30 requests per measure (p95)")
    url = database_url(args.size, args.database)
    setup_django(url)
    from django.db import connection

    from bench.generate import describe as describe_url
    from bench.measures import time_measure
    from bench.run import ensure_data

    print(f"Evaluation pages at size {args.size} on {describe_url(url)} ({connection.vendor})")
    ensure_data(args.size, args.seed)
    t = targets()
    facts = describe(t)
    print("  " + ", ".join(f"{k} {v:,}" for k, v in facts.items()))
    rows = []
    print(f"{'measure':<44} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'SQL ms':>8}")
    for measure in build(t):
        timing = time_measure(measure, args.repeat)
        ok = timing.p95_ms < TARGET_P95_MS
        rows.append(
            {
                "name": timing.name,
                "queries": timing.queries,
                "p50_ms": round(timing.median_ms, 1),
                "p95_ms": round(timing.p95_ms, 1),
                "sql_ms": round(timing.sql_ms, 1),
                "slowest_sql": timing.slowest_sql,
                "under_target": ok,
            }
        )
        print(
            f"{timing.name:<44} {timing.queries:>7} {timing.median_ms:>8.1f} {timing.p95_ms:>8.1f} "
            f"{timing.sql_ms:>8.1f}{'' if ok else '   over 300 ms'}"
        )
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"evaluation-{args.size}-{connection.vendor}.json"
    out.write_text(
        json.dumps(
            {
                "size": args.size,
                "engine": connection.vendor,
                "repeat": args.repeat,
                "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "python": platform.python_version(),
                "targets": facts,
                "measures": rows,
            },
            indent=2,
        )
    )
    print(f"Written to {out}")
    return 0 if all(r["under_target"] for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
