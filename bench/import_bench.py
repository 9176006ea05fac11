"""Import of a 10,000-row participant list into a database that already knows 75,000 people.

    .venv/bin/python bench/import_bench.py                 # SQLite, in a temporary file
    .venv/bin/python bench/import_bench.py --postgres      # PostgreSQL on 127.0.0.1:5432 (user postgres)
    .venv/bin/python bench/import_bench.py --postgres URL  # another server

Standalone: makes its own database (a temporary SQLite file, or a PostgreSQL database it creates and
drops), inserts the people in bulk, generates the XLSX (half of its rows are people already known —
by e-mail, or by name and country without an e-mail — half are new), then times the preview (read,
check, match; nothing written) and the import (the same again, then the write in one transaction).
Target: each under 10 s on both engines.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.env import setup_django

PEOPLE = 75_000
ROWS = 10_000
COUNTRIES = ["AL", "BA", "BG", "XK", "MD", "MK", "RO", "RS", "HR", "HU", "ME", "AT", "CZ", "IT", "NL"]
FIRST = ["Ana", "Besa", "Milan", "Jelena", "Marko", "Đorđe", "Ivana", "Petar", "Elira", "Dritan", "Ion",
         "Maria", "Andrei", "Elena", "Tomáš", "Jana", "Luca", "Giulia", "Anna", "Lukas", "Sanne", "Daan",
         "Zoltán", "Réka"]  # fmt: skip
SYLLABLES = ["ko", "va", "če", "vić", "ha", "xh", "ri", "no", "po", "pes", "cu", "dra", "gan", "ler", "ber", "sen",
             "man", "dov", "ski", "lu", "ta", "mi", "ro", "ša", "ne", "ti", "ja", "ze", "bo", "ću"]  # fmt: skip
HEADERS = ["First name", "Last name", "Gender", "Country", "Organisation", "Profession", "Position", "E-mail",
           "Telephone"]  # fmt: skip
PROFESSIONS = ["Labour inspection", "Police", "Prosecution", "Judiciary", "Civil society", "Social services"]


def _last(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def make_people(rng: random.Random) -> list[dict[str, Any]]:
    from relais.delivery.names import name_key

    seen: set[tuple[str, str]] = set()
    people: list[dict[str, Any]] = []
    while len(people) < PEOPLE + ROWS // 2:
        first, last, country = rng.choice(FIRST), _last(rng), rng.choice(COUNTRIES)
        key = (name_key(first, last), country)
        if key in seen:  # one person per name and country: the file must not hold namesakes
            continue
        seen.add(key)
        email = f"p{len(people)}@{country.lower()}.example.org" if rng.random() < 0.7 else ""
        people.append({"first": first, "last": last, "country": country, "email": email})
    return people


def insert_people(people: list[dict[str, Any]]) -> None:
    from relais.core.models import Country, Profession
    from relais.delivery.models import Person
    from relais.delivery.names import name_key

    countries = dict(Country.objects.filter(code__in=COUNTRIES).values_list("code", "pk"))
    professions = list(Profession.objects.values_list("pk", flat=True))
    Person.objects.bulk_create(
        [
            Person(
                first_name=p["first"],
                last_name=p["last"],
                name_key=name_key(p["first"], p["last"]),
                country_id=countries[p["country"]],
                profession_id=professions[i % len(professions)],
                email=p["email"],
            )
            for i, p in enumerate(people)
        ],
        batch_size=5000,
    )


def make_xlsx(known: list[dict[str, Any]], new: list[dict[str, Any]], rng: random.Random) -> bytes:
    from openpyxl import Workbook

    rows = []
    for p in known + new:
        rows.append([p["first"], p["last"], rng.choice("FM"), p["country"], "Ministry of Interior",
                     rng.choice(PROFESSIONS), "Officer", p["email"], "+355 69 000 0000"])  # fmt: skip
    rng.shuffle(rows)
    book = Workbook()  # not write-only: like Excel, it records the sheet's dimension
    sheet = book.active
    sheet.title = "Participants"
    sheet.append(["Participants of the regional training"])
    sheet.append([])
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def make_session() -> Any:
    import datetime as dt

    from relais.core.models import Country
    from relais.delivery.models import Session
    from relais.design.models import ActivityDesign
    from relais.programmes.models import Programme

    programme = Programme.objects.create(
        code="import-bench", title_en="Import bench", start_date=dt.date(2026, 1, 1), end_date=dt.date(2026, 12, 31)
    )
    design = ActivityDesign.objects.create(programme=programme, title="Regional training")
    return Session.objects.create(
        design=design,
        programme=programme,
        title="Regional training — Vienna",
        country=Country.objects.get(code="AT"),
        city="Vienna",
        start_date=dt.date(2026, 6, 1),
        end_date=dt.date(2026, 6, 3),
    )


def run() -> dict[str, float]:
    from django.core.management import call_command
    from django.db import connection

    from relais.delivery.models import Person, Registration
    from relais.delivery.services_registrations import participants_check, participants_import

    t = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    print(f"engine: {connection.vendor}; migrated in {time.perf_counter() - t:.1f} s; load {os.getloadavg()[0]:.1f}")
    rng = random.Random(7)
    people = make_people(rng)
    t = time.perf_counter()
    insert_people(people[:PEOPLE])
    print(f"{Person.objects.count():,} people inserted in {time.perf_counter() - t:.1f} s")
    known = rng.sample(people[:PEOPLE], ROWS // 2)
    data = make_xlsx(known, people[PEOPLE:], rng)
    print(f"{ROWS:,}-row XLSX: {len(data) / 1024:.0f} kB ({len(known):,} known people, {ROWS - len(known):,} new)")
    session = make_session()

    t, cpu = time.perf_counter(), time.process_time()
    checked, plan = participants_check(session=session, data=data)
    preview, preview_cpu = time.perf_counter() - t, time.process_time() - cpu
    assert not checked.problems, checked.problems[:5]
    assert plan is not None
    print(f"preview: {preview:.2f} s (CPU {preview_cpu:.2f} s) — {len(plan.new):,} new, {len(plan.matched):,} matched")

    t, cpu = time.perf_counter(), time.process_time()
    outcome = participants_import(actor=None, session=session, data=data, filename="bench.xlsx")
    confirm, confirm_cpu = time.perf_counter() - t, time.process_time() - cpu
    print(
        f"import:  {confirm:.2f} s (CPU {confirm_cpu:.2f} s) — {outcome.added:,} added, "
        f"{outcome.people_created:,} people created"
    )
    assert outcome.added == ROWS and outcome.people_matched == len(known)

    t = time.perf_counter()
    again = participants_import(actor=None, session=session, data=data, filename="bench.xlsx")
    repeat = time.perf_counter() - t
    print(f"again:   {repeat:.2f} s — {again.added} added, {again.already:,} already there")
    assert again.added == 0 and Registration.objects.count() == ROWS
    return {"preview": preview, "import": confirm, "again": repeat}


def _postgres(url: str) -> tuple[str, Any]:
    """A new database on the server of `url`; returns its URL and a function that drops it."""
    import psycopg

    base = url.rsplit("/", 1)[0]
    name = f"relais_import_bench_{int(time.time())}"
    admin = psycopg.connect(f"{base}/postgres", autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        from django.db import connections

        connections.close_all()
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()

    return f"{base}/{name}", drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--postgres", nargs="?", const="postgres://postgres@127.0.0.1:5432/postgres", metavar="URL")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        drop = None
        if args.postgres:
            url, drop = _postgres(args.postgres)
        else:
            url = f"sqlite:///{Path(folder) / 'import-bench.sqlite3'}"
        setup_django(url)
        try:
            figures = run()
        finally:
            if drop is not None:
                drop()
    verdict = "within" if max(figures["preview"], figures["import"]) < 10 else "OVER"
    print(f"{verdict} the 10 s target")


if __name__ == "__main__":
    main()
