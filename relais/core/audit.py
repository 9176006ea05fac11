"""Writing audit events. Every service that writes (or shows) personal data calls audit_record."""

from __future__ import annotations

from typing import Any

from axes.helpers import get_client_ip_address
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from relais.core.models import AuditEvent
from relais.core.registry import register_audit_action


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address, found the same way as login throttling finds it (proxy-aware)."""
    if request is None:
        return None
    return get_client_ip_address(request) or None


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    details: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditEvent:
    """Write one audit event. Call it inside the service's transaction."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if is_user else None,
        actor_label=(getattr(actor, "email", "") or "") if is_user else "",
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        details=details or {},
        ip_address=client_ip(request),
    )


def register_core_actions() -> None:
    register_audit_action("reference.created", _("Reference item created"))
    register_audit_action("reference.updated", _("Reference item updated"))
    register_audit_action("system.backup", _("Backup made"))
    register_audit_action("system.restore", _("Backup restored"))
