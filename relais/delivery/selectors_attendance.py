"""Reads of attendance: the days of a session, who is expected, the day's list and attendance rates.

Who is expected: the registrations whose status is registered, attended or did not come
(EXPECTED). Invited people, the waiting list and withdrawals are not on the attendance list, the
sign-in sheet or in the rates. Every function here reads a fixed number of queries, whatever the
number of participants; permission checks are the caller's (relais.delivery.scoping).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet, Sum

from relais.delivery.models import Attendance, Registration, RegistrationStatus, Session
from relais.delivery.names import name_key
from relais.design.models import AgendaDay

EXPECTED = (RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED, RegistrationStatus.NO_SHOW)


def session_days(session: Session) -> list[dt.date]:
    """Every calendar day from the first to the last day of the session."""
    count = (session.end_date - session.start_date).days + 1
    return [session.start_date + dt.timedelta(days=n) for n in range(max(count, 0))]


def day_number(session: Session, day: dt.date) -> int:
    """1 for the first day of the session."""
    return (day - session.start_date).days + 1


def day_parse(session: Session, value: str | None) -> dt.date | None:
    """The day named by `value` (YYYY-MM-DD) if it is one of the session's days; None otherwise."""
    try:
        day = dt.date.fromisoformat(value or "")
    except ValueError:
        return None
    return day if session.start_date <= day <= session.end_date else None


def day_default(session: Session, today: dt.date) -> dt.date:
    """Today while the session runs, else its first day (before) or its last day (after)."""
    return min(max(today, session.start_date), session.end_date)


def _sort_key(registration: Registration) -> tuple[str, str, int]:
    person = registration.person
    return (name_key(person.last_name), name_key(person.first_name), registration.pk)


def expected_registrations(session: Session) -> list[Registration]:
    """The registrations on the attendance list, by last name (accents and alphabet ignored)."""
    rows = (
        Registration.objects.filter(session=session, status__in=EXPECTED)
        .select_related("person", "person__organisation", "person__profession", "organisation", "profession")
        .order_by()
    )
    return sorted(rows, key=_sort_key)


def organisation_label(registration: Registration) -> str:
    """The organisation as registered, else the registration's or the person's organisation."""
    if registration.organisation_name:
        return registration.organisation_name
    organisation = registration.organisation or registration.person.organisation
    return str(organisation) if organisation else ""


def profession_label(registration: Registration) -> str:
    profession = registration.profession or registration.person.profession
    return profession.name if profession else ""


@dataclass(frozen=True)
class Mark:
    """One recorded day of one registration."""

    present: bool
    recorded_by: str
    recorded_at: dt.datetime


@dataclass(frozen=True)
class SheetRow:
    registration: Registration
    mark: Mark | None  # None: not recorded yet

    @property
    def organisation(self) -> str:
        return organisation_label(self.registration)

    @property
    def state(self) -> str:
        if self.mark is None:
            return "unrecorded"
        return "present" if self.mark.present else "absent"


def _mark(attendance: Attendance) -> Mark:
    user = attendance.recorded_by
    who = (user.full_name or user.email) if user is not None else ""
    return Mark(present=attendance.present, recorded_by=who, recorded_at=attendance.recorded_at)


def day_sheet(session: Session, day: dt.date) -> list[SheetRow]:
    """The attendance list of one day: every expected registration with what was recorded."""
    registrations = expected_registrations(session)
    marks = {
        a.registration_id: _mark(a)
        for a in Attendance.objects.filter(registration__session=session, day=day).select_related("recorded_by")
    }
    return [SheetRow(registration=r, mark=marks.get(r.pk)) for r in registrations]


def sheet_row(registration: Registration, day: dt.date) -> SheetRow:
    attendance = Attendance.objects.filter(registration=registration, day=day).select_related("recorded_by").first()
    return SheetRow(registration=registration, mark=_mark(attendance) if attendance else None)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class DayRate:
    day: dt.date
    number: int
    expected: int
    present: int
    absent: int

    @property
    def unrecorded(self) -> int:
        return self.expected - self.present - self.absent

    @property
    def rate(self) -> float | None:
        return _share(self.present, self.expected)


@dataclass(frozen=True)
class ParticipantRate:
    registration_id: int
    present_days: int
    expected_days: int

    @property
    def rate(self) -> float | None:
        return _share(self.present_days, self.expected_days)


@dataclass(frozen=True)
class AttendanceRates:
    """Present days over expected days: per day, per participant and for the whole session.

    A day that is not recorded counts as not present: the rate of a day being recorded grows as
    people are marked. Expected days of a participant are all the days of the session."""

    days: tuple[DayRate, ...]
    participants: dict[int, ParticipantRate]  # by registration id
    present: int
    expected: int

    @property
    def rate(self) -> float | None:
        return _share(self.present, self.expected)

    @property
    def participant_count(self) -> int:
        return len(self.participants)


def attendance_rates(session: Session) -> AttendanceRates:
    """The attendance rates of `session`, in two queries."""
    days = session_days(session)
    registration_ids = list(
        Registration.objects.filter(session=session, status__in=EXPECTED).values_list("pk", flat=True)
    )
    present_by_day: dict[dt.date, int] = dict.fromkeys(days, 0)
    absent_by_day: dict[dt.date, int] = dict.fromkeys(days, 0)
    present_by_registration: dict[int, int] = dict.fromkeys(registration_ids, 0)
    rows = Attendance.objects.filter(
        registration__session=session,
        registration__status__in=EXPECTED,
        day__gte=session.start_date,
        day__lte=session.end_date,
    ).values_list("registration_id", "day", "present")
    for registration_id, day, present in rows:
        if present:
            present_by_day[day] += 1
            present_by_registration[registration_id] += 1
        else:
            absent_by_day[day] += 1
    expected = len(registration_ids)
    return AttendanceRates(
        days=tuple(
            DayRate(day=d, number=n, expected=expected, present=present_by_day[d], absent=absent_by_day[d])
            for n, d in enumerate(days, start=1)
        ),
        participants={
            pk: ParticipantRate(registration_id=pk, present_days=count, expected_days=len(days))
            for pk, count in present_by_registration.items()
        },
        present=sum(present_by_registration.values()),
        expected=expected * len(days),
    )


def agenda_minutes(session: Session) -> list[int]:
    """Minutes of teaching on each day of the design's agenda, in order (day 1 first)."""
    rows = (
        AgendaDay.objects.filter(design_id=session.design_id)
        .annotate(minutes=Sum("modules__duration_minutes"))
        .order_by("position", "id")
        .values_list("minutes", flat=True)
    )
    return [int(m or 0) for m in rows]


def present_days(registrations: QuerySet[Registration] | list[Any]) -> dict[int, list[dt.date]]:
    """The days each registration was present, by registration id."""
    ids = [r.pk for r in registrations]
    out: dict[int, list[dt.date]] = {pk: [] for pk in ids}
    rows = Attendance.objects.filter(registration_id__in=ids, present=True).order_by("day")
    for registration_id, day in rows.values_list("registration_id", "day"):
        out[registration_id].append(day)
    return out


def minutes_attended(session: Session, days: list[dt.date], minutes: list[int]) -> int:
    """Day n of the session is day n of the agenda; days beyond the agenda count no minutes."""
    total = 0
    for day in days:
        n = day_number(session, day)
        if 1 <= n <= len(minutes):
            total += minutes[n - 1]
    return total
