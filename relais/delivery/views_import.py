"""Importing a participant list: upload → preview (every problem, the column mapping, what would change;
nothing written) → confirm (all rows or none). The template to fill in is downloadable.

The uploaded file waits server-side in storage under imports/<random>/ (never in the form), for
TOKEN_TTL seconds, listed in the uploader's session: another user, or the same user after expiry,
gets 404. Confirming reads it again, checks it again and writes everything in one transaction.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import time
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from relais.delivery import scoping, services_registrations
from relais.delivery.exports_participants import XLSX, template_xlsx
from relais.delivery.forms_registrations import ENCODING_CHOICES, ColumnMappingForm, ImportUploadForm, mapping_from
from relais.delivery.import_files import ENCODINGS
from relais.delivery.models import ImportRecord, Session
from relais.delivery.services_registrations import ImportOutcome, ImportRefused

TOKEN_TTL = 2 * 60 * 60
SESSION_KEY = "relais_imports"
PREVIEW_ROWS = 200
_TOKEN_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


# --- The waiting file ----------------------------------------------------------------------------------


def _entries(request: HttpRequest) -> dict[str, dict[str, Any]]:
    entries = request.session.get(SESSION_KEY, {})
    return entries if isinstance(entries, dict) else {}


def _delete(path: str) -> None:
    with contextlib.suppress(OSError, NotImplementedError):
        default_storage.delete(path)
        os.rmdir(default_storage.path(os.path.dirname(path)))


def _sweep(request: HttpRequest) -> None:
    """Forget and delete this user's expired uploads, and any upload left older than a day."""
    entries = _entries(request)
    now = time.time()
    for token, entry in list(entries.items()):
        if now - entry.get("at", 0) > TOKEN_TTL:
            _delete(entry.get("path", ""))
            del entries[token]
    request.session[SESSION_KEY] = entries
    with contextlib.suppress(OSError, NotImplementedError):
        folders, _files = default_storage.listdir("imports")
        for folder in folders:
            path = f"imports/{folder}/upload.bin"
            if default_storage.exists(path) and now - default_storage.get_modified_time(path).timestamp() > 86_400:
                _delete(path)


def _store(request: HttpRequest, session: Session, data: bytes, filename: str) -> str:
    _sweep(request)
    token = secrets.token_urlsafe(24)
    path = default_storage.save(f"imports/{token}/upload.bin", ContentFile(data))
    entries = _entries(request)
    entries[token] = {"path": path, "name": filename[:255], "session": session.pk, "at": time.time()}
    request.session[SESSION_KEY] = entries
    return token


def _load(request: HttpRequest, session: Session, token: str) -> tuple[bytes, str]:
    entry = _entries(request).get(token) if set(token) <= _TOKEN_CHARS else None
    if not entry or entry.get("session") != session.pk or time.time() - entry.get("at", 0) > TOKEN_TTL:
        raise Http404
    try:
        with default_storage.open(entry["path"], "rb") as handle:
            return handle.read(), entry["name"]
    except OSError:
        raise Http404 from None


def _forget(request: HttpRequest, token: str) -> None:
    entries = _entries(request)
    entry = entries.pop(token, None)
    if entry:
        _delete(entry["path"])
    request.session[SESSION_KEY] = entries


# --- Pages ---------------------------------------------------------------------------------------------


@login_required
def registration_import(request: HttpRequest, pk: int) -> HttpResponse:
    session = scoping.session_for_managing(user=request.user, pk=pk)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        token = _store(request, session, upload.read(), os.path.basename(upload.name or "list"))
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
    data, filename = _load(request, session, token)
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
            _forget(request, token)
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
