"""Login, password reset, second factor, own profile and language."""

from __future__ import annotations

import copy
from base64 import b32encode, b64encode
from io import BytesIO
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from relais.accounts import forms, services
from relais.accounts.selectors import confirmed_totp_device, second_factor_required
from relais.accounts.signals import SESSION_OTP_REQUIRED, access_withdrawn
from relais.core.audit import audit_record


def _safe_next(request: HttpRequest, default: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return default


def _set_language_cookie(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        samesite="Lax",
    )


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = forms.LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        _set_language_cookie(response, form.get_user().language)
        return response


class LogoutView(auth_views.LogoutView):
    pass


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = forms.PasswordResetForm
    email_template_name = "accounts/emails/password_reset.txt"
    subject_template_name = "accounts/emails/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = forms.SetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        with transaction.atomic():
            response = super().form_valid(form)
            audit_record(actor=None, action="user.password_reset", obj=form.user, request=self.request)
            access_withdrawn.send(
                sender=type(form.user), user=form.user, reason="password_reset", actor=None, request=self.request
            )
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = forms.PasswordChangeForm
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form: Any) -> HttpResponse:
        with transaction.atomic():
            response = super().form_valid(form)
            audit_record(actor=form.user, action="user.password_changed", obj=form.user, request=self.request)
        messages.success(self.request, _("Your password has been changed."))
        return response


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; a logged-in user's choice is remembered on their account."""
    language = forms.safe_language(request.POST.get("language"))
    response = HttpResponseRedirect(_safe_next(request))
    if language:
        _set_language_cookie(response, language)
        if request.user.is_authenticated:
            services.user_set_language(user=request.user, language=language)
    return response


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    # The form works on a copy: the service compares the new values with the stored ones.
    form = forms.ProfileForm(request.POST or None, instance=copy.copy(user))
    if request.method == "POST" and form.is_valid():
        services.profile_update(
            user=user,  # type: ignore[arg-type]
            full_name=form.cleaned_data["full_name"],
            language=form.cleaned_data["language"],
            request=request,
        )
        response = redirect("accounts:profile")
        _set_language_cookie(response, form.cleaned_data["language"])
        messages.success(request, _("Your account has been updated."))
        return response
    context = {
        "form": form,
        "device": confirmed_totp_device(user),  # type: ignore[arg-type]
        "second_factor_required": second_factor_required(user),
    }
    return render(request, "accounts/profile.html", context)


def _qr_data_uri(url: str) -> str:
    """The provisioning URL as an SVG QR code in a data: URI (an image, so the CSP stays strict)."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + b64encode(buffer.getvalue()).decode()


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Add an authenticator app: scan the code (or type the key), then confirm with a first code."""
    user: Any = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if request.method == "POST" and device is not None:
        form = forms.TokenForm(request.POST)
        allowed, _detail = device.verify_is_allowed()
        if form.is_valid() and not allowed:
            form.add_error("token", _("Too many codes were tried. Wait a few seconds and try again."))
        elif form.is_valid():
            if services.totp_device_confirm(
                request=request, user=user, device=device, token=form.cleaned_data["token"]
            ):
                request.session[SESSION_OTP_REQUIRED] = True
                messages.success(request, _("Two-step verification is on. You will be asked for a code at each login."))
                return redirect(_safe_next(request, reverse("accounts:profile")))
            form.add_error("token", _("This code is not valid. Check the time on your phone and try again."))
    else:
        device = services.totp_device_start(user=user)
        form = forms.TokenForm()
    key = b32encode(device.bin_key).decode().rstrip("=")
    context = {
        "form": form,
        "qr_src": _qr_data_uri(device.config_url),
        "key": " ".join(key[i : i + 4] for i in range(0, len(key), 4)),
        "required": second_factor_required(user),
        "next": _safe_next(request, ""),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if user.is_verified():
        return redirect(_safe_next(request))
    form = forms.TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.second_factor_verify(request=request, user=user, token=form.cleaned_data["token"]):
            return redirect(_safe_next(request))
        form.add_error("token", _("This code is not valid, or too many codes were tried. Wait a moment and try again."))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _safe_next(request, "")})


@login_required
@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if second_factor_required(user):
        messages.error(request, _("Your role requires two-step verification; it cannot be turned off."))
    else:
        services.totp_device_remove(request=request, user=user)
        request.session[SESSION_OTP_REQUIRED] = False
        messages.success(request, _("Two-step verification is off."))
    return redirect("accounts:profile")
