"""Rescoring a questionnaire after its key changed: every total and learning result follows, in a
number of queries that grows only with the learning results to pair, not with the answers."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.tests.factories import make_complete_design
from relais.evaluation.models import LearningScore, QuestionnaireKind, Response
from relais.evaluation.services_responses import questionnaire_rescore
from relais.evaluation.tests.factories import answer_test, make_item, make_questionnaire, make_test_pair


def test_a_new_key_rescores_totals_and_learning(programme: Any) -> None:
    session = make_session(design=make_complete_design(programme=programme), country="AL")
    pre, post = make_test_pair(session, questions=4)
    regs = [register(session, make_person("Ana", f"P{n}")) for n in range(3)]
    for registration in regs:
        answer_test(pre, registration, 1)
        answer_test(post, registration, 3)
    assert {float(s.post) for s in LearningScore.objects.all()} == {0.75}
    post.items.update(correct=["b"])  # the key was wrong: "b" is right
    assert questionnaire_rescore(questionnaire=post) == 3
    assert set(Response.objects.filter(questionnaire=post).values_list("score", flat=True)) == {Decimal(1)}
    assert {float(s.post) for s in LearningScore.objects.all()} == {0.25}


def test_rescoring_a_satisfaction_questionnaire_costs_the_same_however_many_answered(programme: Any) -> None:
    session = make_session(design=make_complete_design(programme=programme), country="AL")
    satisfaction = make_questionnaire(session, QuestionnaireKind.SATISFACTION)
    items = [make_item(satisfaction, "likert") for _ in range(3)]

    def answered(n: int) -> int:
        from relais.evaluation.tests.factories import submit

        for _ in range(n):
            submit(satisfaction, register(session, make_person("Ana")), {i.pk: 4 for i in items})
        with CaptureQueriesContext(connection) as ctx:
            questionnaire_rescore(questionnaire=satisfaction)
        return len(ctx.captured_queries)

    assert answered(2) == answered(10)
