"""A guard in front of every API operation for input no database can store: NUL characters in text
(PostgreSQL refuses them) and integers beyond a 64-bit id (SQLite overflows). Such input gets a 422
problem naming the field (a 404 when it is an id in the path), before any view runs — so no endpoint
has to think of it, and none answers 500."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from relais.api.problems import field_error, invalid_response, not_found_response

PREFIX = "/api/v1/"
MAX_INT = 9_223_372_036_854_775_807
_DIGITS = re.compile(r"^\d+$")


def _walk(value: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], str]]:
    """(path, problem) for every unstorable value inside a parsed JSON body."""
    if len(path) > 32:
        yield path, "deep"
        return
    if isinstance(value, str):
        if "\x00" in value:
            yield path, "nul"
    elif isinstance(value, bool):
        return
    elif isinstance(value, int):
        if abs(value) > MAX_INT:
            yield path, "big"
    elif isinstance(value, dict):
        for key, item in value.items():
            if "\x00" in key:
                yield (*path, key), "nul"
            yield from _walk(item, (*path, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*path, str(index)))


def _message(kind: str) -> str:
    if kind == "deep":
        return _("The body is nested too deeply.")
    return _("Text may not contain NUL characters.") if kind == "nul" else _("This number is too large.")


def problems_in(request: HttpRequest) -> tuple[int, list[dict[str, Any]]]:
    """(status, field errors) of the request's unstorable input; (0, []) when there is none."""
    for segment in request.path[len(PREFIX) :].split("/"):
        if _DIGITS.match(segment) and int(segment) > MAX_INT:
            return 404, []
    errors = []
    for key, values in request.GET.lists():
        for value in values:
            if "\x00" in key or "\x00" in value:
                errors.append(field_error(key.replace("\x00", ""), _message("nul"), "query"))
            elif _DIGITS.match(value.strip().lstrip("-+")) and abs(int(value)) > MAX_INT:
                errors.append(field_error(key, _message("big"), "query"))
    if "\x00" in request.headers.get("Idempotency-Key", ""):
        errors.append(field_error("Idempotency-Key", _message("nul"), "header"))
    if request.method in {"POST", "PUT", "PATCH"} and request.body:
        # Whatever the Content-Type says: ninja reads any body as JSON.
        try:
            body = json.loads(request.body)
        except (ValueError, UnicodeDecodeError):
            body = None  # ninja says what is wrong with it
        except RecursionError:
            return 422, [field_error("", _("The body is nested too deeply."), "body")]
        for path, kind in _walk(body):
            errors.append(field_error(".".join(path), _message(kind), "body"))
    return (422, errors) if errors else (0, [])


class ApiInputGuard:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(PREFIX):
            status, errors = problems_in(request)
            if status == 404:
                return not_found_response(request)
            if status:
                return invalid_response(request, errors)
        return self.get_response(request)
