"""Demo registrations (DESIGN.md §5b): the demo people registered into the demo sessions, 20 to 28 per
session, the mix of professions following the seats of the session's design and the countries
following its participating countries; statuses fit the session's date — past sessions hold
registered people (the attendance step then records who came), open ones fill up to capacity with a
waiting list beyond it and a few invited or withdrawn, planned ones are mostly invitations, cancelled
ones all withdrawn.

Reads context.objects["people"] (the people step) and context.objects["sessions"] (the sessions step);
does nothing when either is missing. Deterministic: the same demo every time.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict, deque
from typing import Any

from django.utils import timezone

from relais.core.demo import DemoContext, DemoStep, register_demo_step
from relais.delivery.models import Person, Registration, RegistrationStatus, Session, SessionStatus
from relais.design.models import DesignFormat

SEED = 42
PAST = (SessionStatus.DELIVERED, SessionStatus.CLOSED)
REGISTERED = RegistrationStatus.REGISTERED


def _items(raw: Any) -> list[Any]:
    return list(raw.values()) if isinstance(raw, dict) else list(raw or [])


class _Pool:
    """People by (country, profession), each handed out once before anyone is handed out again."""

    def __init__(self, people: list[Person], rng: random.Random) -> None:
        self.rng = rng
        self.by_key: dict[tuple[int | None, int | None], deque[Person]] = defaultdict(deque)
        self.by_country: dict[int | None, list[Person]] = defaultdict(list)
        for person in people:
            self.by_key[(person.country_id, person.profession_id)].append(person)
            self.by_country[person.country_id].append(person)
        for queue in self.by_key.values():
            rng.shuffle(queue)

    def take(self, country_id: int, profession_id: int | None, taken: set[int]) -> Person | None:
        queue = self.by_key.get((country_id, profession_id))
        for _turn in range(len(queue or ())):
            assert queue is not None
            person = queue.popleft()
            queue.append(person)  # back of the line: someone else first next time
            if person.pk not in taken:
                return person
        others = [p for p in self.by_country.get(country_id, []) if p.pk not in taken]
        return self.rng.choice(others) if others else None


def _mix(session: Session) -> tuple[list[int], dict[int, Counter[int]]]:
    """The session's countries, and per country the weight of each profession (from the design's seats)."""
    design = session.design
    quotas = list(design.quotas.all())
    countries = [dc.country_id for dc in design.design_countries.all()]
    if design.format == DesignFormat.NATIONAL or not countries:
        countries = [session.country_id]
    weights: dict[int, Counter[int]] = {c: Counter() for c in countries}
    for quota in quotas:
        key = quota.country_id if quota.country_id in weights else None
        for country in [key] if key else countries:  # national designs: their seats, in any country
            weights[country][quota.profession_id] += quota.seats
    return countries, weights


def _statuses(session: Session, n: int, rng: random.Random) -> list[str]:
    statuses: list[str]
    if session.status == SessionStatus.CANCELLED:
        return [RegistrationStatus.WITHDRAWN] * n
    if session.status in PAST:  # a full room at most: whoever is beyond it withdrew
        statuses = [RegistrationStatus.WITHDRAWN if rng.random() < 0.05 else REGISTERED for _ in range(n)]
        room = session.capacity or n
        for i in [i for i, s in enumerate(statuses) if s == REGISTERED][room:]:
            statuses[i] = RegistrationStatus.WITHDRAWN
        return statuses
    if session.status == SessionStatus.PLANNED:
        return [RegistrationStatus.INVITED if rng.random() < 0.6 else REGISTERED for _ in range(n)]
    statuses = []
    seated = 0
    for _ in range(n):
        roll = rng.random()
        if roll < 0.05:
            statuses.append(RegistrationStatus.WITHDRAWN)
        elif roll < 0.15:
            statuses.append(RegistrationStatus.INVITED)
        elif session.capacity is not None and seated >= session.capacity:
            statuses.append(RegistrationStatus.WAITING)
        else:
            statuses.append(RegistrationStatus.REGISTERED)
            seated += 1
    return statuses


def _size(session: Session, rng: random.Random) -> int:
    n = rng.randint(20, 28)
    if session.status in PAST and session.capacity:
        n = min(n, session.capacity + 1)  # a full room, one withdrawal at most beyond it
    if session.status == SessionStatus.OPEN and session.capacity and session.capacity <= 26:
        n = session.capacity + rng.randint(2, 5)  # popular: a few on the waiting list
    return n


def build_registrations(context: DemoContext) -> None:
    people = [p for p in _items(context.objects.get("people")) if isinstance(p, Person) and p.pk]
    sessions = [s for s in _items(context.objects.get("sessions")) if isinstance(s, Session)]
    if not people or not sessions:
        return
    rng = random.Random(SEED)  # noqa: S311 - fictional demo data
    pool = _Pool(people, rng)
    rows: list[Registration] = []
    registered_on: dict[int, dt.datetime] = {}
    for session in sorted(sessions, key=lambda s: (s.start_date, s.pk)):
        countries, weights = _mix(session)
        n = _size(session, rng)
        taken: set[int] = set()
        for index, status in enumerate(_statuses(session, n, rng)):
            country = countries[index % len(countries)]
            professions = weights[country]
            profession = rng.choices(list(professions), list(professions.values()))[0] if professions else None
            person = pool.take(country, profession, taken)
            if person is None:
                continue
            taken.add(person.pk)
            rows.append(
                Registration(
                    session=session,
                    person=person,
                    status=status,
                    profession_id=person.profession_id,
                    organisation_id=person.organisation_id,
                    organisation_name=str(person.organisation or "")[:300],
                    position=person.position,
                    country_id=person.country_id,
                    source="demo",
                )
            )
        opened = dt.datetime.combine(session.start_date - dt.timedelta(days=45), dt.time(10, 0))
        registered_on[session.pk] = timezone.make_aware(opened)
    Registration.objects.bulk_create(rows, batch_size=1000)
    for session_pk, when in registered_on.items():
        Registration.objects.filter(session_id=session_pk).update(registered_at=when)


def register() -> None:
    register_demo_step(
        DemoStep(key="registrations", order=42, run=build_registrations, is_loaded=Registration.objects.exists)
    )
