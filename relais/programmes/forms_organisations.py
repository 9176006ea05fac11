from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from relais.core.forms import StyledForm, StyledModelForm
from relais.core.models import Country
from relais.programmes.models import Organisation, OrganisationKind, Sector
from relais.programmes.selectors_organisations import (
    OrganisationScope,
    organisation_countries,
    organisation_duplicates,
)


class OrganisationFilterForm(StyledForm):
    q = forms.CharField(
        label=_("Search by name"),
        required=False,
        max_length=100,
        help_text=_("Also finds acronyms and names in other languages, with or without accents."),
    )
    country = forms.ModelChoiceField(label=_("Country"), required=False, queryset=Country.objects.none())
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = Country.objects.filter(is_active=True).order_by(  # type: ignore[attr-defined]
            Country.order_field()
        )
        self.fields["country"].empty_label = _("All countries")  # type: ignore[attr-defined]
        self.fields["sector"].choices = [("", _("All sectors")), *Sector.choices]  # type: ignore[attr-defined]
        self.fields["kind"].choices = [("", _("All kinds")), *OrganisationKind.choices]  # type: ignore[attr-defined]
        self.fields["q"].widget.input_type = "search"


class OrganisationForm(StyledModelForm):
    website = forms.URLField(
        label=capfirst(Organisation._meta.get_field("website").verbose_name),
        required=False,
        max_length=200,
        assume_scheme="https",
    )
    confirm_duplicate = forms.BooleanField(label=_("Save anyway: this is a different organisation"), required=False)

    class Meta:
        model = Organisation
        fields = ["name", "acronym", "other_names", "country", "sector", "kind", "website"]
        widgets = {"other_names": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, scope: OrganisationScope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.duplicates: list[Organisation] = []
        country = self.fields["country"]
        country.queryset = organisation_countries(scope=scope)  # type: ignore[attr-defined]
        if not scope.edits_all:
            country.required = True
            country.help_text = _("You may record organisations of your countries.")
        else:
            country.help_text = _("Leave empty for international bodies.")
        # Asked only once a possible duplicate has been found.
        if not self.is_bound or not self.data.get(self.add_prefix("confirm_duplicate")):
            self.fields["confirm_duplicate"].widget = forms.HiddenInput()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        name = cleaned.get("name")
        if name and not self.errors:
            self.duplicates = organisation_duplicates(
                name=name, country=cleaned.get("country"), exclude=self.instance.pk
            )
            if self.duplicates and not cleaned.get("confirm_duplicate"):
                self.fields["confirm_duplicate"].widget = forms.CheckboxInput(attrs={"class": "form-check-input"})
                raise forms.ValidationError(
                    _("An organisation with this name is already recorded in this country: check the list below.")
                )
        return cleaned

    def service_values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
