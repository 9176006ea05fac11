from __future__ import annotations

import re
from base64 import b32decode
from typing import Any

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from relais.accounts.models import User
from relais.accounts.tests.factories import make_user
from relais.core.models import AuditEvent

PASSWORD = "correct horse battery"


def login(client: Any, email: str) -> Any:
    return client.post(reverse("accounts:login"), {"username": email, "password": PASSWORD})


def code_for(device: TOTPDevice, drift: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift):06d}"


@pytest.fixture
def admin(db: None) -> User:
    return make_user(email="admin@example.org", full_name="Alice Admin", is_superuser=True)


@pytest.fixture
def enforced(settings: Any) -> None:
    settings.RELAIS_REQUIRE_2FA = True


def test_administrator_must_set_up_a_second_factor_when_enforced(client: Any, admin: User, enforced: None) -> None:
    login(client, admin.email)
    response = client.get("/administration/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))

    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert 'src="data:image/svg+xml;base64,' in html
    key = re.search(r'<span class="secret">([A-Z2-7 ]+)</span>', html)
    assert key is not None
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    assert b32decode(key.group(1).replace(" ", "") + "=" * (-len(key.group(1).replace(" ", "")) % 8)) == device.bin_key

    wrong = client.post(reverse("accounts:two_factor_setup"), {"token": "000000", "next": "/administration/"})
    assert wrong.status_code == 200
    assert "This code is not valid" in wrong.content.decode()

    too_soon = client.post(reverse("accounts:two_factor_setup"), {"token": code_for(device)})
    assert "Wait a few seconds" in too_soon.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # as if the person waited

    ok = client.post(reverse("accounts:two_factor_setup"), {"token": code_for(device), "next": "/administration/"})
    assert ok.status_code == 302, re.findall(r"invalid-feedback[^>]*>([^<]+)", ok.content.decode())
    assert ok["Location"] == "/administration/"
    assert client.get("/administration/").status_code == 200
    assert AuditEvent.objects.filter(action="user.second_factor_enabled", object_id=str(admin.pk)).exists()


def test_a_user_with_an_authenticator_is_asked_for_a_code_at_login(client: Any, admin: User) -> None:
    device = TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    login(client, admin.email)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))
    assert client.get("/administration/users/").status_code == 302  # nothing else until verified

    bad = client.post(reverse("accounts:two_factor_verify"), {"token": "12345a"})
    assert "six digits" in bad.content.decode()
    response = client.post(reverse("accounts:two_factor_verify"), {"token": code_for(device), "next": "/"})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_repeated_wrong_codes_are_throttled(client: Any, admin: User) -> None:
    device = TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    login(client, admin.email)
    for _ in range(3):
        client.post(reverse("accounts:two_factor_verify"), {"token": "000000"})
    response = client.post(reverse("accounts:two_factor_verify"), {"token": code_for(device)})
    assert response.status_code == 200  # throttled: even the right code waits
    assert AuditEvent.objects.filter(action="auth.second_factor_failed").count() == 4


def test_second_factor_is_optional_for_other_roles_and_can_be_turned_off(client: Any, db: None, enforced: None) -> None:
    user = make_user(email="trainer@example.org")
    login(client, user.email)
    assert client.get("/").status_code == 200
    client.get(reverse("accounts:two_factor_setup"))
    device = TOTPDevice.objects.get(user=user)
    client.post(reverse("accounts:two_factor_setup"), {"token": code_for(device)})
    assert TOTPDevice.objects.get(user=user).confirmed
    client.post(reverse("accounts:two_factor_disable"))
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_enforced_administrator_cannot_turn_it_off(client: Any, admin: User, enforced: None) -> None:
    device = TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    login(client, admin.email)
    client.post(reverse("accounts:two_factor_verify"), {"token": code_for(device)})
    client.post(reverse("accounts:two_factor_disable"))
    assert TOTPDevice.objects.filter(user=admin).exists()


def test_administrator_resets_a_lost_authenticator(client: Any, admin: User) -> None:
    other = make_user(email="lost.phone@example.org")
    TOTPDevice.objects.create(user=other, name="phone", confirmed=True)
    client.force_login(admin)
    response = client.post(reverse("users:reset_second_factor", kwargs={"pk": other.pk}))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=other).exists()
    assert AuditEvent.objects.filter(action="user.second_factor_reset", object_id=str(other.pk)).exists()
