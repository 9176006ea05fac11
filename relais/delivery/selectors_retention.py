"""Retention periods (DESIGN.md §7): when a person's identity is due for erasure.

A person is due on the latest of their programmes' dates, each the last day of their latest session
in that programme plus the programme's `retention_months`. Someone who belongs to a programme
without a period is never due (that programme keeps them), and someone already anonymised never is.
A fixed number of queries whatever the number of people: one aggregate over the registrations,
one read of the programmes' periods.

Someone recorded but registered in no session belongs to no programme: no programme's period can
apply, and nothing justifies keeping them. They are due RELAIS_RETENTION_WITHOUT_SESSION_MONTHS
after their record last changed (24 by default; 0 keeps them until erased on request).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, Max, OuterRef, QuerySet

from relais.delivery.models import Person, Registration
from relais.programmes.models import Programme

SOON_DAYS = 30


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus whole months; the 31st of a shorter month becomes its last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Due:
    person_id: int
    due_on: dt.date
    last_session_end: dt.date


def due_dates(people: QuerySet[Person]) -> dict[int, Due]:
    """The people of `people` (not anonymised) who will be due one day, with the date."""
    rows = (
        Registration.objects.filter(person__in=people.filter(anonymised_at__isnull=True).values("pk"))
        .values("person_id", "session__programme_id")
        .annotate(last=Max("session__end_date"))
        .order_by()
    )
    periods: dict[int, int | None] = {}
    per_person: dict[int, list[tuple[int, dt.date]]] = {}
    for row in rows:
        per_person.setdefault(row["person_id"], []).append((row["session__programme_id"], row["last"]))
        periods.setdefault(row["session__programme_id"], None)
    periods.update(Programme.objects.filter(pk__in=list(periods)).values_list("pk", "retention_months"))
    found: dict[int, Due] = {}
    for person_id, programmes in per_person.items():
        if any(periods[p] is None for p, _last in programmes):
            continue
        due_on = max(add_months(last, periods[p] or 0) for p, last in programmes)
        found[person_id] = Due(person_id, due_on, max(last for _p, last in programmes))
    return found


def due_without_session(*, today: dt.date) -> list[Due]:
    """People registered in no session (not anonymised) whose record has not changed for
    RELAIS_RETENTION_WITHOUT_SESSION_MONTHS; none when the setting is 0. `last_session_end` is the
    day of the record's last change. One query."""
    months = settings.RELAIS_RETENTION_WITHOUT_SESSION_MONTHS
    if not months:
        return []
    # The last change must be on or before this day for the period to have ended by `today`.
    latest = add_months(today, -months)
    rows = (
        Person.objects.filter(anonymised_at__isnull=True, updated_at__date__lte=latest)
        .filter(~Exists(Registration.objects.filter(person=OuterRef("pk"))))
        .values_list("pk", "updated_at")
    )
    found = []
    for pk, updated_at in rows:
        changed = updated_at.date()
        found.append(Due(pk, add_months(changed, months), changed))
    return found


def due_people(*, today: dt.date, programme: Programme | None = None) -> list[Due]:
    """People due on or before `today` (of one programme, if given; otherwise also those registered
    in no session), by date then number."""
    people = Person.objects.all()
    if programme is not None:
        people = people.filter(pk__in=Registration.objects.filter(session__programme=programme).values("person_id"))
    found = [d for d in due_dates(people).values() if d.due_on <= today]
    if programme is None:
        found += due_without_session(today=today)
    return sorted(found, key=lambda d: (d.due_on, d.person_id))


@dataclass(frozen=True)
class RetentionPreview:
    due_now: list[Due]
    due_soon: list[Due]  # within SOON_DAYS after today
    period: int | None


def programme_retention(*, programme: Programme, today: dt.date) -> RetentionPreview:
    """The programme's people due now and those due in the next SOON_DAYS days."""
    people = Person.objects.filter(pk__in=Registration.objects.filter(session__programme=programme).values("person_id"))
    dues = sorted(due_dates(people).values(), key=lambda d: (d.due_on, d.person_id))
    horizon = today + dt.timedelta(days=SOON_DAYS)
    return RetentionPreview(
        due_now=[d for d in dues if d.due_on <= today],
        due_soon=[d for d in dues if today < d.due_on <= horizon],
        period=programme.retention_months,
    )
