"""The one guard against formula injection that every CSV and XLSX writer uses."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook

from relais.core.spreadsheet_safety import is_formula_like, neutralise, protect_cell

FORMULAS = [
    '=HYPERLINK("http://evil","x")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "＝1+1",
    "＋1+1",
    "－2+3",
    "＠SUM(A1)",
    "=",
    "-",
]


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_like_text_gets_an_apostrophe(text: str) -> None:
    assert is_formula_like(text)
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize(
    "value", ["Ana", "", "a=b", "O'Brien", " =1", "-0.35", "+5", "-12", "3,5", "-1e3", "-50%", "2026-03-02"]
)
def test_plain_text_and_numbers_written_as_text_are_left_alone(value: str) -> None:
    assert not is_formula_like(value)
    assert neutralise(value) == value


@pytest.mark.parametrize("value", [-3, 2.5, dt.date(2026, 3, 2), None, True])
def test_values_that_are_not_text_are_left_alone(value: object) -> None:
    assert neutralise(value) is value


def test_a_protected_xlsx_cell_is_text_with_the_quote_prefix() -> None:
    book = Workbook()
    sheet = book.active
    for row, text in enumerate([*FORMULAS[:4], "Ana", "-0.35"], start=1):
        protect_cell(sheet.cell(row=row, column=1, value=text))
    sheet.cell(row=7, column=1, value=-3)
    protect_cell(sheet.cell(row=7, column=1))
    out = io.BytesIO()
    book.save(out)
    read = load_workbook(io.BytesIO(out.getvalue())).active
    cells = [read.cell(row=row, column=1) for row in range(1, 8)]
    assert [c.data_type for c in cells] == ["s"] * 6 + ["n"]
    assert [c.quotePrefix for c in cells] == [True] * 4 + [False, True, False]
    assert cells[0].value == FORMULAS[0]
