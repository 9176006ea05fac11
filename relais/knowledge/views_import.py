"""Bulk import of a catalogue: upload (the metadata sheet and a ZIP of files) → preview (every problem
by row and column, what importing would create, update or leave; nothing written) → confirm (every
row or none). The template to fill in is downloadable. Managers only (scoping.may_manage); others 404.

Both uploads wait server-side for their uploader (relais.core.uploads, never in the page); the
ZIP's token is kept in the session beside the sheet's. Confirming reads both again, checks
everything again and writes in one transaction.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from relais.core.models import AuditEvent
from relais.core.uploads import SESSION_KEY as UPLOADS_KEY
from relais.core.uploads import upload_forget, upload_keep, upload_load
from relais.knowledge import scoping
from relais.knowledge.import_documents import (
    IMPORT_ACTION,
    UPDATE,
    ImportOutcome,
    ImportRefused,
    documents_check,
    documents_import,
)
from relais.knowledge.import_documents_check import DocumentRow, Problem
from relais.knowledge.import_documents_files import FileSource, FilesRefused, open_zip, zip_max_bytes
from relais.knowledge.import_documents_forms import DocumentsUploadForm
from relais.knowledge.import_documents_read import ENCODINGS, FIELD_LABELS
from relais.knowledge.import_documents_template import XLSX, template_xlsx
from relais.knowledge.models import DocumentKind

OWNER = "knowledge:import"
FILES_KEY = "knowledge_import_files"  # sheet token → ZIP token
PREVIEW_ROWS = 300
CHANGE_LABELS = {
    **FIELD_LABELS,
    "file": gettext_lazy("new file version"),
    "translations": gettext_lazy("translations"),
    "collection": gettext_lazy("collection"),
}


def _manager(request: HttpRequest) -> None:
    if not scoping.may_manage(request.user):
        raise Http404


def _files_token(request: HttpRequest, token: str) -> str:
    pairs = request.session.get(FILES_KEY, {})
    return str(pairs.get(token, "")) if isinstance(pairs, dict) else ""


def _remember(request: HttpRequest, token: str, files_token: str) -> None:
    """Pair the ZIP with its sheet; pairs whose uploads have expired are forgotten."""
    live = request.session.get(UPLOADS_KEY, {})
    pairs = request.session.get(FILES_KEY, {})
    pairs = {k: v for k, v in pairs.items() if k in live} if isinstance(pairs, dict) else {}
    pairs[token] = files_token
    request.session[FILES_KEY] = pairs


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    _manager(request)
    posted = request.method == "POST"
    form = DocumentsUploadForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        sheet = form.cleaned_data["sheet"]
        token = upload_keep(
            request, owner=OWNER, data=sheet.read(), filename=os.path.basename(sheet.name or "documents")
        )
        files = form.cleaned_data.get("archive")
        files_token = ""
        if files:
            files_token = upload_keep(
                request, owner=OWNER, data=files.read(), filename=os.path.basename(files.name or "files.zip")
            )
        _remember(request, token, files_token)
        return redirect("knowledge:import_preview", token=token)
    previous = AuditEvent.objects.filter(action=IMPORT_ACTION).select_related("actor").order_by("-at")[:5]
    context = {"form": form, "previous": previous, "zip_mb": zip_max_bytes() // (1024 * 1024)}
    return render(request, "knowledge/import/upload.html", context, status=400 if form.errors else 200)


def _open_files(request: HttpRequest, token: str) -> tuple[FileSource | None, Problem | None, str]:
    files_token = _files_token(request, token)
    if not files_token:
        return None, None, ""
    data, name = upload_load(request, owner=OWNER, token=files_token)
    try:
        return open_zip(data, label=name, max_bytes=zip_max_bytes()), None, name
    except FilesRefused as exc:
        return None, Problem(None, "", name, exc.message), name


def _encoding(data: Any) -> str | None:
    value = data.get("encoding", "")
    return value if value in ENCODINGS else None


@login_required
def import_preview(request: HttpRequest, token: str) -> HttpResponse:
    _manager(request)
    sheet, sheet_name = upload_load(request, owner=OWNER, token=token)
    files, files_problem, files_name = _open_files(request, token)
    encoding = _encoding(request.POST if request.method == "POST" else request.GET)
    try:
        if request.method == "POST" and files_problem is None:
            try:
                outcome = documents_import(
                    actor=request.user,
                    sheet=sheet,
                    sheet_name=sheet_name,
                    files=files,
                    encoding=encoding,
                    request=request,
                )
            except ImportRefused:
                messages.error(request, _("Nothing was imported: the sheet or its files have problems."))
            else:
                upload_forget(request, token)
                files_token = _files_token(request, token)
                if files_token:
                    upload_forget(request, files_token)
                _outcome_message(request, outcome)
                return redirect("knowledge:import")
        checked = documents_check(sheet=sheet, files=files, encoding=encoding)
    finally:
        if files is not None:
            files.close()
    if files_problem is not None:
        checked.problems.insert(0, files_problem)
    context = {
        "token": token,
        "sheet_name": sheet_name,
        "files_name": files_name,
        "checked": checked,
        "table": checked.table,
        "errors": checked.errors,
        "warnings": checked.warnings,
        "rows": [_row(r) for r in checked.rows[:PREVIEW_ROWS]],
        "more_rows": max(0, len(checked.rows) - PREVIEW_ROWS),
        "encoding": encoding or "",
        "encodings": list(ENCODINGS.items()),
        "to_write": checked.to_create + checked.to_update,
        "columns": [
            (c.label, str(FIELD_LABELS[c.field]) if c.field else "")
            for c in (checked.table.columns if checked.table else [])
        ],
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "knowledge/import/preview.html", context, status=status)


@dataclass
class RowView:
    row: int
    title: str
    kind: str
    language: str
    year: Any
    file: str
    status: str
    changes: str
    url: str | None
    matched_by: str


def _document_url(pk: int) -> str | None:
    try:
        return reverse("knowledge:document", kwargs={"pk": pk})
    except NoReverseMatch:
        return None


def _row(row: DocumentRow) -> RowView:
    kind = row.values.get("kind", "")
    return RowView(
        row=row.row,
        title=row.title,
        kind=str(DocumentKind(kind).label) if kind in DocumentKind.values else "",
        language=row.values.get("language", ""),
        year=row.values.get("year"),
        file=row.entry.name if row.entry is not None else "",
        status=row.status,
        changes=", ".join(str(CHANGE_LABELS.get(c, c)) for c in row.changes) if row.status == UPDATE else "",
        url=_document_url(row.document.pk) if row.document is not None else None,
        matched_by=row.matched_by,
    )


def _outcome_message(request: HttpRequest, outcome: ImportOutcome) -> None:
    text = _(
        "Import done: %(created)s documents added, %(updated)s updated, %(unchanged)s unchanged; %(files)s files added."
    ) % {
        "created": outcome.created,
        "updated": outcome.updated,
        "unchanged": outcome.unchanged,
        "files": outcome.files_added,
    }
    if outcome.collections_created:
        n = outcome.collections_created
        text += " " + ngettext("%(n)s collection created.", "%(n)s collections created.", n) % {"n": n}
    messages.success(request, text)


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    _manager(request)
    response = HttpResponse(template_xlsx(), content_type=XLSX)
    name = _("documents-template") + ".xlsx"
    response["Content-Disposition"] = content_disposition_header(True, name) or ""
    response["Cache-Control"] = "private, no-store"
    return response
