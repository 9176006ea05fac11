"""Questionnaires through the API: the list (filters, pages, scoping, query count), one with its
questions (the key only for those who may manage it), creating (pairing, standard questions, copies,
Idempotency-Key), status moves and adding questions, each refusal with its place."""

from __future__ import annotations

from typing import Any

import pytest

from relais.api.tests.factories import api_for
from relais.core.models import AuditEvent
from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.models import LearningObjective
from relais.design.tests.factories import make_complete_design
from relais.evaluation.models import (
    Item,
    ItemType,
    Questionnaire,
    QuestionnaireKind,
    QuestionnaireStatus,
    Section,
)
from relais.evaluation.tests.factories import answer_test, make_item, make_questionnaire, make_test
from relais.evaluation.tests.permissions_builder import build_world


@pytest.fixture
def world(personas: dict[str, Any], programme: Any) -> dict[str, Any]:
    built = build_world(programme, personas["trainer"])
    session = built["session"]
    pre = make_questionnaire(session, QuestionnaireKind.PRE_TEST, languages=["en", "fr"])
    section = Section.objects.create(questionnaire=pre, title="Indicators", position=0)
    item = make_item(pre, ItemType.SINGLE, correct=["a"], points=2, section=section)
    return {**personas, **built, "pre": pre, "section": section, "item": item}


def _errors(response: Any) -> list[str]:
    return [e["field"] for e in response.json()["errors"]]


# --- Reading -------------------------------------------------------------------------------------


def test_read_with_sections_and_the_key_for_those_who_manage(world: dict[str, Any]) -> None:
    response = api_for(world["trainer"]).get(f"/questionnaires/{world['pre'].pk}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["kind"], body["status"], body["session_id"]) == ("pre", "draft", world["session"].pk)
    assert body["design_id"] == world["design"].pk
    assert body["languages"] == ["en", "fr"]
    assert body["may_manage"] is True
    assert body["sections"] == [{"id": world["section"].pk, "position": 0, "title": "Indicators", "translations": {}}]
    (item,) = body["items"]
    assert item["id"] == world["item"].pk
    assert item["section_id"] == world["section"].pk
    assert item["options"][0] == {"value": "a", "label": "A"}
    assert (item["correct"], item["points"]) == (["a"], 2.0)
    assert (body["item_count"], body["submitted_count"]) == (1, 0)
    assert body["open_errors"] == []


def test_readers_who_may_not_manage_see_no_key(world: dict[str, Any]) -> None:
    body = api_for(world["me_officer"]).get(f"/questionnaires/{world['pre'].pk}").json()
    assert body["may_manage"] is False
    (item,) = body["items"]
    assert item["correct"] is None and item["points"] is None
    assert item["options"]  # the question as participants see it


@pytest.mark.parametrize("persona", ["coordinator_it", "viewer", "outsider"])
def test_others_do_not_find_it(world: dict[str, Any], persona: str) -> None:
    client = api_for(world[persona])
    assert client.get(f"/questionnaires/{world['pre'].pk}").status_code == 404
    assert world["pre"].pk not in {q["id"] for q in client.get("/questionnaires").json()["items"]}


def test_list_filters(world: dict[str, Any], programme: Any, other_programme: Any) -> None:
    session = world["session"]
    satisfaction = make_questionnaire(session, QuestionnaireKind.SATISFACTION, status=QuestionnaireStatus.OPEN)
    other_design = make_complete_design(programme=programme, title="Another design")
    elsewhere = make_questionnaire(make_session(design=other_design), QuestionnaireKind.PRE_TEST)
    other = make_questionnaire(
        make_session(design=make_complete_design(programme=other_programme)), QuestionnaireKind.PRE_TEST
    )
    client = api_for(world["manager"])

    def ids(**query: Any) -> set[int]:
        response = client.get("/questionnaires", query)
        assert response.status_code == 200, response.content
        return {q["id"] for q in response.json()["items"]}

    assert ids() == {world["pre"].pk, satisfaction.pk, elsewhere.pk}  # not the other programme's
    assert ids(session_id=session.pk) == {world["pre"].pk, satisfaction.pk}
    assert ids(design_id=other_design.pk) == {elsewhere.pk}
    assert ids(programme_id=programme.pk) == {world["pre"].pk, satisfaction.pk, elsewhere.pk}
    assert ids(programme_id=other_programme.pk) == set()
    assert ids(kind="satisfaction") == {satisfaction.pk}
    assert ids(status="open") == {satisfaction.pk}
    assert other.pk in {q["id"] for q in api_for(world["admin"]).get("/questionnaires").json()["items"]}
    row = next(q for q in client.get("/questionnaires").json()["items"] if q["id"] == world["pre"].pk)
    assert (row["item_count"], row["submitted_count"]) == (1, 0)
    assert "items" not in row
    response = client.get("/questionnaires", {"kind": "exam"})
    assert response.status_code == 422
    assert _errors(response) == ["kind"]


def test_list_pages(world: dict[str, Any]) -> None:
    second = make_questionnaire(world["session"], QuestionnaireKind.SATISFACTION)
    client = api_for(world["admin"])
    first_page = client.get("/questionnaires", {"limit": 1}).json()
    assert [q["id"] for q in first_page["items"]] == [world["pre"].pk]
    next_page = client.get("/questionnaires", {"limit": 1, "cursor": first_page["next_cursor"]}).json()
    assert [q["id"] for q in next_page["items"]] == [second.pk]
    assert next_page["next_cursor"] is None


def test_list_takes_a_fixed_number_of_queries(world: dict[str, Any], django_assert_max_num_queries: Any) -> None:
    client = api_for(world["manager"])
    client.get("/questionnaires")
    with django_assert_max_num_queries(20) as few:
        assert len(client.get("/questionnaires").json()["items"]) == 1
    for _n in range(19):
        questionnaire = make_questionnaire(world["session"], QuestionnaireKind.CUSTOM)
        make_item(questionnaire, ItemType.SHORT_TEXT)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get("/questionnaires").json()["items"]) == 20


# --- Creating ------------------------------------------------------------------------------------


def _create(world: dict[str, Any], body: dict[str, Any], persona: str = "coordinator_al", **headers: str) -> Any:
    return api_for(world[persona]).post(f"/sessions/{world['session'].pk}/questionnaires", body, **headers)


def test_a_post_test_is_paired_with_the_pre_test_and_takes_its_questions(world: dict[str, Any]) -> None:
    response = _create(world, {"kind": "post"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["paired_with_id"] == world["pre"].pk
    assert body["status"] == "draft"
    assert [i["text"] for i in body["items"]] == [world["item"].text]
    assert body["items"][0]["correct"] == ["a"]
    assert body["language"] == "en" and body["languages"] == ["en", "fr"]
    assert AuditEvent.objects.filter(action="questionnaire.create").count() == 1


def test_satisfaction_starts_with_the_standard_questions(world: dict[str, Any]) -> None:
    response = _create(world, {"kind": "satisfaction", "title": "Your view", "language": "fr", "languages": ["en"]})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["title"] == "Your view"
    assert (body["language"], body["languages"]) == ("fr", ["fr", "en"])
    assert "The training met my needs." in [i["text"] for i in body["items"]]


def test_create_once_with_an_idempotency_key(world: dict[str, Any]) -> None:
    client = api_for(world["trainer"])
    url = f"/sessions/{world['session'].pk}/questionnaires"
    first = client.post(url, {"kind": "custom"}, **{"Idempotency-Key": "q-1"})
    again = client.post(url, {"kind": "custom"}, **{"Idempotency-Key": "q-1"})
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    assert Questionnaire.objects.filter(kind="custom").count() == 1


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"kind": "exam"}, ["kind"]),
        ({}, ["kind"]),
        ({"kind": "pre", "language": "xx"}, ["language"]),
        ({"kind": "pre", "languages": ["en", "zz", "fr", "yy"]}, ["languages.1", "languages.3"]),
        ({"kind": "pre", "title": "t" * 301}, ["title"]),
        ({"kind": "pre", "languages": ["en"] * 31}, ["languages"]),
    ],
)
def test_create_refusals(world: dict[str, Any], body: dict[str, Any], fields: list[str]) -> None:
    before = Questionnaire.objects.count()
    response = _create(world, body)
    assert response.status_code == 422
    assert _errors(response) == fields
    assert Questionnaire.objects.count() == before


def test_copy_from_another_session_of_the_design(world: dict[str, Any]) -> None:
    source_session = make_session(design=world["design"])
    source = make_test(source_session, QuestionnaireKind.PRE_TEST, questions=3)
    response = _create(world, {"kind": "pre", "copy_from": source.pk})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["session_id"] == world["session"].pk
    assert body["title"] == source.title
    assert len(body["items"]) == 3


def test_copy_refusals(world: dict[str, Any], programme: Any) -> None:
    other_design = make_questionnaire(
        make_session(design=make_complete_design(programme=programme, title="Other")), QuestionnaireKind.PRE_TEST
    )
    same_design = make_questionnaire(make_session(design=world["design"]), QuestionnaireKind.SATISFACTION)
    before = Questionnaire.objects.count()
    cases = [
        ({"kind": "pre", "copy_from": other_design.pk}, ["copy_from"]),
        ({"kind": "pre", "copy_from": 999999}, ["copy_from"]),
        ({"kind": "pre", "copy_from": world["pre"].pk}, ["copy_from"]),  # this session's own
        ({"kind": "pre", "copy_from": same_design.pk}, ["kind"]),
        (
            {"kind": "satisfaction", "copy_from": same_design.pk, "title": "Mine", "languages": ["en"]},
            ["title", "languages"],
        ),
    ]
    for body, fields in cases:
        response = _create(world, body)
        assert response.status_code == 422, body
        assert _errors(response) == fields, body
    assert Questionnaire.objects.count() == before


def test_copy_from_what_the_owner_may_not_see(world: dict[str, Any]) -> None:
    """A trainer copies only from sessions they see (the ones they train)."""
    hidden = make_questionnaire(make_session(design=world["design"]), QuestionnaireKind.SATISFACTION)
    response = _create(world, {"kind": "satisfaction", "copy_from": hidden.pk}, persona="trainer")
    assert response.status_code == 422
    assert _errors(response) == ["copy_from"]


@pytest.mark.parametrize("persona", ["me_officer", "coordinator_it", "viewer", "outsider"])
def test_create_needs_evaluating_the_session(world: dict[str, Any], persona: str) -> None:
    assert _create(world, {"kind": "custom"}, persona=persona).status_code == 404
    assert not Questionnaire.objects.filter(kind="custom").exists()


# --- Status --------------------------------------------------------------------------------------


def _status(world: dict[str, Any], questionnaire: Questionnaire, action: Any, persona: str = "manager") -> Any:
    return api_for(world[persona]).post(f"/questionnaires/{questionnaire.pk}/status", {"action": action})


def test_open_close_and_back_to_draft(world: dict[str, Any]) -> None:
    pre = world["pre"]
    response = _status(world, pre, "open")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "open"
    assert _status(world, pre, "close").json()["status"] == "closed"
    assert _status(world, pre, "draft").json()["status"] == "draft"
    pre.refresh_from_db()
    assert pre.status == QuestionnaireStatus.DRAFT
    assert AuditEvent.objects.filter(action="questionnaire.open").count() == 1


def test_status_conflicts(world: dict[str, Any]) -> None:
    empty = make_questionnaire(world["session"], QuestionnaireKind.SATISFACTION)
    response = _status(world, empty, "open")
    assert response.status_code == 409
    assert "no question" in response.json()["detail"]
    response = _status(world, world["pre"], "close")  # a draft cannot close
    assert response.status_code == 409
    empty.refresh_from_db()
    assert empty.status == QuestionnaireStatus.DRAFT


def test_unknown_status_action(world: dict[str, Any]) -> None:
    response = _status(world, world["pre"], "publish")
    assert response.status_code == 422
    assert _errors(response) == ["action"]


def test_status_needs_evaluating(world: dict[str, Any]) -> None:
    assert _status(world, world["pre"], "open", persona="me_officer").status_code == 404
    world["pre"].refresh_from_db()
    assert world["pre"].status == QuestionnaireStatus.DRAFT


# --- Questions -----------------------------------------------------------------------------------


def _item(world: dict[str, Any], body: dict[str, Any], persona: str = "trainer", **headers: str) -> Any:
    return api_for(world[persona]).post(f"/questionnaires/{world['pre'].pk}/items", body, **headers)


CHOICES = [{"value": "yes", "label": "Yes"}, {"value": "no", "label": "No"}, {"value": "maybe", "label": "Maybe"}]


def test_add_a_scored_question(world: dict[str, Any]) -> None:
    objective = LearningObjective.objects.filter(design=world["design"]).first()
    assert objective is not None
    body = {
        "type": "multiple",
        "text": "Which are indicators?",
        "options": CHOICES,
        "correct": ["maybe", "yes"],
        "points": 1.5,
        "objective_id": objective.pk,
        "section_id": world["section"].pk,
    }
    response = _item(world, body)
    assert response.status_code == 201, response.content
    out = response.json()
    assert out["correct"] == ["yes", "maybe"]  # in the order of the choices
    assert out["points"] == 1.5
    assert (out["section_id"], out["objective_id"], out["position"]) == (world["section"].pk, objective.pk, 1)
    item = Item.objects.get(pk=out["id"])
    assert item.options == CHOICES and item.is_scored
    assert AuditEvent.objects.filter(action="item.create", object_id=str(item.pk)).exists()


def test_add_a_number_question(world: dict[str, Any]) -> None:
    body = {"type": "number", "text": "How many days?", "correct": ["12,5", "3"], "points": 1}
    response = _item(world, body)
    assert response.status_code == 201, response.content
    assert response.json()["correct"] == ["12.5", "3"]


def test_add_a_question_once_with_an_idempotency_key(world: dict[str, Any]) -> None:
    body = {"type": "long_text", "text": "What will you change?", "required": False}
    first = _item(world, body, **{"Idempotency-Key": "item-1"})
    again = _item(world, body, **{"Idempotency-Key": "item-1"})
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert Item.objects.filter(text="What will you change?").count() == 1


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"type": "essay", "text": "Q"}, ["type"]),
        ({"type": "single", "text": "  ", "options": CHOICES}, ["text"]),
        ({"type": "single", "text": "Q", "options": CHOICES[:1]}, ["options"]),
        ({"type": "single", "text": "Q", "options": [CHOICES[0], {**CHOICES[1], "value": "yes"}]}, ["options.1.value"]),
        ({"type": "single", "text": "Q", "options": [{"value": "a b", "label": "A"}, CHOICES[1]]}, ["options.0.value"]),
        ({"type": "single", "text": "Q", "options": [{"value": "a", "label": ""}, CHOICES[1]]}, ["options.0.label"]),
        (
            {"type": "single", "text": "Q", "options": CHOICES, "correct": ["yes", "perhaps"], "points": 1},
            ["correct.1"],
        ),
        ({"type": "single", "text": "Q", "options": CHOICES, "points": 1}, ["correct"]),
        ({"type": "number", "text": "Q", "correct": ["many"], "points": 1}, ["correct.0"]),
        ({"type": "short_text", "text": "Q", "options": CHOICES}, ["options"]),
        ({"type": "short_text", "text": "Q", "points": 1}, ["points"]),
        ({"type": "short_text", "text": "Q", "points": -1}, ["points"]),
        ({"type": "short_text", "text": "Q", "points": 1001}, ["points"]),
        ({"type": "short_text", "text": "Q", "role": "application"}, ["role"]),
        ({"type": "short_text", "text": "Q", "role": "boss"}, ["role"]),
        ({"type": "short_text", "text": "Q", "objective_id": 999999}, ["objective_id"]),
        ({"type": "short_text", "text": "Q", "section_id": 999999}, ["section_id"]),
        ({"type": "short_text", "text": "Q", "options": CHOICES * 11}, ["options"]),
    ],
)
def test_question_refusals(world: dict[str, Any], body: dict[str, Any], fields: list[str]) -> None:
    response = _item(world, body)
    assert response.status_code == 422, response.content
    assert _errors(response) == fields
    assert Item.objects.filter(questionnaire=world["pre"]).count() == 1


def test_a_section_of_another_questionnaire_is_refused(world: dict[str, Any]) -> None:
    other = make_questionnaire(world["session"], QuestionnaireKind.SATISFACTION)
    section = Section.objects.create(questionnaire=other, title="Elsewhere")
    response = _item(world, {"type": "short_text", "text": "Q", "section_id": section.pk})
    assert response.status_code == 422
    assert _errors(response) == ["section_id"]


def test_no_question_is_added_once_answers_are_sent(world: dict[str, Any]) -> None:
    registration = register(world["session"], make_person("Ana", "Hoxha"))
    answer_test(world["pre"], registration, right=1)
    response = _item(world, {"type": "short_text", "text": "Too late"})
    assert response.status_code == 409
    assert not Item.objects.filter(text="Too late").exists()


@pytest.mark.parametrize("persona", ["me_officer", "coordinator_it", "outsider"])
def test_adding_questions_needs_evaluating(world: dict[str, Any], persona: str) -> None:
    assert _item(world, {"type": "short_text", "text": "Q"}, persona=persona).status_code == 404
