"""Writes of programmes and roles. Atomic, each with its audit event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from relais.core.audit import audit_record
from relais.core.models import Country, Theme
from relais.programmes.models import (
    Organisation,
    Programme,
    ProgrammeCountry,
    ProgrammeRole,
    ReportingPeriod,
    Role,
    RouteRole,
)
from relais.programmes.selectors import programme_scope, roles_limited_to


@dataclass(frozen=True)
class ProgrammeChanges:
    """What programme_update changed (country codes), for the audit event and the confirmation message."""

    fields: list[str]
    countries_added: list[str]
    countries_removed: list[str]
    countries_moved: list[str]

    def __bool__(self) -> bool:
        return bool(self.fields or self.countries_added or self.countries_removed or self.countries_moved)


def _check_period(start_date: dt.date, end_date: dt.date) -> None:
    if end_date < start_date:
        raise ValidationError({"end_date": _("The end comes before the start: choose an end on or after the start.")})


RETENTION_MAX_MONTHS = 240


def _check_retention(retention_months: int | None) -> None:
    if retention_months is not None and not 1 <= retention_months <= RETENTION_MAX_MONTHS:
        raise ValidationError(
            {
                "retention_months": _(
                    "Choose a retention period between 1 and %(max)d months, or leave it empty to keep "
                    "participants until they ask to be erased."
                )
                % {"max": RETENTION_MAX_MONTHS}
            }
        )


def _check_code(code: str, programme: Programme | None = None) -> None:
    others = Programme.objects.filter(code=code)
    if programme is not None:
        others = others.exclude(pk=programme.pk)
    if others.exists():
        raise ValidationError({"code": _("Another programme already has this code.")})


def _route(countries: Iterable[tuple[Country, str]]) -> dict[int, tuple[Country, str]]:
    route: dict[int, tuple[Country, str]] = {}
    for country, role in countries:
        if role not in RouteRole.values:
            raise ValidationError({"countries": _("Unknown role on the route: %(role)s.") % {"role": role}})
        if country.pk in route and route[country.pk][1] != role:
            raise ValidationError(
                {"countries": _("%(country)s has two roles on the route: keep one.") % {"country": country.name}}
            )
        route[country.pk] = (country, role)
    return route


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
    objectives_en: str = "",
    objectives_fr: str = "",
    reporting_period: str = ReportingPeriod.HALF_YEAR,
    retention_months: int | None = None,
    privacy_notice_en: str = "",
    privacy_notice_fr: str = "",
    countries: Iterable[tuple[Country, str]] = (),
    themes: Iterable[Theme] = (),
    partners: Iterable[Organisation] = (),
    request: HttpRequest | None = None,
) -> Programme:
    """Create a programme (administrators; actor None is the demo loader)."""
    if actor is not None and not getattr(actor, "is_administrator", False):
        raise PermissionError(_("Only administrators create programmes."))
    _check_period(start_date, end_date)
    _check_retention(retention_months)
    _check_code(code)
    route = _route(countries)
    programme = Programme.objects.create(
        code=code,
        title_en=title_en,
        title_fr=title_fr,
        summary_en=summary_en,
        summary_fr=summary_fr,
        donor=donor,
        start_date=start_date,
        end_date=end_date,
        objectives_en=objectives_en,
        objectives_fr=objectives_fr,
        reporting_period=reporting_period,
        retention_months=retention_months,
        privacy_notice_en=privacy_notice_en,
        privacy_notice_fr=privacy_notice_fr,
    )
    ProgrammeCountry.objects.bulk_create(
        [ProgrammeCountry(programme=programme, country=c, route_role=role) for c, role in route.values()]
    )
    programme.themes.set(list(themes))
    programme.partners.set(list(partners))
    audit_record(
        actor=actor,
        action="programme.created",
        obj=programme,
        details={
            "countries": sorted(c.code for c, _role in route.values()),
            "retention_months": retention_months,
            "privacy_notice": sorted(
                lang for lang, text in (("en", privacy_notice_en), ("fr", privacy_notice_fr)) if text
            ),
        },
        request=request,
    )
    return programme


UPDATABLE = (
    "code",
    "title_en",
    "title_fr",
    "summary_en",
    "summary_fr",
    "donor",
    "start_date",
    "end_date",
    "objectives_en",
    "objectives_fr",
    "reporting_period",
    "retention_months",
    "privacy_notice_en",
    "privacy_notice_fr",
)


@transaction.atomic
def programme_update(
    *,
    actor: Any,
    programme: Programme,
    code: str,
    title_en: str,
    start_date: dt.date,
    end_date: dt.date,
    title_fr: str = "",
    summary_en: str = "",
    summary_fr: str = "",
    donor: str = "",
    objectives_en: str = "",
    objectives_fr: str = "",
    reporting_period: str = ReportingPeriod.HALF_YEAR,
    retention_months: int | None = None,
    privacy_notice_en: str = "",
    privacy_notice_fr: str = "",
    countries: Iterable[tuple[Country, str]] | None = None,
    themes: Iterable[Theme] | None = None,
    partners: Iterable[Organisation] | None = None,
    request: HttpRequest | None = None,
) -> ProgrammeChanges:
    """Change a programme (administrators and its managers). None leaves countries, themes or partners as they are.

    Countries to which someone's role is limited are not removed: the whole change is refused, naming them.
    """
    _ensure_manager(actor, programme)
    _check_period(start_date, end_date)
    _check_retention(retention_months)
    _check_code(code, programme)
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    values = {
        "code": code,
        "title_en": title_en,
        "title_fr": title_fr,
        "summary_en": summary_en,
        "summary_fr": summary_fr,
        "donor": donor,
        "start_date": start_date,
        "end_date": end_date,
        "objectives_en": objectives_en,
        "objectives_fr": objectives_fr,
        "reporting_period": reporting_period,
        "retention_months": retention_months,
        "privacy_notice_en": privacy_notice_en,
        "privacy_notice_fr": privacy_notice_fr,
    }
    retention_before = programme.retention_months
    changed = [name for name in UPDATABLE if getattr(programme, name) != values[name]]
    added: list[str] = []
    removed: list[str] = []
    moved: list[str] = []
    if countries is not None:
        route = _route(countries)
        current = {pc.country_id: pc for pc in programme.programme_countries.select_related("country")}
        gone = set(current) - set(route)
        held = roles_limited_to(programme=programme, country_ids=gone)
        if held:
            raise ValidationError(
                {
                    "countries": _(
                        "These countries stay in the programme while roles are limited to them: %(held)s. "
                        "Change those roles in the team first."
                    )
                    % {"held": "; ".join(f"{person} ({country})" for person, country in held)}
                }
            )
        ProgrammeCountry.objects.filter(programme=programme, country_id__in=gone).delete()
        removed = sorted(current[pk].country.code for pk in gone)
        new = []
        for pk, (country, role) in route.items():
            if pk not in current:
                new.append(ProgrammeCountry(programme=programme, country=country, route_role=role))
                added.append(country.code)
            elif current[pk].route_role != role:
                current[pk].route_role = role
                current[pk].save(update_fields=["route_role"])
                moved.append(country.code)
        ProgrammeCountry.objects.bulk_create(new)
        added.sort()
        moved.sort()
    if themes is not None:
        themes = list(themes)
        if {t.pk for t in themes} != set(programme.themes.values_list("pk", flat=True)):
            changed.append("themes")
            programme.themes.set(themes)
    if partners is not None:
        partners = list(partners)
        if {o.pk for o in partners} != set(programme.partners.values_list("pk", flat=True)):
            changed.append("partners")
            programme.partners.set(partners)
    for name, value in values.items():
        setattr(programme, name, value)
    programme.save()
    changes = ProgrammeChanges(fields=changed, countries_added=added, countries_removed=removed, countries_moved=moved)
    if changes:
        audit_record(
            actor=actor,
            action="programme.updated",
            obj=programme,
            details={
                "fields": changed,
                "countries_added": added,
                "countries_removed": removed,
                "countries_moved": moved,
                **(
                    {"retention_months": {"from": retention_before, "to": retention_months}}
                    if "retention_months" in changed
                    else {}
                ),
            },
            request=request,
        )
    return changes


@transaction.atomic
def programme_partner_add(
    *, actor: Any, programme: Programme, organisation: Organisation, request: HttpRequest | None = None
) -> None:
    _ensure_manager(actor, programme)
    if programme.partners.filter(pk=organisation.pk).exists():
        return
    programme.partners.add(organisation)
    audit_record(
        actor=actor,
        action="programme.partner_added",
        obj=programme,
        details={"organisation": str(organisation), "organisation_id": organisation.pk},
        request=request,
    )


@transaction.atomic
def programme_partner_remove(
    *, actor: Any, programme: Programme, organisation: Organisation, request: HttpRequest | None = None
) -> None:
    _ensure_manager(actor, programme)
    if not programme.partners.filter(pk=organisation.pk).exists():
        return
    programme.partners.remove(organisation)
    audit_record(
        actor=actor,
        action="programme.partner_removed",
        obj=programme,
        details={"organisation": str(organisation), "organisation_id": organisation.pk},
        request=request,
    )


def _ensure_manager(actor: Any, programme: Programme) -> None:
    if not programme_scope(user=actor, programme=programme).is_manager:
        raise PermissionError(_("Only administrators and the programme's managers may change it."))


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
    # Serialised with programme_update, which refuses to remove countries that roles are limited to.
    Programme.objects.select_for_update().filter(pk=programme.pk).first()
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
    if (
        assignment.role == Role.MANAGER
        and assignment.user_id == getattr(actor, "pk", None)
        and not getattr(actor, "is_administrator", False)
    ):
        raise ValidationError(_("You cannot remove your own manager role: ask another manager or an administrator."))
    audit_record(
        actor=actor,
        action="programme_role.removed",
        obj=assignment,
        details={"user": assignment.user.email, "role": assignment.role},
        request=request,
    )
    assignment.delete()
