"""Writes of the knowledge centre's collections (a curated, ordered set of documents, e.g. a training
package). Each service is atomic and writes its audit event in the same transaction.

Collections hold no field of a document's search entry, so nothing here calls `search_changed`.
Descriptions are plain text: kept as typed (without control characters), shown escaped."""

from __future__ import annotations

import unicodedata
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils.translation import gettext as _

from relais.core.audit import audit_record
from relais.knowledge.models import Access, Collection, CollectionItem, Document

TITLE_MAX = 300
DESCRIPTION_MAX = 5000
UP = "up"
DOWN = "down"


def plain_text(value: str) -> str:
    """The text without control characters (line breaks and tabs kept) and with plain line ends."""
    value = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    return "".join(c for c in value if c in "\n\t" or unicodedata.category(c) != "Cc").strip()


def _values(title: str, description: str, access: str) -> dict[str, str]:
    title = " ".join(plain_text(title).split())
    description = plain_text(description)
    errors: dict[str, list[str]] = {}
    if not title:
        errors["title"] = [_("Give the collection a title.")]
    elif len(title) > TITLE_MAX:
        errors["title"] = [_("A title holds at most %(n)s characters.") % {"n": TITLE_MAX}]
    if len(description) > DESCRIPTION_MAX:
        errors["description"] = [_("A description holds at most %(n)s characters.") % {"n": DESCRIPTION_MAX}]
    if access not in Access.values:
        errors["access"] = [_("Choose public or internal.")]
    if errors:
        raise ValidationError(errors)
    return {"title": title, "description": description, "access": access}


@transaction.atomic
def collection_create(
    *,
    actor: Any,
    title: str,
    description: str = "",
    access: str = Access.INTERNAL,
    request: HttpRequest | None = None,
) -> Collection:
    values = _values(title, description, access)
    collection = Collection.objects.create(
        **values, created_by=actor if getattr(actor, "is_authenticated", False) else None
    )
    audit_record(actor=actor, action="collection.create", obj=collection, details={"access": access}, request=request)
    return collection


@transaction.atomic
def collection_update(
    *,
    actor: Any,
    collection: Collection,
    title: str,
    description: str = "",
    access: str = Access.INTERNAL,
    request: HttpRequest | None = None,
) -> Collection:
    values = _values(title, description, access)
    changed = sorted(k for k, v in values.items() if getattr(collection, k) != v)
    if not changed:
        return collection
    for key, value in values.items():
        setattr(collection, key, value)
    collection.save(update_fields=[*values, "updated_at"])
    audit_record(actor=actor, action="collection.update", obj=collection, details={"fields": changed}, request=request)
    return collection


@transaction.atomic
def collection_delete(*, actor: Any, collection: Collection, request: HttpRequest | None = None) -> None:
    """Delete a collection; its documents stay in the catalogue."""
    audit_record(
        actor=actor,
        action="collection.delete",
        obj=collection,
        details={"title": collection.title, "documents": collection.items.count()},
        request=request,
    )
    collection.delete()


def _lock(collection: Collection) -> None:
    """Serialise the writes to one collection's items (two managers reordering at once)."""
    Collection.objects.select_for_update().filter(pk=collection.pk).first()


def _renumber(collection: Collection) -> list[CollectionItem]:
    items = list(CollectionItem.objects.filter(collection=collection).order_by("position", "id"))
    moved = []
    for index, item in enumerate(items):
        if item.position != index:
            item.position = index
            moved.append(item)
    if moved:
        CollectionItem.objects.bulk_update(moved, ["position"])
    return items


def _touch(collection: Collection) -> None:
    collection.save(update_fields=["updated_at"])


@transaction.atomic
def collection_item_add(
    *, actor: Any, collection: Collection, document: Document, request: HttpRequest | None = None
) -> CollectionItem:
    """Add a document at the end of the collection. Raises ValidationError if it is already in it."""
    _lock(collection)
    if CollectionItem.objects.filter(collection=collection, document=document).exists():
        raise ValidationError(_("“%(title)s” is already in this collection.") % {"title": document.title})
    last = CollectionItem.objects.filter(collection=collection).aggregate(m=Max("position"))["m"]
    item = CollectionItem.objects.create(
        collection=collection, document=document, position=0 if last is None else last + 1
    )
    _touch(collection)
    audit_record(
        actor=actor,
        action="collection.items",
        obj=collection,
        details={"added": document.pk, "title": document.title[:200]},
        request=request,
    )
    return item


@transaction.atomic
def collection_item_remove(
    *, actor: Any, collection: Collection, item: CollectionItem, request: HttpRequest | None = None
) -> None:
    """Take a document out of the collection (the document stays in the catalogue)."""
    if item.collection_id != collection.pk:
        raise ValidationError(_("This document is not in this collection."))
    _lock(collection)
    document_id = item.document_id
    deleted, _rows = CollectionItem.objects.filter(pk=item.pk).delete()
    if not deleted:
        return  # already taken out (by someone else, or a second click)
    _renumber(collection)
    _touch(collection)
    audit_record(
        actor=actor, action="collection.items", obj=collection, details={"removed": document_id}, request=request
    )


@transaction.atomic
def collection_item_move(
    *, actor: Any, collection: Collection, item: CollectionItem, direction: str, request: HttpRequest | None = None
) -> bool:
    """Move a document one place up or down; returns False when it is already first (or last)."""
    if direction not in (UP, DOWN):
        raise ValidationError(_("Move up or down."))
    if item.collection_id != collection.pk:
        raise ValidationError(_("This document is not in this collection."))
    _lock(collection)
    items = _renumber(collection)
    index = next((i for i, it in enumerate(items) if it.pk == item.pk), None)
    if index is None:
        return False
    other = index - 1 if direction == UP else index + 1
    if other < 0 or other >= len(items):
        return False
    a, b = items[index], items[other]
    a.position, b.position = b.position, a.position
    CollectionItem.objects.bulk_update([a, b], ["position"])
    _touch(collection)
    audit_record(
        actor=actor,
        action="collection.items",
        obj=collection,
        details={"moved": a.document_id, "direction": direction, "position": a.position + 1},
        request=request,
    )
    return True
