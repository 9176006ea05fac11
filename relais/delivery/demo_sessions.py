"""The demo sessions (DESIGN.md §5b, §6): 45 sessions of the demo designs in the 15 countries of the route,
spread over 2025 and 2026, with statuses that fit their dates as seen from DEMO_TODAY.

The people, registrations and attendance of these sessions are built by the later demo steps (orders
41 and after), from context.objects["sessions"].
"""

from __future__ import annotations

import datetime as dt

from relais.core.demo import DEMO_DOMAIN, DEMO_PASSWORD, DemoContext, DemoStep, register_demo_step
from relais.core.models import Country, Language
from relais.delivery.models import Session, SessionStatus
from relais.design.models import ActivityDesign
from relais.programmes.models import Programme, ProgrammeRole, Role

DEMO_TODAY = dt.date(2026, 11, 28)
CLOSED_BEFORE = dt.date(2026, 5, 28)  # sessions that ended six months before DEMO_TODAY are closed

# Trainers besides the demo trainer account: (key, e-mail local part, name)
TRAINERS = [
    ("trainer_al", "trainer.al", "Besnik Krasniqi"),
    ("trainer_ro", "trainer.ro", "Ioana Dumitrescu"),
    ("trainer_it", "trainer.it", "Luca Bianchi"),
    ("trainer_bg", "trainer.bg", "Petya Ivanova"),
]

# Country → the trainers of its national sessions (keys of context.objects "user:<key>").
NATIONAL_TRAINERS = {
    "AL": ["trainer_al", "trainer"],
    "XK": ["trainer_al"],
    "MK": ["trainer_al", "trainer"],
    "RS": ["trainer"],
    "BA": ["trainer"],
    "ME": ["trainer"],
    "HR": ["trainer", "trainer_bg"],
    "BG": ["trainer_bg"],
    "HU": ["trainer_bg", "trainer"],
    "CZ": ["trainer_bg"],
    "RO": ["trainer_ro"],
    "MD": ["trainer_ro"],
    "IT": ["trainer_it"],
    "AT": ["trainer_it", "trainer"],
    "NL": ["trainer_it"],
}
LANGUAGE = {
    "AL": "sq",
    "XK": "sq",
    "MK": "mk",
    "RS": "sr",
    "BA": "bs",
    "ME": "sr",
    "HR": "hr",
    "BG": "bg",
    "HU": "hu",
    "CZ": "cs",
    "RO": "ro",
    "MD": "ro",
    "IT": "it",
    "AT": "de",
    "NL": "nl",
}

# (design: N national, R regional, B bilateral, F failing, P replication; country, city, venue, year, ISO week)
# Sessions start on the Tuesday of their week.
SCHEDULE: list[tuple[str, str, str, str, int, int]] = [
    ("N", "AL", "Tirana", "Hotel Arbëria, conference hall", 2025, 10),
    ("N", "RS", "Belgrade", "Judicial Academy training centre, room 3", 2025, 12),
    ("N", "MD", "Chișinău", "Codru Business Centre", 2025, 15),
    ("N", "BA", "Sarajevo", "Hotel Miljacka, Hall A", 2025, 17),
    ("N", "RO", "Bucharest", "Conference centre Lipscani", 2025, 19),
    ("N", "MK", "Skopje", "Hotel Vardar Palace, Hall 2", 2025, 21),
    ("N", "BG", "Sofia", "Vitosha Training House", 2025, 23),
    ("B", "RO", "Cluj-Napoca", "Police training school, Someș campus", 2025, 27),
    ("R", "AT", "Vienna", "Donaupark Seminar Centre", 2025, 28),
    ("F", "BG", "Varna", "Black Sea Congress Hall, room 1", 2025, 29),
    ("N", "XK", "Pristina", "Hotel Dardania, conference room", 2025, 25),
    ("N", "HR", "Zagreb", "Maksimir Conference Centre", 2025, 37),
    ("N", "HU", "Budapest", "Margit Training Centre", 2025, 39),
    ("N", "ME", "Podgorica", "Hotel Morača, Hall B", 2025, 41),
    ("N", "CZ", "Prague", "Vltava Seminar House", 2025, 43),
    ("B", "IT", "Foggia", "Tavoliere Training Centre", 2025, 44),
    ("N", "RS", "Novi Sad", "Petrovaradin Congress Centre", 2025, 45),
    ("N", "AT", "Vienna", "Prater Seminar Rooms", 2025, 47),
    ("N", "IT", "Bari", "Centro congressi Levante", 2025, 49),
    ("R", "IT", "Rome", "Centro studi Tevere", 2025, 50),
    ("N", "AL", "Shkodër", "Rozafa Training Hall", 2026, 5),
    ("N", "BA", "Banja Luka", "Hotel Vrbas, Hall 1", 2026, 7),
    ("N", "MD", "Bălți", "Bălți Civic Centre", 2026, 9),
    ("R", "MD", "Chișinău", "Codru Business Centre", 2026, 10),
    ("N", "RO", "Iași", "Copou Conference Centre", 2026, 11),
    ("B", "RO", "Bucharest", "Police Academy annex, hall 4", 2026, 12),
    ("N", "MK", "Ohrid", "Lakeside Congress Hotel", 2026, 13),
    ("N", "BG", "Plovdiv", "Maritsa Business Centre", 2026, 15),
    ("N", "XK", "Prizren", "Bistrica Training Hall", 2026, 17),
    ("N", "ME", "Budva", "Hotel Mogren Bay, Hall C", 2026, 18),
    ("N", "HR", "Split", "Marjan Conference Centre", 2026, 20),
    ("N", "HU", "Szeged", "Tisza Training Centre", 2026, 22),
    ("R", "NL", "The Hague", "Hofvijver Conference Centre", 2026, 24),
    ("B", "IT", "Latina", "Pontine Training Centre", 2026, 26),
    ("F", "BG", "Sofia", "Vitosha Training House", 2026, 29),
    ("N", "CZ", "Brno", "Špilberk Seminar House", 2026, 36),
    ("N", "NL", "Rotterdam", "Maashaven Meeting Centre", 2026, 38),
    ("R", "AL", "Tirana", "Hotel Arbëria, conference hall", 2026, 40),
    ("N", "RS", "Niš", "Nišava Congress Centre", 2026, 42),
    ("P", "AL", "Tirana", "Police Academy of Albania, seminar room (fictional)", 2026, 43),
    ("B", "RO", "Iași", "Copou Conference Centre", 2026, 44),
    ("N", "RO", "Timișoara", "Bega Business Centre", 2026, 49),
    ("B", "IT", "Bari", "Centro congressi Levante", 2026, 50),
    ("P", "AL", "Durrës", "Adriatic Conference Hotel", 2026, 50),
    ("R", "RO", "Bucharest", "Conference centre Lipscani", 2026, 51),
]
CANCELLED = {("ME", 2026, 18): "Postponed at the request of the police academy: its exams were moved to the same week."}
NOTES = {
    ("R", "AT", 2025, 28): "Interpretation booths for Albanian, Romanian and Italian provided by the venue.",
    ("B", "IT", 2025, 44): "The study visit on day 2 takes place on farms near Cerignola with the labour inspectorate.",
    ("N", "RO", 2026, 49): "Registration closes on 24 November; the national police school sends six inspectors.",
}


def status_for(start: dt.date, end: dt.date, today: dt.date = DEMO_TODAY) -> str:
    if end < today:
        return SessionStatus.CLOSED if end < CLOSED_BEFORE else SessionStatus.DELIVERED
    return SessionStatus.OPEN if (start - today).days <= 21 else SessionStatus.PLANNED


def _trainer_accounts(context: DemoContext, programme: Programme, replication: Programme | None) -> None:
    from relais.accounts.models import User

    for key, local, name in TRAINERS:
        user = User.objects.create_user(
            email=f"{local}@{DEMO_DOMAIN}", password=DEMO_PASSWORD, full_name=name, language="en"
        )
        ProgrammeRole.objects.create(user=user, programme=programme, role=Role.TRAINER)
        if replication is not None and key == "trainer_al":
            ProgrammeRole.objects.create(user=user, programme=replication, role=Role.TRAINER)
        context.objects[f"user:{key}"] = user


def _trainers_for(kind: str, country: str) -> list[str]:
    if kind == "R":
        return ["trainer_it", "trainer_ro", "trainer"]
    if kind == "B":
        return ["trainer_ro", "trainer_it"]
    if kind == "P":
        return ["trainer_al"]
    return NATIONAL_TRAINERS[country]


def _languages_for(kind: str, design: ActivityDesign, country: str, languages: dict[str, Language]) -> list[Language]:
    if kind in ("R", "B"):
        return [*design.working_languages.all(), *design.interpretation_languages.all()]
    return [languages[LANGUAGE[country]]]


def build_sessions(context: DemoContext) -> None:
    designs: list[ActivityDesign] = context.objects.get("designs", [])
    if len(designs) < 4:
        return
    national, regional, bilateral, failing = designs[:4]
    replicated: ActivityDesign | None = context.objects.get("replicated_design")
    programme: Programme = context.objects["programme"]
    _trainer_accounts(context, programme, replicated.programme if replicated else None)
    by_kind = {"N": national, "R": regional, "B": bilateral, "F": failing, "P": replicated}
    seats = {d.pk: sum(q.seats for q in d.quotas.all()) for d in by_kind.values() if d is not None}
    days = {d.pk: d.days.count() for d in by_kind.values() if d is not None}
    countries = {c.code: c for c in Country.objects.filter(code__in=LANGUAGE)}
    languages = {lang.code: lang for lang in Language.objects.filter(code__in=set(LANGUAGE.values()))}
    manager = context.objects.get("user:manager")
    sessions = []
    for kind, code, city, venue, year, week in sorted(SCHEDULE, key=lambda row: (row[4], row[5])):
        design = by_kind[kind]
        if design is None:
            continue
        start = dt.date.fromisocalendar(year, week, 2)
        end = start + dt.timedelta(days=max(days[design.pk], 1) - 1)
        reason = CANCELLED.get((code, year, week), "")
        session = Session.objects.create(
            design=design,
            programme_id=design.programme_id,
            title=f"{design.title} — {city}"[:300],
            country=countries[code],
            city=city,
            venue=venue,
            start_date=start,
            end_date=end,
            capacity=seats[design.pk] or 25,
            status=SessionStatus.CANCELLED if reason else status_for(start, end),
            cancellation_reason=reason,
            notes=NOTES.get((kind, code, year, week), ""),
            created_by=manager,
        )
        session.languages.set(_languages_for(kind, design, code, languages))
        session.trainers.set([context.objects[f"user:{key}"] for key in _trainers_for(kind, code)])
        sessions.append(session)
    context.objects["sessions"] = sessions


def register() -> None:
    register_demo_step(DemoStep(key="sessions", order=40, run=build_sessions, is_loaded=Session.objects.exists))
