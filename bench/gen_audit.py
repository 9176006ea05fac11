"""Step "audit": the audit log, in time order, with the mix of actions a live platform writes.

Events are made by earlier steps' people and about their records; at the sizes L and XL the table
is by far the largest of the platform until answers arrive, so it is written with COPY/executemany.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from bench.context import Context
from bench.sql import db_datetime, db_json, insert_rows
from relais.core.models import AuditEvent

START = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
END = dt.datetime(2026, 6, 30, tzinfo=dt.UTC)

# (action, weight). Every code is registered with relais.core.registry (the test checks it), so the
# audit page's action filter accepts each of them.
ACTIONS: list[tuple[str, int]] = [
    ("auth.login", 40),
    ("auth.logout", 20),
    ("user.viewed", 14),
    ("programme_role.assigned", 7),
    ("auth.login_failed", 4),
    ("user.updated", 4),
    ("programme_role.changed", 3),
    ("user.profile_updated", 3),
    ("user.created", 2),
    ("auth.second_factor_failed", 1),
    ("programme_role.removed", 1),
    ("programme.created", 1),
]
FIELDS = [
    "at",
    "actor",
    "actor_label",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "details",
    "ip_address",
]


def _events(ctx: Context) -> Iterator[tuple[Any, ...]]:
    rng = ctx.rng("audit")
    n = ctx.size.audit_events
    users: list[tuple[int, str, str, bool]] = ctx.objects["users"]
    admins = [u for u in users if u[3]]
    roles: list[tuple[int, int, int, str, str]] = ctx.objects["roles"]
    programmes: list[tuple[int, str, str]] = ctx.objects["programmes"]
    email_of = {u[0]: u[1] for u in users}
    names, weights = zip(*ACTIONS, strict=True)
    actions = rng.choices(names, weights=weights, k=min(n, 100_000))
    span = (END - START).total_seconds()
    empty = db_json({})
    for i in range(n):
        at = db_datetime(START + dt.timedelta(seconds=span * (i + rng.random()) / n))
        action = actions[i % len(actions)]
        bits = rng.getrandbits(24)
        ip = f"10.{bits >> 16}.{(bits >> 8) & 255}.{bits & 255}"
        if action == "auth.login_failed":
            email = rng.choice(users)[1]
            yield (at, None, "", action, "", "", "", db_json({"e-mail": email}), ip)
            continue
        if action.startswith("auth.") or action == "user.profile_updated":
            actor = subject = rng.choice(users)
        else:
            actor, subject = rng.choice(admins), rng.choice(users)
        if action.startswith("programme_role."):
            role = rng.choice(roles)
            details = {"user": email_of[role[1]], "role": role[3], "countries": []}
            obj: tuple[str, Any, str] = ("programmes.programmerole", role[0], role[4])
        elif action == "programme.created":
            programme = rng.choice(programmes)
            details, obj = {}, ("programmes.programme", programme[0], programme[2])
        else:
            details = {"fields": ["full_name"]} if action.endswith("updated") else {}
            obj = ("accounts.user", subject[0], subject[2])
        yield (
            at,
            actor[0],
            actor[1],
            action,
            obj[0],
            str(obj[1]),
            obj[2][:200],
            db_json(details) if details else empty,
            ip,
        )


def generate_audit_events(ctx: Context) -> None:
    written = insert_rows(AuditEvent, FIELDS, _events(ctx))
    ctx.add_count("core.auditevent", written)
