"""Programmes: the ones the token's owner holds a role in (all of them for administrators)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from relais.api.pagination import PageParams, page_of, paginate
from relais.api.schemas import read
from relais.programmes.models import Programme, ProgrammeCountry
from relais.programmes.selectors import programme_get, programme_list

router = Router(tags=["Programmes"])


class ProgrammeCountryOut(Schema):
    code: str
    route_role: str = Field(description="origin, transit or destination")


class ProgrammeOut(Schema):
    id: int
    code: str
    title_en: str
    title_fr: str
    summary_en: str
    summary_fr: str
    donor: str
    start_date: dt.date
    end_date: dt.date
    reporting_period: str
    countries: list[ProgrammeCountryOut]
    themes: list[str] = Field(description="Theme codes (see /vocabularies)")
    my_roles: list[str] = Field(description="The roles the token's owner holds in the programme")


class ProgrammeFilters(PageParams):
    q: str = Field("", max_length=200, description="Words of the title, code or donor, as on the Programmes page")


def _programmes(user: Any, query: str = "") -> Any:
    countries = ProgrammeCountry.objects.select_related("country").order_by("country__position", "country__code")
    return programme_list(user=user, query=query).prefetch_related(Prefetch("programme_countries", queryset=countries))


def programme_out(p: Programme) -> ProgrammeOut:
    return ProgrammeOut(
        id=p.pk,
        code=p.code,
        title_en=p.title_en,
        title_fr=p.title_fr,
        summary_en=p.summary_en,
        summary_fr=p.summary_fr,
        donor=p.donor,
        start_date=p.start_date,
        end_date=p.end_date,
        reporting_period=p.reporting_period,
        countries=[
            ProgrammeCountryOut(code=c.country.code, route_role=c.route_role) for c in p.programme_countries.all()
        ],
        themes=[t.code for t in p.themes.all()],
        my_roles=sorted({r.role for r in getattr(p, "my_roles", [])}),
    )


@router.get("/programmes", response=read(page_of(ProgrammeOut)), summary="List programmes")
def programme_list_api(request: HttpRequest, filters: Query[ProgrammeFilters]) -> dict[str, Any]:
    return paginate(_programmes(request.user, filters.q), filters, lambda rows: [programme_out(p) for p in rows])


@router.get("/programmes/{programme_id}", response=read(ProgrammeOut), summary="Read a programme")
def programme_read(request: HttpRequest, programme_id: int) -> ProgrammeOut:
    programme_get(user=request.user, pk=programme_id)  # 404 for what the owner may not see
    return programme_out(_programmes(request.user).get(pk=programme_id))
