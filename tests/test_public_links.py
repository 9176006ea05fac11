"""Public links are unguessable (DESIGN.md §7, issue 10).

Every address that an anonymous visitor may open and that carries a secret (a participant's personal
link, a session's entry page, a certificate's code, a password-reset link) is listed in PUBLIC_LINKS
with the generator of its secret and the entropy it must have. The test walks the URL configuration:
a new address reachable without an account whose parameters are strings, and which is not listed
here, fails `test_every_public_address_with_a_secret_is_listed` — so no one adds a public page keyed
by something guessable without this review.
"""

from __future__ import annotations

import math
import re
import secrets
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from relais.delivery.services_certificates import ALPHABET, CODE_LENGTH, code_new
from relais.evaluation.tokens import new_token

# name → (generator of the secret, bits of entropy it carries, minimum required)
PUBLIC_LINKS: dict[str, tuple[Callable[[], str], float, int]] = {
    # Participants' links: 24 random bytes, URL-safe base 64.
    "evaluation:answer": (new_token, 24 * 8, 128),
    "evaluation:answer_thanks": (new_token, 24 * 8, 128),
    "evaluation:entry": (new_token, 24 * 8, 128),
    "evaluation:anonymous": (new_token, 24 * 8, 128),
    "evaluation:anonymous_thanks": (new_token, 24 * 8, 128),
    "evaluation:answer_privacy": (new_token, 24 * 8, 128),
    "evaluation:entry_privacy": (new_token, 24 * 8, 128),
    # Certificate codes are typed back from paper: 80 bits, and lookups are throttled per address.
    "delivery:verify_code": (code_new, CODE_LENGTH * math.log2(len(ALPHABET)), 80),
}
# Public addresses whose secret is Django's own (signed, time-limited) or that hold no secret at all.
NOT_SECRET = {
    "accounts:password_reset_confirm",  # Django's signed token, valid once and for PASSWORD_RESET_TIMEOUT
    # Published on purpose (public documents of the catalogue, public publications), reached by number;
    # the string is a file format. Unpublished ones are 404 to visitors (the permission matrix tests it).
    "knowledge:cite",
    "publications:public_download",
}


def _patterns(patterns: list[Any], prefix: str = "", namespace: str | None = None) -> Iterator[tuple[str, str]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
            yield from _patterns(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern) and p.name:
            yield (f"{namespace}:{p.name}" if namespace else p.name), prefix + str(p.pattern)


def _fill(route: str) -> str:
    """A concrete address for a route, with made-up values: numbers that exist nowhere, random strings."""
    route = re.sub(r"<int:\w+>", "987654", route)
    route = re.sub(r"<(?:str|slug|path):\w+>|<\w+>", lambda _m: "x" + secrets.token_hex(8), route)
    return "/" + route.lstrip("^").rstrip("$")


def _string_keyed_public_routes(client: Any) -> dict[str, str]:
    """Routes with a string parameter that an anonymous visitor reaches without being sent to log in."""
    found = {}
    for name, route in _patterns(get_resolver().url_patterns):
        if name.startswith(("api_v1", "django_htmx", "djdt")) or not re.search(r"<(?:str|slug|path)?:?\w+>", route):
            continue
        if re.fullmatch(r"(?:[^<]*<int:\w+>)*[^<]*", route):
            continue  # numbers only: covered by the permission matrix (404 for what one may not see)
        response = client.get(_fill(route))
        if response.status_code in (301, 302) and "/accounts/login/" in response.get("Location", ""):
            continue
        if response.status_code in (401, 403):
            continue
        found[name] = route
    return found


def test_every_public_address_with_a_secret_is_listed(client: Any, db: None) -> None:
    public = _string_keyed_public_routes(client)
    unlisted = {name: route for name, route in public.items() if name not in PUBLIC_LINKS and name not in NOT_SECRET}
    assert not unlisted, f"public addresses keyed by a string, not reviewed in PUBLIC_LINKS: {unlisted}"
    assert set(PUBLIC_LINKS) <= set(public) | NOT_SECRET, "a listed address now needs an account: update the list"


@pytest.mark.parametrize("name", sorted(PUBLIC_LINKS))
def test_secrets_have_the_entropy_they_claim(name: str) -> None:
    make, bits, minimum = PUBLIC_LINKS[name]
    assert bits >= minimum
    drawn = [make() for _ in range(2000)]
    assert len(set(drawn)) == len(drawn)
    # Every character position varies: nothing fixed, no counter, no timestamp in the secret.
    for position in range(min(len(s) for s in drawn)):
        assert len({s[position] for s in drawn}) > 8, (name, position)


@pytest.mark.parametrize("name", sorted(PUBLIC_LINKS))
def test_a_made_up_secret_is_a_plain_404(client: Any, db: None, name: str) -> None:
    route = dict(_patterns(get_resolver().url_patterns))[name]
    response = client.get(_fill(route))
    assert response.status_code in (404, 429), (name, response.status_code)
