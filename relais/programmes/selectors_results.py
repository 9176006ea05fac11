"""Reads of the results framework, with the actual value and progress of every indicator.

The framework of a programme is read in four queries whatever its size (outcomes, outputs,
indicators, the values of manual indicators); computed indicators add their formulas' own queries,
one computation per formula and period however many indicators use it.

Computed indicators are computed when the page is shown, never stored: the figures they rest on
(registrations, answers, partners) change after the fact — late answers, corrections, merged
people — and a stored snapshot would silently go stale. A publication that must freeze its figures
keeps them in its own build.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.http import Http404
from django.utils import timezone

from relais.programmes.indicators import (
    Formula,
    Period,
    Progress,
    formula_get,
    formula_value,
    period_for,
    progress,
    reporting_periods,
)
from relais.programmes.models import Indicator, IndicatorSource, IndicatorValue, Outcome, Output, Programme


def code_key(code: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key for codes like 1, 1.2, 1.10, 1.2.a: numbers in numeric order, letters after."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"[.\s]+", code.lower()))


class _Computer:
    """Computes formulas once per (formula, period) for one page."""

    def __init__(self, programme: Programme) -> None:
        self.programme = programme
        self.cache: dict[tuple[str, dt.date, dt.date], Decimal | None] = {}

    def value(self, formula: Formula, start: dt.date, end: dt.date) -> Decimal | None:
        key = (formula.code, start, end)
        if key not in self.cache:
            self.cache[key] = formula_value(formula, self.programme, start, end)
        return self.cache[key]


@dataclass
class IndicatorRow:
    indicator: Indicator
    formula: Formula | None = None
    actual: Decimal | None = None
    period: Period | None = None  # the period of the actual value
    as_of: dt.date | None = None  # for formulas that describe the programme as it stands
    progress: Progress | None = None
    missing_formula: bool = False  # the app that registered it is no longer installed


@dataclass
class OutputRow:
    output: Output
    indicators: list[IndicatorRow] = field(default_factory=list)


@dataclass
class OutcomeRow:
    outcome: Outcome
    indicators: list[IndicatorRow] = field(default_factory=list)
    outputs: list[OutputRow] = field(default_factory=list)


@dataclass
class Framework:
    outcomes: list[OutcomeRow]
    today: dt.date
    n_indicators: int = 0


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _row(
    indicator: Indicator,
    latest: IndicatorValue | None,
    computer: _Computer,
    periods: list[Period],
    today: dt.date,
) -> IndicatorRow:
    row = IndicatorRow(indicator=indicator)
    programme = computer.programme
    if indicator.source == IndicatorSource.COMPUTED:
        formula = formula_get(indicator.formula)
        row.formula = formula
        if formula is None:
            row.missing_formula = True
        elif not formula.per_period:
            row.actual, row.as_of = computer.value(formula, programme.start_date, today), today
        elif periods:
            row.period = periods[-1]
            row.actual = computer.value(formula, row.period.start, row.period.end)
    elif latest is not None:
        row.actual = latest.value
        row.period = period_for(programme, latest.period_start, latest.period_end)
    row.progress = progress(row.actual, indicator.baseline, indicator.target)
    return row


def results_framework(*, programme: Programme, today: dt.date | None = None) -> Framework:
    """The programme's outcomes → outputs → indicators, each indicator with its actual value and progress."""
    today = _today(today)
    outcomes = sorted(Outcome.objects.filter(programme=programme), key=lambda o: code_key(o.code))
    outputs = sorted(Output.objects.filter(programme=programme), key=lambda o: code_key(o.code))
    indicators = sorted(Indicator.objects.filter(programme=programme), key=lambda i: code_key(i.code))
    latest: dict[int, IndicatorValue] = {}
    for value in IndicatorValue.objects.filter(
        indicator__programme=programme, indicator__source=IndicatorSource.MANUAL
    ).order_by("period_end", "period_start"):
        latest[value.indicator_id] = value
    computer = _Computer(programme)
    periods = reporting_periods(programme, until=today)
    for indicator in indicators:  # the programme is known: spare a query per indicator
        indicator.programme = programme
    rows = {i.pk: _row(i, latest.get(i.pk), computer, periods, today) for i in indicators}

    outcome_rows = {o.pk: OutcomeRow(outcome=o) for o in outcomes}
    output_rows = {o.pk: OutputRow(output=o) for o in outputs}
    for o in outputs:
        outcome_rows[o.outcome_id].outputs.append(output_rows[o.pk])
    for i in indicators:
        if i.output_id is not None:
            output_rows[i.output_id].indicators.append(rows[i.pk])
        elif i.outcome_id is not None:
            outcome_rows[i.outcome_id].indicators.append(rows[i.pk])
    return Framework(outcomes=list(outcome_rows.values()), today=today, n_indicators=len(indicators))


def indicator_get(*, programme: Programme, pk: int) -> Indicator:
    """An indicator of this programme (the caller has checked that the user may see the programme)."""
    try:
        indicator = Indicator.objects.select_related("outcome", "output").get(programme=programme, pk=pk)
    except Indicator.DoesNotExist:
        raise Http404 from None
    indicator.programme = programme
    return indicator


def outcome_get(*, programme: Programme, pk: int) -> Outcome:
    try:
        return Outcome.objects.get(programme=programme, pk=pk)
    except Outcome.DoesNotExist:
        raise Http404 from None


def output_get(*, programme: Programme, pk: int) -> Output:
    try:
        return Output.objects.select_related("outcome").get(programme=programme, pk=pk)
    except Output.DoesNotExist:
        raise Http404 from None


@dataclass
class HistoryRow:
    period: Period | None
    value: Decimal | None
    stored: IndicatorValue | None = None
    as_of: dt.date | None = None
    progress: Progress | None = None


def indicator_history(*, indicator: Indicator, today: dt.date | None = None) -> list[HistoryRow]:
    """The indicator's value for each reporting period that has started, latest first.

    Manual indicators: the values entered, and the periods still without a value. Computed ones: the
    value computed now for each period (or once, as of today, for formulas that ignore the period).
    """
    today = _today(today)
    programme = indicator.programme
    periods = reporting_periods(programme, until=today)
    rows: list[HistoryRow] = []
    if indicator.is_computed:
        formula = formula_get(indicator.formula)
        computer = _Computer(programme)
        if formula is None:
            return []
        if not formula.per_period:
            value = computer.value(formula, programme.start_date, today)
            rows = [HistoryRow(period=None, value=value, as_of=today)]
        else:
            rows = [HistoryRow(period=p, value=computer.value(formula, p.start, p.end)) for p in periods]
    else:
        stored = {
            (v.period_start, v.period_end): v
            for v in IndicatorValue.objects.filter(indicator=indicator).select_related("entered_by")
        }
        for p in periods:
            v = stored.pop((p.start, p.end), None)
            rows.append(HistoryRow(period=p, value=v.value if v else None, stored=v))
        for (start, end), v in stored.items():  # periods of an earlier reporting rhythm
            rows.append(HistoryRow(period=period_for(programme, start, end), value=v.value, stored=v))
        rows.sort(key=lambda r: (r.period.end, r.period.start) if r.period else (today, today))
    for r in rows:
        r.progress = progress(r.value, indicator.baseline, indicator.target)
    return list(reversed(rows))


def period_choices(*, programme: Programme, today: dt.date | None = None) -> list[tuple[str, Period]]:
    """Periods a value may be entered for: those that have started, latest first."""
    return [(p.key, p) for p in reversed(reporting_periods(programme, until=_today(today)))]


def parse_period(key: str) -> tuple[dt.date, dt.date] | None:
    try:
        start, end = key.split("/")
        return dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    except ValueError:
        return None


def framework_parents(*, programme: Programme) -> list[tuple[str, Any]]:
    """Outcomes and outputs an indicator can measure, in framework order, keyed "outcome-<pk>" / "output-<pk>"."""
    outcomes = sorted(Outcome.objects.filter(programme=programme), key=lambda o: code_key(o.code))
    outputs = sorted(Output.objects.filter(programme=programme), key=lambda o: code_key(o.code))
    choices: list[tuple[str, Any]] = []
    for outcome in outcomes:
        choices.append((f"outcome-{outcome.pk}", outcome))
        choices.extend((f"output-{o.pk}", o) for o in outputs if o.outcome_id == outcome.pk)
    return choices


def indicator_row(*, indicator: Indicator, today: dt.date | None = None) -> IndicatorRow:
    """One indicator with its actual value (latest period) and progress, as the framework shows it."""
    today = _today(today)
    latest = indicator.values.order_by("period_end", "period_start").last() if not indicator.is_computed else None
    programme = indicator.programme
    return _row(indicator, latest, _Computer(programme), reporting_periods(programme, until=today), today)
