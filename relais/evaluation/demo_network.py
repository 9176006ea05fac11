"""Demo, step 52: the contacts and cooperation the follow-up respondents report — the answers to the
follow-up's contacts and cooperation items, with the Contact and CooperationEvent rows that
services_responses.response_save writes from them (reported on the day the follow-up was sent).

Each respondent names 0–5 people, more after a transnational session: mostly co-participants of
their session, some people of their own earlier sessions or of earlier sessions in their country,
and some across the border (counterparts along the route). Someone named earlier names back about
half the time. As sessions follow one another the network grows month after month. Cooperation:
information exchange most often, then victim referral, joint inspection, requests for mutual legal
assistance, and rarely a joint investigation; the types follow the respondent's profession.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from typing import Any

from relais.core.demo import DemoContext
from relais.core.models import Country, Profession
from relais.delivery.models import Person, Registration, RegistrationStatus, Session
from relais.design.models import DesignFormat
from relais.evaluation import demo_texts as texts
from relais.evaluation.demo import BATCH, demo_sessions
from relais.evaluation.models import (
    Answer,
    Contact,
    CooperationEvent,
    CooperationType,
    Item,
    ItemType,
    QuestionnaireKind,
    Response,
    ResponseStatus,
)
from relais.programmes.models import Organisation

SEED = 52
NAMED = {  # how many people a respondent names: (counts, weights)
    "national": ([0, 1, 2, 3, 4, 5], [22, 25, 24, 15, 9, 5]),
    "transnational": ([0, 1, 2, 3, 4, 5], [6, 12, 22, 26, 19, 15]),
}
COOPERATION_CHANCE = {"national": 0.35, "transnational": 0.55}
RECIPROCATE = 0.5
MOST = 5  # people named in one follow-up
ORGANISATION_CHANCE = 0.18
TYPES: dict[str, int] = {
    CooperationType.INFORMATION_EXCHANGE: 45,
    CooperationType.VICTIM_REFERRAL: 22,
    CooperationType.JOINT_INSPECTION: 15,
    CooperationType.MLA_REQUEST: 10,
    CooperationType.JOINT_INVESTIGATION: 4,
    CooperationType.OTHER: 4,
}
PROFESSION_TYPES: dict[str, dict[str, float]] = {  # multipliers of the weights above
    "labour_inspection": {"joint_inspection": 2.5, "mla_request": 0.1, "joint_investigation": 0.3},
    "police": {"joint_inspection": 1.5, "joint_investigation": 2.0, "mla_request": 0.5},
    "specialised_investigation": {"joint_investigation": 2.5, "mla_request": 0.8, "victim_referral": 0.5},
    "prosecution": {"mla_request": 4.0, "joint_investigation": 3.0, "joint_inspection": 0.2},
    "judiciary": {"mla_request": 4.0, "joint_investigation": 1.5, "joint_inspection": 0.0, "victim_referral": 0.3},
    "civil_society": {"victim_referral": 3.0, "mla_request": 0.0, "joint_investigation": 0.0, "joint_inspection": 0.3},
    "social_services": {"victim_referral": 3.5, "mla_request": 0.0, "joint_investigation": 0.0},
}
CROSS_BORDER_TYPES = {"information_exchange": 0.6, "mla_request": 1.0, "joint_investigation": 1.0}
# Counterparts along the route: where a country's workers go, or where its exploited workers come from.
PARTNERS: dict[str, list[str]] = {
    "AL": ["IT", "AT", "HR"], "XK": ["AT", "HR", "IT"], "MK": ["HR", "AT", "CZ"], "RS": ["HU", "AT", "HR", "CZ"],
    "BA": ["HR", "AT", "ME"], "ME": ["RS", "HR", "IT"], "HR": ["BA", "RS", "AT"], "BG": ["NL", "CZ", "AT", "HU"],
    "HU": ["RO", "AT", "RS"], "CZ": ["RO", "BG", "MK"], "RO": ["IT", "AT", "NL", "MD"], "MD": ["RO", "IT", "CZ"],
    "IT": ["RO", "AL", "MD"], "AT": ["RO", "HU", "RS", "BG"], "NL": ["BG", "RO", "HU"],
}  # fmt: skip


class _Network:
    def __init__(self, sessions: list[Session], rng: random.Random) -> None:
        self.rng = rng
        self.sessions = {s.pk: s for s in sessions}
        self.attended: dict[int, list[int]] = defaultdict(list)  # session → people
        self.sessions_of: dict[int, list[int]] = defaultdict(list)  # person → sessions
        rows = Registration.objects.filter(session__in=sessions, status=RegistrationStatus.ATTENDED).order_by("pk")
        for session_id, person_id in rows.values_list("session_id", "person_id"):
            self.attended[session_id].append(person_id)
            self.sessions_of[person_id].append(session_id)
        people = {p for ps in self.attended.values() for p in ps}
        self.country = dict(Person.objects.filter(pk__in=people).values_list("pk", "country__code"))
        self.organisations: dict[str, list[int]] = defaultdict(list)
        for pk, code in Organisation.objects.order_by("pk").values_list("pk", "country__code"):
            self.organisations[code or ""].append(pk)
        self.named_by: dict[int, set[int]] = defaultdict(set)
        self.before: dict[int, list[int]] = {
            pk: [
                other.pk
                for other in sessions
                if other.programme_id == session.programme_id and other.end_date < session.end_date
            ]
            for pk, session in self.sessions.items()
        }

    def earlier(self, session: Session, person: int, *, own: bool, countries: set[str] | None) -> list[int]:
        """People of the programme's sessions that ended before this one: those the person attended
        (own) or those of the given countries."""
        pool: list[int] = []
        for pk in self.before[session.pk]:
            if own and pk not in self.sessions_of[person]:
                continue
            pool += [p for p in self.attended[pk] if countries is None or self.country.get(p) in countries]
        return [p for p in dict.fromkeys(pool) if p != person]

    def people(self, session: Session, person: int) -> list[int]:
        rng = self.rng
        scope = "national" if session.design.format == DesignFormat.NATIONAL else "transnational"
        counts, weights = NAMED[scope]
        wanted = rng.choices(counts, weights)[0]
        chosen = [p for p in sorted(self.named_by[person]) if rng.random() < RECIPROCATE][:MOST]
        room = [p for p in self.attended[session.pk] if p != person]
        home = self.country.get(person) or ""
        for _ in range(wanted * 3):
            if len(chosen) >= wanted:
                break
            roll = rng.random()
            if scope == "national" and roll > 0.75:
                if roll < 0.85:
                    pool = self.earlier(session, person, own=True, countries=None)
                elif roll < 0.92:
                    pool = self.earlier(session, person, own=False, countries={home})
                else:
                    pool = self.earlier(session, person, own=False, countries=set(PARTNERS.get(home, [])))
            elif scope == "transnational" and roll > 0.85:
                pool = self.earlier(session, person, own=False, countries=set(PARTNERS.get(home, [])) | {home})
            else:
                pool = room
            pool = [p for p in pool if p not in chosen]
            if pool:
                chosen.append(rng.choice(pool))
        for named in chosen:
            self.named_by[named].add(person)
        return chosen

    def organisation(self, person: int) -> list[int]:
        if self.rng.random() >= ORGANISATION_CHANCE:
            return []
        home = self.country.get(person) or ""
        pool = [o for code in PARTNERS.get(home, []) for o in self.organisations.get(code, [])]
        pool = pool or self.organisations.get(home, [])
        return [self.rng.choice(pool)] if pool else []

    def events(self, session: Session, person: int, profession: str, reported: dt.date) -> list[dict[str, Any]]:
        rng = self.rng
        scope = "national" if session.design.format == DesignFormat.NATIONAL else "transnational"
        if rng.random() >= COOPERATION_CHANCE[scope]:
            return []
        factors = PROFESSION_TYPES.get(profession, {})
        kinds = [str(k) for k in TYPES]
        weights = [w * factors.get(k, 1.0) for k, w in zip(kinds, TYPES.values(), strict=True)]
        home = self.country.get(person) or session.country.code
        first = session.end_date + dt.timedelta(days=14)
        span = max((reported - first).days, 1)
        events = []
        for _ in range(rng.choices([1, 2, 3], [60, 30, 10])[0]):
            kind = rng.choices(kinds, weights)[0]
            countries = {home}
            if rng.random() < CROSS_BORDER_TYPES.get(kind, 0.35) and PARTNERS.get(home):
                countries.add(rng.choice(PARTNERS[home]))
            when = min(first + dt.timedelta(days=rng.randrange(span)), reported - dt.timedelta(days=1))
            events.append(
                {
                    "type": kind,
                    "countries": sorted(countries),
                    "date": when.isoformat(),
                    "description": rng.choice(texts.COOPERATION[kind]),
                }
            )
        return sorted(events, key=lambda e: e["date"])


def build_network(context: DemoContext) -> None:
    sessions = demo_sessions(context)
    responses = list(
        Response.objects.filter(session__in=sessions, kind=QuestionnaireKind.FOLLOW_UP, status=ResponseStatus.SUBMITTED)
        .select_related("registration")
        .order_by("submitted_at", "pk")
    )
    if not responses:
        return
    network = _Network(sessions, random.Random(SEED))  # noqa: S311 - fictional demo data
    items: dict[tuple[int, str], int] = {}
    rows = Item.objects.filter(
        questionnaire_id__in={r.questionnaire_id for r in responses},
        type__in=[ItemType.CONTACTS, ItemType.COOPERATION],
    )
    for questionnaire_id, item_type, pk in rows.values_list("questionnaire_id", "type", "pk"):
        items[(questionnaire_id, item_type)] = pk
    professions = dict(Profession.objects.values_list("pk", "code"))
    countries = dict(Country.objects.values_list("code", "pk"))
    answers: list[Answer] = []
    contacts: list[Contact] = []
    events: list[tuple[CooperationEvent, list[str]]] = []
    for response in responses:
        registration = response.registration
        assert registration is not None and response.submitted_at is not None
        session = network.sessions[response.session_id]
        person = registration.person_id
        reported = response.submitted_at.date()
        contacts_item = items.get((response.questionnaire_id, ItemType.CONTACTS))
        if contacts_item is not None:
            people, organisations = network.people(session, person), network.organisation(person)
            if people or organisations:
                value = {"people": people, "organisations": organisations}
                answers.append(Answer(response=response, item_id=contacts_item, value=value))
                common = {"response": response, "programme_id": response.programme_id, "person_id": person}
                contacts += [Contact(contact_id=p, reported_on=reported, **common) for p in people]
                contacts += [Contact(organisation_id=o, reported_on=reported, **common) for o in organisations]
        cooperation_item = items.get((response.questionnaire_id, ItemType.COOPERATION))
        if cooperation_item is not None:
            profession = professions.get(registration.profession_id or 0, "")
            reported_events = network.events(session, person, profession, reported)
            if reported_events:
                answers.append(Answer(response=response, item_id=cooperation_item, value=reported_events))
                for event in reported_events:
                    row = CooperationEvent(
                        response=response,
                        programme_id=response.programme_id,
                        person_id=person,
                        type=event["type"],
                        date=dt.date.fromisoformat(event["date"]),
                        description=event["description"],
                    )
                    events.append((row, event["countries"]))
    Answer.objects.bulk_create(answers, batch_size=BATCH)
    Contact.objects.bulk_create(contacts, batch_size=BATCH)
    CooperationEvent.objects.bulk_create([row for row, _codes in events], batch_size=BATCH)
    through = CooperationEvent.countries.through
    through.objects.bulk_create(
        [
            through(cooperationevent_id=row.pk, country_id=countries[code])
            for row, codes in events
            for code in codes
            if code in countries
        ],
        batch_size=BATCH,
    )
