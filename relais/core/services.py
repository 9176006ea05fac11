"""Writes of reference data. Each one is atomic and leaves an audit event."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.forms import ModelForm
from django.http import HttpRequest

from relais.core.audit import audit_record
from relais.core.models import TranslatedName
from relais.core.selectors import ensure_administrator


@transaction.atomic
def reference_item_save(*, actor: Any, form: ModelForm[Any], request: HttpRequest | None = None) -> TranslatedName:
    """Create or update a reference item from a validated form."""
    ensure_administrator(actor)
    creating = form.instance.pk is None
    item = form.save()
    audit_record(
        actor=actor,
        action="reference.created" if creating else "reference.updated",
        obj=item,
        details={"fields": sorted(form.changed_data)},
        request=request,
    )
    return item
