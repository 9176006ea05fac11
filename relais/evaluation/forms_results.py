"""The programme results page's grouping and filters (GET), shared by the page and its CSV export."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from relais.core.forms import StyledForm
from relais.core.models import Country, Profession
from relais.delivery.forms_sessions import DateInput
from relais.design.models import ActivityDesign
from relais.evaluation.scoping import ResultsScope
from relais.evaluation.selectors_results import Filters
from relais.evaluation.selectors_results_groups import DEFAULT_BY, DIMENSIONS
from relais.programmes.models import ProgrammeCountry


def filter_choices(scope: ResultsScope) -> dict[str, QuerySet[Any]]:
    """Countries of the programme (participants' countries: a coordinator's sessions welcome people of
    other countries too), professions, and designs with sessions the user may read. Lazy querysets:
    each costs one query when the form renders."""
    countries = Country.objects.filter(
        pk__in=ProgrammeCountry.objects.filter(programme=scope.programme).values("country_id")
    )
    designs = ActivityDesign.objects.filter(pk__in=scope.sessions().values("design_id")).order_by("title", "pk")
    return {
        "countries": countries.order_by(Country.order_field()),
        "professions": Profession.objects.filter(is_active=True).order_by("position", Profession.order_field()),
        "designs": designs,
    }


class ResultsFilterForm(StyledForm):
    by = forms.ChoiceField(label=_("Group by"), choices=DIMENSIONS, required=False, initial=DEFAULT_BY)
    date_from = forms.DateField(label=_("Sessions ending from"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("to"), required=False, widget=DateInput())
    country = forms.ModelChoiceField(label=_("Participants' country"), queryset=Country.objects.none(), required=False)
    profession = forms.ModelChoiceField(label=_("Profession"), queryset=Profession.objects.none(), required=False)
    design = forms.ModelChoiceField(label=_("Design"), queryset=ActivityDesign.objects.none(), required=False)

    def __init__(self, *args: Any, choices: dict[str, QuerySet[Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, key in (("country", "countries"), ("profession", "professions"), ("design", "designs")):
            field = self.fields[name]
            field.queryset = choices[key]  # type: ignore[attr-defined]
            field.empty_label = _("Any")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the period cannot come before its start."))
        return data

    def selection(self) -> tuple[str, Filters]:
        """The grouping and the filters; the defaults when the form is empty or wrong."""
        if not self.is_bound or not self.is_valid():
            by = self.data.get("by") if self.is_bound else None
            return (by if by in dict(DIMENSIONS) else DEFAULT_BY), Filters()
        d = self.cleaned_data
        return d["by"] or DEFAULT_BY, Filters(
            start=d["date_from"],
            end=d["date_to"],
            country=d["country"].pk if d["country"] else None,
            profession=d["profession"].pk if d["profession"] else None,
            design=d["design"].pk if d["design"] else None,
        )
