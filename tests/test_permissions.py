"""Every page, tried by every persona: the one who may gets it, the one who may not gets 404.

Pages are listed per app in relais/<app>/tests/permissions.py (see tests/matrix.py). The matrix is
checked against the URL configuration: a new named URL without an entry fails
`test_every_url_is_in_the_matrix`, so no page escapes the permission review.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import relais
from relais.accounts.tests.factories import make_user
from relais.core.models import Country
from relais.programmes.models import ProgrammeRole
from relais.programmes.tests.factories import make_programme
from tests.matrix import PERSONAS, Page, make_personas

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _permission_modules() -> list[ModuleType]:
    modules = []
    for app in pkgutil.iter_modules(relais.__path__):
        try:
            modules.append(importlib.import_module(f"relais.{app.name}.tests.permissions"))
        except ModuleNotFoundError:
            continue
    return modules


MODULES = _permission_modules()
MATRIX: dict[str, Page] = {name: page for module in MODULES for name, page in module.PAGES.items()}


def _url_names(patterns: list[Any], namespace: str | None = None) -> set[str]:
    names: set[str] = set()
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            names |= _url_names(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            names.add(f"{namespace}:{p.name}" if namespace else p.name)
    return names


API_DOCUMENTS = {"api_v1:openapi-json", "api_v1:api-root"}


def test_every_url_is_in_the_matrix() -> None:
    names = {n for n in _url_names(get_resolver().url_patterns) if not n.startswith(("django_htmx", "djdt"))}
    # The API's operations have their own matrix (relais/api/tests/test_operations_matrix.py).
    names = {n for n in names if not n.startswith("api_v1:") or n in API_DOCUMENTS}
    assert names - MATRIX.keys() == set(), "named URLs without a permission entry"
    assert MATRIX.keys() - names == set(), "entries for URLs that no longer exist"


def build_context() -> dict[str, Any]:
    """The personas, two programmes, and every app's objects for its pages (`context` in each app's
    tests/permissions.py)."""
    programme = make_programme(title_en="Fighting labour trafficking", title_fr="Combattre la traite par le travail")
    other_programme = make_programme(title_en="Another programme", title_fr="Un autre programme")
    personas = make_personas(programme)
    target = make_user(email="target@example.org", full_name="Target Person")
    target_role = ProgrammeRole.objects.create(user=target, programme=programme, role="trainer")
    context: dict[str, Any] = {
        "programme": programme,
        "other": other_programme,
        "country": Country.objects.get(code="AL"),
        "target": target,
        "target_role": target_role,
        **personas,
    }
    for module in MODULES:
        if hasattr(module, "context"):
            module.context(context)
    return context


@contextmanager
def module_transaction(django_db_blocker: Any) -> Iterator[None]:
    """A transaction for a whole test module, rolled back at its end: objects built once in it are
    seen by every test, and each test's own writes stay in its savepoint (pytest-django's `db`)."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def ctx(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """Built once per module (it was once per test: a few hundred milliseconds, 300 times)."""
    with module_transaction(django_db_blocker):
        yield build_context()


def _request(client: Any, name: str, page: Page, ctx: dict[str, Any]) -> Any:
    url = reverse(name, kwargs=page.kwargs(ctx))
    call = client.post if page.method == "post" else client.get
    return call(url, page.data(ctx))


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_page_for_every_persona(db: None, client: Any, ctx: dict[str, Any], name: str) -> None:
    """Each persona in turn, each inside a savepoint rolled back afterwards, so that a POST by one
    (a deletion, say) does not change what the next one finds; the objects are built once."""
    page = MATRIX[name]
    wrong = []
    for persona in PERSONAS:
        with transaction.atomic():
            client.force_login(ctx[persona])
            response = _request(client, name, page, ctx)
            transaction.set_rollback(True)
        if persona in page.may or page.public:
            if response.status_code not in page.ok:
                wrong.append(f"{persona} should reach {name}, got {response.status_code}")
            elif (
                response.status_code == 302 and "/accounts/login" in response["Location"] and name != "accounts:logout"
            ):
                wrong.append(f"{persona} was sent to the login page by {name}")
        elif response.status_code != 404:
            wrong.append(f"{persona} must get 404 on {name}, got {response.status_code}")
    client.logout()
    if not page.public:
        with transaction.atomic():
            response = _request(client, name, page, ctx)
            transaction.set_rollback(True)
        if response.status_code != 302 or not response["Location"].startswith(reverse("accounts:login")):
            wrong.append(f"anonymous must be sent to the login page by {name}, got {response.status_code}")
    assert wrong == []


def test_programme_of_others_is_404_for_its_non_members(db: None, client: Any, ctx: dict[str, Any]) -> None:
    url = reverse("programmes:detail", kwargs={"pk": ctx["other"].pk})
    for persona in PERSONAS:
        client.force_login(ctx[persona])
        expected = 200 if persona == "admin" else 404
        assert client.get(url).status_code == expected, persona


def test_reference_kind_that_does_not_exist_is_404(db: None, client: Any, ctx: dict[str, Any]) -> None:
    client.force_login(ctx["admin"])
    assert client.get("/administration/reference/passwords/").status_code == 404
