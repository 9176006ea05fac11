"""Step "evaluation": questionnaires, responses with their stored totals, answers, learning scores and
the network that follow-ups report, for every delivered session — what evaluation's pages read.

Per delivered session, as its design plans them: a pre-test and a post-test of k + 4 one-point items
(linked to the design's objectives in turn), a satisfaction questionnaire (k − 2 Likert items and two
open questions; anonymous in 10 % of sessions) and, once its date has come, a follow-up (use of
learning, an example, contacts, cooperation and k − 10 Likert items), where k is chosen so that the
answers add up to the size's number (at least 10). Those who attended answer: the pre-test 95 %,
the post-test 92 %, satisfaction 88 % (2 % left in progress), the follow-up 65 %.

Answers vary realistically: each participant has an ability; an item is right with a logistic
probability of ability plus the item's ease (a tenth of the items barely depend on ability: they
do not discriminate); what is learned depends on the profession and on the share of interactive
methods in the design's agenda. Satisfaction rises with that share too; follow-up respondents apply
what they learned more often when they learned more, name one to three co-participants, and a
quarter report cooperation.

Totals are computed in Python as the services compute them (relais.evaluation.scoring), written with
the responses; answers are written with explicit ids in chunks of sessions (bench.sql.insert_rows).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from bench.context import Context
from bench.evaluation_gen_rows import Rows, write_rows
from bench.evaluation_gen_sessions import RegistrationRow, SessionRow
from bench.evaluation_gen_texts import (
    EXAMPLES,
    FOLLOW_UP_LIKERT,
    OPEN,
    OPEN_ANSWERS,
    OPTIONS,
    SATISFACTION,
    YES_NO,
)
from bench.evaluation_sql import next_id, reset_sequences
from bench.sizes import TODAY
from bench.sql import db_datetime, db_json
from relais.core.models import Profession
from relais.delivery.models import RegistrationStatus, SessionStatus
from relais.design.models import ActivityDesign, AgendaModule, LearningObjective
from relais.evaluation.models import (
    Answer,
    Contact,
    CooperationEvent,
    CooperationType,
    Item,
    ItemRole,
    ItemType,
    LearningScore,
    Questionnaire,
    QuestionnaireKind,
    Response,
)
from relais.evaluation.scoring import compute_totals, learning_pair

CHUNK = 150  # sessions per round of inserts
INTERACTIVE = {"case_study", "simulation", "mock_trial", "group_work", "study_visit", "role_play"}
PROFESSION_EFFECT = {
    "labour_inspection": 0.25, "police": 0.35, "specialised_investigation": 0.45, "prosecution": 0.1,
    "judiciary": -0.1, "civil_society": 0.3, "social_services": 0.2, "government": 0.0, "private_sector": -0.05,
}  # fmt: skip
EVENT_TYPES = [t for t, _label in CooperationType.choices]
_JSON: dict[Any, str] = {}
_NUMBER = {level: Decimal(level) for level in range(1, 6)}


def _json(value: Any) -> str:
    if isinstance(value, str | int):
        cached = _JSON.get(value)
        if cached is None:
            cached = _JSON[value] = json.dumps(value)
        return cached
    return db_json(value)


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def answers_per_response(
    ctx: Context, sessions: list[SessionRow], facts: dict[int, DesignFacts], by_session: dict[int, list[Any]]
) -> int:
    """k, the questionnaires' length that gives the size's number of answers: each attended seat gives
    .95 (k + 4) + .92 (k + 4) answers to the tests, .88 (k − 1.2) to satisfaction and .65 (k − 7.6) to a
    follow-up that is due (the response rates and item counts below), as its design plans them."""
    per_k = fixed = 0.0
    for s in sessions:
        seats = sum(1 for r in by_session[s.pk] if r.status == RegistrationStatus.ATTENDED)
        f = facts[s.design_id]
        if f.tests:
            per_k, fixed = per_k + seats * 1.87, fixed + seats * 1.87 * 4
        if f.satisfaction:
            per_k, fixed = per_k + seats * 0.88, fixed - seats * 0.88 * 1.2
        if _follow_up_day(s, f) is not None:
            per_k, fixed = per_k + seats * 0.65, fixed - seats * 0.65 * 7.6
    if not per_k:
        return 4
    return max(10, math.ceil((ctx.size.answers - fixed) / per_k))


def _follow_up_day(s: SessionRow, facts: DesignFacts) -> dt.date | None:
    if facts.follow_up_months is None:
        return None
    day = s.end + dt.timedelta(days=30 * facts.follow_up_months)
    return day if day <= TODAY else None


@dataclass
class DesignFacts:
    objectives: list[tuple[int, str]]
    interactive: float  # share of agenda time in interactive methods
    tests: bool
    satisfaction: bool
    follow_up_months: int | None


class Ids:
    def __init__(self) -> None:
        self.next = {
            m: next_id(m) for m in (Questionnaire, Item, Response, Answer, LearningScore, Contact, CooperationEvent)
        }

    def take(self, model: type[Any]) -> int:
        pk = self.next[model]
        self.next[model] = pk + 1
        return pk


def _design_facts() -> dict[int, DesignFacts]:
    objectives: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for pk, design_id, text in LearningObjective.objects.order_by("design_id", "position", "pk").values_list(
        "pk", "design_id", "text"
    ):
        objectives[design_id].append((pk, text))
    minutes: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for design_id, method, duration in AgendaModule.objects.values_list("day__design_id", "method", "duration_minutes"):
        minutes[design_id][0] += duration if method in INTERACTIVE else 0
        minutes[design_id][1] += duration
    facts = {}
    for d in ActivityDesign.objects.order_by("pk"):
        interactive, total = minutes[d.pk]
        facts[d.pk] = DesignFacts(
            objectives=objectives[d.pk],
            interactive=interactive / total if total else 0.0,
            tests=d.plans_pre_test and d.plans_post_test,
            satisfaction=d.plans_satisfaction,
            follow_up_months=(d.follow_up_months or 4) if d.plans_follow_up else None,
        )
    return facts


def _at(day: dt.date, hour: int) -> Any:
    return db_datetime(dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC))


class SessionWriter:
    """Builds one session's questionnaires, items and responses into `rows`."""

    def __init__(
        self, ctx: Context, rng: random.Random, ids: Ids, rows: Rows, professions: dict[int, str], k: int
    ) -> None:
        self.ctx, self.rng, self.ids, self.rows, self.professions, self.k = ctx, rng, ids, rows, professions, k

    def questionnaire(
        self, s: SessionRow, kind: str, title: str, *, paired: int | None = None, anonymous: bool = False
    ) -> int:
        pk = self.ids.take(Questionnaire)
        now = _at(s.end, 8)
        self.rows.questionnaires.append(
            (pk, s.pk, s.programme_id, kind, title, "", "{}", "en", "[]", "closed", anonymous, paired,
             s.start.isoformat(), None, 1, now, now)
        )  # fmt: skip
        return pk

    def item(self, questionnaire: int, position: int, type: str, text: str, **fields: Any) -> Item:
        item = Item(pk=self.ids.take(Item), questionnaire_id=questionnaire, position=position, type=type, text=text)
        for name, value in fields.items():
            setattr(item, name, value)
        self.rows.items.append(
            (item.pk, questionnaire, position, type, text, "", item.required, db_json(item.options),
             db_json(item.correct), item.points, item.objective_id, item.role, "{}")
        )  # fmt: skip
        return item

    def test_items(self, questionnaire: int, facts: DesignFacts) -> list[tuple[Item, float, bool]]:
        """Scored items with their ease and whether they follow ability (a tenth do not)."""
        out = []
        for n in range(self.k + 4):
            objective = facts.objectives[n % len(facts.objectives)] if facts.objectives else None
            correct = self.rng.choice("abcd")
            text = f"Question {n + 1}: {objective[1][:120] if objective else 'knowledge of the session'}"
            item = self.item(
                questionnaire, n, ItemType.SINGLE, text, options=OPTIONS, correct=[correct], points=Decimal(1),
                objective_id=objective[0] if objective else None, required=True,
            )  # fmt: skip
            out.append((item, self.rng.uniform(-1.8, 1.8), self.rng.random() >= 0.1))
        return out

    def response(
        self, q: int, s: SessionRow, kind: str, reg: RegistrationRow | None, items: list[Item], values: dict[int, Any],
        when: dt.date, *, submitted: bool = True,
    ) -> tuple[int, Any]:  # fmt: skip
        pk = self.ids.take(Response)
        totals = compute_totals(items, values) if submitted else None
        for item in items:
            value = values.get(item.pk)
            if value is None:
                continue
            number = _NUMBER.get(value) if item.type == ItemType.LIKERT else None
            points = totals.points.get(item.pk) if totals else None
            self.rows.answers.append((self.ids.take(Answer), pk, item.pk, _json(value), number, points))
        t = totals
        self.rows.responses.append(
            (pk, q, s.pk, s.programme_id, kind, reg.pk if reg else None, reg.country_id if reg else None,
             reg.profession_id if reg else None, "en", "submitted" if submitted else "in_progress", "web", "",
             _at(when, 9), _at(when, 17) if submitted else None,
             t.score if t else None, t.max_score if t else None, db_json(t.objective_scores if t else {}),
             t.likert_count if t else 0, t.likert_sum if t else 0, t.likert_high if t else 0,
             t.applies_learning if t else None)
        )  # fmt: skip
        return pk, totals

    def session(self, s: SessionRow, facts: DesignFacts, regs: list[RegistrationRow]) -> None:
        rng = self.rng
        attended = [r for r in regs if r.status == RegistrationStatus.ATTENDED]
        ability = {r.pk: rng.gauss(0, 1.2) for r in attended}
        learned = {
            r.pk: 0.25 + 1.2 * facts.interactive + PROFESSION_EFFECT.get(self.professions[r.profession_id], 0)
            + rng.gauss(0, 0.45)
            for r in attended
        }  # fmt: skip
        if facts.tests:
            self._tests(s, facts, attended, ability, learned)
        if facts.satisfaction:
            self._satisfaction(s, facts, attended)
        day = _follow_up_day(s, facts)
        if day is not None:
            self._follow_up(s, attended, learned, day)

    def _tests(
        self, s: SessionRow, facts: DesignFacts, people: list[RegistrationRow], ability: dict[int, float],
        learned: dict[int, float],
    ) -> None:  # fmt: skip
        rng = self.rng
        pre_q = self.questionnaire(s, QuestionnaireKind.PRE_TEST, "Pre-test")
        post_q = self.questionnaire(s, QuestionnaireKind.POST_TEST, "Post-test", paired=pre_q)
        pre_items, post_items = self.test_items(pre_q, facts), self.test_items(post_q, facts)
        for reg in people:
            took_pre, took_post = rng.random() < 0.95, rng.random() < 0.92
            scores: list[tuple[int, Any] | None] = []
            for took, items, level, q, kind, day in (
                (took_pre, pre_items, ability[reg.pk] - 0.4, pre_q, QuestionnaireKind.PRE_TEST, s.start),
                (took_post, post_items, ability[reg.pk] + learned[reg.pk], post_q, QuestionnaireKind.POST_TEST, s.end),
            ):
                if not took:
                    scores.append(None)
                    continue
                values = {}
                for item, ease, follows in items:
                    p = _sigmoid(1.5 * level + ease) if follows else 0.55
                    values[item.pk] = item.correct[0] if rng.random() < p else rng.choice("abcd")
                pk, totals = self.response(q, s, kind, reg, [i for i, _e, _f in items], values, day)
                scores.append((pk, totals))
            pre, post = scores
            if pre is None or post is None:
                continue
            pair = learning_pair(pre[1].score, pre[1].max_score, post[1].score, post[1].max_score)
            if pair is None:
                continue
            self.rows.learning.append(
                (self.ids.take(LearningScore), post[0], pre[0], reg.pk, s.pk, s.programme_id, s.design_id,
                 reg.country_id, reg.profession_id, pair.pre, pair.post, pair.difference, pair.gain, pair.improved)
            )  # fmt: skip

    def _satisfaction(self, s: SessionRow, facts: DesignFacts, people: list[RegistrationRow]) -> None:
        rng = self.rng
        anonymous = rng.random() < 0.1
        q = self.questionnaire(s, QuestionnaireKind.SATISFACTION, "Satisfaction", anonymous=anonymous)
        likert = [
            self.item(q, n, ItemType.LIKERT, SATISFACTION[n % len(SATISFACTION)], required=True)
            for n in range(max(1, self.k - 2))
        ]
        texts = [self.item(q, len(likert) + n, ItemType.LONG_TEXT, t, required=False) for n, t in enumerate(OPEN)]
        items = likert + texts
        offsets = {i.pk: rng.uniform(-0.6, 0.4) for i in likert}
        for reg in people:
            if rng.random() >= 0.88:
                continue
            base = 3.5 + 0.9 * facts.interactive + rng.gauss(0, 0.5)
            values: dict[int, Any] = {
                i.pk: max(1, min(5, round(base + offsets[i.pk] + rng.gauss(0, 0.7)))) for i in likert
            }
            for t in texts:
                if rng.random() < 0.4:
                    values[t.pk] = rng.choice(OPEN_ANSWERS)
            in_progress = rng.random() < 0.02
            if in_progress:
                values = {k: v for n, (k, v) in enumerate(values.items()) if n < len(likert) // 2}
            self.response(
                q, s, QuestionnaireKind.SATISFACTION, None if anonymous else reg, items, values, s.end,
                submitted=not in_progress,
            )  # fmt: skip

    def _follow_up(self, s: SessionRow, people: list[RegistrationRow], learned: dict[int, float], day: dt.date) -> None:
        rng = self.rng
        q = self.questionnaire(s, QuestionnaireKind.FOLLOW_UP, "Follow-up")
        applies = self.item(
            q, 0, ItemType.SINGLE, "Do you apply what you learned in your work?", options=YES_NO, correct=["yes"],
            role=ItemRole.APPLICATION, required=True,
        )  # fmt: skip
        example = self.item(
            q, 1, ItemType.LONG_TEXT, "Give an example", role=ItemRole.APPLICATION_EXAMPLE, required=False
        )
        contacts = self.item(q, 2, ItemType.CONTACTS, "Whom from the session are you in touch with?", required=False)
        cooperation = self.item(q, 3, ItemType.COOPERATION, "What cooperation did you undertake?", required=False)
        likert = [
            self.item(q, 4 + n, ItemType.LIKERT, FOLLOW_UP_LIKERT[n % len(FOLLOW_UP_LIKERT)], required=True)
            for n in range(max(0, self.k - 10))
        ]
        items = [applies, example, contacts, cooperation, *likert]
        persons = [r.person_id for r in people]
        for reg in people:
            if rng.random() >= 0.65:
                continue
            yes = rng.random() < _sigmoid(1.2 * learned[reg.pk] - 0.5)
            values: dict[int, Any] = {applies.pk: "yes" if yes else "no"}
            if yes and rng.random() < 0.7:
                values[example.pk] = rng.choice(EXAMPLES)
            named = rng.sample(
                [p for p in persons if p != reg.person_id], min(len(persons) - 1, rng.choice([0, 1, 1, 2, 3]))
            )
            if named:
                values[contacts.pk] = {"people": named, "organisations": []}
            events = []
            for _n in range(1 if rng.random() < 0.25 else 0):
                when = s.end + dt.timedelta(days=rng.randint(7, max(8, (day - s.end).days)))
                events.append(
                    {"type": rng.choice(EVENT_TYPES), "countries": [], "date": when.isoformat(), "description": ""}
                )
            if events:
                values[cooperation.pk] = events
            for i in likert:
                values[i.pk] = max(1, min(5, round(3.2 + learned[reg.pk] + rng.gauss(0, 0.8))))
            pk, _totals = self.response(q, s, QuestionnaireKind.FOLLOW_UP, reg, items, values, day)
            for person in named:
                self.rows.contacts.append(
                    (self.ids.take(Contact), pk, s.programme_id, reg.person_id, person, None, day.isoformat())
                )
            for event in events:
                event_pk = self.ids.take(CooperationEvent)
                self.rows.events.append((event_pk, pk, s.programme_id, reg.person_id, event["type"], event["date"], ""))
                self.rows.event_countries.append((event_pk, s.country_id))


def generate_evaluation(ctx: Context) -> None:
    rng = ctx.rng("evaluation")
    facts = _design_facts()
    professions = dict(Profession.objects.values_list("pk", "code"))
    by_session: dict[int, list[RegistrationRow]] = defaultdict(list)
    for reg in ctx.objects["registrations"]:
        by_session[reg.session_id].append(reg)
    delivered = [
        s
        for s in ctx.objects["sessions"]
        if s.end <= TODAY and s.status in (SessionStatus.DELIVERED, SessionStatus.CLOSED)
    ]
    ids = Ids()
    k = answers_per_response(ctx, delivered, facts, by_session)
    ctx.say(f"    evaluation: {len(delivered):,} delivered sessions, questionnaires of about {k} items")
    for start in range(0, len(delivered), CHUNK):
        rows = Rows()
        writer = SessionWriter(ctx, rng, ids, rows, professions, k)
        for s in delivered[start : start + CHUNK]:
            writer.session(s, facts[s.design_id], by_session[s.pk])
        write_rows(rows, ctx)
        if start and start % (CHUNK * 4) == 0:
            ctx.say(f"    evaluation: {start:,} of {len(delivered):,} sessions")
    reset_sequences(Questionnaire, Item, Response, Answer, LearningScore, Contact, CooperationEvent)
