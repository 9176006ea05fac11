"""Checking the rows of a list: every problem with its row and its column as the spreadsheet shows
them; headings in English, French or anything else (then mapped by hand)."""

from __future__ import annotations

from typing import Any

import pytest

from relais.core.models import Country, Profession
from relais.delivery import import_participants
from relais.delivery.import_participants import Problem, column_letter, read_participants
from relais.delivery.import_vocabulary import References, header_field, load_references
from relais.delivery.models import Gender
from relais.delivery.tests.spreadsheets import HEADERS_EN, HEADERS_FR, csv_bytes, messy_xlsx, xlsx
from relais.programmes.models import Organisation
from relais.programmes.text import search_key


@pytest.fixture
def refs(db: None) -> References:
    albania = Country.objects.get(code="AL")
    Organisation.objects.create(
        name="State Labour Inspectorate",
        acronym="SLI",
        other_names="Inspektorati Shtetëror i Punës",
        country=albania,
        sector="public",
        kind="labour_inspectorate",
        search_key=search_key("State Labour Inspectorate", "SLI", "Inspektorati Shtetëror i Punës"),
    )
    return load_references(default_country_id=albania.pk)


def _problems(checked: Any) -> list[str]:
    return [str(p) for p in checked.problems]


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("First name", "first_name"), ("Prénom(s)", "first_name"), ("SURNAME", "last_name"), ("Nom", "last_name"),
        ("Nom de famille", "last_name"), ("E-mail *", "email"), ("Courriel", "email"), ("Adresse e-mail", "email"),
        ("Tél.", "phone"), ("Sexe (F/M)", "gender"), ("Pays", "country"), ("Organisation (name)", "organisation"),
        ("Fonction", "position"), ("Job title", "position"), ("Groupe professionnel", "profession"),
        ("Nom de l'organisation", None), ("Ime", None), ("Notes", None),
    ],
)  # fmt: skip
def test_headings_in_english_and_french(heading: str, field: str | None) -> None:
    assert header_field(heading) == field


def test_a_clean_list_in_french(refs: References) -> None:
    rows = [
        HEADERS_FR,
        ["Ana", "Hoxha", "Femme", "Albanie", "SLI", "Inspection du travail", "Inspectrice", "Ana.Hoxha@Example.ORG",
         "+355 69 123 4567"],
        ["Marco", "Rossi", "H", "ITA", "Carabinieri", "police officer", "", "", ""],
        ["Milan", "Đorđević", "m", "Србија", "", "Procureur", "", "", ""],
    ]  # fmt: skip
    checked = read_participants(csv_bytes(rows, delimiter=";"), refs)
    assert checked.problems == []
    ana, marco, milan = checked.rows
    assert (ana.row, ana.gender, ana.email) == (2, Gender.FEMALE, "ana.hoxha@example.org")
    assert ana.organisation_id == Organisation.objects.get(acronym="SLI").pk
    assert ana.profession_id == Profession.objects.get(code="labour_inspection").pk
    assert marco.country_id == Country.objects.get(code="IT").pk
    assert marco.organisation_id is None and marco.organisation_name == "Carabinieri"
    assert marco.profession_id == Profession.objects.get(code="police").pk
    assert milan.country_id == Country.objects.get(code="RS").pk  # Serbian Cyrillic name of Serbia
    assert milan.name_key == "milan dordevic"


def test_every_kind_of_problem_with_row_and_column(refs: References) -> None:
    rows = [
        HEADERS_EN,
        ["", "Hoxha", "F", "Albania", "", "Police", "", "", ""],  # 2: first name missing
        ["Besa", "Krasniqi", "Q", "Albania", "", "Police", "", "", ""],  # 3: gender
        ["Dritan", "Shehu", "M", "Albnia", "", "Police", "", "", ""],  # 4: country (a typo)
        ["Elira", "Dervishi", "F", "Atlantis", "", "Astronaut", "", "elira@", ""],  # 5: country, profession, e-mail
        ["Ana", "Hoxha", "F", "AL", "", "", "", "ana@example.org", ""],  # 6
        ["ANA", "HOXHA", "", "Albania", "", "", "", "", ""],  # 7: same person as row 6 (name and country)
        ["Other", "Person", "", "Albania", "", "", "", "ANA@example.org", ""],  # 8: same e-mail as row 6
        ["Long", "x" * 151, "", "Albania", "", "", "", "", ""],  # 9: too long
        ["Genti", "Leka", "", "", "", "", "", "", ""],  # 10: country missing (the column exists)
    ]
    checked = read_participants(xlsx(rows), refs)
    assert _problems(checked) == [
        "row 2, column A (First name): a value is required.",
        "row 3, column C (Gender): unknown gender “Q”: write F, M or other.",
        "row 4, column D (Country): unknown country “Albnia”: write its name in English or French, or its ISO code.",
        "row 5, column D (Country): unknown country “Atlantis”: write its name in English or French, or its ISO code.",
        "row 5, column F (Profession): unknown profession “Astronaut”: use a profession of the template's list.",
        "row 5, column H (E-mail): “elira@” is not an e-mail address.",
        "row 7, column B (Last name): the same person as row 6.",
        "row 8, column H (E-mail): the same person as row 6.",
        "row 9, column B (Last name): too long: at most 150 characters.",
        "row 10, column D (Country): a value is required.",
    ]
    assert [r.row for r in checked.rows] == [6]


def test_rows_and_columns_of_a_messy_workbook_are_those_excel_shows(refs: References) -> None:
    rows = [HEADERS_EN, ["Ana", "Hoxha", "F", "Albania"], ["Besa", "Krasniqi", "?", "Albania"]]
    checked = read_participants(messy_xlsx(rows), refs)
    # Title on rows 1-2, header on row 4 from column B, an empty column E inserted after the gender.
    assert checked.header_row == 4
    assert _problems(checked) == [
        "row 6, column D (Gender): unknown gender “?”: write F, M or other.",
        "row 10: only one cell is filled (“Total”): complete the row or delete it.",
    ]
    assert checked.column("country").letter == "F"  # type: ignore[union-attr]


def test_without_a_country_column_the_session_country_is_used(refs: References) -> None:
    checked = read_participants(csv_bytes([["First name", "Last name"], ["Ana", "Hoxha"]]), refs)
    assert checked.problems == []
    assert checked.rows[0].country_id == Country.objects.get(code="AL").pk


def test_unknown_headings_ask_for_a_mapping_then_import(refs: References) -> None:
    rows = [["Ime", "Prezime", "Država", "Napomena"], ["Milan", "Đorđević", "RS", "vegetarian"]]
    data = csv_bytes(rows, encoding="cp1250", delimiter=";")
    checked = read_participants(data, refs)
    assert checked.needs_mapping
    assert _problems(checked) == [
        "row 1: No header row found: none of the headings is one Relais knows. Say below what each column holds."
    ]
    mapping = {0: "first_name", 1: "last_name", 2: "country", 3: ""}
    checked = read_participants(data, refs, mapping=mapping)
    assert checked.problems == []
    assert (checked.rows[0].first_name, checked.rows[0].last_name) == ("Milan", "Đorđević")


def test_mapping_problems(refs: References) -> None:
    data = csv_bytes([["A", "B", "C"], ["Milan", "Đorđević", "x"]])
    checked = read_participants(data, refs, mapping={0: "first_name", 1: "first_name", 2: ""})
    assert _problems(checked) == [
        "row 1, column B (B): this column and column A (A) both hold “First name”: keep one.",
        "row 1: no column holds the “Last name”: name it in the header row or choose it below.",
    ]


def test_file_level_problems(refs: References, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _problems(read_participants(b"", refs)) == ["The file is empty."]
    assert _problems(read_participants(csv_bytes([["just one cell"], ["another"]]), refs)) == [
        "No header row found: the first rows should name the columns (first name, last name…)."
    ]
    assert _problems(read_participants(csv_bytes([HEADERS_EN]), refs)) == [
        "The list has a header row but no participants."
    ]
    monkeypatch.setattr(import_participants, "MAX_ROWS", 3)
    many = csv_bytes([HEADERS_EN] + [["A", f"B{i}", "", "AL"] for i in range(5)])
    assert _problems(read_participants(many, refs)) == ["The list has more than 3 rows: split it into several files."]


def test_problem_text() -> None:
    assert str(Problem(7, "D (Country)", "unknown")) == "row 7, column D (Country): unknown"
    assert str(Problem(None, "", "The file is empty.")) == "The file is empty."
