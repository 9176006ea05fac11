"""The request memo: one read per request, nothing remembered outside a request, and a role change
forgets what was remembered."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.test.utils import CaptureQueriesContext

from relais.core.request_memo import RequestMemoMiddleware, remember
from relais.programmes.models import Role
from relais.programmes.selectors import roles_with_countries
from relais.programmes.tests.factories import give_role


def test_outside_a_request_nothing_is_remembered() -> None:
    calls: list[int] = []
    remember("k", lambda: calls.append(1))
    remember("k", lambda: calls.append(1))
    assert calls == [1, 1]


def test_inside_a_request_each_key_is_computed_once() -> None:
    calls: list[int] = []

    def view(request: HttpRequest) -> HttpResponse:
        remember("k", lambda: calls.append(1))
        remember("k", lambda: calls.append(1))
        remember("other", lambda: calls.append(2))
        return HttpResponse("ok")

    RequestMemoMiddleware(view)(HttpRequest())
    RequestMemoMiddleware(view)(HttpRequest())  # a new request starts afresh
    assert calls == [1, 2, 1, 2]


def test_a_role_given_during_the_request_is_seen(db: None, personas: dict[str, Any], other_programme: Any) -> None:
    seen: list[set[int]] = []
    outsider = personas["outsider"]

    def view(request: HttpRequest) -> HttpResponse:
        seen.append({r.programme_id for r in roles_with_countries(outsider)})
        give_role(outsider, other_programme, Role.COORDINATOR, ["AL"])
        seen.append({r.programme_id for r in roles_with_countries(outsider)})
        return HttpResponse("ok")

    RequestMemoMiddleware(view)(HttpRequest())
    assert seen == [set(), {other_programme.pk}]


def test_a_coordinator_page_reads_roles_once(client: Any, personas: dict[str, Any], programme: Any) -> None:
    from relais.delivery.tests.factories import make_session
    from relais.design.tests.factories import make_complete_design

    session = make_session(design=make_complete_design(programme=programme), country="AL")
    client.force_login(personas["coordinator_al"])
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(f"/sessions/{session.pk}/").status_code == 200
    role_reads = [q for q in ctx.captured_queries if '"programmes_programmerole_countries"' in q["sql"]]
    assert len(role_reads) <= 1, [q["sql"][:200] for q in role_reads]
