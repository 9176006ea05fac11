"""Idle expiry without a database write on every page: the session's age is renewed at most once
every few minutes (SESSION_TOUCH_INTERVAL), so a session ends SESSION_COOKIE_AGE after the last
activity, give or take that interval."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

SESSION_TOUCHED = "relais_touched"


class IdleSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        # Only a session that exists is renewed: a request authenticated otherwise (an API token) has
        # none, and must not get one (a row and a cookie per request).
        if session is not None and session.session_key and user is not None and user.is_authenticated:
            now = int(time.time())
            if now - int(session.get(SESSION_TOUCHED, 0)) >= settings.SESSION_TOUCH_INTERVAL:
                session[SESSION_TOUCHED] = now  # marks the session modified: saved with a new expiry
        return response
