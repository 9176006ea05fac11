"""The DOCX renderer: python-docx opens what it writes; headings, tables, pictures, fields, French."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.text.paragraph import Paragraph

from relais.publications.content import Block, Chart, Figure, Publication, Section, Table
from relais.publications.render_docx import render_docx
from relais.publications.tests.samples import sample_publication


def _open(data: bytes) -> DocxDocument:
    return Document(io.BytesIO(data))


def _style(paragraph: Paragraph) -> str:
    return paragraph.style.name if paragraph.style is not None else ""


def _charts(publication: Publication) -> list[Chart]:
    return [b.chart for s in publication.sections for b in s.blocks if b.chart is not None]


def _tables(publication: Publication) -> list[Table]:
    return [b.table for s in publication.sections for b in s.blocks if b.table is not None]


@pytest.fixture(scope="module")
def english() -> tuple[Publication, bytes]:
    publication = sample_publication("en")
    return publication, render_docx(publication)


def test_opens_with_headings_for_every_section_and_block(english: tuple[Publication, bytes]) -> None:
    publication, data = english
    document = _open(data)
    by_style: dict[str, list[str]] = {}
    for paragraph in document.paragraphs:
        by_style.setdefault(_style(paragraph), []).append(paragraph.text)
    assert by_style["Heading 1"] == [s.title for s in publication.sections]
    headings = {b.heading for s in publication.sections for b in s.blocks if b.heading}
    assert headings <= set(by_style["Heading 2"])
    assert by_style["Title"] == [publication.title]
    assert publication.subtitle in by_style["Subtitle"]
    bullets = [x for s in publication.sections for b in s.blocks for x in b.bullets]
    assert by_style["List Bullet"] == bullets
    assert document.core_properties.title == publication.title
    assert document.core_properties.language == "en-GB"


def test_tables_have_repeating_header_rows_and_right_aligned_numbers(english: tuple[Publication, bytes]) -> None:
    publication, data = english
    document = _open(data)
    with_header = [t for t in document.tables if t.rows[0]._tr.xpath("./w:trPr/w:tblHeader")]
    expected = _tables(publication)
    assert [[c.text for c in t.rows[0].cells] for t in with_header] == [t.columns for t in expected]
    annex = with_header[-1]
    assert len(annex.rows) == 1 + len(expected[-1].rows)
    assert annex.rows[1].cells[0].text == expected[-1].rows[0][0]
    # "People trained" is numeric: right-aligned in the header and the body; "Session" is not.
    assert annex.rows[1].cells[4].paragraphs[0].alignment == 2  # WD_ALIGN_PARAGRAPH.RIGHT
    assert annex.rows[0].cells[4].paragraphs[0].alignment == 2
    assert annex.rows[1].cells[0].paragraphs[0].alignment is None


def test_a_picture_per_chart_with_its_alt_text(english: tuple[Publication, bytes]) -> None:
    publication, data = english
    document = _open(data)
    shapes = document.inline_shapes
    charts = _charts(publication)
    assert len(shapes) == len(charts)
    for shape, chart in zip(shapes, charts, strict=True):
        assert shape._inline.docPr.get("descr") == chart.alt
        assert 14.5 < shape.width.cm < 15.5
    images = [p for p in document.part.package.parts if p.content_type == "image/png"]
    assert images and all(p.blob.startswith(b"\x89PNG") for p in images)


def test_table_of_contents_and_page_number_fields(english: tuple[Publication, bytes]) -> None:
    _, data = english
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml").decode()
        footers = "".join(archive.read(n).decode() for n in archive.namelist() if n.startswith("word/footer"))
        settings = archive.read("word/settings.xml").decode()
    assert 'TOC \\o "1-2"' in body and "Right-click" in body
    assert " PAGE " in footers and " NUMPAGES " in footers and "Page " in footers
    assert "w:updateFields" in settings
    document = _open(data)
    figures_text = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "fewer than 5" in figures_text and "n = 1,230" in figures_text
    assert any("fewer than 5 people" in p.text for p in document.paragraphs)  # the small-n note


def test_french_labels() -> None:
    publication = sample_publication("fr")
    data = render_docx(publication)
    document = _open(data)
    assert document.core_properties.language == "fr-FR"
    assert next(p.text for p in document.paragraphs if _style(p) == "Heading 1") == "Résumé"
    cover = "\n".join(c.text for r in document.tables[0].rows for c in r.cells)
    assert "Période" in cover
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        footers = "".join(archive.read(n).decode() for n in archive.namelist() if n.startswith("word/footer"))
    assert " sur " in footers  # "Page X sur Y"


def test_same_content_same_bytes() -> None:
    publication = sample_publication("en")
    assert render_docx(publication) == render_docx(publication)


def test_minimal_publication_without_optional_parts() -> None:
    publication = Publication(
        title="A <b>report</b> & more",
        subtitle="",
        language="en",
        programme_title="",
        organisation="",
        period="",
        scope="",
        date="",
        sections=[
            Section(key="summary", title="Summary", blocks=[Block(paragraphs=["One.\n\nTwo,\nthree."])]),
            Section(
                key="annex",
                title="Annex",
                blocks=[
                    Block(figures=[Figure(label="People", value="fewer than 5")]),
                    Block(table=Table(caption="", columns=["A", "B"], rows=[["x"], ["y", "2"]], numeric=[False])),
                ],
            ),
        ],
    )
    document = _open(render_docx(publication))
    texts = [p.text for p in document.paragraphs]
    assert "A <b>report</b> & more" in texts and "One." in texts and "Two,\nthree." in texts
    assert [[c.text for c in r.cells] for r in document.tables[-1].rows] == [["A", "B"], ["x", ""], ["y", "2"]]


def test_control_characters_are_stripped_everywhere() -> None:
    """A vertical tab (or any character XML 1.0 forbids) in user text does not fail the build."""
    bad = "A\x0bB\x00C\x1fD\x7fE"
    publication = sample_publication("en")
    publication.title = publication.title + bad
    publication.organisation = bad
    publication.programme_title = bad
    section = publication.sections[0]
    table = Table(caption=bad, columns=[bad, "n"], rows=[[bad, "3"]], numeric=[False, True], note=bad)
    charts = _charts(publication)
    chart = Chart(key="vt", title=bad, alt=bad, spec=charts[0].spec, table=table) if charts else None
    section.title = bad
    section.blocks.append(
        Block(
            heading=bad,
            paragraphs=[f"Lesson{bad}\n\nSecond {bad}"],
            figures=[Figure(label=bad, value=bad, n=bad, note=bad)],
            chart=chart,
            table=table,
            bullets=[bad],
        )
    )
    document = _open(render_docx(publication))
    xml = "".join(
        zipfile.ZipFile(io.BytesIO(render_docx(publication))).read(n).decode("utf-8")
        for n in ("word/document.xml", "docProps/core.xml")
    )
    assert "ABCDE" in xml
    assert not any(c in xml for c in "\x0b\x00\x1f\x7f")
    assert any("ABCDE" in p.text for p in document.paragraphs)
    assert any("ABCDE" in c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "ABCDE" in document.sections[0].header.paragraphs[0].text
    assert bad in section.title  # the caller's publication is left as it was
