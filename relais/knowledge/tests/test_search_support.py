"""Helpers of the search tests (no test here): documents written through the services (so the change
log is written), a current file with extracted text set directly (no extraction), a search shortcut."""

from __future__ import annotations

import hashlib
from typing import Any

from relais.knowledge.models import Document, DocumentFile, FileKind, TextStatus
from relais.knowledge.search import SearchParams, SearchResult, search_documents
from relais.knowledge.services import document_create, search_changed


def add_document(**values: Any) -> Document:
    body = values.pop("body", None)
    values.setdefault("kind", "guideline")
    values.setdefault("language", "en")
    values.setdefault("access", "public")
    values.setdefault("year", 2024)
    document = document_create(actor=None, **values)
    if body is not None:
        set_body(document, body)
    return document


def set_body(document: Document, text: str, *, status: str = TextStatus.DONE) -> DocumentFile:
    """Make `text` the extracted text of the document's current file (a new version)."""
    version = (document.files.order_by("-version").values_list("version", flat=True).first() or 0) + 1
    document.files.filter(is_current=True).update(is_current=False)
    digest = hashlib.sha256(text.encode()).hexdigest()
    file = DocumentFile.objects.create(
        document=document,
        version=version,
        is_current=True,
        file=f"knowledge/{document.pk}/{digest[:16]}.txt",
        original_name="text.txt",
        kind=FileKind.TXT,
        size=len(text.encode()),
        sha256=digest,
        text_status=status,
        text=text,
    )
    search_changed(document.pk)
    return file


def search(q: str = "", *, who: str = "internal", **params: Any) -> SearchResult:
    """Search as `who` ("internal" or "public"); `params` are SearchParams' (audience = the facet)."""
    return search_documents(SearchParams(q=q, **params), audience=who)


def ids(result: SearchResult) -> list[int]:
    return [h.document_id for h in result.hits]
