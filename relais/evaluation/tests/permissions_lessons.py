"""Permission matrix entries of the lessons learned pages.

- Recording a lesson from a session: whoever sees the session (admin, manager, M&E officer, the
  coordinator of its country, its trainer); from a design: whoever sees the design (staff of the
  programme, coordinators of any country included).
- The roll-up: everyone in the programme (viewers read validated and applied lessons only).
- A lesson's page: whoever sees it (here a validated lesson of an Albanian session: viewers too).
- Editing and deleting: validators (admin, manager, M&E officer) and the author while observed.
- Changing the status: validators only.
"""

from __future__ import annotations

from typing import Any

from relais.delivery.tests.factories import make_session
from relais.design.tests.factories import make_complete_design
from relais.evaluation.models import LessonLearned, LessonStatus
from tests.matrix import PROGRAMME_MEMBERS, PROGRAMME_STAFF, Page

SESSION_READERS = frozenset({"admin", "manager", "me_officer", "coordinator_al", "trainer"})
VALIDATORS = frozenset({"admin", "manager", "me_officer"})
CHANGERS = VALIDATORS | {"coordinator_al"}  # the author of the observed lesson
POSTED = frozenset({302})


def make_lesson(*, session: Any = None, design: Any = None, **fields: Any) -> LessonLearned:
    source = session or design
    values: dict[str, Any] = {
        "title": "Interpretation booked too late",
        "what_happened": "Interpreters were booked a week before the session; one language was missing on day 1.",
        "why_it_matters": "Participants without the language could not follow the case study.",
        "recommendation": "Book interpreters when the participant list closes.",
        "tags": ["interpretation", "logistics"],
    }
    values.update(fields)
    lesson = LessonLearned(session=session, design=design, **values)
    lesson.programme_id = source.programme_id
    lesson.save()
    return lesson


def context(ctx: dict[str, Any]) -> None:
    design = make_complete_design(programme=ctx["programme"], title="Lessons design")
    session = make_session(design=design, country="AL", title="Lessons session — Tirana")
    session.trainers.add(ctx["trainer"])
    ctx["lessons"] = {
        "design": design,
        "session": session,
        "observed": make_lesson(session=session, author=ctx["coordinator_al"], title="Observed lesson"),
        "validated": make_lesson(
            session=session, author=ctx["trainer"], title="Validated lesson", status=LessonStatus.VALIDATED
        ),
    }


def _l(key: str) -> Any:
    return lambda ctx: {"pk": ctx["lessons"][key].pk}


PAGES: dict[str, Page] = {
    "evaluation:lesson_new_session": Page(kwargs=_l("session"), may=SESSION_READERS),
    "evaluation:lesson_new_design": Page(kwargs=_l("design"), may=PROGRAMME_STAFF),
    "evaluation:lessons": Page(kwargs=lambda ctx: {"pk": ctx["programme"].pk}, may=PROGRAMME_MEMBERS),
    "evaluation:lesson": Page(kwargs=_l("validated"), may=SESSION_READERS | {"viewer"}),
    "evaluation:lesson_edit": Page(kwargs=_l("observed"), may=CHANGERS),
    "evaluation:lesson_delete": Page(kwargs=_l("observed"), may=CHANGERS),
    "evaluation:lesson_status": Page(
        kwargs=_l("observed"), may=VALIDATORS, method="post", data=lambda ctx: {"status": "validated"}, ok=POSTED
    ),
}
