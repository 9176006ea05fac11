"""Responses through the API: entering a participant's answers (as paper entry does), reading them with
names only for the roles that see names, and the list's filters, pages and queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from relais.api.tests.factories import api_for
from relais.core.models import AuditEvent
from relais.core.pseudonyms import pseudonym
from relais.delivery.models import RegistrationStatus
from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.tests.factories import make_complete_design
from relais.evaluation.models import (
    ItemType,
    LearningScore,
    QuestionnaireKind,
    QuestionnaireStatus,
    Response,
    ResponseSource,
    ResponseStatus,
)
from relais.evaluation.services_responses import response_save, response_start
from relais.evaluation.tests.factories import answer_test, make_item, make_questionnaire, make_test, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(programme: Any, personas: dict[str, Any]) -> dict[str, Any]:
    design = make_complete_design(programme=programme, title="Joint investigation training")
    session = make_session(design=design, country="AL", title="Tirana", start_date=dt.date(2026, 3, 2))
    session.trainers.add(personas["trainer"])
    pre = make_test(session, QuestionnaireKind.PRE_TEST, questions=2, status=QuestionnaireStatus.OPEN, languages=["fr"])
    likert = make_item(pre, ItemType.LIKERT, text="I feel ready", required=False)
    text = make_item(pre, ItemType.SHORT_TEXT, text="Comments", required=False)
    satisfaction = make_questionnaire(
        session, QuestionnaireKind.SATISFACTION, anonymous=True, status=QuestionnaireStatus.OPEN
    )
    make_item(satisfaction, ItemType.LIKERT, text="The training met my needs")
    people = {
        key: register(session, make_person(key.capitalize(), "Tester"), RegistrationStatus.ATTENDED)
        for key in ("ana", "ben", "cora")
    }
    people["waiting"] = register(session, make_person("Wendy", "Waiting"), RegistrationStatus.WAITING)
    other = make_session(design=design, country="AL", title="Durrës")
    people["elsewhere"] = register(other, make_person("Elsa", "Elsewhere"))
    items = list(pre.items.order_by("position", "id"))
    return {
        "session": session,
        "other": other,
        "pre": pre,
        "scored": items[:2],
        "likert": likert,
        "text": text,
        "satisfaction": satisfaction,
        "regs": people,
    }


def _body(world: dict[str, Any], who: str = "ana", right: int = 1, **extra: Any) -> dict[str, Any]:
    answers = [{"item_id": item.pk, "value": "a" if n < right else "b"} for n, item in enumerate(world["scored"])]
    answers.append({"item_id": world["likert"].pk, "value": 4})
    return {"registration_id": world["regs"][who].pk, "answers": answers, **extra}


def _answered(world: dict[str, Any], who: str, right: int) -> Response:
    """A pre-test submitted on the web, with the first `right` scored questions right."""
    values = {item.pk: "a" if n < right else "b" for n, item in enumerate(world["scored"])}
    return submit(world["pre"], world["regs"][who], values)


def _post(client: Any, world: dict[str, Any], body: dict[str, Any], **headers: str) -> Any:
    return client.post(f"/questionnaires/{world['pre'].pk}/responses", body, **headers)


def _fields(response: Any) -> list[str]:
    assert response.status_code == 422, response.content
    return [e["field"] for e in response.json()["errors"]]


# --- Entering answers -------------------------------------------------------------------------------


def test_answers_are_entered_submitted_and_scored(world: dict[str, Any], personas: dict[str, Any]) -> None:
    client = api_for(personas["trainer"])
    response = _post(client, world, _body(world, right=1, language="fr"))
    assert response.status_code == 201, response.content
    data = response.json()
    row = Response.objects.get(pk=data["id"])
    assert (row.status, row.source, row.language, row.entered_by) == (
        ResponseStatus.SUBMITTED,
        ResponseSource.API,
        "fr",
        personas["trainer"],
    )
    assert data["status"] == "submitted" and data["source"] == "api"
    assert (data["score"], data["max_score"]) == (1.0, 2.0)
    assert data["registration_id"] == world["regs"]["ana"].pk
    assert data["person_id"] == world["regs"]["ana"].person_id
    assert data["participant"] == pseudonym(world["regs"]["ana"].person_id)
    assert [a["item_id"] for a in data["answers"]] == [i.pk for i in world["scored"]] + [world["likert"].pk]
    assert data["answers"][0] == {"item_id": world["scored"][0].pk, "value": "a", "points": 1.0}
    assert data["answers"][2]["value"] == 4
    assert AuditEvent.objects.filter(action="response.enter", object_id=str(row.pk)).count() == 1


def test_a_second_submission_for_the_same_participant_is_a_conflict(
    world: dict[str, Any], personas: dict[str, Any]
) -> None:
    client = api_for(personas["manager"])
    assert _post(client, world, _body(world)).status_code == 201
    again = _post(client, world, _body(world, right=2))
    assert again.status_code == 409
    assert again.json()["type"].endswith("problem-conflict")
    assert Response.objects.get(questionnaire=world["pre"], registration=world["regs"]["ana"]).score == 1
    # Answers sent on the web count too: the page does not let a participant answer twice.
    _answered(world, "ben", 2)
    assert _post(client, world, _body(world, "ben")).status_code == 409


def test_answers_started_on_the_web_are_completed(world: dict[str, Any], personas: dict[str, Any]) -> None:
    started = response_start(questionnaire=world["pre"], registration=world["regs"]["ana"])
    response_save(response=started, values={world["text"].pk: "Half done"}, submit=False)
    response = _post(api_for(personas["admin"]), world, _body(world, right=2))
    assert response.status_code == 201
    assert response.json()["id"] == started.pk
    started.refresh_from_db()
    assert (started.status, started.source, started.score) == (ResponseStatus.SUBMITTED, ResponseSource.API, 2)
    assert {a["item_id"]: a["value"] for a in response.json()["answers"]}[world["text"].pk] == "Half done"


def test_questions_left_out_stay_unanswered(world: dict[str, Any], personas: dict[str, Any]) -> None:
    body = {"registration_id": world["regs"]["ana"].pk, "answers": [{"item_id": world["scored"][0].pk, "value": "a"}]}
    response = _post(api_for(personas["admin"]), world, body)
    assert response.status_code == 201
    assert len(response.json()["answers"]) == 1 and response.json()["score"] == 1.0


def test_unknown_and_repeated_questions(world: dict[str, Any], personas: dict[str, Any]) -> None:
    client = api_for(personas["admin"])
    foreign = make_item(make_test(world["other"], questions=0), ItemType.SINGLE)
    body = _body(world)
    body["answers"].insert(1, {"item_id": foreign.pk, "value": "a"})
    body["answers"].append({"item_id": world["scored"][0].pk, "value": "b"})
    assert _fields(_post(client, world, body)) == ["answers.1.item_id", "answers.4.item_id"]
    assert not Response.objects.exists()


def test_wrong_values_are_placed_at_their_answer(world: dict[str, Any], personas: dict[str, Any]) -> None:
    client = api_for(personas["admin"])
    body = _body(world)
    body["answers"][0]["value"] = "z"  # not an option (the service says so)
    body["answers"][2]["value"] = 7  # out of the scale (the service says so)
    body["answers"].append({"item_id": world["text"].pk, "value": {"not": "text"}})  # not a string
    # The JSON type is checked first: a value of the wrong type is refused before the others are read.
    assert _fields(_post(client, world, body)) == ["answers.3.value"]
    body["answers"].pop()
    response = _post(client, world, body)
    assert sorted(_fields(response)) == ["answers.0.value", "answers.2.value"]
    messages = {e["field"]: e["detail"] for e in response.json()["errors"]}
    assert messages["answers.0.value"] == "This choice is not on the list."
    assert messages["answers.2.value"] == "Choose a value from 1 to 5."
    assert _fields(_post(client, world, {**_body(world), "answers": [{"item_id": world["likert"].pk, "value": True}]}))
    assert not Response.objects.exists()


def test_participant_language_and_submit_are_checked(world: dict[str, Any], personas: dict[str, Any]) -> None:
    client = api_for(personas["admin"])
    body = _body(world)
    assert _fields(_post(client, world, {**body, "registration_id": None})) == ["registration_id"]
    for who in ("waiting", "elsewhere"):
        assert _fields(_post(client, world, _body(world, who))) == ["registration_id"]
    assert _fields(_post(client, world, {**body, "registration_id": 99999999})) == ["registration_id"]
    assert _fields(_post(client, world, {**body, "language": "de"})) == ["language"]
    assert _fields(_post(client, world, {**body, "submit": False})) == ["submit"]
    assert _fields(_post(client, world, {**body, "answers": [{"item_id": 0, "value": "a"}]})) == ["answers.0.item_id"]
    too_many = [{"item_id": world["scored"][0].pk, "value": "a"}] * 501
    assert _fields(_post(client, world, {**body, "answers": too_many})) == ["answers"]
    assert not Response.objects.exists()


def test_anonymous_questionnaires_take_no_participant(world: dict[str, Any], personas: dict[str, Any]) -> None:
    client = api_for(personas["coordinator_al"])
    satisfaction = world["satisfaction"]
    item = satisfaction.items.get()
    url = f"/questionnaires/{satisfaction.pk}/responses"
    refused = client.post(url, {"registration_id": world["regs"]["ana"].pk, "answers": []})
    assert _fields(refused) == ["registration_id"]
    first = client.post(url, {"answers": [{"item_id": item.pk, "value": 5}]})
    second = client.post(url, {"answers": [{"item_id": item.pk, "value": 3}]})
    assert first.status_code == second.status_code == 201
    assert Response.objects.filter(questionnaire=satisfaction, status=ResponseStatus.SUBMITTED).count() == 2
    data = client.get(f"/responses/{first.json()['id']}").json()
    assert data["anonymous"] is True
    assert (data["registration_id"], data["person_id"], data["participant"]) == (None, None, None)
    assert data["answers"] == [{"item_id": item.pk, "value": 5, "points": None}]


def test_idempotent_entry(world: dict[str, Any], personas: dict[str, Any]) -> None:
    client = api_for(personas["admin"])
    first = _post(client, world, _body(world), **{"Idempotency-Key": "answers-ana"})
    again = _post(client, world, _body(world), **{"Idempotency-Key": "answers-ana"})
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    assert again.json()["answers"] == first.json()["answers"]
    assert Response.objects.filter(questionnaire=world["pre"]).count() == 1


def test_who_may_enter_answers(world: dict[str, Any], personas: dict[str, Any]) -> None:
    for persona in ("coordinator_it", "me_officer", "viewer", "outsider"):
        assert _post(api_for(personas[persona]), world, _body(world)).status_code == 404, persona
    assert not Response.objects.exists()


def test_entering_answers_to_both_tests_writes_the_learning_score(
    world: dict[str, Any], personas: dict[str, Any]
) -> None:
    post = make_test(world["session"], QuestionnaireKind.POST_TEST, questions=2, paired_with=world["pre"])
    client = api_for(personas["trainer"])
    assert _post(client, world, _body(world, right=1)).status_code == 201
    answers = [{"item_id": item.pk, "value": "a"} for item in post.items.order_by("position", "id")]
    body = {"registration_id": world["regs"]["ana"].pk, "answers": answers}
    assert client.post(f"/questionnaires/{post.pk}/responses", body).status_code == 201
    score = LearningScore.objects.get(registration=world["regs"]["ana"])
    assert (score.pre, score.post, score.gain) == (0.5, 1.0, 1.0)


# --- Reading ---------------------------------------------------------------------------------------


def test_names_only_for_those_who_see_names(world: dict[str, Any], personas: dict[str, Any]) -> None:
    answered = _answered(world, "ana", 2)
    ana = world["regs"]["ana"]
    for persona in ("admin", "manager", "coordinator_al", "trainer"):
        data = api_for(personas[persona]).get(f"/responses/{answered.pk}").json()
        assert (data["registration_id"], data["person_id"]) == (ana.pk, ana.person_id), persona
    # M&E officers read the results (aggregates), never one person's answers or score: as on the pages.
    officer = api_for(personas["me_officer"])
    assert officer.get(f"/responses/{answered.pk}").status_code == 404
    assert officer.get("/responses").json()["items"] == []


def test_others_do_not_see_responses(world: dict[str, Any], personas: dict[str, Any]) -> None:
    answered = _answered(world, "ana", 2)
    for persona in ("coordinator_it", "viewer", "outsider"):
        client = api_for(personas[persona])
        assert client.get(f"/responses/{answered.pk}").status_code == 404, persona
        assert client.get("/responses").json()["items"] == [], persona
    assert api_for(personas["admin"]).get("/responses/99999999").status_code == 404


def test_list_filters_and_pages(world: dict[str, Any], personas: dict[str, Any]) -> None:
    regs = world["regs"]
    a = _answered(world, "ana", 1)
    b = _answered(world, "ben", 2)
    c = response_start(questionnaire=world["pre"], registration=regs["cora"])  # in progress
    item = world["satisfaction"].items.get()
    anonymous = response_start(questionnaire=world["satisfaction"], registration=None)
    response_save(response=anonymous, values={item.pk: 5}, submit=True)
    other_test = make_test(world["other"], questions=1)
    d = answer_test(other_test, regs["elsewhere"], 1)
    client = api_for(personas["admin"])

    def ids(**params: Any) -> list[int]:
        response = client.get("/responses", params)
        assert response.status_code == 200, response.content
        return [r["id"] for r in response.json()["items"]]

    assert ids() == sorted([a.pk, b.pk, c.pk, anonymous.pk, d.pk])
    assert ids(questionnaire_id=world["pre"].pk) == [a.pk, b.pk, c.pk]
    assert ids(session_id=world["other"].pk) == [d.pk]
    assert ids(status="in_progress") == [c.pk]
    assert ids(kind="satisfaction") == [anonymous.pk]
    assert ids(questionnaire_id=world["pre"].pk, status="submitted") == [a.pk, b.pk]
    assert _fields(client.get("/responses", {"status": "sent"})) == ["status"]
    first = client.get("/responses", {"limit": 2, "questionnaire_id": world["pre"].pk}).json()
    assert [r["id"] for r in first["items"]] == [a.pk, b.pk] and first["next_cursor"]
    rest = client.get("/responses", {"limit": 2, "questionnaire_id": world["pre"].pk, "cursor": first["next_cursor"]})
    assert [r["id"] for r in rest.json()["items"]] == [c.pk] and rest.json()["next_cursor"] is None


def test_the_list_costs_the_same_queries_for_2_or_20_rows(
    world: dict[str, Any], personas: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    client = api_for(personas["manager"])
    session = world["session"]

    def fill(count: int) -> None:
        for _n in range(count):
            registration = register(session, make_person("Pat", None), RegistrationStatus.ATTENDED)
            submit(world["pre"], registration, {item.pk: "a" for item in world["scored"]})

    fill(2)
    client.get("/responses")  # warm up (token, caches)
    with django_assert_max_num_queries(12) as two:
        assert len(client.get("/responses").json()["items"]) == 2
    fill(18)
    with django_assert_max_num_queries(len(two.captured_queries)):
        assert len(client.get("/responses").json()["items"]) == 20
