"""Reads of reference data and the audit log, with their permission checks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.db.models.functions import Lower
from django.http import Http404

from relais.core.models import AuditEvent, Country, Language, Profession, Theme, TranslatedName


def ensure_administrator(user: Any) -> None:
    """Administrators only; everyone else gets 404, never a hint that the page exists."""
    if not (user.is_authenticated and getattr(user, "is_administrator", False)):
        raise Http404


REFERENCE_KINDS: dict[str, type[TranslatedName]] = {
    "countries": Country,
    "professions": Profession,
    "themes": Theme,
    "languages": Language,
}


def reference_model(kind: str) -> type[TranslatedName]:
    try:
        return REFERENCE_KINDS[kind]
    except KeyError:
        raise Http404 from None


def reference_list(*, user: Any, kind: str, query: str = "") -> QuerySet[Any]:
    ensure_administrator(user)
    model = reference_model(kind)
    qs = model._default_manager.all()
    if query:
        qs = qs.filter(Q(name_en__icontains=query) | Q(name_fr__icontains=query) | Q(code__iexact=query))
    return qs.order_by("-is_active", "position", model.order_field())


def reference_get(*, user: Any, kind: str, pk: int) -> TranslatedName:
    ensure_administrator(user)
    try:
        return reference_model(kind)._default_manager.get(pk=pk)
    except reference_model(kind).DoesNotExist:
        raise Http404 from None


@dataclass(frozen=True)
class AuditFilters:
    actor: str = ""
    action: str = ""
    object_type: str = ""
    object_id: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def audit_event_list(*, user: Any, filters: AuditFilters) -> QuerySet[AuditEvent]:
    ensure_administrator(user)
    qs = AuditEvent.objects.all()
    if filters.actor:
        # Exact (case-insensitive) e-mail, so the index on lower(actor_label) serves it.
        qs = qs.alias(actor_lower=Lower("actor_label")).filter(actor_lower=filters.actor.strip().lower())
    if filters.action:
        qs = qs.filter(action=filters.action)
    if filters.object_type:
        qs = qs.filter(object_type=filters.object_type)
    if filters.object_id:
        qs = qs.filter(object_id=filters.object_id)
    if filters.date_from:
        qs = qs.filter(at__date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(at__date__lte=filters.date_to)
    return qs.order_by("-at", "-id")
