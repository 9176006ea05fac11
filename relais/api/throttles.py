"""Rate limits of the API: a fixed window per user (or per address without a token), one budget for
reading and a smaller one for writing; over it, 429 with Retry-After. The counters live in the
default cache: with several web processes, set CACHE_URL to a shared cache (docs/deploy.md)."""

from __future__ import annotations

import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

from relais.api.auth import SAFE_METHODS
from relais.core.audit import client_ip

PERIODS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """ "600/min" -> (600, 60)."""
    count, _slash, period = rate.partition("/")
    return int(count), PERIODS[period.strip().lower()]


class WindowThrottle(BaseThrottle):
    setting = ""
    writes = False

    def __init__(self) -> None:
        self._local = threading.local()  # the wait of this thread's last refused request

    def applies(self, request: HttpRequest) -> bool:
        return (request.method not in SAFE_METHODS) == self.writes

    def ident(self, request: HttpRequest) -> str:
        """Per user (all their tokens share one budget), per address without a token."""
        token = getattr(request, "auth", None)
        user_id = getattr(token, "user_id", None)
        return f"u{user_id}" if user_id is not None else f"a{client_ip(request) or '-'}"

    def allow_request(self, request: HttpRequest) -> bool:
        if not self.applies(request):
            return True
        limit, period = parse_rate(getattr(settings, self.setting))
        now = time.time()
        window = int(now // period)
        key = f"relais-api-rate:{self.setting}:{self.ident(request)}:{window}"
        cache.add(key, 0, timeout=period + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=period + 1)
            count = 1
        if count <= limit:
            return True
        self._local.wait = (window + 1) * period - now
        return False

    def wait(self) -> float | None:
        return getattr(self._local, "wait", None)


class ReadThrottle(WindowThrottle):
    setting = "RELAIS_API_RATE_READ"


class WriteThrottle(WindowThrottle):
    setting = "RELAIS_API_RATE_WRITE"
    writes = True
