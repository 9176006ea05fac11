"""Duplicate detection at 75,000 people: find_matches (one name, as an import row or a new record)
and duplicate_pairs (the duplicates page), plus the people search, in a database of its own.

    .venv/bin/python bench/people_bench.py [--engine sqlite|postgres] [--people 75000] [--probes 400]

SQLite: a file under var/ made and deleted by the script. PostgreSQL (127.0.0.1:5432, user postgres,
or $PGHOST/$PGUSER): a database relais_people_bench_<pid> created and dropped by the script.
Prints medians and 95th percentiles in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.env import ROOT, setup_django

SYLLABLES = [
    "ra", "do", "mi", "lo", "ka", "te", "no", "vi", "sa", "pe", "ru", "ni",
    "bo", "za", "li", "to", "ma", "ve", "go", "ha", "se", "di", "ko", "lu",
]  # fmt: skip
SUFFIXES = {
    "AL": ["aj", "i", "a", "ri"], "XK": ["aj", "i", "iu", "qi"], "BA": ["ić", "ović", "agić"],
    "RS": ["ić", "ović", "ević"], "ME": ["ović", "ić", "ević"], "HR": ["ić", "ec", "ović"],
    "BG": ["ov", "ev", "ski"], "MK": ["ovski", "evski", "ov"], "RO": ["escu", "eanu", "u"],
    "MD": ["escu", "u", "ari"], "HU": ["os", "i", "ó"], "AT": ["er", "ner", "mann"],
    "CZ": ["ák", "ek", "ský"], "IT": ["ini", "etti", "ano", "i"], "NL": ["sma", "inga", "ens"],
}  # fmt: skip


def _ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"median {statistics.median(ordered) * 1000:7.2f} ms   p95 {p95 * 1000:7.2f} ms   (n={len(ordered)})"


def _timed(fn: Callable[[], Any], repeat: int) -> tuple[list[float], Any]:
    samples, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - start)
    return samples, result


def generate(n: int, rng: random.Random) -> None:
    from relais.core.models import Country, Profession
    from relais.delivery.demo_people import COUNTRIES, _forms
    from relais.delivery.models import Person
    from relais.delivery.names import name_key
    from relais.programmes.models import Organisation

    countries = {c.code: c for c in Country.objects.filter(code__in=COUNTRIES)}
    professions = list(Profession.objects.all())
    organisations: dict[str, list[Organisation]] = {}
    for code, country in countries.items():
        organisations[code] = Organisation.objects.bulk_create(
            [
                Organisation(name=f"Agency {code} {i}", country=country, sector="public", kind="police")
                for i in range(40)
            ]
        )
    share = n // len(COUNTRIES)
    people = []
    for code, (_n, _langs, _phone, women, men, lasts) in COUNTRIES.items():
        for i in range(share):
            woman = rng.random() < 0.5
            first = rng.choice((women if woman else men).split())
            if rng.random() < 0.3:
                last = rng.choice(_forms(lasts, woman))
            else:
                stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
                last = (stem + rng.choice(SUFFIXES[code])).capitalize()
            email = f"p{code.lower()}{i}@agency.example.{code.lower()}"
            people.append(
                Person(
                    first_name=first,
                    last_name=last,
                    name_key=name_key(first, last),
                    country=countries[code],
                    organisation=rng.choice(organisations[code]) if rng.random() < 0.8 else None,
                    profession=rng.choice(professions),
                    email=email,
                )
            )
    Person.objects.bulk_create(people, batch_size=2000)


def probes(count: int, rng: random.Random) -> list[tuple[str, dict[str, Any], int]]:
    """(kind, find_matches arguments, id of the record it should find or 0) for sampled people."""
    from relais.delivery.models import Person

    ids = list(Person.objects.values_list("id", flat=True))
    sample = Person.objects.in_bulk(rng.sample(ids, count))
    out = []
    for i, person in enumerate(sample.values()):
        args = {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": "",
            "country_id": person.country_id,
            "organisation_id": None,
        }
        kind = ("same name", "typo in last name", "reordered", "e-mail only", "new person")[i % 5]
        expected = person.pk
        if kind == "typo in last name":
            last = person.last_name
            if len(last) < 6:
                kind = "same name"
            else:
                j = rng.randrange(1, len(last) - 1)
                args["last_name"] = last[:j] + last[j + 1 :]
        elif kind == "reordered":
            args["first_name"], args["last_name"] = person.last_name, person.first_name
        elif kind == "e-mail only":
            args.update(first_name="Someone", last_name="Else", email=person.email.upper(), country_id=None)
        elif kind == "new person":
            args["last_name"] = "Zzyzx" + str(i)
            expected = 0
        out.append((kind, args, expected))
    return out


def run(engine: str, n: int, probe_count: int, explain: bool) -> None:
    from django.core.management import call_command
    from django.db import connection

    from relais.delivery.duplicates import CANDIDATE_FIELDS, Candidate, duplicate_pairs, find_matches, match_query
    from relais.delivery.models import Person
    from relais.delivery.selectors_people import _name_or_email

    call_command("migrate", interactive=False, verbosity=0)
    rng = random.Random(7)
    start = time.perf_counter()
    generate(n, rng)
    print(f"{engine}: {Person.objects.count():,} people generated in {time.perf_counter() - start:.1f} s")
    if engine == "postgres":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    cases = probes(probe_count, rng)
    if explain:
        args = next(a for kind, a, _e in cases if kind == "typo in last name")
        args = {**args, "email": "someone@agency.example.al", "organisation_id": 1}
        print("plan of find_matches's query (name, e-mail, country and organisation):")
        print("  " + match_query(**args).explain().replace("\n", "\n  "))
    by_kind: dict[str, list[float]] = {}
    found = missed = 0
    all_samples = []
    for kind, args, expected in cases:
        t0 = time.perf_counter()
        matches = find_matches(**args)
        elapsed = time.perf_counter() - t0
        by_kind.setdefault(kind, []).append(elapsed)
        all_samples.append(elapsed)
        if expected:
            if any(m.person_id == expected for m in matches):
                found += 1
            else:
                missed += 1
    print(f"find_matches, all probes        {_ms(all_samples)}   found {found}, missed {missed}")
    for kind, samples in by_kind.items():
        print(f"  {kind:<30} {_ms(samples)}")

    def rows(country_id: int | None = None) -> list[Candidate]:
        qs = Person.objects.order_by()
        if country_id:
            qs = qs.filter(country_id=country_id)
        return [Candidate(*r) for r in qs.values_list(*CANDIDATE_FIELDS)]

    samples, pairs = _timed(lambda: duplicate_pairs(rows()), 3)
    print(f"duplicate_pairs, all {n:,}     {_ms(samples)}   {len(pairs):,} pairs")
    country_id = Person.objects.values_list("country_id", flat=True).first()
    samples, pairs = _timed(lambda: duplicate_pairs(rows(country_id)), 5)
    print(f"duplicate_pairs, one country     {_ms(samples)}   {len(pairs):,} pairs")
    samples, _ = _timed(rows, 3)
    print(f"  of which reading all rows      {_ms(samples)}")

    def search(text: str) -> int:
        """What the people page runs for an administrator: the first page and the count."""
        qs = Person.objects.filter(_name_or_email(text)).select_related("country", "organisation", "profession")
        return len(list(qs.order_by("last_name", "first_name", "id")[:50])) + qs.count()

    for text in ("petrovic", "Ђорђевић", "ana rama"):
        samples, _ = _timed(partial(search, text), 10)
        print(f"search {text!r:<24} {_ms(samples)}")


def _admin_sql(host: str, user: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(host=host, user=user, dbname="postgres", autocommit=True) as connection:
        connection.execute(statement.encode())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--people", type=int, default=75_000)
    parser.add_argument("--probes", type=int, default=400)
    parser.add_argument("--explain", action="store_true", help="print the query plan of find_matches")
    args = parser.parse_args()
    if args.engine == "sqlite":
        path = ROOT / "var" / f"people-bench-{os.getpid()}.sqlite3"
        try:
            setup_django(f"sqlite:///{path}")
            run("sqlite", args.people, args.probes, args.explain)
        finally:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    host, user = os.environ.get("PGHOST", "127.0.0.1"), os.environ.get("PGUSER", "postgres")
    name = f"relais_people_bench_{os.getpid()}"
    _admin_sql(host, user, f"CREATE DATABASE {name}")
    try:
        setup_django(f"postgres://{user}@{host}:5432/{name}")
        run("postgres", args.people, args.probes, args.explain)
    finally:
        from django.db import connections

        connections.close_all()
        _admin_sql(host, user, f"DROP DATABASE IF EXISTS {name}")


if __name__ == "__main__":
    main()
