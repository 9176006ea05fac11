"""The named data sizes of DESIGN.md §6, and the tiny `xs` used by the generator's test.

Steps read the figures they need; sessions, people, answers and documents are the targets of the
steps that later capabilities add (they are not generated yet).
"""

from __future__ import annotations

from dataclasses import dataclass

COUNTRIES_PER_PROGRAMME = 15


@dataclass(frozen=True)
class Size:
    name: str
    programmes: int
    administrators: int
    audit_events: int
    # DESIGN.md §6, for the steps of later capabilities.
    sessions: int
    people: int
    answers: int
    documents: int

    @property
    def managers(self) -> int:
        """Pool of programme managers; each programme takes one or two of them."""
        return max(2, self.programmes // 2 + 1)

    @property
    def trainers(self) -> int:
        """Pool of trainers; each programme takes three to eight, so trainers work in several."""
        return max(8, 3 * self.programmes)

    @property
    def me_officers(self) -> int:
        return max(1, self.programmes // 4 + 1)

    @property
    def viewers(self) -> int:
        """Donors and partners; one per programme, shared between programmes."""
        return max(1, self.programmes // 3 + 1)

    @property
    def coordinators(self) -> int:
        """One coordinator per country of each programme."""
        return COUNTRIES_PER_PROGRAMME * self.programmes

    @property
    def users(self) -> int:
        return self.administrators + self.managers + self.coordinators + self.trainers + self.me_officers + self.viewers


SIZES: dict[str, Size] = {
    s.name: s
    for s in (
        Size("xs", 3, 2, 600, sessions=6, people=60, answers=600, documents=10),
        Size("demo", 1, 3, 20_000, sessions=45, people=1_100, answers=60_000, documents=150),
        Size("L", 40, 5, 1_000_000, sessions=3_000, people=75_000, answers=4_000_000, documents=20_000),
        Size("XL", 400, 10, 10_000_000, sessions=30_000, people=750_000, answers=40_000_000, documents=200_000),
    )
}
