"""The evaluation demo (steps 50–53): questionnaires following each design's plan, answers whose
stored totals are exactly what the response services compute, learning that varies by profession and
by teaching method, a network that grows month after month, and lessons learned of every status."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter, defaultdict
from statistics import mean
from typing import Any

import pytest
from django.db.models import F, Max, Min

from relais.accounts.tests.factories import make_user
from relais.core.demo import DemoContext, demo_steps
from relais.delivery.demo_sessions import DEMO_TODAY
from relais.delivery.models import Session, SessionStatus
from relais.design.demo import NATIONAL
from relais.design.models import LearningObjective
from relais.evaluation import demo
from relais.evaluation.demo_model import interactive_share
from relais.evaluation.demo_questionnaires import planned_kinds
from relais.evaluation.models import (
    Answer,
    Contact,
    CooperationEvent,
    ItemType,
    LearningScore,
    LessonLearned,
    LessonStatus,
    Questionnaire,
    QuestionnaireKind,
    QuestionnaireStatus,
    Response,
    ResponseStatus,
)
from relais.evaluation.services_responses import response_save

KIND = QuestionnaireKind
PAST = (SessionStatus.DELIVERED, SessionStatus.CLOSED)


@pytest.fixture
def context(db: None) -> DemoContext:
    demo.register()
    keys = [step.key for step in demo_steps()]
    assert keys.index("attendance") < keys.index("questionnaires") < keys.index("responses")
    assert keys.index("responses") < keys.index("network") < keys.index("lessons") < keys.index("indicators")
    context = DemoContext()
    for step in demo_steps():
        if step.order <= 54:
            step.run(context)
    return context


def _questionnaires(context: DemoContext) -> None:
    sessions = Session.objects.filter(status__in=PAST).select_related("design").prefetch_related("languages")
    assert sessions.count() >= 40
    for session in sessions:
        questionnaires = {q.kind: q for q in session.questionnaires.all()}
        assert sorted(questionnaires) == sorted(planned_kinds(session)), session
        pre, post = questionnaires[KIND.PRE_TEST], questionnaires[KIND.POST_TEST]
        assert post.paired_with_id == pre.pk and pre.status == post.status == QuestionnaireStatus.CLOSED
        objectives = set(session.design.objectives.values_list("pk", flat=True))
        for test in (pre, post):
            items = list(test.items.all())
            assert 8 <= len(items) <= 10
            for item in items:
                assert item.objective_id in objectives and item.points == 1 and item.library_item_id
                assert item.correct[0] in [o["value"] for o in item.options] and item.translations["fr"]["text"]
        for questionnaire in questionnaires.values():
            assert questionnaire.languages[:2] == ["en", "fr"]
            assert set(session.languages.values_list("code", flat=True)) <= set(questionnaire.languages)
            assert questionnaire.translations["fr"]["title"]
        follow_up = questionnaires.get(KIND.FOLLOW_UP)
        if follow_up is not None:
            assert follow_up.opens_on is not None and follow_up.closes_on is not None
            months = (follow_up.opens_on.year - session.end_date.year) * 12 + follow_up.opens_on.month
            assert 3 <= months - session.end_date.month <= 6
            expected = (
                QuestionnaireStatus.DRAFT
                if follow_up.opens_on > DEMO_TODAY
                else QuestionnaireStatus.CLOSED
                if follow_up.closes_on < DEMO_TODAY
                else QuestionnaireStatus.OPEN
            )
            assert follow_up.status == expected
            types = Counter(follow_up.items.values_list("type", flat=True))
            assert types[ItemType.CONTACTS] == types[ItemType.COOPERATION] == 1
        satisfaction = questionnaires[KIND.SATISFACTION]
        assert satisfaction.items.filter(type=ItemType.LIKERT).count() >= 8 + 3  # standard items and modules
    for questionnaire in Questionnaire.objects.all():
        questionnaire.full_clean()  # the model's constraints, drafts of open sessions included
    for questionnaire in Questionnaire.objects.order_by("?")[:8]:
        for item in questionnaire.items.all():
            item.full_clean()
    assert Counter(Questionnaire.objects.values_list("status", flat=True))[QuestionnaireStatus.OPEN] >= 1
    assert Questionnaire.objects.filter(session__status=SessionStatus.OPEN, status=QuestionnaireStatus.DRAFT).exists()
    assert Questionnaire.objects.filter(anonymous=True, kind=KIND.SATISFACTION).exists()


def _snapshot(response: Response) -> dict[str, Any]:
    response.refresh_from_db()
    learning = LearningScore.objects.filter(post_response=response).values(
        "pre_response", "pre", "post", "difference", "gain", "improved", "design", "profession"
    )
    return {
        "totals": [
            response.score,
            response.max_score,
            response.objective_scores,
            response.likert_count,
            response.likert_sum,
            response.likert_high,
            response.applies_learning,
        ],
        "answers": sorted(response.answers.values_list("item_id", "value", "number", "points")),
        "contacts": sorted(
            response.contacts.values_list("person_id", "contact_id", "organisation_id", "reported_on"), key=str
        ),
        "events": sorted(
            (e.person_id, e.type, e.date, e.description, sorted(c.code for c in e.countries.all()))
            for e in response.cooperation_events.all()
        ),
        "learning": list(learning),
    }


def _totals_as_the_services_write_them() -> None:
    """Submit a few demo responses of each kind again through services_responses (with every stored
    answer checked again): nothing changes — totals, answers, learning scores, contacts, events."""
    staff = make_user(email="checker@example.org", full_name="Check Er")
    seen: set[str] = set()
    for kind in (KIND.PRE_TEST, KIND.POST_TEST, KIND.SATISFACTION, KIND.FOLLOW_UP):
        submitted = Response.objects.filter(kind=kind, status=ResponseStatus.SUBMITTED).order_by("pk")
        picked = [*submitted[:3], *submitted.filter(registration__isnull=False).order_by("-pk")[:3]]
        if kind == KIND.FOLLOW_UP:
            picked += list(submitted.filter(contacts__isnull=False, cooperation_events__isnull=False).distinct()[:3])
        for response in picked:
            before = _snapshot(response)
            values = {a.item_id: a.value for a in response.answers.all()}
            response_save(response=response, values=values, submit=True, actor=staff, check=True)
            assert _snapshot(response) == before, (kind, response.pk)
            seen.update(part for part in ("contacts", "events", "learning") if before[part])
    assert seen == {"contacts", "events", "learning"}


def _learning_varies() -> None:
    scores = LearningScore.objects.filter(gain__isnull=False)
    by_design: dict[int, list[float]] = defaultdict(list)
    for design_id, gain in scores.values_list("design_id", "gain"):
        by_design[design_id].append(gain or 0.0)
    share = {}
    for session in Session.objects.filter(status__in=PAST).select_related("design"):
        modules = [m for day in session.design.days.all() for m in day.modules.all()]
        share[session.design_id] = interactive_share(modules)
    gains = {d: mean(g) for d, g in by_design.items() if len(g) >= 20}
    lectures_only = min(gains, key=lambda d: share[d])
    most_interactive = max(gains, key=lambda d: share[d])
    assert share[lectures_only] == 0 and share[most_interactive] > 0.8
    assert gains[lectures_only] + 0.1 < min(g for d, g in gains.items() if d != lectures_only)
    assert gains[most_interactive] == max(gains.values())
    by_share = sorted(gains, key=lambda d: share[d])
    assert [gains[d] for d in by_share] == sorted(gains.values())  # more interactive time, more learning
    by_profession: dict[str, list[float]] = defaultdict(list)
    for code, gain in scores.values_list("profession__code", "gain"):
        by_profession[code].append(gain or 0.0)
    assert mean(by_profession["labour_inspection"]) > mean(by_profession["judiciary"]) + 0.1
    # Before the training, judges and prosecutors know the law better, inspectors the indicators.
    objectives = {text: i for i, (_kind, text) in enumerate(NATIONAL["objectives"])}
    pre: dict[tuple[int, str], list[float]] = defaultdict(list)
    tests = Response.objects.filter(kind=KIND.PRE_TEST, session__design__title=NATIONAL["title"])
    texts = dict(LearningObjective.objects.values_list("pk", "text"))
    for code, parts in tests.values_list("profession__code", "objective_scores"):
        for objective, (score, most) in parts.items():
            pre[(objectives[texts[int(objective)]], code)].append(score / most)
    legal, indicators = 1, 0
    for lawyer in ("judiciary", "prosecution"):
        assert mean(pre[(legal, lawyer)]) > mean(pre[(legal, "labour_inspection")]) + 0.1
        assert mean(pre[(indicators, "labour_inspection")]) > mean(pre[(indicators, lawyer)]) + 0.1
    at_max = LearningScore.objects.filter(pre=1).count()
    assert 3 <= at_max <= 0.05 * LearningScore.objects.count()


def _reaction_and_behaviour() -> None:
    satisfaction = Response.objects.filter(kind=KIND.SATISFACTION, status=ResponseStatus.SUBMITTED)
    high = sum(satisfaction.values_list("likert_high", flat=True))
    assert 0.75 <= high / sum(satisfaction.values_list("likert_count", flat=True)) <= 0.9
    interpretation = Answer.objects.filter(item__text__startswith="Interpretation allowed me")
    without = interpretation.filter(response__session__design__interpretation_languages__isnull=True)
    assert set(without.values_list("number", flat=True)) == {2, 3}
    with_it = list(interpretation.exclude(pk__in=without.values("pk")).values_list("number", flat=True))
    assert sum(n is not None and n >= 4 for n in with_it) > 0.6 * len(with_it)
    follow_ups = Response.objects.filter(kind=KIND.FOLLOW_UP, status=ResponseStatus.SUBMITTED)
    invited = Questionnaire.objects.filter(kind=KIND.FOLLOW_UP).exclude(status=QuestionnaireStatus.DRAFT)
    links = sum(q.invitations.count() for q in invited)
    assert 0.5 <= follow_ups.count() / links <= 0.7
    applies = follow_ups.filter(applies_learning=True).count() / follow_ups.exclude(applies_learning=None).count()
    assert 0.55 <= applies <= 0.75


def _network_grows() -> None:
    seen: set[tuple[int, int]] = set()
    new: Counter[str] = Counter()
    rows = Contact.objects.filter(contact__isnull=False).order_by("reported_on", "pk")
    for person, contact, day in rows.values_list("person_id", "contact_id", "reported_on"):
        tie = (min(person, contact), max(person, contact))
        if tie not in seen:
            seen.add(tie)
            new[f"{day:%Y-%m}"] += 1
    months = sorted(new)
    assert len(months) >= 12 and months[0] < "2025-10" and months[-1] >= "2026-10"
    cumulative = [sum(new[m] for m in months[: i + 1]) for i in range(len(months))]
    assert all(a < b for a, b in itertools.pairwise(cumulative))
    assert cumulative[-1] > 4 * cumulative[2]
    named = Counter(rows.values_list("person_id", "contact_id"))
    assert any((b, a) in named for a, b in named)  # some name each other
    answers = Answer.objects.filter(item__type=ItemType.CONTACTS).values_list("value", flat=True)
    per_answer = [len(value["people"]) for value in answers if value]
    assert max(per_answer) <= 5
    border = Contact.objects.filter(contact__isnull=False).exclude(contact__country=F("person__country"))
    assert border.exists()
    types = Counter(CooperationEvent.objects.values_list("type", flat=True))
    assert types.most_common(1)[0][0] == "information_exchange"
    assert 0 < types["joint_investigation"] < types["victim_referral"]
    assert all(e.countries.exists() for e in CooperationEvent.objects.prefetch_related("countries")[:50])


def _lessons() -> None:
    lessons = LessonLearned.objects.all()
    assert 20 <= lessons.count() <= 30
    assert set(lessons.values_list("status", flat=True)) == set(LessonStatus.values)
    assert lessons.filter(session__isnull=False).count() > 15 and lessons.filter(design__isnull=False).exists()
    for lesson in lessons:
        lesson.full_clean()
        assert lesson.tags and lesson.recommendation and lesson.created_at.date() <= DEMO_TODAY
        assert lesson.created_at <= lesson.updated_at
    assert sum("interpretation" in lesson.tags for lesson in lessons) >= 3


@pytest.mark.django_db
def test_evaluation_demo(context: DemoContext) -> None:
    _questionnaires(context)
    _learning_varies()
    _reaction_and_behaviour()
    _network_grows()
    _lessons()
    _totals_as_the_services_write_them()
    assert Answer.objects.count() >= 20_000
    first = Response.objects.aggregate(first=Min("submitted_at"), last=Max("submitted_at"))
    assert dt.date(2025, 3, 4) <= first["first"].date() and first["last"].date() <= DEMO_TODAY


def test_the_results_framework_computes_evaluation_indicators(context: DemoContext) -> None:
    import datetime as dt
    from decimal import Decimal

    from relais.programmes.indicators import formula_get, formula_value
    from relais.programmes.models import Indicator

    programme = context.objects["programme"]
    computed = {i.code: i for i in Indicator.objects.filter(programme=programme, formula__startswith="evaluation.")}
    assert sorted(computed) == ["1.c", "1.d", "2.b", "2.c"]
    values = {}
    for code, indicator in computed.items():
        formula = formula_get(indicator.formula)
        assert formula is not None
        values[code] = formula_value(formula, programme, programme.start_date, dt.date(2026, 11, 28))
    assert all(isinstance(v, Decimal) and v > 0 for v in values.values()), values
