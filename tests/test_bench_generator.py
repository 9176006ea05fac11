"""The bench generator (bench/generate.py) at its tiny size `xs`: the counts it promises, and the
same data for the same seed. The benchmarks themselves never run in the test suite."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from django.db.models import Count

from bench.gen_audit import ACTIONS
from bench.gen_programmes import PASSWORD_HASH
from bench.generate import generate
from bench.sizes import COUNTRIES_PER_PROGRAMME, SIZES
from relais.accounts.models import User
from relais.core.models import AuditEvent
from relais.core.registry import audit_actions
from relais.programmes.models import Programme, ProgrammeCountry, ProgrammeRole, Role, RouteRole

XS = SIZES["xs"]


def snapshot() -> dict[str, Any]:
    """The generated data by natural keys (database ids left out)."""
    roles = ProgrammeRole.objects.select_related("user", "programme").prefetch_related("countries")
    return {
        "programmes": sorted(Programme.objects.values_list("code", flat=True)),
        "routes": sorted(ProgrammeCountry.objects.values_list("programme__code", "country__code", "route_role")),
        "roles": sorted(
            (r.user.email, r.programme.code, r.role, tuple(sorted(c.code for c in r.countries.all()))) for r in roles
        ),
        "users": sorted(User.objects.values_list("email", "full_name", "is_active", "is_superuser")),
        "audit": list(AuditEvent.objects.order_by("pk").values_list("at", "actor_label", "action")),
    }


def wipe() -> None:
    AuditEvent.objects.all().delete()
    Programme.objects.all().delete()
    User.objects.all().delete()


def test_xs_writes_the_promised_rows(db: None) -> None:
    result = generate(size="xs", seed=1)

    assert Programme.objects.count() == XS.programmes == result.counts["programmes.programme"]
    assert User.objects.count() == XS.users == result.counts["accounts.user"]
    assert User.objects.filter(is_superuser=True).count() == XS.administrators
    assert set(User.objects.values_list("password", flat=True)) == {PASSWORD_HASH}
    assert AuditEvent.objects.count() == XS.audit_events == result.counts["core.auditevent"]
    assert ProgrammeRole.objects.count() == result.counts["programmes.programmerole"]
    for programme in Programme.objects.annotate(n=Count("programme_countries")):
        assert programme.n == COUNTRIES_PER_PROGRAMME
        route = set(programme.programme_countries.values_list("route_role", flat=True))
        assert route == set(RouteRole.values)
        roles = Counter(programme.roles.values_list("role", flat=True))
        assert 1 <= roles[Role.MANAGER] <= 2
        assert 3 <= roles[Role.TRAINER] <= 8
        assert roles[Role.ME_OFFICER] == roles[Role.VIEWER] == 1
        # One coordinator per country of the programme, limited to that country.
        coordinated = [
            list(r.countries.values_list("pk", flat=True)) for r in programme.roles.filter(role=Role.COORDINATOR)
        ]
        assert sorted(c for cs in coordinated for c in cs) == sorted(
            programme.programme_countries.values_list("country_id", flat=True)
        )
        assert all(len(cs) == 1 for cs in coordinated)


def test_audit_actions_are_registered_and_filterable(db: None) -> None:
    generate(size="xs", seed=1)
    used = set(AuditEvent.objects.values_list("action", flat=True))
    assert used <= {code for code, _weight in ACTIONS} <= set(audit_actions())
    assert AuditEvent.objects.filter(actor__isnull=False).exclude(actor_label="").exists()
    times = list(AuditEvent.objects.order_by("pk").values_list("at", flat=True))
    assert times == sorted(times)


def test_same_seed_same_data_other_seed_other_data(db: None) -> None:
    generate(size="xs", seed=1)
    first = snapshot()
    wipe()
    generate(size="xs", seed=1)
    assert snapshot() == first
    wipe()
    generate(size="xs", seed=2)
    other = snapshot()
    assert other["programmes"] != first["programmes"]
    assert other["roles"] != first["roles"]


def test_refuses_a_database_holding_programmes(db: None) -> None:
    generate(size="xs", seed=1)
    with pytest.raises(RuntimeError):
        generate(size="xs", seed=1)
