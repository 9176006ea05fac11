"""The files of a catalogue import: a ZIP (uploaded, or given to the command) or a folder (command
only), read without ever being unpacked to disk.

Refused as a whole, with a reason: a ZIP over the size limit, one that is not a ZIP, one with too many
members, one that declares more data than the limit or compresses it suspiciously well (a
decompression bomb), and one holding a name that leads outside it ("../x", "/etc/x", "C:\\x").
Per file (reported against the row that names it): encrypted members, links, files over the
document size limit. Each member is read only up to its declared size (Python's zipfile stops
there and fails on the CRC), one at a time.

Names are matched as the sheet writes them: the exact path, else the same path ignoring case and
Unicode normalisation, else without the one folder that wraps everything (a zipped folder), else
the bare file name when only one file has it. System litter (__MACOSX, .DS_Store, Thumbs.db) is
ignored.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import stat
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _

MAX_ENTRIES = 12_000
BOMB_RATIO = 200  # declared size / compressed size, per member and overall, beyond which a ZIP is a bomb
BOMB_FLOOR = 10 * 1024 * 1024  # …when the member (or the whole) declares more than this
_IGNORED_NAMES = {".ds_store", "thumbs.db", "desktop.ini", ".gitkeep"}
_DRIVE = re.compile(r"^[A-Za-z]:")


def document_max_bytes() -> int:
    return int(getattr(settings, "RELAIS_DOCUMENT_MAX_BYTES", 50 * 1024 * 1024))


def zip_max_bytes() -> int:
    """The largest ZIP accepted on the web: RELAIS_IMPORT_ZIP_MAX_BYTES, else ten documents' worth."""
    return int(getattr(settings, "RELAIS_IMPORT_ZIP_MAX_BYTES", 0) or 10 * document_max_bytes())


def total_max_bytes() -> int:
    """The most data a ZIP or folder may hold once unpacked."""
    return max(4 * zip_max_bytes(), 20 * document_max_bytes())


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f}"


class FilesRefused(Exception):
    """The ZIP or folder cannot be used at all; the message says why, in the user's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Entry:
    name: str  # the path inside the ZIP or folder, with "/"
    size: int
    reader: Callable[[], bytes] = field(repr=False)
    problem: str = ""  # why it cannot be read (encrypted, a link, too large)

    @property
    def basename(self) -> str:
        return self.name.rsplit("/", 1)[-1]

    def read(self) -> bytes:
        return self.reader()


def _key(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def clean_name(name: str) -> str:
    """A name as the sheet or the ZIP writes it, with "/" and without "./"."""
    name = unicodedata.normalize("NFC", (name or "").strip().replace("\\", "/"))
    while name.startswith("./"):
        name = name[2:]
    return re.sub(r"/{2,}", "/", name)


def leaves_folder(name: str) -> bool:
    """Whether a name points outside the ZIP or folder: absolute, a drive, or with a ".." part."""
    cleaned = (name or "").strip().replace("\\", "/")
    return cleaned.startswith("/") or bool(_DRIVE.match(cleaned)) or ".." in cleaned.split("/")


def _ignored(name: str) -> bool:
    parts = name.split("/")
    base = parts[-1]
    return (
        not base
        or "__MACOSX" in parts[:-1]
        or base.casefold() in _IGNORED_NAMES
        or base.startswith("._")
        or any(p.startswith(".") and p not in (".", "") for p in parts[:-1])
    )


@dataclass
class FileSource:
    """The files of an import, found by the names the sheet gives them."""

    kind: str  # "zip" or "folder"
    label: str  # the ZIP's file name or the folder's path, as the user gave it
    entries: list[Entry] = field(default_factory=list)
    _handle: Any = field(default=None, repr=False)
    _exact: dict[str, list[Entry]] = field(default_factory=dict, repr=False)
    _folded: dict[str, list[Entry]] = field(default_factory=dict, repr=False)
    _bases: dict[str, list[Entry]] = field(default_factory=dict, repr=False)
    _prefix: str = ""

    def index(self) -> None:
        tops = {e.name.split("/", 1)[0] for e in self.entries}
        if len(tops) == 1 and all("/" in e.name for e in self.entries):
            self._prefix = next(iter(tops)) + "/"
        for entry in self.entries:
            self._exact.setdefault(entry.name, []).append(entry)
            folded = _key(entry.name)
            self._folded.setdefault(folded, []).append(entry)
            if self._prefix:
                self._folded.setdefault(_key(entry.name[len(self._prefix) :]), []).append(entry)
            self._bases.setdefault(_key(entry.basename), []).append(entry)

    def find(self, name: str) -> tuple[Entry | None, str]:
        """(entry, "") when the name designates one file; (None, "missing" | "ambiguous" | "several")."""
        name = clean_name(name)
        exact = self._exact.get(name, [])
        if len(exact) > 1:
            return None, "several"
        if exact:
            return exact[0], ""
        folded = list({id(e): e for e in self._folded.get(_key(name), [])}.values())
        if len(folded) > 1:
            return None, "several"
        if folded:
            return folded[0], ""
        if "/" not in name:
            bases = self._bases.get(_key(name), [])
            if len(bases) > 1:
                return None, "ambiguous"
            if bases:
                return bases[0], ""
        return None, "missing"

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def __enter__(self) -> FileSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _zip_name(info: zipfile.ZipInfo) -> str:
    """The member's name; names written without the UTF-8 flag (older tools) are tried as UTF-8."""
    name = info.filename
    if not info.flag_bits & 0x800:
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            name = name.encode("cp437").decode("utf-8")
    return name


def open_zip(source: bytes | str | os.PathLike[str], *, label: str, max_bytes: int | None = None) -> FileSource:
    """The members of a ZIP (bytes from an upload, or a path); FilesRefused for the whole ZIP."""
    size = len(source) if isinstance(source, bytes) else os.path.getsize(source)
    if max_bytes is not None and size > max_bytes:
        raise FilesRefused(_("The ZIP file is too large: at most %(mb)s MB.") % {"mb": _mb(max_bytes)})
    handle: IO[bytes] = io.BytesIO(source) if isinstance(source, bytes) else open(source, "rb")  # noqa: SIM115
    try:
        archive = zipfile.ZipFile(handle)
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        handle.close()
        raise FilesRefused(_("“%(name)s” is not a ZIP file.") % {"name": label}) from None
    try:
        files = _zip_entries(archive, infos, size)
    except FilesRefused:
        archive.close()
        handle.close()
        raise
    result = FileSource(kind="zip", label=label, entries=files, _handle=_Closer(archive, handle))
    result.index()
    return result


@dataclass
class _Closer:
    archive: zipfile.ZipFile
    handle: IO[bytes]

    def close(self) -> None:
        self.archive.close()
        self.handle.close()


def _zip_entries(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], size: int) -> list[Entry]:
    if len(infos) > MAX_ENTRIES:
        raise FilesRefused(
            _("The ZIP file holds more than %(n)s files: split it into several imports.") % {"n": f"{MAX_ENTRIES:,}"}
        )
    for info in infos:
        if leaves_folder(info.filename):
            raise FilesRefused(
                _("The ZIP file holds a name that leads outside it (“%(name)s”): it is refused.")
                % {"name": info.filename[:200]}
            )
    names = {i.filename for i in infos}
    if "[Content_Types].xml" in names or ("mimetype" in names and "META-INF/manifest.xml" in names):
        raise FilesRefused(
            _(
                "This is an office document, not a ZIP of files: put the documents' files in a ZIP file "
                "(compressed folder)."
            )
        )
    declared = sum(i.file_size for i in infos)
    compressed = sum(i.compress_size for i in infos)
    bomb = _("The ZIP file unpacks to far more data than it holds (a “ZIP bomb”): it is refused.")
    if declared > total_max_bytes():
        raise FilesRefused(
            _("The ZIP file unpacks to more than %(mb)s MB: split it into several imports.")
            % {"mb": _mb(total_max_bytes())}
        )
    if declared > BOMB_FLOOR and declared > BOMB_RATIO * max(compressed, size // 2, 1):
        raise FilesRefused(bomb)
    entries = []
    for info in infos:
        name = clean_name(_zip_name(info))
        if info.is_dir() or _ignored(name):
            continue
        if info.file_size > BOMB_FLOOR and info.file_size > BOMB_RATIO * max(info.compress_size, 1):
            raise FilesRefused(bomb)
        problem = ""
        mode = info.external_attr >> 16
        if info.flag_bits & 0x1:
            problem = _("“%(name)s” is protected by a password in the ZIP file.") % {"name": name}
        elif mode and stat.S_ISLNK(mode):
            problem = _("“%(name)s” is a link, not a file.") % {"name": name}
        else:
            problem = _size_problem(info.file_size, name)
        entries.append(Entry(name=name, size=info.file_size, reader=_member_reader(archive, info), problem=problem))
    return entries


def _size_problem(size: int, name: str) -> str:
    """Why a file of this size is refused before it is read (empty, or over the document limit)."""
    from relais.knowledge.files import FileRefused, check_size

    try:
        check_size(size, name)
    except FileRefused as exc:
        return str(exc.message)
    return ""


def _member_reader(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Callable[[], bytes]:
    def read() -> bytes:
        with archive.open(info) as member:
            return member.read(info.file_size + 1)

    return read


def open_folder(path: str | os.PathLike[str]) -> FileSource:
    """The files of a folder and its sub-folders (links leading outside it are not followed)."""
    root = Path(path).resolve()
    if not root.is_dir():
        raise FilesRefused(_("No such folder: %(path)s") % {"path": path})
    limit = document_max_bytes()
    entries: list[Entry] = []
    total = 0
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__MACOSX")
        for base in sorted(names):
            full = Path(folder) / base
            name = clean_name(full.relative_to(root).as_posix())
            if _ignored(name):
                continue
            if len(entries) >= MAX_ENTRIES:
                raise FilesRefused(
                    _("The folder holds more than %(n)s files: split it into several imports.")
                    % {"n": f"{MAX_ENTRIES:,}"}
                )
            problem = ""
            target = full.resolve()
            size = 0
            if full.is_symlink() and not target.is_relative_to(root):
                problem = _("“%(name)s” is a link leading outside the folder.") % {"name": name}
            elif not target.is_file():
                problem = _("“%(name)s” is not a file.") % {"name": name}
            else:
                size = target.stat().st_size
                total += size
                problem = _size_problem(size, name)
            entries.append(Entry(name=name, size=size, reader=_path_reader(target, limit), problem=problem))
    if total > total_max_bytes():
        raise FilesRefused(
            _("The folder holds more than %(mb)s MB: split it into several imports.") % {"mb": _mb(total_max_bytes())}
        )
    source = FileSource(kind="folder", label=str(path), entries=entries)
    source.index()
    return source


def _path_reader(path: Path, limit: int) -> Callable[[], bytes]:
    def read() -> bytes:
        with path.open("rb") as handle:
            return handle.read(limit + 1)

    return read


def open_files(path: str | os.PathLike[str]) -> FileSource:
    """For the command line: a folder, or a ZIP file (no size limit but the bomb checks)."""
    if Path(path).is_dir():
        return open_folder(path)
    if not Path(path).is_file():
        raise FilesRefused(_("No such file or folder: %(path)s") % {"path": path})
    return open_zip(path, label=Path(path).name)
