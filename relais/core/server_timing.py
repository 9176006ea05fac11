"""Server timing for benchmarks and load tests (off unless RELAIS_SERVER_TIMING is on).

Each response gets a `Server-Timing` header (the W3C header that browsers' developer tools show):
`app;dur=<ms>` for the whole request inside Django, `db;dur=<ms>;desc="<n> queries"` for the SQL it
ran. The bench reads it from real HTTP responses, so it measures the server under concurrent
clients, not one process calling views. It tells how many queries a page runs, so it is not turned
on in production by default.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.db import connections
from django.http import HttpRequest, HttpResponse


class _Counter:
    def __init__(self) -> None:
        self.queries = 0
        self.seconds = 0.0

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start
            self.queries += 1


_extra: ContextVar[dict[str, float] | None] = ContextVar("relais_server_timing", default=None)


def record(name: str, ms: float) -> None:
    """Add a part of the request to its Server-Timing header (`name;dur=ms`), when it is measured:
    e.g. the knowledge centre's search inside its page. Costs nothing when timing is off."""
    extra = _extra.get()
    if extra is not None:
        extra[name] = extra.get(name, 0.0) + ms


class ServerTimingMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        counter = _Counter()
        extra: dict[str, float] = {}
        token = _extra.set(extra)
        start = time.perf_counter()
        try:
            with connections["default"].execute_wrapper(counter):
                response = self.get_response(request)
        finally:
            _extra.reset(token)
        elapsed = time.perf_counter() - start
        parts = [
            f"app;dur={elapsed * 1000:.2f}",
            f'db;dur={counter.seconds * 1000:.2f};desc="{counter.queries} queries"',
            *(f"{name};dur={ms:.2f}" for name, ms in extra.items()),
        ]
        response["Server-Timing"] = ", ".join(parts)
        return response


def parse(header: str) -> dict[str, float]:
    """`{"app": ms, "db": ms, "queries": n, <part>: ms…}` from a Server-Timing header written above."""
    out: dict[str, float] = {}
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        name = fields[0]
        for field in fields[1:]:
            key, _, value = field.partition("=")
            if key == "dur":
                out[name] = float(value)
            elif key == "desc" and value.strip('"').endswith(" queries"):
                out["queries"] = float(value.strip('"').split()[0])
    return out
