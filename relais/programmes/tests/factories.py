from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from typing import Any

from relais.core.models import Country, Theme
from relais.programmes.models import Programme, ProgrammeCountry, ProgrammeRole, RouteRole

_seq = itertools.count(1)

DEFAULT_ROUTE: dict[str, RouteRole] = {
    "AL": RouteRole.ORIGIN,
    "XK": RouteRole.ORIGIN,
    "HU": RouteRole.TRANSIT,
    "IT": RouteRole.DESTINATION,
}


def make_programme(*, route: dict[str, RouteRole] | None = None, **fields: Any) -> Programme:
    n = next(_seq)
    values: dict[str, Any] = {
        "code": f"prog-{n}",
        "title_en": f"Programme {n}",
        "title_fr": f"Programme FR {n}",
        "start_date": dt.date(2025, 1, 1),
        "end_date": dt.date(2026, 12, 31),
        "donor": "Test donor",
    }
    values.update(fields)
    programme = Programme.objects.create(**values)
    if route is None:
        route = DEFAULT_ROUTE
    countries = {c.code: c for c in Country.objects.filter(code__in=route)}
    ProgrammeCountry.objects.bulk_create(
        [
            ProgrammeCountry(programme=programme, country=countries[code], route_role=role)
            for code, role in route.items()
        ]
    )
    programme.themes.set(Theme.objects.filter(code__in=["thb_labour", "judicial_cooperation"]))
    return programme


def give_role(user: Any, programme: Programme, role: str, countries: Iterable[str] = ()) -> ProgrammeRole:
    assignment = ProgrammeRole.objects.create(user=user, programme=programme, role=role)
    assignment.countries.set(Country.objects.filter(code__in=list(countries)))
    return assignment
