from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from relais.accounts.models import User
from relais.accounts.tests.factories import make_user
from relais.core.models import AuditEvent

PASSWORD = "correct horse battery"


@pytest.fixture
def person(db: None) -> User:
    return make_user(email="irena.petrovic@example.org", full_name="Irena Petrović", language="fr")


def login(client: Any, email: str, password: str = PASSWORD) -> Any:
    return client.post(reverse("accounts:login"), {"username": email, "password": password})


def test_login_by_email_ignores_case_and_sets_the_language_of_the_account(client: Any, person: User) -> None:
    response = login(client, "  Irena.Petrovic@EXAMPLE.org ")
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    home = client.get("/")
    assert "Bienvenue, Irena" in home.content.decode()
    assert AuditEvent.objects.filter(action="auth.login", object_id=str(person.pk)).count() == 1


def test_wrong_password_is_refused_with_a_clear_message(client: Any, person: User) -> None:
    response = login(client, person.email, "wrong password")
    assert response.status_code == 200
    assert "do not match an active account" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="auth.login_failed").count() == 1


def test_inactive_account_cannot_log_in(client: Any, person: User) -> None:
    person.is_active = False
    person.save()
    response = login(client, person.email)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_anonymous_visitor_is_sent_to_login(client: Any, db: None) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/"


def test_logout_needs_post(client: Any, person: User) -> None:
    client.force_login(person)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2() -> None:
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"]):
        user = make_user(email="argon@example.org")
    assert user.password.startswith("argon2$")
    from config import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_email_is_unique_whatever_its_case(person: User) -> None:
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=person.pk).update(email=person.email)  # no-op, then a clash:
        User.objects.create(email="IRENA.PETROVIC@example.org", full_name="Clash")


def test_password_reset_by_email_end_to_end(client: Any, person: User) -> None:
    response = client.post(reverse("accounts:password_reset"), {"email": person.email.upper()})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    body = str(mail.outbox[0].body)
    link = re.search(r"https?://[^/]+(/accounts/password-reset/[^\s]+)", body)
    assert link is not None, body
    response = client.get(link.group(1), follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    new_password = "a brand new passphrase 42"
    response = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="user.password_reset", object_id=str(person.pk)).count() == 1
    client.logout()
    assert login(client, person.email, new_password).status_code == 302


def test_password_reset_for_an_unknown_address_says_nothing_more(client: Any, db: None) -> None:
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_login_is_throttled_after_repeated_failures(client: Any, person: User, settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        login(client, person.email, "wrong")
    response = login(client, person.email)  # even the right password is refused now
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert "Wait 15 minutes and try again" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="auth.locked_out").exists()


def test_throttling_is_per_account_and_address(client: Any, person: User, settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 3
    other = make_user(email="other@example.org")
    for _ in range(3):
        login(client, person.email, "wrong")
    assert login(client, other.email).status_code == 302


def test_language_switch_is_remembered_on_the_account(client: Any, person: User) -> None:
    client.force_login(person)
    response = client.post(reverse("accounts:set_language"), {"language": "en", "next": "/programmes/"})
    assert response.status_code == 302
    assert response["Location"] == "/programmes/"
    person.refresh_from_db()
    assert person.language == "en"


def test_language_switch_refuses_foreign_redirects_and_unknown_languages(client: Any, person: User) -> None:
    client.force_login(person)
    response = client.post(reverse("accounts:set_language"), {"language": "xx", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    person.refresh_from_db()
    assert person.language == "fr"


def test_profile_update(client: Any, person: User) -> None:
    client.force_login(person)
    response = client.post(reverse("accounts:profile"), {"full_name": "Irena P.", "language": "en"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.full_name, person.language) == ("Irena P.", "en")
    assert AuditEvent.objects.filter(action="user.profile_updated").count() == 1


def test_password_change_checks_the_old_password(client: Any, person: User) -> None:
    client.force_login(person)
    url = reverse("accounts:password_change")
    data = {
        "old_password": "wrong",
        "new_password1": "another long passphrase",
        "new_password2": "another long passphrase",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not AuditEvent.objects.filter(action="user.password_changed").exists()
    data["old_password"] = PASSWORD
    assert client.post(url, data).status_code == 302
    assert AuditEvent.objects.filter(action="user.password_changed", object_id=str(person.pk)).count() == 1
