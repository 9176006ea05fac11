from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from relais.core.forms import StyledForm
from relais.programmes.models import Programme, Role
from relais.programmes.selectors import countries_in_programmes


class RoleAssignForm(StyledForm):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.order_by("code"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    countries = forms.ModelMultipleChoiceField(
        label=_("Countries"),
        required=False,
        queryset=countries_in_programmes(),
        help_text=_("Required for country coordinators; optional for trainers; empty for the other roles."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["countries"].queryset = countries_in_programmes()  # type: ignore[attr-defined]
