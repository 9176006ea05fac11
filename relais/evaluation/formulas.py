"""Indicators that evaluation computes for programmes' results frameworks (DESIGN.md §4, issue 5 §8).

Registered with relais.programmes.indicators by register(), which the app's navigation.register()
calls in ready(). Each is a figure of the period (`start` and `end` included), cancelled sessions
left out. Figures measured at the end of a session (knowledge gain, satisfaction, cross-border
contacts of the people trained) count the sessions whose last day falls in the period; figures of
the follow-up, which comes months later, count what was reported in the period: use of learning by
the follow-ups answered in it, cooperation events by the date they took place. So the latest period
shows the follow-ups of earlier sessions rather than waiting for its own. Aggregated in SQL from
the stored totals, like the results pages, so a value here equals the page's for the same period.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Avg, Count, F, Q, Sum
from django.utils.translation import gettext_lazy as _

from relais.delivery.models import Person, Registration, RegistrationStatus, SessionStatus
from relais.evaluation.models import (
    Contact,
    CooperationEvent,
    LearningScore,
    QuestionnaireKind,
    Response,
    ResponseStatus,
)
from relais.programmes.indicators import Formula, register_formula

ONE_DECIMAL = Decimal("0.1")


def _percent(value: float | None) -> Decimal | None:
    if value is None:
        return None
    return (Decimal(str(value)) * 100).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def _ratio(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def _responses(programme: Any, start: dt.date, end: dt.date, kind: str) -> Any:
    return (
        Response.objects.filter(
            programme=programme,
            kind=kind,
            status=ResponseStatus.SUBMITTED,
            session__end_date__gte=start,
            session__end_date__lte=end,
        )
        .exclude(session__status=SessionStatus.CANCELLED)
        .order_by()
    )


def knowledge_gain(programme: Any, start: dt.date, end: dt.date) -> Decimal | None:
    """Mean normalised gain, in percent, of the participants with both tests whose pre-test was below
    the maximum."""
    value = (
        LearningScore.objects.filter(
            programme=programme, session__end_date__gte=start, session__end_date__lte=end, gain__isnull=False
        )
        .exclude(session__status=SessionStatus.CANCELLED)
        .aggregate(v=Avg("gain"))["v"]
    )
    return _percent(value)


def share_satisfied(programme: Any, start: dt.date, end: dt.date) -> Decimal | None:
    """Answers of 4 or 5 among the Likert answers of the satisfaction questionnaires, in percent."""
    sums = _responses(programme, start, end, QuestionnaireKind.SATISFACTION).aggregate(
        high=Sum("likert_high"), count=Sum("likert_count")
    )
    return _ratio(sums["high"] or 0, sums["count"] or 0)


def share_applying(programme: Any, start: dt.date, end: dt.date) -> Decimal | None:
    """Respondents of the follow-ups answered in the period who apply what they learned, among those
    who said either way, in percent."""
    answered = (
        Response.objects.filter(
            programme=programme,
            kind=QuestionnaireKind.FOLLOW_UP,
            status=ResponseStatus.SUBMITTED,
            submitted_at__date__gte=start,
            submitted_at__date__lte=end,
        )
        .exclude(session__status=SessionStatus.CANCELLED)
        .order_by()
    )
    counts = answered.aggregate(
        n=Count("id", filter=Q(applies_learning__isnull=False)), yes=Count("id", filter=Q(applies_learning=True))
    )
    return _ratio(counts["yes"], counts["n"])


def share_cross_border(programme: Any, start: dt.date, end: dt.date) -> Decimal | None:
    """People who attended a session of the programme ending in the period and have at least one tie
    with a person of another country (reported by either of the two, in any follow-up of the programme:
    ties are undirected), in percent of those people."""
    attended = (
        Registration.objects.filter(
            session__programme=programme,
            status=RegistrationStatus.ATTENDED,
            session__end_date__gte=start,
            session__end_date__lte=end,
        )
        .exclude(session__status=SessionStatus.CANCELLED)
        .values("person_id")
    )
    people = Person.objects.filter(pk__in=attended)
    total = people.count()
    if not total:
        return None
    cross = Contact.objects.filter(
        programme=programme,
        contact__isnull=False,
        person__country__isnull=False,
        contact__country__isnull=False,
    ).exclude(person__country=F("contact__country"))
    linked = people.filter(Q(pk__in=cross.values("person_id")) | Q(pk__in=cross.values("contact_id"))).count()
    return _ratio(linked, total)


def cooperation_events(programme: Any, start: dt.date, end: dt.date) -> int:
    """Cooperation events that took place in the period, as the follow-ups report them."""
    return (
        CooperationEvent.objects.filter(
            programme=programme,
            response__status=ResponseStatus.SUBMITTED,
            date__gte=start,
            date__lte=end,
        )
        .exclude(response__session__status=SessionStatus.CANCELLED)
        .count()
    )


FORMULAS = [
    Formula(
        "evaluation.knowledge_gain",
        _("Mean knowledge gain"),
        _("% (normalised gain)"),
        knowledge_gain,
        description=_(
            "Mean normalised gain (post − pre) ÷ (maximum − pre) of the participants who took both the "
            "pre-test and the post-test of a session ending in the period, leaving out those whose pre-test "
            "was already the maximum."
        ),
    ),
    Formula(
        "evaluation.share_satisfied",
        _("Satisfaction (answers of 4 or 5)"),
        _("% of answers of 4 or 5"),
        share_satisfied,
        description=_(
            "Answers of 4 or 5 among all the answers to the agreement questions (1 to 5) of the satisfaction "
            "questionnaires of sessions ending in the period."
        ),
    ),
    Formula(
        "evaluation.share_applying",
        _("Participants applying what they learned"),
        _("% of follow-up respondents"),
        share_applying,
        description=_(
            "Respondents of the follow-ups answered in the period who say they apply what they learned, among "
            "those who answered the question."
        ),
    ),
    Formula(
        "evaluation.share_cross_border",
        _("Participants with a cross-border contact"),
        _("% of participants"),
        share_cross_border,
        description=_(
            "People who attended a session ending in the period and are in touch with at least one person of "
            "another country (either of the two named the other in a follow-up), among all who attended."
        ),
    ),
    Formula(
        "evaluation.cooperation_events",
        _("Cooperation events reported"),
        _("events"),
        cooperation_events,
        description=_(
            "Concrete cooperation (information exchange, joint investigation, mutual legal assistance request, "
            "victim referral…) that took place in the period, as reported in the follow-ups."
        ),
    ),
]


def register() -> None:
    for formula in FORMULAS:
        register_formula(formula)
