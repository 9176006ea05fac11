"""Reads of the API app."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from relais.api.models import ApiToken, IdempotentRequest
from relais.api.services import IDEMPOTENCY_DAYS
from relais.api.tokens import matches, parse


def tokens_of(*, user: Any) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at", "-pk")


def token_for_revoking(*, user: Any, pk: int) -> ApiToken:
    """The user's own token; an administrator may revoke anyone's (404 otherwise)."""
    qs = ApiToken.objects.all() if getattr(user, "is_administrator", False) else ApiToken.objects.filter(user=user)
    token = qs.select_related("user").filter(pk=pk).first()
    if token is None:
        raise Http404
    return token


def token_authenticate(secret: str) -> ApiToken | None:
    """The active token this secret belongs to, with an active owner; None otherwise."""
    prefix = parse(secret)
    if prefix is None:
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    if token is None or not matches(secret, token.digest):
        return None
    if not token.is_active or not token.user.is_active:
        return None
    return token


def idempotent_find(*, user: Any, key: str) -> IdempotentRequest | None:
    since = timezone.now() - dt.timedelta(days=IDEMPOTENCY_DAYS)
    return IdempotentRequest.objects.filter(user=user, key=key, created_at__gte=since).first()
