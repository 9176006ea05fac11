"""Every page, tried by every persona: the one who may gets it, the one who may not gets 404.

The matrix is checked against the URL configuration: a new named URL without an entry here fails
`test_every_url_is_in_the_matrix`, so no page escapes the permission review.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import PERSONAS
from relais.accounts.tests.factories import make_user
from relais.core.models import Country
from relais.programmes.models import ProgrammeRole

ALL = frozenset(PERSONAS)
ADMIN = frozenset({"admin"})
PROGRAMME_MEMBERS = ALL - {"outsider"}


@dataclass(frozen=True)
class Page:
    kwargs: Callable[[dict[str, Any]], dict[str, Any]] = field(default=lambda ctx: {})
    may: frozenset[str] = ALL
    method: str = "get"
    data: Callable[[dict[str, Any]], dict[str, Any]] = field(default=lambda ctx: {})
    public: bool = False  # reachable without logging in


MATRIX: dict[str, Page] = {
    # Public pages: no login needed.
    "core:healthz": Page(public=True),
    "accounts:login": Page(public=True),
    "accounts:password_reset": Page(public=True),
    "accounts:password_reset_done": Page(public=True),
    "accounts:password_reset_complete": Page(public=True),
    "accounts:password_reset_confirm": Page(
        kwargs=lambda ctx: {"uidb64": "MQ", "token": "set-password"}, public=True
    ),
    "accounts:set_language": Page(
        method="post", data=lambda ctx: {"language": "fr", "next": "/"}, public=True
    ),
    # Every logged-in user.
    "core:home": Page(),
    "accounts:profile": Page(),
    "accounts:password_change": Page(),
    "accounts:two_factor_setup": Page(),
    "accounts:two_factor_verify": Page(),
    "accounts:two_factor_disable": Page(method="post"),
    "accounts:logout": Page(method="post"),
    "programmes:list": Page(),
    # Scoped by programme.
    "programmes:detail": Page(kwargs=lambda ctx: {"pk": ctx["programme"].pk}, may=PROGRAMME_MEMBERS),
    # Administrators only.
    "core:administration": Page(may=ADMIN),
    "core:audit_log": Page(may=ADMIN),
    "core:reference": Page(kwargs=lambda ctx: {"kind": "countries"}, may=ADMIN),
    "core:reference_new": Page(kwargs=lambda ctx: {"kind": "themes"}, may=ADMIN),
    "core:reference_edit": Page(kwargs=lambda ctx: {"kind": "countries", "pk": ctx["country"].pk}, may=ADMIN),
    "users:list": Page(may=ADMIN),
    "users:new": Page(may=ADMIN),
    "users:detail": Page(kwargs=lambda ctx: {"pk": ctx["target"].pk}, may=ADMIN),
    "users:toggle_active": Page(kwargs=lambda ctx: {"pk": ctx["target"].pk}, may=ADMIN, method="post"),
    "users:reset_second_factor": Page(kwargs=lambda ctx: {"pk": ctx["target"].pk}, may=ADMIN, method="post"),
    "users:send_invitation": Page(kwargs=lambda ctx: {"pk": ctx["target"].pk}, may=ADMIN, method="post"),
    "programmes:role_assign": Page(
        kwargs=lambda ctx: {"user_pk": ctx["target"].pk},
        may=ADMIN,
        method="post",
        data=lambda ctx: {"programme": ctx["programme"].pk, "role": "viewer"},
    ),
    "programmes:role_remove": Page(
        kwargs=lambda ctx: {"user_pk": ctx["target"].pk, "pk": ctx["target_role"].pk},
        may=ADMIN,
        method="post",
    ),
}


def _url_names(patterns: list[Any], namespace: str | None = None) -> set[str]:
    names: set[str] = set()
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            names |= _url_names(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            names.add(f"{namespace}:{p.name}" if namespace else p.name)
    return names


def test_every_url_is_in_the_matrix() -> None:
    names = {n for n in _url_names(get_resolver().url_patterns) if not n.startswith(("django_htmx", "djdt"))}
    assert names - MATRIX.keys() == set(), "named URLs without a permission entry"
    assert MATRIX.keys() - names == set(), "entries for URLs that no longer exist"


@pytest.fixture
def ctx(personas: dict[str, Any], programme: Any, other_programme: Any) -> dict[str, Any]:
    target = make_user(email="target@example.org", full_name="Target Person")
    target_role = ProgrammeRole.objects.create(user=target, programme=programme, role="trainer")
    return {
        "programme": programme,
        "other": other_programme,
        "country": Country.objects.get(code="AL"),
        "target": target,
        "target_role": target_role,
        **personas,
    }


def _request(client: Any, name: str, page: Page, ctx: dict[str, Any]) -> Any:
    url = reverse(name, kwargs=page.kwargs(ctx))
    call = client.post if page.method == "post" else client.get
    return call(url, page.data(ctx))


@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.parametrize("persona", PERSONAS)
def test_page_for_persona(client: Any, ctx: dict[str, Any], name: str, persona: str) -> None:
    page = MATRIX[name]
    client.force_login(ctx[persona])
    response = _request(client, name, page, ctx)
    if persona in page.may or page.public:
        assert response.status_code in (200, 302), f"{persona} should reach {name}"
        if response.status_code == 302:
            assert "/accounts/login" not in response["Location"] or name == "accounts:logout"
    else:
        assert response.status_code == 404, f"{persona} must get 404 on {name}, got {response.status_code}"


@pytest.mark.parametrize("name", sorted(n for n, p in MATRIX.items() if not p.public))
def test_anonymous_is_sent_to_login(client: Any, ctx: dict[str, Any], name: str) -> None:
    response = _request(client, name, MATRIX[name], ctx)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_programme_of_others_is_404_for_its_non_members(client: Any, ctx: dict[str, Any]) -> None:
    url = reverse("programmes:detail", kwargs={"pk": ctx["other"].pk})
    for persona in PERSONAS:
        client.force_login(ctx[persona])
        expected = 200 if persona == "admin" else 404
        assert client.get(url).status_code == expected, persona


def test_reference_kind_that_does_not_exist_is_404(admin_client: Any) -> None:
    assert admin_client.get("/administration/reference/passwords/").status_code == 404
