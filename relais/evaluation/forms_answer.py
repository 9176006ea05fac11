"""What the item partial (templates/evaluation/partials/item_field.html) renders: one ItemField per
item, in the page's language, with the value to show (stored, or as just posted) and its error.

The same fields serve participants (web) and paper entry. On paper entry, choices are typed as short
codes shown beside the question — the option values when they are short (a, b, c), else their
position (1, 2, 3); Likert levels are 1–5; several choices are typed separated by spaces or commas.
`PaperData` turns those codes back into the form values that answers.answers_from_form reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from relais.core.forms import StyledForm
from relais.core.models import Country
from relais.evaluation.answers import COOPERATION_ROWS, FormData, field_name, value_from_form
from relais.evaluation.models import CooperationType, Item, ItemType
from relais.evaluation.selectors_answer import ContactChoices, option_label, translated

CHOICE_TYPES = (ItemType.SINGLE, ItemType.MULTIPLE)
_SHORT_CODE = re.compile(r"^[A-Za-z0-9]{1,3}$")
_SEPARATORS = re.compile(r"[\s,;]+")


@dataclass
class Choice:
    value: str
    label: str
    code: str
    id: str
    checked: bool
    short: str = ""  # beside its code on paper entry (Likert levels: only the words of the ends)


@dataclass
class PersonChoice:
    pk: str
    name: str
    details: str
    id: str
    checked: bool


@dataclass
class OrganisationChoice:
    pk: str
    label: str
    selected: bool


@dataclass
class CooperationRow:
    number: int
    prefix: str
    type: str
    countries: list[str]
    date: str
    description: str


@dataclass
class ItemField:
    item: Item
    number: int
    text: str
    help: str
    name: str
    id: str
    kind: str
    required: bool
    paper: bool = False
    autofocus: bool = False
    error: str = ""
    value: str = ""
    choices: list[Choice] = field(default_factory=list)
    people: list[PersonChoice] = field(default_factory=list)
    organisations: list[OrganisationChoice] = field(default_factory=list)
    rows: list[CooperationRow] = field(default_factory=list)
    cooperation_types: list[tuple[str, str]] = field(default_factory=list)
    countries: list[tuple[str, str]] = field(default_factory=list)

    @property
    def grouped(self) -> bool:
        """Rendered as a fieldset whose legend is the question (groups of radios or checkboxes)."""
        if self.kind in (ItemType.CONTACTS, ItemType.COOPERATION):
            return True
        return not self.paper and self.kind in (*CHOICE_TYPES, ItemType.LIKERT)

    @property
    def radiogroup(self) -> bool:
        return self.grouped and self.kind in (ItemType.SINGLE, ItemType.LIKERT)

    @property
    def first_id(self) -> str:
        """Where the error summary's link leads: the first control of the item."""
        if self.grouped and self.choices:
            return self.choices[0].id
        if self.kind == ItemType.CONTACTS:
            return self.people[0].id if self.people else f"{self.id}-organisations"
        if self.kind == ItemType.COOPERATION:
            return f"{self.id}-0-type"
        return self.id

    @property
    def help_id(self) -> str:
        return f"{self.id}-help" if self.help else ""

    @property
    def error_id(self) -> str:
        return f"{self.id}-error" if self.error else ""

    @property
    def codes_id(self) -> str:
        return f"{self.id}-codes" if self.paper and self.choices else ""

    @property
    def describedby(self) -> str:
        return " ".join(i for i in (self.codes_id, self.help_id, self.error_id) if i)

    @property
    def long(self) -> bool:
        return self.kind == ItemType.LONG_TEXT


def paper_codes(item: Item) -> list[tuple[str, str]]:
    """(code, value) pairs typed on paper entry."""
    if item.type == ItemType.LIKERT:
        return [(str(n), str(n)) for n in range(1, 6)]
    values = [str(o.get("value")) for o in item.options or []]
    if values and all(_SHORT_CODE.match(v) for v in values) and len({v.lower() for v in values}) == len(values):
        return [(v, v) for v in values]
    return [(str(n), v) for n, v in enumerate(values, start=1)]


class PaperData:
    """The posted form of the paper entry page, with the typed codes of choice items turned into
    option values (unknown codes are passed on as typed, so the check reports them)."""

    def __init__(self, data: FormData, items: list[Item]) -> None:
        self.data = data
        self.coded = {field_name(i): i for i in items if i.type in CHOICE_TYPES}

    def getlist(self, key: str) -> list[Any]:
        item = self.coded.get(key)
        if item is None:
            return list(self.data.getlist(key))
        typed = " ".join(str(v) for v in self.data.getlist(key))
        tokens = [t for t in _SEPARATORS.split(typed) if t]
        mapping = {code.lower(): value for code, value in paper_codes(item)}
        if item.type == ItemType.SINGLE and len(tokens) > 1:
            return [typed.strip()]
        return [mapping.get(t.lower(), t) for t in tokens]


def _number_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _as_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return [str(value)]


LIKERT_ENDS = {1: gettext_lazy("Strongly disagree"), 5: gettext_lazy("Strongly agree")}


def _likert_choices(item: Item, language: str, checked: str, base_id: str) -> list[Choice]:
    labels = {str(o.get("value")): str(o.get("label") or "") for o in item.options or []}
    choices = []
    for level in range(1, 6):
        value = str(level)
        words = option_label(item, value, labels.get(value, ""), language) or str(LIKERT_ENDS.get(level, ""))
        label = f"{level} — {words}" if words else value
        choices.append(Choice(value, label, value, f"{base_id}-{level}", value == checked, short=words))
    return choices


def _choices(item: Item, language: str, checked: list[str], base_id: str) -> list[Choice]:
    codes = dict((value, code) for code, value in paper_codes(item))
    return [
        Choice(
            value=str(o.get("value")),
            label=option_label(item, str(o.get("value")), str(o.get("label") or ""), language),
            code=codes.get(str(o.get("value")), ""),
            id=f"{base_id}-{n}",
            checked=str(o.get("value")) in checked,
            short=option_label(item, str(o.get("value")), str(o.get("label") or ""), language),
        )
        for n, o in enumerate(item.options or [], start=1)
    ]


def _countries() -> list[tuple[str, str]]:
    rows = [(c.code, c.name) for c in Country.objects.filter(is_active=True)]
    return sorted(rows, key=lambda r: r[1])


def item_fields(
    items: list[Item],
    *,
    language: str,
    values: dict[int, Any],
    errors: dict[int, str] | None = None,
    contacts: ContactChoices | None = None,
    paper: bool = False,
    typed: FormData | None = None,
    start: int = 1,
) -> list[ItemField]:
    """The fields of `items`: values are stored answers (or values read back from a posted form);
    `typed` is the posted paper form, whose codes are shown again as typed after an error."""
    errors = errors or {}
    fields: list[ItemField] = []
    countries: list[tuple[str, str]] | None = None
    for offset, item in enumerate(items):
        name = field_name(item)
        value = values.get(item.pk)
        f = ItemField(
            item=item,
            number=start + offset,
            text=translated(item.translations, language, "text", item.text),
            help=translated(item.translations, language, "help", item.help),
            name=name,
            id=name,
            kind=item.type,
            required=item.required,
            paper=paper,
            error=errors.get(item.pk, ""),
        )
        if item.type == ItemType.LIKERT:
            f.choices = _likert_choices(item, language, _number_text(value), name)
        elif item.type in CHOICE_TYPES:
            f.choices = _choices(item, language, _as_list(value), name)
        if paper and f.choices:
            codes = {c.value: c.code for c in f.choices}
            if typed is not None:
                f.value = " ".join(str(v) for v in typed.getlist(name)).strip()
            else:
                f.value = " ".join(codes.get(v, v) for v in _as_list(value))
        elif item.type in (ItemType.NUMBER, ItemType.SHORT_TEXT, ItemType.LONG_TEXT):
            f.value = _number_text(value)
        elif item.type == ItemType.CONTACTS:
            chosen = value if isinstance(value, dict) else {}
            people = set(_as_list(chosen.get("people")))
            orgs = set(_as_list(chosen.get("organisations")))
            options = contacts or ContactChoices([], [])
            f.people = [
                PersonChoice(
                    pk=str(p.pk),
                    name=p.name,
                    details=", ".join(x for x in (p.organisation, p.country) if x),
                    id=f"{name}-p{n}",
                    checked=str(p.pk) in people,
                )
                for n, p in enumerate(options.people, start=1)
            ]
            f.organisations = [
                OrganisationChoice(str(o.pk), f"{o.name} ({o.country})" if o.country else o.name, str(o.pk) in orgs)
                for o in options.organisations
            ]
        elif item.type == ItemType.COOPERATION:
            events = value if isinstance(value, list) else []
            if countries is None:
                countries = _countries()
            f.countries = countries
            f.cooperation_types = [(str(v), str(label)) for v, label in CooperationType.choices]
            for n in range(COOPERATION_ROWS):
                event = events[n] if n < len(events) and isinstance(events[n], dict) else {}
                f.rows.append(
                    CooperationRow(
                        number=n + 1,
                        prefix=field_name(item, str(n)),
                        type=str(event.get("type") or ""),
                        countries=_as_list(event.get("countries")),
                        date=str(event.get("date") or ""),
                        description=str(event.get("description") or ""),
                    )
                )
        fields.append(f)
    if fields:
        fields[0].autofocus = paper and not errors  # after an error, the summary takes the focus
    return fields


def posted_values(items: list[Item], data: FormData) -> dict[int, Any]:
    """The values of a posted form as typed (not checked), to show them again beside their errors."""
    return {item.pk: value_from_form(item, data) for item in items}


class EntryEmailForm(StyledForm):
    email = forms.EmailField(
        label=gettext_lazy("Your e-mail address"),
        max_length=254,
        help_text=gettext_lazy("The address you gave when you registered for this session."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
