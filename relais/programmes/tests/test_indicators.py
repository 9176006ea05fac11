"""The formula registry, reporting periods and progress towards target (no database for most)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from relais.programmes.indicators import (
    Formula,
    formula_get,
    formula_value,
    formulas,
    period_for,
    plain_decimal,
    progress,
    register_formula,
    reporting_periods,
    unregister_formula,
)
from relais.programmes.models import Programme


@pytest.mark.parametrize(
    ("actual", "baseline", "target", "percent", "bar"),
    [
        (50, 0, 200, 25, 25),
        (42, 20, 60, 55, 55),  # (42 − 20) / (60 − 20) = 0.55
        (10, 30, 10, 100, 100),  # a target below the baseline: going down is progress
        (20, 30, 10, 50, 50),
        (250, 0, 200, 125, 100),  # beyond the target: the text says 125 %, the bar stops at its end
        (-5, 0, 100, -5, 0),
        (1, 0, 3, 33, 33),
        (2, 0, 3, 67, 67),
        (Decimal("0.5"), 0, 100, 1, 1),  # half a percent rounds up
    ],
)
def test_progress(actual: Any, baseline: Any, target: Any, percent: int, bar: int) -> None:
    result = progress(Decimal(actual), Decimal(baseline), Decimal(target))
    assert result is not None
    assert (result.percent, result.bar) == (percent, bar)
    assert result.reached == (percent >= 100)
    assert str(percent) in result.text


def test_no_progress_without_value_or_distinct_target() -> None:
    assert progress(None, Decimal(0), Decimal(10)) is None
    assert progress(Decimal(5), Decimal(0), None) is None
    assert progress(Decimal(5), Decimal(10), Decimal(10)) is None
    assert progress(Decimal(5), None, Decimal(10)).percent == 50  # type: ignore[union-attr]


def test_plain_decimal() -> None:
    assert str(plain_decimal(Decimal("900.0000"))) == "900"
    assert str(plain_decimal(Decimal("12.5000"))) == "12.5"
    assert str(plain_decimal(Decimal("0.0000"))) == "0"


def _programme(start: dt.date, end: dt.date, period: str = "half_year") -> Programme:
    return Programme(code="p", title_en="P", start_date=start, end_date=end, reporting_period=period)


def test_reporting_periods_are_calendar_periods_cut_to_the_programme() -> None:
    programme = _programme(dt.date(2025, 3, 15), dt.date(2026, 8, 31))
    periods = reporting_periods(programme)
    assert [(p.label, p.start, p.end) for p in periods] == [
        ("2025-H1", dt.date(2025, 3, 15), dt.date(2025, 6, 30)),
        ("2025-H2", dt.date(2025, 7, 1), dt.date(2025, 12, 31)),
        ("2026-H1", dt.date(2026, 1, 1), dt.date(2026, 6, 30)),
        ("2026-H2", dt.date(2026, 7, 1), dt.date(2026, 8, 31)),
    ]
    assert [p.label for p in reporting_periods(programme, until=dt.date(2025, 7, 1))] == ["2025-H1", "2025-H2"]
    assert reporting_periods(programme, until=dt.date(2025, 3, 1)) == []  # not started yet
    quarters = reporting_periods(_programme(dt.date(2025, 1, 1), dt.date(2025, 12, 31), "quarter"))
    assert [p.label for p in quarters] == ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]
    assert quarters[1].end == dt.date(2025, 6, 30)
    years = reporting_periods(_programme(dt.date(2025, 6, 1), dt.date(2027, 2, 1), "year"))
    assert [(p.label, p.start, p.end) for p in years][-1] == ("2027", dt.date(2027, 1, 1), dt.date(2027, 2, 1))
    assert period_for(programme, dt.date(2025, 7, 1), dt.date(2025, 12, 31)).label == "2025-H2"
    assert period_for(programme, dt.date(2025, 7, 1), dt.date(2025, 9, 30)).label == "2025-07-01 – 2025-09-30"


def _seven(programme: Programme, start: dt.date, end: dt.date) -> int:
    return 7


@pytest.fixture
def test_formula() -> Iterator[Formula]:
    formula = Formula("tests.seven", "Seven", "things", _seven, description="Always seven.")
    register_formula(formula)
    yield formula
    unregister_formula(formula.code)


def test_registry(test_formula: Formula) -> None:
    assert formula_get("tests.seven") is test_formula
    register_formula(test_formula)  # the same formula again (a second ready()): no error
    with pytest.raises(ValueError, match="already registered"):
        register_formula(Formula("tests.seven", "Another", "things", _seven))
    labels = [str(f.label) for f in formulas()]
    assert labels == sorted(labels)
    assert "Seven" in labels
    # The programmes app's own formulas, registered in its AppConfig.ready().
    assert {"programmes.partner_organisations", "programmes.partner_sectors"} <= {f.code for f in formulas()}


def test_a_failing_formula_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    def broken(programme: Programme, start: dt.date, end: dt.date) -> int:
        raise ZeroDivisionError

    programme = _programme(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    with caplog.at_level(logging.ERROR):
        assert formula_value(Formula("tests.broken", "Broken", "", broken), programme, *_dates()) is None
    assert "tests.broken" in caplog.text


def _dates() -> tuple[dt.date, dt.date]:
    return dt.date(2025, 1, 1), dt.date(2025, 6, 30)
