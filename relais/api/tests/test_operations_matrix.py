"""Every API operation, tried by every persona with a read-and-write token: the one who may gets it,
the one who may not gets 404 (for lists: does not find the object). Built from the OpenAPI document:
an operation without an entry fails `test_every_operation_is_in_the_matrix`. Read-only tokens are
refused every writing operation, and requests without a token every non-public one."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType
from typing import Any

import pytest
from django.db import transaction

import relais.api.tests as api_tests
from relais.api.main import api
from relais.api.models import TokenScope
from relais.api.tests.factories import ApiClient, make_token
from relais.api.tests.operations import PERSONAS, Op
from tests.test_permissions import ctx  # noqa: F401 - the shared context fixture


def _modules() -> list[ModuleType]:
    found = []
    for info in pkgutil.iter_modules(api_tests.__path__):
        if info.name.startswith("operations_"):
            found.append(importlib.import_module(f"relais.api.tests.{info.name}"))
    return found


MODULES = _modules()
MATRIX: dict[str, Op] = {key: op for module in MODULES for key, op in module.OPERATIONS.items()}
PREFIX = "/api/v1"


def _operations() -> set[str]:
    schema = api.get_openapi_schema(path_prefix=PREFIX)
    return {f"{method.upper()} {path.removeprefix(PREFIX)}" for path, ops in schema["paths"].items() for method in ops}


def test_every_operation_is_in_the_matrix() -> None:
    operations = _operations()
    assert operations - MATRIX.keys() == set(), "API operations without a permission entry"
    assert MATRIX.keys() - operations == set(), "entries for operations that no longer exist"


@pytest.fixture(scope="module")
def api_ctx(ctx: dict[str, Any], django_db_blocker: Any) -> dict[str, Any]:  # noqa: F811
    """The page matrix's objects and the API's own, built once for the module (in its transaction)."""
    with django_db_blocker.unblock():
        for module in MODULES:
            if hasattr(module, "context"):
                module.context(ctx)
    return ctx


def _call(client: ApiClient, key: str, op: Op, c: dict[str, Any]) -> Any:
    method, path = key.split(" ", 1)
    url = path.format(**op.params(c))
    if method == "GET":
        return client.get(url, op.query(c))
    body = op.body(c) if op.body is not None else None
    send = getattr(client, method.lower())
    return send(url) if method == "DELETE" else send(url, body)


def _ids(response: Any) -> set[Any]:
    return {item.get("id") for item in response.json().get("items", [])}


@pytest.mark.parametrize("key", sorted(MATRIX))
def test_operation_for_every_persona(db: None, api_ctx: dict[str, Any], key: str) -> None:
    op = MATRIX[key]
    tokens = {persona: make_token(api_ctx[persona]) for persona in PERSONAS}
    wrong = []
    for persona in PERSONAS:
        with transaction.atomic():
            response = _call(ApiClient(tokens[persona]), key, op, api_ctx)
            transaction.set_rollback(True)
        allowed = persona in op.may
        if op.listed is not None:
            wanted = op.listed(api_ctx)
            if response.status_code == 200:
                if (wanted in _ids(response)) != allowed:
                    wrong.append(f"{persona} {'should' if allowed else 'must not'} find {wanted} in {key}")
            elif allowed or response.status_code != 404:
                wrong.append(f"{persona} got {response.status_code} on {key}")
        elif allowed and response.status_code not in op.ok:
            wrong.append(f"{persona} should reach {key}, got {response.status_code}: {response.content[:300]!r}")
        elif not allowed and response.status_code != 404:
            wrong.append(f"{persona} must get 404 on {key}, got {response.status_code}")
    assert wrong == []


@pytest.mark.parametrize("key", sorted(k for k in MATRIX if not k.startswith("GET ")))
def test_read_only_token_may_not_write(db: None, api_ctx: dict[str, Any], key: str) -> None:
    client = ApiClient(make_token(api_ctx["admin"], TokenScope.READ))
    with transaction.atomic():
        response = _call(client, key, MATRIX[key], api_ctx)
        transaction.set_rollback(True)
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("key", sorted(MATRIX))
def test_without_a_token(db: None, api_ctx: dict[str, Any], key: str) -> None:
    op = MATRIX[key]
    with transaction.atomic():
        response = _call(ApiClient(), key, op, api_ctx)
        transaction.set_rollback(True)
    if op.public:
        assert response.status_code in op.ok | {200, 404}
    else:
        assert response.status_code == 401
        assert response["WWW-Authenticate"].startswith("Bearer")
