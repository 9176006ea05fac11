"""Collections: public ones for everyone, internal ones for programme staff; a public collection
holding internal documents hides them from the public (in its list and in its counts)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from relais.knowledge.models import Access, Collection, CollectionItem
from relais.knowledge.tests.factories import make_document

LIST = reverse("knowledge:collections")


def url(collection: Collection) -> str:
    return reverse("knowledge:collection", kwargs={"pk": collection.pk})


@pytest.fixture
def collections(db: None) -> dict[str, Any]:
    first = make_document(title="Module 1: indicators of forced labour", year=2021)
    second = make_document(title="Module 2: joint inspections", access=Access.INTERNAL, year=2022)
    third = make_document(title="Module 3: victim referral", year=2020)
    package = Collection.objects.create(
        title="Training package on labour inspection",
        description="For labour inspectors.\n\nThree modules <b>in order</b>.",
        access=Access.PUBLIC,
    )
    for position, document in enumerate([third, second, first]):
        CollectionItem.objects.create(collection=package, document=document, position=position)
    internal = Collection.objects.create(title="Staff reading list", access=Access.INTERNAL)
    CollectionItem.objects.create(collection=internal, document=first)
    return {"package": package, "internal": internal, "docs": [first, second, third]}


def test_collections_list_for_the_public(client: Any, collections: dict[str, Any]) -> None:
    response = client.get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Training package on labour inspection" in html
    assert "2 documents" in html  # the internal module is not counted
    assert "Staff reading list" not in html
    assert ">Log in</a>" in html


def test_collections_list_for_staff(client: Any, personas: dict[str, Any], collections: dict[str, Any]) -> None:
    client.force_login(personas["trainer"])
    html = client.get(LIST).content.decode()
    assert "Staff reading list" in html and "3 documents" in html and re.search(r"\b1 document\b(?!s)", html)
    assert 'class="badge kn-internal"' in html
    client.force_login(personas["viewer"])
    assert "Staff reading list" not in client.get(LIST).content.decode()


def test_collection_page_hides_internal_documents_from_the_public(client: Any, collections: dict[str, Any]) -> None:
    html = client.get(url(collections["package"])).content.decode()
    assert "Module 3: victim referral" in html and "Module 1: indicators of forced labour" in html
    assert "Module 2: joint inspections" not in html
    assert html.index("Module 3") < html.index("Module 1")  # the collection's order, not the year
    assert "2 documents" in html
    assert "<p>For labour inspectors.</p>" in html
    assert "Three modules &lt;b&gt;in order&lt;/b&gt;." in html


def test_internal_collection_is_404_for_the_public(
    client: Any, personas: dict[str, Any], collections: dict[str, Any]
) -> None:
    internal = url(collections["internal"])
    assert client.get(internal).status_code == 404
    for persona in ["viewer", "outsider"]:
        client.force_login(personas[persona])
        assert client.get(internal).status_code == 404, persona
    client.force_login(personas["coordinator_it"])
    assert client.get(internal).status_code == 200
    html = client.get(url(collections["package"])).content.decode()
    assert "Module 2: joint inspections" in html and "3 documents" in html


def test_managers_see_the_management_links(client: Any, personas: dict[str, Any], collections: dict[str, Any]) -> None:
    client.force_login(personas["manager"])
    html = client.get(url(collections["package"])).content.decode()
    for name in ("collection_edit", "collection_items", "collection_delete"):
        assert reverse(f"knowledge:{name}", kwargs={"pk": collections["package"].pk}) in html, name
    assert reverse("knowledge:collection_new") in client.get(LIST).content.decode()


def test_collection_queries_do_not_grow(client: Any, personas: dict[str, Any], collections: dict[str, Any]) -> None:
    client.force_login(personas["trainer"])
    client.get(LIST)

    def count(path: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    before = (count(LIST), count(url(collections["package"])))
    for n in range(10):
        document = make_document(title=f"Extra {n}", languages=["en", "fr"])
        CollectionItem.objects.create(collection=collections["package"], document=document, position=10 + n)
        extra = Collection.objects.create(title=f"Extra package {n}", access=Access.PUBLIC)
        CollectionItem.objects.create(collection=extra, document=document)
    assert (count(LIST), count(url(collections["package"]))) == before
