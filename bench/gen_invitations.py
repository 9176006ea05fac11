"""Step "invitations": the personal links of the questionnaires, and the sessions' entry pages.

- Personal links (Invitation): 80 % of the delivered sessions sent them (the others collected answers
  on paper or through the session's QR code): one per attended registration for each questionnaire
  that is not anonymous — who `invitations_create` invites once attendance is recorded — e-mailed
  at 8:00 on the day the questionnaire was answered (the first response's day; the session's first or
  last day when nobody answered), valid 30 days (`LINK_DAYS`), in the questionnaire's language. The
  people who answered opened their link when they started; of the others 30 % opened it and they
  received 0–2 reminders a day apart. Links with a response are not linked to it
  (Response.invitation stays empty), as with answers typed in by staff; the invitations page tells a
  link's status from the responses.
- Entry pages (SessionEntry): every session that has started (open, delivered, closed) printed its
  sign-in sheet, whose QR code is the entry page's address.

Tokens are drawn as `relais.evaluation.tokens.new_token` makes them (192 bits, URL-safe), from the
step's random stream (deterministic, as every generated row).
"""

from __future__ import annotations

import base64
import datetime as dt
import random
from collections import defaultdict
from typing import Any

from django.db.models import Min

from bench.context import Context
from bench.evaluation_gen_sessions import RegistrationRow, SessionRow
from bench.sizes import TODAY
from bench.sql import db_datetime, insert_rows
from relais.delivery.models import RegistrationStatus, SessionStatus
from relais.evaluation.models import Invitation, Questionnaire, QuestionnaireKind, Response, SessionEntry
from relais.evaluation.services_invitations import LINK_DAYS

LINKED_SHARE = 0.8  # delivered sessions that sent personal links
OPENED_SHARE = 0.3  # of those who did not answer
CHUNK = 2_000  # questionnaires at a time
STARTED = (SessionStatus.OPEN, SessionStatus.DELIVERED, SessionStatus.CLOSED)


def token(rng: random.Random) -> str:
    """32 URL-safe characters, as secrets.token_urlsafe(24)."""
    return base64.urlsafe_b64encode(rng.getrandbits(192).to_bytes(24, "big")).decode().rstrip("=")


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)


def generate_invitations(ctx: Context) -> None:
    rng = ctx.rng("invitations")
    sessions: dict[int, SessionRow] = {s.pk: s for s in ctx.objects["sessions"]}
    attended: dict[int, list[RegistrationRow]] = defaultdict(list)
    for reg in ctx.objects["registrations"]:
        if reg.status == RegistrationStatus.ATTENDED:
            attended[reg.session_id].append(reg)
    linked = {pk for pk in sorted(sessions) if rng.random() < LINKED_SHARE}
    questionnaires = [
        row
        for row in Questionnaire.objects.filter(anonymous=False)
        .order_by("pk")
        .values_list("pk", "session_id", "kind", "language")
        if row[1] in linked
    ]
    written = 0
    for start in range(0, len(questionnaires), CHUNK):
        chunk = questionnaires[start : start + CHUNK]
        first, last = chunk[0][0], chunk[-1][0]
        answered: dict[tuple[int, int], dt.datetime] = {}
        for q, reg, started in (
            Response.objects.filter(questionnaire_id__gte=first, questionnaire_id__lte=last, registration__isnull=False)
            .order_by()
            .values_list("questionnaire_id", "registration_id", "started_at")
        ):
            answered[(q, reg)] = started
        days = dict(
            Response.objects.filter(questionnaire_id__gte=first, questionnaire_id__lte=last)
            .order_by()
            .values("questionnaire_id")
            .annotate(first=Min("started_at"))
            .values_list("questionnaire_id", "first")
        )
        rows: list[tuple[Any, ...]] = []
        for q, session_id, kind, language in chunk:
            s = sessions[session_id]
            first_answer = days.get(q)
            day = first_answer.date() if first_answer else (s.start if kind == QuestionnaireKind.PRE_TEST else s.end)
            sent = _at(day, 8)
            for reg in attended[session_id]:
                answered_at = answered.get((q, reg.pk))
                reminders = 0 if answered_at else rng.choice([0, 1, 1, 2])
                opened: dt.datetime | None = answered_at
                if opened is None and rng.random() < OPENED_SHARE:
                    opened = sent + dt.timedelta(days=1)
                reminded = sent + dt.timedelta(days=reminders) if reminders else None
                rows.append(
                    (q, reg.pk, token(rng), language, db_datetime(sent + dt.timedelta(days=LINK_DAYS)),
                     db_datetime(sent), db_datetime(reminded) if reminded else None, reminders,
                     db_datetime(opened) if opened else None, db_datetime(sent - dt.timedelta(minutes=5)))
                )  # fmt: skip
        fields = ["questionnaire", "registration", "token", "language", "expires_at", "sent_at", "reminded_at",
                  "reminders", "opened_at", "created_at"]  # fmt: skip
        written += insert_rows(Invitation, fields, rows)
    ctx.add_count("evaluation.invitation", written)

    entries = [(s.pk, token(rng)) for s in ctx.objects["sessions"] if s.status in STARTED and s.start <= TODAY]
    ctx.add_count("evaluation.sessionentry", insert_rows(SessionEntry, ["session", "token"], entries))
