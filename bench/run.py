"""Benchmarks at a named size: medians and p95 of the list selectors, pages, design check and agenda
exports, with query counts.

    .venv/bin/python bench/run.py --size demo|L|XL [--database URL] [--repeat N]

Generates the size first when the database holds no programme. Prints a table and writes
bench/results/<size>-<engine>.json; compares each measure with the demo result of the same
engine when that file exists (ratio = time at this size / time at demo).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--size", choices=["xs", "demo", "L", "XL"], default="demo")
    parser.add_argument("--database", help="a DATABASE_URL (default: $DATABASE_URL or var/bench-<size>.sqlite3)")
    parser.add_argument("--repeat", type=int, default=10, help="timed runs per measure (default 10)")
    parser.add_argument("--seed", type=int, default=1, help="seed, when the size must be generated")
    return parser.parse_args(argv)


def ensure_data(size: str, seed: int) -> dict[str, Any] | None:
    """Migrate, and generate the size if the database holds no programme (returns the generation)."""
    from django.core.management import call_command

    from bench.gen_programmes import DOMAIN
    from bench.generate import generate
    from bench.sizes import SIZES
    from relais.accounts.models import User
    from relais.design.models import ActivityDesign
    from relais.programmes.models import Programme

    call_command("migrate", interactive=False, verbosity=0)
    existing = Programme.objects.count()
    if existing and not User.objects.filter(email__endswith=f"@{DOMAIN}").exists():
        raise SystemExit("This database holds programmes that bench/generate.py did not make: not touched.")
    if existing:
        if existing != SIZES[size].programmes:
            raise SystemExit(
                f"This database holds {existing} programmes, not the {SIZES[size].programmes} of size {size}:"
                " use another --database, or bench/generate.py --reset."
            )
        if not ActivityDesign.objects.exists():
            raise SystemExit(
                "This database was generated before the designs step existed:"
                f" regenerate it with bench/generate.py --size {size} --reset."
            )
        return None
    print(f"Empty database: generating size {size} (seed {seed})…")
    result = generate(size=size, seed=seed, out=sys.stdout)
    return {"seed": seed, "seconds": round(result.total_seconds, 1), "steps": result.seconds}


def counts() -> dict[str, int]:
    from relais.accounts.models import User
    from relais.core.models import AuditEvent
    from relais.design.models import ActivityDesign, AgendaModule, SeatQuota
    from relais.programmes.models import Indicator, IndicatorValue, Programme, ProgrammeRole

    return {
        "programmes": Programme.objects.count(),
        "users": User.objects.count(),
        "programme_roles": ProgrammeRole.objects.count(),
        "indicators": Indicator.objects.count(),
        "indicator_values": IndicatorValue.objects.count(),
        "designs": ActivityDesign.objects.count(),
        "replications": ActivityDesign.objects.filter(replicated_from__isnull=False).count(),
        "designs_failing": ActivityDesign.objects.filter(check_passed=False).count(),
        "agenda_modules": AgendaModule.objects.count(),
        "seat_quotas": SeatQuota.objects.count(),
        "audit_events": AuditEvent.objects.count(),
    }


def load_baseline(path: Path) -> dict[str, float]:
    if not path.exists():
        return {}
    data = json.loads(path.read_text())
    return {name: m["median_ms"] for name, m in data["measures"].items()}


def table(measures: dict[str, dict[str, Any]]) -> str:
    lines = [f"{'measure':<32} {'median ms':>10} {'p95 ms':>9} {'queries':>8} {'SQL ms':>8} {'× demo':>7}"]
    for name, m in measures.items():
        ratio = f"{m['ratio_to_demo']:.2f}" if m.get("ratio_to_demo") is not None else "—"
        lines.append(
            f"{name:<32} {m['median_ms']:>10.1f} {m['p95_ms']:>9.1f} {m['queries']:>8} {m['sql_ms']:>8.1f} {ratio:>7}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from bench.env import RESULTS, database_url, setup_django
    from bench.generate import describe

    args = parse_args(argv)
    url = database_url(args.size, args.database)
    setup_django(url)
    import django
    from django.db import connection

    from bench.measures import build, describe_targets, personas, targets, time_measure

    print(f"Benchmark at size {args.size} on {describe(url)}")
    generated = ensure_data(args.size, args.seed)
    engine = connection.vendor
    admin, coordinator = personas()
    baseline = {} if args.size == "demo" else load_baseline(RESULTS / f"demo-{engine}.json")
    measures: dict[str, dict[str, Any]] = {}
    for measure in build(admin, coordinator):
        timing = time_measure(measure, args.repeat)
        demo_ms = baseline.get(measure.name)
        measures[measure.name] = {
            "description": measure.description,
            "median_ms": round(timing.median_ms, 2),
            "p95_ms": round(timing.p95_ms, 2),
            "queries": timing.queries,
            "sql_ms": round(timing.sql_ms, 2),
            "slowest_sql": timing.slowest_sql,
            "ratio_to_demo": round(timing.median_ms / demo_ms, 2) if demo_ms else None,
        }
        print(f"  {measure.name:<32} {timing.median_ms:8.1f} ms", flush=True)
    result = {
        "size": args.size,
        "engine": engine,
        "database": describe(url),
        "repeat": args.repeat,
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "django": django.get_version(),
        "cpus": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],  # other work on the machine skews timings
        "generated": generated,
        "counts": counts(),
        "targets": describe_targets(targets()),
        "measures": measures,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{args.size}-{engine}.json"
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print()
    print(table(measures))
    print(f"\nCounts: {result['counts']}\nTargets: {result['targets']}")
    print(f"Written to {path.relative_to(RESULTS.parent.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
