"""The percentile every bench reports (nearest rank: the value below which p of the runs fall)."""

from __future__ import annotations

import math


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p * len(ordered)) - 1)]
