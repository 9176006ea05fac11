"""Writes of the API app: personal tokens (create, revoke, last use) and stored idempotent responses."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from relais.api.models import ApiToken, IdempotentRequest, TokenScope
from relais.api.tokens import new_token
from relais.core.audit import audit_record

MAX_ACTIVE_TOKENS = 20
LAST_USE_EVERY = dt.timedelta(minutes=1)  # last use is written at most once a minute per token
IDEMPOTENCY_DAYS = 1


def token_create(
    *,
    actor: Any,
    name: str,
    scope: str,
    days: int | None,
    request: HttpRequest | None = None,
) -> tuple[ApiToken, str]:
    """A new token of the actor's, and its secret (shown once, never kept)."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name that says where it is used.")})
    if scope not in TokenScope.values:
        raise ValidationError({"scope": _("Choose read only, or read and write.")})
    if days is not None and not 1 <= days <= 366:
        raise ValidationError({"days": _("A token lasts from 1 to 366 days.")})
    with transaction.atomic():
        active = ApiToken.objects.select_for_update().filter(user=actor, revoked_at__isnull=True)
        if sum(1 for t in active if not t.is_expired) >= MAX_ACTIVE_TOKENS:
            raise ValidationError(
                _("You already have %(n)d active tokens: revoke one you no longer use.") % {"n": MAX_ACTIVE_TOKENS}
            )
        secret, prefix, digest = new_token()
        token = ApiToken.objects.create(
            user=actor,
            name=name[:100],
            prefix=prefix,
            digest=digest,
            scope=scope,
            expires_at=timezone.now() + dt.timedelta(days=days) if days else None,
        )
        audit_record(
            actor=actor,
            action="api.token_created",
            obj=token,
            details={"name": token.name, "scope": scope, "prefix": prefix, "days": days},
            request=request,
        )
    return token, secret


def token_revoke(*, actor: Any, token: ApiToken, request: HttpRequest | None = None) -> ApiToken:
    with transaction.atomic():
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            audit_record(
                actor=actor,
                action="api.token_revoked",
                obj=token,
                details={"name": token.name, "prefix": token.prefix, "owner": token.user_id},
                request=request,
            )
    return token


def tokens_revoke_all(*, user: Any, reason: str, actor: Any = None, request: HttpRequest | None = None) -> int:
    """Revoke every active token of the user (the account was deactivated, its second factor reset or
    its password reset through an e-mailed link: whoever held the account may hold its tokens)."""
    revoked = 0
    with transaction.atomic():
        for token in ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True):
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            audit_record(
                actor=actor,
                action="api.token_revoked",
                obj=token,
                details={"name": token.name, "prefix": token.prefix, "owner": user.pk, "reason": reason},
                request=request,
            )
            revoked += 1
    return revoked


def token_used(*, token: ApiToken, ip: str | None) -> None:
    """Note the token's use; written at most once a minute so reads stay reads."""
    now = timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USE_EVERY and token.last_used_ip == ip:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now, last_used_ip=ip)
    token.last_used_at, token.last_used_ip = now, ip


def idempotent_store(*, user: Any, key: str, fingerprint: str, status: int, body: Any) -> IdempotentRequest:
    """Keep the response of a creating request (inside the request's transaction: a concurrent twin
    fails on the unique key and rolls back whole). Every key older than a day goes at the same time,
    so the table stays small, and the personal data of the responses it keeps with it, without a
    scheduled task (the created_at index makes this cheap)."""
    cutoff = timezone.now() - dt.timedelta(days=IDEMPOTENCY_DAYS)
    IdempotentRequest.objects.filter(created_at__lt=cutoff).delete()
    return IdempotentRequest.objects.create(user=user, key=key, fingerprint=fingerprint, status=status, body=body)
