"""Step "sessions": the sessions, people and registrations that evaluation's answers hang on.

Per programme, size.sessions / programmes sessions of its designs, in the design's countries, spread
over the programme's period up to four months after the bench's "today" (later ones planned or open,
earlier ones delivered or closed, 3 % cancelled), each trained by one or two of the programme's
trainers. People: size.people / programmes per programme, spread over its countries, with a
profession and a gender; a session seats about size.people / size.sessions of them, drawn from its
design's countries (half from the session's own), so people attend one to three sessions. Past
sessions: 88 % attended, 7 % no-shows, 5 % withdrawn; future ones: registered, 10 % waiting.

Bulk rows with explicit ids (bench.sql.insert_rows): tens of thousands of people at L.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count

from bench.context import Context
from bench.evaluation_sql import next_id, reset_sequences
from bench.gen_programmes import FIRST, LAST
from bench.sizes import TODAY
from bench.sql import db_datetime, insert_rows
from relais.core.models import Country, Profession
from relais.delivery.models import Person, Registration, RegistrationStatus, Session, SessionStatus
from relais.delivery.names import name_key
from relais.design.models import ActivityDesign, AgendaDay, DesignCountry
from relais.programmes.models import Programme, Role

BATCH = 2_000
FUTURE = dt.timedelta(days=120)
CANCELLED_SHARE = 0.03
GENDERS = ["female", "male", "female", "male", "undisclosed"]


@dataclass(frozen=True)
class SessionRow:
    pk: int
    programme_id: int
    design_id: int
    country_id: int
    start: dt.date
    end: dt.date
    status: str


@dataclass(frozen=True)
class RegistrationRow:
    pk: int
    session_id: int
    person_id: int
    country_id: int
    profession_id: int
    status: str


def seats_per_session(ctx: Context) -> int:
    return max(8, min(30, round(ctx.size.people / max(1, ctx.size.sessions))))


def _people(ctx: Context, rng: random.Random, professions: list[int]) -> dict[tuple[int, int], list[int]]:
    """Each programme's people, by (programme, country): rows written, ids returned."""
    routes = ctx.objects["routes"]
    countries: dict[str, int] = ctx.objects["countries"]
    per_programme = max(15, ctx.size.people // max(1, len(ctx.objects["programmes"])))
    now = db_datetime(dt.datetime(2026, 6, 30, 12, tzinfo=dt.UTC))
    pk = next_id(Person)
    pools: dict[tuple[int, int], list[int]] = defaultdict(list)
    rows = []
    for programme_id, code, _title in ctx.objects["programmes"]:
        codes = [c for c, _role in routes[programme_id]]
        for n in range(per_programme):
            country = countries[codes[n % len(codes)]]
            first, last = rng.choice(FIRST), rng.choice(LAST)
            rows.append(
                (pk, first, last, name_key(first, last), rng.choice(GENDERS), country, rng.choice(professions),
                 "", f"p{pk}@{code}.bench.relais.example", "", now, now)
            )  # fmt: skip
            pools[(programme_id, country)].append(pk)
            pk += 1
    fields = ["id", "first_name", "last_name", "name_key", "gender", "country", "profession", "position", "email",
              "phone", "created_at", "updated_at"]  # fmt: skip
    ctx.add_count("delivery.person", insert_rows(Person, fields, rows))
    return pools


def generate_sessions(ctx: Context) -> None:
    rng = ctx.rng("sessions")
    professions = list(Profession.objects.order_by("pk").values_list("pk", flat=True))
    country_names = dict(Country.objects.values_list("pk", "name_en"))
    pools = _people(ctx, rng, professions)
    programmes = Programme.objects.in_bulk([pk for pk, _code, _title in ctx.objects["programmes"]])
    routes = ctx.objects["routes"]
    countries: dict[str, int] = ctx.objects["countries"]
    designs: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for pk, programme_id, title in ActivityDesign.objects.order_by("pk").values_list("pk", "programme_id", "title"):
        designs[programme_id].append((pk, title))
    design_countries: dict[int, list[int]] = defaultdict(list)
    for design_id, country_id in DesignCountry.objects.order_by("pk").values_list("design_id", "country_id"):
        design_countries[design_id].append(country_id)
    days = dict(
        AgendaDay.objects.order_by().values_list("design_id").annotate(n=Count("id")).values_list("design_id", "n")
    )
    trainers: dict[int, list[int]] = defaultdict(list)
    for _pk, user_id, programme_id, role, _label in ctx.objects["roles"]:
        if role == Role.TRAINER:
            trainers[programme_id].append(user_id)

    per_programme = ctx.size.sessions // max(1, len(programmes))
    extra = ctx.size.sessions - per_programme * len(programmes)
    sessions: list[Session] = []
    for i, (programme_id, _code, _title) in enumerate(ctx.objects["programmes"]):
        programme = programmes[programme_id]
        last_start = min(programme.end_date, TODAY + FUTURE)
        span = max(1, (last_start - programme.start_date).days)
        for _n in range(per_programme + (1 if i < extra else 0)):
            design_id, title = rng.choice(designs[programme_id])
            country = rng.choice(design_countries[design_id] or [countries[routes[programme_id][0][0]]])
            start = programme.start_date + dt.timedelta(days=rng.randrange(span))
            end = start + dt.timedelta(days=max(1, days.get(design_id, 1)) - 1)
            if rng.random() < CANCELLED_SHARE:
                status = SessionStatus.CANCELLED
            elif end <= TODAY:
                status = SessionStatus.CLOSED if rng.random() < 0.2 else SessionStatus.DELIVERED
            else:
                status = SessionStatus.OPEN if start <= TODAY + dt.timedelta(days=60) else SessionStatus.PLANNED
            city = country_names[country]
            sessions.append(
                Session(
                    design_id=design_id,
                    programme_id=programme_id,
                    title=f"{title} — {city} {start:%Y-%m}",
                    country_id=country,
                    city=city,
                    start_date=start,
                    end_date=end,
                    capacity=seats_per_session(ctx) + 5,
                    status=status,
                )
            )
    Session.objects.bulk_create(sessions, batch_size=BATCH)
    through = Session.trainers.through
    links = [
        through(session_id=s.pk, user_id=u)
        for s in sessions
        for u in rng.sample(trainers[s.programme_id], min(len(trainers[s.programme_id]), rng.randint(1, 2)))
    ]
    through.objects.bulk_create(links, batch_size=BATCH)

    seats = seats_per_session(ctx)
    people_professions = dict(Person.objects.values_list("pk", "profession_id"))
    person_country = {p: c for (_programme, c), ids in pools.items() for p in ids}
    registrations: list[RegistrationRow] = []
    pk = next_id(Registration)
    for s in sessions:
        wanted = max(3, round(seats * rng.uniform(0.8, 1.2)))
        own = pools.get((s.programme_id, s.country_id), [])
        others = [
            p for c in design_countries[s.design_id] if c != s.country_id for p in pools.get((s.programme_id, c), [])
        ]
        from_own = min(len(own), wanted // 2 if others else wanted)
        chosen = set(rng.sample(own, from_own))
        chosen |= set(rng.sample(others, min(len(others), wanted - len(chosen))))
        if len(chosen) < wanted:  # a national design, or small pools: more from the session's country
            rest = [p for p in own if p not in chosen]
            chosen |= set(rng.sample(rest, min(len(rest), wanted - len(chosen))))
        for person_id in sorted(chosen):
            if s.end_date <= TODAY and s.status != SessionStatus.CANCELLED:
                draw = rng.random()
                reg_status = (
                    RegistrationStatus.ATTENDED
                    if draw < 0.88
                    else RegistrationStatus.NO_SHOW
                    if draw < 0.95
                    else RegistrationStatus.WITHDRAWN
                )
            else:
                reg_status = RegistrationStatus.WAITING if rng.random() < 0.1 else RegistrationStatus.REGISTERED
            registrations.append(
                RegistrationRow(
                    pk, s.pk, person_id, person_country[person_id], people_professions[person_id], reg_status
                )
            )
            pk += 1
    now = db_datetime(dt.datetime(2026, 6, 30, 12, tzinfo=dt.UTC))
    fields = ["id", "session", "person", "status", "profession", "organisation_name", "position", "country", "source",
              "registered_at", "updated_at"]  # fmt: skip
    written = insert_rows(
        Registration,
        fields,
        ((r.pk, r.session_id, r.person_id, r.status, r.profession_id, "", "", r.country_id, "bench", now, now)
         for r in registrations),
    )  # fmt: skip
    reset_sequences(Person, Registration)
    ctx.objects["sessions"] = [
        SessionRow(s.pk, s.programme_id, s.design_id, s.country_id, s.start_date, s.end_date, s.status)
        for s in sessions
    ]
    ctx.objects["registrations"] = registrations
    ctx.add_count("delivery.session", len(sessions))
    ctx.add_count("delivery.session_trainers", len(links))
    ctx.add_count("delivery.registration", written)
