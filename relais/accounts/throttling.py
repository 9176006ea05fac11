"""The account name that login throttling (django-axes) counts failures against."""

from __future__ import annotations

import math
from typing import Any

from axes.helpers import get_cool_off
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from relais.accounts.models import normalise_email


def attempted_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """The e-mail typed in the login form, normalised as accounts store it (case and spaces ignored)."""
    value = (credentials or {}).get("username") or request.POST.get("username")
    return normalise_email(str(value))[:254] if value else None


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """The translated 'too many attempts' page, saying how many minutes to wait (status 429)."""
    cool_off = get_cool_off(request)
    minutes = max(1, math.ceil(cool_off.total_seconds() / 60)) if cool_off else None
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)
