"""The dashboard's filters: a GET form (the address holds the selection)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from relais.core.forms import StyledForm
from relais.core.models import Country, Profession, Theme
from relais.evaluation.scoping import ResultsScope
from relais.programmes.models import ProgrammeCountry
from relais.publications.dashboard import DashboardFilters


class DashboardFilterForm(StyledForm):
    start = forms.DateField(
        label=_("Sessions ending from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=_("Sessions ending until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.none(),
        required=False,
        empty_label=_("All countries"),
        help_text=_("Where the session was held."),
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.none(),
        required=False,
        empty_label=_("All themes"),
        help_text=_("Sessions of designs with this theme."),
    )
    profession = forms.ModelChoiceField(
        label=_("Profession"),
        queryset=Profession.objects.none(),
        required=False,
        empty_label=_("All professions"),
        help_text=_("People registered with this profession."),
    )

    def __init__(self, *args: Any, scope: ResultsScope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        country = self.fields["country"]
        theme = self.fields["theme"]
        profession = self.fields["profession"]
        assert isinstance(country, forms.ModelChoiceField)
        assert isinstance(theme, forms.ModelChoiceField) and isinstance(profession, forms.ModelChoiceField)
        countries = Country.objects.filter(
            pk__in=ProgrammeCountry.objects.filter(programme=scope.programme).values("country_id")
        )
        if scope.country_ids is not None:
            countries = countries.filter(pk__in=scope.country_ids)
        country.queryset = countries.order_by(Country.order_field())
        theme.queryset = Theme.objects.filter(is_active=True).order_by("position", Theme.order_field())
        profession.queryset = Profession.objects.filter(is_active=True).order_by("position", Profession.order_field())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end of the period comes before its start."))
        return data

    def filters(self) -> DashboardFilters:
        """The filters that hold (an invalid value is left out, and shown as an error)."""
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            end = None
        country, theme, profession = data.get("country"), data.get("theme"), data.get("profession")
        return DashboardFilters(
            start=start,
            end=end,
            country=country.pk if country else None,
            theme=theme.pk if theme else None,
            profession=profession.pk if profession else None,
        )
