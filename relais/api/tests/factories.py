"""Tokens and an API client for tests."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from relais.api.models import TokenScope
from relais.api.services import token_create


def make_token(user: Any, scope: str = TokenScope.WRITE, name: str = "Test", days: int | None = None) -> str:
    _token, secret = token_create(actor=user, name=name, scope=scope, days=days)
    return secret


class ApiClient:
    """Django's test client speaking JSON with a bearer token."""

    def __init__(self, token: str | None = None, language: str = "en") -> None:
        self.client = Client()
        self.headers: dict[str, str] = {"Accept-Language": language}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"

    def _url(self, path: str) -> str:
        return path if path.startswith("/api/") else f"/api/v1{path}"

    def get(self, path: str, params: dict[str, Any] | None = None, **headers: str) -> Any:
        return self.client.get(self._url(path), params or {}, headers={**self.headers, **headers})

    def _send(self, method: str, path: str, body: Any, headers: dict[str, str]) -> Any:
        call = getattr(self.client, method)
        return call(
            self._url(path),
            data=json.dumps(body) if body is not None else None,
            content_type="application/json",
            headers={**self.headers, **headers},
        )

    def post(self, path: str, body: Any = None, **headers: str) -> Any:
        return self._send("post", path, body, headers)

    def patch(self, path: str, body: Any = None, **headers: str) -> Any:
        return self._send("patch", path, body, headers)

    def put(self, path: str, body: Any = None, **headers: str) -> Any:
        return self._send("put", path, body, headers)

    def delete(self, path: str, **headers: str) -> Any:
        return self._send("delete", path, None, headers)


def api_for(user: Any, scope: str = TokenScope.WRITE, language: str = "en") -> ApiClient:
    return ApiClient(make_token(user, scope), language)
