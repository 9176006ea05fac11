"""The publication as PDF, typeset by Typst (DESIGN.md §5): a cover, a table of contents, numbered
chapters, running header and footer with "Page X of Y", key numbers as boxes, charts as vector
graphics (the SVG of vl-convert), tables whose header row repeats on every page.

The approach is the agenda's (relais.design.exports.agenda_pdf): the look is a Typst preamble in
typst/report.typ, Python writes the values before it and the body after it, and every piece of text
— from users, from the data or from translations — goes through escape_markup or string_literal,
so that it shows literally and can never run code. Only the fonts embedded in the typst package are
used: the PDF is the same on every machine. The PDF is tagged (headings, tables, alt text).
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from relais.delivery.documents.render import compile_pdf, content, page_label
from relais.design.exports.typst_markup import escape_markup, string_literal
from relais.evaluation import charts
from relais.publications.content import Block, Chart, Figure, Publication, Section, Table

HERE = Path(__file__).parent
LONG_VALUE = 9  # a key number longer than this ("fewer than 5") is set smaller
# The charts' text in the report's typeface: Typst draws the SVG's text with its embedded fonts; vl-convert,
# which does not have Libertinus, measures the labels with the usual fonts that follow (a little wider).
CHART_FONT = "Libertinus Serif"


@cache
def _preamble() -> str:
    return (HERE / "typst" / "report.typ").read_text(encoding="utf-8")


def _values(publication: Publication) -> str:
    return "\n".join(
        [
            f"#let lang = {string_literal(publication.language)}",
            f"#let doc-title = {string_literal(publication.title)}",
            f"#let doc-author = {string_literal(publication.organisation)}",
            f"#let running-title = {content(publication.title)}",
            f"#let organisation = {content(publication.organisation)}",
            page_label(),
        ]
    )


def _optional(text: str) -> str:
    return content(text) if text.strip() else "none"


def _cover(publication: Publication) -> str:
    facts = [
        (_("Programme"), publication.programme_title),
        (_("Period"), publication.period),
        (_("Scope"), publication.scope),
        (_("Date"), publication.date),
    ]
    rows = ", ".join(f"({content(label)}, {content(value)})" for label, value in facts if value.strip())
    return (
        "#cover(\n"
        f"  kicker: {content(_('Report'))},\n"
        f"  title: {content(publication.title)},\n"
        f"  subtitle: {_optional(publication.subtitle)},\n"
        f"  facts: ({rows},),\n"
        ")"
    )


def _contents(publication: Publication) -> str:
    about = [text for text in (publication.scope, publication.small_n_note) if text.strip()]
    items = "".join(f"{content(text)}, " for text in about)
    return (
        f"#contents(title: {content(_('Contents'))}, about-title: {content(_('About the figures'))}, about: ({items}))"
    )


def _figure(figure: Figure) -> str:
    return (
        f"(value: {content(figure.value)}, label: {content(figure.label)}, n: {_optional(figure.n)}, "
        f"note: {_optional(figure.note)}, long: {'true' if len(figure.value) > LONG_VALUE else 'false'})"
    )


def _chart_svg(chart: Chart) -> str:
    """The chart's SVG, its text in the report's typeface (the spec itself is left untouched)."""
    spec: dict[str, Any] = copy.deepcopy(chart.spec)
    config = spec.setdefault("config", {})
    config["font"] = f"{CHART_FONT}, {config.get('font') or charts.FONT}"
    return charts.svg(spec)


def _chart(chart: Chart, heading: str) -> str:
    svg = string_literal(_chart_svg(chart))
    image = f'image(bytes({svg}), format: "svg", width: 100%, alt: {string_literal(chart.alt)})'
    caption = _optional(chart.title if chart.title.strip() != heading.strip() else "")
    return f"#chart({image}, caption: {caption}, description: {_optional(chart.alt)})"


def _columns(table: Table, numeric: list[bool]) -> str:
    """Numbers take the width they need; text columns share what is left, the longest the most."""
    widths = []
    for i, is_number in enumerate(numeric):
        if is_number:
            widths.append("auto")
            continue
        longest = max([len(table.columns[i]), *(len(row[i]) for row in table.rows if i < len(row))])
        widths.append("auto" if longest <= 12 else f"{min(3, 1 + longest // 30)}fr")
    if "fr" not in "".join(widths):
        texts = [i for i, is_number in enumerate(numeric) if not is_number]
        widths[texts[0] if texts else 0] = "1fr"
    return "(" + ", ".join(widths) + ",)"


def _table(table: Table, heading: str) -> str:
    width = len(table.columns)
    numeric = [bool(x) for x in (list(table.numeric) + [False] * width)[:width]]
    cells: list[str] = []
    for row in table.rows:
        padded = (list(row) + [""] * width)[:width]
        cells.extend(content(cell) for cell in padded)
    caption = _optional(table.caption if table.caption.strip() != heading.strip() else "")
    return (
        "#data-table(\n"
        f"  caption: {caption},\n"
        f"  columns: {_columns(table, numeric)},\n"
        f"  numeric: ({', '.join('true' if x else 'false' for x in numeric)},),\n"
        f"  header: ({', '.join(content(c) for c in table.columns)},),\n"
        f"  rows: ({''.join(c + ', ' for c in cells)}),\n"
        f"  note: {_optional(table.note)},\n"
        ")"
    )


def _block(block: Block) -> list[str]:
    out = []
    if block.heading.strip():
        out.append(f"#heading(level: 2, {content(block.heading)})")
    out.extend(escape_markup(paragraph) for paragraph in block.paragraphs if paragraph.strip())
    if block.figures:
        out.append("#figures(" + ", ".join(_figure(f) for f in block.figures) + ")")
    if block.chart is not None:
        out.append(_chart(block.chart, block.heading))
    if block.table is not None and block.table.columns:
        out.append(_table(block.table, block.heading))
    if block.bullets:
        out.append("#bullets(" + ", ".join(content(b) for b in block.bullets if b.strip()) + ")")
    return out


def _section(section: Section) -> list[str]:
    out = [f"#heading(level: 1, {content(section.title)})"]
    body = [part for block in section.blocks for part in _block(block)]
    if section.key == "summary":
        out.append("#lead[\n" + "\n\n".join(body) + "\n]")
    else:
        out.extend(body)
    return out


def report_source(publication: Publication) -> str:
    """The whole Typst document of the publication, in its language."""
    with translation.override(publication.language):
        body = [_cover(publication), _contents(publication)]
        for section in publication.sections:
            body.extend(_section(section))
        return "\n\n".join([_values(publication), _preamble(), *body]) + "\n"


def render_pdf(publication: Publication) -> bytes:
    """The publication as a PDF document (A4, tagged for screen readers)."""
    return compile_pdf(report_source(publication))
