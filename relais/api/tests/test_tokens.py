"""Personal API tokens: kept hashed, shown once, revoked, expired, bound to an active owner, read-only
or read-write, last use noted; the My account pages that manage them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from relais.api.models import ApiToken, TokenScope
from relais.api.selectors import token_authenticate
from relais.api.services import MAX_ACTIVE_TOKENS, token_create, token_revoke
from relais.api.tests.factories import ApiClient, make_token
from relais.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_the_secret_is_not_stored(personas: dict[str, Any]) -> None:
    token, secret = token_create(actor=personas["manager"], name="Ministry", scope=TokenScope.READ, days=30)
    assert secret.startswith(f"relais_{token.prefix}_")
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret not in {stored.digest, stored.prefix, stored.name}
    assert len(stored.digest) == 64
    assert token_authenticate(secret) == token
    assert token_authenticate(secret[:-1] + ("A" if secret[-1] != "A" else "B")) is None
    event = AuditEvent.objects.get(action="api.token_created")
    assert event.details["prefix"] == token.prefix and secret not in str(event.details)


@pytest.mark.parametrize(
    "values, field",
    [
        ({"name": "  ", "scope": "read", "days": 30}, "name"),
        ({"name": "x", "scope": "admin", "days": 30}, "scope"),
        ({"name": "x", "scope": "read", "days": 0}, "days"),
        ({"name": "x", "scope": "read", "days": 400}, "days"),
    ],
)
def test_token_create_refuses_bad_input(personas: dict[str, Any], values: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as error:
        token_create(actor=personas["manager"], **values)
    assert field in error.value.message_dict
    assert not ApiToken.objects.exists()


def test_active_tokens_are_capped(personas: dict[str, Any]) -> None:
    for n in range(MAX_ACTIVE_TOKENS):
        token_create(actor=personas["trainer"], name=f"t{n}", scope="read", days=None)
    with pytest.raises(ValidationError):
        token_create(actor=personas["trainer"], name="one too many", scope="read", days=None)
    token_revoke(actor=personas["trainer"], token=ApiToken.objects.filter(user=personas["trainer"]).first())  # type: ignore[arg-type]
    token_create(actor=personas["trainer"], name="after a revocation", scope="read", days=None)


def test_revoked_expired_and_deactivated_tokens_are_refused(personas: dict[str, Any]) -> None:
    manager = personas["manager"]
    secret = make_token(manager)
    client = ApiClient(secret)
    assert client.get("/programmes").status_code == 200
    token = ApiToken.objects.get(user=manager)
    token.expires_at = timezone.now() - dt.timedelta(seconds=1)
    token.save()
    assert client.get("/programmes").status_code == 401
    token.expires_at = None
    token.save()
    manager.is_active = False
    manager.save()
    assert client.get("/programmes").status_code == 401
    manager.is_active = True
    manager.save()
    token_revoke(actor=manager, token=token)
    response = client.get("/programmes")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["type"].endswith("#problem-unauthenticated")


@pytest.mark.parametrize(
    "header", ["Bearer", "Bearer nonsense", "Basic dXNlcjpwYXNz", "Bearer relais_ABCDEFGH_" + "x" * 43]
)
def test_malformed_or_unknown_tokens_are_401(db: None, header: str) -> None:
    response = ApiClient().get("/programmes", Authorization=header)
    assert response.status_code == 401


def test_last_use_is_noted_at_most_once_a_minute(personas: dict[str, Any]) -> None:
    secret = make_token(personas["viewer"], TokenScope.READ)
    token = ApiToken.objects.get(user=personas["viewer"])
    assert token.last_used_at is None
    ApiClient(secret).get("/programmes")
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None and token.last_used_ip == "127.0.0.1"
    ApiClient(secret).get("/programmes")
    token.refresh_from_db()
    assert token.last_used_at == first


def test_tokens_page_shows_the_secret_once_and_lists_last_use(client: Any, personas: dict[str, Any]) -> None:
    client.force_login(personas["coordinator_al"])
    url = reverse("api:tokens")
    response = client.post(url, {"name": "Albanian police academy", "scope": "write", "days": "90"})
    assert response.status_code == 302 and response["Location"] == url
    response = client.get(url)
    secret = response.context["created"]["secret"]
    assert secret in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]
    page = client.get(url).content.decode()
    assert secret not in page
    assert "Albanian police academy" in page and "Never" in page
    ApiClient(secret).get("/programmes")
    assert "127.0.0.1" in client.get(url).content.decode()


def test_tokens_page_shows_form_errors(client: Any, personas: dict[str, Any]) -> None:
    client.force_login(personas["trainer"])
    response = client.post(reverse("api:tokens"), {"name": "", "scope": "everything"})
    assert response.status_code == 422
    assert not ApiToken.objects.exists()


def test_owner_revokes_and_others_get_404(client: Any, personas: dict[str, Any]) -> None:
    token, _secret = token_create(actor=personas["trainer"], name="Mine", scope="read", days=None)
    url = reverse("api:token_revoke", kwargs={"pk": token.pk})
    client.force_login(personas["manager"])
    assert client.post(url).status_code == 404
    client.force_login(personas["trainer"])
    assert client.post(url).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(action="api.token_revoked").count() == 1


def test_administrator_revokes_from_the_user_page(client: Any, personas: dict[str, Any]) -> None:
    token, _secret = token_create(actor=personas["trainer"], name="Trainer's laptop", scope="write", days=None)
    client.force_login(personas["admin"])
    detail = client.get(reverse("users:detail", kwargs={"pk": personas["trainer"].pk})).content.decode()
    assert "Trainer&#x27;s laptop" in detail or "Trainer's laptop" in detail
    response = client.post(reverse("api:token_revoke", kwargs={"pk": token.pk}))
    assert response["Location"] == reverse("users:detail", kwargs={"pk": personas["trainer"].pk})
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_account_page_links_to_the_tokens(client: Any, personas: dict[str, Any]) -> None:
    make_token(personas["viewer"], TokenScope.READ)
    client.force_login(personas["viewer"])
    page = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("api:tokens") in page and "1 active API token" in page


@pytest.mark.parametrize("event", ["deactivated", "second_factor_reset", "password_reset"])
def test_withdrawing_access_revokes_every_token(personas: dict[str, Any], client: Any, event: str) -> None:
    from relais.accounts import services as accounts

    trainer = personas["trainer"]
    secrets = [make_token(trainer), make_token(trainer, TokenScope.READ)]
    if event == "deactivated":
        accounts.user_set_active(actor=personas["admin"], user=trainer, active=False)
        accounts.user_set_active(actor=personas["admin"], user=trainer, active=True)  # reactivating revives none
    elif event == "second_factor_reset":
        accounts.user_reset_second_factor(actor=personas["admin"], user=trainer)
    else:
        from django.contrib.auth.tokens import default_token_generator
        from django.utils.encoding import force_bytes
        from django.utils.http import urlsafe_base64_encode

        uid = urlsafe_base64_encode(force_bytes(trainer.pk))
        url = reverse(
            "accounts:password_reset_confirm",
            kwargs={"uidb64": uid, "token": default_token_generator.make_token(trainer)},
        )
        form_url = client.get(url)["Location"]
        new = "a brand new long password 2026"
        assert client.post(form_url, {"new_password1": new, "new_password2": new}).status_code == 302
    assert all(ApiClient(s).get("/programmes").status_code == 401 for s in secrets)
    assert ApiToken.objects.filter(user=trainer, revoked_at__isnull=True).count() == 0
    assert AuditEvent.objects.filter(action="api.token_revoked", details__reason=event).count() == 2
