"""Bulk import of a catalogue: reading real XLSX and CSV sheets, every check by row and column,
matching with the documents Relais holds, writing all or nothing, idempotency."""

from __future__ import annotations

import csv
import functools
import io
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.utils import translation

from relais.core.models import AuditEvent, Country, Profession, Theme
from relais.knowledge import services_files
from relais.knowledge.files import FileRefused
from relais.knowledge.import_documents import (
    CREATE,
    UNCHANGED,
    UPDATE,
    Checked,
    ImportRefused,
    documents_check,
    documents_import,
)
from relais.knowledge.import_documents_check import Problem, isbn_key, isbn_valid
from relais.knowledge.import_documents_files import FileSource, open_zip
from relais.knowledge.import_documents_read import FIELDS, TEMPLATE_HEADERS, header_field
from relais.knowledge.models import Access, Collection, Document, DocumentFile, DocumentKind, TextStatus
from relais.knowledge.tests.factories import make_document
from relais.knowledge.tests.samples import docx_bytes, encrypted_pdf_bytes, pdf_bytes

pytestmark = pytest.mark.django_db

EN = TEMPLATE_HEADERS["en"]
FR = TEMPLATE_HEADERS["fr"]


# --- Builders (used by the other test_import_* modules too) ---------------------------------------


def row(**values: Any) -> dict[str, Any]:
    """A valid row: a guideline in English, with whatever else is given."""
    base: dict[str, Any] = {"title": "Guideline on labour inspection", "kind": "guideline", "language": "en"}
    base.update(values)
    return base


def _cells(rows: Iterable[dict[str, Any]], headers: list[str]) -> list[list[Any]]:
    fields = [header_field(h) or h for h in headers]
    return [[r.get(f, "") for f in fields] for r in rows]


def sheet_xlsx(rows: Iterable[dict[str, Any]], *, headers: list[str] = EN, title_lines: int = 0) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Documents"
    for number in range(title_lines):
        sheet.append([f"Catalogue of the centre, part {number + 1}"])
    sheet.append(list(headers))
    for cells in _cells(rows, headers):
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def sheet_csv(
    rows: Iterable[dict[str, Any]], *, headers: list[str] = EN, encoding: str = "utf-8-sig", delimiter: str = ","
) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(headers)
    for cells in _cells(rows, headers):
        writer.writerow(cells)
    return out.getvalue().encode(encoding)


def zip_of(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def files_of(files: dict[str, bytes]) -> FileSource:
    return open_zip(zip_of(files), label="files.zip")


def txt(text: str) -> bytes:
    return text.encode("utf-8")


def check(sheet: bytes, files: dict[str, bytes] | None = None) -> Checked:
    return documents_check(sheet=sheet, files=files_of(files) if files is not None else None)


def run(sheet: bytes, files: dict[str, bytes] | None = None, actor: Any = None) -> Any:
    return documents_import(
        actor=actor, sheet=sheet, sheet_name="catalogue.xlsx", files=files_of(files) if files is not None else None
    )


def problems(checked: Checked) -> list[tuple[int | None, str, str]]:
    """(row, column letter, message) of each problem."""
    return [(p.row, p.column.split(" ")[0], p.message) for p in checked.problems]


def only_error(checked: Checked) -> Any:
    assert len(checked.errors) == 1, [str(p) for p in checked.problems]
    return checked.errors[0]


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


def stored_files(media: Path) -> list[Path]:
    folder = media / "knowledge"
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


# --- Headings -------------------------------------------------------------------------------------


def test_headings_in_english_and_french_whatever_the_case_and_accents() -> None:
    assert header_field("Title") == "title"
    assert header_field("TITRE") == "title"
    assert header_field("Année") == "year"
    assert header_field("annee de publication") == "year"
    assert header_field("Clé de traduction") == "translation_key"
    assert header_field("translation_key") == "translation_key"
    assert header_field("Publics cibles") == "audiences"
    assert header_field("Résumé") == "abstract"
    assert header_field("Fichier") == "file"
    assert header_field("Accès") == "access"
    assert header_field("Title (as printed)") == "title"
    assert header_field("Title (in its own language)") is None  # "language" names another column
    assert header_field("Notes") is None
    for headers in TEMPLATE_HEADERS.values():
        assert [header_field(h) for h in headers] == list(FIELDS)


# --- A complete import ----------------------------------------------------------------------------


def full_rows() -> list[dict[str, Any]]:
    return [
        row(
            title="Guidelines on labour inspection and trafficking",
            kind="Guideline",
            language="English",
            languages="en, sr",
            authors="Marković, Ana; Rossi, Luca",
            publisher="Relais Centre",
            place="Vienna",
            year=2023,
            abstract="How labour inspectors detect trafficking.\n\nA second paragraph.",
            themes="thb_labour; Labour inspection and supply chains",
            countries="AL; Serbia; Italie",
            audiences="labour_inspection; Police",
            isbn="978-0-306-40615-7",
            doi="https://doi.org/10.1000/XYZ123",
            url="https://example.org/guide",
            access="public",
            file="guides/inspection-en.docx",
            translation_key="LI-2023",
            collection="Training package on labour inspection",
        ),
        row(
            title="Lignes directrices sur l'inspection du travail",
            kind="ligne directrice",
            language="fr",
            year=2023,
            access="interne",
            file="guides/inspection-fr.txt",
            translation_key="li-2023",
            collection="Training package on labour inspection",
        ),
        row(title="A report without a file", kind="report", language="en", year=2021),
    ]


@functools.cache
def _docx() -> bytes:
    return docx_bytes(["Inspectors visit farms and building sites at dawn."])  # built once: a DOCX holds its time


def full_files() -> dict[str, bytes]:
    return {
        "guides/inspection-en.docx": _docx(),
        "guides/inspection-fr.txt": txt("Les inspecteurs visitent les exploitations agricoles."),
    }


def test_a_complete_workbook_is_checked_then_imported(
    personas: dict[str, Any], media: Path, django_capture_on_commit_callbacks: Any
) -> None:
    sheet = sheet_xlsx(full_rows())
    checked = check(sheet, full_files())
    assert checked.errors == [], [str(p) for p in checked.problems]
    assert (checked.to_create, checked.to_update, checked.unchanged, checked.files_to_add) == (3, 0, 0, 2)
    assert checked.new_collections == ["Training package on labour inspection"]
    assert Document.objects.count() == 0  # the check writes nothing

    with django_capture_on_commit_callbacks(execute=True):
        outcome = run(sheet, full_files(), actor=personas["manager"])
    assert (outcome.created, outcome.updated, outcome.unchanged, outcome.files_added) == (3, 0, 0, 2)
    assert outcome.collections_created == 1
    guide = Document.objects.get(title="Guidelines on labour inspection and trafficking")
    assert guide.kind == DocumentKind.GUIDELINE
    assert guide.language == "en" and guide.languages == ["en", "sr"]
    assert guide.authors == ["Marković, Ana", "Rossi, Luca"]
    assert (guide.publisher, guide.place, guide.year) == ("Relais Centre", "Vienna", 2023)
    assert guide.abstract == "<p>How labour inspectors detect trafficking.</p><p>A second paragraph.</p>"
    assert guide.isbn == "978-0-306-40615-7" and guide.doi == "10.1000/XYZ123"
    assert guide.url == "https://example.org/guide" and guide.access == Access.PUBLIC
    assert set(guide.themes.values_list("code", flat=True)) == {"thb_labour", "supply_chains"}
    assert set(guide.countries.values_list("code", flat=True)) == {"AL", "RS", "IT"}
    assert set(guide.audiences.values_list("code", flat=True)) == {"labour_inspection", "police"}
    assert guide.created_by == personas["manager"]
    french = Document.objects.get(language="fr")
    assert french.access == Access.INTERNAL and french.kind == DocumentKind.GUIDELINE
    assert french.translation_group_id is not None and french.translation_group_id == guide.translation_group_id
    report = Document.objects.get(kind=DocumentKind.REPORT)
    assert report.access == Access.INTERNAL and report.translation_group_id is None and not report.files.exists()

    files = {f.document_id: f for f in DocumentFile.objects.all()}
    assert files[guide.pk].original_name == "inspection-en.docx" and files[guide.pk].kind == "docx"
    assert files[guide.pk].version == 1 and files[guide.pk].is_current
    # Extraction is queued per file; in tests the immediate backend runs it after commit.
    files[guide.pk].refresh_from_db()
    files[french.pk].refresh_from_db()
    assert files[guide.pk].text_status == TextStatus.DONE and "building sites" in files[guide.pk].text
    assert "exploitations agricoles" in files[french.pk].text
    assert len(stored_files(media)) == 2

    collection = Collection.objects.get()
    assert collection.title == "Training package on labour inspection" and collection.access == Access.INTERNAL
    assert [i.document_id for i in collection.items.order_by("position")] == [guide.pk, french.pk]

    event = AuditEvent.objects.get(action="documents.import")
    assert event.actor == personas["manager"]
    assert event.details["sheet"] == "catalogue.xlsx" and event.details["files"] == "files.zip"
    assert (event.details["created"], event.details["files_added"], event.details["rows"]) == (3, 2, 3)
    assert AuditEvent.objects.filter(action="document.create").count() == 3  # besides the per-document events


def test_importing_the_same_sheet_twice_creates_nothing_new(personas: dict[str, Any], media: Path) -> None:
    sheet = sheet_xlsx(full_rows())
    run(sheet, full_files(), actor=personas["manager"])
    counts = (Document.objects.count(), DocumentFile.objects.count(), Collection.objects.count())

    checked = check(sheet, full_files())
    assert (checked.to_create, checked.to_update, checked.unchanged, checked.files_to_add) == (0, 0, 3, 0)
    assert {r.matched_by for r in checked.rows} == {"doi", "title"}
    outcome = run(sheet, full_files(), actor=personas["manager"])
    assert (outcome.created, outcome.updated, outcome.unchanged, outcome.files_added) == (0, 0, 3, 0)
    assert (Document.objects.count(), DocumentFile.objects.count(), Collection.objects.count()) == counts
    assert Collection.objects.get().items.count() == 2
    assert len(stored_files(media)) == 2
    assert AuditEvent.objects.filter(action="documents.import").count() == 2
    assert AuditEvent.objects.filter(action="document.update").count() == 0


def test_a_changed_cell_updates_and_a_changed_file_becomes_a_new_version(personas: dict[str, Any], media: Path) -> None:
    run(sheet_xlsx(full_rows()), full_files(), actor=personas["manager"])
    rows = full_rows()
    rows[0]["abstract"] = "A new summary."
    rows[0]["themes"] = "thb_labour"
    files = full_files()
    files["guides/inspection-fr.txt"] = txt("Une version corrigée du texte.")
    checked = check(sheet_xlsx(rows), files)
    status = {r.row: (r.status, r.changes) for r in checked.rows}
    assert status[2] == (UPDATE, ["abstract", "themes"])
    assert status[3] == (UPDATE, ["file"])
    assert status[4] == (UNCHANGED, [])

    outcome = run(sheet_xlsx(rows), files, actor=personas["manager"])
    assert (outcome.created, outcome.updated, outcome.unchanged, outcome.files_added) == (0, 2, 1, 1)
    guide = Document.objects.get(language="en", kind=DocumentKind.GUIDELINE)
    assert guide.abstract == "<p>A new summary.</p>"
    assert list(guide.themes.values_list("code", flat=True)) == ["thb_labour"]
    assert guide.publisher == "Relais Centre"  # not in the change: left as it was
    french = Document.objects.get(language="fr")
    versions = list(french.files.order_by("version").values_list("version", "is_current"))
    assert versions == [(1, False), (2, True)]


def test_an_empty_cell_leaves_the_current_value(personas: dict[str, Any]) -> None:
    run(sheet_xlsx([row(publisher="ILO", year=2020, doi="10.1000/abc")]))
    checked = check(sheet_xlsx([row(year=2020, doi="10.1000/abc")]))
    assert checked.rows[0].status == UNCHANGED
    assert Document.objects.get().publisher == "ILO"


# --- Matching documents already in Relais ---------------------------------------------------------


def test_matching_by_doi_then_isbn_then_title_year_and_language() -> None:
    by_doi = make_document(title="Old title", doi="10.5555/ABC", year=2019)
    by_isbn = make_document(title="Handbook", isbn="0-306-40615-2", year=2018)  # ISBN-10 of 978-0-306-40615-7
    by_title = make_document(title="Étude sur la traite", language="fr", year=2020)
    other_doi = make_document(title="Same title, other DOI", doi="10.5555/other", year=2020)
    sheet = sheet_xlsx(
        [
            row(title="New title", doi="doi:10.5555/abc", year=2019),
            row(title="Handbook, 2nd printing", isbn="9780306406157", year=2018),
            row(title="ÉTUDE SUR LA TRAITE", language="fr", kind="study", year=2020),
            row(title="Same title, other DOI", doi="10.5555/third", year=2020),
        ]
    )
    checked = check(sheet)
    assert checked.errors == []
    found = {r.row: (r.document.pk if r.document else None, r.matched_by, r.status) for r in checked.rows}
    assert found[2] == (by_doi.pk, "doi", UPDATE)
    assert found[3] == (by_isbn.pk, "isbn", UPDATE)
    assert found[4] == (by_title.pk, "title", UPDATE)  # case-insensitively, accents too
    assert found[5] == (None, "", CREATE)  # the title matches, the DOI says it is another document
    assert other_doi.pk not in {r.document.pk for r in checked.rows if r.document}


def test_two_rows_matching_one_document_is_a_problem() -> None:
    make_document(title="Guideline on labour inspection", doi="10.5555/one", isbn="978-0-306-40615-7", year=2022)
    checked = check(sheet_xlsx([row(title="A", doi="10.5555/one"), row(title="B", isbn="0-306-40615-2")]))
    problem = only_error(checked)
    assert problem.row == 3 and "the same document as row 2" in problem.message


def test_the_check_reads_the_documents_in_a_few_queries(django_assert_max_num_queries: Any) -> None:
    for n in range(40):
        make_document(title=f"Document {n}", year=2020, doi=f"10.5555/{n}")
    few = sheet_xlsx([row(title=f"Document {n}", year=2020, doi=f"10.5555/{n}") for n in range(3)])
    many = sheet_xlsx([row(title=f"Document {n}", year=2020, doi=f"10.5555/{n}") for n in range(40)])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        check(few)
    with CaptureQueriesContext(connection) as large:
        check(many)
    assert len(large.captured_queries) == len(small.captured_queries)


# --- Sheets as people save them -------------------------------------------------------------------


def test_csv_in_utf8_with_bom() -> None:
    sheet = sheet_csv([row(title="Ștefan's guide to Niš", authors="Ștefan Popescu")], encoding="utf-8-sig")
    checked = check(sheet)
    assert checked.errors == [] and checked.table is not None
    assert (checked.table.kind, checked.table.encoding) == ("csv", "utf-8-sig")
    assert checked.rows[0].title == "Ștefan's guide to Niš"


def test_csv_in_windows_1252_with_semicolons_and_french_headings() -> None:
    rows = [
        row(title="Étude sur l'inspection du travail", kind="Étude", language="français", year=2019,
            authors="Lefèvre, Hélène; Müller, Jörg", themes="Coopération judiciaire transfrontalière",
            countries="Albanie; Italie", audiences="Inspection du travail", access="Publique"),
    ]  # fmt: skip
    sheet = sheet_csv(rows, headers=FR, encoding="cp1252", delimiter=";")
    checked = check(sheet)
    assert checked.errors == [], [str(p) for p in checked.problems]
    assert checked.table is not None and (checked.table.encoding, checked.table.delimiter) == ("cp1252", ";")
    values = checked.rows[0].values
    assert values["title"] == "Étude sur l'inspection du travail"
    assert values["kind"] == DocumentKind.STUDY and values["language"] == "fr" and values["access"] == Access.PUBLIC
    assert values["authors"] == ["Lefèvre, Hélène", "Müller, Jörg"]
    assert checked.rows[0].relations["themes"] == [Theme.objects.get(code="judicial_cooperation").pk]
    assert checked.rows[0].relations["countries"] == list(
        Country.objects.filter(code__in=["AL", "IT"]).order_by("code").values_list("pk", flat=True)
    )
    assert checked.rows[0].relations["audiences"] == [Profession.objects.get(code="labour_inspection").pk]


def test_title_lines_above_the_header_row_are_skipped() -> None:
    checked = check(sheet_xlsx([row()], title_lines=2))
    assert checked.errors == [] and checked.table is not None and checked.table.header_row == 3
    assert checked.rows[0].row == 4


def test_an_unknown_column_is_a_warning_and_a_missing_required_one_an_error() -> None:
    checked = check(sheet_xlsx([{"title": "T", "kind": "study", "language": "en", "Notes": "x"}],
                               headers=["Title", "Type", "Language", "Notes"]))  # fmt: skip
    assert checked.errors == [] and [p.column for p in checked.warnings] == ["D (Notes)"]
    checked = check(sheet_xlsx([{"title": "T"}], headers=["Title"]))
    assert {p.message for p in checked.errors} == {
        "no column holds the “Type”: it is required.",
        "no column holds the “Language”: it is required.",
    }


def test_files_that_are_not_sheets_are_refused() -> None:
    assert "not a spreadsheet" in only_error(check(b"\x00\x01\x02 binary \x00" * 50)).message
    assert "ZIP of files" in only_error(check(zip_of({"a.txt": b"hello"}))).message
    assert "old Excel file" in only_error(check(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)).message
    assert "empty" in only_error(check(b"")).message


# --- Checks by row and column ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "column", "words"),
    [
        ({"title": ""}, "A", ["title is missing"]),
        ({"kind": "poem"}, "B", ["unknown type “poem”", "study (Study)", "case_law (Case law)"]),
        ({"kind": ""}, "B", ["type is missing"]),
        ({"language": "Klingon"}, "C", ["unknown language “Klingon”", "ISO 639-1 code"]),
        ({"languages": "en, xx"}, "D", ["unknown language “xx”"]),
        ({"year": "1700"}, "H", ["year 1700 is out of range", "1800"]),
        ({"year": "3000"}, "H", ["out of range"]),
        ({"year": "around 2010"}, "H", ["must be a number"]),
        ({"themes": "thb_labour; cooking"}, "J", ["unknown theme “cooking”", "thb_labour", "legal_framework"]),
        ({"countries": "AL; Atlantis"}, "K", ["unknown country “Atlantis”", "ISO codes"]),
        ({"audiences": "astronauts"}, "L", ["unknown audience “astronauts”", "labour_inspection"]),
        ({"isbn": "978-0-306-40615-8"}, "M", ["check digit does not match"]),
        ({"isbn": "12345"}, "M", ["not an ISBN"]),
        ({"doi": "doi.org/abc"}, "N", ["not a DOI", "10."]),
        ({"url": "www.example.org"}, "O", ["not a web address", "https://"]),
        ({"url": "javascript:alert(1)"}, "O", ["not a web address"]),
        ({"access": "secret"}, "P", ["unknown access “secret”", "public or internal"]),
        ({"title": "x" * 501}, "A", ["too long: at most 500 characters"]),
    ],
)
def test_each_cell_is_checked(values: dict[str, Any], column: str, words: list[str]) -> None:
    checked = check(sheet_xlsx([row(title="Fine", year=2020), row(**values)]))
    problem = only_error(checked)
    assert (problem.row, problem.column.split(" ")[0]) == (3, column)
    for word in words:
        assert word in problem.message
    assert [r.row for r in checked.rows] == [2]  # the good row stays listed


def test_the_value_and_the_column_heading_are_reported() -> None:
    problem = only_error(check(sheet_xlsx([row(kind="poem")], headers=FR)))
    assert (problem.row, problem.column, problem.value) == (2, "B (Type)", "poem")
    assert str(problem).startswith("row 2, column B (Type): unknown type “poem”")


def test_how_problems_read_on_the_command_line() -> None:
    assert str(Problem(3, "N (DOI)", "10.1/x", "the same DOI as row 2.")) == (
        "row 3, column N (DOI) “10.1/x”: the same DOI as row 2."
    )
    assert str(Problem(3, "B (Type)", "poem", "unknown type “poem”.")) == "row 3, column B (Type): unknown type “poem”."
    assert str(Problem(None, "", "files.zip", "It is refused.")) == "files.zip: It is refused."
    assert str(Problem(None, "Q (File)", "b.txt", "“b.txt” is unnamed.", warning=True)) == (
        "warning: column Q (File): “b.txt” is unnamed."
    )


def test_problems_are_said_in_the_users_language() -> None:
    with translation.override("fr"):
        problem = only_error(check(sheet_xlsx([row(kind="poème")], headers=FR)))
        assert str(problem).startswith("ligne 2, colonne B (Type) : ")


def test_good_values_in_every_form() -> None:
    checked = check(
        sheet_xlsx(
            [
                row(year="2021", isbn="ISBN 0-306-40615-2", doi="https://dx.doi.org/10.1000/182", language="fr-FR",
                    languages="English; French; srp", kind="training_material", access="Internal"),
                row(title="Case", kind="jurisprudence", language="deu", year=2021.0, countries="Moldova, Republic of"),
            ]
        )
    )  # fmt: skip
    assert checked.errors == [], [str(p) for p in checked.problems]
    first, second = (r.values for r in checked.rows)
    assert first["isbn"] == "0-306-40615-2" and first["doi"] == "10.1000/182" and first["year"] == 2021
    assert first["language"] == "fr" and first["languages"] == ["en", "fr", "sr"]
    assert first["kind"] == DocumentKind.TRAINING_MATERIAL and first["access"] == Access.INTERNAL
    assert second["kind"] == DocumentKind.CASE_LAW and second["language"] == "de" and second["year"] == 2021
    assert checked.rows[1].relations["countries"] == [Country.objects.get(code="MD").pk]


def test_isbn_checksums() -> None:
    assert isbn_valid("0306406152") and isbn_valid("9780306406157") and isbn_valid("080442957X")
    assert not isbn_valid("0306406153") and not isbn_valid("9780306406158")
    assert isbn_key("0-306-40615-2") == isbn_key("978-0-306-40615-7") == "9780306406157"


@pytest.mark.parametrize(
    ("second", "column", "words"),
    [
        ({"title": "Another", "doi": "10.1000/SAME"}, "N", "the same DOI as row 2"),
        ({"title": "Another", "isbn": "0-306-40615-2"}, "M", "the same ISBN as row 2"),
        ({"title": "GUIDELINE ON LABOUR INSPECTION"}, "A", "the same title, year and language as row 2"),
    ],
)
def test_duplicate_rows(second: dict[str, Any], column: str, words: str) -> None:
    first = row(doi="10.1000/same", isbn="978-0-306-40615-7", year=2020)
    checked = check(sheet_xlsx([first, row(year=2020, **second)]))
    problem = only_error(checked)
    assert (problem.row, problem.column[0], problem.message) == (3, column, words + ".")


def test_same_title_in_another_year_or_language_is_another_document() -> None:
    checked = check(sheet_xlsx([row(year=2020), row(year=2021), row(year=2020, language="fr")]))
    assert checked.errors == [] and len(checked.rows) == 3


def test_a_translation_key_on_one_row_is_a_warning() -> None:
    checked = check(sheet_xlsx([row(translation_key="ALONE"), row(title="Other", translation_key="pair"),
                                row(title="Autre", language="fr", translation_key="PAIR")]))  # fmt: skip
    assert checked.errors == []
    warning = checked.warnings[0]
    assert (warning.row, warning.column[0], warning.value) == (2, "R", "ALONE")
    assert "no other row has the translation key" in warning.message


# --- Files ----------------------------------------------------------------------------------------


def test_file_problems_are_reported_against_the_row_and_the_file_column() -> None:
    rows = [
        row(title="One", file="one.txt"),
        row(title="Missing", file="missing.pdf"),
        row(title="Again", file="ONE.TXT"),
        row(title="Locked", file="locked.pdf"),
        row(title="Fake", file="fake.docx"),
    ]
    files = {
        "one.txt": txt("A text."),
        "locked.pdf": encrypted_pdf_bytes(),
        "fake.docx": txt("I am not a Word document."),
        "extra/unnamed.txt": txt("Nobody names me."),
    }
    checked = check(sheet_xlsx(rows), files)
    found = {p.row: p for p in checked.errors}
    assert set(found) == {3, 4, 5, 6}
    assert all(p.column == "Q (File)" for p in found.values())
    assert found[3].message == "“missing.pdf” is not in the ZIP file."
    assert found[4].message.startswith("row 2 names the same file")
    assert "password" in found[5].message and "locked.pdf" in found[5].message
    assert "fake.docx" in found[6].message and "Word" in found[6].message
    warning = only_warning(checked)
    assert (warning.row, warning.value) == (None, "extra/unnamed.txt")
    assert "no row names it" in warning.message
    assert [r.row for r in checked.rows] == [2]


def only_warning(checked: Checked) -> Any:
    assert len(checked.warnings) == 1, [str(p) for p in checked.warnings]
    return checked.warnings[0]


def test_file_names_are_found_with_or_without_their_folder() -> None:
    files = {
        "catalogue/a/guide.txt": txt("A"),
        "catalogue/b/guide.txt": txt("B"),
        "catalogue/report.txt": txt("C"),
        "__MACOSX/catalogue/._report.txt": b"\x00\x05",
        "catalogue/.DS_Store": b"\x00",
    }
    rows = [
        row(title="Guide A", file="a/guide.txt"),  # inside the folder that wraps everything
        row(title="Guide B", file="catalogue\\b\\guide.txt"),  # Windows separators
        row(title="Report", file="REPORT.txt"),  # the bare name, any case, when only one file has it
        row(title="Which guide", file="guide.txt"),
    ]
    checked = check(sheet_xlsx(rows), files)
    assert [r.entry.name if r.entry else None for r in checked.rows] == [
        "catalogue/a/guide.txt",
        "catalogue/b/guide.txt",
        "catalogue/report.txt",
    ]
    problem = only_error(checked)
    assert problem.row == 5 and "several files in the ZIP file are named “guide.txt”" in problem.message
    assert checked.warnings == []  # system litter is ignored


def test_a_row_naming_a_file_without_a_zip_is_a_problem() -> None:
    problem = only_error(check(sheet_xlsx([row(file="guide.pdf")])))
    assert "no ZIP file or folder of files was given" in problem.message


def test_a_file_name_leading_outside_the_zip_is_a_problem() -> None:
    problem = only_error(check(sheet_xlsx([row(file="../../etc/passwd")]), {"a.txt": txt("A")}))
    assert "leads outside" in problem.message


# --- All or nothing -------------------------------------------------------------------------------


def thirty(bad: bytes) -> tuple[bytes, dict[str, bytes]]:
    rows = [row(title=f"Document {n}", year=2020, file=f"doc-{n}.txt") for n in range(1, 31)]
    files = {f"doc-{n}.txt": txt(f"The text of document {n}.") for n in range(1, 30)}
    files["doc-30.txt"] = bad
    return sheet_xlsx(rows), files


def test_a_bad_file_in_row_31_stops_everything(media: Path) -> None:
    sheet, files = thirty(b"\x00\x01\x02\x03 not a text file" * 20)
    checked = check(sheet, files)
    assert [(p.row, p.column) for p in checked.errors] == [(31, "Q (File)")]
    with pytest.raises(ImportRefused) as refused:
        run(sheet, files)
    assert [p.row for p in refused.value.problems] == [31]
    assert Document.objects.count() == 0 and DocumentFile.objects.count() == 0
    assert stored_files(media) == []
    assert not AuditEvent.objects.filter(action__in=["documents.import", "document.create"]).exists()


def test_a_failure_while_writing_rolls_back_everything_and_removes_the_stored_files(
    media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The files pass the check, then the 30th is refused as it is written (say, it changed on
    disk): the 29 documents and files written before it are gone, in the database and in storage."""
    sheet, files = thirty(txt("The text of document 30."))
    real = services_files.check_upload

    def refuse_the_last(data: bytes, filename: str) -> str:
        if filename == "doc-30.txt":
            raise FileRefused(f"{filename} is damaged: it cannot be read.")
        return real(data, filename)

    monkeypatch.setattr(services_files, "check_upload", refuse_the_last)
    with pytest.raises(ImportRefused) as refused:
        run(sheet, files)
    assert [(p.row, p.column) for p in refused.value.problems] == [(31, "Q (File)")]
    assert Document.objects.count() == 0 and DocumentFile.objects.count() == 0
    assert stored_files(media) == []
    assert not AuditEvent.objects.exists()


def test_the_check_in_the_same_transaction_refuses_a_sheet_gone_bad() -> None:
    """documents_import checks again: what passed the preview but no longer does is refused."""
    sheet = sheet_xlsx([row(doi="10.5555/x", year=2020), row(title="B", year=2020)])
    assert check(sheet).errors == []
    make_document(title="B", year=2020, language="en", doi="10.5555/x")  # both rows now match it
    with pytest.raises(ImportRefused):
        run(sheet)
    assert Document.objects.count() == 1


def test_collections_are_created_once_and_filled_in_the_order_of_the_rows(personas: dict[str, Any]) -> None:
    existing = Collection.objects.create(title="Existing package")
    first = make_document(title="Already in it", year=2000)
    existing.items.create(document=first, position=0)
    rows = [
        row(title="Zeta", year=2020, collection="New package"),
        row(title="Alpha", year=2020, collection="new PACKAGE"),
        row(title="Already in it", year=2000, collection="Existing package"),
        row(title="Beta", year=2020, collection="existing package"),
    ]
    outcome = run(sheet_xlsx(rows), actor=personas["manager"])
    assert outcome.collections_created == 1
    new = Collection.objects.get(title="New package")
    assert [i.document.title for i in new.items.order_by("position")] == ["Zeta", "Alpha"]
    assert [i.document.title for i in existing.items.order_by("position")] == ["Already in it", "Beta"]
    again = check(sheet_xlsx(rows))
    assert again.unchanged == 4 and again.new_collections == []


def test_translations_join_a_group_that_exists(personas: dict[str, Any]) -> None:
    run(sheet_xlsx([row(title="English", translation_key="k"), row(title="Français", language="fr",
                                                                  translation_key="k")]))  # fmt: skip
    rows = [row(title="English", translation_key="k"), row(title="Français", language="fr", translation_key="k"),
            row(title="Srpski", language="sr", translation_key="k")]  # fmt: skip
    checked = check(sheet_xlsx(rows))
    assert [(r.status, r.changes) for r in checked.rows] == [(UPDATE, ["translations"]), (UPDATE, ["translations"]),
                                                            (CREATE, [])]  # fmt: skip
    run(sheet_xlsx(rows))
    groups = set(Document.objects.values_list("translation_group_id", flat=True))
    assert len(groups) == 1 and None not in groups
    assert check(sheet_xlsx(rows)).unchanged == 3


def test_a_pdf_is_imported_and_its_text_extracted(media: Path, django_capture_on_commit_callbacks: Any) -> None:
    pdf = pdf_bytes(["Seasonal workers recruited through informal brokers."])
    with django_capture_on_commit_callbacks(execute=True):
        run(sheet_xlsx([row(file="report.pdf")]), {"report.pdf": pdf})
    version = DocumentFile.objects.get()
    assert version.kind == "pdf" and "informal brokers" in version.text


def test_imported_documents_are_found_by_the_text_of_their_files(
    media: Path, django_capture_on_commit_callbacks: Any
) -> None:
    from relais.knowledge.search import SearchParams, search_documents

    with django_capture_on_commit_callbacks(execute=True):
        run(sheet_xlsx(full_rows()), full_files())
    public = search_documents(SearchParams(q="building sites"), audience="public")
    assert [h.document_id for h in public.hits] == [Document.objects.get(title__startswith="Guidelines").pk]
    internal_doc = Document.objects.get(language="fr")
    found = search_documents(SearchParams(q="exploitations agricoles"), audience="internal")
    assert [h.document_id for h in found.hits] == [internal_doc.pk]
    assert search_documents(SearchParams(q="exploitations agricoles"), audience="public").total == 0


def test_the_change_log_rows_of_an_import_are_its_last(personas: dict[str, Any], media: Path) -> None:
    """The import writes every document's change-log row again just before it commits, so the
    highest ids of the log name every imported document (a replica never waits for a gap that a
    long import opened on PostgreSQL)."""
    from relais.knowledge.models import SearchChange

    outcome = run(sheet_xlsx(full_rows()), full_files(), actor=personas["manager"])
    imported = {d.pk for d in outcome.documents}
    last = list(SearchChange.objects.order_by("-id").values_list("document_id", flat=True)[: len(imported)])
    assert set(last) == imported
