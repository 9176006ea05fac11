"""Shared fixtures: the personas every page is tried with (DESIGN.md §5).

- admin: platform administrator
- manager: programme manager of `programme`
- coordinator_al: country coordinator of `programme`, Albania only
- coordinator_it: country coordinator of `programme`, Italy only
- trainer: trainer in `programme`
- me_officer: M&E officer of `programme`
- viewer: viewer (donor) of `programme`
- outsider: an active account with no role anywhere
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation

from relais.programmes.tests.factories import make_programme
from tests.matrix import PERSONAS, make_personas  # noqa: F401 - the personas, for tests that list them


@pytest.fixture(autouse=True)
def _fast_and_quiet(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.RELAIS_REQUIRE_2FA = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with an empty cache: rate counters are keyed by user id, and ids come back
    from one test to the next when the rows are rolled back."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _own_search_index(settings: Any, tmp_path: Any) -> Iterator[None]:
    """Each test searches its own index (a replica of its own database), opened afresh."""
    import sys

    settings.RELAIS_SEARCH_DIR = tmp_path / "search"
    replica = sys.modules.get("relais.knowledge.search.replica")
    if replica is not None:
        replica.reset()
    yield
    replica = sys.modules.get("relais.knowledge.search.replica")
    if replica is not None:
        replica.reset()


@pytest.fixture(autouse=True)
def _english_between_tests() -> Iterator[None]:
    """Each test starts in English: a view that activates a language (a participant's page in
    Albanian, say) leaves it active in the thread, where the next test's code outside a request
    would find it."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def programme(db: None) -> Any:
    return make_programme(title_en="Fighting labour trafficking", title_fr="Combattre la traite par le travail")


@pytest.fixture
def other_programme(db: None) -> Any:
    return make_programme(title_en="Another programme", title_fr="Un autre programme")


@pytest.fixture
def personas(programme: Any) -> dict[str, Any]:
    return make_personas(programme)


@pytest.fixture
def admin_client(client: Any, personas: dict[str, Any]) -> Any:
    client.force_login(personas["admin"])
    return client
