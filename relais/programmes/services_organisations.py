"""Writes of organisations: atomic and audited; the search key is kept here."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from relais.core.audit import audit_record
from relais.core.models import Country
from relais.programmes.models import Organisation
from relais.programmes.selectors_organisations import organisation_scope
from relais.programmes.text import search_key

FIELDS = ("name", "acronym", "other_names", "country", "sector", "kind", "website")


def _check(actor: Any, country: Country | None, organisation: Organisation | None = None) -> None:
    """Administrators and managers change any organisation; coordinators those of their countries."""
    if actor is None:  # the demo loader
        return
    scope = organisation_scope(user=actor)
    if scope.edits_all:
        return
    if organisation is not None and not scope.may_edit(organisation):
        raise PermissionError(_("You may change the organisations of your countries only."))
    if country is None or country.pk not in scope.countries:
        raise ValidationError({"country": _("Choose one of your countries.")})


@transaction.atomic
def organisation_create(
    *,
    actor: Any,
    name: str,
    sector: str,
    kind: str,
    country: Country | None = None,
    acronym: str = "",
    other_names: str = "",
    website: str = "",
    request: HttpRequest | None = None,
) -> Organisation:
    _check(actor, country)
    organisation = Organisation.objects.create(
        name=name.strip(),
        acronym=acronym.strip(),
        other_names=other_names.strip(),
        country=country,
        sector=sector,
        kind=kind,
        website=website,
        search_key=search_key(name, acronym, other_names),
    )
    audit_record(
        actor=actor,
        action="organisation.created",
        obj=organisation,
        details={"country": country.code if country else ""},
        request=request,
    )
    return organisation


@transaction.atomic
def organisation_update(
    *,
    actor: Any,
    organisation: Organisation,
    name: str,
    sector: str,
    kind: str,
    country: Country | None = None,
    acronym: str = "",
    other_names: str = "",
    website: str = "",
    request: HttpRequest | None = None,
) -> Organisation:
    _check(actor, country, organisation)
    values = {
        "name": name.strip(),
        "acronym": acronym.strip(),
        "other_names": other_names.strip(),
        "country": country,
        "sector": sector,
        "kind": kind,
        "website": website,
    }
    changed = [f for f in FIELDS if getattr(organisation, f) != values[f]]
    for f, value in values.items():
        setattr(organisation, f, value)
    organisation.search_key = search_key(organisation.name, organisation.acronym, organisation.other_names)
    organisation.save()
    if changed:
        audit_record(
            actor=actor, action="organisation.updated", obj=organisation, details={"fields": changed}, request=request
        )
    return organisation
