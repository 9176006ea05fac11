"""Checking an uploaded document file before it is kept (DESIGN.md §7): size, type by content (never
by name), and the files refused with a clear message — encrypted, damaged, decompression bombs,
a PDF that is also a web page, Office files that declare XML entities.

`check_upload(data, filename)` returns the FileKind value or raises FileRefused, whose `.message`
(translated, in the active language) names the file and says what to do.

Accepted: PDF; Word (DOCX), PowerPoint (PPTX), Excel (XLSX) and OpenDocument text (ODT), which are
ZIP packages; plain text (UTF-8, UTF-16 with a byte order mark, or Windows-1252) and HTML pages.
SVG images are text but not accepted: opened from a download, their scripts run.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as DefusedET
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from relais.core.uploads import looks_like_markup, xml_declares_dtd
from relais.knowledge.models import FileKind

MB = 1024 * 1024

# ZIP packages (DOCX, PPTX, XLSX, ODT): beyond these, a decompression bomb.
ZIP_MAX_TOTAL = 200 * MB  # total declared uncompressed size
ZIP_MAX_RATIO = 100  # uncompressed / compressed, per member...
ZIP_RATIO_FLOOR = 1 * MB  # ...of members larger than this (a small member cannot be a bomb)
ZIP_MAX_MEMBERS = 10_000

# PDF: pypdf's own limits, lowered (per stream), and the pages decoded when checking.
PDF_MAX_STREAM = 50 * MB
PDF_CHECK_PAGES = 50

# A PDF's page contents decoded, all pages together: at most this, or 100 times the file's size
# beyond 10 MB (pypdf limits each stream; many pages of big streams would still fill the memory).
PDF_DECODED_MAX = 200 * 1024 * 1024


class DecodeBudget:
    def __init__(self, file_size: int) -> None:
        self.file_size = file_size
        self.total = 0

    def allows(self, more: int) -> bool:
        self.total += more
        if self.total > PDF_DECODED_MAX:
            return False
        return not (self.total > 10 * 1024 * 1024 and self.total > 100 * self.file_size)


PDF_LIMITS: dict[str, Any] = {
    "maximum_declared_stream_length": PDF_MAX_STREAM,
    "array_based_stream_maximum_output_length": PDF_MAX_STREAM,
    "zlib_maximum_output_length": PDF_MAX_STREAM,
    "lzw_maximum_output_length": PDF_MAX_STREAM,
    "run_length_maximum_output_length": PDF_MAX_STREAM,
    "jbig2_maximum_output_length": PDF_MAX_STREAM,
    "brotli_maximum_output_length": PDF_MAX_STREAM,
    "image_maximum_buffer_size": PDF_MAX_STREAM,
    "stream_decoding_work_maximum_length": 2 * PDF_MAX_STREAM,
    "page_tree_maximum_entries": 50_000,
    "jbig2dec_binary": None,  # never run an external decoder on an uploaded file
}

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

# What a file's name claims (only the accepted types: any other name claims nothing).
EXTENSIONS: dict[str, str] = {
    "pdf": FileKind.PDF,
    "docx": FileKind.DOCX,
    "pptx": FileKind.PPTX,
    "xlsx": FileKind.XLSX,
    "odt": FileKind.ODT,
    "txt": FileKind.TXT,
    "text": FileKind.TXT,
    "htm": FileKind.HTML,
    "html": FileKind.HTML,
}

# Members a package cannot do without.
REQUIRED_MEMBERS: dict[str, tuple[str, ...]] = {
    FileKind.DOCX: ("[Content_Types].xml", "_rels/.rels", "word/document.xml"),
    FileKind.PPTX: ("[Content_Types].xml", "_rels/.rels", "ppt/presentation.xml"),
    FileKind.XLSX: ("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml"),
    FileKind.ODT: ("content.xml",),
}
MAIN_PART: dict[str, str] = {
    FileKind.DOCX: "word/document.xml",
    FileKind.PPTX: "ppt/presentation.xml",
    FileKind.XLSX: "xl/workbook.xml",
    FileKind.ODT: "content.xml",
}

# Characters a text file does not hold (tab, line feed, vertical tab, form feed and carriage
# return are allowed).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_HTML_LEAD = re.compile(r"(?:\s+|<!--.*?-->|<\?xml[^>]*\?>)*", re.S)
_SVG = re.compile(r"<svg[\s>/]", re.I)
_POLYGLOT_MARKS = (b"<html", b"<script", b"<!doctype", b"<body", b"<iframe", b"<svg", b"<object", b"<embed")


class FileRefused(Exception):
    """An upload that is not kept; `message` is for the person who sent it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@contextmanager
def pdf_limits() -> Iterator[None]:
    """pypdf with this module's lower limits (for this thread / context only)."""
    import pypdf

    with pypdf.apply_configuration(**PDF_LIMITS):
        yield


def opens_without_password(reader: Any) -> bool:
    """An encrypted PDF that opens with the empty password (only printing or copying restricted)."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # e.g. AES without the optional cryptography library
        return False


# --- Words -----------------------------------------------------------------------------------


def kind_phrase(kind: str) -> str:
    """The type as it reads in a sentence ("report.pdf is called a PDF but is …")."""
    return {
        FileKind.PDF: _("a PDF"),
        FileKind.DOCX: _("a Word document (DOCX)"),
        FileKind.ODT: _("an OpenDocument text (ODT)"),
        FileKind.PPTX: _("a PowerPoint presentation (PPTX)"),
        FileKind.XLSX: _("an Excel workbook (XLSX)"),
        FileKind.TXT: _("a plain text file"),
        FileKind.HTML: _("a web page (HTML)"),
    }[FileKind(kind)]


def accepted_types() -> str:
    return _(
        "PDF, Word (DOCX), OpenDocument text (ODT), PowerPoint (PPTX), Excel (XLSX), plain text and web pages (HTML)"
    )


def _mb(size: int, *, up: bool = False) -> str:
    value = size / MB
    decimals = 0 if value >= 10 or float(value).is_integer() else 1
    if up:  # a size over the limit never reads as the limit itself ("50.1 MB", not "50 MB")
        factor = 10**decimals
        value = math.ceil(value * factor) / factor
    return number_format(round(value, decimals), decimal_pos=decimals)


def _damaged(name: str) -> FileRefused:
    return FileRefused(
        _("%(name)s is damaged: it cannot be read. Open it, save it again and upload the new copy.") % {"name": name}
    )


def _encrypted(name: str) -> FileRefused:
    return FileRefused(
        _("%(name)s is protected by a password: save it without a password and upload it again.") % {"name": name}
    )


def _bomb(name: str) -> FileRefused:
    return FileRefused(
        _(
            "%(name)s expands to far more data than it holds (a “decompression bomb”), so it is not accepted. "
            "Save it again, or split it into smaller files."
        )
        % {"name": name}
    )


def _not_accepted(name: str, what: str) -> FileRefused:
    return FileRefused(
        _("%(name)s is not a type we accept: %(what)s. The accepted types are %(types)s.")
        % {"name": name, "what": what, "types": accepted_types()}
    )


# --- Names -----------------------------------------------------------------------------------


def clean_name(filename: str) -> str:
    """The file's own name (no folders, no control characters), at most 255 characters."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    if not name:
        name = _("file")
    if len(name) > 255:
        stem, dot, ext = name.rpartition(".")
        name = f"{stem[: 254 - len(ext)]}.{ext}" if dot and len(ext) <= 10 else name[:255]
    return name


def claimed_kind(name: str) -> str | None:
    """The accepted type the name's extension says, if any."""
    stem, dot, ext = name.rpartition(".")
    return EXTENSIONS.get(ext.lower()) if dot and stem else None


# --- Text ------------------------------------------------------------------------------------


def decode_text(data: bytes) -> str | None:
    """The text of a plain text file, or None when it is not text: UTF-8 (with or without a byte
    order mark), UTF-16 with a byte order mark, else Windows-1252; no NUL nor other control
    characters."""
    text: str | None
    try:
        if data.startswith(b"\xef\xbb\xbf"):
            text = data[3:].decode("utf-8")
        elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = data.decode("utf-16")
        elif b"\x00" in data:
            return None
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if _CONTROL.search(text):
        return None
    return text.lstrip("\ufeff")


def looks_like_html(text: str) -> bool:
    """Starts (after white space, comments and an XML declaration) with a doctype or <html>."""
    lead = _HTML_LEAD.match(text)
    head = text[lead.end() if lead else 0 :][:20].lower()
    return head.startswith("<!doctype html") or head.startswith("<html")


# --- The check -------------------------------------------------------------------------------


def check_size(size: int, name: str) -> None:
    """Refuse an empty file or one over settings.RELAIS_DOCUMENT_MAX_BYTES (before reading it)."""
    if size <= 0:
        raise FileRefused(_("%(name)s is empty.") % {"name": name})
    limit = settings.RELAIS_DOCUMENT_MAX_BYTES
    if size > limit:
        raise FileRefused(
            _("%(name)s is %(size)s MB: files of more than %(limit)s MB are not accepted.")
            % {"name": name, "size": _mb(size, up=True), "limit": _mb(limit)}
        )


def check_upload(data: bytes, filename: str) -> str:
    """The FileKind value of this upload, or FileRefused saying why not."""
    name = clean_name(filename)
    check_size(len(data), name)
    kind = _sniff(data, name)
    claimed = claimed_kind(name)
    if claimed is not None and claimed != kind:
        raise FileRefused(
            _("%(name)s is called %(called)s but is %(actual)s: give it the right name, or upload the right file.")
            % {"name": name, "called": kind_phrase(claimed), "actual": kind_phrase(kind)}
        )
    if kind == FileKind.PDF:
        _check_pdf(data, name)
    elif kind in REQUIRED_MEMBERS:
        _check_package(data, name, kind)
    return kind


def _sniff(data: bytes, name: str) -> str:
    """The type by content (cheap: magic bytes and a ZIP's member names)."""
    if data.startswith(OLE_MAGIC):
        raise FileRefused(
            _(
                "%(name)s is encrypted or in an old Office format (DOC, XLS, PPT): save it as DOCX, XLSX or PPTX "
                "(or PDF) without a password, and upload it again."
            )
            % {"name": name}
        )
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _sniff_zip(data, name)
    head = data[:1024]
    if b"%PDF-" in head:
        lowered = head.lower()
        if any(mark in lowered for mark in _POLYGLOT_MARKS):
            raise FileRefused(
                _(
                    "%(name)s is both a PDF and a web page, a trick used to attack browsers, so it is not accepted. "
                    "Print it to a new PDF and upload that."
                )
                % {"name": name}
            )
        return FileKind.PDF
    if data.startswith(b"{\\rtf"):
        raise _not_accepted(name, _("a Rich Text (RTF) document — save it as DOCX or PDF"))
    if data.startswith(b"%!PS"):
        raise _not_accepted(name, _("a PostScript file — save it as PDF"))
    text = decode_text(data)
    if text is not None:
        if looks_like_html(text):
            return FileKind.HTML
        if looks_like_markup(text[:4096]) and _SVG.search(text[:4096]):  # scripts run when it is opened
            raise _not_accepted(name, _("an image (SVG)"))
        return FileKind.TXT
    raise _not_accepted(name, _binary_description(data))


def _binary_description(data: bytes) -> str:
    magics: list[tuple[bytes, str]] = [
        (b"\x89PNG", _("an image (PNG)")),
        (b"\xff\xd8\xff", _("an image (JPEG)")),
        (b"GIF8", _("an image (GIF)")),
        (b"II*\x00", _("an image (TIFF)")),
        (b"MM\x00*", _("an image (TIFF)")),
        (b"\x1f\x8b", _("a compressed archive (gzip)")),
        (b"Rar!", _("a compressed archive (RAR)")),
        (b"7z\xbc\xaf", _("a compressed archive (7-Zip)")),
        (b"MZ", _("a program")),
        (b"\x7fELF", _("a program")),
    ]
    for magic, label in magics:
        if data.startswith(magic):
            return label
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _("an image (WebP)")
    return _("a file of an unknown type")


def _open_zip(data: bytes, name: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise _damaged(name) from None


def _sniff_zip(data: bytes, name: str) -> str:
    with _open_zip(data, name) as zf:
        infos = zf.infolist()
        if len(infos) > ZIP_MAX_MEMBERS:
            raise _bomb(name)
        names = {i.filename for i in infos}
        if "mimetype" in names:
            info = zf.getinfo("mimetype")
            if info.file_size > 200 or info.flag_bits & 0x1:
                raise _damaged(name)
            try:
                mimetype = zf.read(info).strip()
            except Exception:
                raise _damaged(name) from None
            if mimetype == ODT_MIMETYPE:
                return FileKind.ODT
            what = {
                b"application/vnd.oasis.opendocument.spreadsheet": _(
                    "an OpenDocument spreadsheet (ODS) — save it as XLSX"
                ),
                b"application/vnd.oasis.opendocument.presentation": _(
                    "an OpenDocument presentation (ODP) — save it as PPTX or PDF"
                ),
                b"application/epub+zip": _("an e-book (EPUB)"),
            }.get(mimetype, _("a ZIP archive"))
            raise _not_accepted(name, what)
        for prefix, kind in (("word/", FileKind.DOCX), ("ppt/", FileKind.PPTX), ("xl/", FileKind.XLSX)):
            if any(n.startswith(prefix) for n in names):
                return kind
        if "content.xml" in names and "META-INF/manifest.xml" in names:
            raise _damaged(name)  # an OpenDocument file without its mimetype
    raise _not_accepted(name, _("a ZIP archive"))


def _check_package(data: bytes, name: str, kind: str) -> None:
    """A DOCX, PPTX, XLSX or ODT: not encrypted, no bomb, complete, intact, and XML without DTDs."""
    with _open_zip(data, name) as zf:
        infos = zf.infolist()
        if any(i.flag_bits & 0x1 for i in infos):
            raise _encrypted(name)
        total = 0
        for info in infos:
            total += info.file_size
            if info.file_size > ZIP_RATIO_FLOOR and info.file_size > ZIP_MAX_RATIO * max(info.compress_size, 1):
                raise _bomb(name)
        if total > ZIP_MAX_TOTAL:
            raise _bomb(name)
        names = {i.filename for i in infos}
        if any(member not in names for member in REQUIRED_MEMBERS[kind]):
            raise _damaged(name)
        try:
            if zf.testzip() is not None:  # reads every member (bounded above) and checks its CRC
                raise _damaged(name)
            if any(i.filename.endswith((".xml", ".rels")) and xml_declares_dtd(zf, i) for i in infos):
                raise _declares_dtd(name)
            _check_xml_whole(zf, MAIN_PART[kind])
        except DefusedXmlException:
            raise _declares_dtd(name) from None
        except FileRefused:
            raise
        except Exception:  # zipfile, zlib and XML errors of every kind
            raise _damaged(name) from None


def _declares_dtd(name: str) -> FileRefused:
    return FileRefused(
        _(
            "%(name)s holds XML declarations (a DTD or entities) that office files never need and that "
            "are used in attacks, so it is not accepted. Save it again from your office software."
        )
        % {"name": name}
    )


def _check_xml_whole(zf: zipfile.ZipFile, member: str) -> None:
    """The main part is well-formed XML (streamed, so memory stays small)."""
    with zf.open(member) as fh:
        for _event, elem in DefusedET.iterparse(fh, events=("end",), forbid_dtd=True):
            elem.clear()


def _check_pdf(data: bytes, name: str) -> None:
    """pypdf opens it (decrypting a PDF that only restricts printing or copying: it opens without a
    password), it has pages, and the first pages' content decodes within the limits."""
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError

    with pdf_limits():
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not opens_without_password(reader):
                raise _encrypted(name)
            count = len(reader.pages)
            if count == 0:
                raise _damaged(name)
            budget = DecodeBudget(len(data))
            for index in range(min(count, PDF_CHECK_PAGES)):
                contents = reader.pages[index].get_contents()
                if contents is not None and not budget.allows(len(contents.get_data())):
                    raise _bomb(name)
        except FileRefused:
            raise
        except LimitReachedError:
            raise _bomb(name) from None
        except RecursionError:
            raise _damaged(name) from None
        except Exception:
            raise _damaged(name) from None
