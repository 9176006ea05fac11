"""Indicators the delivery app computes for programmes' results frameworks (DESIGN.md §2).

Registered with relais.programmes.indicators from audit_sessions.register() (called in ready()).
Cumulative formulas count from the programme's start to the end of the period, so that the latest
value can be compared with an end-of-programme target; the attendance rate is a rate of the period.

A session is *delivered* when its status is delivered or closed; its date is its last day.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from relais.delivery.models import Attendance, Gender, Registration, RegistrationStatus, Session, SessionStatus
from relais.design.models import AgendaModule
from relais.programmes.indicators import Formula, register_formula

DELIVERED = (SessionStatus.DELIVERED, SessionStatus.CLOSED)
ONE_DECIMAL = Decimal("0.1")


def _delivered_until(programme: Any, end: dt.date) -> QuerySet[Session]:
    """Delivered sessions of the programme that ended between its start and `end`."""
    return Session.objects.filter(
        programme=programme, status__in=DELIVERED, end_date__gte=programme.start_date, end_date__lte=end
    )


def _trained(programme: Any, end: dt.date) -> QuerySet[Registration]:
    """Registrations of people who attended a session of the programme that ended by `end`."""
    return Registration.objects.filter(
        session__programme=programme,
        status=RegistrationStatus.ATTENDED,
        session__end_date__gte=programme.start_date,
        session__end_date__lte=end,
    ).exclude(session__status=SessionStatus.CANCELLED)


def people_trained(programme: Any, start: dt.date, end: dt.date) -> int:
    """Distinct people who attended a session of the programme, from its start to `end`."""
    return _trained(programme, end).values("person_id").distinct().count()


def people_trained_women(programme: Any, start: dt.date, end: dt.date) -> int:
    return _trained(programme, end).filter(person__gender=Gender.FEMALE).values("person_id").distinct().count()


def people_trained_by(programme: Any, end: dt.date, by: str) -> dict[Any, int]:
    """People trained by "profession" or "country" (as registered) or "gender" (of the person): the
    disaggregation of people_trained. A person counted under two professions (registered differently in
    two sessions) counts once in each."""
    field = {"profession": "profession_id", "country": "country_id", "gender": "person__gender"}[by]
    rows = (
        _trained(programme, end)
        .values(field)
        .annotate(n=Count("person_id", distinct=True))
        .order_by()
        .values_list(field, "n")
    )
    return dict(rows)


def sessions_delivered(programme: Any, start: dt.date, end: dt.date) -> int:
    return _delivered_until(programme, end).count()


def training_hours(programme: Any, start: dt.date, end: dt.date) -> Decimal:
    """Hours of the agenda of each delivered session (its design's modules), added up."""
    per_design = dict(
        _delivered_until(programme, end)
        .values("design_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("design_id", "n")
    )
    minutes = dict(
        AgendaModule.objects.filter(day__design_id__in=list(per_design))
        .values("day__design_id")
        .annotate(m=Sum("duration_minutes"))
        .order_by()
        .values_list("day__design_id", "m")
    )
    total = sum((minutes.get(design, 0) or 0) * n for design, n in per_design.items())
    return (Decimal(total) / 60).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def countries_reached(programme: Any, start: dt.date, end: dt.date) -> int:
    return _delivered_until(programme, end).values("country_id").distinct().count()


def attendance_rate(programme: Any, start: dt.date, end: dt.date) -> Decimal | None:
    """Days present over days expected, in percent, for the participants (registered or attended) of the
    sessions delivered in the period; None when no one was expected."""
    sessions = Session.objects.filter(programme=programme, status__in=DELIVERED, end_date__gte=start, end_date__lte=end)
    expected_by = Q(registrations__status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED])
    expected = sum(
        ((last - first).days + 1) * n
        for first, last, n in sessions.annotate(n=Count("registrations", filter=expected_by)).values_list(
            "start_date", "end_date", "n"
        )
    )
    if not expected:
        return None
    present = Attendance.objects.filter(
        registration__session__in=sessions,
        registration__status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED],
        present=True,
        day__gte=F("registration__session__start_date"),
        day__lte=F("registration__session__end_date"),
    ).count()
    return (Decimal(present) * 100 / expected).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


FORMULAS = [
    Formula(
        "delivery.people_trained",
        _("People trained"),
        _("people"),
        people_trained,
        description=_(
            "Distinct people who attended a session of the programme, from the programme's start to the end "
            "of the period (cumulative)."
        ),
    ),
    Formula(
        "delivery.people_trained_women",
        _("Women trained"),
        _("women"),
        people_trained_women,
        description=_(
            "Distinct women who attended a session of the programme, from the programme's start to the end of "
            "the period (cumulative)."
        ),
    ),
    Formula(
        "delivery.sessions_delivered",
        _("Sessions delivered"),
        _("sessions"),
        sessions_delivered,
        description=_(
            "Sessions delivered or closed, from the programme's start to the end of the period (cumulative)."
        ),
    ),
    Formula(
        "delivery.training_hours",
        _("Hours of training delivered"),
        _("hours"),
        training_hours,
        description=_(
            "Hours of the agenda of each delivered session, added up, from the programme's start to the end of "
            "the period (cumulative)."
        ),
    ),
    Formula(
        "delivery.countries_reached",
        _("Countries reached by sessions"),
        _("countries"),
        countries_reached,
        description=_(
            "Countries where at least one session was delivered, from the programme's start to the end of the "
            "period (cumulative)."
        ),
    ),
    Formula(
        "delivery.attendance_rate",
        _("Attendance rate"),
        _("% of expected days"),
        attendance_rate,
        description=_(
            "Days on which participants (registered or attended) were present, out of the days they were "
            "expected, in the sessions delivered in the period."
        ),
    ),
]


def register() -> None:
    for formula in FORMULAS:
        register_formula(formula)
