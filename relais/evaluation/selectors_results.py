"""The level 1–4 figures of DESIGN.md §4, aggregated in SQL from the totals stored per response
(Response.likert_*, applies_learning) and from the paired results (LearningScore) — never from
individual answers — each with its n.

- Level 1, reaction: satisfaction responses submitted; share of Likert answers of 4 or 5
  (Σ likert_high / Σ likert_count), mean (Σ likert_sum / Σ likert_count), n respondents.
- Level 2, learning: LearningScore rows (participants with both tests); mean pre, mean post (percent
  of the maximum), mean normalised gain over the pairs whose pre-test was below the maximum (its own
  n), share improved, paired effect size = mean difference / sample standard deviation of the
  differences (n − 1), from Σd and Σd² — empty when n < 2 or the differences do not vary.
- Level 3, behaviour: follow-up responses submitted; share applying what they learned among those
  who said either way.
- Level 4, results: cooperation events by type and contacts reported (the network's own figures are
  on the network page).

A `Selection` says which rows count: a user's results scope narrowed by filters (period of the
session's last day, participant's country and profession, design), or one session. For viewers,
any figure over fewer than SMALL_N people is suppressed (shown as "fewer than 5").
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Avg, Count, F, Q, QuerySet, Sum
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from relais.evaluation.models import (
    CooperationEvent,
    CooperationType,
    LearningScore,
    QuestionnaireKind,
    Response,
    ResponseStatus,
)
from relais.evaluation.scoping import SMALL_N, ResultsScope

PERCENT, MEAN, RATIO, COUNT = "percent", "mean", "ratio", "count"

# Where each dimension lives, per kind of row (responses; learning scores; rows reached through a response).
RESPONSE_FIELDS = {
    "session": "session_id",
    "design": "session__design_id",
    "country": "country_id",
    "profession": "profession_id",
    "theme": "session__design__themes",
    "programme": "programme_id",
    "end": "session__end_date",
}
LEARNING_FIELDS = {
    "session": "session_id",
    "design": "design_id",
    "country": "country_id",
    "profession": "profession_id",
    "theme": "design__themes",
    "programme": "programme_id",
    "end": "session__end_date",  # the session as it is now (its dates may change after answers)
}
THROUGH_RESPONSE = {k: f"response__{v}" for k, v in RESPONSE_FIELDS.items()}


def small_text() -> str:
    return _("fewer than %(n)s") % {"n": SMALL_N}


def rounded(value: float, digits: int) -> Decimal:
    """Rounded half up, as people round (62.5 → 63), not to the even neighbour."""
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def decimal_text(value: float, digits: int) -> str:
    return number_format(rounded(value, digits), decimal_pos=digits)


def percent_text(fraction: float, digits: int = 0) -> str:
    """0.724 → "72%" (French: "72 %")."""
    return _("%(value)s%%") % {"value": decimal_text(fraction * 100, digits)}


@dataclass(frozen=True)
class Stat:
    """One figure and the number of people it is computed over. Percent values are fractions (0–1)."""

    value: float | None
    n: int
    kind: str = PERCENT
    suppressed: bool = False

    @property
    def shown(self) -> bool:
        return self.value is not None and not self.suppressed

    @property
    def text(self) -> str:
        """The figure as the user's locale writes it; "—" when there is nothing to measure."""
        if self.suppressed:
            return small_text()
        if self.value is None:
            return "—"
        if self.kind == PERCENT:
            return percent_text(self.value)
        if self.kind == MEAN:
            return decimal_text(self.value, 1)
        if self.kind == RATIO:
            return decimal_text(self.value, 2)
        return number_format(int(self.value))

    @property
    def n_text(self) -> str:
        return small_text() if self.suppressed else number_format(self.n)

    @property
    def chart_value(self) -> float | None:
        """The value a chart shows: percent in percent, None when suppressed or empty."""
        if not self.shown or self.value is None:
            return None
        return round(self.value * 100, 1) if self.kind == PERCENT else round(self.value, 2)


def stat(value: float | None, n: int, kind: str = PERCENT, *, suppress: bool = False) -> Stat:
    hidden = suppress and 0 < n < SMALL_N
    return Stat(None if n == 0 and kind != COUNT else value, n, kind, suppressed=hidden)


@dataclass(frozen=True)
class Filters:
    start: dt.date | None = None  # sessions whose last day is on or after
    end: dt.date | None = None  # … and on or before
    country: int | None = None  # participant's country as registered
    profession: int | None = None  # participant's profession as registered
    design: int | None = None

    @property
    def active(self) -> bool:
        return any(v is not None for v in (self.start, self.end, self.country, self.profession, self.design))


@dataclass(frozen=True)
class Selection:
    """Which rows a figure counts: a results scope and filters, or one session."""

    scope: ResultsScope | None = None
    session_id: int | None = None
    filters: Filters = field(default_factory=Filters)
    suppress: bool = False

    @classmethod
    def of_session(cls, session_id: int, *, suppress: bool = False) -> Selection:
        return cls(session_id=session_id, suppress=suppress)

    @classmethod
    def of_scope(cls, scope: ResultsScope, filters: Filters | None = None) -> Selection:
        return cls(scope=scope, filters=filters or Filters(), suppress=scope.suppress_small)

    def apply(self, qs: QuerySet[Any], fields: dict[str, str], prefix: str = "") -> QuerySet[Any]:
        if self.session_id is not None:
            qs = qs.filter(**{fields["session"]: self.session_id})
        if self.scope is not None:
            qs = self.scope.filter(qs, prefix)
        f = self.filters
        if f.start is not None:
            qs = qs.filter(**{f"{fields['end']}__gte": f.start})
        if f.end is not None:
            qs = qs.filter(**{f"{fields['end']}__lte": f.end})
        if f.country is not None:
            qs = qs.filter(**{fields["country"]: f.country})
        if f.profession is not None:
            qs = qs.filter(**{fields["profession"]: f.profession})
        if f.design is not None:
            qs = qs.filter(**{fields["design"]: f.design})
        return qs.order_by()


# --- Level 1: reaction -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reaction:
    share: Stat  # Likert answers of 4 or 5
    mean: Stat  # 1–5
    respondents: int
    answers: int


REACTION_SUMS = {
    "r_high": Sum("likert_high"),
    "r_count": Sum("likert_count"),
    "r_sum": Sum("likert_sum"),
    "r_people": Count("id", filter=Q(likert_count__gt=0)),
}


def reaction_rows(selection: Selection) -> QuerySet[Response]:
    qs = Response.objects.filter(kind=QuestionnaireKind.SATISFACTION, status=ResponseStatus.SUBMITTED)
    return selection.apply(qs, RESPONSE_FIELDS)


def reaction_from(row: dict[str, Any], *, suppress: bool) -> Reaction:
    count, people = int(row.get("r_count") or 0), int(row.get("r_people") or 0)
    share = (row["r_high"] or 0) / count if count else None
    mean = (row["r_sum"] or 0) / count if count else None
    return Reaction(
        share=stat(share, people, PERCENT, suppress=suppress),
        mean=stat(mean, people, MEAN, suppress=suppress),
        respondents=people,
        answers=count,
    )


def reaction(selection: Selection) -> Reaction:
    return reaction_from(reaction_rows(selection).aggregate(**REACTION_SUMS), suppress=selection.suppress)


# --- Level 2: learning -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Learning:
    pairs: Stat  # kind COUNT: participants with both tests
    pre: Stat
    post: Stat
    gain: Stat  # mean normalised gain; n = pairs whose pre-test was below the maximum
    improved: Stat
    effect: Stat  # paired effect size (Cohen's d_z)


LEARNING_SUMS = {
    "l_n": Count("id"),
    "l_pre": Avg("pre"),
    "l_post": Avg("post"),
    "l_gain": Avg("gain"),
    "l_gain_n": Count("gain"),
    "l_improved": Count("id", filter=Q(improved=True)),
    "l_d": Sum("difference"),
    "l_dd": Sum(F("difference") * F("difference")),
}


def learning_rows(selection: Selection) -> QuerySet[LearningScore]:
    return selection.apply(LearningScore.objects.all(), LEARNING_FIELDS)


def effect_size(n: int, sum_d: float, sum_dd: float) -> float | None:
    """Mean difference over the sample standard deviation of the differences (n − 1)."""
    if n < 2:
        return None
    mean = sum_d / n
    variance = (sum_dd - sum_d * sum_d / n) / (n - 1)
    if variance <= 1e-12:
        return None
    return mean / math.sqrt(variance)


def learning_from(row: dict[str, Any], *, suppress: bool) -> Learning:
    n = int(row.get("l_n") or 0)
    gain_n = int(row.get("l_gain_n") or 0)
    effect = effect_size(n, float(row.get("l_d") or 0), float(row.get("l_dd") or 0))
    return Learning(
        pairs=stat(float(n), n, COUNT, suppress=suppress),
        pre=stat(row.get("l_pre"), n, PERCENT, suppress=suppress),
        post=stat(row.get("l_post"), n, PERCENT, suppress=suppress),
        gain=stat(row.get("l_gain"), gain_n, PERCENT, suppress=suppress),
        improved=stat((row.get("l_improved") or 0) / n if n else None, n, PERCENT, suppress=suppress),
        effect=stat(effect, n, RATIO, suppress=suppress),
    )


def learning(selection: Selection) -> Learning:
    return learning_from(learning_rows(selection).aggregate(**LEARNING_SUMS), suppress=selection.suppress)


# --- Level 3: behaviour ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Behaviour:
    applying: Stat
    respondents: int  # follow-up responses submitted (some may not say either way)


BEHAVIOUR_SUMS = {
    "b_all": Count("id"),
    "b_n": Count("id", filter=Q(applies_learning__isnull=False)),
    "b_yes": Count("id", filter=Q(applies_learning=True)),
}


def behaviour_rows(selection: Selection) -> QuerySet[Response]:
    qs = Response.objects.filter(kind=QuestionnaireKind.FOLLOW_UP, status=ResponseStatus.SUBMITTED)
    return selection.apply(qs, RESPONSE_FIELDS)


def behaviour_from(row: dict[str, Any], *, suppress: bool) -> Behaviour:
    n = int(row.get("b_n") or 0)
    share = (row.get("b_yes") or 0) / n if n else None
    return Behaviour(applying=stat(share, n, PERCENT, suppress=suppress), respondents=int(row.get("b_all") or 0))


def behaviour(selection: Selection) -> Behaviour:
    return behaviour_from(behaviour_rows(selection).aggregate(**BEHAVIOUR_SUMS), suppress=selection.suppress)


# --- Level 4: results --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Results:
    events: list[tuple[str, str, Stat]]  # (type, label, count) for every type, in the vocabulary's order
    events_total: Stat
    contacts_people: Stat  # ties named with co-participants
    contacts_organisations: Stat


def results(selection: Selection) -> Results:
    """Cooperation events by type and contacts reported in the follow-ups of the selection (2 queries)."""
    from relais.evaluation.models import Contact

    suppress = selection.suppress
    events = selection.apply(CooperationEvent.objects.all(), THROUGH_RESPONSE, "response__")
    counts = dict(events.values("type").annotate(n=Count("id")).values_list("type", "n"))
    contacts = selection.apply(Contact.objects.all(), THROUGH_RESPONSE, "response__").aggregate(
        people=Count("id", filter=Q(contact__isnull=False)),
        organisations=Count("id", filter=Q(organisation__isnull=False)),
    )
    total = sum(counts.values())
    return Results(
        events=[
            (value, str(label), stat(float(counts.get(value, 0)), counts.get(value, 0), COUNT, suppress=suppress))
            for value, label in CooperationType.choices
        ],
        events_total=stat(float(total), total, COUNT, suppress=suppress),
        contacts_people=stat(float(contacts["people"]), contacts["people"], COUNT, suppress=suppress),
        contacts_organisations=stat(
            float(contacts["organisations"]), contacts["organisations"], COUNT, suppress=suppress
        ),
    )


@dataclass(frozen=True)
class Headline:
    """The four levels in one place (session and programme blocks, the top of the results pages)."""

    reaction: Reaction
    learning: Learning
    behaviour: Behaviour
    results: Results | None = None


def headline(selection: Selection, *, with_results: bool = True) -> Headline:
    return Headline(
        reaction=reaction(selection),
        learning=learning(selection),
        behaviour=behaviour(selection),
        results=results(selection) if with_results else None,
    )
