"""Reads of people: search, the person page, duplicate candidates, the merge screen. Every read starts
from scoping (people_visible / people_editable), so a person out of reach is 404, never a hint."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from relais.core.models import Country
from relais.delivery import scoping
from relais.delivery.duplicates import CANDIDATE_FIELDS, Candidate, Pair, duplicate_pairs
from relais.delivery.models import Consent, Person, Registration
from relais.delivery.names import query_tokens
from relais.programmes.models import Organisation, ProgrammeCountry, ProgrammeRole, Role

# Above this many people, the duplicates page asks for a country first (a full pass over 75,000
# people takes one to two seconds; one country, a tenth of that: bench/people_bench.py).
DUPLICATES_WHOLE_SCOPE_LIMIT = 20_000


@dataclass(frozen=True)
class PeopleFilters:
    query: str = ""
    country: int | None = None
    organisation: int | None = None
    profession: int | None = None


def may_read_people(*, user: Any) -> bool:
    """Roles that see personal data at all; the others get 404 on every people page."""
    return bool(getattr(user, "is_authenticated", False)) and scoping.may_see_personal_data(user=user)


def people_search(
    *, user: Any, filters: PeopleFilters | None = None, visible: QuerySet[Person] | None = None
) -> QuerySet[Person]:
    """People this user may see that match the query (by name, case, accents and alphabet ignored,
    or by e-mail address) and the filters, by name. A fixed number of queries. `visible` is
    scoping.people_visible(user=user), when the caller has it already."""
    if not may_read_people(user=user):
        raise Http404
    f = filters or PeopleFilters()
    qs = visible if visible is not None else scoping.people_visible(user=user)
    query = f.query.strip()
    if query:
        qs = qs.filter(_name_or_email(query))
    if f.country:
        qs = qs.filter(country_id=f.country)
    if f.organisation:
        qs = qs.filter(organisation_id=f.organisation)
    if f.profession:
        qs = qs.filter(profession_id=f.profession)
    return qs.select_related("country", "organisation", "profession").order_by("last_name", "first_name", "id")


def _name_or_email(query: str) -> Q:
    """Each word of the query begins a word of the name ("petro" finds Petrović, "ana" does not find
    Ivana); or, once the query looks like an address (an @ or a dot), the e-mail address begins
    with it (contains it, after an @)."""
    tokens = query_tokens(query)
    by_name = Q(pk__in=[])
    if tokens:
        by_name = Q()
        for token in tokens:
            by_name &= Q(name_key__startswith=token) | Q(name_key__contains=f" {token}")
    if "@" in query:
        return by_name | Q(email__icontains=query)
    if "." in query:
        return by_name | Q(email__istartswith=query)
    return by_name


def people_countries(*, user: Any) -> QuerySet[Country]:
    """Countries in which this user may record people (and so keep them editable): all for
    administrators, the countries of their programmes for managers, their own for coordinators."""
    if not getattr(user, "is_authenticated", False):
        return Country.objects.none()
    order = Country.order_field()
    if user.is_administrator:
        return Country.objects.filter(is_active=True).order_by(order)
    roles = ProgrammeRole.objects.filter(user=user)
    managed = roles.filter(role=Role.MANAGER).values("programme_id")
    coordinated = roles.filter(role=Role.COORDINATOR).values_list("countries", flat=True)
    ids = set(ProgrammeCountry.objects.filter(programme_id__in=managed).values_list("country_id", flat=True))
    ids |= {c for c in coordinated if c is not None}
    return Country.objects.filter(pk__in=ids).order_by(order)


def may_record_people(*, user: Any) -> bool:
    return may_read_people(user=user) and people_countries(user=user).exists()


def may_edit_person(*, user: Any, person: Person) -> bool:
    return scoping.people_editable(user=user).filter(pk=person.pk).exists()


def organisation_choices(*, country: Country | int | None, current: int | None = None) -> QuerySet[Organisation]:
    """Organisations a person may belong to: those of the person's country and international ones
    (all, when no country is given), plus the current one; by name."""
    qs = Organisation.objects.select_related("country")
    if country:
        q = Q(country=country) | Q(country__isnull=True)
        if current:
            q |= Q(pk=current)
        qs = qs.filter(q)
    return qs.order_by("name", "id")


def person_registrations(*, user: Any, person: Person) -> QuerySet[Registration]:
    """The person's registrations in the sessions this user may see, latest first."""
    return (
        Registration.objects.filter(person=person, session__in=scoping.sessions_visible(user=user))
        .select_related("session", "session__country", "session__programme", "profession", "organisation")
        .order_by("-session__start_date", "id")
    )


def person_consents(*, person: Person) -> QuerySet[Consent]:
    return person.consents.select_related("recorded_by").order_by("-given_on", "-id")


def consent_for_editing(*, user: Any, person_pk: int, pk: int) -> Consent:
    person = scoping.person_for_editing(user=user, pk=person_pk)
    try:
        return person.consents.get(pk=pk)
    except Consent.DoesNotExist:
        raise Http404 from None


def duplicates_scope_size(*, user: Any, country: int | None = None) -> int:
    qs = scoping.people_editable(user=user)
    if country:
        qs = qs.filter(country_id=country)
    return qs.count()


def duplicate_candidates(*, user: Any, country: int | None = None) -> list[Pair]:
    """Possible duplicates among the people this user may edit (of one country, if given)."""
    # Anonymised people have no name left to compare (and must never be merged back into a name).
    qs = scoping.people_editable(user=user).filter(anonymised_at__isnull=True).order_by()
    if country:
        qs = qs.filter(Q(country_id=country))
    return duplicate_pairs(Candidate(*row) for row in qs.values_list(*CANDIDATE_FIELDS))


def people_by_id(*, ids: list[int]) -> dict[int, Person]:
    """The people of one page of pairs, in one query."""
    return Person.objects.select_related("country", "organisation", "profession").in_bulk(ids)


def merge_pair(*, user: Any, a: int, b: int) -> tuple[Person, Person]:
    """Two distinct people this user may edit, with what the merge screen shows; 404 otherwise."""
    if a == b:
        raise Http404
    people = (
        scoping.people_editable(user=user)
        .select_related("country", "organisation", "profession")
        .prefetch_related("languages")
        .in_bulk([a, b])
    )
    if len(people) != 2:
        raise Http404
    return people[a], people[b]
