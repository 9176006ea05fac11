"""The management forms: identifiers checked (ISBN checksum, DOI), year range, language codes,
errors next to the fields."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import translation

from relais.core.models import Country, Language, Profession, Theme
from relais.knowledge.forms import (
    CollectionForm,
    DocumentForm,
    TitleForm,
    abstract_for_editing,
    authors_from_text,
    doi_normalise,
    isbn_normalise,
    language_choices,
)
from relais.knowledge.tests.factories import make_document

pytestmark = pytest.mark.django_db


def _data(**over: Any) -> QueryDict:
    values: dict[str, Any] = {
        "kind": "guideline",
        "title": "Guideline on labour inspection",
        "language": "en",
        "access": "public",
    }
    values.update(over)
    q = QueryDict(mutable=True)
    for key, value in values.items():
        if isinstance(value, list):
            q.setlist(key, [str(v) for v in value])
        else:
            q[key] = str(value)
    return q


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("978-92-2-133700-3", "9789221337003"),
        ("978 92 2 133700 3", "9789221337003"),
        ("ISBN 978-0-306-40615-7", "9780306406157"),
        ("0-306-40615-2", "0306406152"),
        ("0-8044-2957-x", "080442957X"),
        ("", ""),
    ],
)
def test_isbn_accepted(raw: str, expected: str) -> None:
    assert isbn_normalise(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("978-92-2-133700-8", "ISBN-13 is wrong"),
        ("0-306-40615-3", "ISBN-10 is wrong"),
        ("123-4-56789-012-3", "978 or 979"),
        ("12345", "10 or 13 digits"),
        ("97892213370X8", "10 or 13 digits"),
    ],
)
def test_isbn_refused(raw: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        isbn_normalise(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("10.1000/xyz123", "10.1000/xyz123"),
        ("https://doi.org/10.1000/xyz123", "10.1000/xyz123"),
        ("http://dx.doi.org/10.1016/j.cell.2009.01.002", "10.1016/j.cell.2009.01.002"),
        ("doi:10.1000/ABC", "10.1000/ABC"),
        ("https://doi.org/10.1000%2Fabc%28x%29", "10.1000/abc(x)"),
        ("  ", ""),
    ],
)
def test_doi_accepted(raw: str, expected: str) -> None:
    assert doi_normalise(raw) == expected


@pytest.mark.parametrize("raw", ["1000/xyz", "10.12/xyz", "https://example.org/10.1000/xyz", "10.1000/", "10.1000/a b"])
def test_doi_refused(raw: str) -> None:
    with pytest.raises(ValidationError):
        doi_normalise(raw)


def test_authors_one_a_line() -> None:
    assert authors_from_text(" Ana  Marković \r\n\r\nILO\nAna Marković\n") == ["Ana Marković", "ILO"]


def test_a_valid_form_gives_service_values() -> None:
    theme = Theme.objects.get(code="thb_labour")
    police = Profession.objects.get(code="police")
    albania = Country.objects.get(code="AL")
    form = DocumentForm(
        _data(
            authors="Ana Marković\nILO",
            year="2023",
            languages=["en", "sr"],
            themes=[theme.pk],
            audiences=[police.pk],
            countries=[albania.pk],
            isbn="978-92-2-133700-3",
            doi="https://doi.org/10.1000/xyz",
            url="www.ilo.org/report",
        )
    )
    assert form.is_valid(), form.errors
    values = form.service_values()
    assert values["authors"] == ["Ana Marković", "ILO"]
    assert values["isbn"] == "9789221337003" and values["doi"] == "10.1000/xyz"
    assert values["url"] == "https://www.ilo.org/report"
    assert values["year"] == 2023 and values["languages"] == ["en", "sr"]
    assert values["themes"] == [theme] and values["audiences"] == [police] and values["countries"] == [albania]
    assert "updated_at" not in form.fields  # only when editing


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("year", "1799", "between 1800 and 2200"),
        ("year", "2201", "between 1800 and 2200"),
        ("year", "twenty", "four digits"),
        ("isbn", "978-92-2-133700-8", "ISBN-13 is wrong"),
        ("doi", "doi.org/xyz", "A DOI begins with 10."),
        ("language", "zz", "Unknown language “zz”"),
        ("languages", ["en", "qq"], "Unknown language “qq”"),
        ("kind", "poem", "Select a valid choice"),
        ("access", "secret", "Select a valid choice"),
        ("url", "not an address", "Enter a valid URL"),
        ("title", "", "Give the document's title"),
        ("kind", "", "Choose the type of document"),
    ],
)
def test_field_errors(field: str, value: Any, message: str) -> None:
    form = DocumentForm(_data(**{field: value}))
    assert not form.is_valid()
    assert list(form.errors) == [field]
    assert message in " ".join(form.errors[field])
    assert form.fields[field].widget.attrs.get("aria-invalid") == "true"


def test_too_many_or_too_long_authors() -> None:
    form = DocumentForm(_data(authors="\n".join(f"Author {i}" for i in range(101))))
    assert not form.is_valid() and "At most 100 authors" in form.errors["authors"][0]
    form = DocumentForm(_data(authors="x" * 301))
    assert not form.is_valid() and "at most 300 characters" in form.errors["authors"][0]


def test_language_choices_are_active_languages_named_in_the_users_language() -> None:
    Language.objects.filter(code="eo").update(is_active=False)
    codes = dict(language_choices())
    assert "eo" not in codes and codes["fr"] == "French"
    assert dict(language_choices(["eo", "xx"]))["xx"] == "xx"  # kept for a document that has them
    with translation.override("fr"):
        names = dict(language_choices())
        assert names["de"] == "Allemand"
        ordered = [name for _code, name in language_choices()]
        assert ordered == sorted(ordered, key=str.casefold)


def test_edit_form_keeps_the_documents_values_and_version() -> None:
    Language.objects.filter(code="sr").update(is_active=False)
    document = make_document(language="sr", languages=["sr", "en"], abstract="<p>One</p><p>Two &amp; three</p>")
    form = DocumentForm(document=document)
    assert form.initial["updated_at"] == document.updated_at.isoformat()
    assert form.initial["abstract"] == "One\n\nTwo & three"
    assert ("sr", "Serbian") in form.fields["language"].choices  # type: ignore[attr-defined]
    html = str(form["languages"])
    assert 'optgroup label="Chosen"' in html
    bound = DocumentForm(_data(language="sr", updated_at=form.initial["updated_at"]), document=document)
    assert bound.is_valid(), bound.errors


def test_abstract_for_editing_keeps_html_that_is_not_only_paragraphs() -> None:
    assert abstract_for_editing("<p>a<br>b</p>") == "a\nb"
    assert abstract_for_editing("<p>Read <em>this</em></p>") == "<p>Read <em>this</em></p>"
    assert abstract_for_editing("<p>1 &lt; 2</p>") == "<p>1 &lt; 2</p>"  # would become markup otherwise
    assert abstract_for_editing("") == ""


def test_title_form_refuses_the_documents_own_language() -> None:
    document = make_document(language="en")
    form = TitleForm({"language": "en", "title": "Same"}, document=document)
    assert not form.is_valid() and "Unknown language “en”" in form.errors["language"][0]  # not offered
    form = TitleForm({"language": "zz", "title": "X"}, document=document)
    assert not form.is_valid() and "Unknown language" in form.errors["language"][0]
    form = TitleForm({"language": "fr", "title": "  Un   titre "}, document=document)
    assert form.is_valid() and form.cleaned_data["title"] == "Un titre"


def test_collection_form() -> None:
    form = CollectionForm({"title": "", "access": "nobody"})
    assert not form.is_valid() and set(form.errors) == {"title", "access"}
    assert CollectionForm({"title": "Package", "access": "public"}).is_valid()


def test_own_language_cannot_be_one_that_has_a_title_already() -> None:
    from relais.knowledge.models import DocumentTitle

    document = make_document(language="en")
    DocumentTitle.objects.create(document=document, language="fr", title="Titre")
    form = DocumentForm(_data(language="fr", updated_at=document.updated_at.isoformat()), document=document)
    assert not form.is_valid() and "already has a title in this language" in form.errors["language"][0]
