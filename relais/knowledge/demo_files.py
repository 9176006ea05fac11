"""The files of the demo documents, made in memory: PDF (Typst), DOCX (python-docx), PPTX
(python-pptx), ODT (odfpy), XLSX (openpyxl), plain text and HTML.

Each builder receives the same `Body` (title, lines under the title, sections) and returns bytes
that the upload check recognises by their content. Typst compiles a document in ~15 ms; reading
the text back (pypdf) costs more, so PDFs are kept to a few pages.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import string
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import typst

from relais.knowledge.demo_texts import Section

SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass
class Body:
    title: str
    language: str
    authors: list[str]
    front: list[str]  # lines under the title: authors, publisher and year, identifiers
    sections: list[Section]
    year: int = 2025


_TYPST_SPECIAL = frozenset(string.punctuation)


def _typst_text(text: str) -> str:
    """Text as Typst markup that shows literally (every ASCII punctuation sign escaped), on one line."""
    return "".join(f"\\{ch}" if ch in _TYPST_SPECIAL else ch for ch in " ".join(text.split()))


def _typst_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@cache
def _fonts() -> typst.Fonts:
    # The fonts embedded in the typst package (Libertinus Serif covers Latin and Cyrillic), as the
    # other documents of Relais use: the same look on every machine.
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=True)


def pdf(body: Body) -> bytes:
    authors = ", ".join(_typst_string(a) for a in body.authors)
    if len(body.authors) == 1:
        authors += ","
    parts = [
        f"#set document(title: {_typst_string(body.title)}, author: ({authors}))",
        '#set page(paper: "a4", margin: (x: 2.2cm, y: 2.4cm), numbering: "1")',
        f'#set text(font: "Libertinus Serif", size: 10.5pt, lang: "{body.language}", hyphenate: false)',
        "#set par(justify: true, spacing: 0.9em)",
        "#show heading: set block(above: 1.3em, below: 0.7em)",
        f'#align(center)[#text(size: 17pt, weight: "bold")[{_typst_text(body.title)}]]',
        "#v(0.4em)",
        *(f"#align(center)[#text(size: 10pt)[{_typst_text(line)}]]" for line in body.front),
        "#v(1.2em)",
    ]
    for section in body.sections:
        parts.append(f"#heading(level: 1)[{_typst_text(section.heading)}]")
        parts.extend(_typst_text(p) + "\n" for p in section.paragraphs)
    source = "\n".join(parts).encode("utf-8")
    stamp = dt.datetime(body.year, 3, 1, tzinfo=dt.UTC)  # the same bytes on every run
    return bytes(typst.compile(source, font_paths=_fonts(), format="pdf", timestamp=stamp))


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCX_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)
DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
    'Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" '
    'Target="docProps/app.xml"/>'
    "</Relationships>"
)
DOCX_DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/>'
    "</Relationships>"
)
DOCX_APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>Relais demo</Application></Properties>"
)


def _docx_style(style_id: str, name: str, *, size: int, bold: bool = False, before: int = 0, after: int = 160) -> str:
    return (
        f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
        f'<w:pPr><w:keepNext/><w:spacing w:before="{before}" w:after="{after}"/>'
        + ('<w:outlineLvl w:val="0"/>' if style_id == "Heading1" else "")
        + "</w:pPr>"
        f'<w:rPr>{"<w:b/>" if bold else ""}<w:sz w:val="{size}"/></w:rPr></w:style>'
    )


def _docx_styles(language: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:styles xmlns:w="{W}">'
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        '<w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri" w:eastAsia="Calibri"/>'
        f'<w:sz w:val="22"/><w:lang w:val="{language}"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
        "</w:docDefaults>"
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
        + _docx_style("Title", "Title", size=40, bold=True, after=240)
        + _docx_style("Subtitle", "Subtitle", size=22, after=80)
        + _docx_style("Heading1", "heading 1", size=28, bold=True, before=360, after=120)
        + "</w:styles>"
    )


def _docx_paragraph(text: str, style: str = "", *, italic: bool = False) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    rpr = "<w:rPr><w:i/></w:rPr>" if italic else ""
    return f'<w:p>{ppr}<w:r>{rpr}<w:t xml:space="preserve">{html.escape(text, quote=False)}</w:t></w:r></w:p>'


def docx(body: Body) -> bytes:
    """A Word document written directly (the WordprocessingML parts python-docx and office software
    read), small and quick to make: title, lines under it in italics, headings and paragraphs."""
    paragraphs = [_docx_paragraph(body.title, "Title")]
    paragraphs += [_docx_paragraph(line, "Subtitle", italic=True) for line in body.front]
    for section in body.sections:
        paragraphs.append(_docx_paragraph(section.heading, "Heading1"))
        paragraphs += [_docx_paragraph(p) for p in section.paragraphs]
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W}"><w:body>{"".join(paragraphs)}'
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1417" w:right="1417" w:bottom="1134" w:left="1417" w:header="708" w:footer="708" '
        'w:gutter="0"/></w:sectPr></w:body></w:document>'
    )
    core = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{html.escape(body.title, quote=False)}</dc:title>"
        f"<dc:creator>{html.escape('; '.join(body.authors), quote=False)}</dc:creator>"
        f"<dc:language>{body.language}</dc:language>"
        "</cp:coreProperties>"
    )
    return _zip(
        [
            ("[Content_Types].xml", DOCX_CONTENT_TYPES),
            ("_rels/.rels", DOCX_RELS),
            ("docProps/core.xml", core),
            ("docProps/app.xml", DOCX_APP),
            ("word/_rels/document.xml.rels", DOCX_DOCUMENT_RELS),
            ("word/styles.xml", _docx_styles(body.language)),
            ("word/document.xml", document),
        ]
    )


def _zip(members: list[tuple[str, str]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in members:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.encode("utf-8"))
    return out.getvalue()


def pptx(body: Body) -> bytes:
    from pptx import Presentation
    from pptx.util import Pt

    deck = Presentation()
    first = deck.slides.add_slide(deck.slide_layouts[0])
    first.shapes.title.text = body.title
    first.placeholders[1].text_frame.text = "\n".join(body.front)
    for section in body.sections:
        sentences = [s for p in section.paragraphs for s in SENTENCE_END.split(p)]
        for start in range(0, max(len(sentences), 1), 5):
            slide = deck.slides.add_slide(deck.slide_layouts[1])
            slide.shapes.title.text = section.heading
            frame = slide.placeholders[1].text_frame
            chunk = sentences[start : start + 5]
            frame.text = chunk[0] if chunk else ""
            for sentence in chunk[1:]:
                frame.add_paragraph().text = sentence
            for paragraph in frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(16)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def odt(body: Body) -> bytes:
    from odf import dc, meta
    from odf.opendocument import OpenDocumentText
    from odf.style import ParagraphProperties, Style, TextProperties
    from odf.text import H, P

    document = OpenDocumentText()
    document.meta.addElement(dc.Title(text=body.title))
    document.meta.addElement(dc.Language(text=body.language))
    if body.authors:
        document.meta.addElement(meta.InitialCreator(text=body.authors[0]))
    title_style = Style(name="Relais title", family="paragraph")
    title_style.addElement(TextProperties(fontsize="18pt", fontweight="bold"))
    title_style.addElement(ParagraphProperties(marginbottom="0.3cm"))
    heading_style = Style(name="Relais heading", family="paragraph")
    heading_style.addElement(TextProperties(fontsize="13pt", fontweight="bold"))
    heading_style.addElement(ParagraphProperties(margintop="0.4cm", marginbottom="0.2cm"))
    front_style = Style(name="Relais front", family="paragraph")
    front_style.addElement(TextProperties(fontstyle="italic"))
    for style in (title_style, heading_style, front_style):
        document.styles.addElement(style)
    document.text.addElement(P(stylename=title_style, text=body.title))
    for line in body.front:
        document.text.addElement(P(stylename=front_style, text=line))
    for section in body.sections:
        document.text.addElement(H(outlinelevel=1, stylename=heading_style, text=section.heading))
        for paragraph in section.paragraphs:
            document.text.addElement(P(text=paragraph))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def txt(body: Body) -> bytes:
    lines = [body.title, "=" * min(len(body.title), 78), "", *body.front, ""]
    for section in body.sections:
        lines += [section.heading, "-" * len(section.heading), ""]
        for paragraph in section.paragraphs:
            lines += [paragraph, ""]
    return "\n".join(lines).encode("utf-8")


def html_page(body: Body) -> bytes:
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{e(body.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{e(body.title)}</title>",
        *(f'<meta name="author" content="{e(a)}">' for a in body.authors[:1]),
        "</head>",
        "<body>",
        "<article>",
        f"<h1>{e(body.title)}</h1>",
        *(f'<p class="front">{e(line)}</p>' for line in body.front),
    ]
    for section in body.sections:
        parts.append(f"<h2>{e(section.heading)}</h2>")
        parts.extend(f"<p>{e(p)}</p>" for p in section.paragraphs)
    parts += ["</article>", "</body>", "</html>"]
    return "\n".join(parts).encode("utf-8")


ROUTE_COUNTRIES = ["AL", "BA", "BG", "XK", "MD", "MK", "RO", "RS", "HR", "HU", "ME", "AT", "CZ", "IT", "NL"]


def xlsx(body: Body, *, seed: int = 7) -> bytes:
    """A data annex: figures by country and year on three sheets, and the notes on a fourth."""
    import random

    from openpyxl import Workbook
    from openpyxl.styles import Font

    rng = random.Random(seed)  # noqa: S311 - fictional demo figures
    book = Workbook()
    book.properties.title = body.title
    book.properties.creator = "; ".join(body.authors)
    book.properties.created = book.properties.modified = dt.datetime(body.year, 3, 1)
    sheets = [
        ("Inspections", ["Country", "Year", "Inspections", "Unannounced", "Workers interviewed", "Referrals"]),
        ("Victims", ["Country", "Year", "Presumed victims", "Identified victims", "Men", "Women", "Assisted"]),
        ("Prosecutions", ["Country", "Year", "Investigations", "Prosecutions", "Convictions", "Assets frozen (EUR)"]),
    ]
    first = True
    for name, header in sheets:
        sheet = book.active if first else book.create_sheet()
        assert sheet is not None
        first = False
        sheet.title = name
        sheet.append([body.title])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([])
        sheet.append(header)
        for cell in sheet[3]:
            cell.font = Font(bold=True)
        for country in ROUTE_COUNTRIES:
            for year in range(2019, 2026):
                base = rng.randrange(20, 400)
                if name == "Inspections":
                    row = [base * 3, base, base * 5, rng.randrange(0, 30)]
                elif name == "Victims":
                    identified = base // 4
                    men = rng.randrange(0, identified + 1)
                    row = [base // 2, identified, men, identified - men, rng.randrange(0, identified + 1)]
                else:
                    prosecutions = base // 10
                    row = [base // 5, prosecutions, rng.randrange(0, prosecutions + 1), rng.randrange(0, 90) * 10_000]
                sheet.append([country, year, *row])
        sheet.freeze_panes = "A4"
    notes = book.create_sheet("Notes")
    notes.append([body.title])
    for line in body.front:
        notes.append([line])
    for section in body.sections:
        notes.append([])
        notes.append([section.heading])
        for paragraph in section.paragraphs:
            notes.append([paragraph])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


BUILDERS: dict[str, Callable[[Body], bytes]] = {
    "pdf": pdf,
    "docx": docx,
    "pptx": pptx,
    "odt": odt,
    "txt": txt,
    "html": html_page,
    "xlsx": xlsx,
}


def build(kind: str, body: Body) -> bytes:
    return BUILDERS[kind](body)
