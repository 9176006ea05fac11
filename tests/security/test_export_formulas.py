"""No spreadsheet the platform writes can carry a formula (CSV/formula injection, OWASP).

Every free-text field of every row (tests/security/poison.py) starts with a formula; each export below
is downloaded by an administrator and read back: no CSV cell may start with a formula character
(unless it is a plain number), no XLSX cell may be a formula, and an XLSX text cell that starts like
one must carry Excel's quote prefix. `test_every_export_is_listed` fails when a URL that looks like an
export is neither in `EXPORTS` nor in `NOT_SPREADSHEETS`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from openpyxl import load_workbook

from relais.publications.dashboard_charts import CHARTS
from tests.security.poison import poison
from tests.test_permissions import MATRIX, build_context, module_transaction

FORMULAS = ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)"]
FORMULA_CHARACTERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?%?")


@dataclass(frozen=True)
class Export:
    name: str  # the URL's name
    label: str
    kwargs: Callable[[dict[str, Any]], dict[str, Any]]  # from the permission matrix's context
    query: str = ""
    carries_text: bool = True  # False: every cell is a figure, a date or a label of the platform's


def _matrix(name: str, **extra: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda ctx: {**MATRIX[name].kwargs(ctx), **extra}


_DELIVERY = ["registrations_export", "registrations_summary", "programme_participants_export",
             "programme_participants_summary"]  # fmt: skip
_NUMBERS_ONLY = {"people-gender", "hours-month", "network-growth"}  # genders, months and counts
_CHART = "publications:dashboard_chart"

EXPORTS: list[Export] = [
    *[Export(f"delivery:{n}", fmt, _matrix(f"delivery:{n}", fmt=fmt)) for n in _DELIVERY for fmt in ("csv", "xlsx")],
    Export("delivery:registration_import_template", "xlsx", _matrix("delivery:registration_import_template")),
    Export("evaluation:import_template", "xlsx", _matrix("evaluation:import_template")),
    Export("knowledge:import_template", "xlsx", _matrix("knowledge:import_template")),
    *[
        Export("evaluation:programme_results_csv", by, _matrix("evaluation:programme_results_csv"), f"?by={by}")
        for by in ("session", "design")
    ],
    Export("evaluation:network_csv", "csv", _matrix("evaluation:network_csv")),
    *[Export(_CHART, k, _matrix(_CHART, key=k, fmt="csv"), carries_text=k not in _NUMBERS_ONLY) for k in CHARTS],
]

# URLs that look like exports but write no spreadsheet.
NOT_SPREADSHEETS = {
    "knowledge:cite": "BibTeX and RIS citations, read by reference managers, not spreadsheets",
    "publications:download": "a report as HTML, PDF or DOCX",
    "publications:public_download": "a report as HTML, PDF or DOCX",
    "knowledge:file_download": "a library file given back exactly as it was uploaded",
    "design:material_file": "a training material given back exactly as it was uploaded",
    "delivery:person_data_export": "a person's data as JSON and PDF in a ZIP",
}

EXPORT_LIKE = re.compile(r"export|\.csv|\.xlsx|summary\.|download|<str:fmt>|_file$", re.IGNORECASE)


def _patterns(patterns: list[Any], namespace: str | None = None, prefix: str = "") -> Iterator[tuple[str, str]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _patterns(p.url_patterns, p.namespace or namespace, prefix + str(p.pattern))
        elif isinstance(p, URLPattern) and p.name:
            yield (f"{namespace}:{p.name}" if namespace else p.name), prefix + str(p.pattern)


def test_every_export_is_listed() -> None:
    listed = {export.name for export in EXPORTS} | NOT_SPREADSHEETS.keys()
    looks_like = {
        name for name, route in _patterns(get_resolver().url_patterns)
        if not name.startswith("api_v1:") and (EXPORT_LIKE.search(name) or EXPORT_LIKE.search(route))
    }  # fmt: skip
    assert looks_like - listed == set(), "exports that test_export_formulas does not download"
    assert listed - looks_like == set(), "listed exports that no longer exist"


def _payload(model: type[models.Model], field: models.Field[Any, Any], n: int) -> str:
    return FORMULAS[n % len(FORMULAS)]


@pytest.fixture(scope="module")
def ctx(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    with module_transaction(django_db_blocker):
        context = build_context()
        context["poisoned"] = poison(_payload)
        yield context


def _cells(response: Any, label: str) -> list[tuple[str, bool]]:
    """Each cell's text and whether it is protected (XLSX: a quote-prefixed string; CSV: never)."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body[:2] == b"PK":
        book = load_workbook(io.BytesIO(body))
        cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value is not None]
        formulas = [f"{c.parent.title}!{c.coordinate}" for c in cells if c.data_type == "f"]
        assert formulas == [], f"formula cells in {label}"
        return [(str(c.value), c.data_type == "s" and bool(c.quotePrefix)) for c in cells]
    text = body.decode("utf-8-sig")
    first = text.split("\r\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return [(value, False) for row in csv.reader(io.StringIO(text), delimiter=delimiter) for value in row]


@pytest.mark.parametrize("export", EXPORTS, ids=[f"{e.name}-{e.label}" for e in EXPORTS])
def test_no_cell_of_an_export_is_a_formula(db: None, client: Any, ctx: dict[str, Any], export: Export) -> None:
    client.force_login(ctx["admin"])
    response = client.get(reverse(export.name, kwargs=export.kwargs(ctx)) + export.query)
    assert response.status_code == 200
    cells = _cells(response, f"{export.name} {export.label}")
    dangerous = [
        value for value, protected in cells
        if value.startswith(FORMULA_CHARACTERS) and not protected and not PLAIN_NUMBER.fullmatch(value)
    ]  # fmt: skip
    assert dangerous == []
    if export.carries_text:  # the hostile text did reach the file (neutralised): the check checked something
        reached = [value for value, _p in cells if value.lstrip("'").startswith(tuple(f[:2] for f in FORMULAS))]
        assert reached, f"no poisoned text in {export.name} {export.label}"
