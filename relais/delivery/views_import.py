"""Importing a participant list: upload (a file that cannot be read as a spreadsheet is refused there,
and not kept) → preview (every problem, the column mapping, what would change;
nothing written) → confirm (all rows or none). The template to fill in is downloadable.

The uploaded file waits server-side (relais.core.uploads, never in the form): another user, or the
same user after expiry, gets 404. Confirming reads it again, checks it again and writes everything in one transaction.
"""

from __future__ import annotations

import hashlib
import os
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from relais.core.uploads import upload_forget, upload_keep, upload_load
from relais.delivery import scoping, services_registrations
from relais.delivery.exports_participants import XLSX, template_xlsx
from relais.delivery.forms_registrations import ENCODING_CHOICES, ColumnMappingForm, ImportUploadForm, mapping_from
from relais.delivery.import_files import ENCODINGS, FileRefused, read_sheet
from relais.delivery.models import ImportRecord, Session
from relais.delivery.services_registrations import ImportOutcome, ImportRefused

PREVIEW_ROWS = 200


def _owner(session: Session) -> str:
    return f"session:{session.pk}"


# --- Pages ---------------------------------------------------------------------------------------------


@login_required
def registration_import(request: HttpRequest, pk: int) -> HttpResponse:
    session = scoping.session_for_managing(user=request.user, pk=pk)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:  # a file that cannot be read at all is refused here, and never kept
            read_sheet(data)
        except FileRefused as refusal:
            form.add_error("file", refusal.message)
        else:
            token = upload_keep(
                request, owner=_owner(session), data=data, filename=os.path.basename(upload.name or "list")
            )
            return redirect("delivery:registration_import_preview", pk=session.pk, token=token)
    previous = ImportRecord.objects.filter(session=session).select_related("imported_by")[:5]
    context = {"session": session, "form": form, "previous": previous}
    return render(request, "delivery/imports/upload.html", context, status=400 if form.errors else 200)


def _encoding(data: Any) -> str | None:
    value = data.get("encoding", "")
    return value if value in ENCODINGS else None


@login_required
def registration_import_preview(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    session = scoping.session_for_managing(user=request.user, pk=pk)
    data, filename = upload_load(request, owner=_owner(session), token=token)
    params = request.POST if request.method == "POST" else request.GET
    mapping, encoding = mapping_from(params), _encoding(params)
    if request.method == "POST":
        try:
            outcome = services_registrations.participants_import(
                actor=request.user,
                session=session,
                data=data,
                filename=filename,
                mapping=mapping,
                encoding=encoding,
                request=request,
            )
        except ImportRefused:
            messages.error(request, _("Nothing was imported: the list still has problems."))
        else:
            upload_forget(request, token)
            _outcome_messages(request, outcome)
            return redirect("delivery:registrations", pk=session.pk)
    checked, plan = services_registrations.participants_check(
        session=session, data=data, mapping=mapping, encoding=encoding
    )
    sheet = checked.sheet
    form = ColumnMappingForm(columns=checked.columns)
    context = {
        "session": session,
        "token": token,
        "filename": filename,
        "checked": checked,
        "plan": plan,
        "form": form,
        "sheet": sheet,
        "encoding_label": ENCODINGS.get(sheet.encoding, "") if sheet else "",
        "rows": [(row, plan.statuses.get(row.row, "") if plan else "") for row in checked.rows[:PREVIEW_ROWS]],
        "encoding": encoding or "",
        "encodings": ENCODING_CHOICES,
        "more_rows": max(0, len(checked.rows) - PREVIEW_ROWS),
        "imported_before": ImportRecord.objects.filter(
            session=session, sha256=_sha256(data), registrations_created__gt=0
        ).first(),
    }
    status = 400 if checked.problems and request.method == "POST" else 200
    return render(request, "delivery/imports/preview.html", context, status=status)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _outcome_messages(request: HttpRequest, outcome: ImportOutcome) -> None:
    text = ngettext(
        "%(added)s added, %(already)s already there.", "%(added)s added, %(already)s already there.", outcome.added
    ) % {"added": outcome.added, "already": outcome.already}
    people = _("%(new)s new people recorded, %(known)s already known.") % {
        "new": outcome.people_created,
        "known": outcome.people_matched,
    }
    messages.success(request, f"{text} {people}")
    if outcome.waiting:
        text = ngettext(
            "The session is full: %(n)s person is on the waiting list.",
            "The session is full: %(n)s people are on the waiting list.",
            outcome.waiting,
        )
        messages.warning(request, text % {"n": outcome.waiting})


@login_required
def registration_import_template(request: HttpRequest, pk: int) -> HttpResponse:
    scoping.session_for_managing(user=request.user, pk=pk)
    response = HttpResponse(template_xlsx(), content_type=XLSX)
    name = _("participants-template") + ".xlsx"
    response["Content-Disposition"] = content_disposition_header(True, name) or ""
    response["Cache-Control"] = "private, no-store"
    return response
