"""Writes of accounts. Each function is atomic and records an audit event."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from relais.accounts import tasks
from relais.accounts.models import User, normalise_email
from relais.accounts.signals import access_withdrawn
from relais.core.audit import audit_record
from relais.core.selectors import ensure_administrator

USER_FIELDS = ("full_name", "email", "language", "is_superuser")


@transaction.atomic
def user_create(
    *,
    actor: Any,
    email: str,
    full_name: str,
    language: str = "en",
    is_superuser: bool = False,
    request: HttpRequest | None = None,
    send_invitation: bool = True,
) -> User:
    """Create an account without a password; the person sets one through the e-mailed link."""
    ensure_administrator(actor)
    user = User.objects.create_user(
        email=normalise_email(email), full_name=full_name, language=language, is_superuser=is_superuser
    )
    audit_record(
        actor=actor,
        action="user.created",
        obj=user,
        details={"administrator": is_superuser, "language": language},
        request=request,
    )
    if send_invitation:
        user_send_invitation(actor=actor, user=user, request=request)
    return user


def user_send_invitation(*, actor: Any, user: User, request: HttpRequest | None = None) -> None:
    """Queue the e-mail with a link to choose a password (sent after the transaction commits)."""
    base_url = request.build_absolute_uri("/")[:-1] if request is not None else ""
    transaction.on_commit(lambda: tasks.send_invitation.enqueue(user.pk, base_url))
    audit_record(actor=actor, action="user.invited", obj=user, request=request)


@transaction.atomic
def user_update(*, actor: Any, user: User, data: dict[str, Any], request: HttpRequest | None = None) -> User:
    ensure_administrator(actor)
    if user.pk == actor.pk and not data.get("is_superuser", user.is_superuser):
        raise PermissionError(_("You cannot remove your own administrator role."))
    changed = []
    for field in USER_FIELDS:
        if field in data and getattr(user, field) != data[field]:
            setattr(user, field, normalise_email(data[field]) if field == "email" else data[field])
            changed.append(field)
    if changed:
        user.save(update_fields=changed)
        audit_record(actor=actor, action="user.updated", obj=user, details={"fields": changed}, request=request)
    return user


@transaction.atomic
def user_set_active(*, actor: Any, user: User, active: bool, request: HttpRequest | None = None) -> User:
    ensure_administrator(actor)
    if user.pk == actor.pk and not active:
        raise PermissionError(_("You cannot deactivate your own account."))
    if user.is_active != active:
        user.is_active = active
        user.save(update_fields=["is_active"])
        audit_record(actor=actor, action="user.activated" if active else "user.deactivated", obj=user, request=request)
        if not active:
            access_withdrawn.send(sender=User, user=user, reason="deactivated", actor=actor, request=request)
    return user


@transaction.atomic
def user_reset_second_factor(*, actor: Any, user: User, request: HttpRequest | None = None) -> int:
    """Remove a user's authenticator (lost phone); they set up a new one at their next login."""
    ensure_administrator(actor)
    deleted, _detail = TOTPDevice.objects.filter(user=user).delete()
    audit_record(actor=actor, action="user.second_factor_reset", obj=user, request=request)
    access_withdrawn.send(sender=User, user=user, reason="second_factor_reset", actor=actor, request=request)
    return deleted


@transaction.atomic
def profile_update(*, user: User, full_name: str, language: str, request: HttpRequest | None = None) -> User:
    changed = [f for f, v in (("full_name", full_name), ("language", language)) if getattr(user, f) != v]
    if changed:
        user.full_name = full_name
        user.language = language
        user.save(update_fields=changed)
        audit_record(actor=user, action="user.profile_updated", obj=user, details={"fields": changed}, request=request)
    return user


def user_set_language(*, user: User, language: str) -> None:
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


@transaction.atomic
def totp_device_start(*, user: User) -> TOTPDevice:
    """A new, unconfirmed authenticator for this user (replacing any earlier unconfirmed one)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=False)


@transaction.atomic
def totp_device_confirm(*, request: HttpRequest, user: User, device: TOTPDevice, token: str) -> bool:
    """Confirm the authenticator with a first code; the session counts as verified."""
    if not device.verify_token(token):
        return False
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    audit_record(actor=user, action="user.second_factor_enabled", obj=user, request=request)
    return True


@transaction.atomic
def totp_device_remove(*, request: HttpRequest, user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    audit_record(actor=user, action="user.second_factor_disabled", obj=user, request=request)


def second_factor_verify(*, request: HttpRequest, user: User, token: str) -> bool:
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        if device.verify_token(token):
            otp_login(request, device)
            return True
    audit_record(actor=user, action="auth.second_factor_failed", obj=user, request=request)
    return False
