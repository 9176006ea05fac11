"""The formulas the programmes app computes itself. Later apps register theirs the same way."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from relais.programmes.indicators import Formula, register_formula
from relais.programmes.models import Programme, ProgrammeRole, Role


def partner_organisations(programme: Programme, start: dt.date, end: dt.date) -> int:
    return programme.partners.count()


def partner_sectors(programme: Programme, start: dt.date, end: dt.date) -> int:
    return programme.partners.values("sector").distinct().count()


def countries_with_focal_point(programme: Programme, start: dt.date, end: dt.date) -> int:
    return (
        ProgrammeRole.objects.filter(programme=programme, role=Role.COORDINATOR, user__is_active=True)
        .values("countries")
        .exclude(countries=None)
        .distinct()
        .count()
    )


FORMULAS = [
    Formula(
        code="programmes.partner_organisations",
        label=_("Partner organisations of the programme"),
        unit=_("organisations"),
        compute=partner_organisations,
        description=_("Organisations recorded as partners of the programme, as it stands."),
        per_period=False,
    ),
    Formula(
        code="programmes.partner_sectors",
        label=_("Sectors among the partner organisations"),
        unit=_("sectors"),
        compute=partner_sectors,
        description=_(
            "How many of the four sectors (public, private, civil society, international) the partners come from."
        ),
        per_period=False,
    ),
    Formula(
        code="programmes.countries_with_focal_point",
        label=_("Countries with a national focal point"),
        unit=_("countries"),
        compute=countries_with_focal_point,
        description=_("Countries of the programme for which a country coordinator holds an active account."),
        per_period=False,
    ),
]


def register() -> None:
    for formula in FORMULAS:
        register_formula(formula)
