"""The management pages: documents (create, edit with optimistic concurrency, delete), titles in other
languages, translations, collections and their ordered documents — for managers; 404 for others."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from relais.core.models import AuditEvent, Theme
from relais.knowledge.models import (
    Access,
    Collection,
    CollectionItem,
    Document,
    DocumentFile,
    DocumentTitle,
    SearchChange,
)
from relais.knowledge.services_collections import collection_create, collection_item_add
from relais.knowledge.tests.factories import make_document
from relais.knowledge.views_manage import find_documents

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(client: Client, personas: dict[str, Any]) -> Client:
    client.force_login(personas["manager"])
    return client


def _form(**over: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "study",
        "title": "Trafficking for labour exploitation in agriculture",
        "language": "en",
        "abstract": "A study.<script>alert(1)</script>",
        "authors": "Ana Marković\nJean Dupont",
        "publisher": "Relais Centre",
        "place": "Vienna",
        "year": "2023",
        "languages": ["en", "fr"],
        "themes": [Theme.objects.get(code="thb_labour").pk],
        "isbn": "978-0-306-40615-7",
        "doi": "https://doi.org/10.1000/abc",
        "url": "https://example.org/study",
        "access": "public",
    }
    data.update(over)
    return data


def _edit_data(document: Document, **over: Any) -> dict[str, Any]:
    from relais.knowledge.forms import DocumentForm

    initial = DocumentForm.initial_for(document)
    data = {k: v for k, v in initial.items() if v is not None}
    data.update(over)
    return data


# --- documents -----------------------------------------------------------------------------------


def test_new_document_form_has_every_field_and_no_updated_at(manager: Client) -> None:
    html = manager.get(reverse("knowledge:new")).content.decode()
    for name in ("kind", "title", "language", "abstract", "authors", "publisher", "place", "year", "languages",
                 "themes", "countries", "audiences", "isbn", "doi", "url", "access"):  # fmt: skip
        assert f'name="{name}"' in html, name
    assert 'name="updated_at"' not in html
    assert "without logging in" in html  # what public means
    assert "removed when the document is saved" in html  # the abstract is sanitised


def test_create_redirects_to_the_document_page(manager: Client, personas: dict[str, Any]) -> None:
    response = manager.post(reverse("knowledge:new"), _form())
    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("knowledge:document", kwargs={"pk": document.pk})
    assert document.created_by == personas["manager"]
    assert document.isbn == "9780306406157" and document.doi == "10.1000/abc"
    assert document.authors == ["Ana Marković", "Jean Dupont"] and document.languages == ["en", "fr"]
    assert "<script" not in document.abstract
    assert list(document.themes.values_list("code", flat=True)) == ["thb_labour"]
    assert AuditEvent.objects.filter(action="document.create", object_id=str(document.pk)).count() == 1
    assert SearchChange.objects.filter(document_id=document.pk).count() == 1


def test_create_with_errors_shows_them_beside_the_fields_and_on_top(manager: Client) -> None:
    response = manager.post(reverse("knowledge:new"), _form(isbn="978-0-306-40615-8", year="1700", language="zz"))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="form-errors"' in html and "3 fields need attention" in html
    assert 'href="#id_isbn"' in html and 'href="#id_year"' in html and 'href="#id_language"' in html
    assert 'id="id_isbn_error"' in html and 'aria-invalid="true"' in html
    assert "Trafficking for labour exploitation in agriculture" in html  # the input is kept
    assert Document.objects.count() == 0 and SearchChange.objects.count() == 0


def test_edit_saves_and_audits(manager: Client) -> None:
    document = make_document(title="Old title", year=2001)
    response = manager.post(
        reverse("knowledge:edit", kwargs={"pk": document.pk}), _edit_data(document, title="New title", year="2002")
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("knowledge:document", kwargs={"pk": document.pk})
    document.refresh_from_db()
    assert (document.title, document.year) == ("New title", 2002)
    event = AuditEvent.objects.get(action="document.update")
    assert {"title", "year"} <= set(event.details["fields"])
    assert SearchChange.objects.filter(document_id=document.pk).count() == 1


def test_edit_form_shows_the_version_it_was_opened_on(manager: Client) -> None:
    document = make_document()
    html = manager.get(reverse("knowledge:edit", kwargs={"pk": document.pk})).content.decode()
    assert f'name="updated_at" value="{document.updated_at.isoformat()}"' in html


def test_edit_of_a_document_changed_meanwhile_is_refused_and_keeps_the_input(
    client: Client, personas: dict[str, Any]
) -> None:
    from relais.knowledge import services

    document = make_document(title="Original title")
    opened = _edit_data(document, title="My title", publisher="My publisher")
    # an administrator saves first
    services.document_update(actor=personas["admin"], document=document, title="Their title", year=1999)
    client.force_login(personas["manager"])
    response = client.post(reverse("knowledge:edit", kwargs={"pk": document.pk}), opened)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Alice Admin changed this document" in html
    assert "Title" in html and "Year" in html  # what they changed
    assert 'value="My title"' in html and 'value="My publisher"' in html  # the user's input is kept
    document.refresh_from_db()
    assert document.title == "Their title"
    assert AuditEvent.objects.filter(action="document.update").count() == 1
    # the form now carries the current version: saving again replaces it, knowingly
    assert f'name="updated_at" value="{document.updated_at.isoformat()}"' in html
    again = client.post(
        reverse("knowledge:edit", kwargs={"pk": document.pk}), {**opened, "updated_at": document.updated_at.isoformat()}
    )
    assert again.status_code == 302
    document.refresh_from_db()
    assert document.title == "My title"


def test_edit_without_a_version_is_refused(manager: Client) -> None:
    document = make_document(title="Kept")
    data = _edit_data(document, title="Changed")
    data["updated_at"] = "yesterday"
    response = manager.post(reverse("knowledge:edit", kwargs={"pk": document.pk}), data)
    assert response.status_code == 409
    document.refresh_from_db()
    assert document.title == "Kept"


def test_delete_lists_what_goes_and_deletes(manager: Client) -> None:
    document = make_document(title="To delete")
    DocumentFile.objects.create(
        document=document, version=1, file="knowledge/x.pdf", original_name="report-2023.pdf", kind="pdf",
        size=123_456, sha256="0" * 64,
    )  # fmt: skip
    DocumentTitle.objects.create(document=document, language="fr", title="À supprimer")
    collection = Collection.objects.create(title="Package with it")
    CollectionItem.objects.create(collection=collection, document=document)
    url = reverse("knowledge:delete", kwargs={"pk": document.pk})
    html = manager.get(url).content.decode()
    assert "report-2023.pdf" in html and "À supprimer" in html and "French" in html
    assert "Package with it" in html and "lose the link" in html
    response = manager.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("knowledge:index")
    assert not Document.objects.filter(pk=document.pk).exists()
    assert Collection.objects.filter(pk=collection.pk).exists()
    assert AuditEvent.objects.filter(action="document.delete").count() == 1
    assert SearchChange.objects.filter(document_id=document.pk).exists()


def test_others_get_404_and_write_nothing(client: Client, personas: dict[str, Any]) -> None:
    document = make_document(access=Access.PUBLIC)
    for persona in ("trainer", "viewer", "coordinator_al", "me_officer", "outsider"):
        client.force_login(personas[persona])
        assert client.post(reverse("knowledge:new"), _form()).status_code == 404
        assert (
            client.post(reverse("knowledge:edit", kwargs={"pk": document.pk}), _edit_data(document)).status_code == 404
        )
        assert client.post(reverse("knowledge:delete", kwargs={"pk": document.pk})).status_code == 404
        assert client.post(reverse("knowledge:collection_new"), {"title": "X", "access": "public"}).status_code == 404
    assert Document.objects.count() == 1 and Collection.objects.count() == 0
    assert AuditEvent.objects.filter(action__startswith=("document.")).count() == 0


# --- titles --------------------------------------------------------------------------------------


def test_titles_add_replace_and_remove(manager: Client) -> None:
    document = make_document(language="en")
    url = reverse("knowledge:titles", kwargs={"pk": document.pk})
    assert (
        manager.post(url, {"language": "fr", "title": "Guide", "abstract": "<p onclick='x'>Résumé</p>"}).status_code
        == 302
    )
    assert manager.post(url, {"language": "fr", "title": "Guide 2"}).status_code == 302
    row = DocumentTitle.objects.get(document=document)
    assert (row.language, row.title, row.abstract) == ("fr", "Guide 2", "")
    page = manager.get(url)
    html = page.content.decode()
    assert "Guide 2" in html and "French" in html
    change = manager.get(url, {"language": "fr"}).content.decode()
    assert 'value="Guide 2"' in change
    refused = manager.post(url, {"language": "en", "title": "Same language"})
    assert refused.status_code == 400 and "Unknown language “en”" in refused.content.decode()
    delete = reverse("knowledge:title_delete", kwargs={"pk": document.pk, "language": "fr"})
    assert manager.post(delete).status_code == 302
    assert not DocumentTitle.objects.filter(document=document).exists()
    assert manager.post(delete).status_code == 404
    assert manager.get(delete).status_code == 405
    assert AuditEvent.objects.filter(action="document.title").count() == 2
    assert AuditEvent.objects.filter(action="document.title_remove").count() == 1


# --- translations --------------------------------------------------------------------------------


def test_translations_search_link_and_unlink(manager: Client) -> None:
    en = make_document(title="Guideline on labour inspection", language="en")
    fr = make_document(title="Guide de l'inspection du travail", language="fr")
    DocumentTitle.objects.create(document=fr, language="en", title="Labour inspection guide (French)")
    make_document(title="Unrelated manual")
    url = reverse("knowledge:translations", kwargs={"pk": en.pk})
    html = manager.get(url, {"q": "labour inspection"}).content.decode()
    assert "Guide de l&#x27;inspection du travail" in html  # found by its title in another language
    assert f'value="{fr.pk}"' in html and f'id="found-{en.pk}"' not in html and "Unrelated" not in html
    partial = manager.get(url, {"q": "inspection", "partial": "found"}, headers={"HX-Request": "true"})
    assert partial.status_code == 200 and b"<html" not in partial.content and b"found-" in partial.content
    assert manager.post(url, {"other": fr.pk}).status_code == 302
    en.refresh_from_db()
    fr.refresh_from_db()
    assert en.translation_group_id and en.translation_group_id == fr.translation_group_id
    members = manager.get(url).content.decode()
    assert "French" in members and "this document" in members
    # the other is no longer offered
    assert f'id="found-{fr.pk}"' not in manager.get(url, {"q": "inspection"}).content.decode()
    unlink = manager.post(reverse("knowledge:translation_unlink", kwargs={"pk": fr.pk}), {"back": en.pk})
    assert unlink["Location"] == url
    assert Document.objects.filter(translation_group__isnull=False).count() == 0


def test_linking_a_document_that_is_not_there_is_refused(manager: Client) -> None:
    en = make_document()
    url = reverse("knowledge:translations", kwargs={"pk": en.pk})
    for value in ("", "abc", "999999", str(en.pk)):
        manager.post(url, {"other": value})
    assert Document.objects.filter(translation_group__isnull=False).count() == 0
    assert AuditEvent.objects.filter(action="document.translation_link").count() == 0


def test_find_documents_shows_only_what_the_user_may_see(personas: dict[str, Any]) -> None:
    public = make_document(title="Handbook on victims", access=Access.PUBLIC, doi="10.1000/h1")
    internal = make_document(title="Handbook internal", access=Access.INTERNAL, isbn="9780306406157")
    assert {d.pk for d in find_documents(personas["viewer"], "handbook")} == {public.pk}
    assert {d.pk for d in find_documents(personas["manager"], "HANDBOOK")} == {public.pk, internal.pk}
    assert [d.pk for d in find_documents(personas["manager"], "10.1000/H1")] == [public.pk]
    assert [d.pk for d in find_documents(personas["manager"], "978-0-306-40615-7")] == [internal.pk]
    assert find_documents(personas["manager"], "   ") == []


# --- collections ---------------------------------------------------------------------------------


def test_collection_create_edit_delete(manager: Client) -> None:
    response = manager.post(
        reverse("knowledge:collection_new"), {"title": "Package", "description": "For trainers.", "access": "internal"}
    )
    collection = Collection.objects.get()
    assert response["Location"] == reverse("knowledge:collection_items", kwargs={"pk": collection.pk})
    bad = manager.post(reverse("knowledge:collection_edit", kwargs={"pk": collection.pk}), {"title": "", "access": "x"})
    assert bad.status_code == 400 and b'id="form-errors"' in bad.content
    edit = manager.post(
        reverse("knowledge:collection_edit", kwargs={"pk": collection.pk}), {"title": "Renamed", "access": "public"}
    )
    assert edit["Location"] == reverse("knowledge:collection", kwargs={"pk": collection.pk})
    collection.refresh_from_db()
    assert (collection.title, collection.access, collection.description) == ("Renamed", "public", "")
    assert b"Renamed" in manager.get(reverse("knowledge:collection_edit", kwargs={"pk": collection.pk})).content
    url = reverse("knowledge:collection_delete", kwargs={"pk": collection.pk})
    assert manager.get(url).status_code == 200
    assert manager.post(url)["Location"] == reverse("knowledge:collections")
    assert Collection.objects.count() == 0
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"collection.create", "collection.update", "collection.delete"} <= actions


def test_collection_items_add_move_remove_without_js(manager: Client, personas: dict[str, Any]) -> None:
    collection = collection_create(actor=personas["manager"], title="Package", access="public")
    docs = [make_document(title=f"Module {n}") for n in "ABC"]
    internal = make_document(title="Module internal", access=Access.INTERNAL)
    url = reverse("knowledge:collection_items", kwargs={"pk": collection.pk})
    for d in docs:
        assert manager.post(url, {"op": "add", "document": d.pk})["Location"] == url
    response = manager.post(url, {"op": "add", "document": internal.pk}, follow=True)
    assert "visitors of this public collection will not see it" in response.content.decode()
    again = manager.post(url, {"op": "add", "document": docs[0].pk}, follow=True)
    assert "already in this collection" in again.content.decode()
    html = manager.get(url, {"q": "module"}).content.decode()
    assert "found-" not in html  # all four are in it already
    item_c = CollectionItem.objects.get(collection=collection, document=docs[2])
    manager.post(url, {"op": "up", "item": item_c.pk})
    order = list(collection.items.order_by("position").values_list("document__title", flat=True))
    assert order == ["Module A", "Module C", "Module B", "Module internal"]
    manager.post(url, {"op": "remove", "item": item_c.pk})
    assert collection.items.count() == 3
    gone = manager.post(url, {"op": "remove", "item": item_c.pk}, follow=True)
    assert "no longer in the collection" in gone.content.decode()


def test_collection_items_with_htmx_swap_the_list(manager: Client, personas: dict[str, Any]) -> None:
    collection = collection_create(actor=personas["manager"], title="Package")
    a, b = make_document(title="First"), make_document(title="Second")
    for d in (a, b):
        collection_item_add(actor=personas["manager"], collection=collection, document=d)
    url = reverse("knowledge:collection_items", kwargs={"pk": collection.pk})
    item_b = CollectionItem.objects.get(collection=collection, document=b)
    response = manager.post(url, {"op": "up", "item": item_b.pk}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert html.index("Second") < html.index("First")
    assert 'id="collection-items"' in html and 'hx-swap-oob="true"' in html and "moved up" in html
    bad = manager.post(url, {"op": "up", "item": "0"}, headers={"HX-Request": "true"})
    assert bad.status_code == 400 and "no longer in the collection" in bad.content.decode()


def test_items_of_another_collection_cannot_be_moved(manager: Client, personas: dict[str, Any]) -> None:
    mine = collection_create(actor=personas["manager"], title="Mine")
    other = collection_create(actor=personas["manager"], title="Other")
    d1, d2 = make_document(), make_document()
    collection_item_add(actor=personas["manager"], collection=other, document=d1)
    collection_item_add(actor=personas["manager"], collection=other, document=d2)
    item = CollectionItem.objects.get(collection=other, document=d2)
    manager.post(reverse("knowledge:collection_items", kwargs={"pk": mine.pk}), {"op": "remove", "item": item.pk})
    assert other.items.count() == 2


# --- pages stay cheap ------------------------------------------------------------------------------


def _queries(client: Client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_the_data(manager: Client, personas: dict[str, Any]) -> None:
    collection = collection_create(actor=personas["manager"], title="Package")
    document = make_document(title="Main guideline")
    urls = [
        reverse("knowledge:collection_items", kwargs={"pk": collection.pk}) + "?q=guideline",
        reverse("knowledge:translations", kwargs={"pk": document.pk}) + "?q=guideline",
        reverse("knowledge:titles", kwargs={"pk": document.pk}),
        reverse("knowledge:delete", kwargs={"pk": document.pk}),
        reverse("knowledge:edit", kwargs={"pk": document.pk}),
    ]
    _queries(manager, urls[0])  # the first request of a session reads more (the session, caches)
    before = [_queries(manager, u) for u in urls]
    for n in range(12):
        d = make_document(title=f"Other guideline {n}", themes=["thb_labour"], countries=["AL"])
        collection_item_add(actor=personas["manager"], collection=collection, document=d)
        DocumentTitle.objects.create(document=document, language=f"x{n}", title=f"T {n}")
    after = [_queries(manager, u) for u in urls]
    assert after == before


def test_manage_actions_partial(manager: Client) -> None:
    from django.template.loader import render_to_string

    html = render_to_string("knowledge/partials/manage_actions.html")
    assert reverse("knowledge:new") in html and reverse("knowledge:collection_new") in html
    assert "Add a document" in html and "New collection" in html


def test_delete_refused_by_a_protecting_link_is_a_message_not_a_500(manager: Client, monkeypatch: Any) -> None:
    from django.db.models import ProtectedError

    from relais.knowledge import services

    def refuse(**kwargs: Any) -> None:
        raise ProtectedError("protected", set())

    monkeypatch.setattr(services, "document_delete", refuse)
    document = make_document(title="Still used")
    response = manager.post(reverse("knowledge:delete", kwargs={"pk": document.pk}), follow=True)
    assert response.status_code == 200 and "cannot be deleted" in response.content.decode()
    assert Document.objects.filter(pk=document.pk).exists()
