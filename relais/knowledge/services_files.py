"""Writes of a document's files (versions): add, delete, read the text again. Each write is atomic,
writes its audit event and a row of the search change log (`search_changed`) in one transaction.

The text is extracted in the background (tasks.extract_document_file, enqueued once the upload is
committed) or in-line (`extract_now`, for the demo and imports). An extraction that fails never
raises: the file's text_status says "failed" and text_error why (an English message marked for
translation; show it with `{% translate file.text_error %}`)."""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from relais.core.audit import audit_record
from relais.knowledge.extract import REASON_DAMAGED, REASON_EMPTY, REASON_MISSING, ExtractFailed, extract_text
from relais.knowledge.files import FileRefused, check_upload, clean_name
from relais.knowledge.models import Document, DocumentFile, TextStatus
from relais.knowledge.services import search_changed

logger = logging.getLogger(__name__)


def _lock(document: Document) -> None:
    """Serialise writes to one document's versions (PostgreSQL; SQLite writes one at a time)."""
    Document.objects.select_for_update().filter(pk=document.pk).values_list("pk", flat=True).first()


def _remove_after_commit(path: str) -> None:
    if path:
        transaction.on_commit(lambda: default_storage.delete(path))


@transaction.atomic
def file_add(
    *,
    actor: Any,
    document: Document,
    data: bytes,
    filename: str,
    note: str = "",
    request: HttpRequest | None = None,
    extract_now: bool = False,
) -> DocumentFile:
    """Check the file (FileRefused otherwise), keep it as the document's new current version, and
    have its text extracted: after commit by the task queue, or here when `extract_now`."""
    name = clean_name(filename)
    kind = check_upload(data, name)
    sha256 = hashlib.sha256(data).hexdigest()
    _lock(document)
    current = DocumentFile.objects.filter(document=document, is_current=True).only("pk", "sha256").first()
    if current is not None and current.sha256 == sha256:
        raise FileRefused(_("%(name)s is already the current version of this document.") % {"name": name})
    version = (DocumentFile.objects.filter(document=document).aggregate(n=Max("version"))["n"] or 0) + 1
    if current is not None:
        DocumentFile.objects.filter(pk=current.pk).update(is_current=False)
    file = DocumentFile(
        document=document,
        version=version,
        is_current=True,
        original_name=name,
        kind=kind,
        size=len(data),
        sha256=sha256,
        note=(note or "").strip()[:300],
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        text_status=TextStatus.PENDING,
    )
    file.file.save(name, ContentFile(data), save=False)  # the path is made of document, sha256 and kind
    try:
        file.save()
        audit_record(
            actor=actor,
            action="document.file_add",
            obj=document,
            details={"version": version, "name": name, "size": len(data), "kind": kind},
            request=request,
        )
        search_changed(document.pk)
        if extract_now:
            _extract_and_store(file, data)
    except BaseException:
        default_storage.delete(file.file.name)
        raise
    if not extract_now:
        from relais.knowledge import tasks

        pk = file.pk
        transaction.on_commit(lambda: tasks.extract_document_file.enqueue(pk))
    return file


@transaction.atomic
def file_delete(*, actor: Any, file: DocumentFile, request: HttpRequest | None = None) -> None:
    """Delete one version; when it was the current one, the newest remaining becomes current. The
    stored file is removed once the deletion is committed."""
    document = file.document
    _lock(document)
    was_current = file.is_current
    path = file.file.name
    audit_record(
        actor=actor,
        action="document.file_delete",
        obj=document,
        details={"version": file.version, "name": file.original_name, "was_current": was_current},
        request=request,
    )
    file.delete()
    if was_current:
        previous = DocumentFile.objects.filter(document=document).order_by("-version").only("pk").first()
        if previous is not None:
            DocumentFile.objects.filter(pk=previous.pk).update(is_current=True)
    search_changed(document.pk)
    _remove_after_commit(path)


@transaction.atomic
def file_extract_again(*, actor: Any, file: DocumentFile, request: HttpRequest | None = None) -> DocumentFile:
    """Read a file's text again (after a failure, or once the extraction has improved): marked
    pending now, extracted by the task queue after commit."""
    DocumentFile.objects.filter(pk=file.pk).update(text_status=TextStatus.PENDING, text_error="")
    file.text_status, file.text_error = TextStatus.PENDING, ""
    audit_record(
        actor=actor,
        action="document.file_extract",
        obj=file.document,
        details={"version": file.version, "name": file.original_name},
        request=request,
    )
    from relais.knowledge import tasks

    pk = file.pk
    transaction.on_commit(lambda: tasks.extract_document_file.enqueue(pk))
    return file


def file_extract(*, file: DocumentFile) -> DocumentFile:
    """Read the stored file, extract its text and store it (done, empty or failed with the reason);
    the document's index entry is rewritten. Never raises for a bad or missing file."""
    try:
        with file.file.open("rb") as fh:
            data = fh.read()
    except (OSError, ValueError):
        logger.warning("Stored file of document file %s is missing: %s", file.pk, file.file.name)
        return _store(file, text="", pages=None, status=TextStatus.FAILED, error=REASON_MISSING)
    return _extract_and_store(file, data)


def _extract_and_store(file: DocumentFile, data: bytes) -> DocumentFile:
    try:
        text, pages = extract_text(data, file.kind)
    except ExtractFailed as failure:
        if failure.__cause__ is not None:
            logger.warning("Text of document file %s not read: %r", file.pk, failure.__cause__)
        return _store(file, text="", pages=None, status=TextStatus.FAILED, error=failure.reason)
    except Exception:  # a bug of ours: the file still stays, marked failed
        logger.exception("Text extraction of document file %s failed", file.pk)
        return _store(file, text="", pages=None, status=TextStatus.FAILED, error=REASON_DAMAGED)
    if text:
        return _store(file, text=text, pages=pages, status=TextStatus.DONE, error="")
    return _store(file, text="", pages=pages, status=TextStatus.EMPTY, error=REASON_EMPTY)


def _store(file: DocumentFile, *, text: str, pages: int | None, status: str, error: str) -> DocumentFile:
    values = {
        "text": text,
        "page_count": pages,
        "text_status": status,
        "text_error": error[:300],
        "extracted_at": timezone.now(),
    }
    with transaction.atomic():
        DocumentFile.objects.filter(pk=file.pk).update(**values)
        search_changed(file.document_id)
    for key, value in values.items():
        setattr(file, key, value)
    return file
