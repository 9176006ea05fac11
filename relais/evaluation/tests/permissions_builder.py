"""Permission matrix entries of the questionnaire builder (merged into permissions.py), and the small
world the builder tests share.

- A session's questionnaires page and a questionnaire's editor: whoever sees the session
  (administrators, the programme's managers and M&E officers, the coordinators of its country, its
  trainers); M&E officers read only.
- Every change (create, settings, status, sections, items, translations, copies): whoever may
  evaluate the session — administrators, the programme's managers, the coordinators of its country,
  its trainers. Everyone else gets 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from relais.core.models import Language
from relais.delivery.tests.factories import make_session
from relais.design.tests.factories import make_complete_design
from relais.evaluation.models import ItemType, LibraryItem, QuestionnaireKind, Section
from relais.evaluation.tests.factories import make_item, make_questionnaire
from tests.matrix import Page

EVALUATORS = frozenset({"admin", "manager", "coordinator_al", "trainer"})
SEERS = EVALUATORS | {"me_officer"}
POSTED = frozenset({200, 302})
START = dt.date(2026, 3, 2)


def build_world(programme: Any, trainer: Any | None = None, *, other_programme: Any = None) -> dict[str, Any]:
    """A two-day session in Albania (English and French) of a design that plans every questionnaire,
    trained by `trainer`; and a library: a standard satisfaction question shared with all programmes,
    a standard follow-up question of the programme, a plain pre-test question of the programme."""
    design = make_complete_design(programme=programme, title="Joint investigation training")
    session = make_session(
        design=design,
        country="AL",
        title="Joint investigation training — Tirana",
        start_date=START,
        end_date=START + dt.timedelta(days=1),
    )
    session.languages.set(Language.objects.filter(code__in=["en", "fr"]))
    if trainer is not None:
        session.trainers.add(trainer)
    library = {
        "satisfaction": LibraryItem.objects.create(
            kind=QuestionnaireKind.SATISFACTION,
            type=ItemType.LIKERT,
            text="The training met my needs.",
            translations={"fr": {"text": "La formation a répondu à mes besoins."}},
            standard=True,
        ),
        "follow_up": LibraryItem.objects.create(
            programme=programme,
            kind=QuestionnaireKind.FOLLOW_UP,
            type=ItemType.CONTACTS,
            text="Whom from the training have you been in touch with?",
            standard=True,
        ),
        "pre": LibraryItem.objects.create(
            programme=programme,
            kind=QuestionnaireKind.PRE_TEST,
            type=ItemType.SINGLE,
            text="Which is an indicator of forced labour?",
            options=[{"value": "a", "label": "Withheld documents"}, {"value": "b", "label": "A paid holiday"}],
            correct=["a"],
            points=1,
        ),
    }
    if other_programme is not None:
        library["other"] = LibraryItem.objects.create(
            programme=other_programme,
            kind=QuestionnaireKind.PRE_TEST,
            type=ItemType.SHORT_TEXT,
            text="A question of another programme",
            standard=True,
        )
    return {"design": design, "session": session, "library": library}


def context(ctx: dict[str, Any]) -> None:
    world = build_world(ctx["programme"], ctx["trainer"])
    session = world["session"]
    pre = make_questionnaire(session, QuestionnaireKind.PRE_TEST, languages=["en", "fr"])
    section = Section.objects.create(questionnaire=pre, title="Indicators", position=0)
    item = make_item(pre, ItemType.SINGLE, correct=["a"], points=1, section=section)
    post = make_questionnaire(session, QuestionnaireKind.POST_TEST, paired_with=pre, languages=["en", "fr"])
    ctx["b_session"] = session
    ctx["b_pre"] = pre
    ctx["b_post"] = post
    ctx["b_section"] = section
    ctx["b_item"] = item
    ctx["b_library"] = world["library"]


def _s(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"pk": ctx["b_session"].pk}


def _q(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"pk": ctx["b_pre"].pk}


def _post(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"pk": ctx["b_post"].pk}


def _section(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"pk": ctx["b_pre"].pk, "section_pk": ctx["b_section"].pk}


def _item(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"pk": ctx["b_pre"].pk, "item_pk": ctx["b_item"].pk}


def _settings(ctx: dict[str, Any]) -> dict[str, Any]:
    pre = ctx["b_pre"]
    return {"version": pre.version, "title": "Pre-test", "kind": "pre", "language": "en", "languages": ["en", "fr"]}


def _item_data(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"new-type": "short_text", "new-text": "What did you expect?", "new-points": "0"}


PAGES: dict[str, Page] = {
    "evaluation:session_questionnaires": Page(kwargs=_s, may=SEERS),
    "evaluation:session_questionnaires_plan": Page(kwargs=_s, may=EVALUATORS, method="post", ok=POSTED),
    "evaluation:questionnaire_new": Page(kwargs=_s, may=EVALUATORS),
    "evaluation:questionnaire_reuse": Page(kwargs=_s, may=EVALUATORS),
    "evaluation:questionnaire": Page(kwargs=_q, may=SEERS),
    "evaluation:questionnaire_settings": Page(kwargs=_q, may=EVALUATORS, method="post", data=_settings, ok=POSTED),
    "evaluation:questionnaire_status": Page(
        kwargs=_q, may=EVALUATORS, method="post", data=lambda ctx: {"action": "open"}, ok=POSTED
    ),
    "evaluation:questionnaire_copy_pre": Page(kwargs=_post, may=EVALUATORS, method="post", ok=POSTED),
    "evaluation:questionnaire_delete": Page(kwargs=_post, may=EVALUATORS, method="post", ok=POSTED),
    "evaluation:section_add": Page(
        kwargs=_q, may=EVALUATORS, method="post", data=lambda ctx: {"section-title": "Cooperation"}, ok=POSTED
    ),
    "evaluation:section_edit": Page(
        kwargs=_section, may=EVALUATORS, method="post", data=lambda ctx: {"action": "down"}, ok=POSTED
    ),
    "evaluation:item_add": Page(kwargs=_q, may=EVALUATORS, method="post", data=_item_data, ok=POSTED),
    "evaluation:item_edit": Page(kwargs=_item, may=EVALUATORS),
    "evaluation:item_row": Page(kwargs=_item, may=EVALUATORS, method="post", data=lambda ctx: {"action": "up"}),
    "evaluation:questionnaire_translate": Page(
        kwargs=lambda ctx: {"pk": ctx["b_pre"].pk, "lang": "fr"}, may=EVALUATORS
    ),
}
