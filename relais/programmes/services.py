"""Writes of programmes and roles. Atomic, each with its audit event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from relais.core.audit import audit_record
from relais.core.models import Country, Theme
from relais.programmes.models import Programme, ProgrammeCountry, ProgrammeRole, Role
from relais.programmes.selectors import programme_scope


@transaction.atomic
def programme_create(
    *,
    actor: Any,
    code: str,
    title_en: str,
    start_date: dt.date,
    end_date: dt.date,
    title_fr: str = "",
    summary_en: str = "",
    summary_fr: str = "",
    donor: str = "",
    countries: Iterable[tuple[Country, str]] = (),
    themes: Iterable[Theme] = (),
    request: HttpRequest | None = None,
) -> Programme:
    if end_date < start_date:
        raise ValidationError({"end_date": _("The end comes before the start.")})
    programme = Programme.objects.create(
        code=code,
        title_en=title_en,
        title_fr=title_fr,
        summary_en=summary_en,
        summary_fr=summary_fr,
        donor=donor,
        start_date=start_date,
        end_date=end_date,
    )
    ProgrammeCountry.objects.bulk_create(
        [ProgrammeCountry(programme=programme, country=c, route_role=role) for c, role in countries]
    )
    programme.themes.set(list(themes))
    audit_record(actor=actor, action="programme.created", obj=programme, request=request)
    return programme


def _ensure_may_assign(actor: Any, programme: Programme) -> None:
    if not programme_scope(user=actor, programme=programme).is_manager:
        raise PermissionError(_("Only administrators and the programme's managers may give roles in it."))


@transaction.atomic
def programme_role_assign(
    *,
    actor: Any,
    user: Any,
    programme: Programme,
    role: str,
    countries: Iterable[Country] = (),
    request: HttpRequest | None = None,
) -> ProgrammeRole:
    """Give a user a role in a programme (or change the countries of the role they hold)."""
    _ensure_may_assign(actor, programme)
    countries = list(countries)
    allowed = set(programme.programme_countries.values_list("country_id", flat=True))
    outside = [c.name for c in countries if c.pk not in allowed]
    if outside:
        raise ValidationError(
            {"countries": _("Not countries of this programme: %(names)s.") % {"names": ", ".join(outside)}}
        )
    if role == Role.COORDINATOR and not countries:
        raise ValidationError({"countries": _("A country coordinator needs at least one country.")})
    if role in (Role.MANAGER, Role.ME_OFFICER, Role.VIEWER) and countries:
        raise ValidationError({"countries": _("This role covers the whole programme; leave the countries empty.")})
    assignment, created = ProgrammeRole.objects.get_or_create(user=user, programme=programme, role=role)
    assignment.countries.set(countries)
    audit_record(
        actor=actor,
        action="programme_role.assigned" if created else "programme_role.changed",
        obj=assignment,
        details={"user": user.email, "role": role, "countries": sorted(c.code for c in countries)},
        request=request,
    )
    return assignment


@transaction.atomic
def programme_role_remove(*, actor: Any, assignment: ProgrammeRole, request: HttpRequest | None = None) -> None:
    _ensure_may_assign(actor, assignment.programme)
    audit_record(
        actor=actor,
        action="programme_role.removed",
        obj=assignment,
        details={"user": assignment.user.email, "role": assignment.role},
        request=request,
    )
    assignment.delete()
