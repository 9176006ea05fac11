"""The demo's API tokens: the programme manager's token for the ministry's training records system and
the M&E officer's read-only token for the donor's dashboard, each with a last use, so the tokens page
shows what a working integration looks like. Their secrets are thrown away: nobody can use them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from relais.api.models import ApiToken, TokenScope
from relais.api.services import token_create
from relais.core.demo import DEMO_DOMAIN, DemoContext, DemoStep, register_demo_step

TOKENS = [
    ("manager", "manager", "Ministry training records (sync)", TokenScope.WRITE, 365, 2, "10.20.0.14"),
    ("me_officer", "me", "Donor dashboard (read only)", TokenScope.READ, 90, 26, "10.20.0.31"),
]


def _user(context: DemoContext, key: str, local: str) -> Any:
    from relais.accounts.models import User

    return context.objects.get(f"user:{key}") or User.objects.filter(email=f"{local}@{DEMO_DOMAIN}").first()


def create_tokens(context: DemoContext) -> None:
    now = timezone.now()
    for key, local, name, scope, days, hours_ago, ip in TOKENS:
        user = _user(context, key, local)
        if user is None:
            continue
        token, _secret = token_create(actor=user, name=name, scope=scope, days=days)
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now - dt.timedelta(hours=hours_ago), last_used_ip=ip)


def register() -> None:
    register_demo_step(DemoStep(key="api_tokens", order=65, run=create_tokens, is_loaded=ApiToken.objects.exists))
