"""Sessions pages: list, month calendar, new session from a design, the session page, edit, cancel,
duplicate, and the .ics exports. Thin: find what the user may reach (404 otherwise), validate, call one
service, redirect or render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import select_template
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _

from relais.accounts.models import User
from relais.core.http import is_htmx
from relais.core.models import Country
from relais.delivery import selectors_sessions as sel
from relais.delivery import services_sessions as services
from relais.delivery.calendar_ics import sessions_calendar
from relais.delivery.forms_sessions import (
    CancelForm,
    DesignChoiceForm,
    DuplicateForm,
    SessionFilterForm,
    SessionForm,
    month_value,
)
from relais.delivery.models import Session, SessionStatus
from relais.delivery.scoping import (
    countries_for_sessions,
    may_manage,
    may_record_attendance,
    session_for_managing,
    session_get,
)
from relais.design.checker import check_design, rules_stamp

PAGE_SIZE = 50
REGISTRATIONS_PANEL = "delivery/registrations/partials/session_panel.html"
ICS = "text/calendar; charset=utf-8"


def _reader(request: HttpRequest) -> None:
    """The sessions pages are for the roles that see sessions; the others get 404."""
    if not sel.may_read_sessions(user=request.user):
        raise Http404


def _filters(request: HttpRequest) -> tuple[SessionFilterForm, sel.SessionFilters]:
    form = SessionFilterForm(request.GET or None, choices=sel.filter_choices(user=request.user))
    filters = sel.SessionFilters()
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        filters = sel.SessionFilters(
            programme=d["programme"].pk if d["programme"] else None,
            country=d["country"].pk if d["country"] else None,
            theme=d["theme"].pk if d["theme"] else None,
            status=d["status"],
            date_from=d["date_from"],
            date_to=d["date_to"],
            query=d["q"].strip(),
        )
    return form, filters


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    _reader(request)
    form, filters = _filters(request)
    page = Paginator(sel.session_list(user=request.user, filters=filters), PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = sel.with_registration_counts(page.object_list)
    context = {
        "form": form,
        "page": page,
        "filters": filters,
        # One programme in sight: no need for a column that repeats it.
        "show_programme": form.fields["programme"].queryset.count() > 1,  # type: ignore[attr-defined]
        "may_create": sel.designs_for_sessions(user=request.user).exists(),
        "calendar_query": request.GET.urlencode(),
    }
    if is_htmx(request):
        return render(request, "delivery/sessions/partials/session_table.html", context)
    return render(request, "delivery/sessions/list.html", context)


@login_required
def session_calendar(request: HttpRequest) -> HttpResponse:
    _reader(request)
    form, filters = _filters(request)
    today = timezone.localdate()
    month = sel.parse_month(request.GET.get("month"), today=today)
    grid = sel.month_calendar(user=request.user, month=month, filters=filters)
    query = request.GET.copy()
    query.pop("month", None)
    query.pop("page", None)
    context = {
        "form": form,
        "grid": grid,
        "today": today,
        "month": month,
        "month_value": month_value(month),
        "previous_value": month_value(grid.previous),
        "next_value": month_value(grid.next),
        "this_month_value": month_value(today),
        "extra_query": query.urlencode(),
        "filtered": filters != sel.SessionFilters(),
    }
    return render(request, "delivery/sessions/calendar.html", context)


def _session_form(
    request: HttpRequest, *, programme: Any, data: Any, initial: dict[str, Any], keep: Session | None = None
) -> SessionForm:
    countries = Q(pk__in=countries_for_sessions(user=request.user, programme=programme).values("pk"))
    trainers = Q(pk__in=sel.trainers_of(programme=programme).values("pk"))
    if keep is not None:  # a session keeps its country and trainers, even if they have left the programme since
        countries |= Q(pk=keep.country_id)
        trainers |= Q(pk__in=keep.trainers.values("pk"))
    return SessionForm(
        data,
        countries=Country.objects.filter(countries),
        trainers=User.objects.filter(trainers).order_by("full_name", "email"),
        languages_first=[lang.pk for lang in initial.get("languages", [])],
        initial=initial,
    )


def _apply_errors(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
def session_new(request: HttpRequest) -> HttpResponse:
    designs = sel.designs_for_sessions(user=request.user)
    if not designs.exists():
        raise Http404
    chosen = request.POST.get("design") or request.GET.get("design")
    if not chosen:
        choice = DesignChoiceForm(designs=designs)
        return render(request, "delivery/sessions/choose_design.html", {"choice": choice})
    design = sel.design_for_sessions(user=request.user, pk=chosen)
    initial = {
        "languages": [*design.working_languages.all(), *design.interpretation_languages.all()],
        "status": SessionStatus.PLANNED,
        "capacity": sel.design_seats(design=design),
        "country": sel.suggested_country(user=request.user, design=design),
    }
    form = _session_form(
        request, programme=design.programme, data=request.POST if request.method == "POST" else None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(actor=request.user, design=design, request=request, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Session created."))
            _warn(request, session)
            return redirect("delivery:session", pk=session.pk)
    context = {"form": form, "design": design, "report": check_design(design)}
    return render(request, "delivery/sessions/new.html", context)


def _warn(request: HttpRequest, session: Session) -> None:
    if not session.design.check_passed:
        messages.warning(request, _("The design of this session does not pass its check: see the rules that fail."))
    warning = services.dates_warning(design=session.design, start_date=session.start_date, end_date=session.end_date)
    if warning:
        messages.warning(request, warning)


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_get(user=request.user, pk=pk)
    try:
        select_template([REGISTRATIONS_PANEL])
        has_registrations_panel = True
    except TemplateDoesNotExist:
        has_registrations_panel = False
    design = session.design
    context = {
        "session": session,
        "may_manage": may_manage(user=request.user, session=session),
        "may_record_attendance": may_record_attendance(user=request.user, session=session),
        "design_visible": sel.design_visible_to(user=request.user, design=design),
        # The agenda, its materials and the design's check are read only when their cached fragments
        # are missing (keyed by the design's version, the session's dates and the rules' settings).
        "agenda": SimpleLazyObject(lambda: sel.SessionAgendaView.of(session)),
        "report": SimpleLazyObject(lambda: check_design(design)),
        "rules_stamp": rules_stamp(),
        "session_days": sel.session_length(session),
        "dates_warning": services.dates_warning(
            design=design, start_date=session.start_date, end_date=session.end_date
        ),
        "summary": sel.registration_summary(session=session),
        "trainers": list(session.trainers.order_by("full_name", "email")),
        "languages": list(session.languages.order_by("position", "name_en")),
        "has_registrations_panel": has_registrations_panel,
        "duplicated_from": session_from(request, session.duplicated_from_id),
    }
    return render(request, "delivery/sessions/detail.html", context)


def session_from(request: HttpRequest, pk: int | None) -> Session | None:
    """The session this one was copied from, if the user may see it."""
    if pk is None:
        return None
    try:
        return session_get(user=request.user, pk=pk)
    except Http404:
        return None


def _form_data(session: Session) -> dict[str, Any]:
    return {
        "title": session.title,
        "country": session.country_id,
        "city": session.city,
        "venue": session.venue,
        "start_date": session.start_date,
        "end_date": session.end_date,
        "capacity": session.capacity,
        "languages": list(session.languages.all()),
        "trainers": list(session.trainers.all()),
        "status": session.status if session.status != SessionStatus.CANCELLED else SessionStatus.PLANNED,
        "notes": session.notes,
    }


@login_required
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_for_managing(user=request.user, pk=pk)
    data = request.POST if request.method == "POST" else None
    form = _session_form(request, programme=session.programme, data=data, initial=_form_data(session), keep=session)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(actor=request.user, session=session, request=request, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Session saved."))
            _warn(request, session)
            return redirect("delivery:session", pk=session.pk)
    return render(request, "delivery/sessions/edit.html", {"form": form, "session": session})


@login_required
def session_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_for_managing(user=request.user, pk=pk)
    form = CancelForm(request.POST if request.method == "POST" else None)
    if session.status != SessionStatus.CANCELLED and request.method == "POST" and form.is_valid():
        try:
            services.session_cancel(
                actor=request.user, session=session, reason=form.cleaned_data["reason"], request=request
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Session cancelled. It stays in the list, marked as cancelled."))
            return redirect("delivery:session", pk=session.pk)
    return render(request, "delivery/sessions/cancel.html", {"form": form, "session": session})


@login_required
def session_duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_for_managing(user=request.user, pk=pk)
    form = DuplicateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            copy = services.session_duplicate(actor=request.user, session=session, request=request, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Session duplicated on the new dates, without its registrations."))
            _warn(request, copy)
            return redirect("delivery:session", pk=copy.pk)
    return render(request, "delivery/sessions/duplicate.html", {"form": form, "session": session})


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=ICS)
    response["Content-Disposition"] = content_disposition_header(True, filename) or ""
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def session_ics(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_get(user=request.user, pk=pk)
    url = request.build_absolute_uri(reverse("delivery:session", kwargs={"pk": session.pk}))
    content = sessions_calendar(
        [session], {session.pk: sel.session_agenda(session=session)}, name=session.title, urls={session.pk: url}
    )
    return _ics_response(content, f"session-{session.pk}-{slugify(session.title)[:60].strip('-')}.ics")


@login_required
def programme_ics(request: HttpRequest, pk: int) -> HttpResponse:
    programme = sel.programme_for_calendar(user=request.user, pk=pk)
    sessions = list(sel.programme_sessions(user=request.user, programme=programme))
    urls = {s.pk: request.build_absolute_uri(reverse("delivery:session", kwargs={"pk": s.pk})) for s in sessions}
    content = sessions_calendar(sessions, sel.agendas_for(sessions), name=programme.title, urls=urls)
    return _ics_response(content, f"sessions-{programme.code}.ics")
