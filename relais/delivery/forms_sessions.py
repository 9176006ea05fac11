"""Forms of the sessions pages. The services check everything again; the forms say it next to the field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import Case, Value, When
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from relais.accounts.models import User
from relais.core.forms import StyledForm
from relais.core.models import Country, Language, Theme
from relais.delivery.models import SessionStatus
from relais.delivery.services_sessions import FORM_STATUSES
from relais.design.models import ActivityDesign
from relais.programmes.models import Programme


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class TrainerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name or obj.email} ({obj.email})"


def _languages(first: Iterable[int]) -> Any:
    """Every language in use, those of the design (and the session) first, so that the usual choices are
    at the top of a long list."""
    first = list(first)
    rank = Case(When(pk__in=first, then=Value(0)), default=Value(1)) if first else Value(1)
    return Language.objects.filter(is_active=True).alias(rank=rank).order_by("rank", Language.order_field())


def _check_dates(form: forms.Form, data: dict[str, Any]) -> None:
    start, end = data.get("start_date"), data.get("end_date")
    if start and end and end < start:
        form.add_error("end_date", _("The last day cannot come before the first day."))


def _design_label(design: ActivityDesign) -> str:
    label = f"{design.title} — {design.programme.title}"
    return label if design.check_passed else f"{label} · {gettext('the design check fails')}"


class SessionForm(StyledForm):
    """The fields of a session (DESIGN.md §2); the design is chosen before and fixed here."""

    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        required=False,
        help_text=_("Leave empty for “design title — city”."),
    )
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.none())
    city = forms.CharField(label=_("City"), max_length=120)
    venue = forms.CharField(label=_("Venue"), max_length=300, required=False)
    start_date = forms.DateField(label=_("First day"), widget=DateInput())
    end_date = forms.DateField(label=_("Last day"), widget=DateInput())
    capacity = forms.IntegerField(
        label=_("Capacity"),
        min_value=1,
        max_value=1000,
        required=False,
        help_text=_("Seats; registrations beyond it go to the waiting list."),
    )
    languages = forms.ModelMultipleChoiceField(
        label=_("Languages"),
        queryset=Language.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Working languages and those interpreted into. Hold Ctrl (⌘ on a Mac) to choose several."),
    )
    trainers = TrainerChoiceField(
        label=_("Trainers"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("People holding the trainer role in the programme."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=[(s.value, s.label) for s in FORM_STATUSES])
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(
        self, *args: Any, countries: Any, trainers: Any, languages_first: Iterable[int] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = countries.order_by(Country.order_field())  # type: ignore[attr-defined]
        self.fields["languages"].queryset = _languages(languages_first)  # type: ignore[attr-defined]
        self.fields["trainers"].queryset = trainers  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _check_dates(self, data)
        return data


class DesignChoiceForm(StyledForm):
    """The first step of a new session: which design it delivers."""

    design = forms.ModelChoiceField(label=_("Activity design"), queryset=ActivityDesign.objects.none())

    def __init__(self, *args: Any, designs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["design"]
        field.queryset = designs  # type: ignore[attr-defined]
        field.label_from_instance = _design_label  # type: ignore[attr-defined]


class CancelForm(StyledForm):
    reason = forms.CharField(
        label=_("Reason for cancellation"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the session page and in the list."),
    )


class DuplicateForm(StyledForm):
    title = forms.CharField(
        label=_("Title"), max_length=300, required=False, help_text=_("Leave empty to keep the same title.")
    )
    start_date = forms.DateField(label=_("First day"), widget=DateInput())
    end_date = forms.DateField(label=_("Last day"), widget=DateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _check_dates(self, data)
        return data


class SessionFilterForm(StyledForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.none(), required=False)
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.none(), required=False)
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.none(), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("Any")), *SessionStatus.choices], required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def __init__(self, *args: Any, choices: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, key in (("programme", "programmes"), ("country", "countries"), ("theme", "themes")):
            field = self.fields[name]
            field.queryset = choices[key]  # type: ignore[attr-defined]
            field.empty_label = _("Any")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the period cannot come before its start."))
        return data


def month_value(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"
