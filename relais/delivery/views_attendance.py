"""Attendance pages: the day's list on a tablet, marking people present or absent (htmx, or plain
forms without JavaScript), closing attendance, rates, and the printable sign-in sheet.

Who may: whoever may record attendance of the session (administrators, the programme's managers,
the coordinators of its country, its trainers); everyone else gets 404, as if it did not exist.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from relais.core.http import is_htmx
from relais.core.registry import path_for
from relais.delivery import selectors_attendance as att
from relais.delivery.documents.signin_pdf import signin_build, signin_pdf
from relais.delivery.models import Registration, Session, SessionStatus
from relais.delivery.scoping import may_record_attendance, session_get
from relais.delivery.services_attendance import (
    FOLLOWING,
    attendance_mark_all_present,
    attendance_set,
    session_attendance_close,
)
from relais.delivery.services_certificates import documents_downloaded

PDF = "application/pdf"


def session_for_attendance(user: Any, pk: int) -> Session:
    """The session if `user` may record its attendance, else Http404 (never a hint that it exists)."""
    session = session_get(user=user, pk=pk)
    if not may_record_attendance(user=user, session=session):
        raise Http404
    return session


def _day(session: Session, value: str) -> dt.date:
    day = att.day_parse(session, value)
    if day is None:
        raise Http404
    return day


def questionnaires_url(request: HttpRequest, session: Session) -> str:
    """The absolute address of the participants' page of the session's questionnaires (printed as a
    QR code on the sign-in sheet): served by the evaluation app, which registers it (unguessable)."""
    path = path_for("session_questionnaires", session) or f"/sessions/{session.pk}/"
    return request.build_absolute_uri(path)


def _percent(rate: float | None) -> int | None:
    return None if rate is None else round(rate * 100)


def _page_url(session: Session, day: dt.date, anchor: str = "") -> str:
    url = f"{reverse('delivery:attendance', kwargs={'pk': session.pk})}?day={day.isoformat()}"
    return f"{url}#{anchor}" if anchor else url


def _summary(session: Session, day: dt.date, rows: list[att.SheetRow] | None = None) -> dict[str, Any]:
    """What the counts and rates blocks show (swapped out of band after each mark)."""
    rates = att.attendance_rates(session)
    today = rates.days[att.day_number(session, day) - 1]
    return {
        "rates": rates,
        "today": today,
        "today_percent": _percent(today.rate),
        "session_percent": _percent(rates.rate),
        "day_rates": [{"rate": d, "percent": _percent(d.rate)} for d in rates.days],
        "last_mark": max((r.mark for r in rows or [] if r.mark is not None), key=lambda m: m.recorded_at, default=None),
    }


def _rows_with_rates(rows: list[att.SheetRow], rates: att.AttendanceRates) -> list[dict[str, Any]]:
    return [{"row": row, "rate": rates.participants.get(row.registration.pk)} for row in rows]


def _context(session: Session, day: dt.date) -> dict[str, Any]:
    rows = att.day_sheet(session, day)
    summary = _summary(session, day, rows)
    days = att.session_days(session)
    return {
        "session": session,
        "day": day,
        "day_iso": day.isoformat(),
        "day_number": att.day_number(session, day),
        "day_count": len(days),
        "tabs": [
            {"day": d, "number": n, "url": _page_url(session, d), "current": d == day}
            for n, d in enumerate(days, start=1)
        ],
        "entries": _rows_with_rates(rows, summary["rates"]),
        "may_record": session.status != SessionStatus.CANCELLED,
        "may_close": session.status in FOLLOWING,
        **summary,
    }


@login_required
@require_GET
def attendance_page(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_for_attendance(request.user, pk)
    value = request.GET.get("day")
    day = _day(session, value) if value else att.day_default(session, timezone.localdate())
    return render(request, "delivery/attendance/page.html", _context(session, day))


class MarkForm(forms.Form):
    registration = forms.IntegerField(min_value=1)
    present = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1")


def _refresh(request: HttpRequest, session: Session, day: dt.date, registration: Registration) -> HttpResponse:
    """The htmx answer to a mark: the person's row, and the counts and rates out of band."""
    row = att.sheet_row(registration, day)
    summary = _summary(session, day, [row])
    rates = summary["rates"]
    context = {
        "session": session,
        "day": day,
        "day_iso": day.isoformat(),
        "entry": _rows_with_rates([row], rates)[0],
        "may_record": True,
        "oob": True,
        **summary,
    }
    return render(request, "delivery/attendance/partials/mark_response.html", context)


@login_required
@require_POST
def attendance_mark(request: HttpRequest, pk: int, day: str) -> HttpResponse:
    session = session_for_attendance(request.user, pk)
    when = _day(session, day)
    form = MarkForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("Choose a person and whether they are present."), status=400)
    registration = get_object_or_404(
        Registration.objects.select_related("person", "person__organisation", "person__profession", "profession"),
        pk=form.cleaned_data["registration"],
        session=session,
        status__in=att.EXPECTED,
    )
    try:
        attendance_set(
            actor=request.user,
            session=session,
            registration=registration,
            day=when,
            present=form.cleaned_data["present"],
            request=request,
        )
    except ValidationError as error:
        if is_htmx(request):
            return HttpResponse(" ".join(error.messages), status=400)
        messages.error(request, " ".join(error.messages))
    if is_htmx(request):
        return _refresh(request, session, when, registration)
    return redirect(_page_url(session, when, f"reg-{registration.pk}"))


@login_required
@require_POST
def attendance_all_present(request: HttpRequest, pk: int, day: str) -> HttpResponse:
    session = session_for_attendance(request.user, pk)
    when = _day(session, day)
    try:
        written = attendance_mark_all_present(actor=request.user, session=session, day=when, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Everyone not yet recorded is marked present (%(count)d).") % {"count": written})
    return redirect(_page_url(session, when))


@login_required
@require_POST
def attendance_close(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_for_attendance(request.user, pk)
    value = request.POST.get("day")
    back = att.day_parse(session, value) or session.start_date
    try:
        result = session_attendance_close(actor=request.user, session=session, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Statuses set from attendance: %(attended)d attended, %(no_show)d did not come.")
            % {"attended": result.attended, "no_show": result.no_show},
        )
    return redirect(_page_url(session, back))


@login_required
@require_GET
def attendance_signin_pdf(request: HttpRequest, pk: int, day: str) -> HttpResponse:
    session = session_for_attendance(request.user, pk)
    when = _day(session, day)
    started = time.perf_counter()
    sheet = signin_build(
        session, when, questionnaires_url=questionnaires_url(request, session), generated_on=timezone.localdate()
    )
    content = signin_pdf(sheet)
    documents_downloaded(
        actor=request.user,
        session=session,
        what=f"sign-in sheet {when.isoformat()}",
        count=len(sheet.rows),
        request=request,
    )
    response = HttpResponse(content, content_type=PDF)
    response["Content-Disposition"] = content_disposition_header(True, f"{sheet.filename_stem}.pdf") or ""
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Server-Timing"] = f"pdf;dur={(time.perf_counter() - started) * 1000:.0f}"
    return response
