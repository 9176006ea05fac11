"""A role given, changed or taken away (or its countries): what the request remembered of roles is
forgotten (relais.core.request_memo), so the rest of the request reads them afresh."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save

from relais.core.request_memo import forget
from relais.programmes.models import ProgrammeRole


def _roles_changed(**_kwargs: Any) -> None:
    forget()


def connect() -> None:
    post_save.connect(_roles_changed, sender=ProgrammeRole, dispatch_uid="relais_roles_saved")
    post_delete.connect(_roles_changed, sender=ProgrammeRole, dispatch_uid="relais_roles_deleted")
    m2m_changed.connect(_roles_changed, sender=ProgrammeRole.countries.through, dispatch_uid="relais_role_countries")
