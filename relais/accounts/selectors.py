"""Reads of accounts, with their permission checks (administrators only; others get 404)."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django_otp.plugins.otp_totp.models import TOTPDevice

from relais.accounts.models import User
from relais.core.selectors import ensure_administrator


def user_list(*, actor: Any, query: str = "", status: str = "") -> QuerySet[User]:
    ensure_administrator(actor)
    qs = User.objects.annotate(has_second_factor=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)))
    if query:
        qs = qs.filter(Q(full_name__icontains=query) | Q(email__icontains=query))
    if status == "active":
        qs = qs.filter(is_active=True)
    elif status == "inactive":
        qs = qs.filter(is_active=False)
    return qs.order_by("full_name", "email")


def user_get(*, actor: Any, pk: int) -> User:
    ensure_administrator(actor)
    try:
        return user_list(actor=actor).get(pk=pk)
    except User.DoesNotExist:
        raise Http404 from None


def confirmed_totp_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def user_has_second_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def second_factor_required(user: Any) -> bool:
    """Whether this user must use a second factor under the current settings: administrators, and
    whoever a registered rule names (programme managers), when RELAIS_REQUIRE_2FA is on."""
    from django.conf import settings

    from relais.core.registry import second_factor_rules

    if not settings.RELAIS_REQUIRE_2FA or not getattr(user, "is_authenticated", False):
        return False
    return bool(getattr(user, "is_administrator", False)) or any(rule(user) for rule in second_factor_rules())
