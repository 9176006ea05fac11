"""Sections and items: choices and correct answers read from the form's text, the rules an item
follows, the lock once answers are sent (only texts, translations, correct answers and points may
change), rescoring when the key changes, ordering, and the audit of every write."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from relais.core.models import AuditEvent
from relais.delivery.tests.factories import make_person, register
from relais.design.tests.factories import add_objective, make_design
from relais.evaluation.models import Answer, ItemRole, ItemType, QuestionnaireKind, Response, Section
from relais.evaluation.services_builder_items import item_create, item_delete, item_move, item_update
from relais.evaluation.services_builder_rules import ItemData, parse_correct, parse_options
from relais.evaluation.services_builder_sections import section_create, section_delete, section_move, section_rename
from relais.evaluation.services_responses import response_save, response_start
from relais.evaluation.tests.factories import ABC, answer_test, make_item, make_questionnaire, make_test
from relais.evaluation.tests.permissions_builder import build_world


@pytest.fixture
def world(personas: dict[str, Any], programme: Any) -> dict[str, Any]:
    return {**personas, **build_world(programme, personas["trainer"])}


def _data(**fields: Any) -> ItemData:
    values: dict[str, Any] = {"type": ItemType.SINGLE, "text": "Which is an indicator of forced labour?"}
    values.update(fields)
    if values["type"] in (ItemType.SINGLE, ItemType.MULTIPLE) and "options" not in values:
        values["options"] = list(ABC)
    return ItemData(**values)


def _errors(call: Any) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as error:
        call()
    return error.value.message_dict


# --- Reading the form's text --------------------------------------------------------------------


def test_options_from_labels_get_letters() -> None:
    assert parse_options("Withheld documents\n\n  A paid holiday \nNone") == [
        {"value": "a", "label": "Withheld documents"},
        {"value": "b", "label": "A paid holiday"},
        {"value": "c", "label": "None"},
    ]


def test_options_keep_given_values_and_skip_them_when_generating() -> None:
    assert parse_options("b|Yes\nNo\nyes-often|Often") == [
        {"value": "b", "label": "Yes"},
        {"value": "a", "label": "No"},
        {"value": "yes-often", "label": "Often"},
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a|Yes\na|No", "Two choices have the value “a”"),
        ("a b|Yes", "cannot be the value of a choice"),
        ("a|", "needs a label"),
    ],
)
def test_bad_options_are_refused(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_options(text)


def test_correct_answers_by_value_or_label_in_the_order_of_the_choices() -> None:
    options = parse_options("Withheld documents\nA paid holiday\nDebt bondage")
    assert parse_correct("c, withheld documents", ItemType.MULTIPLE, options) == ["a", "c"]
    with pytest.raises(ValidationError, match="correct answers must be among them"):
        parse_correct("d", ItemType.SINGLE, options)


def test_correct_numbers() -> None:
    assert parse_correct("12,5; 3", ItemType.NUMBER, []) == ["12.5", "3"]
    assert parse_correct("3, 4\n1e2", ItemType.NUMBER, []) == ["3", "4", "100"]
    with pytest.raises(ValidationError, match="is not a number"):
        parse_correct("twelve", ItemType.NUMBER, [])
    with pytest.raises(ValidationError, match="Only single choice"):
        parse_correct("4", ItemType.LIKERT, [])


# --- Rules of an item ---------------------------------------------------------------------------


def test_rules_of_choices(world: dict[str, Any]) -> None:
    q = make_questionnaire(world["session"], QuestionnaireKind.PRE_TEST)

    def create(**fields: Any) -> Any:
        return lambda: item_create(actor=world["manager"], questionnaire=q, data=_data(**fields))

    assert "at least two choices" in _errors(create(options=[{"value": "a", "label": "Only"}]))["options"][0]
    likert = _errors(create(type=ItemType.LIKERT, options=list(ABC)))
    assert "own five levels" in likert["options"][0]
    text = _errors(create(type=ItemType.LONG_TEXT, options=list(ABC)))
    assert "Only single and multiple choice" in text["options"][0]
    assert "Write the question" in _errors(create(text="  "))["text"][0]


def test_rules_of_scoring(world: dict[str, Any]) -> None:
    q = make_questionnaire(world["session"], QuestionnaireKind.PRE_TEST)

    def create(**fields: Any) -> Any:
        return lambda: item_create(actor=world["manager"], questionnaire=q, data=_data(**fields))

    assert "more than 0 points" in _errors(create(correct=["a"]))["points"][0]
    assert "needs its correct answer" in _errors(create(points=Decimal(2)))["correct"][0]
    likert = _errors(create(type=ItemType.LIKERT, options=[], points=Decimal(1)))
    assert "can be scored" in likert["points"][0]
    text = _errors(create(type=ItemType.SHORT_TEXT, options=[], correct=["x"]))
    assert "have correct answers" in text["correct"][0]
    item = item_create(actor=world["manager"], questionnaire=q, data=_data(correct=["b"], points=Decimal("1.5")))
    assert item.is_scored and item.points == Decimal("1.50")


def test_rules_of_roles(world: dict[str, Any]) -> None:
    q = make_questionnaire(world["session"], QuestionnaireKind.FOLLOW_UP)

    def create(**fields: Any) -> Any:
        return lambda: item_create(actor=world["manager"], questionnaire=q, data=_data(**fields))

    assert (
        "agreement scale or a choice"
        in _errors(create(type="number", options=[], role=ItemRole.APPLICATION))["role"][0]
    )
    assert "choices that mean" in _errors(create(role=ItemRole.APPLICATION))["correct"][0]
    assert "from a text question" in _errors(create(role=ItemRole.APPLICATION_EXAMPLE))["role"][0]
    # A "yes" choice for use of learning is not scored: no points needed.
    applies = item_create(actor=world["manager"], questionnaire=q, data=_data(role=ItemRole.APPLICATION, correct=["a"]))
    assert applies.correct == ["a"] and not applies.is_scored


def test_objective_and_section_must_belong(world: dict[str, Any], programme: Any) -> None:
    q = make_questionnaire(world["session"], QuestionnaireKind.PRE_TEST)
    foreign = add_objective(make_design(programme=programme), "Elsewhere")
    other = make_questionnaire(world["session"], QuestionnaireKind.POST_TEST)
    foreign_section = Section.objects.create(questionnaire=other, title="Not here")
    errors = _errors(
        lambda: item_create(
            actor=world["manager"],
            questionnaire=q,
            data=_data(objective_id=foreign.pk, section_id=foreign_section.pk),
        )
    )
    assert set(errors) == {"objective", "section"}
    own = world["design"].objectives.first()
    item = item_create(actor=world["manager"], questionnaire=q, data=_data(objective_id=own.pk))
    assert item.objective == own


def test_create_counts_a_version_and_is_audited(world: dict[str, Any]) -> None:
    q = make_questionnaire(world["session"], QuestionnaireKind.SATISFACTION)
    item = item_create(actor=world["trainer"], questionnaire=q, data=_data(type=ItemType.LIKERT, options=[]))
    q.refresh_from_db()
    assert q.version == 2 and item.position == 0
    event = AuditEvent.objects.get(action="item.create")
    assert (event.actor, event.object_id, event.details["questionnaire"]) == (world["trainer"], str(item.pk), q.pk)


# --- The lock once answers are sent -------------------------------------------------------------


@pytest.fixture
def answered(world: dict[str, Any]) -> dict[str, Any]:
    session = world["session"]
    q = make_test(session, QuestionnaireKind.PRE_TEST, questions=2)
    registration = register(session, make_person("Ana", "Hoxha"))
    response = answer_test(q, registration, 1)  # first right (a), second wrong (b)
    return {"questionnaire": q, "items": list(q.items.order_by("position")), "response": response}


def test_structure_is_locked_once_answers_are_sent(world: dict[str, Any], answered: dict[str, Any]) -> None:
    q, (first, _second) = answered["questionnaire"], answered["items"]
    manager = world["manager"]
    with pytest.raises(ValidationError, match="the answers would be lost"):
        item_create(actor=manager, questionnaire=q, data=_data())
    with pytest.raises(ValidationError, match="the answers would be lost"):
        item_delete(actor=manager, item=first)
    with pytest.raises(ValidationError, match="the answers would be lost"):
        item_update(actor=manager, item=first, data=_data(type=ItemType.MULTIPLE, correct=["a"], points=Decimal(1)))
    changed_values = [{"value": "x", "label": "A"}, {"value": "b", "label": "B"}, {"value": "c", "label": "C"}]
    with pytest.raises(ValidationError, match="the answers would be lost"):
        item_update(actor=manager, item=first, data=_data(options=changed_values, correct=["b"], points=Decimal(1)))
    with pytest.raises(ValidationError, match="the answers would be lost"):
        section_create(actor=manager, questionnaire=q, title="Late section")
    assert Answer.objects.filter(item=first).count() == 1


def test_texts_and_labels_may_change_once_answered(world: dict[str, Any], answered: dict[str, Any]) -> None:
    first = answered["items"][0]
    relabelled = [{"value": "a", "label": "Withheld documents"}, *ABC[1:]]
    result = item_update(
        actor=world["manager"],
        item=first,
        data=_data(text="Reworded", help="Think of passports", options=relabelled, correct=["a"], points=Decimal(1)),
    )
    assert result.rescored is None  # the key did not change
    first.refresh_from_db()
    assert (first.text, first.help, first.options[0]["label"]) == (
        "Reworded",
        "Think of passports",
        "Withheld documents",
    )


def test_a_new_key_rescores_the_answers_sent(world: dict[str, Any], answered: dict[str, Any]) -> None:
    _first, second = answered["items"]
    response = answered["response"]
    assert (response.score, response.max_score) == (Decimal("1.00"), Decimal("2.00"))
    result = item_update(
        actor=world["manager"], item=second, data=_data(text=second.text, correct=["b"], points=Decimal(3))
    )
    assert result.rescored == 1
    response.refresh_from_db()
    assert (response.score, response.max_score) == (Decimal("4.00"), Decimal("4.00"))
    assert Answer.objects.get(item=second).points == Decimal("3.00")
    event = AuditEvent.objects.get(action="item.update")
    assert event.details["changed"] == ["correct", "points"]
    assert AuditEvent.objects.filter(action="questionnaire.rescore").count() == 1


def test_unsent_answers_of_a_changed_question_go(world: dict[str, Any]) -> None:
    session = world["session"]
    q = make_test(session, QuestionnaireKind.PRE_TEST, questions=1)
    item = q.items.get()
    response = response_start(questionnaire=q, registration=register(session, make_person("Besa", "Krasniqi")))
    response_save(response=response, values={item.pk: "a"}, submit=False)
    assert Answer.objects.filter(item=item).count() == 1
    item_update(actor=world["manager"], item=item, data=_data(type=ItemType.NUMBER, options=[]))
    assert Answer.objects.filter(item=item).count() == 0
    assert Response.objects.filter(pk=response.pk).exists()


def test_changing_choices_drops_their_stale_translations(world: dict[str, Any]) -> None:
    q = make_questionnaire(world["session"], QuestionnaireKind.SATISFACTION)
    item = make_item(q, ItemType.SINGLE, translations={"fr": {"text": "Q", "options": {"a": "A", "c": "C"}}})
    two = [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}]
    item_update(actor=world["manager"], item=item, data=_data(options=two))
    item.refresh_from_db()
    assert item.translations == {"fr": {"text": "Q", "options": {"a": "A"}}}


# --- Order and sections -------------------------------------------------------------------------


def test_items_move_within_their_section_and_positions_follow_the_display(world: dict[str, Any]) -> None:
    q = make_questionnaire(world["session"], QuestionnaireKind.SATISFACTION)
    manager = world["manager"]
    part1 = section_create(actor=manager, questionnaire=q, title="Part 1")
    part2 = section_create(actor=manager, questionnaire=q, title="Part 2")
    likert = {"type": ItemType.LIKERT, "options": []}
    a = item_create(actor=manager, questionnaire=q, data=_data(text="A", section_id=part2.pk, **likert))
    b = item_create(actor=manager, questionnaire=q, data=_data(text="B", section_id=part1.pk, **likert))
    c = item_create(actor=manager, questionnaire=q, data=_data(text="C", section_id=part1.pk, **likert))
    d = item_create(actor=manager, questionnaire=q, data=_data(text="D", **likert))

    def order() -> list[str]:
        return list(q.items.order_by("position").values_list("text", flat=True))

    assert order() == ["D", "B", "C", "A"]
    item_move(actor=manager, item=c, direction="up")
    assert order() == ["D", "C", "B", "A"]
    item_move(actor=manager, item=d, direction="up")  # first of its group: nothing moves
    assert order() == ["D", "C", "B", "A"]
    section_move(actor=manager, section=part2, direction="up")
    assert order() == ["D", "A", "C", "B"]
    section_rename(actor=manager, section=part1, title="Indicators")
    item_update(actor=manager, item=b, data=_data(text="B", section_id=None, **likert))
    assert order() == ["D", "B", "A", "C"]
    section_delete(actor=manager, section=part2)
    assert order() == ["D", "B", "A", "C"] and a.__class__.objects.get(pk=a.pk).section is None
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"section.create", "section.update", "section.delete", "item.update"} <= actions


def test_delete_an_item_before_any_answer(world: dict[str, Any]) -> None:
    q = make_test(world["session"], QuestionnaireKind.PRE_TEST, questions=3)
    first = q.items.order_by("position")[0]
    item_delete(actor=world["manager"], item=first)
    assert list(q.items.order_by("position").values_list("position", flat=True)) == [0, 1]
    assert AuditEvent.objects.get(action="item.delete").details["text"] == "Question 1"
