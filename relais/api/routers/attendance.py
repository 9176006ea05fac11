"""Attendance of a session: every expected participant's marks on every day, with the rates the
attendance page shows; and recording marks. Who may: whoever may record the session's attendance
(administrators, the programme's managers, the coordinators of its country, its trainers), as on the
attendance page; everyone else gets 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from relais.api.problems import ApiProblem, field_error
from relais.api.schemas import changed, code_of, read
from relais.delivery import selectors_attendance as att
from relais.delivery.models import Attendance, Registration, Session, SessionStatus
from relais.delivery.scoping import may_record_attendance, may_see_personal_data, session_get
from relais.delivery.services_attendance import attendance_set

router = Router(tags=["Attendance"])

MAX_MARKS = 500


class AttendanceRowOut(Schema):
    registration_id: int
    person_id: int
    first_name: str | None = Field(None, description="Shown to the roles that see personal data")
    last_name: str | None = None
    status: str = Field(description="The registration's status: registered, attended or no_show")
    organisation: str = Field(description="The organisation as registered")
    profession: str | None = Field(None, description="Profession code (see /vocabularies)")
    days: dict[str, bool | None] = Field(
        description="Each day of the session (YYYY-MM-DD): true present, false absent, null not recorded yet"
    )
    present_days: int
    expected_days: int
    rate: float | None = Field(None, description="Present days over the session's days (0 to 1)")


class AttendanceDayRateOut(Schema):
    day: dt.date
    number: int = Field(description="1 for the first day of the session")
    expected: int
    present: int
    absent: int
    unrecorded: int
    rate: float | None = Field(None, description="Present over expected (0 to 1); a day not recorded counts absent")


class AttendanceOut(Schema):
    session_id: int
    session_status: str
    recordable: bool = Field(description="Whether attendance may be recorded (not for a cancelled session)")
    days: list[dt.date]
    rows: list[AttendanceRowOut] = Field(description="The expected participants, by last name")
    day_rates: list[AttendanceDayRateOut]
    participant_count: int
    present: int = Field(description="Present person-days")
    expected: int = Field(description="Expected person-days (participants × days)")
    rate: float | None = Field(None, description="Present over expected person-days (0 to 1)")


class AttendanceMarkIn(Schema):
    registration_id: int = Field(ge=1, description="A registration of this session expected there")
    day: dt.date = Field(description="A day of the session (YYYY-MM-DD)")
    present: bool


class AttendanceIn(Schema):
    marks: list[AttendanceMarkIn] = Field(
        max_length=MAX_MARKS, description="Marks to record; the days and people not listed keep what they have"
    )


def session_for_attendance(user: Any, session_id: int) -> Session:
    """The session if the user may record its attendance, else 404 (as the attendance page)."""
    session = session_get(user=user, pk=session_id)
    if not may_record_attendance(user=user, session=session):
        raise Http404
    return session


def attendance_out(user: Any, session: Session) -> AttendanceOut:
    days = att.session_days(session)
    registrations = att.expected_registrations(session)
    rates = att.attendance_rates(session)
    marks: dict[tuple[int, dt.date], bool] = {
        (registration_id, day): present
        for registration_id, day, present in Attendance.objects.filter(
            registration__session=session, day__gte=session.start_date, day__lte=session.end_date
        ).values_list("registration_id", "day", "present")
    }
    names = may_see_personal_data(user=user)
    rows = []
    for r in registrations:
        rate = rates.participants.get(r.pk)
        profession = r.profession or r.person.profession
        rows.append(
            AttendanceRowOut(
                registration_id=r.pk,
                person_id=r.person_id,
                first_name=r.person.first_name if names else None,
                last_name=r.person.last_name if names else None,
                status=r.status,
                organisation=att.organisation_label(r),
                profession=code_of(profession),
                days={d.isoformat(): marks.get((r.pk, d)) for d in days},
                present_days=rate.present_days if rate else 0,
                expected_days=rate.expected_days if rate else len(days),
                rate=rate.rate if rate else None,
            )
        )
    return AttendanceOut(
        session_id=session.pk,
        session_status=session.status,
        recordable=session.status != SessionStatus.CANCELLED,
        days=days,
        rows=rows,
        day_rates=[
            AttendanceDayRateOut(
                day=d.day,
                number=d.number,
                expected=d.expected,
                present=d.present,
                absent=d.absent,
                unrecorded=d.unrecorded,
                rate=d.rate,
            )
            for d in rates.days
        ],
        participant_count=rates.participant_count,
        present=rates.present,
        expected=rates.expected,
        rate=rates.rate,
    )


@router.get(
    "/sessions/{session_id}/attendance",
    response=read(AttendanceOut),
    summary="Read a session's attendance",
)
def attendance_read(request: HttpRequest, session_id: int) -> AttendanceOut:
    """Every expected participant (registered, attended or did not come) with their mark on each day of
    the session, and the attendance rates per day, per participant and for the session."""
    session = session_for_attendance(request.user, session_id)
    return attendance_out(request.user, session)


def _checked_marks(session: Session, marks: list[AttendanceMarkIn]) -> dict[int, Registration]:
    """The registrations the marks name, or 422 naming every wrong mark (nothing is written then)."""
    registrations = {
        r.pk: r for r in Registration.objects.filter(pk__in={m.registration_id for m in marks}, session=session)
    }
    errors = []
    seen: set[tuple[int, dt.date]] = set()
    for n, mark in enumerate(marks):
        registration = registrations.get(mark.registration_id)
        if registration is None:
            errors.append(field_error(f"marks.{n}.registration_id", _("This is not a registration of this session.")))
        elif registration.status not in att.EXPECTED:
            errors.append(
                field_error(
                    f"marks.{n}.registration_id",
                    _("This person is not expected at the session (invited, on the waiting list or withdrawn)."),
                )
            )
        if not session.start_date <= mark.day <= session.end_date:
            errors.append(
                field_error(
                    f"marks.{n}.day",
                    _("This day is not a day of the session (%(start)s to %(end)s).")
                    % {"start": session.start_date.isoformat(), "end": session.end_date.isoformat()},
                )
            )
        if (mark.registration_id, mark.day) in seen:
            errors.append(field_error(f"marks.{n}", _("This person and day are already marked earlier in the list.")))
        seen.add((mark.registration_id, mark.day))
    if errors:
        raise ApiProblem(
            422,
            "invalid",
            _("The request has errors"),
            _("Nothing was recorded: correct the marks listed in errors and send them again."),
            errors=errors,
        )
    return registrations


@router.put(
    "/sessions/{session_id}/attendance",
    response=changed(AttendanceOut),
    summary="Record attendance marks",
)
def attendance_record(request: HttpRequest, session_id: int, payload: AttendanceIn) -> AttendanceOut:
    """Records each mark (a registration present or absent on a day), as the attendance page does one
    tap at a time; people and days not listed keep what they have. All marks are recorded or none:
    a wrong mark gives 422 with its place (`marks.<index>.day`, `marks.<index>.registration_id`).
    Once the session is delivered or closed, registration statuses follow attendance."""
    session = session_for_attendance(request.user, session_id)
    if session.status == SessionStatus.CANCELLED:
        raise ApiProblem(
            409,
            "conflict",
            _("The session was cancelled"),
            _("The session was cancelled: attendance cannot be recorded."),
        )
    registrations = _checked_marks(session, payload.marks)
    with transaction.atomic():
        for mark in payload.marks:
            attendance_set(
                actor=request.user,
                session=session,
                registration=registrations[mark.registration_id],
                day=mark.day,
                present=mark.present,
                request=request,
            )
    return attendance_out(request.user, session)
