"""The item library: who sees which items, saving a question to it, adding its questions to a
questionnaire, removing items, standard items; the pages and their query count."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from relais.core.models import AuditEvent
from relais.delivery.tests.factories import make_person, register
from relais.evaluation.models import Item, ItemType, LibraryItem, QuestionnaireKind, Section
from relais.evaluation.selectors_library import library_visible
from relais.evaluation.services_library import (
    library_item_delete,
    library_item_from_item,
    library_item_set_standard,
    library_items_add,
)
from relais.evaluation.tests.factories import answer_test, make_item, make_questionnaire, make_test
from relais.evaluation.tests.permissions_builder import build_world


@pytest.fixture
def world(personas: dict[str, Any], programme: Any, other_programme: Any) -> dict[str, Any]:
    return {**personas, **build_world(programme, personas["trainer"], other_programme=other_programme)}


def test_each_sees_the_shared_items_and_those_of_their_programmes(world: dict[str, Any]) -> None:
    library = world["library"]
    shared = set(LibraryItem.objects.filter(programme__isnull=True))
    mine = {library["follow_up"], library["pre"]}
    for persona in ("manager", "coordinator_it", "trainer", "me_officer"):
        assert set(library_visible(user=world[persona])) == shared | mine, persona
    assert library["other"] in library_visible(user=world["admin"])
    for persona in ("viewer", "outsider"):
        assert not library_visible(user=world[persona]).exists()


def test_save_a_question_to_the_programmes_library(world: dict[str, Any]) -> None:
    q = make_questionnaire(world["session"], QuestionnaireKind.PRE_TEST)
    item = make_item(
        q,
        ItemType.SINGLE,
        text="Who issues work permits?",
        correct=["b"],
        points=2,
        translations={"fr": {"text": "Qui ?"}},
    )
    saved = library_item_from_item(actor=world["trainer"], item=item)
    assert (saved.programme, saved.kind, saved.type, saved.correct, saved.points) == (
        world["session"].programme,
        "pre",
        "single",
        ["b"],
        item.points,
    )
    assert saved.translations == {"fr": {"text": "Qui ?"}} and saved.created_by == world["trainer"]
    assert set(saved.themes.all()) == set(world["design"].themes.all())
    item.refresh_from_db()
    assert item.library_item == saved
    assert AuditEvent.objects.get(action="library.create").details["from_item"] == item.pk
    with pytest.raises(ValidationError, match="already holds this question"):
        library_item_from_item(actor=world["trainer"], item=item)
    with pytest.raises(PermissionError):
        library_item_from_item(actor=world["trainer"], item=item, for_all=True)
    shared = library_item_from_item(actor=world["admin"], item=item, for_all=True)
    assert shared.programme is None


def test_add_library_questions_to_a_questionnaire(world: dict[str, Any]) -> None:
    q = make_questionnaire(world["session"], QuestionnaireKind.SATISFACTION)
    section = Section.objects.create(questionnaire=q, title="The venue")
    make_item(q, ItemType.LIKERT, text="Already there")
    chosen = [world["library"]["satisfaction"], world["library"]["pre"]]
    assert library_items_add(actor=world["manager"], questionnaire=q, library_items=chosen, section=section) == 2
    added = list(q.items.filter(section=section).order_by("position"))
    assert [i.library_item for i in added] == chosen
    assert added[0].translations == {"fr": {"text": "La formation a répondu à mes besoins."}}
    assert (added[1].correct, added[1].options[0]["label"]) == (["a"], "Withheld documents")
    assert AuditEvent.objects.filter(action="item.create").count() == 2
    with pytest.raises(ValidationError, match="Choose at least one"):
        library_items_add(actor=world["manager"], questionnaire=q, library_items=[])


def test_no_library_question_is_added_once_answered(world: dict[str, Any]) -> None:
    session = world["session"]
    q = make_test(session, QuestionnaireKind.PRE_TEST, questions=1)
    answer_test(q, register(session, make_person("Ana", "Hoxha")), 1)
    with pytest.raises(ValidationError, match="already been sent"):
        library_items_add(actor=world["manager"], questionnaire=q, library_items=[world["library"]["pre"]])


def test_who_may_remove_and_choose_standard_items(world: dict[str, Any]) -> None:
    library = world["library"]
    q = make_questionnaire(world["session"], QuestionnaireKind.PRE_TEST)
    library_items_add(actor=world["manager"], questionnaire=q, library_items=[library["pre"]])
    with pytest.raises(PermissionError):
        library_item_delete(actor=world["coordinator_al"], library_item=library["pre"])
    with pytest.raises(PermissionError):
        library_item_delete(actor=world["manager"], library_item=library["satisfaction"])  # shared with all
    library_item_delete(actor=world["manager"], library_item=library["pre"])
    assert q.items.get().library_item is None  # the copy stays
    library_item_delete(actor=world["admin"], library_item=library["satisfaction"])
    with pytest.raises(PermissionError):
        library_item_set_standard(actor=world["manager"], library_item=library["follow_up"], standard=False)
    library_item_set_standard(actor=world["admin"], library_item=library["follow_up"], standard=False)
    library["follow_up"].refresh_from_db()
    assert not library["follow_up"].standard
    assert list(
        AuditEvent.objects.filter(action__startswith="library.").order_by("id").values_list("action", flat=True)
    ) == [
        "library.delete",
        "library.delete",
        "library.update",
    ]


# --- Pages --------------------------------------------------------------------------------------


def test_the_library_page_filters(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["manager"])
    url = reverse("evaluation:library")
    html = client.get(url, {"kind": "pre", "programme": str(world["session"].programme_id)}).content.decode()
    assert "Which is an indicator of forced labour?" in html and "The training met my needs." not in html
    assert "A question of another programme" not in html
    html = client.get(url, {"programme": "all", "q": "met my NEEDS"}).content.decode()
    assert "The training met my needs." in html and "Which is an indicator" not in html
    assert "Make standard" not in html  # administrators only
    partial = client.get(url, {"type": "contacts"}, headers={"HX-Request": "true"})
    assert "<html" not in partial.content.decode() and "Whom from the training" in partial.content.decode()


def test_the_library_page_query_count_does_not_grow(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["manager"])
    url = reverse("evaluation:library")
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    programme = world["session"].programme
    for n in range(30):
        LibraryItem.objects.create(programme=programme, kind="pre", type="short_text", text=f"Extra {n}")
    with CaptureQueriesContext(connection) as after:
        assert client.get(url).status_code == 200
    assert len(after) == len(before)


def test_pick_and_add_from_the_library(client: Any, world: dict[str, Any]) -> None:
    q = make_questionnaire(world["session"], QuestionnaireKind.PRE_TEST)
    client.force_login(world["trainer"])
    page = client.get(reverse("evaluation:questionnaire_library", kwargs={"pk": q.pk}))
    html = page.content.decode()
    assert "Which is an indicator of forced labour?" in html and 'name="library_item"' in html
    assert "The training met my needs." not in html  # the questionnaire's kind is chosen first
    response = client.post(
        reverse("evaluation:library_add", kwargs={"pk": q.pk}), {"library_item": [world["library"]["pre"].pk]}
    )
    assert response.status_code == 302
    assert q.items.get().library_item == world["library"]["pre"]
    other = client.post(
        reverse("evaluation:library_add", kwargs={"pk": q.pk}), {"library_item": [world["library"]["other"].pk]}
    )
    assert other.status_code == 302 and q.items.count() == 1  # not visible to the trainer: nothing added


def test_save_to_library_and_remove_through_the_pages(client: Any, world: dict[str, Any]) -> None:
    q = make_questionnaire(world["session"], QuestionnaireKind.PRE_TEST)
    item = make_item(q, ItemType.SHORT_TEXT, text="What do you expect?")
    client.force_login(world["manager"])
    response = client.post(reverse("evaluation:item_to_library", kwargs={"pk": q.pk, "item_pk": item.pk}), follow=True)
    assert "Question saved to the library of the programme." in response.content.decode()
    saved = LibraryItem.objects.get(text="What do you expect?")
    response = client.post(
        reverse("evaluation:library_delete", kwargs={"pk": saved.pk}), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("evaluation:library")
    assert not LibraryItem.objects.filter(pk=saved.pk).exists()
    assert Item.objects.filter(pk=item.pk).exists()


def test_administrators_choose_standard_items_on_the_page(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["admin"])
    pre = world["library"]["pre"]
    assert "Make standard" in client.get(reverse("evaluation:library")).content.decode()
    client.post(reverse("evaluation:library_standard", kwargs={"pk": pre.pk}), {"standard": "1"})
    pre.refresh_from_db()
    assert pre.standard
