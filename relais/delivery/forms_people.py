"""Forms of the people pages: search, record and edit a person, consents, duplicates, merge."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from relais.core.forms import StyledForm, StyledModelForm
from relais.core.models import Country, Language, Profession
from relais.delivery import scoping
from relais.delivery.duplicates import Match, find_matches
from relais.delivery.models import ConsentMethod, Person
from relais.delivery.selectors_people import organisation_choices, people_countries
from relais.programmes.models import Organisation

# Working languages of the demo route first in the languages list, then the others.
REGION_LANGUAGES = ["en", "fr", "de", "it", "nl", "sq", "bs", "bg", "cs", "hr", "hu", "mk", "ro", "ru", "sr"]
_PHONE = re.compile(r"^\+?[0-9 ()./\-]+$")


def _active(model: Any) -> Any:
    return model.objects.filter(is_active=True).order_by("position", model.order_field())


class PeopleSearchForm(StyledForm):
    q = forms.CharField(
        label=_("Name or e-mail address"),
        required=False,
        max_length=100,
        help_text=_("Case, accents and alphabet do not matter: “djordjevic” finds Đorđević and Ђорђевић."),
    )
    country = forms.ModelChoiceField(label=_("Country"), required=False, queryset=Country.objects.none())
    organisation = forms.ModelChoiceField(label=_("Organisation"), required=False, queryset=Organisation.objects.none())
    profession = forms.ModelChoiceField(label=_("Profession"), required=False, queryset=Profession.objects.none())

    def __init__(self, *args: Any, visible: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        countries = visible.order_by().values("country_id")
        fields: dict[str, Any] = self.fields
        fields["country"].queryset = Country.objects.filter(pk__in=countries).order_by(Country.order_field())
        fields["country"].empty_label = _("All countries")
        country = str(self.data.get("country") or "") if self.is_bound else ""
        # The organisations of the people one may find (of the chosen country): a filter offers
        # only what can match (all 900 organisations of size L made the page 105 kB).
        employers = visible.order_by().filter(organisation__isnull=False)
        if country.isdigit():
            employers = employers.filter(country_id=int(country))
        fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=employers.values("organisation_id")
        ).order_by("name", "id")
        fields["organisation"].empty_label = _("All organisations")
        fields["profession"].queryset = _active(Profession)
        fields["profession"].empty_label = _("All professions")
        fields["q"].widget.input_type = "search"
        fields["q"].widget.attrs["autocomplete"] = "off"


class PersonForm(StyledModelForm):
    organisation_search = forms.CharField(
        label=_("Find an organisation"),
        required=False,
        max_length=100,
        help_text=_("Type part of its name to narrow the list below."),
    )
    confirm_duplicate = forms.BooleanField(label=_("Save anyway: this is another person"), required=False)

    class Meta:
        model = Person
        fields = [
            "first_name",
            "last_name",
            "gender",
            "country",
            "organisation_search",
            "organisation",
            "profession",
            "position",
            "email",
            "phone",
            "languages",
        ]
        widgets = {"languages": forms.SelectMultiple(attrs={"size": 8})}
        help_texts = {
            "first_name": _("As the person writes it, with its accents, in Latin or Cyrillic letters."),
            "email": _("A work address; it is also used to recognise the person in imports."),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.duplicates: list[tuple[Person, Match]] = []
        fields: dict[str, Any] = self.fields
        current = self.instance.country_id
        countries = people_countries(user=user)
        if current:
            countries = Country.objects.filter(pk__in=[*countries.values_list("pk", flat=True), current])
        fields["country"].queryset = countries.order_by(Country.order_field())
        fields["country"].required = not user.is_administrator
        chosen = str((self.data.get("country") if self.is_bound else current) or "")
        fields["organisation"].queryset = organisation_choices(
            country=int(chosen) if chosen.isdigit() else None, current=self.instance.organisation_id
        )
        fields["organisation"].help_text = _("Organisations of the person's country, and international ones.")
        fields["profession"].queryset = _active(Profession)
        fields["profession"].help_text = _("The professional group, as in the seats of a design.")
        fields["languages"].queryset = _active(Language)
        fields["languages"].help_text = _("Hold Ctrl (⌘ on a Mac) to choose several.")
        fields["languages"].widget.choices = self._language_groups()
        fields["phone"].help_text = _("With the country code, for example +355 4 222 3333.")
        options = reverse("delivery:person_organisations")
        include = "#id_country, #id_organisation, #id_organisation_search"
        for name, trigger in (("country", "change"), ("organisation_search", "input changed delay:300ms, search")):
            fields[name].widget.attrs.update(
                {"hx-get": options, "hx-trigger": trigger, "hx-target": "#id_organisation", "hx-include": include}
            )
        fields["organisation_search"].widget.input_type = "search"
        fields["organisation_search"].widget.attrs["autocomplete"] = "off"
        # Asked only once a possible duplicate has been found.
        if not self.is_bound or not self.data.get(self.add_prefix("confirm_duplicate")):
            fields["confirm_duplicate"].widget = forms.HiddenInput()

    def _language_groups(self) -> list[Any]:
        chosen = set(self.initial.get("languages") or [])
        chosen = {getattr(c, "pk", c) for c in chosen}
        options = [(lang.pk, str(lang), lang.code) for lang in self.fields["languages"].queryset]  # type: ignore[attr-defined]
        first = [(pk, label) for pk, label, _code in options if pk in chosen]
        region = [(pk, label) for pk, label, code in options if code in REGION_LANGUAGES and pk not in chosen]
        others = [(pk, label) for pk, label, code in options if code not in REGION_LANGUAGES and pk not in chosen]
        groups: list[Any] = [(_("Spoken"), first)] if first else []
        return [*groups, (_("Languages of the region"), region), (_("Other languages"), others)]

    def clean_phone(self) -> str:
        phone = " ".join(self.cleaned_data.get("phone", "").split())
        if phone and (not _PHONE.match(phone) or sum(ch.isdigit() for ch in phone) < 6):
            raise forms.ValidationError(
                _("This is not a telephone number: use digits, spaces and + ( ) - only, with the country code.")
            )
        return phone

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        watched = {"first_name", "last_name", "email", "country", "organisation"}
        if self.errors or (self.instance.pk and not watched & set(self.changed_data)):
            return cleaned
        country, organisation = cleaned.get("country"), cleaned.get("organisation")
        matches = find_matches(
            cleaned.get("first_name", ""),
            cleaned.get("last_name", ""),
            cleaned.get("email", ""),
            country.pk if country else None,
            organisation.pk if organisation else None,
            exclude=[self.instance.pk] if self.instance.pk else [],
            people=scoping.people_visible(user=self.user),  # never a hint of people out of reach
        )[:5]
        if matches:
            found = Person.objects.select_related("country", "organisation").in_bulk([m.person_id for m in matches])
            self.duplicates = [(found[m.person_id], m) for m in matches if m.person_id in found]
        if self.duplicates and not cleaned.get("confirm_duplicate"):
            self.fields["confirm_duplicate"].widget = forms.CheckboxInput(attrs={"class": "form-check-input"})
            raise forms.ValidationError(_("This person may already be recorded: check the list above."))
        return cleaned

    def service_values(self) -> dict[str, Any]:
        names = [n for n in self.Meta.fields if n != "organisation_search"]
        return {name: self.cleaned_data[name] for name in names}


class ConsentForm(StyledForm):
    purpose = forms.CharField(
        label=_("What was agreed"),
        max_length=300,
        help_text=_("For example: registration, attendance and evaluation data; photographs in publications."),
    )
    given_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    method = forms.ChoiceField(label=_("How"), choices=ConsentMethod.choices)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["given_on"].initial = timezone.localdate()


class WithdrawForm(StyledForm):
    withdrawn_on = forms.DateField(
        label=_("Withdrawn on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["withdrawn_on"].initial = timezone.localdate()


class DuplicatesFilterForm(StyledForm):
    country = forms.ModelChoiceField(label=_("Country"), required=False, queryset=Country.objects.none())

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        editable = scoping.people_editable(user=user).order_by().values("country_id")
        field: Any = self.fields["country"]
        field.queryset = Country.objects.filter(pk__in=editable).order_by(Country.order_field())
        field.empty_label = _("All countries")


def merge_value(person: Person, field: str) -> str:
    """A field of a person as the merge screen shows it ("—" when empty)."""
    if field == "languages":
        return ", ".join(sorted(str(lang) for lang in person.languages.all())) or "—"
    if field == "gender":
        return str(person.get_gender_display())
    value = getattr(person, field)
    return str(value) if value else "—"


def _raw(person: Person, field: str) -> Any:
    if field == "languages":
        return {lang.pk for lang in person.languages.all()}
    return (
        getattr(person, f"{field}_id") if field in ("country", "organisation", "profession") else getattr(person, field)
    )


class MergeForm(StyledForm):
    """Which record stays (its number and links keep working) and, for each field whose values
    differ, which value stays."""

    keep = forms.ChoiceField(label=_("Record that stays"), widget=forms.RadioSelect)

    def __init__(self, *args: Any, a: Person, b: Person, fields: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.a, self.b = a, b
        keep: Any = self.fields["keep"]
        keep.choices = [("a", _("No. %(pk)s") % {"pk": a.pk}), ("b", _("No. %(pk)s") % {"pk": b.pk})]
        keep.initial = "a"
        keep.widget.attrs["class"] = "form-check-input"
        self.rows: list[dict[str, Any]] = []
        for name in fields:
            label = getattr(Person._meta.get_field(name), "verbose_name", name)
            row = {"label": label, "a": merge_value(a, name), "b": merge_value(b, name), "field": None}
            if _raw(a, name) != _raw(b, name):
                choices = [("a", row["a"]), ("b", row["b"])]
                if name == "languages":
                    union = sorted({str(lang) for lang in [*a.languages.all(), *b.languages.all()]})
                    choices.append(("both", _("Both: %(languages)s") % {"languages": ", ".join(union)}))
                initial = "both" if name == "languages" else ("b" if row["a"] == "—" else "a")
                self.fields[f"choose_{name}"] = forms.ChoiceField(
                    label=label,
                    choices=choices,
                    initial=initial,
                    widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                )
                row["field"] = self[f"choose_{name}"]
            self.rows.append(row)

    def merge_arguments(self) -> tuple[Person, Person, dict[str, str]]:
        """(kept, removed, choices) for services_people.people_merge."""
        side = self.cleaned_data["keep"]
        kept, removed = (self.a, self.b) if side == "a" else (self.b, self.a)
        choices = {}
        for key, value in self.cleaned_data.items():
            if key.startswith("choose_"):
                choices[key.removeprefix("choose_")] = (
                    value if value == "both" else ("kept" if value == side else "removed")
                )
        return kept, removed, choices
