"""The agenda as a Word document (python-docx), laid out like the PDF: the same blocks, headings
in Word's Heading styles (so the navigation pane and a table of contents find them), one table of
modules per day with its header row repeated on every page, links as real hyperlinks, and a
footer with the generation date and "Page X of Y" made of Word fields."""

from __future__ import annotations

import io

from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION_START
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from relais.core.docx_parts import cell_fill, cell_paragraph, field, row_flag, table_rules
from relais.design.exports.agenda import Agenda, DayItem, ModuleItem, duration, facts, time_range, total_duration

ACCENT = RGBColor(0x0B, 0x4F, 0x8A)
INK = RGBColor(0x1B, 0x24, 0x30)
MUTED = RGBColor(0x4F, 0x5B, 0x6B)
SOFT_HEX = "E8F0F8"
RULE_HEX = "C9D1DB"
INK_HEX = "1B2430"
TEXT_WIDTH = Cm(17.4)  # A4 less 1.8 cm margins, as in the PDF
# Time, Module, Method, Trainer profile, Objectives, Materials: as in the PDF.
DAY_COLUMNS = (Cm(2.55), Cm(5.05), Cm(2.35), Cm(2.35), Cm(2.2), Cm(2.9))
LOCALES = {"en": "en-GB", "fr": "fr-FR"}


def _set_cell_border(cell: _Cell, edge: str, size_eighths: int, hex_colour: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = tc_pr.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        tc_pr.append(borders)
    element = OxmlElement(f"w:{edge}")
    element.set(qn("w:val"), "single")
    element.set(qn("w:sz"), str(size_eighths))
    element.set(qn("w:space"), "0")
    element.set(qn("w:color"), hex_colour)
    borders.append(element)


def _fixed_widths(table: Table, widths: tuple[int, ...]) -> None:
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width
    for column, width in zip(table.columns, widths, strict=False):
        column.width = width


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
    run = paragraph.add_run(text)
    if size:
        run.font.size = Pt(size)
    run.font.bold = bold or None
    run.font.italic = italic or None
    run.font.all_caps = caps or None
    if colour is not None:
        run.font.color.rgb = colour


def _hyperlink(paragraph: Paragraph, url: str, text: str, *, size: float) -> None:
    """A real, clickable hyperlink (python-docx has no public API to add one)."""
    r_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    r_pr = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), str(ACCENT))
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    font_size = OxmlElement("w:sz")
    font_size.set(qn("w:val"), str(int(size * 2)))
    r_pr.extend([colour, underline, font_size])
    run.append(r_pr)
    text_element = OxmlElement("w:t")
    text_element.text = text
    text_element.set(qn("xml:space"), "preserve")
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def _text_with_breaks(
    paragraph: Paragraph, text: str, *, size: float | None = None, colour: RGBColor | None = None
) -> None:
    lines = [line.strip() for line in text.strip().splitlines()]
    for i, line in enumerate(lines):
        if i:
            paragraph.add_run().add_break()
        _run(paragraph, line, size=size, colour=colour)


def _styles(document: DocxDocument, language: str) -> None:
    styles = document.styles
    normal = styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.font.color.rgb = INK
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1
    # The proofing language, so that Word checks the spelling in the language of the document.
    r_pr = normal.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), LOCALES.get(language, language))
    r_pr.append(lang)
    for name, size, before in (("Heading 1", 14, 20), ("Heading 2", 12, 16)):
        style = styles[name]
        style.font.size = Pt(size)
        style.font.color.rgb = ACCENT
        style.font.bold = True
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(4)
        style.paragraph_format.keep_with_next = True
    title = styles["Title"]
    title.font.size = Pt(22)
    title.font.color.rgb = INK
    title.paragraph_format.space_after = Pt(4)
    for name in ("Header", "Footer"):
        styles[name].font.size = Pt(8.5)
        styles[name].font.color.rgb = MUTED
        # The template's centre and right tabs are for Letter paper: one right tab at the margin.
        styles[name].paragraph_format.tab_stops.clear_all()
        styles[name].paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)


def _page(document: DocxDocument, agenda: Agenda) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(1.8)
    section.top_margin = section.bottom_margin = Cm(2.3)
    section.header_distance = section.footer_distance = Cm(1.1)
    # The running title on every page but the first, which carries the title block.
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.text = _("%(title)s · Agenda") % {"title": agenda.title}
    generated = _("Generated on %(date)s") % {"date": date_format(agenda.generated_on, "DATE_FORMAT")}
    label = _("Page %(n)s of %(total)s")
    for footer in (section.footer, section.first_page_footer):
        paragraph = footer.paragraphs[0]
        paragraph.add_run(generated + "\t")
        # "Page %(n)s of %(total)s", its placeholders in the translation's order made fields.
        rest = label
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


def _title_block(document: DocxDocument, agenda: Agenda) -> None:
    kicker = document.add_paragraph()
    kicker.paragraph_format.space_after = Pt(2)
    _run(kicker, _("Agenda"), size=8, bold=True, colour=ACCENT, caps=True)
    document.add_paragraph(agenda.title, style="Title")
    programme = document.add_paragraph()
    _run(programme, agenda.programme, size=11.5, italic=True, colour=MUTED)
    if agenda.summary.strip():
        summary = document.add_paragraph()
        _text_with_breaks(summary, agenda.summary)

    rows = facts(agenda)
    table = document.add_table(rows=len(rows), cols=2)
    for row, (label, value) in zip(table.rows, rows, strict=True):
        _run(cell_paragraph(row.cells[0]), label, size=7.5, bold=True, colour=MUTED, caps=True)
        _text_with_breaks(cell_paragraph(row.cells[1]), value)
        for cell in row.cells:
            _set_cell_border(cell, "top", 4, RULE_HEX)
    table_rules(table, rule_hex=RULE_HEX)
    _fixed_widths(table, (Cm(4.7), Cm(12.7)))


def _objectives(document: DocxDocument, agenda: Agenda) -> None:
    document.add_heading(_("Learning objectives"), level=1)
    if not agenda.objectives:
        document.add_paragraph(_("No learning objectives recorded yet."))
        return
    table = document.add_table(rows=len(agenda.objectives), cols=3)
    for row, objective in zip(table.rows, agenda.objectives, strict=True):
        number = cell_paragraph(row.cells[0])
        _run(number, str(objective.number), bold=True, colour=ACCENT)
        _run(cell_paragraph(row.cells[1]), objective.text)
        kind = cell_paragraph(row.cells[2])
        kind.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _run(kind, objective.kind, size=9.5, italic=True, colour=MUTED)
        row_flag(row, "cantSplit")
    table_rules(table, rule_hex=RULE_HEX)
    _fixed_widths(table, (Cm(0.8), Cm(13.4), Cm(3.2)))


def _module_row(cells: tuple[_Cell, ...], module: ModuleItem) -> None:
    time = cell_paragraph(cells[0])
    _run(time, time_range(module.start, module.end), size=9, bold=True)
    time.add_run().add_break()
    _run(time, duration(module.minutes), size=8, colour=MUTED)
    _run(cell_paragraph(cells[1]), module.title, size=9, bold=True)
    if module.description.strip():
        _text_with_breaks(cell_paragraph(cells[1], first=False), module.description, size=8.5, colour=MUTED)
    _run(cell_paragraph(cells[2]), module.method, size=9)
    _run(cell_paragraph(cells[3]), module.trainer_profile, size=9)
    _run(cell_paragraph(cells[4]), ", ".join(str(n) for n in module.objectives), size=9)
    for i, material in enumerate(module.materials):
        paragraph = cell_paragraph(cells[5], first=i == 0)
        if material.url:
            _hyperlink(paragraph, material.url, material.title, size=9)
        else:
            _run(paragraph, material.title, size=9)


def _day(document: DocxDocument, day: DayItem) -> None:
    document.add_heading(day.heading, level=2)
    span = document.add_paragraph()
    span.paragraph_format.keep_with_next = True
    span.paragraph_format.space_after = Pt(4)
    if not day.modules:
        _run(span, _("No modules planned for this day yet."), size=9, colour=MUTED)
        return
    span_text = _("%(range)s · %(duration)s") % {
        "range": time_range(day.start, day.end),
        "duration": duration(day.minutes),
    }
    _run(span, span_text, size=9, colour=MUTED)
    table = document.add_table(rows=2 + len(day.modules), cols=6)
    header = [_("Time"), _("Module"), _("Method"), _("Trainer profile"), _("Objectives"), _("Materials")]
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _run(cell_paragraph(cell), text, size=7, bold=True, colour=ACCENT, caps=True)
        cell_fill(cell, SOFT_HEX)
    row_flag(table.rows[0], "tblHeader")
    for row, module in zip(table.rows[1:-1], day.modules, strict=True):
        _module_row(tuple(row.cells), module)
        row_flag(row, "cantSplit")
    # As in the PDF: a day stays on one page when it can (Word keeps paragraphs marked "keep with
    # next" together, across table rows), and the day's total never stands alone on a new page.
    for row in table.rows[:-1]:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
    total_row = table.rows[-1]
    total = total_row.cells[0].merge(total_row.cells[-1])
    paragraph = cell_paragraph(total)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    total_text = _("Day %(number)d total: %(duration)s") % {"number": day.number, "duration": duration(day.minutes)}
    _run(paragraph, total_text, size=9, bold=True)
    _set_cell_border(total, "top", 8, INK_HEX)
    table_rules(table, rule_hex=RULE_HEX)
    _fixed_widths(table, DAY_COLUMNS)


def agenda_docx(agenda: Agenda) -> bytes:
    """The agenda as a .docx file."""
    language = (get_language() or "en")[:2]
    document = Document()
    document.core_properties.title = _("%(title)s · Agenda") % {"title": agenda.title}
    document.core_properties.language = LOCALES.get(language, language)
    document.core_properties.subject = agenda.programme
    _styles(document, language)
    _page(document, agenda)
    _title_block(document, agenda)
    _objectives(document, agenda)
    document.add_heading(_("Schedule"), level=1)
    if agenda.days:
        for day in agenda.days:
            _day(document, day)
        total = document.add_paragraph()
        total.paragraph_format.space_before = Pt(14)
        _run(total, _("Total duration") + "  ", bold=True, colour=ACCENT)
        _run(total, total_duration(agenda), bold=True)
    else:
        document.add_paragraph(_("The agenda has no days yet."))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
