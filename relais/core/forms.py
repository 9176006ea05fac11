"""Form rendering shared by every app: labels above fields, errors next to them, accessible."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.renderers import DjangoTemplates

from relais.core.widgets import quicken


class RelaisFormRenderer(DjangoTemplates):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


_INPUT_CLASS: dict[type[forms.Widget], str] = {
    forms.CheckboxInput: "form-check-input",
    forms.CheckboxSelectMultiple: "",
    forms.RadioSelect: "",
    forms.Select: "form-select",
    forms.SelectMultiple: "form-select",
}


class StyledFormMixin:
    """Adds the stylesheet's classes to widgets and marks invalid fields for assistive technology."""

    fields: dict[str, forms.Field]
    errors: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = _INPUT_CLASS.get(type(widget), "form-control")
            if css:
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            quicken(widget)

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()


class StyledForm(StyledFormMixin, forms.Form):
    pass


class StyledModelForm(StyledFormMixin, forms.ModelForm):
    pass
