"""The translation form of a questionnaire: one field per text, beside the original."""

from __future__ import annotations

from typing import Any

from django import forms

from relais.core.forms import StyledForm
from relais.evaluation.services_builder_translate import TextGroup


class TranslationForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, groups: list[TextGroup], language: str, version: int, **kwargs: Any) -> None:
        initial: dict[str, Any] = {"version": version}
        for group in groups:
            for entry in group.entries:
                initial[entry.name] = entry.translation(language)
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.groups = groups
        for group in groups:
            for entry in group.entries:
                widget = (
                    forms.Textarea(attrs={"rows": 2, "lang": language})
                    if entry.long
                    else forms.TextInput(attrs={"lang": language})
                )
                self.fields[entry.name] = forms.CharField(
                    label=entry.label, required=False, max_length=5000, widget=widget
                )
        for name, field in self.fields.items():  # styled here: they did not exist when StyledForm styled
            if name != "version":
                field.widget.attrs["class"] = "form-control"

    def rows(self) -> list[dict[str, Any]]:
        """The groups with, for each text, its original and its bound field."""
        return [
            {"heading": group.heading, "entries": [{"entry": e, "field": self[e.name]} for e in group.entries]}
            for group in self.groups
        ]

    def values(self) -> dict[str, str]:
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}
