"""Permission matrix entries of the knowledge centre's management pages: administrators and programme
managers only (scoping.may_manage); everyone else gets 404, whether the document is public or not."""

from __future__ import annotations

from typing import Any

from relais.knowledge.models import Access, Collection, CollectionItem, Document, DocumentTitle, TranslationGroup
from relais.knowledge.tests.factories import make_document
from tests.matrix import PROGRAMME_MANAGERS, Page

POSTED = frozenset({302})


def context(ctx: dict[str, Any]) -> None:
    doc = make_document(title="Managed guideline", access=Access.PUBLIC)
    internal = make_document(title="Managed internal study", access=Access.INTERNAL, language="fr")
    DocumentTitle.objects.create(document=doc, language="fr", title="Guide géré")
    group = TranslationGroup.objects.create()
    Document.objects.filter(pk__in=[doc.pk, internal.pk]).update(translation_group=group)
    collection = Collection.objects.create(title="Managed package", access=Access.PUBLIC)
    CollectionItem.objects.create(collection=collection, document=doc, position=0)
    ctx["kn_manage_doc"] = doc
    ctx["kn_manage_internal"] = internal
    ctx["kn_manage_collection"] = collection


def _doc(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"pk": ctx["kn_manage_doc"].pk}


def _internal(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"pk": ctx["kn_manage_internal"].pk}


def _collection(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"pk": ctx["kn_manage_collection"].pk}


PAGES: dict[str, Page] = {
    "knowledge:new": Page(may=PROGRAMME_MANAGERS),
    "knowledge:edit": Page(kwargs=_doc, may=PROGRAMME_MANAGERS),
    "knowledge:delete": Page(kwargs=_internal, may=PROGRAMME_MANAGERS),
    "knowledge:titles": Page(kwargs=_doc, may=PROGRAMME_MANAGERS),
    "knowledge:title_delete": Page(
        kwargs=lambda ctx: {"pk": ctx["kn_manage_doc"].pk, "language": "fr"},
        may=PROGRAMME_MANAGERS,
        method="post",
        ok=POSTED,
    ),
    "knowledge:translations": Page(kwargs=_doc, may=PROGRAMME_MANAGERS),
    "knowledge:translation_unlink": Page(kwargs=_doc, may=PROGRAMME_MANAGERS, method="post", ok=POSTED),
    "knowledge:collection_new": Page(may=PROGRAMME_MANAGERS),
    "knowledge:collection_edit": Page(kwargs=_collection, may=PROGRAMME_MANAGERS),
    "knowledge:collection_delete": Page(kwargs=_collection, may=PROGRAMME_MANAGERS),
    "knowledge:collection_items": Page(kwargs=_collection, may=PROGRAMME_MANAGERS),
}
