"""Real sample files, built in memory, for everyone's tests of the knowledge centre: a PDF made by
Typst (its text can be extracted), DOCX, PPTX, XLSX, an ODT built by hand, and the files that must
be refused (encrypted, truncated, a decompression bomb, an XML external entity, old Office).

    from relais.knowledge.tests.samples import pdf_bytes
    data = pdf_bytes(["First page about labour inspectors.", "Second page."])
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Sequence
from functools import cache
from typing import Any

# --- PDF -------------------------------------------------------------------------------------


@cache
def _fonts() -> Any:
    import typst

    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=True)


def _typst_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


@cache
def _pdf(pages: tuple[str, ...]) -> bytes:
    import typst

    lines = ["#set page(width: 16cm, height: 22cm, margin: 2cm)", "#set text(size: 11pt)"]
    for number, page in enumerate(pages):
        if number:
            lines.append("#pagebreak()")
        for paragraph in page.split("\n\n"):
            if paragraph.strip():
                lines.append(f"#{_typst_string(paragraph.strip())}")
                lines.append("")
    return bytes(typst.compile("\n".join(lines).encode("utf-8"), font_paths=_fonts(), format="pdf"))


def pdf_bytes(text_pages: Sequence[str]) -> bytes:
    """A real PDF, one page per string (a blank line in a string starts a new paragraph); the text
    reads back with pypdf. Cached per content (Typst takes a few milliseconds per file)."""
    return _pdf(tuple(text_pages) or ("",))


def encrypted_pdf_bytes(text: str = "Confidential inspection report.") -> bytes:
    """A PDF that opens only with a password (RC4: pypdf needs no extra library for it)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes([text]))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def restricted_pdf_bytes(text: str = "Printing of this guideline is restricted.") -> bytes:
    """A PDF encrypted with an owner password only: it opens without a password (only printing or
    copying is restricted), as many official publications are."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes([text]))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pdf_with_content(content: bytes, *, filter_name: bytes = b"/FlateDecode") -> bytes:
    """A minimal hand-written one-page PDF whose page content stream is `content` (already encoded)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(content)).encode() + b" /Filter " + filter_name + b" >>\nstream\n" + content
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]  # fmt: skip
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


@cache
def pdf_bomb_bytes() -> bytes:
    """A PDF of ~60 KB whose page content inflates to 64 MB (over the 50 MB per stream accepted)."""
    compressor = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    body = b"".join(compressor.compress(chunk) for _ in range(64)) + compressor.flush()
    return _pdf_with_content(body)


def pdf_with_nul_bytes(words: str = "trafficking") -> bytes:
    """A hand-written PDF whose text holds a NUL and another control character (pypdf reads them
    back as such: PostgreSQL would refuse the NUL in a text column)."""
    content = b"BT /F1 12 Tf 72 700 Td (Hello\\000World \\001 " + words.encode("latin-1") + b") Tj ET"
    return _pdf_with_content(zlib.compress(content))


def polyglot_pdf_html_bytes() -> bytes:
    """A file that is a PDF and, to a browser sniffing its first bytes, a web page with a script."""
    return b"<html><script>alert(document.cookie)</script></html>\n" + pdf_bytes(["Polyglot"])


# --- Office (OOXML) --------------------------------------------------------------------------


def docx_bytes(paragraphs: Sequence[str], *, table: Sequence[Sequence[str]] | None = None) -> bytes:
    """A Word document: the paragraphs, then a table of these rows if given."""
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=max(len(r) for r in table))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pptx_bytes(slides: Sequence[str], *, notes: Sequence[str] | None = None) -> bytes:
    """A presentation, one slide per string (a title and a text box), with speaker notes if given."""
    from pptx import Presentation
    from pptx.util import Cm

    presentation = Presentation()
    layout = presentation.slide_layouts[6]  # blank
    for number, text in enumerate(slides):
        slide = presentation.slides.add_slide(layout)
        box = slide.shapes.add_textbox(Cm(2), Cm(2), Cm(20), Cm(10))
        box.text_frame.text = text
        if notes and number < len(notes) and notes[number]:
            slide.notes_slide.notes_text_frame.text = notes[number]
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


def xlsx_bytes(rows: Sequence[Sequence[Any]], *, title: str = "Sheet1") -> bytes:
    """A workbook with one sheet of these rows."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- OpenDocument text (by hand) -------------------------------------------------------------

_ODT_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.2"'
)
_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def _xml_text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def odt_bytes(
    paragraphs: Sequence[str],
    *,
    heading: str = "",
    table: Sequence[Sequence[str]] | None = None,
    pages: int | None = None,
    content_xml: str | None = None,
) -> bytes:
    """A minimal valid OpenDocument text: `mimetype` first and stored, content.xml (a heading, the
    paragraphs, a table), meta.xml (the page count if given), META-INF/manifest.xml."""
    body = []
    if heading:
        body.append(f'<text:h text:outline-level="1">{_xml_text(heading)}</text:h>')
    body += [f"<text:p>{_xml_text(p)}</text:p>" for p in paragraphs]
    if table:
        rows = "".join(
            "<table:table-row>"
            + "".join(f"<table:table-cell><text:p>{_xml_text(c)}</text:p></table:table-cell>" for c in row)
            + "</table:table-row>"
            for row in table
        )
        body.append(f'<table:table table:name="Table1">{rows}</table:table>')
    content = content_xml or (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {_ODT_NS}>'
        f"<office:body><office:text>{''.join(body)}</office:text></office:body></office:document-content>"
    )
    stats = f' meta:page-count="{pages}"' if pages else ""
    meta = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta {_ODT_NS}><office:meta>'
        f"<meta:document-statistic{stats}/></office:meta></office:document-meta>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        zf.writestr("content.xml", content)
        zf.writestr("meta.xml", meta)
        zf.writestr("META-INF/manifest.xml", _MANIFEST)
    return out.getvalue()


def ods_bytes() -> bytes:
    """An OpenDocument spreadsheet (not an accepted type)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        zf.writestr("content.xml", f"<office:document-content {_ODT_NS}/>")
    return out.getvalue()


# --- Text and HTML ---------------------------------------------------------------------------


def html_bytes(body: str, *, title: str = "A page", script: str = "") -> bytes:
    scripts = f"<script>{script}</script><style>p {{ color: red }}</style>" if script else ""
    return (
        "<!DOCTYPE html>\n<!-- saved from the web -->\n<html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title}</title>{scripts}</head><body><h1>{title}</h1><p>{body}</p></body></html>"
    ).encode()


# --- Files to refuse -------------------------------------------------------------------------


def _rewrite_zip(data: bytes, *, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    """A copy of a ZIP package with some members replaced or added."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info)))
        for name, content in (add or {}).items():
            dst.writestr(name, content)
    return out.getvalue()


@cache
def zip_bomb_docx_bytes() -> bytes:
    """A real Word document carrying a 20 MB member of zeros compressed ~1000:1."""
    return _rewrite_zip(
        docx_bytes(["A harmless looking document."]), add={"word/media/filler.bin": bytes(20 * 1024 * 1024)}
    )


def xxe_docx_bytes(target: str = "file:///etc/passwd") -> bytes:
    """A Word document whose document.xml declares an external entity and uses it in the text."""
    data = docx_bytes(["PLACEHOLDER"])
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
    declaration, _sep, rest = xml.partition("?>")
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{target}">]>'
    xml = f"{declaration}?>{doctype}{rest}".replace("PLACEHOLDER", "Leaked: &xxe; end")
    return _rewrite_zip(data, replace={"word/document.xml": xml.encode("utf-8")})


def encrypted_zip_docx_bytes() -> bytes:
    """A Word document whose members say they are encrypted (general purpose flag bit 0)."""
    data = bytearray(docx_bytes(["Secret"]))
    # Set bit 0 of the flags in every local header and central directory entry.
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (at := data.find(signature, start)) != -1:
            data[at + offset] |= 0x1
            start = at + 4
    return bytes(data)


def truncated(data: bytes) -> bytes:
    """The first half of a file (an interrupted download)."""
    return data[: len(data) // 2]


def ole_bytes() -> bytes:
    """The start of an OLE compound file: an old .doc/.xls/.ppt, or an encrypted DOCX/XLSX/PPTX."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[24:26] = b"\x3e\x00"  # minor version
    header[26:28] = b"\x03\x00"  # major version 3
    header[28:30] = b"\xfe\xff"  # little endian
    header[30:32] = b"\x09\x00"  # 512-byte sectors
    return bytes(header) + bytes(1536)


def many_members_zip_bytes(count: int = 10_001) -> bytes:
    """A Word-looking package with too many members."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        for number in range(count):
            zf.writestr(f"word/m{number}.xml", "<a/>")
    return out.getvalue()
