"""Steps "organisations" and "delivery": who the people work for, and what the delivery of sessions
leaves behind besides registrations.

organisations — in every country of the programmes' routes, the agencies the trainings serve: a
labour inspectorate (with 0–2 regional offices), 1–3 police units, 1–3 prosecution offices, 1–3
courts, 1–2 ministries, 2–4 NGOs, a trade union, an employers' association, a training academy and,
in half the countries, a research institute; and 4 international bodies. Each programme has 6–14
partners among the organisations of its route (and an international body for half of them), 60 %
of the designs 1–3 partners of their countries. 90 % of the people work for an organisation of their
country whose kind fits their profession (police officers in the police…); their registrations
record it (Registration.organisation), as a registration form does.

delivery — what the session pages, the attendance sheet and the certificates read:
- people's languages: their country's first language (its second for a quarter), English for 55 %;
- consents: everyone registered has agreed to the programme's use of their data, on the first day
  of their first session (on paper 65 %, online 30 %, by e-mail 5 %), 1 % withdrew later; 8 % agreed
  to photographs too, a quarter of them withdrew;
- sessions' languages: their design's working and interpretation languages;
- attendance per day of every delivered or closed session for the registrations expected there
  (attended, did not come): those who attended were present every day, but 12 % missed one day of
  a session of several days and 4 % of a session of three days or more came on the first day only;
  those who did not come are recorded absent every day — so statuses follow attendance as
  `session_attendance_close` sets them. Sessions running on the bench's "today" have the days up to
  it recorded (92 % present). Recorded by one of the session's trainers, in the morning;
- certificates of attendance for every attended registration of closed sessions and of 75 % of the
  delivered ones that ended two weeks before "today", 3–21 days after the session, in the person's
  first interface language (English, else French, else English: the service's rule), codes drawn
  as the service draws them (Crockford's base 32); 0.3 % revoked;
- participant lists imported for 20 % of the sessions, one to four weeks before they start, by the
  country's coordinator (ImportRecord: rows, people created and matched).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections import defaultdict
from typing import Any

from django.db import connection

from bench.context import Context
from bench.design_templates import COUNTRY_LANGUAGES
from bench.evaluation_gen_sessions import RegistrationRow, SessionRow
from bench.evaluation_sql import next_id, reset_sequences
from bench.gen_updates import update_column
from bench.sizes import TODAY
from bench.sql import db_datetime, insert_rows
from relais.core.models import Country, Language, Profession
from relais.delivery.models import (
    Attendance,
    Certificate,
    Consent,
    ConsentMethod,
    ImportRecord,
    Person,
    Registration,
    RegistrationStatus,
    Session,
    SessionStatus,
)
from relais.delivery.services_certificates import ALPHABET, CODE_LENGTH
from relais.design.models import ActivityDesign, DesignCountry
from relais.programmes.models import Organisation, OrganisationKind, Programme, ProgrammeRole, Role, Sector
from relais.programmes.text import search_key

K = OrganisationKind
REGIONS = ["North", "South", "East", "West", "Central", "Coastal", "Capital", "Border"]
# kind: (how many per country, sector, names: the first for the national body, then regional ones)
ORGANISATIONS: dict[str, tuple[tuple[int, int], str, list[str]]] = {
    K.LABOUR_INSPECTORATE: ((1, 3), Sector.PUBLIC, ["Labour Inspectorate of {country}",
                                                    "Labour Inspectorate of {country}, {region} Office"]),
    K.POLICE: ((1, 3), Sector.PUBLIC, ["{country} Police, Anti-Trafficking Unit",
                                       "{country} Police, {region} Directorate", "Border Police of {country}",
                                       "{country} Financial Police"]),
    K.PROSECUTION: ((1, 3), Sector.PUBLIC, ["Prosecutor General's Office of {country}",
                                            "{region} District Prosecutor's Office, {country}"]),
    K.COURT: ((1, 3), Sector.PUBLIC, ["Supreme Court of {country}", "{region} District Court, {country}"]),
    K.MINISTRY: ((1, 2), Sector.PUBLIC, ["Ministry of Labour and Social Affairs of {country}",
                                         "Ministry of the Interior of {country}"]),
    K.NGO: ((2, 4), Sector.CIVIL_SOCIETY, ["{country} Centre for Migrant Workers",
                                           "Anti-Trafficking Hotline {country}", "Legal Aid for Workers, {country}",
                                           "Women's Rights Centre, {region} {country}", "Shelter Network {country}"]),
    K.TRADE_UNION: ((1, 1), Sector.CIVIL_SOCIETY, ["Confederation of Trade Unions of {country}"]),
    K.EMPLOYER: ((1, 1), Sector.PRIVATE, ["Employers' Association of {country}"]),
    K.TRAINING_INSTITUTE: ((1, 1), Sector.PUBLIC, ["Judicial and Police Academy of {country}"]),
    K.RESEARCH: ((0, 1), Sector.CIVIL_SOCIETY, ["Institute for Migration Studies, {country}"]),
}  # fmt: skip
INTERNATIONAL = [
    ("Danube Anti-Trafficking Network", "DATN"),
    ("European Labour Rights Platform", "ELRP"),
    ("Regional Judicial Cooperation Forum", "RJCF"),
    ("International Centre for Fair Recruitment", "ICFR"),
]
# The kinds of organisation people of each profession work for.
PROFESSION_KINDS: dict[str, list[str]] = {
    "labour_inspection": [K.LABOUR_INSPECTORATE],
    "police": [K.POLICE],
    "specialised_investigation": [K.POLICE],
    "prosecution": [K.PROSECUTION],
    "judiciary": [K.COURT],
    "civil_society": [K.NGO, K.NGO, K.TRADE_UNION],
    "social_services": [K.MINISTRY, K.NGO],
    "government": [K.MINISTRY],
    "private_sector": [K.EMPLOYER],
    "other": [K.RESEARCH, K.TRAINING_INSTITUTE],
}
EMPLOYED_SHARE = 0.9
PROGRAMME_PARTNERS = (6, 14)
DESIGN_PARTNER_SHARE = 0.6

PURPOSE = "Registration, attendance and evaluation data of the programme's training sessions"
PHOTO_PURPOSE = "Photographs of the sessions in programme publications"
CONSENT_METHODS = ([ConsentMethod.PAPER, ConsentMethod.ONLINE, ConsentMethod.EMAIL], [65, 30, 5])
MISSED_A_DAY = 0.12
FIRST_DAY_ONLY = 0.04  # of sessions of three days or more
PRESENT_TODAY = 0.92  # sessions running on "today"
CERTIFIED_SHARE = 0.75  # delivered sessions (closed ones: all)
REVOKED_SHARE = 0.003
IMPORTED_SHARE = 0.2
FOLLOWING = (SessionStatus.DELIVERED, SessionStatus.CLOSED)


def _at(day: dt.date, hour: int, minute: int = 0) -> Any:
    return db_datetime(dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=dt.UTC))


def _day(day: dt.date | None) -> str | None:
    """A date as both engines take it in bulk rows."""
    return day.isoformat() if day is not None else None


def _m2m(through: Any, fields: list[str], rows: list[tuple[int, int]]) -> int:
    return insert_rows(through, fields, rows)


# -- step "organisations" -------------------------------------------------------------------------
def generate_organisations(ctx: Context) -> None:
    rng = ctx.rng("organisations")
    routes = ctx.objects["routes"]
    countries: dict[str, int] = ctx.objects["countries"]
    names = dict(Country.objects.values_list("pk", "name_en"))
    used = sorted({countries[code] for route in routes.values() for code, _role in route})
    now = db_datetime(dt.datetime(2024, 1, 15, 9, tzinfo=dt.UTC))
    pk = next_id(Organisation)
    rows: list[tuple[Any, ...]] = []
    by_country_kind: dict[tuple[int, str], list[int]] = defaultdict(list)
    by_country: dict[int, list[int]] = defaultdict(list)
    for country in used:
        regions = rng.sample(REGIONS, len(REGIONS))
        for kind, ((low, high), sector, templates) in ORGANISATIONS.items():
            for i in range(rng.randint(low, high)):
                template = templates[min(i, len(templates) - 1)]
                name = template.format(country=names[country], region=regions[i % len(regions)]) + " (fictional)"
                acronym = "".join(w[0] for w in name.split() if w[0].isupper())[:8] if rng.random() < 0.3 else ""
                rows.append((pk, name, acronym, "", country, sector, kind, "", search_key(name, acronym), now, now))
                by_country_kind[(country, kind)].append(pk)
                by_country[country].append(pk)
                pk += 1
    international = []
    for name, acronym in INTERNATIONAL:
        full = f"{name} (fictional)"
        rows.append((pk, full, acronym, "", None, Sector.INTERNATIONAL, K.INTERNATIONAL_BODY,
                     f"https://{acronym.lower()}.example.org", search_key(full, acronym), now, now))  # fmt: skip
        international.append(pk)
        pk += 1
    fields = ["id", "name", "acronym", "other_names", "country", "sector", "kind", "website", "search_key",
              "created_at", "updated_at"]  # fmt: skip
    ctx.add_count("programmes.organisation", insert_rows(Organisation, fields, rows))
    reset_sequences(Organisation)

    partners: list[tuple[int, int]] = []
    for programme_id, _code, _title in ctx.objects["programmes"]:
        pool = sorted({o for code, _role in routes[programme_id] for o in by_country[countries[code]]})
        chosen = rng.sample(pool, min(len(pool), rng.randint(*PROGRAMME_PARTNERS)))
        if rng.random() < 0.5:
            chosen.append(rng.choice(international))
        partners.extend((programme_id, o) for o in sorted(chosen))
    ctx.add_count(
        "programmes.programme_partners", _m2m(Programme.partners.through, ["programme", "organisation"], partners)
    )
    design_countries: dict[int, list[int]] = defaultdict(list)
    for design_id, country_id in DesignCountry.objects.order_by("pk").values_list("design_id", "country_id"):
        design_countries[design_id].append(country_id)
    design_partners = []
    for design_id in sorted(design_countries):
        if rng.random() >= DESIGN_PARTNER_SHARE:
            continue
        pool = sorted({o for c in design_countries[design_id] for o in by_country.get(c, [])})
        for o in sorted(rng.sample(pool, min(len(pool), rng.randint(1, 3)))):
            design_partners.append((design_id, o))
    ctx.add_count(
        "design.activitydesign_partners",
        _m2m(ActivityDesign.partners.through, ["activitydesign", "organisation"], design_partners),
    )

    # People's organisations, then their registrations' (one statement: a registration records the
    # organisation of its person).
    professions = dict(Profession.objects.values_list("pk", "code"))
    assigned = []
    for person_id, country_id, profession_id in Person.objects.order_by("pk").values_list(
        "pk", "country_id", "profession_id"
    ):
        if rng.random() >= EMPLOYED_SHARE:
            continue
        kinds = PROFESSION_KINDS.get(professions.get(profession_id, ""), [K.NGO])
        employers = by_country_kind.get((country_id, rng.choice(kinds))) or by_country.get(country_id)
        if employers:
            assigned.append((person_id, rng.choice(employers)))
    ctx.add_count("delivery.person with an organisation", update_column(Person, "organisation", assigned))
    quote = connection.ops.quote_name
    registration, person = Registration._meta.db_table, Person._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(registration)} SET organisation_id = (SELECT p.organisation_id FROM {quote(person)} p "  # noqa: S608
            f"WHERE p.id = {quote(registration)}.person_id)"
        )
    employed = Registration.objects.filter(organisation__isnull=False).count()
    ctx.add_count("delivery.registration with an organisation", employed)


# -- step "delivery" ------------------------------------------------------------------------------
def generate_delivery(ctx: Context) -> None:
    rng = ctx.rng("delivery")
    sessions: list[SessionRow] = ctx.objects["sessions"]
    registrations: list[RegistrationRow] = ctx.objects["registrations"]
    spoken = _languages(ctx, rng)
    _consents(ctx, rng, sessions, registrations)
    _session_languages(ctx)
    trainers: dict[int, list[int]] = defaultdict(list)
    for session_id, user_id in Session.trainers.through.objects.order_by("pk").values_list("session_id", "user_id"):
        trainers[session_id].append(user_id)
    by_session: dict[int, list[RegistrationRow]] = defaultdict(list)
    for reg in registrations:
        by_session[reg.session_id].append(reg)
    _attendance(ctx, rng, sessions, by_session, trainers)
    _certificates(ctx, rng, sessions, by_session, spoken)
    _imports(ctx, rng, sessions, by_session)


def _languages(ctx: Context, rng: random.Random) -> dict[int, list[str]]:
    """People's languages, in the order recorded; returned by person id (codes)."""
    codes = dict(Country.objects.values_list("pk", "code"))
    languages = dict(Language.objects.values_list("code", "pk"))
    spoken: dict[int, list[str]] = {}
    rows: list[tuple[int, int]] = []
    for person_id, country_id in Person.objects.order_by("pk").values_list("pk", "country_id"):
        own = COUNTRY_LANGUAGES.get(codes.get(country_id, ""), ("en",))
        chosen = [own[0]]
        if len(own) > 1 and rng.random() < 0.25:
            chosen.append(own[1])
        if "en" not in chosen and rng.random() < 0.55:
            chosen.append("en")
        chosen = [c for c in chosen if c in languages]
        spoken[person_id] = chosen
        rows.extend((person_id, languages[c]) for c in chosen)
    ctx.add_count("delivery.person_languages", _m2m(Person.languages.through, ["person", "language"], rows))
    return spoken


def _consents(
    ctx: Context, rng: random.Random, sessions: list[SessionRow], registrations: list[RegistrationRow]
) -> None:
    starts = {s.pk: s.start for s in sessions}
    first: dict[int, dt.date] = {}
    for reg in registrations:
        day = starts[reg.session_id]
        if reg.person_id not in first or day < first[reg.person_id]:
            first[reg.person_id] = day
    rows: list[tuple[Any, ...]] = []
    for person_id in sorted(first):
        given = min(first[person_id], TODAY)
        method = rng.choices(*CONSENT_METHODS)[0]
        note = "Paper form signed at the session" if method == ConsentMethod.PAPER else ""
        withdrawn = given + dt.timedelta(days=rng.randint(20, 400)) if rng.random() < 0.01 else None
        rows.append((person_id, PURPOSE, _day(given), method, note, None, _day(_cap(withdrawn))))
        if rng.random() < 0.08:
            withdrawn = given + dt.timedelta(days=rng.randint(30, 200)) if rng.random() < 0.25 else None
            rows.append((person_id, PHOTO_PURPOSE, _day(given), ConsentMethod.ONLINE, "", None, _day(_cap(withdrawn))))
    fields: list[str] = ["person", "purpose", "given_on", "method", "note", "recorded_by", "withdrawn_on"]
    ctx.add_count("delivery.consent", insert_rows(Consent, fields, rows))


def _cap(day: dt.date | None) -> dt.date | None:
    """A withdrawal after the bench's "today" has not happened yet."""
    return day if day is not None and day <= TODAY else None


def _session_languages(ctx: Context) -> None:
    languages: dict[int, list[int]] = defaultdict(list)
    for through in (ActivityDesign.working_languages.through, ActivityDesign.interpretation_languages.through):
        for design_id, language_id in through.objects.order_by("pk").values_list("activitydesign_id", "language_id"):
            if language_id not in languages[design_id]:
                languages[design_id].append(language_id)
    rows = [(s.pk, lang) for s in ctx.objects["sessions"] for lang in languages.get(s.design_id, [])]
    ctx.add_count("delivery.session_languages", _m2m(Session.languages.through, ["session", "language"], rows))


def _days(s: SessionRow) -> list[dt.date]:
    return [s.start + dt.timedelta(days=n) for n in range((s.end - s.start).days + 1)]


def _attendance(
    ctx: Context,
    rng: random.Random,
    sessions: list[SessionRow],
    by_session: dict[int, list[RegistrationRow]],
    trainers: dict[int, list[int]],
) -> None:
    def rows() -> Any:
        for s in sessions:
            following = s.status in FOLLOWING
            running = s.status == SessionStatus.OPEN and s.start <= TODAY < s.end
            if not (following or running):
                continue
            days = _days(s) if following else [d for d in _days(s) if d <= TODAY]
            recorder = trainers[s.pk][0] if trainers.get(s.pk) else None
            for reg in by_session[s.pk]:
                if following and reg.status == RegistrationStatus.ATTENDED:
                    present = set(days)
                    draw = rng.random()
                    if len(days) >= 3 and draw < FIRST_DAY_ONLY:
                        present = {days[0]}
                    elif len(days) > 1 and draw < FIRST_DAY_ONLY + MISSED_A_DAY:
                        present.discard(rng.choice(days))
                elif following and reg.status == RegistrationStatus.NO_SHOW:
                    present = set()
                elif running and reg.status == RegistrationStatus.REGISTERED:
                    present = {d for d in days if rng.random() < PRESENT_TODAY}
                else:
                    continue  # not expected: withdrawn, waiting
                for n, day in enumerate(days):
                    yield (reg.pk, _day(day), day in present, recorder, _at(day, 9, 5 + (n * 7 + s.pk) % 40))

    fields = ["registration", "day", "present", "recorded_by", "recorded_at"]
    ctx.add_count("delivery.attendance", insert_rows(Attendance, fields, rows()))


def _certificates(
    ctx: Context,
    rng: random.Random,
    sessions: list[SessionRow],
    by_session: dict[int, list[RegistrationRow]],
    spoken: dict[int, list[str]],
) -> None:
    codes: set[str] = set()
    rows = []
    for s in sessions:
        if s.status not in FOLLOWING:
            continue
        delay = rng.randint(3, 21)
        issued = s.end + dt.timedelta(days=delay)
        if issued > TODAY:
            continue
        if s.status == SessionStatus.DELIVERED and (
            s.end > TODAY - dt.timedelta(days=14) or rng.random() >= CERTIFIED_SHARE
        ):
            continue
        for reg in by_session[s.pk]:
            if reg.status != RegistrationStatus.ATTENDED:
                continue
            code = "".join(rng.choice(ALPHABET) for _ in range(CODE_LENGTH))
            while code in codes:
                code = "".join(rng.choice(ALPHABET) for _ in range(CODE_LENGTH))
            codes.add(code)
            language = next((c for c in spoken.get(reg.person_id, []) if c in ("en", "fr")), "en")
            revoked = _at(issued + dt.timedelta(days=rng.randint(5, 60)), 15) if rng.random() < REVOKED_SHARE else None
            rows.append((reg.pk, code, language, _at(issued, 11), revoked))
    fields = ["registration", "code", "language", "issued_at", "revoked_at"]
    ctx.add_count("delivery.certificate", insert_rows(Certificate, fields, rows))


def _imports(
    ctx: Context, rng: random.Random, sessions: list[SessionRow], by_session: dict[int, list[RegistrationRow]]
) -> None:
    coordinators: dict[tuple[int, int], int] = {}
    through = ProgrammeRole.countries.through
    for programme_id, country_id, user_id in (
        through.objects.filter(programmerole__role=Role.COORDINATOR)
        .order_by("pk")
        .values_list("programmerole__programme_id", "country_id", "programmerole__user_id")
    ):
        coordinators.setdefault((programme_id, country_id), user_id)
    cities = dict(Session.objects.values_list("pk", "city"))
    rows = []
    for s in sessions:
        regs = by_session[s.pk]
        if s.status == SessionStatus.CANCELLED or not regs or rng.random() >= IMPORTED_SHARE:
            continue
        day = s.start - dt.timedelta(days=rng.randint(7, 30))
        if day > TODAY:
            continue
        created = round(len(regs) * rng.uniform(0.4, 0.8))
        city = cities.get(s.pk, "session").lower().replace(" ", "-")
        digest = hashlib.sha256(f"{ctx.seed}:import:{s.pk}".encode()).hexdigest()
        rows.append(
            (s.pk, digest, f"participants-{city}-{s.start:%Y-%m}.xlsx", len(regs) + rng.randint(0, 2), created,
             len(regs) - created, len(regs), coordinators.get((s.programme_id, s.country_id)), _at(day, 14, 30))
        )  # fmt: skip
    fields = ["session", "sha256", "filename", "rows", "people_created", "people_matched", "registrations_created",
              "imported_by", "imported_at"]  # fmt: skip
    ctx.add_count("delivery.importrecord", insert_rows(ImportRecord, fields, rows))
