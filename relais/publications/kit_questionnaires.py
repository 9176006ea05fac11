"""A questionnaire of the kit as a Word form to print and fill in by hand (python-docx): its title and
introduction, then each question numbered as in Relais (Q1, Q2…) with boxes to tick for choices, a
scale of 1 to 5 for agreement items, and lines to write on for the others. Answers typed into Relais
afterwards (the paper entry page) are scored there, so no answer key is printed."""

from __future__ import annotations

import io
import re

from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

from relais.publications.kit_data import QuestionItem, QuestionnaireItem

ACCENT = RGBColor(0x0B, 0x4F, 0x8A)
MUTED = RGBColor(0x4F, 0x5B, 0x6B)
BOX = "\N{BALLOT BOX}"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # XML refuses them
LINES = {"short_text": 1, "number": 1, "long_text": 4, "contacts": 4, "cooperation": 5}


def _t(text: str) -> str:
    return _CONTROL.sub("", str(text))


def _question(document: DocxDocument, q: QuestionItem) -> None:
    p = document.add_paragraph()
    p.paragraph_format.space_before = Pt(9)
    p.paragraph_format.keep_with_next = True
    run = p.add_run(f"Q{q.number}  ")
    run.bold = True
    run.font.color.rgb = ACCENT
    p.add_run(_t(q.text)).bold = True
    if not q.required:
        extra = p.add_run("  " + _("(optional)"))
        extra.italic = True
        extra.font.color.rgb = MUTED
    if q.help:
        h = document.add_paragraph()
        h.paragraph_format.keep_with_next = True
        r = h.add_run(_t(q.help))
        r.italic = True
        r.font.size = Pt(9)
        r.font.color.rgb = MUTED
    if q.type in ("single", "multiple"):
        hint = _("Tick one box.") if q.type == "single" else _("Tick every box that applies.")
        h = document.add_paragraph()
        h.paragraph_format.keep_with_next = True
        r = h.add_run(hint)
        r.font.size = Pt(8.5)
        r.font.color.rgb = MUTED
        for n, option in enumerate(q.options):
            o = document.add_paragraph(f"{BOX}  {_t(option)}")
            o.paragraph_format.left_indent = Cm(0.8)
            o.paragraph_format.space_after = Pt(1)
            o.paragraph_format.keep_with_next = n < len(q.options) - 1
    elif q.type == "likert":
        table = document.add_table(rows=2, cols=5)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        labels = [_("1 strongly disagree"), "2", "3", "4", _("5 strongly agree")]
        for i, label in enumerate(labels):
            top = table.cell(0, i).paragraphs[0]
            top.alignment = WD_ALIGN_PARAGRAPH.CENTER
            top.add_run(BOX).font.size = Pt(14)
            bottom = table.cell(1, i).paragraphs[0]
            bottom.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = bottom.add_run(label)
            run.font.size = Pt(8)
            run.font.color.rgb = MUTED
    else:
        for _n in range(LINES.get(q.type, 2)):
            line = document.add_paragraph("_" * 86)
            line.paragraph_format.space_before = Pt(6)
            line.runs[0].font.color.rgb = RGBColor(0xC9, 0xD1, 0xDB)


def questionnaire_docx(item: QuestionnaireItem, *, design_title: str) -> bytes:
    """The paper form of one questionnaire, in the active language."""
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    kicker = document.add_paragraph()
    run = kicker.add_run(f"{_t(item.kind_label).upper()} · {_t(design_title)}")
    run.font.size = Pt(8)
    run.bold = True
    run.font.color.rgb = ACCENT
    document.add_heading(_t(item.title), level=1)
    if item.introduction.strip():
        document.add_paragraph(_t(item.introduction))
    if not item.anonymous:
        for label in (_("Name"), _("Organisation"), _("Date")):
            p = document.add_paragraph(f"{label}: " + "_" * 60)
            p.paragraph_format.space_before = Pt(4)
    for block in item.blocks:
        if block.title:
            document.add_heading(_t(block.title), level=2)
        for q in block.items:
            _question(document, q)
    end = document.add_paragraph()
    end.paragraph_format.space_before = Pt(18)
    r = end.add_run(_("Thank you for your answers."))
    r.italic = True
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
