"""What every generator step receives: the size, a random source of its own, and what earlier steps made."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO

from bench.sizes import Size


@dataclass
class Context:
    size: Size
    seed: int
    out: TextIO | None = None
    # Shared between steps, e.g. "programmes", "users", "roles": lists of plain tuples or dicts.
    objects: dict[str, Any] = field(default_factory=dict)
    # Rows written, per table label ("programmes.programme": 40); checked by the test.
    counts: dict[str, int] = field(default_factory=dict)

    def rng(self, step: str) -> random.Random:
        """Each step draws from its own stream, seeded by (seed, step name): adding a step later
        leaves the data of the other steps unchanged."""
        return random.Random(f"{self.seed}:{step}")

    def add_count(self, label: str, n: int) -> None:
        self.counts[label] = self.counts.get(label, 0) + n

    def say(self, message: str) -> None:
        if self.out is not None:
            self.out.write(message + "\n")
            self.out.flush()


@dataclass(frozen=True)
class Step:
    """One part of the data set: `run` writes its rows in bulk; generate() wraps it in a transaction."""

    name: str
    run: Callable[[Context], None]
