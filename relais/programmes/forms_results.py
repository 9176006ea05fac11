"""Forms of the results framework. They validate; the services in services_results write."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from relais.core.forms import StyledForm, StyledModelForm
from relais.programmes.forms import check_list
from relais.programmes.indicators import formula_get, formulas, plain_decimal
from relais.programmes.models import Indicator, IndicatorSource, Outcome, Output, Programme
from relais.programmes.selectors_results import framework_parents, parse_period, period_choices

STATEMENT = forms.Textarea(attrs={"rows": 3})


class OutcomeForm(StyledModelForm):
    class Meta:
        model = Outcome
        fields = ["code", "statement_en", "statement_fr"]
        widgets = {"statement_en": STATEMENT, "statement_fr": STATEMENT}


class OutputForm(StyledModelForm):
    class Meta:
        model = Output
        fields = ["outcome", "code", "statement_en", "statement_fr"]
        widgets = {"statement_en": STATEMENT, "statement_fr": STATEMENT}

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["outcome"]
        field.queryset = Outcome.objects.filter(programme=programme)  # type: ignore[attr-defined]
        field.label_from_instance = lambda o: f"{o.code} — {o.statement}"[:120]  # type: ignore[attr-defined]
        field.empty_label = None  # type: ignore[attr-defined]


def _formula_help() -> str:
    # The pattern is translated (French puts a space before the colon); format_html escapes the values.
    pattern = "<li>" + _("<strong>{label}</strong> ({unit}): {description}") + "</li>"
    items = format_html_join(
        "", pattern, ({"label": f.label, "unit": f.unit, "description": f.description} for f in formulas())
    )
    return format_html('{}<ul class="formula-help">{}</ul>', _("What each formula computes:"), items)


class IndicatorForm(StyledModelForm):
    parent = forms.ChoiceField(label=_("Measures"), help_text=_("The outcome or output this indicator measures."))
    formula = forms.ChoiceField(label=_("Formula"), required=False)

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name_en",
            "name_fr",
            "unit",
            "baseline",
            "target",
            "source",
            "formula",
            "disaggregation",
            "means_of_verification",
        ]
        localized_fields = ["baseline", "target"]
        widgets = {
            "disaggregation": forms.Textarea(attrs={"rows": 2}),
            "means_of_verification": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.parents = dict(framework_parents(programme=programme))
        self.fields["parent"].choices = [  # type: ignore[attr-defined]
            (key, f"{'' if isinstance(p, Outcome) else '— '}{p.code} {p.statement}"[:140])
            for key, p in self.parents.items()
        ]
        self.fields["source"].choices = IndicatorSource.choices  # type: ignore[attr-defined]
        check_list(self.fields["source"], radio=True)
        choices = [("", _("— none (entered by hand) —")), *((f.code, f"{f.label} ({f.unit})") for f in formulas())]
        current = self.instance.formula if self.instance.pk else ""
        if current and formula_get(current) is None:  # from an app no longer installed: keep it visible
            choices.append((current, _("%(code)s (no longer available)") % {"code": current}))
        formula = self.fields["formula"]
        formula.choices = choices  # type: ignore[attr-defined]
        formula.help_text = _formula_help()
        # Order the form as people read an indicator: what it measures first.
        self.order_fields(["parent", "code", "name_en", "name_fr", "unit", "baseline", "target"])
        if self.instance.pk and not self.is_bound:
            parent = self.instance.output_id and f"output-{self.instance.output_id}"
            self.initial["parent"] = parent or f"outcome-{self.instance.outcome_id}"
            for name in ("baseline", "target"):
                if self.initial.get(name) is not None:
                    self.initial[name] = plain_decimal(self.initial[name])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("source") == IndicatorSource.COMPUTED and not cleaned.get("formula"):
            self.add_error("formula", _("Choose the formula Relais computes this indicator with."))
        elif cleaned.get("source") == IndicatorSource.MANUAL:
            cleaned["formula"] = ""
        return cleaned

    def parent_object(self) -> Outcome | Output:
        return self.parents[self.cleaned_data["parent"]]

    def service_values(self) -> dict[str, Any]:
        values = {name: self.cleaned_data[name] for name in self.Meta.fields}
        values["parent"] = self.parent_object()
        return values


class IndicatorValueForm(StyledForm):
    period = forms.ChoiceField(label=_("Period"))
    value = forms.DecimalField(
        label=_("Value"),
        max_digits=16,
        decimal_places=4,
        localize=True,  # 12,5 in French, 12.5 in English
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Where the figure comes from, or what it leaves out."),
    )

    def __init__(self, *args: Any, programme: Programme, today: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [  # type: ignore[attr-defined]
            (
                key,
                f"{p.label} ({date_format(p.start, 'SHORT_DATE_FORMAT')} – {date_format(p.end, 'SHORT_DATE_FORMAT')})",
            )
            for key, p in period_choices(programme=programme, today=today)
        ]

    def clean_period(self) -> tuple[dt.date, dt.date]:
        period = parse_period(self.cleaned_data["period"])
        if period is None:
            raise forms.ValidationError(_("Choose a period from the list."))
        return period
