"""The ZIP or folder of a catalogue import: what is refused as a whole (traversal, bombs, too many
members, too large, not a ZIP) and what is reported against the row naming a file."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path
from typing import Any

import pytest

from relais.knowledge import import_documents_files
from relais.knowledge.import_documents import documents_check
from relais.knowledge.import_documents_files import FilesRefused, open_files, open_folder, open_zip
from relais.knowledge.tests.test_import_documents import check, only_error, row, sheet_xlsx, txt, zip_of

pytestmark = pytest.mark.django_db


def zip_with(*infos: tuple[zipfile.ZipInfo | str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for info, data in infos:
            archive.writestr(info, data)
    return out.getvalue()


@pytest.mark.parametrize("name", ["../evil.txt", "docs/../../evil.txt", "/etc/passwd", "C:\\Windows\\evil.txt"])
def test_a_name_leading_outside_the_zip_refuses_it(name: str) -> None:
    data = zip_with(("fine.txt", b"fine"), (name, b"evil"))
    with pytest.raises(FilesRefused) as refused:
        open_zip(data, label="files.zip")
    assert "leads outside it" in refused.value.message and name in refused.value.message


def test_a_decompression_bomb_is_refused() -> None:
    data = zip_with(("zeros.txt", b"\x00" * (12 * 1024 * 1024)))
    assert len(data) < 100_000
    with pytest.raises(FilesRefused) as refused:
        open_zip(data, label="files.zip")
    assert "ZIP bomb" in refused.value.message


def test_a_zip_declaring_too_much_data_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(import_documents_files, "total_max_bytes", lambda: 1000)
    with pytest.raises(FilesRefused) as refused:
        open_zip(zip_with(("a.txt", os.urandom(800)), ("b.txt", os.urandom(800))), label="files.zip")
    assert "unpacks to more than" in refused.value.message


def test_too_many_members_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(import_documents_files, "MAX_ENTRIES", 5)
    with pytest.raises(FilesRefused) as refused:
        open_zip(zip_of({f"{n}.txt": b"x" for n in range(6)}), label="files.zip")
    assert "more than 5 files" in refused.value.message


def test_a_zip_over_the_size_limit_or_not_a_zip_is_refused() -> None:
    with pytest.raises(FilesRefused, match="too large"):
        open_zip(zip_of({"a.txt": os.urandom(5000)}), label="files.zip", max_bytes=1000)
    with pytest.raises(FilesRefused, match="is not a ZIP file"):
        open_zip(b"PK\x03\x04 but no more", label="files.zip")
    with pytest.raises(FilesRefused, match="office document, not a ZIP of files"):
        open_zip(sheet_xlsx([row()]), label="catalogue.xlsx")  # the sheet chosen twice


def test_encrypted_members_links_and_large_files_are_reported_against_their_row(settings: Any) -> None:
    settings.RELAIS_DOCUMENT_MAX_BYTES = 1000
    link = zipfile.ZipInfo("link.txt")
    link.external_attr = 0o120777 << 16
    data = bytearray(
        zip_with(("locked.txt", b"secret"), (link, b"/etc/passwd"), ("big.txt", b"x" * 2000), ("empty.txt", b""))
    )
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # the first member says it is encrypted
        data[data.index(signature) + offset] |= 0x01
    rows = [row(title=name, file=name) for name in ("locked.txt", "link.txt", "big.txt", "empty.txt")]
    checked = documents_check(sheet=sheet_xlsx(rows), files=open_zip(bytes(data), label="files.zip"))
    messages = {p.row: p.message for p in checked.errors}
    assert "protected by a password" in messages[2]
    assert "is a link" in messages[3]
    assert "big.txt" in messages[4] and "not accepted" in messages[4]
    assert "empty.txt is empty" in messages[5]
    assert all(p.column == "Q (File)" for p in checked.errors)


def test_a_damaged_member_is_reported_against_its_row() -> None:
    data = zip_with(("a.txt", b"hello world " * 100), method=zipfile.ZIP_STORED)
    damaged = data.replace(b"hello world", b"HELLO world", 1)  # the CRC no longer matches
    checked = documents_check(sheet=sheet_xlsx([row(file="a.txt")]), files=open_zip(damaged, label="files.zip"))
    assert "could not be read" in only_error(checked).message


def test_a_folder_with_sub_folders_hidden_files_and_a_link_leading_outside(tmp_path: Path) -> None:
    root = tmp_path / "catalogue"
    (root / "guides").mkdir(parents=True)
    (root / "guides" / "guide.txt").write_text("A guide about inspections.")
    (root / ".DS_Store").write_bytes(b"\x00")
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("x")
    secret = tmp_path / "secret.txt"
    secret.write_text("outside")
    (root / "escape.txt").symlink_to(secret)
    source = open_folder(root)
    assert sorted(e.name for e in source.entries) == ["escape.txt", "guides/guide.txt"]
    checked = documents_check(
        sheet=sheet_xlsx([row(title="Guide", file="guides/guide.txt"), row(title="Escape", file="escape.txt")]),
        files=source,
    )
    assert [r.title for r in checked.rows] == ["Guide"]
    assert "link leading outside the folder" in only_error(checked).message


def test_open_files_takes_a_folder_or_a_zip(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A")
    (tmp_path / "files.zip").write_bytes(zip_of({"b.txt": b"B"}))
    assert open_files(tmp_path / "files.zip").kind == "zip"
    assert open_files(tmp_path).kind == "folder"
    with pytest.raises(FilesRefused, match="No such file or folder"):
        open_files(tmp_path / "nothing")


def test_zip_names_written_without_the_utf8_flag_are_read_as_utf8() -> None:
    data = bytearray(zip_with(("Étude.txt", b"x"), method=zipfile.ZIP_STORED))
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # clear the UTF-8 flag, as older tools do
        at = data.index(signature) + offset
        data[at + 1] &= ~0x08
    source = open_zip(bytes(data), label="files.zip")
    entry, _reason = source.find("Étude.txt")
    assert entry is not None and entry.read() == b"x"


def test_duplicate_names_in_the_zip_are_reported() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("guide.txt", b"one")
        with pytest.warns(UserWarning):
            archive.writestr("guide.txt", b"two")
    problem = only_error(
        documents_check(sheet=sheet_xlsx([row(file="guide.txt")]), files=open_zip(out.getvalue(), label="f.zip"))
    )
    assert "more than once" in problem.message


def test_the_unnamed_file_warning_says_folder_for_a_folder(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A")
    (tmp_path / "b.txt").write_text("B")
    checked = documents_check(sheet=sheet_xlsx([row(file="a.txt")]), files=open_folder(tmp_path))
    assert [p.message for p in checked.warnings] == [
        "“b.txt” is in the folder but no row names it: it is not imported."
    ]
    assert check(sheet_xlsx([row(file="a.txt")]), {"a.txt": txt("A")}).warnings == []
