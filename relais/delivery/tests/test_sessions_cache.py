"""The session page caches its agenda, materials and design check (keyed by the design's version, the
session's dates, the rules' settings and the language): every change shows at once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from relais.delivery.tests.factories import make_session
from relais.design import services_agenda
from relais.design.models import AgendaDay, RuleSetting
from relais.design.rule_services import rule_setting_update
from relais.design.tests.factories import make_complete_design


@pytest.fixture
def page(personas: dict[str, Any], programme: Any) -> dict[str, Any]:
    design = make_complete_design(programme=programme, title="Joint investigation training")
    session = make_session(design=design, country="AL", city="Tirana", start_date=dt.date(2026, 3, 2))
    return {"design": design, "session": session, "url": reverse("delivery:session", kwargs={"pk": session.pk})}


def _aside(html: str) -> str:
    return html[html.index('<aside class="design-aside"') :]


def test_a_new_module_shows_at_once(client: Any, personas: dict[str, Any], page: dict[str, Any]) -> None:
    client.force_login(personas["manager"])
    assert "Module added after the first visit" not in client.get(page["url"]).content.decode()
    day = AgendaDay.objects.filter(design=page["design"]).order_by("position").first()
    assert day is not None
    services_agenda.module_save(
        actor=personas["manager"],
        day=day,
        data={
            "title": "Module added after the first visit",
            "description": "",
            "method": "case_study",
            "duration_minutes": 60,
            "trainer_profile": "",
        },
        objectives=[],
    )
    html = client.get(page["url"]).content.decode()
    assert "Module added after the first visit" in html


def test_the_language_is_part_of_the_key(client: Any, personas: dict[str, Any], page: dict[str, Any]) -> None:
    client.force_login(personas["manager"])
    english = client.get(page["url"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Day 1" in english and "Design check" in english
    client.cookies["django_language"] = "fr"
    french = client.get(page["url"], HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Jour 1" in french and "Day 1" not in french
    assert "Contrôle de la conception" in _aside(french) and "Design check" not in _aside(french)


def test_a_rule_change_shows_in_the_check(client: Any, personas: dict[str, Any], page: dict[str, Any]) -> None:
    client.force_login(personas["admin"])
    before = _aside(client.get(page["url"]).content.decode())
    setting = RuleSetting.objects.filter(enabled=True).order_by("code").first()
    assert setting is not None
    rule_setting_update(
        actor=personas["admin"],
        setting=setting,
        severity=setting.severity,
        enabled=False,
        thresholds=setting.thresholds,
    )
    after = _aside(client.get(page["url"]).content.decode())
    assert after != before


def test_new_dates_move_the_agenda(client: Any, personas: dict[str, Any], page: dict[str, Any]) -> None:
    client.force_login(personas["admin"])
    assert "Monday 2 March" in client.get(page["url"]).content.decode()
    session = page["session"]
    session.start_date = session.end_date = dt.date(2026, 3, 10)
    session.save()
    html = client.get(page["url"]).content.decode()
    assert "Tuesday 10 March" in html and "Monday 2 March" not in html


def test_queries_fall_when_the_fragments_are_cached(
    client: Any, personas: dict[str, Any], page: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    client.force_login(personas["admin"])
    client.get(page["url"])
    with django_assert_max_num_queries(22):
        assert client.get(page["url"]).status_code == 200


def test_the_registrations_are_counted_once(client: Any, personas: dict[str, Any], page: dict[str, Any]) -> None:
    """The registrations panel takes the page's counts and the user's rights instead of reading them again."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(personas["coordinator_al"])
    client.get(page["url"])
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(page["url"]).status_code == 200
    counts = [
        q["sql"] for q in ctx.captured_queries if 'FROM "delivery_registration"' in q["sql"] and "GROUP BY" in q["sql"]
    ]
    assert len(counts) == 1, counts
