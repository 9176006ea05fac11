"""Responses in the API's permission matrix.

- Reading responses: whoever sees the questionnaire's session (administrators, the programme's managers
  and M&E officers, the coordinators of its country — Albania —, its trainers), like the questionnaire
  and results pages; viewers, the coordinator of Italy and outsiders do not.
- Entering a participant's answers: whoever may type in paper answers (relais/evaluation/tests/
  permissions_paper.py): administrators, managers, the coordinator of Albania, the session's trainers.
"""

from __future__ import annotations

from typing import Any

from relais.api.tests.operations import Op
from relais.delivery.models import RegistrationStatus
from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.tests.factories import make_complete_design
from relais.evaluation.models import QuestionnaireKind, QuestionnaireStatus
from relais.evaluation.tests.factories import answer_test, make_test

READERS = frozenset({"admin", "manager", "coordinator_al", "trainer"})  # M&E officers read aggregates only
ENTERERS = frozenset({"admin", "manager", "coordinator_al", "trainer"})


def context(ctx: dict[str, Any]) -> None:
    design = make_complete_design(programme=ctx["programme"], title="API responses design")
    session = make_session(design=design, country="AL", title="API responses session")
    session.trainers.add(ctx["trainer"])
    test = make_test(session, QuestionnaireKind.PRE_TEST, questions=2, status=QuestionnaireStatus.OPEN)
    answered = register(session, make_person("Ardit", "Answered"), RegistrationStatus.ATTENDED)
    ctx["api_responses_questionnaire"] = test
    ctx["api_responses_response"] = answer_test(test, answered, 1)
    ctx["api_responses_registration"] = register(session, make_person("Nora", "Notyet"), RegistrationStatus.ATTENDED)


def _body(ctx: dict[str, Any]) -> dict[str, Any]:
    items = ctx["api_responses_questionnaire"].items.order_by("position", "id")
    return {
        "registration_id": ctx["api_responses_registration"].pk,
        "answers": [{"item_id": item.pk, "value": "a"} for item in items],
    }


OPERATIONS = {
    "GET /responses": Op(may=READERS, listed=lambda ctx: ctx["api_responses_response"].pk),
    "GET /responses/{response_id}": Op(
        params=lambda ctx: {"response_id": ctx["api_responses_response"].pk}, may=READERS
    ),
    "POST /questionnaires/{questionnaire_id}/responses": Op(
        params=lambda ctx: {"questionnaire_id": ctx["api_responses_questionnaire"].pk},
        may=ENTERERS,
        body=_body,
        ok=frozenset({201}),
    ),
}
