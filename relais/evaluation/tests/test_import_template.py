"""The spreadsheet template of a questionnaire: its sheets, headings, drop-down lists, read-only
columns, the "Read me" sheet, and no formula in any cell."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from relais.delivery.tests.factories import make_person, register
from relais.evaluation.import_answers_template import template_xlsx
from relais.evaluation.models import ItemType, QuestionnaireKind
from relais.evaluation.tests.factories import make_item, make_questionnaire
from relais.evaluation.tests.import_sheets import build_world, key

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(programme: Any) -> dict[str, Any]:
    return build_world(programme)


def _book(data: bytes) -> Any:
    return load_workbook(io.BytesIO(data))


def test_answers_sheet_has_a_row_per_participant_and_a_column_per_question(world: dict[str, Any]) -> None:
    book = _book(template_xlsx(world["questionnaire"], names=True))
    assert book.sheetnames == ["Answers", "Read me", "Lists"]
    assert book["Lists"].sheet_state == "hidden"
    sheet = book["Answers"]
    assert [c.value for c in sheet[1]] == [
        "Participant",
        "Name (not imported)",
        "E-mail (not imported)",
        "Q1 Is forced labour a crime in your countr…",
        "Q2 Which are indicators of labour exploita…",
        "Q3 The training was useful for my work",
        "Q4 Cases handled last year",
        "Q5 What will you use first?",
    ]
    regs = world["regs"]
    keys = [sheet.cell(row=r, column=1).value for r in range(2, sheet.max_row + 1)]
    # Everyone but the person who withdrew, by last name.
    assert keys == [key(regs[n]) for n in ["ana", "besa", "drita", "edon", "fatos", "gjon", "hana", "ilir"]]
    assert sheet["B2"].value == "Anason, Ana" and sheet["C2"].value == "ana@example.org"
    # Names and references are read only; answers are open.
    assert sheet.protection.sheet is True
    assert sheet["A2"].protection.locked and sheet["B2"].protection.locked
    assert not sheet["D2"].protection.locked and not sheet["H9"].protection.locked
    assert sheet.freeze_panes == "D2"


def test_drop_down_lists_for_single_choice_and_agreement_scales(world: dict[str, Any]) -> None:
    book = _book(template_xlsx(world["questionnaire"], names=True))
    checks = {str(v.sqref): v for v in book["Answers"].data_validations.dataValidation}
    assert set(checks) == {"D2:D9", "F2:F9"}
    assert checks["F2:F9"].formula1 == '"1,2,3,4,5"' and checks["F2:F9"].errorStyle in (None, "stop")
    assert checks["D2:D9"].formula1 == "Lists!$A$1:$A$3" and checks["D2:D9"].errorStyle == "warning"
    assert [book["Lists"].cell(row=r, column=1).value for r in (1, 2, 3)] == ["a", "b", "c"]


def test_without_names_only_the_reference_column(world: dict[str, Any]) -> None:
    sheet = _book(template_xlsx(world["questionnaire"], names=False))["Answers"]
    assert [c.value for c in sheet[1]][:2] == ["Participant", "Q1 Is forced labour a crime in your countr…"]
    assert all("@" not in str(c.value) for row in sheet.iter_rows() for c in row)


def test_read_me_explains_every_question_in_the_users_language(world: dict[str, Any]) -> None:
    book = _book(template_xlsx(world["questionnaire"], names=True))
    rows = [[c.value for c in row] for row in book["Read me"].iter_rows()]
    table = {r[0]: r for r in rows if r[0] and str(r[0]).startswith("Q")}
    assert table["Q1"][1:4] == ["Is forced labour a crime in your country?", "Single choice", "yes"]
    assert "a = Yes; b = No; c = Don't know" in table["Q1"][4]
    assert "separated by “;”" in table["Q2"][4] and "a = Passport withheld" in table["Q2"][4]
    assert "1 (strongly disagree) to 5 (strongly agree)" in table["Q3"][4]
    assert table["Q4"][3] == "no" and "number" in table["Q4"][4]
    assert "at most 300 characters" in table["Q5"][4]

    from django.utils import translation

    with translation.override("fr"):
        book = _book(template_xlsx(world["questionnaire"], names=True))
    header = [c.value for c in book.worksheets[0][1]]
    assert header[3] == "Q1 Le travail forcé est-il un crime ?"
    rows = [[c.value for c in row] for row in book.worksheets[1].iter_rows()]
    q1 = next(r for r in rows if r[0] == "Q1")
    assert "a = Oui; b = Non; c = Je ne sais pas" in q1[4]


def test_contacts_and_cooperation_questions(world: dict[str, Any]) -> None:
    follow_up = make_questionnaire(world["session"], QuestionnaireKind.FOLLOW_UP, title="Six months later")
    make_item(follow_up, ItemType.LIKERT, text="I use what I learned")
    make_item(follow_up, ItemType.CONTACTS, text="Whom are you in touch with?", required=False)
    make_item(follow_up, ItemType.COOPERATION, text="What cooperation did you undertake?", required=False)
    book = _book(template_xlsx(follow_up, names=True))
    assert book.sheetnames == ["Answers", "Read me", "People"]
    header = [c.value for c in book["Answers"][1]]
    assert header[3:] == ["Q1 I use what I learned", "Q2 Whom are you in touch with?"]  # no Q3 column
    rows = {r[0]: r for r in ([c.value for c in row] for row in book["Read me"].iter_rows()) if r[0]}
    assert "P12;P40" in rows["Q2"][4]
    assert "Not imported from this workbook" in rows["Q3"][4]
    people = [[c.value for c in row] for row in book["People"].iter_rows()]
    ana = world["regs"]["ana"].person
    assert people[0] == ["Reference", "Name", "Organisation", "Country"]
    assert [f"P{ana.pk}", "Anason, Ana"] == people[1][:2]


def test_anonymous_questionnaire_has_no_participant_column(world: dict[str, Any]) -> None:
    anonymous = make_questionnaire(world["session"], QuestionnaireKind.SATISFACTION, anonymous=True)
    make_item(anonymous, ItemType.LIKERT, text="Useful")
    make_item(anonymous, ItemType.LONG_TEXT, text="Comments", required=False)
    sheet = _book(template_xlsx(anonymous, names=True))["Answers"]
    assert [c.value for c in sheet[1]] == ["Q1 Useful", "Q2 Comments"]
    assert sheet.max_row == 1 or all(c.value is None for row in sheet.iter_rows(min_row=2) for c in row)
    assert not sheet["A501"].protection.locked


def test_no_cell_can_carry_a_formula(world: dict[str, Any]) -> None:
    questionnaire = world["questionnaire"]
    make_item(
        questionnaire,
        ItemType.SINGLE,
        text='=HYPERLINK("http://evil.example","click")',
        options=[{"value": "+1", "label": "@SUM(A1:A9)"}, {"value": "b", "label": "-2+3"}],
    )
    person = make_person("=cmd|' /C calc'!A0", "+Evil", email="evil@example.org")
    register(world["session"], person)
    data = template_xlsx(questionnaire, names=True)
    book = _book(data)
    formulas = [
        (sheet.title, c.coordinate) for sheet in book.worksheets for row in sheet.iter_rows() for c in row
        if c.data_type == "f"
    ]  # fmt: skip
    assert formulas == []
    answers = book["Answers"]
    evil = next(r for r in range(2, answers.max_row + 1) if answers.cell(row=r, column=2).value.startswith("+Evil"))
    assert answers.cell(row=evil, column=2).value == "+Evil, =cmd|' /C calc'!A0"
    assert answers.cell(row=evil, column=2).quotePrefix is True
    lists = book["Lists"]
    assert lists.cell(row=1, column=6).value == "+1" and lists.cell(row=1, column=6).quotePrefix is True
    read_me = [c for row in book["Read me"].iter_rows() for c in row if c.value and str(c.value).startswith("=")]
    assert read_me and all(c.quotePrefix for c in read_me)
    assert b"<f>" not in data
