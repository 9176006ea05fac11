"""The text of a document file, for search (DESIGN.md §5): `extract_text(data, kind)` returns the
text (whitespace normalised, no NUL — PostgreSQL refuses it —, at most MAX_CHARS characters) and
the page count when the type has pages (PDF pages, presentation slides, ODT pages when recorded).

A file that cannot be read raises ExtractFailed, whose `reason` is an English message marked for
translation (stored in DocumentFile.text_error; show it with `{% translate file.text_error %}`
or `gettext(...)`, so it reads in the reader's language)."""

from __future__ import annotations

import datetime
import io
import re
import unicodedata
import zipfile
from html.parser import HTMLParser
from typing import Any
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as DefusedET
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as N_

from relais.knowledge.files import DecodeBudget, decode_text, opens_without_password, pdf_limits
from relais.knowledge.models import FileKind

MAX_CHARS = 2_000_000
MAX_PAGES = 2_000
MAX_CELLS = 1_000_000

REASON_DAMAGED = N_("The file seems damaged: its text could not be read.")
REASON_BOMB = N_("The file expands to far more data than it holds, so its text was not read.")
REASON_ENCRYPTED = N_("The file is protected by a password, so its text could not be read.")
REASON_MISSING = N_("The stored file could not be found.")
REASON_EMPTY = N_("No text was found: the file may hold only pictures of pages (a scan).")


class ExtractFailed(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    @property
    def message(self) -> str:
        return gettext(self.reason)


# --- Normalising -----------------------------------------------------------------------------

_DROP = re.compile(r"[\x00\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_HSPACE = re.compile(r"[ \t]+")
_BLANKS = re.compile(r"\n{3,}")


def _space(match: re.Match[str]) -> str:
    return "\t" if "\t" in match.group() else " "


def normalise(text: str, limit: int | None = None) -> str:
    """NFKC (ligatures become letters), no NUL, soft hyphen nor zero-width characters, other
    control characters as spaces, runs of spaces as one (a tab stays a tab: table cells), lines
    trimmed, at most one blank line in a row; cut at `limit` characters (MAX_CHARS)."""
    limit = MAX_CHARS if limit is None else limit
    text = text[: limit * 2]
    text = text.encode("utf-8", "ignore").decode("utf-8")  # lone surrogates (from some PDFs) away
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _DROP.sub("", text)
    text = _CONTROL.sub(" ", text)
    text = "\n".join(_HSPACE.sub(_space, line).strip() for line in text.split("\n"))
    text = _BLANKS.sub("\n\n", text).strip()
    if len(text) > limit:
        text = text[:limit].rstrip()
    return text


class _Collector:
    """Text blocks, stopping once there is more than enough."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.size = 0

    def add(self, block: str) -> None:
        if block:
            self.blocks.append(block)
            self.size += len(block) + 1

    @property
    def full(self) -> bool:
        return self.size > MAX_CHARS * 1.2

    def text(self, sep: str = "\n") -> str:
        return sep.join(self.blocks)


# --- Entry point -----------------------------------------------------------------------------


def extract_text(data: bytes, kind: str) -> tuple[str, int | None]:
    """(text, page count) of a file already checked by files.check_upload."""
    from pypdf.errors import LimitReachedError

    readers = {
        FileKind.PDF: _pdf,
        FileKind.DOCX: _docx,
        FileKind.PPTX: _pptx,
        FileKind.XLSX: _xlsx,
        FileKind.ODT: _odt,
        FileKind.TXT: _txt,
        FileKind.HTML: _html,
    }
    reader = readers.get(kind)  # type: ignore[call-overload]
    if reader is None:
        raise ExtractFailed(REASON_DAMAGED)
    try:
        text, pages = reader(data)
    except ExtractFailed:
        raise
    except LimitReachedError:
        raise ExtractFailed(REASON_BOMB) from None
    except Exception as exc:  # any library's error on a bad file; MemoryError and RecursionError too
        raise ExtractFailed(REASON_DAMAGED) from exc
    return normalise(text), pages


# --- PDF -------------------------------------------------------------------------------------


def _pdf(data: bytes) -> tuple[str, int | None]:
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError

    with pdf_limits():
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not opens_without_password(reader):
            raise ExtractFailed(REASON_ENCRYPTED)
        total = len(reader.pages)
        out = _Collector()
        read = failed = 0
        budget = DecodeBudget(len(data))
        for index in range(min(total, MAX_PAGES)):
            try:
                page = reader.pages[index]
                contents = page.get_contents()
                if contents is not None and not budget.allows(len(contents.get_data())):
                    raise ExtractFailed(REASON_BOMB)
                out.add((page.extract_text() or "").strip())
                read += 1
            except (LimitReachedError, ExtractFailed):
                raise
            except Exception:  # one unreadable page does not lose the others
                failed += 1
            if out.full:
                break
        if failed and not read:
            raise ExtractFailed(REASON_DAMAGED)
        return out.text("\n\n"), total


# --- Word ------------------------------------------------------------------------------------


def _docx(data: bytes) -> tuple[str, int | None]:
    import docx
    from docx.table import Table

    document = docx.Document(io.BytesIO(data))
    out = _Collector()
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for line in _docx_table(block):
                out.add(line)
        else:
            out.add(block.text)
        if out.full:
            break
    return out.text(), None


def _docx_table(table: Any) -> list[str]:
    from docx.oxml.ns import qn

    lines = []
    try:
        for row in table.rows:
            seen: set[int] = set()
            cells = []
            for cell in row.cells:  # a merged cell comes once per grid column it spans
                if id(cell._tc) in seen:
                    continue
                seen.add(id(cell._tc))
                cells.append(" ".join(cell.text.split()))
            lines.append("\t".join(cells))
    except Exception:  # an irregular grid python-docx cannot lay out: the words, in order
        lines = [" ".join(t.text or "" for t in table._tbl.iter(qn("w:t")))]
    return lines


# --- PowerPoint ------------------------------------------------------------------------------


def _pptx(data: bytes) -> tuple[str, int | None]:
    from pptx import Presentation

    presentation = Presentation(io.BytesIO(data))
    out = _Collector()
    count = 0
    for slide in presentation.slides:
        count += 1
        if out.full:
            continue
        lines = _Collector()
        for shape in slide.shapes:
            _pptx_shape(shape, lines)
        if slide.has_notes_slide:
            frame = slide.notes_slide.notes_text_frame
            if frame is not None:
                lines.add(frame.text)
        out.add(lines.text())
    return out.text("\n\n"), count


def _pptx_shape(shape: Any, out: _Collector) -> None:
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
        for child in shape.shapes:
            _pptx_shape(child, out)
        return
    if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
        out.add(shape.text_frame.text)
    if getattr(shape, "has_table", False) and shape.has_table:
        for row in shape.table.rows:
            out.add("\t".join(" ".join(cell.text.split()) for cell in row.cells))


# --- Excel -----------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time(0):
        return value.date().isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value).strip()


def _xlsx(data: bytes) -> tuple[str, int | None]:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    out = _Collector()
    cells = 0
    try:
        for sheet in workbook.worksheets:
            out.add(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                cells += len(row)
                values = [_cell(v) for v in row if v is not None]
                out.add("\t".join(v for v in values if v))
                if cells > MAX_CELLS or out.full:
                    break
            out.add("")
            if cells > MAX_CELLS or out.full:
                break
    finally:
        workbook.close()
    return out.text(), None


# --- OpenDocument text -----------------------------------------------------------------------

TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
META_NS = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def _t(name: str) -> str:
    return f"{{{TEXT_NS}}}{name}"


def _odt_inline(element: Element) -> str:
    """The text of a paragraph or heading: spans, links, spaces (<text:s text:c="3"/>), tabs,
    line breaks, and the words of footnotes."""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag
        if tag == _t("s"):
            try:
                count = int(child.get(_t("c"), "1") or 1)
            except ValueError:
                count = 1
            parts.append(" " * min(max(count, 1), 100))
        elif tag == _t("tab"):
            parts.append("\t")
        elif tag == _t("line-break"):
            parts.append("\n")
        elif tag == _t("note"):
            body = child.find(_t("note-body"))
            if body is not None:
                parts.append(" (" + " ".join(_odt_inline(p) for p in body.iter() if p.tag in _PARAGRAPHS) + ")")
        else:
            parts.append(_odt_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


_PARAGRAPHS = (_t("p"), _t("h"))


def _odt_blocks(element: Element, out: _Collector) -> None:
    for child in element:
        if out.full:
            return
        if child.tag in _PARAGRAPHS:
            out.add(_odt_inline(child))
        elif child.tag == f"{{{TABLE_NS}}}table-row":
            cells = []
            for cell in child:
                if cell.tag == f"{{{TABLE_NS}}}table-cell":
                    cells.append(" ".join(_odt_inline(p) for p in cell.iter() if p.tag in _PARAGRAPHS))
            out.add("\t".join(" ".join(c.split()) for c in cells))
        else:
            _odt_blocks(child, out)


def _odt(data: bytes) -> tuple[str, int | None]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = DefusedET.fromstring(zf.read("content.xml"), forbid_dtd=True)
        pages = None
        if "meta.xml" in zf.namelist():
            try:
                meta = DefusedET.fromstring(zf.read("meta.xml"), forbid_dtd=True)
                stats = meta.find(f".//{{{META_NS}}}document-statistic")
                if stats is not None and stats.get(f"{{{META_NS}}}page-count"):
                    pages = int(stats.get(f"{{{META_NS}}}page-count", ""))
            except Exception:
                pages = None
    body = root.find(f"{{{OFFICE_NS}}}body")
    out = _Collector()
    _odt_blocks(body if body is not None else root, out)
    return out.text(), pages


# --- Plain text and HTML ---------------------------------------------------------------------


def _txt(data: bytes) -> tuple[str, int | None]:
    text = decode_text(data)
    if text is None:
        raise ExtractFailed(REASON_DAMAGED)
    return text, None


class _HTMLText(HTMLParser):
    SKIP = frozenset({"script", "style", "template"})
    BLOCKS = frozenset(
        {
            "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
            "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
            "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "title", "tr", "ul",
        }
    )  # fmt: skip
    CELLS = frozenset({"td", "th"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")
        elif tag in self.CELLS:
            self.parts.append("\t")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(re.sub(r"\s+", " ", data))


def _html(data: bytes) -> tuple[str, int | None]:
    text = decode_text(data)
    if text is None:
        raise ExtractFailed(REASON_DAMAGED)
    parser = _HTMLText()
    parser.feed(text[: MAX_CHARS * 4])
    parser.close()
    return "".join(parser.parts), None
