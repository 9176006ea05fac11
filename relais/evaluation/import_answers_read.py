"""Reading a sheet of paper answers (the per-questionnaire template, filled in): bytes → its columns
and its rows of text, with every problem of the file and of its columns by row and column as the
spreadsheet shows them. Nothing here reads the database; import_answers_check.py checks the values.

Files are read by delivery's reader (XLSX or CSV by content, encodings, separators, size and row
limits, password-protected, old or damaged files refused with a reason). The first visible sheet is
read: the template's "Answers" sheet. Columns are recognised by their heading: "Q<n> …" is question
n of the questionnaire (numbered in order, as printed), the participant column by its heading
("Participant", "Référence"…) or else by its values (R and a number); other columns (name, e-mail)
are left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from relais.delivery.import_files import HEADER_SCAN, MAX_ROWS, FileRefused, Sheet, read_sheet
from relais.delivery.import_participants import Problem, column_letter
from relais.delivery.import_vocabulary import norm
from relais.evaluation.models import Item, ItemType, Questionnaire

QUESTION_HEADER = re.compile(r"^\s*q\s*(\d{1,4})(?!\d)", re.IGNORECASE)
PARTICIPANT_KEY = re.compile(r"^\s*r\s*(\d{1,12})\s*$", re.IGNORECASE)
# First words of the participant column's heading, compared without case or accents.
PARTICIPANT_WORDS = {"participant", "participante", "participants", "reference", "ref", "registration",
                     "inscription", "code", "key", "cle", "id"}  # fmt: skip
PARTICIPANT = "participant"
ITEM = "item"
NOT_IMPORTABLE = (ItemType.COOPERATION,)


def numbered_items(questionnaire: Questionnaire) -> list[tuple[int, Item]]:
    """The questionnaire's items with their numbers as printed (Q1, Q2…): every item in order."""
    return list(enumerate(questionnaire.items.order_by("position", "id"), start=1))


def participant_key(registration_id: int) -> str:
    return f"R{registration_id}"


@dataclass(frozen=True)
class AnswerColumn:
    index: int
    header: str
    role: str = ""  # PARTICIPANT, ITEM or "" (not imported: names, e-mail addresses, notes)
    number: int | None = None
    item: Item | None = None

    @property
    def letter(self) -> str:
        return column_letter(self.index)

    @property
    def label(self) -> str:
        return f"{self.letter} ({self.header})" if self.header else self.letter


@dataclass
class RawRow:
    row: int  # as the spreadsheet numbers it
    key: str  # the participant reference as written ("" when there is no participant column)
    cells: dict[int, str]  # item id → the text of its cell


@dataclass
class ReadSheet:
    sheet: Sheet | None = None
    header_row: int | None = None
    columns: list[AnswerColumn] = field(default_factory=list)
    rows: list[RawRow] = field(default_factory=list)
    blank: int = 0  # rows with a participant reference but no answer (forms not returned): skipped
    problems: list[Problem] = field(default_factory=list)

    @property
    def participant(self) -> AnswerColumn | None:
        return next((c for c in self.columns if c.role == PARTICIPANT), None)

    def item_columns(self) -> list[AnswerColumn]:
        return [c for c in self.columns if c.role == ITEM and c.item is not None]

    def column_of(self, item_id: int) -> AnswerColumn | None:
        return next((c for c in self.item_columns() if c.item is not None and c.item.pk == item_id), None)


def header_score(cells: Sequence[str]) -> int:
    """How much a row looks like the template's header row (used to guess a CSV separator)."""
    return sum(1 for c in cells if QUESTION_HEADER.match(c) or _is_participant_header(c))


def _is_participant_header(text: str) -> bool:
    words = norm(text).split()
    return bool(words) and words[0] in PARTICIPANT_WORDS


def _find_header(sheet: Sheet) -> tuple[int, list[str]] | None:
    """The row naming the most questions (Q1, Q2…) among the first rows."""
    best: tuple[int, int, list[str]] | None = None
    for number, cells in sheet.rows[:HEADER_SCAN]:
        score = sum(1 for c in cells if QUESTION_HEADER.match(c))
        if score and (best is None or score > best[0]):
            best = (score, number, cells)
    return (best[1], best[2]) if best else None


def _participant_index(header: list[str], body: list[tuple[int, list[str]]]) -> int | None:
    for index, text in enumerate(header):
        if text and not QUESTION_HEADER.match(text) and _is_participant_header(text):
            return index
    # No recognised heading: the first column whose values are mostly references (R12).
    width = max([len(header), *(len(cells) for _n, cells in body)], default=0)
    for index in range(width):
        if index < len(header) and QUESTION_HEADER.match(header[index]):
            continue
        values = [cells[index] for _n, cells in body if index < len(cells) and cells[index]]
        if values and sum(1 for v in values if PARTICIPANT_KEY.match(v)) * 2 > len(values):
            return index
    return None


def _columns(header: list[str], body: list[tuple[int, list[str]]], items: dict[int, Item]) -> list[AnswerColumn]:
    width = max([len(header), *(len(cells) for _n, cells in body)], default=0)
    participant = _participant_index(header, body)
    columns = []
    for index in range(width):
        text = header[index] if index < len(header) else ""
        match = QUESTION_HEADER.match(text)
        if match:
            number = int(match.group(1))
            columns.append(AnswerColumn(index, text, ITEM, number, items.get(number)))
        elif index == participant:
            columns.append(AnswerColumn(index, text, PARTICIPANT))
        elif text:
            columns.append(AnswerColumn(index, text))
    return columns


def _column_problems(
    read: ReadSheet, body: list[tuple[int, list[str]]], items: dict[int, Item], anonymous: bool
) -> list[Problem]:
    row = read.header_row
    problems = []
    seen: dict[int, AnswerColumn] = {}
    filled = {i for _n, cells in body for i, v in enumerate(cells) if v}
    for column in read.columns:
        if column.role == PARTICIPANT and anonymous and column.index in filled:
            reason = _("this questionnaire is anonymous: answers are not linked to participants. Delete this column.")
            problems.append(Problem(row, column.label, reason))
        if column.role != ITEM or column.number is None:
            continue
        if column.item is None:
            reason = _("there is no question Q%(n)s in this questionnaire: check the heading against the template.")
            problems.append(Problem(row, column.label, reason % {"n": column.number}))
        elif column.number in seen:
            reason = _("this column and column %(other)s both hold question Q%(n)s: keep one.")
            problems.append(
                Problem(row, column.label, reason % {"other": seen[column.number].label, "n": column.number})
            )
        else:
            seen[column.number] = column
            if column.item.type in NOT_IMPORTABLE and column.index in filled:
                reason = _(
                    "answers to cooperation questions cannot be imported from a spreadsheet: "
                    "type them in from the paper form."
                )
                problems.append(Problem(row, column.label, reason))
    if not anonymous and read.participant is None:
        reason = _("no column holds the participant reference (R and a number): keep the template's first column.")
        problems.append(Problem(row, "", reason))
    for number, item in items.items():
        if not item.required:
            continue
        if item.type in NOT_IMPORTABLE:
            reason = _(
                "question Q%(n)s (“%(text)s”) is a required cooperation question: it cannot be imported "
                "from a spreadsheet. Type these answers in from the paper form."
            )
            problems.append(Problem(None, "", reason % {"n": number, "text": _short(item.text)}))
        elif number not in seen:
            reason = _("no column holds the required question Q%(n)s (“%(text)s”).")
            problems.append(Problem(row, "", reason % {"n": number, "text": _short(item.text)}))
    return problems


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def read_answers(data: bytes, questionnaire: Questionnaire, items: list[tuple[int, Item]]) -> ReadSheet:
    """The columns and rows of a sheet of answers, and every problem of the file and its columns."""
    read = ReadSheet()
    try:
        read.sheet = sheet = read_sheet(data, header_score=header_score)
    except FileRefused as exc:
        read.problems.append(Problem(None, "", str(exc)))
        return read
    if not sheet.rows:
        read.problems.append(Problem(None, "", _("The file is empty.")))
        return read
    header = _find_header(sheet)
    if header is None:
        reason = _(
            "No question columns found: the first sheet should be the template's “Answers” sheet, whose "
            "header row names the participant and the questions (Q1, Q2…)."
        )
        read.problems.append(Problem(None, "", reason))
        return read
    read.header_row, header_cells = header
    body = [(n, cells) for n, cells in sheet.rows if n > read.header_row]
    by_number = dict(items)
    anonymous = questionnaire.anonymous
    read.columns = _columns(header_cells, body, by_number)
    read.problems += _column_problems(read, body, by_number, anonymous)
    if read.problems:
        return read
    if sheet.too_many_rows or len(body) > MAX_ROWS:
        reason = _("The sheet has more than %(max)s rows: split it into several files.") % {"max": f"{MAX_ROWS:,}"}
        read.problems.append(Problem(None, "", reason))
        return read
    participant = read.participant if not anonymous else None
    importable = [c for c in read.item_columns() if c.item is not None and c.item.type not in NOT_IMPORTABLE]
    for number, cells in body:
        answers = {c.item.pk: cells[c.index] for c in importable if c.index < len(cells) and c.item is not None}
        key = cells[participant.index] if participant and participant.index < len(cells) else ""
        if not any(answers.values()):
            read.blank += 1 if key else 0
            continue
        read.rows.append(RawRow(row=number, key=key, cells={k: v for k, v in answers.items() if v}))
    if not read.rows:
        read.problems.append(Problem(None, "", _("The sheet has a header row but no answers.")))
    return read
