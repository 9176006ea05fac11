"""Permission matrix entries of the catalogue: public pages, reachable by anyone (signed in or not).
The matrix uses a public document and a public collection; the 404s of internal ones, for the
public and for viewers, are tested in test_catalogue*.py."""

from typing import Any

from relais.knowledge.models import Access, Collection, CollectionItem
from relais.knowledge.tests.factories import make_document
from tests.matrix import Page

PAGES: dict[str, Page] = {
    "knowledge:index": Page(public=True),
    "knowledge:document": Page(kwargs=lambda ctx: {"pk": ctx["kn_cat_doc"].pk}, public=True),
    "knowledge:cite": Page(kwargs=lambda ctx: {"pk": ctx["kn_cat_doc"].pk, "fmt": "bib"}, public=True),
    "knowledge:collections": Page(public=True),
    "knowledge:collection": Page(kwargs=lambda ctx: {"pk": ctx["kn_cat_collection"].pk}, public=True),
}


def context(ctx: dict[str, Any]) -> None:
    document = make_document(title="Matrix guideline", access=Access.PUBLIC)
    collection = Collection.objects.create(title="Matrix package", access=Access.PUBLIC)
    CollectionItem.objects.create(collection=collection, document=document, position=1)
    ctx["kn_cat_doc"] = document
    ctx["kn_cat_collection"] = collection
