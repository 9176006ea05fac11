"""The filters of the cooperation network page (a GET form: the address holds the view)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from relais.core.forms import StyledForm
from relais.core.models import Country, Profession
from relais.evaluation.selectors_network import NetworkFilters
from relais.programmes.models import Programme, ProgrammeCountry

PEOPLE = "people"
ORGANISATIONS = "organisations"


class NetworkFilterForm(StyledForm):
    view = forms.ChoiceField(
        label=_("Show"),
        choices=[(PEOPLE, _("People")), (ORGANISATIONS, _("Organisations"))],
        required=False,
        initial=PEOPLE,
        widget=forms.RadioSelect,
    )
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.none(),
        required=False,
        empty_label=_("All countries"),
        help_text=_("People of this country and their ties."),
    )
    profession = forms.ModelChoiceField(
        label=_("Profession"),
        queryset=Profession.objects.none(),
        required=False,
        empty_label=_("All professions"),
    )
    start = forms.DateField(
        label=_("Reported from"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label=_("Reported until"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        country = self.fields["country"]
        profession = self.fields["profession"]
        assert isinstance(country, forms.ModelChoiceField) and isinstance(profession, forms.ModelChoiceField)
        country.queryset = Country.objects.filter(
            pk__in=ProgrammeCountry.objects.filter(programme=programme).values("country_id")
        ).order_by(Country.order_field())
        profession.queryset = Profession.objects.filter(is_active=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end of the period comes before its start."))
        return data

    def filters(self) -> NetworkFilters:
        """The filters that hold (an invalid value is left out, and shown as an error)."""
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        country, profession = data.get("country"), data.get("profession")
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            end = None
        return NetworkFilters(
            country=country.pk if country else None,
            profession=profession.pk if profession else None,
            start=start,
            end=end,
        )

    def chosen_view(self) -> str:
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        return data.get("view") or PEOPLE
