from __future__ import annotations

import itertools
from typing import Any

from relais.accounts.models import User

_seq = itertools.count(1)


def make_user(
    *,
    email: str | None = None,
    full_name: str | None = None,
    password: str = "correct horse battery",
    **extra: Any,
) -> User:
    n = next(_seq)
    return User.objects.create_user(
        email=email or f"user{n}@example.org", password=password, full_name=full_name or f"User {n}", **extra
    )
