from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from relais.api.models import TokenScope
from relais.core.forms import StyledForm

LIFETIMES = [
    ("30", _("30 days")),
    ("90", _("90 days")),
    ("365", _("One year")),
    ("", _("Until revoked")),
]


class TokenForm(StyledForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("Where the token is used, e.g. “Ministry's training records”."),
    )
    scope = forms.ChoiceField(
        label=_("Access"),
        choices=TokenScope.choices,
        initial=TokenScope.READ,
        widget=forms.RadioSelect,
        help_text=_("A read-only token cannot change anything. Either acts with your own permissions."),
    )
    days = forms.ChoiceField(label=_("Valid for"), choices=LIFETIMES, initial="90", required=False)

    def clean_days(self) -> int | None:
        value = self.cleaned_data.get("days")
        return int(value) if value else None
