"""Audit events for authentication, which Django's own login views perform."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import Signal, receiver
from django.http import HttpRequest

from relais.accounts.selectors import user_has_second_factor
from relais.core.audit import audit_record

SESSION_OTP_REQUIRED = "relais_otp_required"

# Sent when an account's access is taken back or its credentials reset (deactivated, second factor
# reset, password reset through an e-mailed link): whatever was given in its name elsewhere (API
# tokens) stops. Arguments: user, reason, actor, request.
access_withdrawn = Signal()


@receiver(user_logged_in)
def on_login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_OTP_REQUIRED] = user_has_second_factor(user)
    audit_record(actor=user, action="auth.login", obj=user, request=request)


@receiver(user_logged_out)
def on_logout(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit_record(actor=user, action="auth.logout", obj=user, request=request)


@receiver(user_login_failed)
def on_login_failed(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kw: Any) -> None:
    attempted = str(credentials.get("username", ""))[:254]
    audit_record(actor=None, action="auth.login_failed", details={"e-mail": attempted}, request=request)


@receiver(user_locked_out)
def on_locked_out(sender: Any, request: HttpRequest, username: str | None = None, **kwargs: Any) -> None:
    audit_record(actor=None, action="auth.locked_out", details={"e-mail": (username or "")[:254]}, request=request)
