"""Deterministic data generator for the named sizes of DESIGN.md §6 (and `xs`, for tests).

    .venv/bin/python bench/generate.py --size L [--seed 1] [--database URL] [--reset] [--audit-events N]

The target database (default: var/bench-<size>.sqlite3, or $DATABASE_URL when set) is migrated
first; the generator refuses to write where programmes already exist unless --reset (flush).
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import time
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


@dataclass
class Generated:
    size: str
    seed: int
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)  # per step

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())


def generate(
    *,
    size: str,
    seed: int = 1,
    out: TextIO | None = None,
    audit_events: int | None = None,
    steps: Collection[str] | None = None,
) -> Generated:
    """Write the data set of this size into the default database (already migrated, holding no
    programme). Each step runs in its own transaction. Deterministic for a (size, seed) pair (but
    for the API tokens' secrets, and the real clock in the publications' files).

    `audit_events` overrides the size's number of audit events (to study the other tables at XL
    without writing ten million events first). `steps`: only these steps, by name (the test skips
    the slow ones where it does not look at them); a step may read what an earlier one left."""
    import dataclasses

    from django.db import transaction

    from bench.context import Context
    from bench.sizes import SIZES
    from bench.sql import analyse
    from bench.steps import STEPS
    from relais.programmes.models import Programme

    unknown = set(steps or ()) - {step.name for step in STEPS}
    if unknown:
        raise ValueError(f"unknown steps: {', '.join(sorted(unknown))}")
    if Programme.objects.exists():
        raise RuntimeError("The database already holds programmes.")
    chosen = SIZES[size]
    if audit_events is not None:
        chosen = dataclasses.replace(chosen, audit_events=audit_events)
    ctx = Context(size=chosen, seed=seed, out=out)
    result = Generated(size=size, seed=seed)
    for step in STEPS:
        if steps is not None and step.name not in steps:
            continue
        started = time.perf_counter()
        with transaction.atomic():
            step.run(ctx)
        result.seconds[step.name] = time.perf_counter() - started
        ctx.say(f"  {step.name:<14} {result.seconds[step.name]:7.1f} s")
    started = time.perf_counter()
    analyse()
    result.seconds["analyse"] = time.perf_counter() - started
    result.counts = dict(ctx.counts)
    return result


def prepare_database(*, reset: bool, out: TextIO, url: str | None = None) -> None:
    """Migrate; refuse a database that holds programmes unless reset, which flushes it (then loads
    what the migrations load) — and removes the database's own files and search index
    (bench.env.media_dir, search_dir; not directories set in the environment)."""
    from django.core.management import call_command

    from bench.env import media_dir, search_dir
    from relais.programmes.models import Programme

    call_command("migrate", interactive=False, verbosity=0)
    if Programme.objects.exists():
        if not reset:
            raise SystemExit("The database already holds programmes: pass --reset to flush it first.")
        out.write("Flushing the database (--reset)…\n")
        call_command("flush", interactive=False, verbosity=0)
        # flush empties the tables the migrations filled too: the reference data, the design rules'
        # settings and the standard questionnaire items — as a new database has them
        call_command("load_reference", stdout=io.StringIO())
        call_command("sync_design_rules", "--no-recheck", stdout=io.StringIO())
        from relais.evaluation.standard_items import load_standard_items

        load_standard_items()
        if url is not None:
            for own, variable in ((media_dir(url), "MEDIA_ROOT"), (search_dir(url), "RELAIS_SEARCH_DIR")):
                if os.environ.get(variable) == str(own) and own.is_dir():
                    shutil.rmtree(own)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    from bench.sizes import SIZES

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--size", choices=list(SIZES), default="demo")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database", help="a DATABASE_URL (default: var/bench-<size>.sqlite3)")
    parser.add_argument("--reset", action="store_true", help="flush the database first")
    parser.add_argument(
        "--audit-events", type=int, help="instead of the size's number of audit events (e.g. XL's designs, quickly)"
    )
    return parser.parse_args(argv)


def describe(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        credentials, host = rest.rsplit("@", 1)
        return f"{scheme}://{credentials.split(':', 1)[0]}@{host}"
    return url


def main(argv: list[str] | None = None) -> int:
    from bench.env import database_url, setup_django

    args = parse_args(argv)
    url = database_url(args.size, args.database)
    setup_django(url)
    out = sys.stdout
    out.write(f"Generating size {args.size} (seed {args.seed}) into {describe(url)}\n")
    prepare_database(reset=args.reset, out=out, url=url)
    result = generate(size=args.size, seed=args.seed, out=out, audit_events=args.audit_events)
    for label, n in result.counts.items():
        out.write(f"  {label:<46} {n:>12,}\n")
    out.write(f"Done in {result.total_seconds:.1f} s.\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
