"""Writes of attendance: one person on one day, a whole day at once, and closing attendance.

The rule that links attendance to registration statuses (docs/attendance.md):

- Attendance may be recorded for every day of a session that is not cancelled, for the
  registrations expected there (registered, attended, did not come).
- While a session is planned or open, recording attendance changes no registration status.
- `session_attendance_close` (allowed once the session is delivered or closed) sets every expected
  registration to **attended** if the person was present on at least one day, else to **did not
  come**. From then on — as long as the session is delivered or closed — every change of attendance
  keeps the status of that registration in step with the same rule.

Each write is atomic and leaves one audit event. Permission checks are the views' (scoping).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from relais.core.audit import audit_record
from relais.delivery.models import Attendance, Registration, RegistrationStatus, Session, SessionStatus
from relais.delivery.selectors_attendance import EXPECTED

# Sessions whose registration statuses follow attendance.
FOLLOWING = (SessionStatus.DELIVERED, SessionStatus.CLOSED)


def _recorder(actor: Any) -> Any:
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def _check_day(session: Session, day: dt.date) -> None:
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError(_("The session was cancelled: attendance cannot be recorded."))
    if not session.start_date <= day <= session.end_date:
        raise ValidationError(_("This day is not a day of the session."))


def _statuses_follow(session: Session, registration_ids: Collection[int]) -> tuple[int, int]:
    """Attended if present on at least one day of the session, else did not come; returns the counts."""
    ids = list(registration_ids)
    present = set(
        Attendance.objects.filter(
            registration_id__in=ids, present=True, day__gte=session.start_date, day__lte=session.end_date
        ).values_list("registration_id", flat=True)
    )
    attended = [pk for pk in ids if pk in present]
    absent = [pk for pk in ids if pk not in present]
    now = timezone.now()
    rows = Registration.objects.filter(session=session, status__in=EXPECTED)
    rows.filter(pk__in=attended).exclude(status=RegistrationStatus.ATTENDED).update(
        status=RegistrationStatus.ATTENDED, updated_at=now
    )
    rows.filter(pk__in=absent).exclude(status=RegistrationStatus.NO_SHOW).update(
        status=RegistrationStatus.NO_SHOW, updated_at=now
    )
    return len(attended), len(absent)


@transaction.atomic
def attendance_set(
    *,
    actor: Any,
    session: Session,
    registration: Registration,
    day: dt.date,
    present: bool,
    request: HttpRequest | None = None,
) -> Attendance:
    """Records one person present or absent on one day of the session."""
    _check_day(session, day)
    if registration.session_id != session.pk or registration.status not in EXPECTED:
        raise ValidationError(_("This person is not expected at the session."))
    attendance, _created = Attendance.objects.update_or_create(
        registration=registration, day=day, defaults={"present": present, "recorded_by": _recorder(actor)}
    )
    if session.status in FOLLOWING:
        _statuses_follow(session, [registration.pk])
        registration.refresh_from_db(fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="attendance.recorded",
        obj=registration,
        details={"session": session.pk, "day": day.isoformat(), "present": present},
        request=request,
    )
    return attendance


@transaction.atomic
def attendance_record_day(
    *,
    actor: Any,
    session: Session,
    day: dt.date,
    present_ids: Collection[int],
    only_unrecorded: bool = False,
    request: HttpRequest | None = None,
) -> int:
    """Records a whole day: the registrations in `present_ids` present, every other expected one
    absent. With `only_unrecorded`, people already recorded that day keep what was recorded
    ("mark everyone present" leaves those marked absent absent). Returns the number of rows written."""
    _check_day(session, day)
    expected = list(Registration.objects.filter(session=session, status__in=EXPECTED).values_list("pk", flat=True))
    existing = Attendance.objects.filter(registration__session=session, day=day)
    recorded = set(existing.values_list("registration_id", flat=True))
    wanted = set(present_ids)
    by = _recorder(actor)
    now = timezone.now()
    written = 0
    if not only_unrecorded:
        targets = existing.filter(registration_id__in=expected)
        written += targets.filter(registration_id__in=wanted).update(present=True, recorded_by=by, recorded_at=now)
        written += targets.exclude(registration_id__in=wanted).update(present=False, recorded_by=by, recorded_at=now)
    new = [
        Attendance(registration_id=pk, day=day, present=pk in wanted, recorded_by=by)
        for pk in expected
        if pk not in recorded
    ]
    Attendance.objects.bulk_create(new)
    written += len(new)
    if session.status in FOLLOWING:
        _statuses_follow(session, expected)
    audit_record(
        actor=actor,
        action="attendance.day_recorded",
        obj=session,
        details={
            "day": day.isoformat(),
            "present": len(wanted & set(expected)),
            "written": written,
            "only_unrecorded": only_unrecorded,
        },
        request=request,
    )
    return written


def attendance_mark_all_present(
    *, actor: Any, session: Session, day: dt.date, request: HttpRequest | None = None
) -> int:
    """Marks present everyone not yet recorded that day; those already marked keep their mark."""
    everyone = Registration.objects.filter(session=session, status__in=EXPECTED).values_list("pk", flat=True)
    return attendance_record_day(
        actor=actor, session=session, day=day, present_ids=list(everyone), only_unrecorded=True, request=request
    )


@dataclass(frozen=True)
class CloseResult:
    attended: int
    no_show: int


@transaction.atomic
def session_attendance_close(*, actor: Any, session: Session, request: HttpRequest | None = None) -> CloseResult:
    """Sets each expected registration to attended (present at least one day) or did not come."""
    if session.status not in FOLLOWING:
        raise ValidationError(_("Attendance can be closed once the session has been delivered."))
    expected = list(Registration.objects.filter(session=session, status__in=EXPECTED).values_list("pk", flat=True))
    attended, no_show = _statuses_follow(session, expected)
    audit_record(
        actor=actor,
        action="attendance.closed",
        obj=session,
        details={"attended": attended, "no_show": no_show},
        request=request,
    )
    return CloseResult(attended=attended, no_show=no_show)
