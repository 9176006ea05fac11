"""The evaluation part of the demo (issue 5 §9), built in four steps after the delivery steps:

- 50 questionnaires: for the delivered and closed demo sessions (and drafts for the open ones), the
  questionnaires of each design's evaluation plan — pre/post tests from the knowledge bank, matched
  to the design's learning objectives; satisfaction and follow-up from the standard items
  (demo_questionnaires);
- 51 responses: the participants' personal links and the answers of most of them, with stored totals
  and paired learning scores exactly as the response services write them (demo_responses,
  demo_answers, demo_model);
- 52 network: contacts and cooperation reported in the follow-ups, growing over time (demo_network);
- 53 lessons: lessons learned across sessions and designs (demo_lessons).

Deterministic (fixed seeds) and written in bulk: the evaluation demo (about 25,000 answers in 2,500
responses) loads in a few seconds. `register()` is called from relais.evaluation.navigation.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from relais.core.demo import DemoContext, DemoStep, register_demo_step
from relais.delivery.models import Session, SessionStatus

DEMO_PROGRAMMES = ("thb-labour-demo", "thb-replication-demo")
PAST = (SessionStatus.DELIVERED, SessionStatus.CLOSED)
BATCH = 2000


def demo_today() -> dt.date:
    from relais.delivery.demo_sessions import DEMO_TODAY

    return DEMO_TODAY


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """An aware datetime on a demo day (local time)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def demo_sessions(context: DemoContext, statuses: tuple[str, ...] = PAST) -> list[Session]:
    """The demo sessions of the given statuses, oldest first (from the sessions step, else the database)."""
    raw: Any = context.objects.get("sessions")
    if raw:
        items = list(raw.values()) if isinstance(raw, dict) else list(raw)
        ids = [s.pk for s in items if isinstance(s, Session) and s.pk]
        sessions = Session.objects.filter(pk__in=ids)
    else:
        sessions = Session.objects.filter(programme__code__in=DEMO_PROGRAMMES)
    return list(
        sessions.filter(status__in=statuses)
        .select_related("design", "country", "programme")
        .prefetch_related("languages", "design__interpretation_languages")
        .order_by("start_date", "pk")
    )


def register() -> None:
    from relais.evaluation.demo_indicators import build_indicators
    from relais.evaluation.demo_indicators import is_loaded as indicators_loaded
    from relais.evaluation.demo_lessons import build_lessons
    from relais.evaluation.demo_network import build_network
    from relais.evaluation.demo_questionnaires import build_questionnaires
    from relais.evaluation.demo_responses import build_responses
    from relais.evaluation.models import Contact, LessonLearned, Questionnaire, Response

    register_demo_step(
        DemoStep(key="questionnaires", order=50, run=build_questionnaires, is_loaded=Questionnaire.objects.exists)
    )
    register_demo_step(DemoStep(key="responses", order=51, run=build_responses, is_loaded=Response.objects.exists))
    register_demo_step(DemoStep(key="network", order=52, run=build_network, is_loaded=Contact.objects.exists))
    register_demo_step(DemoStep(key="lessons", order=53, run=build_lessons, is_loaded=LessonLearned.objects.exists))
    register_demo_step(DemoStep(key="indicators", order=54, run=build_indicators, is_loaded=indicators_loaded))
