"""The public check of a certificate: no login, valid, revoked or unknown, nothing personal beyond
the name as printed, throttled per address."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from relais.delivery.tests.permissions_attendance import build_world

CODE = "7KQ2-M9XD-4HTR-AB3C"


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()  # the throttle counts lookups per address in the cache


@pytest.fixture
def world(programme: Any, personas: dict[str, Any]) -> dict[str, Any]:
    return {**build_world(programme, personas["trainer"]), **personas}


def check(client: Any, code: str, language: str = "en") -> Any:
    return client.get(reverse("delivery:verify_code", kwargs={"code": code}), headers={"accept-language": language})


def test_valid_certificate_without_login(client: Any, world: dict[str, Any]) -> None:
    response = check(client, CODE)
    assert response.status_code == 200
    html = response.content.decode()
    for expected in ["This certificate is valid", "Ana Hoxha", "Joint investigation training", "Tirana, Albania"]:
        assert expected in html, expected
    assert "2 March 2026 – 3 March 2026" in html
    # Nothing else about the person: no e-mail, no organisation, no profession, no other participant.
    for hidden in ["ana@ex.org", "State Labour Inspectorate", "Labour inspection", "Krasniqi", "Berisha"]:
        assert hidden not in html, hidden
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("typed", ["7kq2-m9xd-4htr-ab3c", "7KQ2M9XD4HTRAB3C", "7KQ2-M9XD-4HTR-AB3C"])
def test_code_is_found_however_it_is_typed(client: Any, world: dict[str, Any], typed: str) -> None:
    assert check(client, typed).status_code == 200


def test_revoked_certificate(client: Any, world: dict[str, Any]) -> None:
    certificate = world["certificate"]
    certificate.revoked_at = timezone.make_aware(dt.datetime(2026, 4, 1, 10, 0))
    certificate.save()
    html = check(client, CODE).content.decode()
    assert "This certificate is no longer valid" in html
    assert "It was revoked on 1 April 2026." in html
    assert "This certificate is valid" not in html


@pytest.mark.parametrize("code", ["AAAA-BBBB-CCCC-DDDD", "7KQ2-M9XD-4HTR-AB3D", "x", "7KQ2"])
def test_unknown_code(client: Any, world: dict[str, Any], code: str) -> None:
    response = check(client, code)
    assert response.status_code == 404
    html = response.content.decode()
    assert "No certificate has this code" in html
    assert "Ana" not in html and "Joint investigation" not in html


def test_form_leads_to_the_result(client: Any, world: dict[str, Any]) -> None:
    response = client.get(reverse("delivery:verify"))
    assert response.status_code == 200
    assert "Verification code" in response.content.decode()
    response = client.get(reverse("delivery:verify"), {"code": " 7kq2 m9xd 4htr ab3c "})
    assert response.status_code == 302
    assert response["Location"] == reverse("delivery:verify_code", kwargs={"code": CODE})
    response = client.get(reverse("delivery:verify"), {"code": "--"})
    assert response.status_code == 200 and "Type the code printed on the certificate." in response.content.decode()


def test_logged_in_users_see_the_same(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["coordinator_it"])  # no access to the session, yet the check is public
    assert "Ana Hoxha" in check(client, CODE).content.decode()


def test_in_french(client: Any, world: dict[str, Any]) -> None:
    html = check(client, CODE, "fr").content.decode()
    assert "Albanie" in html and "2 mars 2026" in html


def test_lookups_are_throttled_per_address(client: Any, settings: Any, world: dict[str, Any]) -> None:
    settings.RELAIS_VERIFY_LIMIT = 3
    for _ in range(3):
        assert check(client, "AAAA-BBBB-CCCC-DDDD").status_code == 404
    response = check(client, CODE)
    assert response.status_code == 429
    assert "Too many codes were checked" in response.content.decode()
    assert int(response["Retry-After"]) > 0
    other = client.get(reverse("delivery:verify_code", kwargs={"code": CODE}), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200
