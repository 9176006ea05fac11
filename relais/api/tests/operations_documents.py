"""The knowledge centre's operations in the API matrix. They are public (no token: the public
catalogue), so each is tried on the INTERNAL document of the page matrix (kn_files_internal_doc and
its file): programme staff and administrators find it, as on the pages; viewers and outsiders get
404 or a list without it (relais/knowledge/tests/permissions_files.py, test_catalogue*.py)."""

from __future__ import annotations

from typing import Any

from relais.api.tests.operations import Op
from tests.matrix import PROGRAMME_STAFF


def _document(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"document_id": ctx["api_documents_internal"].pk}


def _file(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"document_id": ctx["api_documents_internal"].pk, "file_id": ctx["api_documents_internal_file"].pk}


OPERATIONS = {
    "GET /documents": Op(
        public=True,
        may=PROGRAMME_STAFF,
        query=lambda ctx: {"access": "internal", "limit": 200},
        listed=lambda ctx: ctx["api_documents_internal"].pk,
    ),
    "GET /documents/search": Op(
        public=True,
        may=PROGRAMME_STAFF,
        query=lambda ctx: {"q": "internal study", "limit": 100},
        listed=lambda ctx: ctx["api_documents_internal"].pk,
    ),
    "GET /documents/{document_id}": Op(params=_document, public=True, may=PROGRAMME_STAFF),
    "GET /documents/{document_id}/files/{file_id}": Op(params=_file, public=True, may=PROGRAMME_STAFF),
}


def context(ctx: dict[str, Any]) -> None:
    from relais.knowledge.services import search_changed

    document = ctx["kn_files_internal_doc"]
    ctx["api_documents_internal"] = document
    ctx["api_documents_internal_file"] = ctx["kn_files_internal_file"]
    # The page matrix writes its documents straight to the database: have the search index them.
    search_changed(document.pk, ctx["kn_files_public_doc"].pk)
