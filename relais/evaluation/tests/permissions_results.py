"""Permission matrix entries of the evaluation results pages.

- The Evaluation index: every signed-in user (it lists the programmes they may read; none for outsiders).
- A session's results and a questionnaire's item analysis: whoever sees the session (delivery's
  sessions_visible) — administrators, managers, M&E officers, the coordinators of its country, its
  trainers; not viewers (aggregates only), not the coordinators of other countries.
- A programme's results and their CSV: everyone in the programme (scoping.results_scope; viewers with
  small figures suppressed, trainers limited to their sessions, coordinators to their countries).
"""

from __future__ import annotations

from typing import Any

from relais.delivery.models import RegistrationStatus
from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.tests.factories import make_complete_design
from relais.evaluation.models import QuestionnaireKind
from relais.evaluation.tests.factories import answer_test, make_test
from tests.matrix import ALL, PROGRAMME_MEMBERS, Page

SESSION_READERS = frozenset({"admin", "manager", "coordinator_al", "trainer", "me_officer"})
OK = frozenset({200})


def context(ctx: dict[str, Any]) -> None:
    design = make_complete_design(programme=ctx["programme"], title="Results design")
    session = make_session(design=design, country="AL", title="Results session")
    session.trainers.add(ctx["trainer"])
    test = make_test(session, QuestionnaireKind.PRE_TEST, questions=3)
    answer_test(test, register(session, make_person("Rita", "Results"), RegistrationStatus.ATTENDED), 2)
    ctx["results_session"] = session
    ctx["results_test"] = test


PAGES: dict[str, Page] = {
    "evaluation:index": Page(may=ALL),
    "evaluation:session_results": Page(
        kwargs=lambda ctx: {"pk": ctx["results_session"].pk}, may=SESSION_READERS, ok=OK
    ),
    "evaluation:item_analysis": Page(kwargs=lambda ctx: {"pk": ctx["results_test"].pk}, may=SESSION_READERS, ok=OK),
    "evaluation:programme_results": Page(kwargs=lambda ctx: {"pk": ctx["programme"].pk}, may=PROGRAMME_MEMBERS, ok=OK),
    "evaluation:programme_results_csv": Page(
        kwargs=lambda ctx: {"pk": ctx["programme"].pk}, may=PROGRAMME_MEMBERS, ok=OK
    ),
}
