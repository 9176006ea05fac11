"""Step "lessons": what trainers, coordinators and M&E officers wrote down after sessions and across
a design's sessions (LessonLearned), as the demo's lessons read (relais/evaluation/demo_lessons.py,
whose texts are reused).

Per programme one lesson per six delivered sessions (at least one when it delivered any), written
2–20 days after the session by one of its trainers (else the programme's M&E officer), and 0–2
lessons about a design of the programme by its M&E officer or a manager. Their status follows their
age on the bench's "today": older than a year — applied 40 %, validated 40 %, observed; three months
to a year — validated or observed; more recent — observed. Updated when their status last changed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from bench.context import Context
from bench.evaluation_gen_sessions import SessionRow
from bench.sizes import TODAY
from bench.sql import db_datetime, db_json, insert_rows
from relais.delivery.models import Session, SessionStatus
from relais.evaluation.demo_lessons import LESSONS, UPDATED_AFTER
from relais.evaluation.models import LessonLearned, LessonStatus
from relais.programmes.models import Role

SESSIONS_PER_LESSON = 6
DESIGN_LESSONS = (0, 2)


def generate_lessons(ctx: Context) -> None:
    rng = ctx.rng("lessons")
    delivered: dict[int, list[SessionRow]] = defaultdict(list)
    for s in ctx.objects["sessions"]:
        if s.status in (SessionStatus.DELIVERED, SessionStatus.CLOSED):
            delivered[s.programme_id].append(s)
    designs: dict[int, list[int]] = defaultdict(list)
    for pk, programme_id, *_rest in ctx.objects["designs"]:
        designs[programme_id].append(pk)
    staff: dict[tuple[int, str], list[int]] = defaultdict(list)
    for _pk, user_id, programme_id, role, _label in ctx.objects["roles"]:
        staff[(programme_id, role)].append(user_id)
    trainers: dict[int, list[int]] = defaultdict(list)
    for session_id, user_id in Session.trainers.through.objects.order_by("pk").values_list("session_id", "user_id"):
        trainers[session_id].append(user_id)

    def status(written: dt.date) -> str:
        age = (TODAY - written).days
        draw = rng.random()
        if age > 365:
            return (
                LessonStatus.APPLIED if draw < 0.4 else LessonStatus.VALIDATED if draw < 0.8 else LessonStatus.OBSERVED
            )
        if age > 90:
            return LessonStatus.VALIDATED if draw < 0.5 else LessonStatus.OBSERVED
        return LessonStatus.OBSERVED

    rows: list[tuple[Any, ...]] = []
    for programme_id, _code, _title in ctx.objects["programmes"]:
        sessions = delivered.get(programme_id, [])
        me = staff.get((programme_id, Role.ME_OFFICER)) or staff.get((programme_id, Role.MANAGER)) or []
        count = max(1, round(len(sessions) / SESSIONS_PER_LESSON)) if sessions else 0
        sources: list[tuple[SessionRow | None, int | None, dt.date, int | None]] = []
        for s in rng.sample(sessions, min(len(sessions), count)):
            written = min(TODAY, s.end + dt.timedelta(days=rng.randint(2, 20)))
            writers = trainers.get(s.pk) or me
            sources.append((s, None, written, rng.choice(writers) if writers else None))
        own = designs[programme_id]
        for design_id in rng.sample(own, min(len(own), rng.randint(*DESIGN_LESSONS))):
            ended = [s.end for s in sessions if s.design_id == design_id]
            if not ended:
                continue
            written = min(TODAY, max(ended) + dt.timedelta(days=rng.randint(10, 60)))
            writers = me + staff.get((programme_id, Role.MANAGER), [])
            sources.append((None, design_id, written, rng.choice(writers) if writers else None))
        for s, about, written, author in sorted(sources, key=lambda x: (x[2], x[0].pk if x[0] else 0)):
            _source, title, what, why, recommendation, tags, _status, _author = rng.choice(LESSONS)
            chosen = status(written)
            created = dt.datetime(written.year, written.month, written.day, 16, 30, tzinfo=dt.UTC)
            updated = min(created + dt.timedelta(days=UPDATED_AFTER[chosen]), dt.datetime(
                TODAY.year, TODAY.month, TODAY.day, 17, tzinfo=dt.UTC))  # fmt: skip
            rows.append(
                (programme_id, s.pk if s else None, about, title, what, why,
                 recommendation, db_json(tags), chosen, author, db_datetime(created), db_datetime(updated))
            )  # fmt: skip
    fields = ["programme", "session", "design", "title", "what_happened", "why_it_matters", "recommendation", "tags",
              "status", "author", "created_at", "updated_at"]  # fmt: skip
    ctx.add_count("evaluation.lessonlearned", insert_rows(LessonLearned, fields, rows))
