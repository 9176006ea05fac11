"""Participant lists (personal data) and their aggregates (no personal data), per session and per
programme, as XLSX or CSV. Lists are audited: they carry personal data out of the platform."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _

from relais.core.audit import audit_record
from relais.delivery import scoping
from relais.delivery.exports_participants import (
    CSV,
    XLSX,
    Table,
    list_queryset,
    participant_table,
    summary_long,
    summary_note,
    summary_tables,
    to_csv,
    to_xlsx,
)
from relais.delivery.models import Registration
from relais.delivery.selectors_registrations import (
    programme_for_list,
    programme_for_summary,
    programme_registrations_for_list,
    session_for_list,
)

FORMATS = ("xlsx", "csv")


def _file(tables: list[Table], fmt: str, stem: str, note: str = "") -> HttpResponse:
    if fmt == "csv":
        body, content_type = to_csv(tables[0] if len(tables) == 1 else summary_long(tables)), CSV
    else:
        if note:
            tables = [*tables, Table(title=_("About"), headers=[note], rows=[])]
        body, content_type = to_xlsx(tables), XLSX
    response = HttpResponse(body, content_type=content_type)
    name = f"{slugify(stem)[:60] or 'export'}-{timezone.localdate().isoformat()}.{fmt}"
    response["Content-Disposition"] = content_disposition_header(True, name) or ""
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _check(fmt: str) -> None:
    if fmt not in FORMATS:
        raise Http404


@login_required
def registrations_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    _check(fmt)
    session = session_for_list(user=request.user, pk=pk)
    registrations = list(list_queryset(Registration.objects.filter(session=session)))
    audit_record(
        actor=request.user,
        action="registration.exported",
        obj=session,
        details={"format": fmt, "rows": len(registrations)},
        request=request,
    )
    return _file([participant_table(registrations, with_session=False)], fmt, _("participants") + f" {session.title}")


@login_required
def registrations_summary(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    _check(fmt)
    session = scoping.session_get(user=request.user, pk=pk)
    tables = summary_tables(Registration.objects.filter(session=session))
    return _file(tables, fmt, _("summary") + f" {session.title}", summary_note())


@login_required
def programme_participants_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    _check(fmt)
    programme = programme_for_list(user=request.user, pk=pk)
    registrations = list(list_queryset(programme_registrations_for_list(user=request.user, programme=programme)))
    audit_record(
        actor=request.user,
        action="registration.exported",
        obj=programme,
        details={"format": fmt, "rows": len(registrations)},
        request=request,
    )
    return _file([participant_table(registrations, with_session=True)], fmt, _("participants") + f" {programme.code}")


@login_required
def programme_participants_summary(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    _check(fmt)
    programme = programme_for_summary(user=request.user, pk=pk)
    tables = summary_tables(Registration.objects.filter(session__programme=programme))
    return _file(tables, fmt, _("summary") + f" {programme.code}", summary_note())
