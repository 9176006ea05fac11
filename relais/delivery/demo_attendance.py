"""Demo attendance (DESIGN.md §5b): for the delivered and closed demo sessions, realistic daily
attendance of their registrations — most people present every day, some absent one day, a few who
never came — then statuses set from attendance and certificates issued.

Reads context.objects["sessions"] (the sessions step) and the registrations in the database (the
registrations step); does nothing when either is missing. Deterministic: the same demo every time.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from relais.core.demo import DemoContext, DemoStep, register_demo_step
from relais.delivery.models import Attendance, Certificate, Registration, Session
from relais.delivery.selectors_attendance import EXPECTED, session_days
from relais.delivery.services_attendance import FOLLOWING, attendance_record_day, session_attendance_close
from relais.delivery.services_certificates import certificates_issue

NO_SHOW = 0.05  # never came
MISSED_A_DAY = 0.12  # absent on one day of a session of several days


def _sessions(context: DemoContext) -> list[Session]:
    raw: Any = context.objects.get("sessions") or []
    items = list(raw.values()) if isinstance(raw, dict) else list(raw)
    return [s for s in items if isinstance(s, Session) and s.status in FOLLOWING]


def _at(day: dt.date, hour: int, minute: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _plan(session: Session, registration_ids: list[int]) -> dict[dt.date, set[int]]:
    """Who is present on each day."""
    days = session_days(session)
    rng = random.Random(f"{session.title}|{session.start_date.isoformat()}")  # noqa: S311 - demo data only
    present: dict[dt.date, set[int]] = {day: set() for day in days}
    for pk in registration_ids:
        roll = rng.random()
        if roll < NO_SHOW:
            continue
        missed = rng.choice(days) if len(days) > 1 and roll < NO_SHOW + MISSED_A_DAY else None
        for day in days:
            if day != missed:
                present[day].add(pk)
    return present


def _recorder(session: Session, context: DemoContext) -> Any:
    trainer = session.trainers.order_by("pk").first()
    return trainer or context.objects.get("user:manager")


def build_attendance(context: DemoContext) -> None:
    manager = context.objects.get("user:manager")
    for session in _sessions(context):
        ids = list(
            Registration.objects.filter(session=session, status__in=EXPECTED)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if not ids:
            continue
        recorder = _recorder(session, context)
        for n, (day, present) in enumerate(sorted(_plan(session, ids).items())):
            attendance_record_day(actor=recorder, session=session, day=day, present_ids=present)
            Attendance.objects.filter(registration__session=session, day=day).update(
                recorded_at=_at(day, 9, 10 + (n * 7) % 20)
            )
        session_attendance_close(actor=manager, session=session)
        made = certificates_issue(actor=manager, session=session, language="en")
        Certificate.objects.filter(pk__in=[c.pk for c in made]).update(
            issued_at=_at(session.end_date + dt.timedelta(days=3), 11, 0)
        )


def register() -> None:
    register_demo_step(DemoStep(key="attendance", order=43, run=build_attendance, is_loaded=Attendance.objects.exists))
