from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core.management import call_command
from django.http import Http404

from relais.programmes import selectors
from relais.programmes.models import IndicatorValue, Output, Programme, Role
from relais.programmes.selectors_results import results_framework
from relais.programmes.tests.factories import give_role, make_programme


def test_each_persona_sees_only_their_programmes(
    personas: dict[str, Any], other_programme: Any, programme: Any
) -> None:
    assert set(selectors.programme_list(user=personas["admin"])) == {programme, other_programme}
    for name in ("manager", "coordinator_al", "trainer", "me_officer", "viewer"):
        assert list(selectors.programme_list(user=personas[name])) == [programme], name
    assert list(selectors.programme_list(user=personas["outsider"])) == []
    with pytest.raises(Http404):
        selectors.programme_get(user=personas["manager"], pk=other_programme.pk)


def test_scopes_follow_role_and_country(personas: dict[str, Any], programme: Any) -> None:
    al = programme.countries.get(code="AL").pk
    it = programme.countries.get(code="IT").pk
    coord = selectors.programme_scope(user=personas["coordinator_al"], programme=programme)
    assert coord.countries == frozenset({al})
    assert coord.covers_country(al) and not coord.covers_country(it)
    assert not coord.is_manager
    manager = selectors.programme_scope(user=personas["manager"], programme=programme)
    assert manager.is_manager and manager.countries is None
    admin = selectors.programme_scope(user=personas["admin"], programme=programme)
    assert admin.is_manager and admin.has(Role.TRAINER)
    with pytest.raises(Http404):
        selectors.programme_scope(user=personas["outsider"], programme=programme)


def test_team_is_shown_to_managers_only(client: Any, personas: dict[str, Any], programme: Any) -> None:
    url = f"/programmes/{programme.pk}/"
    client.force_login(personas["manager"])
    assert "Irene Coordinator" in client.get(url).content.decode()
    client.force_login(personas["coordinator_al"])
    html = client.get(url).content.decode()
    assert "Irene Coordinator" not in html
    assert "limited to my countries" in html


def test_home_and_list_query_counts_do_not_grow(
    client: Any, personas: dict[str, Any], django_assert_num_queries: Any
) -> None:
    manager = personas["manager"]
    client.force_login(manager)
    client.get("/")

    def count(url: str) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    for _ in range(12):  # past the dashboard's 12 cards: the panel also counts them all
        give_role(manager, make_programme(), Role.MANAGER)
    before = {url: count(url) for url in ("/", "/programmes/")}
    for _ in range(40):
        give_role(manager, make_programme(), Role.MANAGER)
    after = {url: count(url) for url in ("/", "/programmes/")}
    assert before == after
    assert after["/"] <= 10  # session, user, the menu's role check, the panel's programmes and counts


@pytest.mark.django_db
def test_end_before_start_is_refused_by_the_database() -> None:
    import datetime as dt

    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        make_programme(start_date=dt.date(2026, 1, 1), end_date=dt.date(2025, 1, 1))


@pytest.mark.django_db
def test_seed_demo_builds_the_programmes_once(capsys: Any, settings: Any) -> None:
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "admin@demo.relais.example" in out and "relais-demo" in out
    programme = Programme.objects.get(code="thb-labour-demo")
    roles = dict(programme.programme_countries.values_list("country__code", "route_role"))
    assert len(roles) == 15
    assert roles["AL"] == "origin" and roles["HU"] == "transit" and roles["NL"] == "destination"
    assert programme.roles.filter(role=Role.COORDINATOR).count() == 3
    assert len(programme.objectives) == 4 and programme.partners.count() == 15
    assert (programme.outcomes.count(), Output.objects.filter(programme=programme).count()) == (2, 4)
    # Eight from the programmes step (three computed), four computed from the evaluation demo.
    indicators = programme.indicators.exclude(formula__startswith="evaluation.")
    assert indicators.count() == 8 and indicators.filter(source="computed").count() == 3
    assert programme.indicators.filter(formula__startswith="evaluation.").count() == 4
    values = IndicatorValue.objects.filter(indicator__programme=programme)
    periods = set(values.values_list("period_start", "period_end"))
    assert len(periods) == 3  # 2025-H1, 2025-H2, 2026-H1
    framework = results_framework(programme=programme, today=dt.date(2026, 9, 1))
    rows = [r for o in framework.outcomes for r in o.indicators + [i for out in o.outputs for i in out.indicators]]
    assert all(r.actual is not None and r.progress is not None for r in rows), [
        (r.indicator.code, r.actual, r.progress) for r in rows if r.actual is None or r.progress is None
    ]
    replication = Programme.objects.get(code="thb-replication-demo")
    assert replication.countries.count() == 4
    assert replication.roles.get(role=Role.MANAGER).user.email == "manager2@demo.relais.example"
    call_command("seed_demo")
    again = capsys.readouterr().out
    assert "not loaded again" in again and "coordinator.ro@demo.relais.example" in again
    assert Programme.objects.count() == 2


@pytest.mark.django_db
def test_seed_demo_refuses_production(settings: Any) -> None:
    from django.core.management.base import CommandError

    settings.DEBUG = False
    settings.TESTING = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not Programme.objects.exists()


def test_trainer_role_does_not_widen_coordinator_countries(personas: dict[str, Any], programme: Any) -> None:
    coordinator = personas["coordinator_al"]
    give_role(coordinator, programme, Role.TRAINER)
    scope = selectors.programme_scope(user=coordinator, programme=programme)
    assert scope.countries == frozenset({programme.countries.get(code="AL").pk})
    trainer = selectors.programme_scope(user=personas["trainer"], programme=programme)
    assert trainer.countries == frozenset()


def test_dashboard_shows_the_latest_programmes_and_links_to_all(client: Any, personas: dict[str, Any]) -> None:
    import datetime as dt

    admin = personas["admin"]
    for i in range(14):
        make_programme(title_en=f"Extra {i:02d}", start_date=dt.date(2026, 1, 1 + i))
    client.force_login(admin)
    response = client.get("/")
    assert len(response.context["panels"][0]["context"]["programmes"]) == 12
    html = response.content.decode()
    assert "All 15 programmes" in html
    assert "Extra 13" in html, re.findall(r"<h3 class=\"h5\"><a[^>]*>([^<]*)", html)
    assert "Extra 00" not in html
    listing = client.get("/programmes/", {"q": "extra 1"}).content.decode()
    assert "Extra 10" in listing and "Extra 09" not in listing


def test_team_is_listed_manager_first(personas: dict[str, Any], programme: Any) -> None:
    team = selectors.programme_team(user=personas["manager"], programme=programme)
    assert team is not None
    assert [r.role for r in team] == [
        Role.MANAGER,
        Role.COORDINATOR,
        Role.COORDINATOR,
        Role.TRAINER,
        Role.ME_OFFICER,
        Role.VIEWER,
    ]
