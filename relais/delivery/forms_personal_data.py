"""The confirmation of an erasure: the user types the record's number (never the name)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class EraseForm(forms.Form):
    confirm = forms.CharField(
        label=_("Type the record number to confirm"),
        max_length=20,
        help_text=_("The erasure cannot be undone."),
    )

    def __init__(self, *args: Any, number: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.number = number
        self.fields["confirm"].widget.attrs.update({"autocomplete": "off", "inputmode": "numeric"})

    def clean_confirm(self) -> str:
        value = "".join(self.cleaned_data["confirm"].split()).lstrip("#")
        if value != str(self.number):
            raise forms.ValidationError(_("Type %(n)s, the number of this record.") % {"n": self.number})
        return value
