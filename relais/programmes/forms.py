from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from relais.core.forms import StyledForm, StyledModelForm
from relais.core.models import Country, Theme
from relais.programmes.models import Programme, Role, RouteRole
from relais.programmes.selectors import countries_in_programmes
from relais.programmes.services import RETENTION_MAX_MONTHS

ROUTE_FIELDS = {
    RouteRole.ORIGIN: "origin",
    RouteRole.TRANSIT: "transit",
    RouteRole.DESTINATION: "destination",
}


class CheckList(forms.CheckboxSelectMultiple):
    """Checkboxes styled as Bootstrap's, in a fieldset whose legend is the field's label (see check_list)."""

    template_name = "programmes/forms/checklist.html"
    option_template_name = "programmes/forms/checklist_option.html"


class RadioList(forms.RadioSelect):
    template_name = "programmes/forms/checklist.html"
    option_template_name = "programmes/forms/checklist_option.html"


def check_list(field: forms.Field, *, radio: bool = False) -> None:
    """Render a choice field as a list of checkboxes (or radio buttons) under a legend."""
    widget_class = RadioList if radio else CheckList
    field.widget = widget_class(choices=getattr(field, "choices", ()))
    field.widget.attrs["class"] = "form-check-input"
    field.template_name = "programmes/forms/checklist_field.html"  # type: ignore[attr-defined]


def chosen_first(
    field: forms.Field, chosen: set[int], label_chosen: str | Promise, label_others: str | Promise
) -> None:
    """Put the chosen options of a long multi-select in a first group, so they show without scrolling."""
    options = [(obj.pk, str(obj)) for obj in field.queryset]  # type: ignore[attr-defined]
    first = [o for o in options if o[0] in chosen]
    if first:
        others = [o for o in options if o[0] not in chosen]
        field.widget.choices = [(label_chosen, first), (label_others, others)]


def add_service_errors(form: forms.BaseForm, exc: ValidationError, groups: dict[str, list[str]] | None = None) -> None:
    """Show a service's ValidationError next to the matching field (or in a group, or above the form)."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, errors in exc.message_dict.items():
        if groups is not None and name in groups:
            groups[name].extend(errors)
        else:
            for error in errors:
                form.add_error(name if name in form.fields else None, error)


class RoleAssignForm(StyledForm):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.order_by("code"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    countries = forms.ModelMultipleChoiceField(
        label=_("Countries"),
        required=False,
        queryset=countries_in_programmes(),
        help_text=_("Required for country coordinators; optional for trainers; empty for the other roles."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["countries"].queryset = countries_in_programmes()  # type: ignore[attr-defined]


class ProgrammeForm(StyledModelForm):
    """A programme's facts and its countries on the route (three lists: usable without JavaScript)."""

    origin = forms.ModelMultipleChoiceField(
        label=_("Countries of origin"), required=False, queryset=Country.objects.none()
    )
    transit = forms.ModelMultipleChoiceField(
        label=_("Countries of transit"), required=False, queryset=Country.objects.none()
    )
    destination = forms.ModelMultipleChoiceField(
        label=_("Countries of destination"), required=False, queryset=Country.objects.none()
    )

    class Meta:
        model = Programme
        fields = [
            "code",
            "title_en",
            "title_fr",
            "summary_en",
            "summary_fr",
            "donor",
            "start_date",
            "end_date",
            "reporting_period",
            "themes",
            "objectives_en",
            "objectives_fr",
            "retention_months",
            "privacy_notice_en",
            "privacy_notice_fr",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary_en": forms.Textarea(attrs={"rows": 4}),
            "summary_fr": forms.Textarea(attrs={"rows": 4}),
            "objectives_en": forms.Textarea(attrs={"rows": 5}),
            "objectives_fr": forms.Textarea(attrs={"rows": 5}),
            "privacy_notice_en": forms.Textarea(attrs={"rows": 10}),
            "privacy_notice_fr": forms.Textarea(attrs={"rows": 10}),
        }
        help_texts = {
            "code": _("Letters, digits and hyphens, for example thb-labour-2025."),
            "retention_months": _(
                "From 1 to 240 months. Participants are anonymised this long after their last session in the "
                "programme (unless another programme keeps them longer): their names and contact details are "
                "removed, their answers stay in the statistics. Empty: kept until a person asks to be erased."
            ),
            "privacy_notice_en": _(
                "Plain text; an empty line starts a new paragraph. Participants read it from their questionnaire "
                "links and the session's page: who is responsible for their data, what is collected and why, who "
                "sees it, how long it is kept, their rights (access, erasure, withdrawal of consent) and whom to "
                "contact. Empty: the standard notice of Relais is shown."
            ),
            "privacy_notice_fr": _(
                "Shown to participants whose pages are in French; empty: the English notice is shown to them."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.route_errors: list[str] = []
        programme = self.instance if self.instance.pk else None
        countries = Country.objects.filter(is_active=True)
        themes = Theme.objects.filter(is_active=True)
        if programme is not None:  # keep what the programme has even if no longer in use
            countries = Country.objects.filter(Q(is_active=True) | Q(programmes=programme)).distinct()
            themes = Theme.objects.filter(Q(is_active=True) | Q(programmes=programme)).distinct()
            if not self.is_bound:
                for pc in programme.programme_countries.all():
                    self.initial.setdefault(ROUTE_FIELDS[RouteRole(pc.route_role)], []).append(pc.country_id)
        for name in ROUTE_FIELDS.values():
            field = self.fields[name]
            field.queryset = countries.order_by(Country.order_field())  # type: ignore[attr-defined]
            field.widget.attrs["size"] = 12
            chosen_first(field, self._chosen(name), _("Chosen"), _("Other countries"))
        self.fields["themes"].queryset = themes.order_by("position", Theme.order_field())  # type: ignore[attr-defined]
        check_list(self.fields["themes"])
        self.fields["retention_months"].widget.attrs.update({"min": 1, "max": RETENTION_MAX_MONTHS})

    def _chosen(self, name: str) -> set[int]:
        if self.is_bound:
            values = self.data.getlist(self.add_prefix(name)) if hasattr(self.data, "getlist") else []
        else:
            values = self.initial.get(name, [])
        return {int(v) for v in values if str(v).isdigit()}

    def clean_retention_months(self) -> int | None:
        months = self.cleaned_data.get("retention_months")
        if months is not None and not 1 <= months <= RETENTION_MAX_MONTHS:
            raise ValidationError(
                _("Choose a retention period between 1 and %(max)d months, or leave it empty.")
                % {"max": RETENTION_MAX_MONTHS}
            )
        return months

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end comes before the start: choose an end on or after the start."))
        if cleaned.get("privacy_notice_fr", "").strip() and not cleaned.get("privacy_notice_en", "").strip():
            self.add_error(
                "privacy_notice_en",
                _("Write the English notice too: participants whose pages are not in French read it."),
            )
        seen: set[int] = set()
        for name in ROUTE_FIELDS.values():
            twice = []
            for country in cleaned.get(name) or []:
                if country.pk in seen:
                    twice.append(country.name)
                seen.add(country.pk)
            if twice:
                self.add_error(
                    name, _("Already chosen with another role on the route: %(names)s.") % {"names": ", ".join(twice)}
                )
        return cleaned

    def route(self) -> list[tuple[Country, str]]:
        return [(c, role) for role, name in ROUTE_FIELDS.items() for c in self.cleaned_data.get(name) or []]

    def service_values(self) -> dict[str, Any]:
        values = {name: self.cleaned_data[name] for name in self.Meta.fields}
        values["countries"] = self.route()
        return values


class TeamAssignForm(StyledForm):
    """A manager gives a role in their programme to an existing account, found by its exact e-mail address."""

    email = forms.EmailField(
        label=_("E-mail address of the account"),
        max_length=254,
        help_text=_("The exact address the person logs in with. An administrator creates new accounts."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=[("", _("— choose a role —")), *Role.choices])
    countries = forms.ModelMultipleChoiceField(
        label=_("Countries"),
        required=False,
        queryset=Country.objects.none(),
        help_text=_("Required for country coordinators; optional for trainers; empty for the other roles."),
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["countries"].queryset = Country.objects.filter(  # type: ignore[attr-defined]
            programme_countries_set(programme)
        ).order_by(Country.order_field())
        check_list(self.fields["countries"])

    def clean_email(self) -> Any:
        from relais.programmes.selectors import active_user_by_email

        user = active_user_by_email(self.cleaned_data["email"])
        if user is None:
            raise ValidationError(_("No active account has this e-mail address."))
        return user


def programme_countries_set(programme: Programme) -> Q:
    return Q(pk__in=programme.programme_countries.values("country_id"))


class PartnerSearchForm(StyledForm):
    q = forms.CharField(label=_("Find an organisation by name or acronym"), required=False, max_length=100)
