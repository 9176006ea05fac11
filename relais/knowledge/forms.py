"""Forms of the knowledge centre's management pages: a document's metadata (DESIGN.md §2), its titles
in other languages, finding a document by its title, and a collection."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from relais.core.forms import StyledForm
from relais.core.models import Country, Language, Profession, Theme
from relais.knowledge.models import Access, Document, DocumentKind
from relais.programmes.forms import check_list, chosen_first

TITLE_MAX = 500
ABSTRACT_MAX = 20_000
AUTHORS_MAX = 100
AUTHOR_MAX = 300
YEAR_MIN = 1800
YEAR_MAX = 2200

ACCESS_HELP = _(
    "Public: anyone finds it in the catalogue, reads its description and downloads its files, without "
    "logging in. Internal: only the staff of the programmes and the administrators see it; for everyone "
    "else it does not exist."
)


# --- identifiers -------------------------------------------------------------------------------


def isbn_normalise(value: str) -> str:
    """An ISBN-10 or ISBN-13 without hyphens or spaces (final X in capitals), its check digit verified.
    Raises ValidationError naming what is wrong."""
    compact = re.sub(r"[\s\-‐‑–]", "", value or "").upper()
    if compact.startswith("ISBN"):
        compact = compact[4:].lstrip(":")
    if not compact:
        return ""
    if len(compact) == 10 and re.fullmatch(r"\d{9}[\dX]", compact):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(compact))
        if total % 11:
            raise ValidationError(_("This ISBN-10 is wrong: its last digit does not match. Check for a typing error."))
        return compact
    if len(compact) == 13 and compact.isdigit():
        if not compact.startswith(("978", "979")):
            raise ValidationError(_("An ISBN-13 begins with 978 or 979."))
        total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(compact))
        if total % 10:
            raise ValidationError(_("This ISBN-13 is wrong: its last digit does not match. Check for a typing error."))
        return compact
    raise ValidationError(
        _("An ISBN has 10 or 13 digits (the last of 10 may be X), with or without hyphens, e.g. 978-92-2-133700-3.")
    )


_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_DOI_PREFIXES = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/", "doi:")


def doi_normalise(value: str) -> str:
    """A DOI as "10.xxxx/suffix", from itself or a doi.org address. Raises ValidationError if it is not one."""
    value = (value or "").strip()
    if not value:
        return ""
    lowered = value.lower()
    for prefix in _DOI_PREFIXES:
        if lowered.startswith(prefix):
            value = unquote(value[len(prefix) :]).strip()
            break
    if not _DOI.match(value):
        raise ValidationError(
            _(
                "A DOI begins with 10. and a slash follows the publisher's number, e.g. 10.1000/xyz123 or https://doi.org/10.1000/xyz123."
            )
        )
    if len(value) > 200:
        raise ValidationError(_("A DOI holds at most 200 characters."))
    return value


def authors_from_text(value: str) -> list[str]:
    """One author a line, trimmed, without empty lines or repeats."""
    authors = []
    for line in (value or "").replace("\r\n", "\n").split("\n"):
        name = " ".join(line.split())
        if name and name not in authors:
            authors.append(name)
    return authors


def abstract_for_editing(value: str) -> str:
    """What the abstract's text box shows: plain paragraphs when the stored HTML is made of nothing
    else (so plain text typed once comes back as typed), the HTML otherwise."""
    value = value or ""
    tags = set(re.findall(r"</?([a-zA-Z0-9]+)[^>]*>", value))
    if tags - {"p", "br"}:
        return value
    text = re.sub(r"</p>\s*<p>", "\n\n", value.strip())
    text = re.sub(r"<br\s*/?>", "\n", text)
    text = re.sub(r"</?p>", "", text)
    plain = html.unescape(text)
    return value if "<" in plain else plain


# --- choices -----------------------------------------------------------------------------------


def _active(model: Any, keep: Iterable[Any] = ()) -> Any:
    """Items in use, plus those the object already has (kept even if no longer in use)."""
    keep = list(keep)
    condition = Q(is_active=True) | Q(pk__in=keep) if keep else Q(is_active=True)
    return model.objects.filter(condition).order_by("position", model.order_field())


def language_choices(keep: Iterable[str] = ()) -> list[tuple[str, str]]:
    """Languages in use by code, named in the user's language and sorted by that name; codes the
    document already has are kept even if no longer in use (or unknown)."""
    keep = [c for c in keep if c]
    rows = Language.objects.filter(Q(is_active=True) | Q(code__in=keep)).only("code", "name_en", "name_fr")
    choices = sorted(((lang.code, lang.name) for lang in rows), key=lambda c: c[1].casefold())
    known = {code for code, _name in choices}
    return choices + [(code, code) for code in keep if code not in known]


def _chosen_first(field: forms.ChoiceField, chosen: set[str], label_chosen: Any, label_others: Any) -> None:
    options: list[Any] = list(field.choices)  # type: ignore[arg-type]
    first = [o for o in options if str(o[0]) in chosen]
    if first:
        field.widget.choices = [(label_chosen, first), (label_others, [o for o in options if str(o[0]) not in chosen])]


class DocumentForm(StyledForm):
    """Every metadata field of a document. On edit, `updated_at` carries the version the form was
    opened on (optimistic concurrency: the view refuses to overwrite a newer one)."""

    kind = forms.ChoiceField(
        label=_("Type"),
        choices=[("", _("— choose a type —")), *DocumentKind.choices],
        error_messages={"required": _("Choose the type of document.")},
    )
    title = forms.CharField(
        label=_("Title"), max_length=TITLE_MAX, error_messages={"required": _("Give the document's title.")}
    )
    language = forms.ChoiceField(
        label=_("Language of the title and abstract"),
        choices=(),
        error_messages={
            "invalid_choice": _("Unknown language “%(value)s”: choose one from the list."),
            "required": _("Choose the language of the title."),
        },
    )
    abstract = forms.CharField(
        label=_("Abstract"),
        required=False,
        max_length=ABSTRACT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Plain text (a blank line between paragraphs), or simple HTML: paragraphs, lists, emphasis, links. "
            "Anything else, such as scripts or styles, is removed when the document is saved."
        ),
    )
    authors = forms.CharField(
        label=_("Authors"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One a line, as printed on the document: people or organisations."),
    )
    publisher = forms.CharField(label=_("Publisher"), required=False, max_length=300)
    place = forms.CharField(label=_("Place of publication"), required=False, max_length=200)
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        error_messages={
            "invalid": _("Give the year in four digits, e.g. 2024."),
            "min_value": _("Give a year between 1800 and 2200."),
            "max_value": _("Give a year between 1800 and 2200."),
        },
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages of the content"),
        required=False,
        choices=(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (or Cmd on a Mac) to choose several. Empty: the language of the title."),
        error_messages={"invalid_choice": _("Unknown language “%(value)s”: choose one from the list.")},
    )
    themes = forms.ModelMultipleChoiceField(label=_("Themes"), required=False, queryset=Theme.objects.none())
    countries = forms.ModelMultipleChoiceField(
        label=_("Countries"),
        required=False,
        queryset=Country.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_("The countries the document is about. Hold Ctrl (or Cmd on a Mac) to choose several."),
    )
    audiences = forms.ModelMultipleChoiceField(label=_("Audiences"), required=False, queryset=Profession.objects.none())
    isbn = forms.CharField(
        label=_("ISBN"), required=False, max_length=30, help_text=_("10 or 13 digits, hyphens allowed.")
    )
    doi = forms.CharField(
        label=_("DOI"),
        required=False,
        max_length=300,
        help_text=_("For example 10.1000/xyz123, or its address https://doi.org/10.1000/xyz123."),
    )
    url = forms.URLField(
        label=_("Web address"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Where the document is published online, if it is."),
    )
    access = forms.ChoiceField(label=_("Who may see it"), choices=Access.choices, initial=Access.INTERNAL)
    updated_at = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, document: Document | None = None, **kwargs: Any) -> None:
        if document is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_for(document)
        super().__init__(*args, **kwargs)
        self.document = document
        if document is None:
            del self.fields["updated_at"]
            self.fields["language"].initial = (get_language() or "en")[:2]
        keep_languages = [document.language, *(document.languages or [])] if document else []
        language = self.fields["language"]
        languages = self.fields["languages"]
        assert isinstance(language, forms.ChoiceField) and isinstance(languages, forms.MultipleChoiceField)
        choices = language_choices(keep_languages)
        language.choices = [("", _("— choose a language —")), *choices]
        languages.choices = choices
        _chosen_first(languages, self._chosen("languages"), _("Chosen"), _("Other languages"))

        keep: dict[str, list[int]] = {"themes": [], "countries": [], "audiences": []}
        if document is not None and document.pk:
            keep = {
                "themes": list(document.themes.values_list("pk", flat=True)),
                "countries": list(document.countries.values_list("pk", flat=True)),
                "audiences": list(document.audiences.values_list("pk", flat=True)),
            }
        self.fields["themes"].queryset = _active(Theme, keep["themes"])  # type: ignore[attr-defined]
        self.fields["audiences"].queryset = _active(Profession, keep["audiences"])  # type: ignore[attr-defined]
        self.fields["countries"].queryset = Country.objects.filter(  # type: ignore[attr-defined]
            Q(is_active=True) | Q(pk__in=keep["countries"])
        ).order_by(Country.order_field())
        chosen_first(
            self.fields["countries"],
            {int(v) for v in self._chosen("countries") if v.isdigit()},
            _("Chosen"),
            _("Other countries"),
        )
        check_list(self.fields["themes"])
        check_list(self.fields["audiences"])
        check_list(self.fields["access"], radio=True)
        self.fields["access"].help_text = ACCESS_HELP

    def _chosen(self, name: str) -> set[str]:
        if self.is_bound:
            values = self.data.getlist(self.add_prefix(name)) if hasattr(self.data, "getlist") else []
        else:
            values = self.initial.get(name) or []
        return {str(v) for v in values}

    @staticmethod
    def initial_for(document: Document) -> dict[str, Any]:
        return {
            "kind": document.kind,
            "title": document.title,
            "language": document.language,
            "abstract": abstract_for_editing(document.abstract),
            "authors": "\n".join(document.authors or []),
            "publisher": document.publisher,
            "place": document.place,
            "year": document.year,
            "languages": list(document.languages or []),
            "themes": list(document.themes.values_list("pk", flat=True)),
            "countries": list(document.countries.values_list("pk", flat=True)),
            "audiences": list(document.audiences.values_list("pk", flat=True)),
            "isbn": document.isbn,
            "doi": document.doi,
            "url": document.url,
            "access": document.access,
            "updated_at": document.updated_at.isoformat() if document.updated_at else "",
        }

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())

    def clean_language(self) -> str:
        code = self.cleaned_data["language"]
        document = self.document
        if document is not None and code != document.language and document.titles.filter(language=code).exists():
            raise ValidationError(
                _(
                    "The document already has a title in this language (under “Titles in other languages”): "
                    "remove it there first, or choose another language."
                )
            )
        return code

    def clean_authors(self) -> list[str]:
        authors = authors_from_text(self.cleaned_data.get("authors") or "")
        if len(authors) > AUTHORS_MAX:
            raise ValidationError(_("At most %(n)s authors.") % {"n": AUTHORS_MAX})
        long = [a for a in authors if len(a) > AUTHOR_MAX]
        if long:
            raise ValidationError(
                _("An author's name holds at most %(n)s characters: “%(name)s…”.")
                % {"n": AUTHOR_MAX, "name": long[0][:40]}
            )
        return authors

    def clean_isbn(self) -> str:
        return isbn_normalise(self.cleaned_data.get("isbn") or "")

    def clean_doi(self) -> str:
        return doi_normalise(self.cleaned_data.get("doi") or "")

    def service_values(self) -> dict[str, Any]:
        """What document_create / document_update take."""
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "title": data["title"],
            "language": data["language"],
            "abstract": data.get("abstract") or "",
            "authors": data.get("authors") or [],
            "publisher": (data.get("publisher") or "").strip(),
            "place": (data.get("place") or "").strip(),
            "year": data.get("year"),
            "languages": list(data.get("languages") or []),
            "themes": list(data.get("themes") or []),
            "countries": list(data.get("countries") or []),
            "audiences": list(data.get("audiences") or []),
            "isbn": data.get("isbn") or "",
            "doi": data.get("doi") or "",
            "url": data.get("url") or "",
            "access": data["access"],
        }


class TitleForm(StyledForm):
    """The title and abstract of a document in another language than its own (added, or replaced)."""

    language = forms.ChoiceField(
        label=_("Language"),
        choices=(),
        error_messages={"invalid_choice": _("Unknown language “%(value)s”: choose one from the list.")},
    )
    title = forms.CharField(label=_("Title in this language"), max_length=TITLE_MAX)
    abstract = forms.CharField(
        label=_("Abstract in this language"),
        required=False,
        max_length=ABSTRACT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Plain text or simple HTML; scripts and styles are removed when saved."),
    )

    def __init__(self, *args: Any, document: Document, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.document = document
        field = self.fields["language"]
        assert isinstance(field, forms.ChoiceField)
        own = document.language
        field.choices = [("", _("— choose a language —")), *(c for c in language_choices() if c[0] != own)]

    def clean_language(self) -> str:
        code = self.cleaned_data["language"]
        if code == self.document.language:
            raise ValidationError(_("This is the document's own language: change its title with “Edit the document”."))
        return code

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())


class FindDocumentForm(StyledForm):
    """Find a document by its title (GET), to link it as a translation or add it to a collection."""

    q = forms.CharField(
        label=_("Find a document by its title"),
        required=False,
        max_length=200,
        help_text=_("A few words of the title in any of its languages, its DOI or its ISBN."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        attrs = self.fields["q"].widget.attrs
        attrs["autocomplete"] = "off"
        attrs["type"] = "search"

    def query(self) -> str:
        if not self.is_bound or not self.is_valid():
            return ""
        return " ".join((self.cleaned_data.get("q") or "").split())


class CollectionForm(StyledForm):
    title = forms.CharField(
        label=_("Title"), max_length=300, help_text=_("For example: Training package on labour inspection.")
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Plain text: what the collection is for and how to use it."),
    )
    access = forms.ChoiceField(label=_("Who may see it"), choices=Access.choices, initial=Access.INTERNAL)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        check_list(self.fields["access"], radio=True)
        self.fields["access"].help_text = _(
            "Public: anyone sees the collection and the public documents in it, without logging in; internal "
            "documents stay hidden from them. Internal: only the staff of the programmes and the administrators "
            "see it."
        )
