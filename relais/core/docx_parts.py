"""Pieces of Word documents that python-docx has no API for, shared by every DOCX Relais writes
(the agenda of a design, the results report): cell shading, row flags, table rules, fields."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph


def cell_fill(cell: _Cell, hex_colour: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_colour)
    cell._tc.get_or_add_tcPr().append(shd)


def row_flag(row: _Row, flag: str) -> None:
    """w:tblHeader (repeat the row at the top of each page) or w:cantSplit (keep a row on one page)."""
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement(f"w:{flag}")
    element.set(qn("w:val"), "true")
    tr_pr.append(element)


def table_rules(table: Table, *, rule_hex: str, top: bool = False, padding: int = 70) -> None:
    """Horizontal hairlines between rows (and above the table when `top`), none between columns;
    `padding`: the cells' top and bottom margins in twips."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    ruled = ("top", "bottom", "insideH") if top else ("bottom", "insideH")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        if edge in ruled:
            element.set(qn("w:val"), "single")
            element.set(qn("w:sz"), "4")
            element.set(qn("w:color"), rule_hex)
        else:
            element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for edge, twips in (("top", padding), ("bottom", padding), ("left", 80), ("right", 80)):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(twips))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.append(margins)


def field(paragraph: Paragraph, instruction: str, placeholder: str, *, dirty: bool = False) -> None:
    """A Word field (PAGE, NUMPAGES, TOC): begin, instruction, separate, shown text, end. `dirty`:
    Word recomputes it when it opens the document."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    if dirty:
        begin.set(qn("w:dirty"), "true")
    run._r.append(begin)
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    run = paragraph.add_run()
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(separate)
    paragraph.add_run(placeholder)
    run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def cell_paragraph(cell: _Cell, *, first: bool = True) -> Paragraph:
    """The cell's first paragraph (or a new one after it), without the style's spacing."""
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.space_before = Pt(0 if first else 3)
    paragraph.paragraph_format.line_spacing = 1.05
    return paragraph
