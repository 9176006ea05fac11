from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from relais.accounts.models import User, normalise_email
from relais.core.forms import StyledForm, StyledFormMixin, StyledModelForm


class LoginForm(StyledFormMixin, auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _("This e-mail address and password do not match an active account."),
        "inactive": _("This account is inactive."),
    }

    def clean_username(self) -> str:
        return normalise_email(self.cleaned_data["username"])


class PasswordResetForm(StyledFormMixin, auth_forms.PasswordResetForm):
    pass


class SetPasswordForm(StyledFormMixin, auth_forms.SetPasswordForm):
    pass


class PasswordChangeForm(StyledFormMixin, auth_forms.PasswordChangeForm):
    pass


class TokenForm(StyledForm):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "pattern": "[0-9]{6}",
                "autofocus": True,
            }
        ),
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError(_("Enter the six digits shown by your authenticator app."))
        return token


class UserForm(StyledModelForm):
    is_superuser = forms.BooleanField(
        label=_("Administrator"),
        required=False,
        help_text=_("Administrators manage users and reference data and see every programme."),
    )

    class Meta:
        model = User
        fields = ["full_name", "email", "language", "is_superuser"]

    def clean_email(self) -> str:
        email = normalise_email(self.cleaned_data["email"])
        clash = User.objects.filter(email=email).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Another account already uses this e-mail address."))
        return email


class ProfileForm(StyledModelForm):
    class Meta:
        model = User
        fields = ["full_name", "language"]


class UserSearchForm(StyledForm):
    q = forms.CharField(label=_("Search by name or e-mail"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), ("active", _("Active")), ("inactive", _("Inactive"))],
    )


def language_codes() -> set[str]:
    return {code for code, _name in settings.LANGUAGES}


def safe_language(value: Any) -> str | None:
    return value if value in language_codes() else None
