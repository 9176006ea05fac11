"""The account name that login throttling (django-axes) counts failures against."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from relais.accounts.models import normalise_email


def attempted_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """The e-mail typed in the login form, normalised as accounts store it (case and spaces ignored)."""
    value = (credentials or {}).get("username") or request.POST.get("username")
    return normalise_email(str(value))[:254] if value else None
