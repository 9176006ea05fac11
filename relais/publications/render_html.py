"""The report as an HTML fragment for the preview (the build's page and the public page): a header
with the cover's facts, a contents list linking to the sections, the sections with their figures,
charts (inline SVG marked as images, with their data in a table under <details>) and tables.

It is rendered with the Django template `publications/partials/report.html` (autoescaping on, so
every text of the publication is escaped); the only markup not written by the templates is the
SVG from `charts.inline_svg`, which vl-convert makes from the specification (no script, no style
attribute). The fragment has no <h1>: the page around it carries the page's title; the report's
sections are <h2> and their blocks <h3>.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify

from relais.evaluation import charts
from relais.publications.content import Block, Publication, Section, Table


@dataclass
class _Cell:
    text: str
    numeric: bool


@dataclass
class _TableView:
    """A table laid out for the template: cells know whether they are numbers (right-aligned)."""

    id: str
    caption: str
    caption_hidden: bool  # the caption repeats the heading just above: kept for screen readers only
    header: list[_Cell]
    rows: list[list[_Cell]]
    note: str


def _table_view(table: Table, table_id: str, heading: str) -> _TableView:
    width = len(table.columns)
    numeric = [bool(x) for x in table.numeric[:width]] + [False] * (width - len(table.numeric))
    rows = []
    for row in table.rows:
        values = list(row[:width]) + [""] * (width - len(row))
        rows.append([_Cell(text, numeric[i]) for i, text in enumerate(values)])
    return _TableView(
        id=table_id,
        caption=table.caption,
        caption_hidden=bool(heading) and table.caption.strip() == heading.strip(),
        header=[_Cell(text, numeric[i]) for i, text in enumerate(table.columns)],
        rows=rows,
        note=table.note,
    )


@dataclass
class _BlockView:
    block: Block
    svg: str = ""
    chart_id: str = ""
    chart_caption_hidden: bool = False
    chart_table: _TableView | None = None
    table: _TableView | None = None


@dataclass
class _SectionView:
    section: Section
    anchor: str
    blocks: list[_BlockView] = field(default_factory=list)


def _views(publication: Publication) -> list[_SectionView]:
    views: list[_SectionView] = []
    used: set[str] = set()
    charts_seen = tables_seen = 0
    for i, section in enumerate(publication.sections, start=1):
        anchor = "pub-" + (slugify(section.key) or str(i))
        if anchor in used:
            anchor = f"{anchor}-{i}"
        used.add(anchor)
        view = _SectionView(section=section, anchor=anchor)
        for block in section.blocks:
            block_view = _BlockView(block=block)
            if block.chart is not None:
                charts_seen += 1
                block_view.chart_id = f"pub-chart-{charts_seen}"
                label = block.chart.alt or block.chart.title
                block_view.svg = charts.inline_svg(block.chart.spec, label=label)
                block_view.chart_caption_hidden = block.chart.title.strip() == block.heading.strip()
                if block.chart.table.columns:
                    # Inside <details> under the chart, its caption is the chart's title again.
                    block_view.chart_table = _table_view(
                        block.chart.table, f"{block_view.chart_id}-data", block.chart.table.caption
                    )
            if block.table is not None:
                tables_seen += 1
                block_view.table = _table_view(block.table, f"pub-table-{tables_seen}", block.heading)
            view.blocks.append(block_view)
        views.append(view)
    return views


def render_html(publication: Publication) -> str:
    """The preview fragment (no <html>, no <h1>), in the publication's language."""
    with translation.override(publication.language or "en"):
        return render_to_string(
            "publications/partials/report.html",
            {"pub": publication, "sections": _views(publication)},
        )
