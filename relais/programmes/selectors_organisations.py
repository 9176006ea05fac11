"""Reads of organisations, with who may see and change them.

- administrators and programme managers (of any programme) change every organisation;
- country coordinators change the organisations of their countries;
- everyone else holding a role somewhere sees the list; people without any role get 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from relais.core.models import Country
from relais.programmes.models import Organisation, ProgrammeRole, Role
from relais.programmes.selectors import user_has_programme_role
from relais.programmes.text import search_key


@dataclass(frozen=True)
class OrganisationScope:
    edits_all: bool
    countries: frozenset[int]  # the countries whose organisations this user changes (when not all)

    def may_edit(self, organisation: Organisation) -> bool:
        return self.edits_all or (organisation.country_id is not None and organisation.country_id in self.countries)

    @property
    def may_create(self) -> bool:
        return self.edits_all or bool(self.countries)


def organisation_scope(*, user: Any) -> OrganisationScope:
    """What this user may do with organisations; 404 for people without any role."""
    if not user_has_programme_role(user):
        raise Http404
    if user.is_administrator:
        return OrganisationScope(edits_all=True, countries=frozenset())
    rows = list(
        ProgrammeRole.objects.filter(user=user, role__in=[Role.MANAGER, Role.COORDINATOR]).values_list(
            "role", "countries"
        )
    )
    if any(role == Role.MANAGER for role, _country in rows):
        return OrganisationScope(edits_all=True, countries=frozenset())
    return OrganisationScope(edits_all=False, countries=frozenset(c for _role, c in rows if c is not None))


def may_see_organisations(user: Any) -> bool:
    return user_has_programme_role(user)


@dataclass(frozen=True)
class OrganisationFilters:
    query: str = ""
    country: int | None = None
    sector: str = ""
    kind: str = ""


def organisation_search(qs: QuerySet[Organisation], query: str) -> QuerySet[Organisation]:
    """Name, acronym or other names contain the query, whatever the accents or the alphabet."""
    query = query.strip()
    if not query:
        return qs
    return qs.filter(
        Q(search_key__contains=search_key(query))
        | Q(name__icontains=query)
        | Q(acronym__icontains=query)
        | Q(other_names__icontains=query)
    )


def organisation_list(*, user: Any, filters: OrganisationFilters | None = None) -> QuerySet[Organisation]:
    """Organisations matching the filters, in a fixed number of queries (404 for people without a role)."""
    if not may_see_organisations(user):
        raise Http404
    f = filters or OrganisationFilters()
    qs = organisation_search(Organisation.objects.select_related("country"), f.query)
    if f.country:
        qs = qs.filter(country_id=f.country)
    if f.sector:
        qs = qs.filter(sector=f.sector)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    return qs.order_by("name", "id")


def organisation_get_editable(*, user: Any, pk: int) -> tuple[Organisation, OrganisationScope]:
    """An organisation this user may change, and their scope; 404 otherwise."""
    scope = organisation_scope(user=user)
    try:
        organisation = Organisation.objects.select_related("country").get(pk=pk)
    except Organisation.DoesNotExist:
        raise Http404 from None
    if not scope.may_edit(organisation):
        raise Http404
    return organisation, scope


def organisation_countries(*, scope: OrganisationScope) -> QuerySet[Country]:
    """Countries an organisation may be placed in by this user."""
    qs = Country.objects.filter(is_active=True)
    if not scope.edits_all:
        qs = Country.objects.filter(pk__in=scope.countries)
    return qs.order_by(Country.order_field())


def organisation_duplicates(*, name: str, country: Country | None, exclude: int | None = None) -> list[Organisation]:
    """Other organisations with the same name (ignoring case and accents) in the same country."""
    key = search_key(name).strip()
    candidates = Organisation.objects.filter(country=country).select_related("country")
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude)
    candidates = candidates.filter(Q(name__iexact=name.strip()) | Q(search_key__startswith=key))
    return [o for o in candidates if search_key(o.name).strip() == key]
