from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from relais.accounts.sessions import SESSION_TOUCHED


def _writes(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return sum(1 for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith("UPDATE"))


def test_reading_pages_does_not_write_the_session_each_time(client: Any, personas: dict[str, Any]) -> None:
    client.force_login(personas["manager"])
    assert _writes(client, "/") == 1  # first page after login: the session's age is renewed
    assert _writes(client, "/programmes/") == 0
    assert _writes(client, "/") == 0


def test_session_is_renewed_after_the_interval(client: Any, personas: dict[str, Any], settings: Any) -> None:
    client.force_login(personas["manager"])
    client.get("/")
    key = client.session.session_key
    first = Session.objects.get(session_key=key).expire_date
    session = client.session
    session[SESSION_TOUCHED] = 0  # as if the last renewal were long ago
    session.save()
    soon = timezone.now() + dt.timedelta(minutes=1)
    Session.objects.filter(session_key=key).update(expire_date=soon)
    assert client.get("/programmes/").status_code == 200
    assert Session.objects.get(session_key=key).expire_date >= first
