"""Setting one column of many existing rows at once (steps that fill in what an earlier step left
empty, such as people's organisations): `executemany` on SQLite, COPY into a temporary table and one
UPDATE … FROM on PostgreSQL (one round trip per row would take minutes at XL)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

from django.db import connection, models

BATCH = 5_000


def update_column(model: type[models.Model], field: str, pairs: Iterable[tuple[int, Any]]) -> int:
    """Set `field` of the rows with these primary keys: pairs of (pk, value in database form).
    Returns the number of pairs sent."""
    meta = model._meta
    target = meta.get_field(field)
    assert isinstance(target, models.Field)
    column = str(target.column)
    quote = connection.ops.quote_name
    n = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            from psycopg import sql

            value_type = target.db_type(connection) or "text"
            value_type = {"serial": "integer", "bigserial": "bigint"}.get(value_type, value_type)
            cursor.execute(f"CREATE TEMPORARY TABLE bench_update (id bigint PRIMARY KEY, value {value_type})")
            try:
                statement = sql.SQL("COPY bench_update (id, value) FROM STDIN")
                with cursor.cursor.copy(statement) as copy:
                    for pk, value in pairs:
                        copy.write_row((pk, value))
                        n += 1
                cursor.execute(
                    f"UPDATE {quote(meta.db_table)} AS t SET {quote(column)} = u.value "  # noqa: S608 - names from the model
                    f"FROM bench_update AS u WHERE t.{quote(meta.pk.column)} = u.id"
                )
            finally:
                cursor.execute("DROP TABLE bench_update")
            return n
        statement_text = f"UPDATE {quote(meta.db_table)} SET {quote(column)} = %s WHERE {quote(meta.pk.column)} = %s"  # noqa: S608
        iterator = iter(pairs)
        while batch := list(itertools.islice(iterator, BATCH)):
            cursor.executemany(statement_text, [(value, pk) for pk, value in batch])
            n += len(batch)
    return n
