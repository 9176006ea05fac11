"""Cells that no spreadsheet will run as a formula (CSV/formula injection, OWASP), for every CSV and
XLSX file the platform writes.

- Text that starts with = + - @, a tab, a carriage return or a line feed (or the full-width ＝ ＋ － ＠
  that some spreadsheets read as their ASCII forms) is a formula to Excel and LibreOffice once the file
  is opened: `neutralise` puts an apostrophe in front of it, as OWASP recommends for CSV.
- A plain number written as text ("-0.35", "+5") is left alone: a spreadsheet reads it as the number,
  not as a formula; so are values that are not text (numbers, dates).
- In XLSX, `protect_cell` writes the text as a string cell (never a formula) with Excel's own quote
  prefix — the apostrophe a user would type — so the text is shown as it is and stays text when edited
  (signed numbers included: the prefix shows nothing there).
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?%?")

T = TypeVar("T")


def is_formula_like(value: object) -> bool:
    """True for text that a spreadsheet would take for a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.fullmatch(value)


def neutralise(value: T) -> T | str:
    """The value as a cell that no spreadsheet runs: formula-like text gets a leading apostrophe;
    anything else (other text, numbers, dates, None) is returned as it is."""
    if is_formula_like(value):
        return "'" + str(value)
    return value


def protect_cell(cell: Any) -> Any:
    """An openpyxl cell (holding text already) made a string cell, with the quote prefix when its text
    looks like a formula."""
    if isinstance(cell.value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with
        if cell.value.startswith(FORMULA_START):  # "+1" too: the prefix costs nothing in XLSX
            cell.quotePrefix = True
    return cell
