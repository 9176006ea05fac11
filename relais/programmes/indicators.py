"""Computed indicators: a registry of formulas, the reporting periods, and progress towards a target.

A programme's indicator is entered by hand or computed by Relais from a formula chosen from a list.
The list is this registry. Apps above programmes (design, delivery, evaluation) register their
formulas in their AppConfig.ready(), so programmes never imports them (DESIGN.md §5):

    from relais.programmes.indicators import Formula, register_formula

    def people_trained(programme, start, end):
        return Registration.objects.filter(session__design__programme=programme, ...).count()

    register_formula(Formula("delivery.people_trained", _("People trained"), _("people"), people_trained))

`compute(programme, start, end)` returns the indicator's value for the period from `start` to `end`
(both included), or None when there is nothing to measure. Progress compares the latest period's
value with the target, so a formula measured against an end-of-programme target counts from
`programme.start_date` to `end` (cumulative). A formula that describes the programme as it stands
(its partners, its countries) ignores the dates and says so with `per_period=False`: Relais then
shows one value, dated the day it is computed.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.utils.functional import Promise
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from relais.programmes.models import Programme

logger = logging.getLogger(__name__)

Compute = Callable[["Programme", dt.date, dt.date], Decimal | int | None]


@dataclass(frozen=True)
class Formula:
    code: str  # "<app>.<name>", stored on the indicator: never change it once used
    label: str | Promise
    unit: str | Promise
    compute: Compute
    description: str | Promise = ""
    per_period: bool = True


_formulas: dict[str, Formula] = {}


def register_formula(formula: Formula) -> None:
    """Add a formula to the list managers choose from. A code may be registered once."""
    known = _formulas.get(formula.code)
    if known is not None and known != formula:
        raise ValueError(f"A formula with code {formula.code!r} is already registered.")
    _formulas[formula.code] = formula


def unregister_formula(code: str) -> None:
    """Remove a formula (for tests)."""
    _formulas.pop(code, None)


def formulas() -> list[Formula]:
    """Every registered formula, by label."""
    return sorted(_formulas.values(), key=lambda f: str(f.label))


def formula_get(code: str) -> Formula | None:
    return _formulas.get(code)


def formula_value(formula: Formula, programme: Programme, start: dt.date, end: dt.date) -> Decimal | None:
    """The formula's value, or None when it has none or fails (a failure is logged, the page still shows)."""
    try:
        value = formula.compute(programme, start, end)
    except Exception:
        logger.exception("Formula %s failed for programme %s", formula.code, programme.pk)
        return None
    return None if value is None else Decimal(value)


def plain_decimal(value: Decimal) -> Decimal:
    """12.5000 → 12.5 and 900.0000 → 900 (not 9E+2), for forms and exports."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


# --- Reporting periods -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    label: str

    @property
    def key(self) -> str:
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


_MONTHS = {"half_year": 6, "quarter": 3, "year": 12}


def _add_months(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + months
    return dt.date(total // 12, total % 12 + 1, 1)


def _label(start: dt.date, months: int) -> str:
    index = (start.month - 1) // months + 1
    if months == 12:
        return str(start.year)
    return f"{start.year}-{'H' if months == 6 else 'Q'}{index}"


def reporting_periods(programme: Programme, *, until: dt.date | None = None) -> list[Period]:
    """The programme's calendar periods (half-years, quarters or years), cut to its dates.

    With `until`, only the periods that have started by then: values are not reported for the future.
    """
    months = _MONTHS.get(programme.reporting_period, 6)
    first = dt.date(programme.start_date.year, (programme.start_date.month - 1) // months * months + 1, 1)
    periods = []
    start = first
    while start <= programme.end_date and (until is None or start <= until):
        following = _add_months(start, months)
        periods.append(
            Period(
                start=max(start, programme.start_date),
                end=min(following - dt.timedelta(days=1), programme.end_date),
                label=_label(start, months),
            )
        )
        start = following
    if until is not None:
        periods = [p for p in periods if p.start <= until]
    return periods


def period_for(programme: Programme, start: dt.date, end: dt.date) -> Period:
    """The period with these dates, labelled as the programme labels it (or by its dates)."""
    for period in reporting_periods(programme):
        if (period.start, period.end) == (start, end):
            return period
    return Period(start=start, end=end, label=f"{start.isoformat()} – {end.isoformat()}")


# --- Progress --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    """How far the actual value has moved from the baseline towards the target."""

    ratio: Decimal  # 0 at the baseline, 1 at the target; below 0 or above 1 when outside

    @property
    def percent(self) -> int:
        return int((self.ratio * 100).to_integral_value(rounding=ROUND_HALF_UP))

    @property
    def bar(self) -> int:
        """Length of the bar, 0–100 (the text still says the real percentage)."""
        return max(0, min(100, self.percent))

    @property
    def reached(self) -> bool:
        return self.ratio >= 1

    @property
    def text(self) -> str:
        if self.reached:
            return _("target reached (%(percent)s%%)") % {"percent": self.percent}
        return _("%(percent)s%% of the way from baseline to target") % {"percent": self.percent}


def progress(actual: Decimal | None, baseline: Decimal | None, target: Decimal | None) -> Progress | None:
    """(actual − baseline) / (target − baseline); None without an actual value or a target apart from the baseline."""
    if actual is None or target is None:
        return None
    baseline = baseline or Decimal(0)
    if target == baseline:
        return None
    return Progress(ratio=(Decimal(actual) - baseline) / (Decimal(target) - baseline))
