"""Hostile files, built in memory (no binary is committed): what an attacker, or an unlucky user, may
upload. Each entry of `HOSTILE` is a `Hostile` — a name to upload it under, a builder of its bytes,
and what it is. The builders are cached: the decompression bombs take a fraction of a second.

- decompression bombs: an XLSX and a DOCX whose main part declares 2 GiB of zeros held in ~2 MB, the
  same with a lying (small) declared size, and a plain ZIP bomb for the archive of a catalogue import;
- XML attacks: an XLSX and a DOCX with an external entity (XXE: file:///etc/passwd) and with a
  "billion laughs" entity expansion;
- polyglots: a file that is both a PDF and a web page, and a web page named .pdf;
- a pixel flood: a valid PNG declaring 50,000 × 50,000 pixels;
- wrong names: a program (ELF, EXE) and a plain ZIP named .xlsx/.docx/.pdf, a CSV named .xlsx;
- empty (0 bytes) and truncated files (the first half of a real XLSX, PDF and DOCX);
- an SVG with a script; names with a path traversal and with a NUL (holding a real PDF).
"""

from __future__ import annotations

import functools
import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from openpyxl import Workbook

GIB = 1024 * 1024 * 1024
_CHUNK = 1024 * 1024

# --- Real files ------------------------------------------------------------------------------


@functools.cache
def real_xlsx() -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["First name", "Last name", "Country"])
    sheet.append(["Ana", "Hoxha", "Albania"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@functools.cache
def real_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Guideline on labour inspection.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@functools.cache
def real_pdf() -> bytes:
    from relais.knowledge.tests.samples import pdf_bytes

    return pdf_bytes(["Guideline on labour inspection."])


def _members(package: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


# --- Decompression bombs -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Member:
    name: str
    method: int  # 0 stored, 8 deflated
    compressed: bytes
    crc: int
    size: int  # declared uncompressed size


def _raw_zip(members: list[_Member]) -> bytes:
    """A ZIP written by hand, so that a member may declare any size (zipfile would compute it)."""
    out = io.BytesIO()
    central = io.BytesIO()
    for member in members:
        offset = out.tell()
        name = member.name.encode()
        sizes = (member.crc, len(member.compressed), member.size)
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, member.method, 0, 0x21, *sizes, len(name), 0))
        out.write(name)
        out.write(member.compressed)
        fields = (0x02014B50, 20, 20, 0, member.method, 0, 0x21, *sizes, len(name), 0, 0, 0, 0, 0, offset)
        central.write(struct.pack("<IHHHHHHIIIHHHHHII", *fields))
        central.write(name)
    directory = central.getvalue()
    start = out.tell()
    out.write(directory)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(directory), start, 0))
    return out.getvalue()


@functools.cache
def _zeros_stream(total: int) -> tuple[bytes, int]:
    """A raw deflate stream of `total` zero characters ("0"), and their CRC: identical fully-flushed
    blocks of 1 MiB repeated, so building it costs one compression and one CRC pass."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(b"0" * _CHUNK) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.flush()
    crc = 0
    chunk = b"0" * _CHUNK
    for _ in range(total // _CHUNK):
        crc = zlib.crc32(chunk, crc)
    return block * (total // _CHUNK) + end, crc


def _bomb(package: bytes, part: str, *, declared: int | None = None) -> bytes:
    """`package` whose `part` is replaced by 2 GiB of zeros (declaring `declared` bytes if given)."""
    members = []
    for name, data in _members(package).items():
        if name == part:
            stream, crc = _zeros_stream(2 * GIB)
            members.append(_Member(name, 8, stream, crc, declared if declared is not None else 2 * GIB))
        else:
            packed = zlib.compressobj(6, zlib.DEFLATED, -15)
            members.append(_Member(name, 8, packed.compress(data) + packed.flush(), zlib.crc32(data), len(data)))
    return _raw_zip(members)


def xlsx_bomb() -> bytes:
    return _bomb(real_xlsx(), "xl/worksheets/sheet1.xml")


def xlsx_bomb_lying() -> bytes:
    """Declares 10 KB for its sheet, which inflates to 2 GiB."""
    return _bomb(real_xlsx(), "xl/worksheets/sheet1.xml", declared=10_000)


def docx_bomb() -> bytes:
    return _bomb(real_docx(), "word/document.xml")


def zip_bomb() -> bytes:
    stream, crc = _zeros_stream(2 * GIB)
    return _raw_zip([_Member("guides/report.txt", 8, stream, crc, 2 * GIB)])


# --- XML attacks -------------------------------------------------------------------------------

XXE = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
LAUGHS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!DOCTYPE x [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10) for n in range(1, 10))
    + b"]>\n"
)


def _with_prolog(package: bytes, part: str, prolog: bytes, entity: bytes) -> bytes:
    members = _members(package)
    xml = members[part]
    if xml.startswith(b"<?xml"):
        xml = xml[xml.index(b"?>") + 2 :].lstrip()
    xml = xml.replace(b"Ana", entity, 1).replace(b"Guideline", entity, 1)
    members[part] = prolog + xml
    return zip_of(members)


def _xlsx_inline(text: str) -> bytes:
    """An XLSX whose first cell is an inline string (so the entity sits in the sheet itself)."""
    members = _members(real_xlsx())
    members["xl/worksheets/sheet1.xml"] = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>First name</t></is></c></row>'
        b'<row r="2"><c r="A2" t="inlineStr"><is><t>' + text.encode() + b"</t></is></c></row>"
        b"</sheetData></worksheet>"
    )
    return zip_of(members)


def xlsx_xxe() -> bytes:
    return _with_prolog(_xlsx_inline("Ana"), "xl/worksheets/sheet1.xml", XXE, b"&xxe;")


def xlsx_laughs() -> bytes:
    return _with_prolog(_xlsx_inline("Ana"), "xl/worksheets/sheet1.xml", LAUGHS, b"&lol9;")


def docx_xxe() -> bytes:
    return _with_prolog(real_docx(), "word/document.xml", XXE, b"&xxe;")


def docx_laughs() -> bytes:
    return _with_prolog(real_docx(), "word/document.xml", LAUGHS, b"&lol9;")


# --- Polyglots, images, programs -------------------------------------------------------------


def pdf_html_polyglot() -> bytes:
    """Starts as a PDF, holds a web page with a script (a browser sniffing it would run it)."""
    page = b"<html><body><script>alert(document.cookie)</script></body></html>\n"
    data = real_pdf()
    return b"%PDF-1.4\n" + page + data[data.index(b"\n") + 1 :]


def html_page() -> bytes:
    return b"<!DOCTYPE html><html><head><title>x</title></head><body><script>alert(1)</script></body></html>"


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_pixel_flood() -> bytes:
    """A valid PNG header declaring 50,000 × 50,000 RGBA pixels (10 GB once decoded), a few rows of data."""
    header = struct.pack(">IIBBBBB", 50_000, 50_000, 8, 6, 0, 0, 0)
    rows = zlib.compress(b"\x00" + b"\x00" * (50_000 * 4) * 1, 9)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", rows) + _png_chunk(b"IEND", b"")


def elf_program() -> bytes:
    return b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + bytes(range(256)) * 4


def exe_program() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 52 + b"PE\x00\x00" + bytes(range(256)) * 4


def plain_zip() -> bytes:
    return zip_of({"notes.txt": b"Some notes.", "photo.jpg": b"\xff\xd8\xff\xe0" + b"\x00" * 64})


def csv_text() -> bytes:
    return b"First name;Last name;Country\nAna;Hoxha;Albania\n"


def svg_script() -> bytes:
    return (
        b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b'<script type="text/javascript">alert(document.domain)</script><rect width="10" height="10"/></svg>'
    )


def half(builder: Callable[[], bytes]) -> Callable[[], bytes]:
    def build() -> bytes:
        data = builder()
        return data[: len(data) // 2]

    return build


# --- The corpus --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hostile:
    id: str
    name: str  # the file name it is uploaded under
    build: Callable[[], bytes]
    what: str

    @functools.cached_property
    def data(self) -> bytes:
        return self.build()


HOSTILE: list[Hostile] = [
    Hostile("xlsx-bomb", "answers.xlsx", xlsx_bomb, "an XLSX whose sheet inflates to 2 GiB"),
    Hostile("xlsx-bomb-lying", "answers.xlsx", xlsx_bomb_lying, "the same, declaring 10 KB"),
    Hostile("docx-bomb", "guide.docx", docx_bomb, "a DOCX whose text inflates to 2 GiB"),
    Hostile("zip-bomb", "files.zip", zip_bomb, "a ZIP holding 2 GiB of zeros in 2 MB"),
    Hostile("xlsx-xxe", "answers.xlsx", xlsx_xxe, "an XLSX with an external entity (file:///etc/passwd)"),
    Hostile("xlsx-laughs", "answers.xlsx", xlsx_laughs, "an XLSX with a billion-laughs entity expansion"),
    Hostile("docx-xxe", "guide.docx", docx_xxe, "a DOCX with an external entity (file:///etc/passwd)"),
    Hostile("docx-laughs", "guide.docx", docx_laughs, "a DOCX with a billion-laughs entity expansion"),
    Hostile("pdf-html-polyglot", "report.pdf", pdf_html_polyglot, "a PDF that is also a web page with a script"),
    Hostile("html-as-pdf", "report.pdf", html_page, "a web page with a script named .pdf"),
    Hostile("png-pixel-flood", "photo.png", png_pixel_flood, "a PNG declaring 50,000 × 50,000 pixels"),
    Hostile("elf-as-xlsx", "list.xlsx", elf_program, "a program (ELF) named .xlsx"),
    Hostile("exe-as-pdf", "report.pdf", exe_program, "a program (EXE) named .pdf"),
    Hostile("zip-as-xlsx", "list.xlsx", plain_zip, "a plain ZIP named .xlsx"),
    Hostile("zip-as-docx", "guide.docx", plain_zip, "a plain ZIP named .docx"),
    Hostile("zip-as-pdf", "report.pdf", plain_zip, "a plain ZIP named .pdf"),
    Hostile("csv-as-xlsx", "list.xlsx", csv_text, "a CSV named .xlsx"),
    Hostile("empty", "list.xlsx", lambda: b"", "0 bytes"),
    Hostile("truncated-xlsx", "list.xlsx", half(real_xlsx), "the first half of a real XLSX"),
    Hostile("truncated-pdf", "report.pdf", half(real_pdf), "the first half of a real PDF"),
    Hostile("truncated-docx", "guide.docx", half(real_docx), "the first half of a real DOCX"),
    Hostile("svg-script", "logo.svg", svg_script, "an SVG with a script"),
    Hostile("name-traversal", "../../etc/passwd.pdf", real_pdf, "a real PDF named ../../etc/passwd.pdf"),
    Hostile("name-nul", "report\x00.exe.pdf", real_pdf, "a real PDF whose name holds a NUL"),
]
BY_ID = {h.id: h for h in HOSTILE}
