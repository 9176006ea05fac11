"""The form of a design rule's settings: severity, whether it is used, and one field per threshold.

Threshold fields are derived from the type of the rule's default thresholds: an int becomes a bounded
whole number, a float a percentage (shown 0–100, stored as a share 0–1), a list of codes a set of
checkboxes (professions, methods or formats), a mapping of lists (MD-3's stages) one set of
checkboxes per key. THRESHOLD_SPECS gives each key its label and bounds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from relais.core.forms import StyledForm
from relais.core.models import Profession
from relais.design.models import DesignFormat, Method, RuleSetting, Severity, Sustainability
from relais.design.rule_texts import and_list, format_label, method_label, num, percent, stage_label
from relais.design.rules import Rule, effective_thresholds

CodeKind = Literal["professions", "methods", "formats", "sustainability"]


@dataclass(frozen=True)
class ThresholdSpec:
    label: str | Promise
    minimum: int = 0
    maximum: int = 100
    codes: CodeKind | None = None  # for lists of codes; guessed from the defaults when None
    help_text: str | Promise = ""


THRESHOLD_SPECS: dict[str, ThresholdSpec] = {
    "min_groups": ThresholdSpec(_("Smallest number of professional groups"), 1, 10),
    "max_share": ThresholdSpec(_("Largest share of the seats one group may hold (%)"), 1, 100),
    "stages": ThresholdSpec(
        _("Stages of the chain"),
        codes="professions",
        help_text=_("A stage is covered when at least one of its professions has seats."),
    ),
    "min_countries": ThresholdSpec(_("Smallest number of participating countries"), 1, 50),
    "min_groups_per_country": ThresholdSpec(_("Smallest number of professional groups per country"), 1, 10),
    "formats": ThresholdSpec(_("Formats the rule applies to"), codes="formats"),
    "min_interactive_share": ThresholdSpec(_("Smallest share of agenda time in interactive methods (%)"), 0, 100),
    "interactive_methods": ThresholdSpec(_("Methods that count as interactive"), codes="methods"),
    "min_months": ThresholdSpec(_("Earliest follow-up (months after delivery)"), 1, 36),
    "max_months": ThresholdSpec(_("Latest follow-up (months after delivery)"), 1, 36),
    "min_sources": ThresholdSpec(_("Smallest number of sources"), 0, 20),
    "min_measures": ThresholdSpec(_("Smallest number of measures"), 1, len(Sustainability.values)),
}

PREFIX = "t__"  # form field names of thresholds: t__<key>, and t__stages__<stage> for mappings


def _spec(key: str) -> ThresholdSpec:
    return THRESHOLD_SPECS.get(key) or ThresholdSpec(key.replace("_", " ").capitalize())


def _code_kind(key: str, default: list[str]) -> CodeKind:
    spec = _spec(key)
    if spec.codes:
        return spec.codes
    if default and set(default) <= set(Method.values):
        return "methods"
    if default and set(default) <= set(DesignFormat.values):
        return "formats"
    if default and set(default) <= set(Sustainability.values):
        return "sustainability"
    return "professions"


def _profession_names() -> dict[str, str]:
    return {p.code: p.name for p in Profession.objects.order_by("position", Profession.order_field())}


def code_choices(
    kind: CodeKind, selected: list[str], professions: Mapping[str, str] | None = None
) -> list[tuple[str, str]]:
    """Choices of a list of codes; codes already selected stay offered even if retired."""
    if kind == "methods":
        choices = [(c, str(label)) for c, label in Method.choices]
    elif kind == "formats":
        choices = [(c, str(label)) for c, label in DesignFormat.choices]
    elif kind == "sustainability":
        choices = [(c, str(label)) for c, label in Sustainability.choices]
    else:
        names = dict(professions) if professions is not None else _profession_names()
        choices = list(names.items())
    known = {c for c, _label in choices}
    return choices + [(c, c) for c in selected if c not in known]


def _default_text(kind: str, default: Any) -> str:
    if kind == "share":
        return gettext("Default: %(value)s%%") % {"value": percent(float(default))}
    return gettext("Default: %(value)s") % {"value": default}


class RuleSettingForm(StyledForm):
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)
    enabled = forms.BooleanField(label=_("In use"), required=False)

    def __init__(self, *args: Any, rule: Rule, setting: RuleSetting, **kwargs: Any) -> None:
        self.rule = rule
        current = effective_thresholds(rule, setting.thresholds)
        initial = {"severity": setting.severity, "enabled": setting.enabled}
        self._fields: dict[str, forms.Field] = {}
        self._stage_keys: dict[str, list[str]] = {}
        professions = _profession_names()
        for key, default in rule.default_thresholds.items():
            name, value, spec = PREFIX + key, current[key], _spec(key)
            if isinstance(default, bool):
                self._fields[name] = forms.BooleanField(label=str(spec.label), required=False)
                initial[name] = value
            elif isinstance(default, int):
                self._fields[name] = forms.IntegerField(
                    label=str(spec.label),
                    min_value=spec.minimum,
                    max_value=spec.maximum,
                    help_text=_default_text("int", default),
                )
                initial[name] = value
            elif isinstance(default, float):
                self._fields[name] = forms.DecimalField(
                    label=str(spec.label),
                    min_value=Decimal(spec.minimum),
                    max_value=Decimal(spec.maximum),
                    max_digits=5,
                    decimal_places=1,
                    widget=forms.NumberInput(attrs={"step": "0.1"}),
                    help_text=_default_text("share", default),
                )
                initial[name] = Decimal(str(round(float(value) * 100, 1)))
            elif isinstance(default, list):
                kind = _code_kind(key, default)
                self._fields[name] = self._codes_field(spec.label, kind, value, professions, spec.help_text)
                initial[name] = list(value)
            elif isinstance(default, dict):
                self._stage_keys[key] = list(value)
                for stage, codes in value.items():
                    stage_name = f"{name}__{stage}"
                    label = gettext("%(threshold)s: %(stage)s") % {
                        "threshold": spec.label,
                        "stage": stage_label(stage),
                    }
                    first: list[str] = next(iter(default.values()), [])
                    kind = _code_kind(key, first)
                    self._fields[stage_name] = self._codes_field(label, kind, codes, professions, spec.help_text)
                    initial[stage_name] = list(codes)
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.fields.update(self._fields)
        # The mixin styled the fields it saw at construction; style the threshold fields the same way.
        for field in self._fields.values():
            if isinstance(field.widget, forms.NumberInput):
                field.widget.attrs["class"] = "form-control"

    @staticmethod
    def _codes_field(
        label: str | Promise, kind: CodeKind, selected: list[str], professions: Mapping[str, str], help_text: Any
    ) -> forms.MultipleChoiceField:
        return forms.MultipleChoiceField(
            label=str(label),
            choices=code_choices(kind, list(selected), professions),
            widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
            help_text=help_text,
            error_messages={"required": _("Choose at least one.")},
        )

    @property
    def threshold_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self._fields]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get(PREFIX + "min_months"), data.get(PREFIX + "max_months")
        if low is not None and high is not None and low > high:
            self.add_error(PREFIX + "max_months", _("The latest follow-up cannot come before the earliest."))
        return data

    def thresholds(self) -> dict[str, Any]:
        """The thresholds as stored (JSON): shares back to 0–1, codes as lists."""
        data = self.cleaned_data
        result: dict[str, Any] = {}
        for key, default in self.rule.default_thresholds.items():
            name = PREFIX + key
            if isinstance(default, dict):
                result[key] = {stage: list(data[f"{name}__{stage}"]) for stage in self._stage_keys[key]}
            elif isinstance(default, bool):
                result[key] = bool(data[name])
            elif isinstance(default, int):
                result[key] = int(data[name])
            elif isinstance(default, float):
                result[key] = round(float(data[name]) / 100, 4)
            else:
                result[key] = list(data[name])
        return result


def threshold_summary(
    rule: Rule, thresholds: Mapping[str, Any], professions: Mapping[str, str]
) -> list[tuple[str, str]]:
    """Each threshold as (label, readable value), for the list of rules."""
    items: list[tuple[str, str]] = []
    for key, default in rule.default_thresholds.items():
        value, label = thresholds.get(key, default), str(_spec(key).label)
        if isinstance(default, dict):
            for stage, codes in value.items():
                names = [professions.get(c, c) for c in codes]
                items.append((stage_label(stage).capitalize(), and_list(names)))
        elif isinstance(default, bool):
            items.append((label, gettext("yes") if value else gettext("no")))
        elif isinstance(default, int):
            items.append((label, num(value)))
        elif isinstance(default, float):
            items.append((label, gettext("%(value)s%%") % {"value": percent(float(value))}))
        elif isinstance(default, list):
            kind = _code_kind(key, default)
            if kind == "methods":
                names = [method_label(c) for c in value]
            elif kind == "formats":
                names = [format_label(c) for c in value]
            else:
                names = [professions.get(c, c) for c in value]
            items.append((label, and_list(names)))
    return items
