"""Forms of the registrations pages: finding and adding people, statuses, and importing a list."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from relais.core.forms import StyledForm
from relais.core.models import Country, Profession
from relais.delivery.import_files import MAX_BYTES
from relais.delivery.import_participants import Column
from relais.delivery.import_vocabulary import FIELD_LABELS
from relais.delivery.models import Gender, RegistrationStatus, Session
from relais.programmes.models import Organisation


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Find a person by name or e-mail address"), required=False, max_length=100)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=RegistrationStatus.choices)


class NewPersonForm(StyledForm):
    """A person not yet known, recorded and registered in one step (the people pages edit the rest)."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, initial=Gender.UNDISCLOSED)
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.none())
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none(), required=False)
    profession = forms.ModelChoiceField(label=_("Profession"), queryset=Profession.objects.none(), required=False)
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.CharField(label=_("Telephone"), max_length=40, required=False)
    record_anyway = forms.BooleanField(
        label=_("None of the people listed above is this person: record a new one"), required=False
    )

    def __init__(self, *args: Any, session: Session, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"country": session.country_id})
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = Country.objects.filter(is_active=True).order_by(Country.order_field())  # type: ignore[attr-defined]
        self.fields["profession"].queryset = Profession.objects.filter(is_active=True)  # type: ignore[attr-defined]
        # The organisations of the session's country and the international ones: a short list.
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            Q(country_id=session.country_id) | Q(country__isnull=True)
        ).order_by("name")
        self.duplicates: list[Any] = []
        self.fields["record_anyway"].widget = forms.HiddenInput()  # asked only when duplicates are found

    def ask_to_confirm(self, duplicates: list[Any]) -> None:
        """Show the people who may be this person, and the box that records a new one anyway."""
        self.duplicates = duplicates
        if duplicates:
            self.fields["record_anyway"].widget = forms.CheckboxInput(attrs={"class": "form-check-input"})

    def person_values(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "record_anyway"}


ENCODING_CHOICES = [
    ("", _("Recognise it (recommended)")),
    ("utf-8", "UTF-8"),
    ("cp1250", _("Windows-1250 (Central Europe)")),
    ("cp1251", _("Windows-1251 (Cyrillic)")),
    ("cp1252", _("Windows-1252 (Western Europe)")),
]


ACCEPTED_TYPES = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv")


class ImportUploadForm(StyledForm):
    file = forms.FileField(label=_("Participant list"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = {"mb": MAX_BYTES // 1024 // 1024}
        self.fields["file"].help_text = gettext("An Excel workbook (.xlsx) or a CSV file, at most %(mb)s MB.") % limit
        # A hint for the file picker only: the file is checked by its content.
        self.fields["file"].widget.attrs["accept"] = ".xlsx,.xlsm,.csv,.txt," + ",".join(ACCEPTED_TYPES)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                gettext("The file is too large: at most %(mb)s MB.") % {"mb": MAX_BYTES // 1024 // 1024}
            )
        return upload


IGNORE = ""
FIELD_CHOICES = [(IGNORE, _("— not imported —")), *FIELD_LABELS.items()]


class ColumnMappingForm(forms.Form):
    """What each column of the file holds, one select per column (filled in from the headings)."""

    def __init__(self, *args: Any, columns: list[Column], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.columns = columns
        for column in columns:
            field = forms.ChoiceField(
                label=_("Column %(column)s") % {"column": column.label}, choices=FIELD_CHOICES, required=False
            )
            field.initial = column.field
            field.widget.attrs["class"] = "form-select form-select-sm"
            self.fields[f"col_{column.index}"] = field

    def column_fields(self) -> list[tuple[Column, forms.BoundField]]:
        return [(c, self[f"col_{c.index}"]) for c in self.columns]


def mapping_from(data: Any) -> dict[int, str] | None:
    """The column choices of a request (col_<index>=<field>), or None when it carries none."""
    mapping: dict[int, str] = {}
    for key, value in data.items():
        if key.startswith("col_") and key[4:].isdigit() and int(key[4:]) < 100:
            mapping[int(key[4:])] = value if value in FIELD_LABELS else IGNORE
    return mapping or None
