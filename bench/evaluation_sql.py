"""Explicit ids for rows written with bench.sql.insert_rows (so later rows can point at them without
reading them back), and the PostgreSQL sequences set past them afterwards."""

from __future__ import annotations

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max


def next_id(model: type[models.Model]) -> int:
    return int(model._default_manager.aggregate(m=Max("pk"))["m"] or 0) + 1


def reset_sequences(*models_: type[models.Model]) -> None:
    """After rows with explicit ids: PostgreSQL's sequences would hand out those ids again (SQLite's
    AUTOINCREMENT follows the largest id by itself)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), list(models_)):
            cursor.execute(statement)
