"""Fast inserts for the large tables: COPY on PostgreSQL, executemany in batches on SQLite.

Rows are tuples in the order of `fields`; values must already be in database form (see db_value
helpers below): the ORM's per-object work is what makes bulk_create slow at millions of rows.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models

BATCH = 5_000


def insert_rows(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Insert the rows into the model's table; returns how many were written."""
    meta = model._meta
    columns = [str(meta.get_field(name).column) for name in fields]  # type: ignore[union-attr]
    n = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            from psycopg import sql

            statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
                sql.Identifier(meta.db_table), sql.SQL(", ").join(sql.Identifier(c) for c in columns)
            )
            with cursor.cursor.copy(statement) as copy:
                for row in rows:
                    copy.write_row(row)
                    n += 1
            return n
        quote = connection.ops.quote_name
        statement_text = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - names from the model
            quote(meta.db_table), ", ".join(quote(c) for c in columns), ", ".join(["%s"] * len(columns))
        )
        iterator = iter(rows)
        while batch := list(itertools.islice(iterator, BATCH)):
            cursor.executemany(statement_text, batch)
            n += len(batch)
    return n


def db_datetime(value: dt.datetime) -> Any:
    """An aware datetime as the engine stores it (SQLite: UTC text; PostgreSQL: unchanged)."""
    return connection.ops.adapt_datetimefield_value(value)


def db_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def analyse() -> None:
    """After a bulk load on PostgreSQL: VACUUM ANALYZE, the state autovacuum soon brings an
    insert-only table to (planner statistics, and a visibility map that lets COUNT(*) use
    index-only scans); ANALYZE alone inside a transaction (tests). Nothing on SQLite, where the
    application never runs ANALYZE either."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
