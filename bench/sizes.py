"""The named data sizes of DESIGN.md §6, and the tiny `xs` used by the generator's test.

Steps read the figures they need; sessions, people, answers and documents are the targets of the
steps that later capabilities add (they are not generated yet). Results frameworks and designs grow
with the programmes: the per-programme ranges below are the same at every size.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

COUNTRIES_PER_PROGRAMME = 15
# "Today" for generated data (values reported up to it, designs created before it): fixed, so that
# one seed gives the same data whenever it runs.
TODAY = dt.date(2026, 6, 30)

# Results frameworks (step "results").
OUTCOMES_PER_PROGRAMME = (2, 3)
OUTPUTS_PER_OUTCOME = 2
INDICATORS_PER_PARENT = (1, 3)  # under every outcome and every output
COMPUTED_SHARE = 0.3  # indicators computed from a registered formula; the others are entered by hand

# Activity designs (step "designs").
DESIGNS_PER_PROGRAMME = (3, 8)  # replications included
REPLICATION_SHARE = 0.1  # designs replicated from an earlier design (of another programme, mostly)
FLAWED_SHARE = 0.25  # original designs given a flaw the design check finds (a required rule, mostly)
DESIGN_COUNTRIES = (1, 6)
DESIGN_PROFESSIONS = (3, 6)
DESIGN_OBJECTIVES = (3, 6)
DESIGN_DAYS = (1, 4)
MODULES_PER_DAY = (3, 6)


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
