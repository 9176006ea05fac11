"""The report as an editable Word document (python-docx): a cover, a table of contents field that
Word fills in, one Heading 1 per section and Heading 2 per block (so the navigation pane and the
table of contents find them), key figures as a two-column table, charts as PNG images with their
text alternative, tables whose header row repeats on every page, bullets in the List Bullet
style, and a footer with "Page X of Y" made of Word fields.

Everything comes from the content model (content.py), already translated and suppressed; the
labels this module adds are translated in the publication's language. The archive is written with
fixed member dates, so the same content on the same day gives the same bytes.
"""

from __future__ import annotations

import dataclasses
import datetime
import io
import re
import zipfile
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from relais.core.docx_parts import cell_fill, cell_paragraph, field, row_flag, table_rules
from relais.evaluation import charts
from relais.publications.content import Block, Chart, Figure, Publication, Section, Table

ACCENT = RGBColor(0x0B, 0x4F, 0x8A)
INK = RGBColor(0x1B, 0x24, 0x30)
MUTED = RGBColor(0x4F, 0x5B, 0x6B)
SOFT_HEX = "E8F0F8"
RULE_HEX = "C9D1DB"
TEXT_WIDTH = Cm(17)  # A4 less 2 cm margins
CHART_WIDTH = Cm(15)
LOCALES = {"en": "en-GB", "fr": "fr-FR"}
FIXED_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


# Characters XML 1.0 does not allow: python-docx refuses them (a vertical tab pasted into a lesson).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(text: str) -> str:
    return _CONTROL.sub("", text) if text else text


def _cleaned(value: Any) -> Any:
    """A copy of the publication's content with every text cleaned (runs, paragraphs, header and footer,
    captions, table cells, pictures' text alternatives); the charts' Vega specifications are left as they are."""
    if isinstance(value, str):
        return _clean(value)
    if isinstance(value, list):
        return [_cleaned(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(
            value,
            **{f.name: _cleaned(getattr(value, f.name)) for f in dataclasses.fields(value) if f.name != "spec"},
        )
    return value


# --- low-level helpers (python-docx has no public API for fields, row flags, cell shading) -----


def _run(
    paragraph: Paragraph,
    text: str,
    *,
    size: float | None = None,
    bold: bool = False,
    italic: bool = False,
    colour: RGBColor | None = None,
    caps: bool = False,
) -> None:
    run = paragraph.add_run(_clean(text))
    if size:
        run.font.size = Pt(size)
    run.font.bold = bold or None
    run.font.italic = italic or None
    run.font.all_caps = caps or None
    if colour is not None:
        run.font.color.rgb = colour


def _text(
    paragraph: Paragraph,
    text: str,
    *,
    size: float | None = None,
    italic: bool = False,
    colour: RGBColor | None = None,
) -> None:
    """Text whose single line breaks stay line breaks."""
    for i, line in enumerate(text.split("\n")):
        if i:
            paragraph.add_run().add_break()
        _run(paragraph, line, size=size, italic=italic, colour=colour)


def _paragraphs(document: DocxDocument, text: str) -> None:
    """User text: a blank line starts a new paragraph."""
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        if chunk.strip():
            _text(document.add_paragraph(), chunk.strip())


# The order the schema gives the children of w:tblPr: Word reads elements out of order as damage.
TBL_PR_ORDER = [
    qn(f"w:{tag}")
    for tag in (
        "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW",
        "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
        "tblCaption", "tblDescription",
    )
]  # fmt: skip


def _schema_order(table: DocxTable) -> None:
    tbl_pr = table._tbl.tblPr
    children = list(tbl_pr)
    for child in children:
        tbl_pr.remove(child)
    rank = {tag: i for i, tag in enumerate(TBL_PR_ORDER)}
    for child in sorted(children, key=lambda c: rank.get(c.tag, len(rank))):
        tbl_pr.append(child)


def _fixed_widths(table: DocxTable, widths: list[int]) -> None:
    table.autofit = False  # w:tblLayout fixed
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width
    for column, width in zip(table.columns, widths, strict=False):
        column.width = width
    _schema_order(table)


def _column_widths(table: Table) -> list[int]:
    """Widths in proportion to the longest text of each column (bounded), filling the text width."""
    count = max(len(table.columns), 1)
    weights = []
    for i in range(count):
        texts = [table.columns[i] if i < len(table.columns) else ""]
        texts += [row[i] for row in table.rows if i < len(row)]
        longest = max((len(t) for t in texts), default=4)
        weights.append(min(max(longest, 6), 40))
    total = sum(weights)
    widths = [int(TEXT_WIDTH * w / total) for w in weights]
    widths[-1] += int(TEXT_WIDTH) - sum(widths)
    return widths


# --- document setup -------------------------------------------------------------------------


def _styles(document: DocxDocument, language: str) -> None:
    styles = document.styles
    normal = styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.font.color.rgb = INK
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.12
    # The proofing language, so that Word checks the spelling in the language of the document.
    r_pr = normal.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), LOCALES.get(language, language))
    r_pr.append(lang)
    for name, size, before, colour in (
        ("Heading 1", 16, 24, ACCENT),
        ("Heading 2", 12.5, 16, INK),
        ("Heading 3", 11, 12, INK),
        ("TOC Heading", 16, 0, ACCENT),
    ):
        style = styles[name]
        style.font.size = Pt(size)
        style.font.color.rgb = colour
        style.font.bold = True
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    caption = styles["Caption"]
    caption.font.size = Pt(9.5)
    caption.font.bold = True
    caption.font.italic = False
    caption.font.color.rgb = INK
    caption.paragraph_format.space_before = Pt(10)
    caption.paragraph_format.space_after = Pt(4)
    caption.paragraph_format.keep_with_next = True
    title = styles["Title"]
    title.font.size = Pt(28)
    title.font.color.rgb = INK
    title.paragraph_format.space_after = Pt(8)
    subtitle = styles["Subtitle"]
    subtitle.font.size = Pt(14)
    subtitle.font.color.rgb = MUTED
    subtitle.paragraph_format.space_after = Pt(24)
    for name in ("Header", "Footer"):
        styles[name].font.size = Pt(8.5)
        styles[name].font.color.rgb = MUTED
        # The template's centre and right tabs are for Letter paper: one right tab at the margin.
        styles[name].paragraph_format.tab_stops.clear_all()
        styles[name].paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)


def _page(document: DocxDocument, publication: Publication) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2.3)
    section.header_distance = section.footer_distance = Cm(1.1)
    section.different_first_page_header_footer = True  # the cover has neither
    header = section.header.paragraphs[0]
    header.text = publication.title + (f"\t{publication.organisation}" if publication.organisation else "")
    paragraph = section.footer.paragraphs[0]
    paragraph.add_run((publication.programme_title or publication.title) + "\t")
    # "Page %(n)s of %(total)s": the placeholders, in the translation's order, made fields.
    rest = _("Page %(n)s of %(total)s")
    while rest:
        positions = [(rest.find(k), k) for k in ("%(n)s", "%(total)s") if k in rest]
        if not positions:
            paragraph.add_run(rest)
            break
        at, key = min(positions)
        if at:
            paragraph.add_run(rest[:at])
        field(paragraph, "PAGE" if key == "%(n)s" else "NUMPAGES", "1")
        rest = rest[at + len(key) :]


def _update_fields_on_open(document: DocxDocument) -> None:
    """Ask Word to update the fields (the table of contents) when it opens the document."""
    settings = document.settings.element
    element = OxmlElement("w:updateFields")
    element.set(qn("w:val"), "true")
    # In the schema's place: before the first of the elements that follow it.
    later = ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr")
    settings.insert_element_before(element, *later)


def _page_break(document: DocxDocument) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.add_run().add_break(WD_BREAK.PAGE)


# --- parts ------------------------------------------------------------------------------------


def _cover(document: DocxDocument, publication: Publication) -> None:
    top = document.add_paragraph()
    top.paragraph_format.space_before = Pt(90)
    top.paragraph_format.space_after = Pt(14)
    _run(top, publication.organisation or _("Report"), size=9, bold=True, colour=ACCENT, caps=True)
    document.add_paragraph(publication.title, style="Title")
    if publication.subtitle:
        document.add_paragraph(publication.subtitle, style="Subtitle")
    facts = [
        (_("Programme"), publication.programme_title),
        (_("Organisation"), publication.organisation),
        (_("Period"), publication.period),
        (_("Scope"), publication.scope),
        (_("Date"), publication.date),
    ]
    facts = [(label, value) for label, value in facts if value]
    if facts:
        table = document.add_table(rows=len(facts), cols=2)
        for row, (label, value) in zip(table.rows, facts, strict=True):
            _run(cell_paragraph(row.cells[0]), label, size=8, bold=True, colour=MUTED, caps=True)
            _text(cell_paragraph(row.cells[1]), value)
        table_rules(table, rule_hex=RULE_HEX, top=True, padding=50)
        _fixed_widths(table, [Cm(4), Cm(13)])
    if publication.small_n_note:
        note = document.add_paragraph()
        note.paragraph_format.space_before = Pt(18)
        _text(note, publication.small_n_note, size=9, italic=True, colour=MUTED)
    _page_break(document)


def _contents(document: DocxDocument) -> None:
    document.add_paragraph(_("Contents"), style="TOC Heading")
    hint = _("Right-click the table of contents and choose “Update field” to show its page numbers.")
    paragraph = document.add_paragraph()
    field(paragraph, 'TOC \\o "1-2" \\h \\z \\u', hint, dirty=True)
    note = document.add_paragraph()
    note.paragraph_format.space_before = Pt(12)
    _run(note, hint, size=8.5, italic=True, colour=MUTED)
    _page_break(document)


def _figures(document: DocxDocument, figures: list[Figure]) -> None:
    table = document.add_table(rows=len(figures), cols=2)
    for row, figure in zip(table.rows, figures, strict=True):
        value = cell_paragraph(row.cells[0])
        value.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _run(value, figure.value, size=15, bold=True, colour=ACCENT)
        label = cell_paragraph(row.cells[1])
        _run(label, figure.label, bold=True)
        for extra in (figure.n, figure.note):
            if extra:
                paragraph = row.cells[1].add_paragraph()
                paragraph.paragraph_format.space_after = Pt(0)
                _run(paragraph, extra, size=8.5, colour=MUTED)
        row_flag(row, "cantSplit")
    table_rules(table, rule_hex=RULE_HEX, top=True, padding=50)
    _fixed_widths(table, [Cm(4), Cm(13)])
    document.add_paragraph().paragraph_format.space_after = Pt(0)


def _table(document: DocxDocument, data: Table) -> None:
    if data.caption:
        document.add_paragraph(data.caption, style="Caption")
    columns = len(data.columns)
    if not columns:
        return
    numeric = list(data.numeric) + [False] * (columns - len(data.numeric))
    table = document.add_table(rows=1 + len(data.rows), cols=columns)
    header = table.rows[0]
    for i, (cell, text) in enumerate(zip(header.cells, data.columns, strict=True)):
        paragraph = cell_paragraph(cell)
        if numeric[i]:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _run(paragraph, text, size=8.5, bold=True, colour=ACCENT)
        cell_fill(cell, SOFT_HEX)
    row_flag(header, "tblHeader")
    row_flag(header, "cantSplit")
    for row, values in zip(table.rows[1:], data.rows, strict=True):
        for i, cell in enumerate(row.cells):
            paragraph = cell_paragraph(cell)
            if numeric[i]:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _text(paragraph, values[i] if i < len(values) else "", size=9)
        row_flag(row, "cantSplit")
    table_rules(table, rule_hex=RULE_HEX, top=True, padding=50)
    _fixed_widths(table, _column_widths(data))
    if data.note:
        note = document.add_paragraph()
        note.paragraph_format.space_before = Pt(4)
        _text(note, data.note, size=8.5, italic=True, colour=MUTED)
    else:
        document.add_paragraph().paragraph_format.space_after = Pt(0)


def _chart(document: DocxDocument, chart: Chart, number: int) -> None:
    if chart.title:
        document.add_paragraph(chart.title, style="Caption")
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.keep_with_next = False
    shape = paragraph.add_run().add_picture(io.BytesIO(charts.png(chart.spec)), width=CHART_WIDTH)
    doc_pr = shape._inline.docPr
    doc_pr.set("name", f"{_('Chart')} {number}")
    doc_pr.set("descr", chart.alt or chart.title)  # the text alternative Word shows and reads out
    if chart.title:
        doc_pr.set("title", chart.title)


def _block(document: DocxDocument, block: Block, counter: list[int]) -> None:
    if block.heading:
        document.add_heading(block.heading, level=2)
    for text in block.paragraphs:
        _paragraphs(document, text)
    if block.figures:
        _figures(document, block.figures)
    if block.chart is not None:
        counter[0] += 1
        _chart(document, block.chart, counter[0])
    if block.table is not None:
        _table(document, block.table)
    for bullet in block.bullets:
        _text(document.add_paragraph(style="List Bullet"), bullet)


def _section(document: DocxDocument, section: Section, counter: list[int]) -> None:
    document.add_heading(section.title, level=1)
    for block in section.blocks:
        _block(document, block, counter)


def _fixed_dates(data: bytes) -> bytes:
    """The same archive with every member dated 1980-01-01, so equal content gives equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_DATE)
            member.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(member, source.read(info.filename))
    return buffer.getvalue()


def render_docx(publication: Publication) -> bytes:
    """The publication as a .docx file, in the publication's language."""
    publication = _cleaned(publication)
    language = publication.language or "en"
    with translation.override(language):
        document = Document()
        properties = document.core_properties
        properties.title = publication.title
        properties.subject = publication.subtitle or publication.programme_title
        properties.author = publication.organisation
        properties.last_modified_by = publication.organisation
        properties.language = LOCALES.get(language, language)
        properties.keywords = publication.programme_title
        properties.comments = publication.date
        properties.revision = 1
        today = datetime.datetime.combine(datetime.date.today(), datetime.time(), tzinfo=datetime.UTC)
        properties.created = properties.modified = today
        _styles(document, language)
        _page(document, publication)
        _update_fields_on_open(document)
        _cover(document, publication)
        _contents(document)
        counter = [0]
        for section in publication.sections:
            _section(document, section, counter)
        buffer = io.BytesIO()
        document.save(buffer)
    return _fixed_dates(buffer.getvalue())
