"""Permission matrix entries of the import of paper answers (merged into permissions.py).

Whoever may evaluate the session (scoping.questionnaire_for_managing): administrators, the
programme's managers, the coordinators of the session's country (Albania) and the session's
trainers. M&E officers, viewers, the coordinator of Italy and outsiders get 404. The preview's
file waits in its uploader's session: a token that is not theirs is 404 for everyone.
"""

from __future__ import annotations

from typing import Any

from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.tests.factories import make_complete_design
from relais.evaluation.models import ItemType, QuestionnaireKind
from relais.evaluation.tests.factories import make_item, make_questionnaire
from tests.matrix import Page

EVALUATORS = frozenset({"admin", "manager", "coordinator_al", "trainer"})


def _q(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"pk": ctx["import_questionnaire"].pk}


PAGES: dict[str, Page] = {
    "evaluation:import": Page(kwargs=_q, may=EVALUATORS),
    "evaluation:import_template": Page(kwargs=_q, may=EVALUATORS),
    "evaluation:import_preview": Page(
        kwargs=lambda ctx: {"pk": ctx["import_questionnaire"].pk, "token": "not-a-token-of-theirs"}, may=frozenset()
    ),
}


def context(ctx: dict[str, Any]) -> None:
    design = make_complete_design(programme=ctx["programme"], title="Import design")
    session = make_session(design=design, country="AL", title="Import session — Tirana")
    session.trainers.add(ctx["trainer"])
    register(session, make_person("Ana", "Hoxha"))
    questionnaire = make_questionnaire(session, QuestionnaireKind.SATISFACTION)
    make_item(questionnaire, ItemType.LIKERT)
    make_item(questionnaire, ItemType.SINGLE)
    ctx["import_questionnaire"] = questionnaire
