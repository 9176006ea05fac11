"""The percentile every bench reports (nearest rank: the value below which p of the runs fall)."""

from __future__ import annotations

import math
from typing import Any


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p * len(ordered)) - 1)]


def most_frequent(rows: Any, field: str) -> Any:
    """The value of `field` that the most rows of the queryset `rows` hold (ties: the lowest), or None:
    how the benches pick the busiest session, programme or surname."""
    from django.db.models import Count

    return (
        rows.order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .order_by("-n", field)
        .values_list(field, flat=True)
        .first()
    )
