"""The delivery formulas of the results framework, with values worked out by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils.functional import Promise

from relais.core.models import Country, Profession
from relais.delivery import formulas
from relais.delivery.models import Attendance, Gender, SessionStatus
from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.tests.factories import make_complete_design
from relais.programmes.indicators import formula_get, formula_value

H1_2025 = (dt.date(2025, 1, 1), dt.date(2025, 6, 30))
H2_2025 = (dt.date(2025, 7, 1), dt.date(2025, 12, 31))
YEAR_2025 = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def _days(registration: Any, *present: dt.date, absent: tuple[dt.date, ...] = ()) -> None:
    for day in present:
        Attendance.objects.create(registration=registration, day=day, present=True)
    for day in absent:
        Attendance.objects.create(registration=registration, day=day, present=False)


@pytest.fixture
def world(programme: Any, other_programme: Any) -> dict[str, Any]:
    # The complete design's agenda: two days of 4 h each, 8 h in all.
    design = make_complete_design(programme=programme)
    s1 = make_session(
        design=design,
        country="AL",
        start_date=dt.date(2025, 3, 3),
        end_date=dt.date(2025, 3, 4),
        status=SessionStatus.DELIVERED,
    )
    s2 = make_session(
        design=design,
        country="IT",
        city="Rome",
        start_date=dt.date(2025, 9, 1),
        end_date=dt.date(2025, 9, 2),
        status=SessionStatus.CLOSED,
    )
    planned = make_session(
        design=design, country="AL", start_date=dt.date(2026, 9, 1), end_date=dt.date(2026, 9, 2), status="planned"
    )
    cancelled = make_session(
        design=design, country="XK", start_date=dt.date(2025, 5, 5), end_date=dt.date(2025, 5, 6), status="cancelled"
    )
    elsewhere = make_session(
        design=make_complete_design(programme=other_programme),
        country="HU",
        start_date=dt.date(2025, 3, 3),
        end_date=dt.date(2025, 3, 4),
        status=SessionStatus.DELIVERED,
    )
    ana = make_person("Ana", "Hoxha", profession="labour_inspection", gender=Gender.FEMALE)
    besa = make_person("Besa", "Krasniqi", profession="civil_society", gender=Gender.FEMALE)
    marko = make_person("Marko", "Lika", gender=Gender.MALE)
    dritan = make_person("Dritan", "Gashi", gender=Gender.MALE)
    marco = make_person("Marco", "Rossi", country="IT", gender=Gender.MALE)
    giulia = make_person("Giulia", "Bruno", country="IT", gender=Gender.FEMALE)

    _days(register(s1, ana, "attended"), dt.date(2025, 3, 3), dt.date(2025, 3, 4), dt.date(2025, 3, 5))  # 3/5: outside
    _days(register(s1, besa, "attended"), dt.date(2025, 3, 3), absent=(dt.date(2025, 3, 4),))
    _days(register(s1, marko, "registered"), absent=(dt.date(2025, 3, 3), dt.date(2025, 3, 4)))
    _days(register(s1, dritan, "no_show"), dt.date(2025, 3, 3))  # not expected: not counted at all
    _days(register(s2, ana, "attended"), dt.date(2025, 9, 1), dt.date(2025, 9, 2))
    _days(register(s2, marco, "attended"), dt.date(2025, 9, 2))
    register(s2, giulia, "waiting")
    register(planned, giulia, "registered")
    register(cancelled, giulia, "attended")  # a cancelled session trains no one
    register(elsewhere, make_person("Other", "Person", gender=Gender.FEMALE), "attended")
    return {"programme": programme}


def test_people_trained(world: dict[str, Any]) -> None:
    p = world["programme"]
    assert formulas.people_trained(p, *H1_2025) == 2  # Ana and Besa
    assert formulas.people_trained(p, *H2_2025) == 3  # cumulative; Ana counted once
    assert formulas.people_trained(p, dt.date(2025, 1, 1), dt.date(2025, 3, 3)) == 0  # the session ended on 3/4
    assert formulas.people_trained_women(p, *H1_2025) == 2
    assert formulas.people_trained_women(p, *H2_2025) == 2


def test_people_trained_disaggregated(world: dict[str, Any]) -> None:
    p, end = world["programme"], dt.date(2025, 12, 31)
    professions = {
        Profession.objects.get(pk=k).code: n for k, n in formulas.people_trained_by(p, end, "profession").items()
    }
    assert professions == {"labour_inspection": 1, "civil_society": 1, "police": 1}
    countries = {Country.objects.get(pk=k).code: n for k, n in formulas.people_trained_by(p, end, "country").items()}
    assert countries == {"AL": 2, "IT": 1}
    assert formulas.people_trained_by(p, end, "gender") == {"female": 2, "male": 1}


def test_sessions_delivered_hours_and_countries(world: dict[str, Any]) -> None:
    p = world["programme"]
    assert formulas.sessions_delivered(p, *H1_2025) == 1
    assert formulas.sessions_delivered(p, *H2_2025) == 2
    assert formulas.training_hours(p, *H1_2025) == Decimal("8.0")
    assert formulas.training_hours(p, *H2_2025) == Decimal("16.0")
    assert formulas.countries_reached(p, *H1_2025) == 1
    assert formulas.countries_reached(p, *H2_2025) == 2
    assert formulas.sessions_delivered(p, dt.date(2027, 1, 1), dt.date(2027, 6, 30)) == 2


def test_attendance_rate(world: dict[str, Any]) -> None:
    p = world["programme"]
    # H1: Ana, Besa and Marko expected on 2 days (6); present: Ana 2, Besa 1.
    assert formulas.attendance_rate(p, *H1_2025) == Decimal("50.0")
    # H2: Ana and Marco expected on 2 days (4); present: Ana 2, Marco 1.
    assert formulas.attendance_rate(p, *H2_2025) == Decimal("75.0")
    assert formulas.attendance_rate(p, *YEAR_2025) == Decimal("60.0")
    assert formulas.attendance_rate(p, dt.date(2026, 1, 1), dt.date(2026, 12, 31)) is None


def test_the_formulas_are_registered_with_translated_units(world: dict[str, Any]) -> None:
    codes = [
        "delivery.people_trained",
        "delivery.people_trained_women",
        "delivery.sessions_delivered",
        "delivery.training_hours",
        "delivery.countries_reached",
        "delivery.attendance_rate",
    ]
    for code in codes:
        formula = formula_get(code)
        assert formula is not None, code
        assert isinstance(formula.unit, Promise) and isinstance(formula.label, Promise)
    value = formula_value(formula_get("delivery.training_hours"), world["programme"], *H2_2025)  # type: ignore[arg-type]
    assert value == Decimal("16.0")
