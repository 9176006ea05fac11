"""What the design rules look at: plain, database-free facts about one design.

relais.design.checker builds a DesignFacts from the database; the rules (relais.design.rules) are
pure functions of these facts and of their thresholds, so they can be tested and reasoned about
without a database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from django.utils.translation import get_language


@dataclass(frozen=True)
class Named:
    """A reference item (country, profession, language) with its names in both interface languages.

    The name is chosen when it is shown, so a report built in one language reads right in another."""

    code: str
    name_en: str = ""
    name_fr: str = ""

    @property
    def name(self) -> str:
        lang = (get_language() or "en")[:2]
        return (self.name_fr if lang == "fr" else self.name_en) or self.name_en or self.code

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class CountryFacts:
    country: Named
    route_role: str  # origin | transit | destination
    languages: tuple[Named, ...] = ()  # the languages its participants work in


@dataclass(frozen=True)
class QuotaFacts:
    country: str  # country code
    profession: str  # profession code
    seats: int


@dataclass(frozen=True)
class ObjectiveFacts:
    id: int
    kind: str  # knowledge | skill | attitude
    text: str


@dataclass(frozen=True)
class ModuleFacts:
    id: int
    title: str
    method: str
    minutes: int
    objective_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class DesignFacts:
    format: str = "national"
    countries: tuple[CountryFacts, ...] = ()
    quotas: tuple[QuotaFacts, ...] = ()
    # Names of every profession, in the reference order, so messages can name the ones a design lacks.
    professions: Mapping[str, Named] = field(default_factory=dict)
    objectives: tuple[ObjectiveFacts, ...] = ()  # in the design's order
    modules: tuple[ModuleFacts, ...] = ()  # in agenda order
    working_languages: tuple[Named, ...] = ()
    interpretation_languages: tuple[Named, ...] = ()
    plans_pre_test: bool = False
    plans_post_test: bool = False
    plans_satisfaction: bool = False
    plans_follow_up: bool = False
    follow_up_months: int | None = None
    needs_assessment: str = ""
    needs_sources: int = 0
    sustainability: tuple[str, ...] = ()

    def seats_by_profession(self) -> dict[str, int]:
        """Seats per profession over all countries, largest first (ties in the reference order)."""
        seats: dict[str, int] = defaultdict(int)
        for q in self.quotas:
            if q.seats > 0:
                seats[q.profession] += q.seats
        order = {code: i for i, code in enumerate(self.professions)}
        return dict(sorted(seats.items(), key=lambda kv: (-kv[1], order.get(kv[0], len(order)), kv[0])))

    def groups(self) -> list[str]:
        """The professional groups of the design: professions with at least one seat."""
        return list(self.seats_by_profession())

    def groups_of_country(self, country_code: str) -> list[str]:
        """The professions with seats from one country, in the reference order."""
        order = {code: i for i, code in enumerate(self.professions)}
        codes = {q.profession for q in self.quotas if q.country == country_code and q.seats > 0}
        return sorted(codes, key=lambda code: (order.get(code, len(order)), code))

    def profession_name(self, code: str) -> str:
        named = self.professions.get(code)
        return named.name if named else code


# What a rule answers.

Status = Literal["pass", "fail", "not_applicable"]
HOLDS: Status = "pass"
FAILS: Status = "fail"
NOT_APPLICABLE: Status = "not_applicable"
EPSILON = 1e-9  # shares are compared with a little slack, so that 0.5 of the seats is "no more than half"


@dataclass(frozen=True)
class RuleOutcome:
    status: Status
    message: str  # what holds or what is wrong, concretely
    fix: str = ""  # what to change (failures only)


def holds(message: str) -> RuleOutcome:
    return RuleOutcome(HOLDS, message)


def fails(message: str, fix: str) -> RuleOutcome:
    return RuleOutcome(FAILS, message, fix)


def not_applicable(message: str) -> RuleOutcome:
    return RuleOutcome(NOT_APPLICABLE, message)
