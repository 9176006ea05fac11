"""The permission matrix's vocabulary. Each app lists its pages in relais/<app>/tests/permissions.py:

    PAGES: dict[str, Page]          named URL -> who may reach it (the others must get 404)
    def context(ctx) -> None        optional: adds the objects its pages need to the shared ctx

tests/test_permissions.py gathers them and fails when a named URL has no entry anywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

PERSONAS = [
    "admin",
    "manager",
    "coordinator_al",
    "coordinator_it",
    "trainer",
    "me_officer",
    "viewer",
    "outsider",
]

ALL = frozenset(PERSONAS)
ADMIN = frozenset({"admin"})
PROGRAMME_MEMBERS = ALL - {"outsider"}
PROGRAMME_MANAGERS = frozenset({"admin", "manager"})
PROGRAMME_STAFF = PROGRAMME_MEMBERS - {"viewer"}  # everyone in the programme but donors and partners


@dataclass(frozen=True)
class Page:
    kwargs: Callable[[dict[str, Any]], dict[str, Any]] = field(default=lambda ctx: {})
    may: frozenset[str] = ALL
    method: str = "get"
    data: Callable[[dict[str, Any]], dict[str, Any]] = field(default=lambda ctx: {})
    public: bool = False  # reachable without logging in
    # Status codes that mean "reached" for this page (e.g. 400 for a POST of empty data).
    ok: frozenset[int] = frozenset({200, 302})
