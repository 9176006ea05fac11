"""Background work of the knowledge centre (django-tasks): reading the text of uploaded files, so a
long PDF never delays a page. Tests and the local demo run tasks at once (ImmediateBackend)."""

from __future__ import annotations

import logging

from django_tasks import task

from relais.knowledge.models import DocumentFile, TextStatus

logger = logging.getLogger(__name__)


@task()
def extract_document_file(file_id: int) -> str:
    """Extract and store the text of one document file; returns its text status ("gone" when the
    file was deleted meanwhile). Never fails on a bad file: the status says "failed"."""
    from relais.knowledge.extract import REASON_DAMAGED
    from relais.knowledge.services_files import file_extract

    file = DocumentFile.objects.defer("text").select_related("document").filter(pk=file_id).first()
    if file is None:
        return "gone"
    try:
        return str(file_extract(file=file).text_status)
    except Exception:
        logger.exception("Extracting the text of document file %s failed", file_id)
        DocumentFile.objects.filter(pk=file_id).update(text_status=TextStatus.FAILED, text_error=REASON_DAMAGED)
        return str(TextStatus.FAILED)
