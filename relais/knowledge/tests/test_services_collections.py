"""The collection services: audited, plain-text descriptions, items kept in order (add at the end,
remove and renumber, move up and down), no search change (collections are not in the index)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from relais.core.models import AuditEvent
from relais.knowledge import services_collections as svc
from relais.knowledge.models import Collection, CollectionItem, Document, SearchChange
from relais.knowledge.tests.factories import make_document

pytestmark = pytest.mark.django_db


def _order(collection: Collection) -> list[str]:
    return [i.document.title for i in collection.items.select_related("document").order_by("position", "id")]


def _positions(collection: Collection) -> list[int]:
    return list(collection.items.order_by("position", "id").values_list("position", flat=True))


@pytest.fixture
def filled(personas: dict[str, Any]) -> tuple[Collection, list[Document]]:
    collection = svc.collection_create(actor=personas["manager"], title="Training package", access="public")
    docs = [make_document(title=t) for t in ("A", "B", "C", "D")]
    for d in docs:
        svc.collection_item_add(actor=personas["manager"], collection=collection, document=d)
    return collection, docs


def test_create_update_delete_are_audited(personas: dict[str, Any]) -> None:
    manager = personas["manager"]
    collection = svc.collection_create(
        actor=manager, title="  Labour  inspection\tpackage ", description="Line one\r\nLine two\x00", access="internal"
    )
    assert collection.title == "Labour inspection package"
    assert collection.description == "Line one\nLine two"
    assert collection.created_by == manager
    svc.collection_update(actor=manager, collection=collection, title="New", description="", access="public")
    svc.collection_update(actor=manager, collection=collection, title="New", description="", access="public")
    pk = collection.pk
    svc.collection_delete(actor=manager, collection=collection)
    assert not Collection.objects.filter(pk=pk).exists()
    actions = list(AuditEvent.objects.filter(object_id=str(pk)).order_by("id").values_list("action", "details"))
    assert actions[0][0] == "collection.create"
    assert actions[1] == ("collection.update", {"fields": ["access", "description", "title"]})
    assert actions[2][0] == "collection.delete"  # the unchanged second update wrote nothing
    assert len(actions) == 3
    assert SearchChange.objects.count() == 0


def test_invalid_values_are_refused(personas: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as error:
        svc.collection_create(actor=personas["manager"], title="   ", access="secret")
    assert set(error.value.message_dict) == {"title", "access"}
    assert Collection.objects.count() == 0 and AuditEvent.objects.count() == 0


def test_items_are_added_at_the_end_once(personas: dict[str, Any], filled: tuple[Collection, list[Document]]) -> None:
    collection, docs = filled
    assert _order(collection) == ["A", "B", "C", "D"]
    assert _positions(collection) == [0, 1, 2, 3]
    with pytest.raises(ValidationError, match="already in this collection"):
        svc.collection_item_add(actor=personas["manager"], collection=collection, document=docs[0])
    assert collection.items.count() == 4
    events = AuditEvent.objects.filter(action="collection.items", object_id=str(collection.pk))
    assert events.count() == 4 and events.first().details["added"] in {d.pk for d in docs}  # type: ignore[union-attr]
    assert SearchChange.objects.count() == 0


def test_move_up_and_down(personas: dict[str, Any], filled: tuple[Collection, list[Document]]) -> None:
    collection, _docs = filled
    manager = personas["manager"]
    item = lambda title: CollectionItem.objects.get(collection=collection, document__title=title)  # noqa: E731
    assert svc.collection_item_move(actor=manager, collection=collection, item=item("C"), direction="up")
    assert _order(collection) == ["A", "C", "B", "D"]
    assert svc.collection_item_move(actor=manager, collection=collection, item=item("A"), direction="down")
    assert _order(collection) == ["C", "A", "B", "D"]
    assert not svc.collection_item_move(actor=manager, collection=collection, item=item("C"), direction="up")
    assert not svc.collection_item_move(actor=manager, collection=collection, item=item("D"), direction="down")
    assert _order(collection) == ["C", "A", "B", "D"]
    assert _positions(collection) == [0, 1, 2, 3]
    moves = AuditEvent.objects.filter(action="collection.items", details__has_key="moved")
    assert moves.count() == 2
    with pytest.raises(ValidationError):
        svc.collection_item_move(actor=manager, collection=collection, item=item("A"), direction="sideways")


def test_remove_renumbers(personas: dict[str, Any], filled: tuple[Collection, list[Document]]) -> None:
    collection, docs = filled
    manager = personas["manager"]
    b = CollectionItem.objects.get(collection=collection, document=docs[1])
    svc.collection_item_remove(actor=manager, collection=collection, item=b)
    assert _order(collection) == ["A", "C", "D"]
    assert _positions(collection) == [0, 1, 2]
    assert Document.objects.filter(pk=docs[1].pk).exists()  # the document stays in the catalogue
    svc.collection_item_remove(actor=manager, collection=collection, item=b)  # a second click: nothing happens
    assert AuditEvent.objects.filter(action="collection.items", details__has_key="removed").count() == 1
    # after a removal, adding goes at the end again
    svc.collection_item_add(actor=manager, collection=collection, document=docs[1])
    assert _order(collection) == ["A", "C", "D", "B"]
    assert _positions(collection) == [0, 1, 2, 3]


def test_gaps_in_positions_are_repaired_by_a_move(
    personas: dict[str, Any], filled: tuple[Collection, list[Document]]
) -> None:
    collection, _docs = filled
    CollectionItem.objects.filter(collection=collection).update(position=7)  # e.g. written by an import
    first = collection.items.order_by("position", "id")[0]
    svc.collection_item_move(actor=personas["manager"], collection=collection, item=first, direction="down")
    assert _order(collection) == ["B", "A", "C", "D"]
    assert _positions(collection) == [0, 1, 2, 3]


def test_an_item_of_another_collection_is_refused(
    personas: dict[str, Any], filled: tuple[Collection, list[Document]]
) -> None:
    collection, _docs = filled
    other = svc.collection_create(actor=personas["manager"], title="Other")
    item = collection.items.first()
    assert item is not None
    with pytest.raises(ValidationError):
        svc.collection_item_move(actor=personas["manager"], collection=other, item=item, direction="down")
    with pytest.raises(ValidationError):
        svc.collection_item_remove(actor=personas["manager"], collection=other, item=item)
    assert collection.items.count() == 4


def test_deleting_a_collection_keeps_its_documents(
    personas: dict[str, Any], filled: tuple[Collection, list[Document]]
) -> None:
    collection, docs = filled
    svc.collection_delete(actor=personas["manager"], collection=collection)
    assert CollectionItem.objects.count() == 0
    assert Document.objects.filter(pk__in=[d.pk for d in docs]).count() == 4
    event = AuditEvent.objects.get(action="collection.delete")
    assert event.details == {"title": "Training package", "documents": 4}
