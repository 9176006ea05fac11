"""Demo, step 51: the participants' personal links to the questionnaires of step 50 that were opened
(not to anonymous ones), and their answers (see demo_model for how they vary). Written in bulk, yet
with exactly the totals and paired learning scores the response services would store: totals come
from scoring.compute_totals, pairs from scoring.learning_pair, and each answer's number and points
as services_responses.response_save writes them.

Who answers: participants present on the first day take the pre-test, those present on the last day
the post-test and (most of them) the satisfaction questionnaire; some tests were answered on paper
and typed in by a trainer; about 60% answer the follow-up, some after a reminder. The follow-up's
contacts and cooperation answers are added by the network step (52).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import F

from relais.core.demo import DemoContext
from relais.core.models import Profession
from relais.delivery.models import Attendance, Registration, RegistrationStatus, Session
from relais.design.models import AgendaModule, DesignFormat
from relais.evaluation import demo_answers as answers
from relais.evaluation import demo_model as model
from relais.evaluation.demo import BATCH, at, demo_sessions, demo_today
from relais.evaluation.demo_questionnaires import link_languages
from relais.evaluation.models import (
    Answer,
    Invitation,
    Item,
    ItemType,
    LearningScore,
    Questionnaire,
    QuestionnaireKind,
    QuestionnaireStatus,
    Response,
    ResponseSource,
    ResponseStatus,
)
from relais.evaluation.scoring import compute_totals
from relais.evaluation.services_responses import learning_score_build
from relais.evaluation.tokens import new_token

SEED = 51
KIND = QuestionnaireKind
PAPER_SHARE = 0.2  # sessions whose tests were answered on paper and typed in


def room_kind(session: Session, share: float) -> str:
    if session.design.format == DesignFormat.REGIONAL:
        return "regional"
    if session.design.format in (DesignFormat.BILATERAL, DesignFormat.TRANSNATIONAL):
        return "bilateral"
    return "national" if share > 0 else "seminar"


class _Room:
    """One session as the model needs it."""

    def __init__(self, session: Session, questionnaires: list[Questionnaire], rng: random.Random) -> None:
        self.session = session
        self.city = session.city
        modules = list(
            AgendaModule.objects.filter(day__design=session.design).prefetch_related("objectives").order_by("pk")
        )
        self.share = model.interactive_share(modules)
        self.objective_shares = model.objective_shares(modules)
        self.gain = model.design_gain(self.share)
        self.kind = room_kind(session, self.share)
        self.interpreted = bool(list(session.design.interpretation_languages.all()))
        self.methods = {f"“{m.title}” was useful for my work.": m.method for m in modules}
        self.by_kind = {q.kind: q for q in questionnaires}
        self.items = {q.pk: list(q.items.all()) for q in questionnaires}
        self.paper = rng.random() < PAPER_SHARE
        self.trainer = session.trainers.order_by("pk").first()


class _Writer:
    def __init__(self) -> None:
        self.responses: list[Response] = []
        self.answers: list[Answer] = []
        self.pairs: list[tuple[Response, Response, Session]] = []
        self.invitations: list[Invitation] = []

    def add(
        self,
        questionnaire: Questionnaire,
        items: list[Item],
        registration: Registration | None,
        values: dict[int, Any],
        *,
        when: dt.datetime | None,
        language: str,
        invitation: Invitation | None = None,
        paper_by: Any = None,
        resume_key: str = "",
    ) -> Response:
        submitted = when is not None
        totals = compute_totals(items, values) if submitted else None
        response = Response(
            questionnaire=questionnaire,
            session_id=questionnaire.session_id,
            programme_id=questionnaire.programme_id,
            kind=questionnaire.kind,
            registration=registration,
            invitation=invitation,
            country_id=registration.country_id if registration else None,
            profession_id=registration.profession_id if registration else None,
            language=language,
            status=ResponseStatus.SUBMITTED if submitted else ResponseStatus.IN_PROGRESS,
            source=ResponseSource.PAPER if paper_by is not None else ResponseSource.WEB,
            resume_key=resume_key,
            submitted_at=when,
            entered_by=paper_by,
        )
        if totals is not None:
            response.score, response.max_score = totals.score, totals.max_score
            response.objective_scores = totals.objective_scores
            response.likert_count, response.likert_sum = totals.likert_count, totals.likert_sum
            response.likert_high, response.applies_learning = totals.likert_high, totals.applies_learning
        points = totals.points if totals is not None else {}
        for item in items:
            value = values.get(item.pk)
            if value is None:
                continue
            number = Decimal(str(value)) if item.type in (ItemType.LIKERT, ItemType.NUMBER) else None
            self.answers.append(
                Answer(response=response, item_id=item.pk, value=value, number=number, points=points.get(item.pk))
            )
        self.responses.append(response)
        return response

    def save(self, sessions: list[Session]) -> None:
        Invitation.objects.bulk_create(self.invitations, batch_size=BATCH)
        Response.objects.bulk_create(self.responses, batch_size=BATCH)
        Answer.objects.bulk_create(self.answers, batch_size=BATCH)
        scores = [s for s in (_learning_score(*pair) for pair in self.pairs) if s is not None]
        LearningScore.objects.bulk_create(scores, batch_size=BATCH)
        Response.objects.filter(session__in=sessions, submitted_at__isnull=False).update(
            started_at=F("submitted_at") - dt.timedelta(minutes=11)
        )
        for response in self.responses:
            if response.submitted_at is None:
                opened = response.questionnaire.opens_on or demo_today()
                Response.objects.filter(pk=response.pk).update(started_at=at(opened + dt.timedelta(days=3), 20, 5))
        made: dict[int, dt.date] = {}
        for invitation in self.invitations:
            made.setdefault(invitation.questionnaire_id, invitation.questionnaire.opens_on or demo_today())
        for questionnaire_id, day in made.items():
            Invitation.objects.filter(questionnaire_id=questionnaire_id).update(created_at=at(day, 7))


def _learning_score(pre: Response, post: Response, session: Session) -> LearningScore | None:
    """What services_responses.learning_score_refresh writes for a submitted pair."""
    return learning_score_build(pre=pre, post=post, session=session)


def _attendance(sessions: list[Session]) -> dict[int, set[dt.date]]:
    days: dict[int, set[dt.date]] = defaultdict(set)
    rows = Attendance.objects.filter(registration__session__in=sessions, present=True)
    for registration_id, day in rows.values_list("registration_id", "day"):
        days[registration_id].add(day)
    return days


def _fraction(response: Response | None) -> float | None:
    if response is None or response.score is None or not response.max_score:
        return None
    return float(response.score) / float(response.max_score)


class _Participants:
    """Writes the responses of the participants of one session after another."""

    def __init__(self, rng: random.Random, writer: _Writer, invitations: dict[tuple[int, int], Invitation]) -> None:
        self.rng = rng
        self.writer = writer
        self.invitations = invitations
        self.today = demo_today()
        self.profiles: dict[int, model.Profile] = {}
        self.professions = dict(Profession.objects.values_list("pk", "code"))

    def submit(
        self,
        room: _Room,
        questionnaire: Questionnaire,
        registration: Registration,
        values: dict[int, Any],
        when: dt.datetime | None,
        *,
        paper: bool = False,
    ) -> Response:
        invitation = self.invitations.get((questionnaire.pk, registration.pk))
        language = invitation.language if invitation else "en"
        if paper and when is not None:
            when = at(room.session.end_date + dt.timedelta(days=1), 10, self.rng.randint(0, 59))
            return self.writer.add(
                questionnaire,
                room.items[questionnaire.pk],
                registration,
                values,
                when=when,
                language=language,
                paper_by=room.trainer,
            )
        if invitation is not None:
            moment = when or at(self.today, 8)
            invitation.opened_at = moment - dt.timedelta(minutes=self.rng.randint(3, 25))
        return self.writer.add(
            questionnaire,
            room.items[questionnaire.pk],
            registration,
            values,
            when=when,
            language=language,
            invitation=invitation,
        )

    def remind(self, questionnaire: Questionnaire, registration: Registration, answered: dt.datetime | None) -> None:
        invitation = self.invitations.get((questionnaire.pk, registration.pk))
        if invitation is None or questionnaire.opens_on is None:
            return
        if questionnaire.kind == KIND.SATISFACTION:
            moments = [at(questionnaire.opens_on + dt.timedelta(days=7), 9)]
        else:
            moments = [at(questionnaire.opens_on + dt.timedelta(days=d), 9) for d in (14, 21)]
        due = [m for m in moments if m.date() <= self.today and (answered is None or m < answered)]
        if due:
            invitation.reminders, invitation.reminded_at = len(due), due[-1]

    def session(self, room: _Room, attended: list[Registration], present: dict[int, set[dt.date]]) -> None:
        rng, session = self.rng, room.session
        for registration in attended:
            profile = self.profiles.get(registration.person_id)
            if profile is None:
                profile = self.profiles[registration.person_id] = model.Profile.draw(rng)
            days = present.get(registration.pk, set())
            self.participant(room, registration, profile, days)
            profile.sessions += 1
        satisfaction = room.by_kind.get(KIND.SATISFACTION)
        if satisfaction is not None and satisfaction.anonymous:
            there = [r for r in attended if session.end_date in present.get(r.pk, set())]
            for registration in there:
                if rng.random() < 0.85:
                    profile = self.profiles[registration.person_id]
                    values = answers.satisfaction_values(rng, room.items[satisfaction.pk], room, profile)
                    when = at(session.end_date, 15, rng.randint(0, 59))
                    key = f"{rng.getrandbits(128):032x}"
                    self.writer.add(
                        satisfaction,
                        room.items[satisfaction.pk],
                        None,
                        values,
                        when=when,
                        language=session.languages.all()[0].code,
                        resume_key=key,
                    )

    def participant(self, room: _Room, registration: Registration, profile: model.Profile, days: set[dt.date]) -> None:
        rng, session = self.rng, room.session
        profession = self.professions.get(registration.profession_id or 0, "")
        pre_q, post_q = room.by_kind.get(KIND.PRE_TEST), room.by_kind.get(KIND.POST_TEST)
        pre = post = None
        if pre_q is not None and session.start_date in days and rng.random() < 0.97:
            values = answers.test_values(rng, room.items[pre_q.pk], profile, profession, room, None)
            when = at(session.start_date, 9, rng.randint(5, 40))
            pre = self.submit(room, pre_q, registration, values, when, paper=room.paper)
        if post_q is not None and session.end_date in days and rng.random() < 0.96:
            gain = room.gain + model.GAIN.get(profession, 0.0) + rng.gauss(0, 0.35)
            values = answers.test_values(rng, room.items[post_q.pk], profile, profession, room, gain)
            when = at(session.end_date, 14, rng.randint(30, 59))
            post = self.submit(room, post_q, registration, values, when, paper=room.paper)
        before, after = _fraction(pre), _fraction(post)
        if pre is not None and post is not None:
            self.writer.pairs.append((pre, post, session))
        gained = after - before if before is not None and after is not None else 0.25
        satisfaction = room.by_kind.get(KIND.SATISFACTION)
        if satisfaction is not None and not satisfaction.anonymous:
            answered: dt.datetime | None = None
            if session.end_date in days and rng.random() < 0.9:
                if rng.random() < 0.7:
                    answered = at(session.end_date, 15, rng.randint(20, 59))
                else:
                    later = session.end_date + dt.timedelta(days=rng.randint(1, 12))
                    answered = at(later, rng.randint(8, 20), rng.randint(0, 59))
                values = answers.satisfaction_values(rng, room.items[satisfaction.pk], room, profile)
                self.submit(room, satisfaction, registration, values, answered)
            self.remind(satisfaction, registration, answered)
        follow_up = room.by_kind.get(KIND.FOLLOW_UP)
        if follow_up is not None:
            self.follow_up(room, follow_up, registration, profile, profession, gained)

    def follow_up(
        self,
        room: _Room,
        questionnaire: Questionnaire,
        registration: Registration,
        profile: model.Profile,
        profession: str,
        gained: float,
    ) -> None:
        rng = self.rng
        assert questionnaire.opens_on is not None and questionnaire.closes_on is not None
        answers_it = rng.random() < 0.3 + 0.6 * profile.engagement
        roll = rng.random()
        offset = rng.randint(0, 3) if roll < 0.45 else rng.randint(4, 13) if roll < 0.8 else rng.randint(14, 29)
        day = min(questionnaire.opens_on + dt.timedelta(days=offset), questionnaire.closes_on)
        values = answers.follow_up_values(rng, room.items[questionnaire.pk], room, profession, gained)
        when = None
        if answers_it and day <= self.today:
            when = at(day, rng.randint(8, 21), rng.randint(0, 59))
            self.submit(room, questionnaire, registration, values, when)
        elif answers_it and questionnaire.status == QuestionnaireStatus.OPEN and rng.random() < 0.25:
            first = next(iter(values.items()))  # started, not yet sent
            self.submit(room, questionnaire, registration, dict([first]), None)
        self.remind(questionnaire, registration, when)


def build_responses(context: DemoContext) -> None:
    sessions = demo_sessions(context)
    if not sessions:
        return
    rng = random.Random(SEED)  # noqa: S311 - fictional demo data
    questionnaires: dict[int, list[Questionnaire]] = defaultdict(list)
    rows = (
        Questionnaire.objects.filter(session__in=sessions)
        .exclude(status=QuestionnaireStatus.DRAFT)
        .prefetch_related("items")
        .order_by("pk")
    )
    for questionnaire in rows:
        questionnaires[questionnaire.session_id].append(questionnaire)
    present = _attendance(sessions)
    writer = _Writer()
    invitations: dict[tuple[int, int], Invitation] = {}
    participants = _Participants(rng, writer, invitations)
    for session in sessions:
        if not questionnaires[session.pk]:
            continue
        room = _Room(session, questionnaires[session.pk], rng)
        attended = list(Registration.objects.filter(session=session, status=RegistrationStatus.ATTENDED).order_by("pk"))
        made = _invitations(questionnaires[session.pk], attended)
        invitations.update({(i.questionnaire.pk, i.registration.pk): i for i in made})
        writer.invitations += made
        participants.session(room, attended, present)
    writer.save(sessions)


SENT_AT: dict[str, int] = {KIND.PRE_TEST: 8, KIND.POST_TEST: 15, KIND.SATISFACTION: 16, KIND.FOLLOW_UP: 9}


def _invitations(questionnaires: list[Questionnaire], attended: list[Registration]) -> list[Invitation]:
    """A personal link for every participant who attended, to each questionnaire that was opened."""
    rows: list[Invitation] = []
    for questionnaire in questionnaires:
        if questionnaire.anonymous or questionnaire.status == QuestionnaireStatus.DRAFT:
            continue
        assert questionnaire.opens_on is not None and questionnaire.closes_on is not None
        languages = link_languages(attended, list(questionnaire.languages))
        expires = at(questionnaire.closes_on, 23, 59) + dt.timedelta(seconds=59)
        sent = at(questionnaire.opens_on, SENT_AT[questionnaire.kind], 30)
        rows += [
            Invitation(
                questionnaire=questionnaire,
                registration=registration,
                token=new_token(),
                language=languages[registration.pk],
                expires_at=expires,
                sent_at=sent,
            )
            for registration in attended
        ]
    return rows
