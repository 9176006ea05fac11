"""Permission matrix entries: a document's files.

- Download: whoever sees the document. Here the public document's file (anyone, without login);
  the internal document's file (PROGRAMME_STAFF only; 404 for viewer, outsider and anonymous) is
  tried in test_files_views.py.
- Upload, delete a version, read its text again: those who manage the catalogue (404 otherwise).
  The upload is posted without a file (400: the form says what is missing) so that the matrix
  writes nothing to storage; the deletion and the extraction are rolled back with the savepoint.
"""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile

from relais.knowledge.models import Access, DocumentFile, TextStatus
from relais.knowledge.tests.factories import make_document
from tests.matrix import PROGRAMME_MANAGERS, Page


def make_file(document: Any, *, data: bytes = b"Labour inspectors and trafficking.", name: str = "notes.txt") -> Any:
    """A document's current file written straight to storage and database (no check, no task)."""
    import hashlib

    sha = hashlib.sha256(data).hexdigest()
    file = DocumentFile(
        document=document,
        version=1,
        original_name=name,
        kind="txt",
        size=len(data),
        sha256=sha,
        text=data.decode(),
        text_status=TextStatus.DONE,
    )
    file.file.save(name, ContentFile(data), save=True)
    return file


def context(ctx: dict[str, Any]) -> None:
    public = make_document(title="Public guideline with a file", access=Access.PUBLIC)
    internal = make_document(title="Internal study with a file", access=Access.INTERNAL)
    ctx["kn_files_public_doc"] = public
    ctx["kn_files_public_file"] = make_file(public)
    ctx["kn_files_internal_doc"] = internal
    ctx["kn_files_internal_file"] = make_file(internal)


def _file(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"pk": ctx["kn_files_public_doc"].pk, "file_pk": ctx["kn_files_public_file"].pk}


def _internal_file(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"pk": ctx["kn_files_internal_doc"].pk, "file_pk": ctx["kn_files_internal_file"].pk}


PAGES: dict[str, Page] = {
    "knowledge:file_add": Page(
        kwargs=lambda ctx: {"pk": ctx["kn_files_internal_doc"].pk},
        may=PROGRAMME_MANAGERS,
        method="post",
        ok=frozenset({400}),
    ),
    "knowledge:file_download": Page(kwargs=_file, public=True),
    "knowledge:file_delete": Page(kwargs=_internal_file, may=PROGRAMME_MANAGERS, method="post", ok=frozenset({302})),
    "knowledge:file_extract": Page(kwargs=_internal_file, may=PROGRAMME_MANAGERS, method="post", ok=frozenset({302})),
}
