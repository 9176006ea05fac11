"""Questionnaires, items and responses for tests."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from relais.delivery.models import Registration, Session
from relais.evaluation.models import Item, ItemType, Questionnaire, QuestionnaireKind, Response, ResponseSource
from relais.evaluation.services_responses import response_save, response_start

ABC = [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}, {"value": "c", "label": "C"}]


def make_questionnaire(
    session: Session, kind: str = QuestionnaireKind.PRE_TEST, *, title: str | None = None, **fields: Any
) -> Questionnaire:
    return Questionnaire.objects.create(
        session=session,
        programme_id=session.programme_id,
        kind=kind,
        title=title or f"{QuestionnaireKind(kind).label} — {session.title}",
        **fields,
    )


def make_item(questionnaire: Questionnaire, type: str = ItemType.SINGLE, **fields: Any) -> Item:
    values: dict[str, Any] = {"text": f"Question {questionnaire.items.count() + 1}", "required": True}
    if type in (ItemType.SINGLE, ItemType.MULTIPLE):
        values["options"] = ABC
    values.update(fields)
    if "points" in values:
        values["points"] = Decimal(str(values["points"]))
    return Item.objects.create(questionnaire=questionnaire, type=type, position=questionnaire.items.count(), **values)


def make_test(
    session: Session, kind: str = QuestionnaireKind.PRE_TEST, *, questions: int = 4, **fields: Any
) -> Questionnaire:
    """A test of `questions` single-choice items of 1 point each, whose correct answer is "a"."""
    questionnaire = make_questionnaire(session, kind, **fields)
    for _ in range(questions):
        make_item(questionnaire, ItemType.SINGLE, correct=["a"], points=1)
    return questionnaire


def make_test_pair(session: Session, *, questions: int = 4) -> tuple[Questionnaire, Questionnaire]:
    pre = make_test(session, QuestionnaireKind.PRE_TEST, questions=questions)
    post = make_test(session, QuestionnaireKind.POST_TEST, questions=questions, paired_with=pre)
    return pre, post


def answer_test(questionnaire: Questionnaire, registration: Registration | None, right: int) -> Response:
    """Submit a test response with the first `right` items correct and the others wrong."""
    items = list(questionnaire.items.order_by("position", "id"))
    values = {item.pk: ("a" if n < right else "b") for n, item in enumerate(items)}
    return submit(questionnaire, registration, values)


def submit(
    questionnaire: Questionnaire, registration: Registration | None, values: dict[int, Any], **kwargs: Any
) -> Response:
    response = response_start(
        questionnaire=questionnaire, registration=registration, source=kwargs.pop("source", ResponseSource.WEB)
    )
    return response_save(response=response, values=values, submit=True, **kwargs)
