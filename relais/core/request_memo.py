"""What one request reads several times, read once: a memo that lives for the request alone.

Pages ask the same question many times (a coordinator's programmes and countries: once per panel
that checks what the user may see). `remember(key, compute)` answers from the request's memo after
the first time. Outside a request (services called by a task, a command, a test) nothing is
remembered. Writes that change an answer call `forget()` (the programmes app does it whenever a
role changes), so a request that changes roles and then reads them sees the change.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse

T = TypeVar("T")

_memo: ContextVar[dict[Hashable, Any] | None] = ContextVar("relais_request_memo", default=None)


def remember(key: Hashable, compute: Callable[[], T]) -> T:
    store = _memo.get()
    if store is None:
        return compute()
    if key not in store:
        store[key] = compute()
    return store[key]


def forget() -> None:
    store = _memo.get()
    if store is not None:
        store.clear()


class RequestMemoMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)
