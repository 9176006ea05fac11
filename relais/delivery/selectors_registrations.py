"""Reads of registrations, each through relais.delivery.scoping (404 for whoever may not see them).

- The list of a session (names, contacts): administrators, the programme's managers, the session
  country's coordinators and the session's trainers (read only). M&E officers see the counts only.
- Adding people: the people the user may see (scoping.people_visible), searched by name key tokens.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from relais.delivery import scoping
from relais.delivery.import_participants import SEATED
from relais.delivery.models import Person, Registration, RegistrationStatus, Session
from relais.delivery.names import query_tokens
from relais.programmes.models import Programme, Role
from relais.programmes.selectors import programme_get, programme_scope
from relais.programmes.text import search_key

SEARCH_RESULTS = 20
PERSONAL_DATA_ROLES = (Role.MANAGER, Role.COORDINATOR, Role.TRAINER)


@dataclass
class Counts:
    by_status: dict[str, int] = field(default_factory=dict)
    capacity: int | None = None

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def seated(self) -> int:
        return sum(self.by_status.get(s, 0) for s in SEATED)

    @property
    def free(self) -> int | None:
        return None if self.capacity is None else max(0, self.capacity - self.seated)

    def rows(self) -> list[tuple[str, str, int]]:
        """(status, label, count) for every status that has someone, in the order of the choices."""
        return [(s, str(label), self.by_status[s]) for s, label in RegistrationStatus.choices if self.by_status.get(s)]


def counts_from(registrations: list[Registration], session: Session) -> Counts:
    return Counts(by_status=dict(Counter(r.status for r in registrations)), capacity=session.capacity)


def session_counts(session: Session) -> Counts:
    rows = Registration.objects.filter(session=session).values("status").annotate(n=Count("pk")).order_by()
    return Counts(by_status={r["status"]: r["n"] for r in rows}, capacity=session.capacity)


def may_see_list(*, user: Any, session: Session) -> bool:
    return scoping.may_record_attendance(user=user, session=session)


def session_for_list(*, user: Any, pk: int) -> Session:
    """A session whose participant list the user may read; 404 otherwise."""
    session = scoping.session_get(user=user, pk=pk)
    if not may_see_list(user=user, session=session):
        raise Http404
    return session


def registration_list(session: Session) -> list[Registration]:
    """By last name, then first name, as a reader expects whatever the alphabet ("Đorđević" among
    the D, "Ђорђевић" too), which no database collation does alike on SQLite and PostgreSQL."""
    registrations = Registration.objects.filter(session=session).select_related(
        "person", "profession", "country", "organisation"
    )
    return sorted(registrations, key=lambda r: (search_key(r.person.last_name), search_key(r.person.first_name), r.pk))


def registrations_listed(*, user: Any) -> QuerySet[Registration]:
    """The registrations of every session whose participant list the user may read (may_see_list):
    the sessions they manage and those they train. M&E officers and viewers: none (counts only)."""
    if not getattr(user, "is_authenticated", False):
        return Registration.objects.none()
    managed = scoping.sessions_manageable(user=user).values("pk")
    trained = Session.objects.filter(trainers=user).values("pk")
    return Registration.objects.filter(Q(session__in=managed) | Q(session__in=trained))


def registration_for_managing(*, user: Any, pk: int, registration_pk: int) -> Registration:
    session = scoping.session_for_managing(user=user, pk=pk)
    try:
        registration = Registration.objects.select_related("person").get(pk=registration_pk, session=session)
    except Registration.DoesNotExist:
        raise Http404 from None
    registration.session = session
    return registration


def person_search(*, user: Any, session: Session, query: str) -> list[Person]:
    """People the user may see who are not in the session yet: every word of the query in their name
    key (so "djordjevic" finds "Đorđević" and "Ђорђевић"), or their exact e-mail address."""
    query = query.strip()
    if not query:
        return []
    people = scoping.people_visible(user=user).exclude(registrations__session=session)
    if "@" in query:
        people = people.filter(email__iexact=query)
    else:
        tokens = query_tokens(query)
        if not tokens:
            return []
        for token in tokens:
            people = people.filter(name_key__contains=token)
    return list(
        people.select_related("country", "organisation", "profession").order_by("last_name", "first_name", "pk")[
            :SEARCH_RESULTS
        ]
    )


def possible_duplicates(*, user: Any, first_name: str, last_name: str, **values: Any) -> list[tuple[Person, Any]]:
    """People the user may see who may be the person about to be recorded (duplicates.find_matches),
    strongest first, each with its match (the reasons)."""
    from relais.delivery.duplicates import find_matches

    country, organisation = values.get("country"), values.get("organisation")
    matches = find_matches(
        first_name,
        last_name,
        values.get("email", ""),
        country.pk if country else None,
        organisation.pk if organisation else None,
        people=scoping.people_visible(user=user),
    )[:10]
    people = Person.objects.select_related("country", "organisation").in_bulk([m.person_id for m in matches])
    return [(people[m.person_id], m) for m in matches if m.person_id in people]


def person_for_adding(*, user: Any, pk: Any) -> Person:
    try:
        return scoping.people_visible(user=user).get(pk=int(pk))
    except (TypeError, ValueError, Person.DoesNotExist):
        raise Http404 from None


# --- Programme-wide -----------------------------------------------------------------------------


def programme_for_summary(*, user: Any, pk: int) -> Programme:
    """Any member of the programme (viewers included) may download its aggregates."""
    return programme_get(user=user, pk=pk)


def programme_for_list(*, user: Any, pk: int) -> Programme:
    """Members whose role sees personal data; the others get 404."""
    programme = programme_get(user=user, pk=pk)
    if not programme_scope(user=user, programme=programme).has(*PERSONAL_DATA_ROLES):
        raise Http404
    return programme


def programme_registrations_for_list(*, user: Any, programme: Programme) -> QuerySet[Registration]:
    """The registrations of the sessions the user manages or trains, in this programme."""
    if getattr(user, "is_administrator", False):
        sessions = Session.objects.filter(programme=programme)
    else:
        managed = scoping.sessions_manageable(user=user).filter(programme=programme).values("pk")
        sessions = Session.objects.filter(Q(pk__in=managed) | Q(trainers=user), programme=programme)
    return Registration.objects.filter(session__in=sessions.values("pk"))
