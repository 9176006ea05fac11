"""Sessions, people and registrations for tests."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from relais.core.models import Country, Profession
from relais.delivery.models import Person, Registration, RegistrationStatus, Session, SessionStatus
from relais.delivery.names import name_key
from relais.design.models import ActivityDesign

_seq = itertools.count(1)


def make_session(*, design: ActivityDesign, country: str = "AL", **fields: Any) -> Session:
    n = next(_seq)
    values: dict[str, Any] = {
        "title": f"{design.title} — session {n}",
        "city": "Tirana",
        "start_date": dt.date(2026, 3, 2),
        "end_date": dt.date(2026, 3, 3),
        "status": SessionStatus.OPEN,
        "capacity": 25,
    }
    values.update(fields)
    return Session.objects.create(
        design=design, programme=design.programme, country=Country.objects.get(code=country), **values
    )


def make_person(
    first: str = "Ana",
    last: str | None = None,
    *,
    country: str | None = "AL",
    profession: str | None = "police",
    **fields: Any,
) -> Person:
    last = last or f"Person{next(_seq)}"
    return Person.objects.create(
        first_name=first,
        last_name=last,
        name_key=name_key(first, last),
        country=Country.objects.get(code=country) if country else None,
        profession=Profession.objects.get(code=profession) if profession else None,
        **fields,
    )


def register(session: Session, person: Person, status: str = RegistrationStatus.REGISTERED) -> Registration:
    return Registration.objects.create(
        session=session,
        person=person,
        status=status,
        profession=person.profession,
        organisation=person.organisation,
        country=person.country,
        organisation_name=str(person.organisation or ""),
        position=person.position,
    )
