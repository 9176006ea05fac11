"""Checking a sheet of paper answers (nothing written): every problem with its row and column as the
spreadsheet shows them, choices by code or by label in any language, and files that cannot be read."""

from __future__ import annotations

from typing import Any

import pytest

from relais.delivery import import_files
from relais.delivery.import_participants import Problem
from relais.delivery.tests.spreadsheets import csv_bytes, encrypted_workbook, old_xls, xlsx, zip_bytes
from relais.evaluation.import_answers_check import choice_lookup, raw_value
from relais.evaluation.models import Answer, ItemType, Response
from relais.evaluation.services_import import answers_check
from relais.evaluation.tests.factories import make_item, submit
from relais.evaluation.tests.import_sheets import HEADER, build_world, key, sheet_xlsx

pytestmark = pytest.mark.django_db

A = "A (Participant)"
C = "C (Q1 Is forced labour a crime in your country?)"
E = "E (Q3 The training was useful for my work)"
F = "F (Q4 Cases handled last year)"


@pytest.fixture
def world(programme: Any) -> dict[str, Any]:
    return build_world(programme)


def _submit(world: dict[str, Any], name: str, q1: str, q2: list[str], q3: int) -> Response:
    items = world["items"]
    values = {items["q1"].pk: q1, items["q2"].pk: q2, items["q3"].pk: q3}
    return submit(world["questionnaire"], world["regs"][name], values)


def test_every_problem_with_its_row_and_column(world: dict[str, Any]) -> None:
    regs = world["regs"]
    _submit(world, "fatos", "b", ["b"], 3)
    _submit(world, "gjon", "a", ["a", "c"], 5)
    rows: list[list[Any]] = [
        HEADER,
        [key(regs["ana"]), "Anason, Ana", "a", "a;c", 4, 12, "Joint teams"],  # 2: to record
        [key(regs["besa"]), "Besason, Besa", "Maybe", "b", 2],  # 3: not an option
        ["R999999", "", "a", "a", 3],  # 4: unknown participant
        [key(world["stranger"]), "", "a", "a", 3],  # 5: another session
        [key(regs["ana"]), "Anason, Ana", "b", "b", 1],  # 6: twice
        [key(regs["drita"]), "Dritason, Drita", "a", "a", 7],  # 7: beyond the scale
        [key(regs["edon"]), "Edonson, Edon", None, "a", 3],  # 8: required question empty
        ["Ana Anason", "", "a", "a", 3],  # 9: not a reference
        [None, "Someone", "a", "a", 3],  # 10: no reference
        [key(regs["fatos"]), "Fatosson, Fatos", "a", "b", 3],  # 11: differs from what was recorded
        [key(regs["gjon"]), "Gjonson, Gjon", "a", "c; a", 5],  # 12: the same: unchanged
        [key(regs["hana"]), "Hanason, Hana", "a", "a", 3, "abc"],  # 13: not a number
        [key(regs["ilir"]), "Ilirson, Ilir"],  # 14: no answer (form not returned): skipped
    ]
    checked, previous = answers_check(questionnaire=world["questionnaire"], data=sheet_xlsx(rows))
    assert previous is None
    assert checked.problems == [
        Problem(3, C, "“Maybe”: This choice is not on the list."),
        Problem(4, A, "unknown participant “R999999”."),
        Problem(5, A, f"“{key(world['stranger'])}” is a participant of another session."),
        Problem(6, A, "the same participant as row 2."),
        Problem(7, E, "“7”: Choose a value from 1 to 5."),
        Problem(8, C, "a value is required."),
        Problem(
            9, A, "“Ana Anason” is not a participant reference: write R and the number given in the template (R12)."
        ),
        Problem(10, A, "the participant reference is missing: copy it from the template (R12)."),
        Problem(
            11,
            A,
            "this participant's answers were already recorded and differ from this row (Q1): change them in "
            "Relais, or delete the row.",
        ),
        Problem(13, F, "“abc”: Enter a number."),
    ]
    assert str(checked.problems[0]) == f"row 3, column {C}: “Maybe”: This choice is not on the list."
    assert len(checked.read.rows) == 12
    assert [(r.row, r.status) for r in checked.rows] == [(2, "create"), (12, "unchanged")]
    assert len(checked.to_create) == 1 and len(checked.unchanged) == 1 and checked.blank == 1
    items = world["items"]
    assert checked.rows[0].values == {
        items["q1"].pk: "a",
        items["q2"].pk: ["a", "c"],
        items["q3"].pk: 4,
        items["q4"].pk: 12.0,
        items["q5"].pk: "Joint teams",
    }
    assert Response.objects.count() == 2 and Answer.objects.count() == 6  # nothing written


def test_choices_by_code_or_by_label_in_french_or_english_whatever_the_case_and_accents(
    world: dict[str, Any],
) -> None:
    regs, items = world["regs"], world["items"]
    rows: list[list[Any]] = [
        HEADER,
        [key(regs["ana"]), "", "OUI", "passeport confisque ; Servitude pour DETTES", "4"],
        [key(regs["besa"]), "", "je ne sais pas", "Heures supplementaires payees", 2],
        [key(regs["drita"]), "", "don't know", "Debt bondage;b", 5.0],
        [key(regs["edon"]), "", "b", "A", 1],
    ]
    checked, _previous = answers_check(questionnaire=world["questionnaire"], data=sheet_xlsx(rows))
    assert checked.problems == []
    q1, q2, q3 = items["q1"].pk, items["q2"].pk, items["q3"].pk
    assert [(r.values[q1], r.values[q2], r.values[q3]) for r in checked.rows] == [
        ("a", ["a", "c"], 4),
        ("c", ["b"], 2),
        ("c", ["b", "c"], 5),
        ("b", ["a"], 1),
    ]


def test_a_label_shared_by_two_options_is_not_guessed(world: dict[str, Any]) -> None:
    item = make_item(
        world["questionnaire"],
        ItemType.SINGLE,
        options=[{"value": "x", "label": "Autre"}, {"value": "y", "label": "Other"}],
        translations={"fr": {"options": {"x": "Autre", "y": "Autre"}}},
    )
    assert choice_lookup(item) == {"other": "y", "x": "x", "y": "y"}
    assert raw_value(item, "autre") == "autre"  # left as written: clean_value says it is not on the list


def test_problems_of_the_columns_are_reported_at_the_header_row(world: dict[str, Any]) -> None:
    rows: list[list[Any]] = [
        ["Paper answers — Tirana"],
        [],
        ["Name", "Q1 Forced labour", "Q2 Signs", "Q9 Unknown", "Q1 again"],
        ["Ana Anason", "a", "a", "b", "a"],
    ]
    checked, _previous = answers_check(questionnaire=world["questionnaire"], data=sheet_xlsx(rows))
    assert checked.read.header_row == 3
    assert checked.problems == [
        Problem(
            3,
            "D (Q9 Unknown)",
            "there is no question Q9 in this questionnaire: check the heading against the template.",
        ),
        Problem(3, "E (Q1 again)", "this column and column B (Q1 Forced labour) both hold question Q1: keep one."),
        Problem(3, "", "no column holds the participant reference (R and a number): keep the template's first column."),
        Problem(3, "", "no column holds the required question Q3 (“The training was useful for my work”)."),
    ]


def test_participant_column_found_by_its_values_and_csv_from_french_excel(world: dict[str, Any]) -> None:
    regs = world["regs"]
    rows: list[list[Any]] = [
        ["Réf.", "Q1", "Q2", "Q3", "Q5 Qu'utiliserez-vous d'abord ?"],
        [key(regs["ana"]), "Oui", "a;c", "4", "Les équipes communes d'enquête"],
        [key(regs["besa"]), "Non", "b", "3", ""],
    ]
    data = csv_bytes(rows, encoding="cp1252", delimiter=";")
    checked, _previous = answers_check(questionnaire=world["questionnaire"], data=data)
    assert checked.problems == []
    assert checked.read.participant is not None and checked.read.participant.label == "A (Réf.)"
    assert [r.values[world["items"]["q5"].pk] for r in checked.rows] == ["Les équipes communes d'enquête", None]
    header_less = [["Participant code", "Q1", "Q2", "Q3"], [key(regs["ana"]), "a", "a", "4"]]
    checked, _previous = answers_check(questionnaire=world["questionnaire"], data=sheet_xlsx(header_less))
    participant = checked.read.participant
    assert checked.problems == [] and participant is not None and participant.label == "A (Participant code)"


PARTICIPANT_LIST = xlsx([["First name", "Last name", "Country"], ["Ana", "Hoxha", "AL"]])
READ_ME_FIRST = sheet_xlsx([["How to fill in the “Answers” sheet"], ["One row per participant."]], title="Read me")
NOT_A_SHEET = "This file is not a spreadsheet: save it as XLSX or CSV and try again."
WRONG_SHEET = (
    "No question columns found: the first sheet should be the template's “Answers” sheet, whose header row names "
    "the participant and the questions (Q1, Q2…)."
)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "The file is empty."),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(range(32)) * 40, NOT_A_SHEET),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, NOT_A_SHEET),
        (zip_bytes({"word/document.xml": b"<w/>", "[Content_Types].xml": b"<Types/>"}), NOT_A_SHEET),
        (encrypted_workbook(), "The workbook is protected by a password: save it without a password and try again."),
        (old_xls(), "This is an old Excel file (.xls): save it as .xlsx or CSV and try again."),
        (b"PK\x03\x04" + b"\x00" * 100, NOT_A_SHEET),
        (PARTICIPANT_LIST, WRONG_SHEET),
        (READ_ME_FIRST, WRONG_SHEET),
        (sheet_xlsx([HEADER]), "The sheet has a header row but no answers."),
    ],
    ids=["empty", "pdf", "image", "word", "encrypted", "xls", "damaged", "participant-list", "read-me", "no-answers"],
)
def test_files_that_cannot_be_imported(world: dict[str, Any], data: bytes, reason: str) -> None:
    checked, _previous = answers_check(questionnaire=world["questionnaire"], data=data)
    assert checked.problems == [Problem(None, "", reason)]
    assert checked.rows == []


def test_too_large_and_too_many_rows(world: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    regs = world["regs"]
    data = sheet_xlsx([HEADER, *([key(regs["ana"]), "", "a", "a", 3] for _ in range(12))])
    monkeypatch.setattr(import_files, "MAX_BYTES", 2 * 1024 * 1024)
    monkeypatch.setattr("relais.evaluation.import_answers_read.MAX_ROWS", 10)
    checked, _previous = answers_check(questionnaire=world["questionnaire"], data=data)
    assert checked.problems == [Problem(None, "", "The sheet has more than 10 rows: split it into several files.")]
    checked, _previous = answers_check(questionnaire=world["questionnaire"], data=data + b"\x00" * 2 * 1024 * 1024)
    assert checked.problems == [Problem(None, "", "The file is too large: at most 2 MB.")]
