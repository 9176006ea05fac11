"""The permission matrix's vocabulary. Each app lists its pages in relais/<app>/tests/permissions.py:

    PAGES: dict[str, Page]          named URL -> who may reach it (the others must get 404)
    def context(ctx) -> None        optional: adds the objects its pages need to the shared ctx

tests/test_permissions.py gathers them and fails when a named URL has no entry anywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


def make_personas(programme: Any) -> dict[str, Any]:
    """The eight personas, with their roles in `programme` (the `personas` fixture's, also built once
    per module by the permission matrices)."""
    from relais.accounts.tests.factories import make_user
    from relais.programmes.models import Role
    from relais.programmes.tests.factories import give_role

    people = {
        "admin": make_user(email="admin@example.org", full_name="Alice Admin", is_superuser=True),
        "manager": make_user(email="manager@example.org", full_name="Mona Manager"),
        "coordinator_al": make_user(email="coord.al@example.org", full_name="Arben Coordinator"),
        "coordinator_it": make_user(email="coord.it@example.org", full_name="Irene Coordinator"),
        "trainer": make_user(email="trainer@example.org", full_name="Tomas Trainer"),
        "me_officer": make_user(email="me@example.org", full_name="Emma Evaluator"),
        "viewer": make_user(email="viewer@example.org", full_name="Victor Viewer"),
        "outsider": make_user(email="outsider@example.org", full_name="Oscar Outsider"),
    }
    give_role(people["manager"], programme, Role.MANAGER)
    give_role(people["coordinator_al"], programme, Role.COORDINATOR, ["AL"])
    give_role(people["coordinator_it"], programme, Role.COORDINATOR, ["IT"])
    give_role(people["trainer"], programme, Role.TRAINER)
    give_role(people["me_officer"], programme, Role.ME_OFFICER)
    give_role(people["viewer"], programme, Role.VIEWER)
    return people


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
