"""Programme managers see every participant of their programmes: like administrators, they must use a
second factor when RELAIS_REQUIRE_2FA is on (production); other roles may choose to."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from relais.accounts.selectors import second_factor_required
from relais.accounts.tests.factories import make_user
from relais.programmes.models import Role
from relais.programmes.tests.factories import give_role, make_programme

PASSWORD = "correct horse battery"


@pytest.fixture
def enforced(settings: Any) -> None:
    settings.RELAIS_REQUIRE_2FA = True


def login(client: Any, email: str) -> None:
    client.post(reverse("accounts:login"), {"username": email, "password": PASSWORD})


def test_a_programme_manager_must_set_up_a_second_factor(client: Any, db: None, enforced: None) -> None:
    manager = make_user(email="manager@example.org")
    give_role(manager, make_programme(), Role.MANAGER)
    login(client, manager.email)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))
    client.get(reverse("accounts:two_factor_setup"))
    device = TOTPDevice.objects.get(user=manager)
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    client.post(reverse("accounts:two_factor_setup"), {"token": code})
    assert client.get("/").status_code == 200
    client.post(reverse("accounts:two_factor_disable"))
    assert TOTPDevice.objects.filter(user=manager, confirmed=True).exists()  # may not turn it off


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.TRAINER, Role.ME_OFFICER, Role.VIEWER])
def test_other_roles_are_not_forced(client: Any, db: None, enforced: None, role: str) -> None:
    user = make_user(email="someone@example.org")
    give_role(user, make_programme(), role)
    login(client, user.email)
    assert client.get("/").status_code == 200
    assert not second_factor_required(user)


def test_nobody_is_forced_when_turned_off(db: None, settings: Any) -> None:
    settings.RELAIS_REQUIRE_2FA = False
    manager = make_user(email="manager@example.org")
    give_role(manager, make_programme(), Role.MANAGER)
    assert not second_factor_required(manager)
    assert not second_factor_required(make_user(email="admin@example.org", is_superuser=True))
