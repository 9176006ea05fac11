"""The publication as PDF: it opens, its text read back holds the title, the sections, the figures and
the table cells; user text shows literally; French; charts are vector; tagged; the same every time."""

from __future__ import annotations

import dataclasses
import io
import time
from functools import cache
from typing import Any

import pypdf
import pytest

from relais.publications.content import Block, Chart, Figure, Publication, Section, Table
from relais.publications.render_pdf import render_pdf, report_source
from relais.publications.tests.samples import sample_publication

HOSTILE = r'Costs #1: $5 * 2_x <b> @ref [a] \ end // not a comment = #eval("1") ~ -- "quoted"'


def _normal(text: str) -> str:
    """Text with every run of spaces (no-break and narrow no-break ones too) as one plain space."""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


@cache
def pdf_pages(content: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return [_normal(page.extract_text()) for page in reader.pages]


def pdf_text(content: bytes) -> str:
    return " ".join(pdf_pages(content))


@pytest.fixture(scope="module")
def english() -> tuple[Publication, bytes]:
    publication = sample_publication("en")
    return publication, render_pdf(publication)


@pytest.fixture(scope="module")
def french() -> tuple[Publication, bytes]:
    publication = sample_publication("fr")
    return publication, render_pdf(publication)


def _figures(publication: Publication) -> list[Figure]:
    return [f for s in publication.sections for b in s.blocks for f in b.figures]


def _tables(publication: Publication) -> list[Table]:
    return [b.table for s in publication.sections for b in s.blocks if b.table is not None]


def _charts(publication: Publication) -> list[Chart]:
    return [b.chart for s in publication.sections for b in s.blocks if b.chart is not None]


def test_the_pdf_opens_and_holds_title_sections_figures_and_table_cells(english: tuple[Publication, bytes]) -> None:
    publication, pdf = english
    assert pdf.startswith(b"%PDF-")
    pages = pdf_pages(pdf)
    assert len(pages) >= len(publication.sections) + 2  # cover, contents, a page per section at least
    text = " ".join(pages)
    for expected in (publication.title, publication.subtitle, publication.programme_title, publication.organisation):
        assert _normal(expected) in text
    for section in publication.sections:
        assert _normal(section.title) in text
    for figure in _figures(publication):
        assert _normal(figure.value) in text
        assert _normal(figure.label) in text
    for table in _tables(publication):
        for row in table.rows:
            for cell in row:
                assert _normal(cell) in text
    assert "1,230" in text and "54%" in text and "fewer than 5" in text
    assert _normal(publication.small_n_note) in text


def test_cover_contents_and_page_numbers(english: tuple[Publication, bytes]) -> None:
    publication, pdf = english
    pages = pdf_pages(pdf)
    total = len(pages)
    assert publication.title in pages[0] and "Page 1" not in pages[0]  # the cover has no header or footer
    assert "Contents" in pages[1]
    for section in publication.sections:  # the table of contents lists every section
        assert _normal(section.title) in pages[1]
    for number, page in enumerate(pages[1:], start=2):
        assert f"Page {number} of {total}" in page
        assert publication.title in page  # the running header
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    bookmarks = [item.title for item in reader.outline if not isinstance(item, list)]
    assert bookmarks == ["Contents", *(f"{i} {s.title}" for i, s in enumerate(publication.sections, start=1))]


def test_chapters_are_numbered(english: tuple[Publication, bytes]) -> None:
    publication, pdf = english
    contents = pdf_pages(pdf)[1]
    assert f"1 {publication.sections[0].title}" in contents
    assert f"3.1 {publication.sections[2].blocks[1].heading}" in contents


def test_a_long_table_repeats_its_header_on_every_page(english: tuple[Publication, bytes]) -> None:
    publication, pdf = english
    annex = _tables(publication)[-1]
    pages = [p for p in pdf_pages(pdf) if any(row[0] in p for row in annex.rows)]
    assert len(pages) >= 2
    for page in pages:
        assert annex.columns[-1].upper() in page


def test_charts_are_vector_graphics_with_caption_and_alt_text(english: tuple[Publication, bytes]) -> None:
    publication, pdf = english
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert all(not page.images for page in reader.pages)  # drawn, not pasted as pictures
    text = pdf_text(pdf)
    charts = _charts(publication)
    assert charts
    for chart in charts:
        assert _normal(chart.alt) in text  # the text alternative is printed under the chart
    for row in charts[0].table.rows:
        assert _normal(row[0]) in text  # the chart's labels are text, not pixels
    assert "(Mean pre-test and post-test score by design)" not in text
    source = report_source(publication)
    assert 'format: "svg"' in source and "alt: " in source


def test_the_pdf_is_tagged_with_alt_text_for_charts(english: tuple[Publication, bytes]) -> None:
    publication, pdf = english
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    root: Any = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en"
    alts: list[str] = []

    def walk(node: Any, depth: int = 0) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if depth > 60:
            return
        if isinstance(node, dict):
            if "/Alt" in node:
                alts.append(str(node["/Alt"]))
            kids = node.get("/K")
            if kids is not None:
                walk(kids, depth + 1)
        elif isinstance(node, list):
            for kid in node:
                walk(kid, depth + 1)

    walk(root["/StructTreeRoot"])
    for chart in _charts(publication):
        assert chart.alt in alts


def test_french(french: tuple[Publication, bytes]) -> None:
    publication, pdf = french
    pages = pdf_pages(pdf)
    text = " ".join(pages)
    assert publication.title in text
    assert "54 %" in text and "1 230" in text and "moins de 5" in text
    assert f"Page 2 sur {len(pages)}" in pages[1]
    assert "RAPPORT" in pages[0] and "PÉRIODE" in pages[0]  # the cover's labels, set upper case
    root: Any = pypdf.PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    assert root["/Lang"] == "fr"


def test_user_text_with_typst_signs_shows_literally() -> None:
    publication = sample_publication("en")
    publication.title = HOSTILE
    publication.subtitle = "*not bold* _not emphasis_ <label> @cite"
    publication.sections[0].blocks[0].paragraphs = ['= Not a heading\n- not a list\n#import "x": *']
    table = _tables(publication)[0]
    table.rows[0][0] = "[cell] #x $y$"
    pdf = render_pdf(publication)
    pages = pdf_pages(pdf)
    text = " ".join(pages)
    assert HOSTILE in pages[0]
    assert "*not bold* _not emphasis_ <label> @cite" in text
    assert '= Not a heading - not a list #import "x": *' in text
    assert "[cell] #x $y$" in text
    assert HOSTILE in pages[-1]  # the running header
    metadata = pypdf.PdfReader(io.BytesIO(pdf)).metadata
    assert metadata is not None and metadata.title == HOSTILE


def test_the_same_publication_gives_the_same_pdf(english: tuple[Publication, bytes]) -> None:
    _publication, pdf = english
    assert render_pdf(sample_publication("en")) == pdf


def test_an_empty_publication_still_renders() -> None:
    publication = Publication(
        title="Empty",
        subtitle="",
        language="en",
        programme_title="P",
        organisation="",
        period="",
        scope="",
        date="",
        sections=[
            Section(key="summary", title="Summary"),
            Section(
                key="annex",
                title="Annex",
                blocks=[Block(table=Table(caption="", columns=["A", "B"], rows=[], numeric=[False, True]))],
            ),
            Section(
                key="reach",
                title="Reach",
                blocks=[
                    Block(figures=[Figure(label="Alone", value="3")], table=Table("T", ["Only"], [["x", "extra"]]))
                ],
            ),
        ],
    )
    text = pdf_text(render_pdf(publication))
    assert "Empty" in text and "Annex" in text and "Alone" in text and "x" in text


def test_render_time_of_the_sample() -> None:
    publication = sample_publication("fr")
    render_pdf(dataclasses.replace(publication))  # charts rendered once (vl-convert warms up)
    start = time.perf_counter()
    render_pdf(publication)
    assert time.perf_counter() - start < 3
