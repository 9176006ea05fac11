from __future__ import annotations

import datetime as dt
import time
from typing import Any
from unittest import mock

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


class _Clock:
    """Moves Django's and Python's clocks together (the session store reads one, the idle middleware
    the other)."""

    def __init__(self) -> None:
        self.offset = 0.0

    def advance(self, seconds: float) -> None:
        self.offset += seconds


def test_an_idle_session_ends_and_an_active_one_does_not(client: Any, personas: dict[str, Any], settings: Any) -> None:
    settings.SESSION_COOKIE_AGE = 600
    settings.SESSION_TOUCH_INTERVAL = 60
    clock = _Clock()
    real_time, real_now = time.time, timezone.now
    with (
        mock.patch("time.time", lambda: real_time() + clock.offset),
        mock.patch("django.utils.timezone.now", lambda: real_now() + dt.timedelta(seconds=clock.offset)),
    ):
        client.force_login(personas["manager"])
        assert client.get("/").status_code == 200
        for _ in range(4):  # active every 5 minutes for 20 minutes: longer than the age, still signed in
            clock.advance(300)
            assert client.get("/programmes/").status_code == 200
        clock.advance(601)  # then idle longer than SESSION_COOKIE_AGE
        response = client.get("/programmes/")
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
