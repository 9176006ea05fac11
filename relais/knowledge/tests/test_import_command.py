"""python manage.py import_documents SHEET --files DIR_OR_ZIP [--commit] [--user EMAIL]."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from relais.core.models import AuditEvent
from relais.knowledge.models import Collection, Document, DocumentFile
from relais.knowledge.tests.test_import_documents import (
    FR,
    full_files,
    full_rows,
    row,
    sheet_csv,
    sheet_xlsx,
    txt,
    zip_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def command(*args: str) -> str:
    out = io.StringIO()
    call_command("import_documents", *args, stdout=out)
    return out.getvalue()


def folder_with(tmp_path: Path, files: dict[str, bytes]) -> Path:
    root = tmp_path / "files"
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


def test_a_folder_dry_run_then_commit(tmp_path: Path, personas: dict[str, Any]) -> None:
    sheet = tmp_path / "catalogue.xlsx"
    sheet.write_bytes(sheet_xlsx(full_rows()))
    folder = folder_with(tmp_path, full_files())

    out = command(str(sheet), "--files", str(folder))
    assert "3 documents: 3 to create, 0 to update, 0 unchanged; 2 files to add." in out
    assert "Dry run: nothing written." in out
    assert Document.objects.count() == 0

    out = command(str(sheet), "--files", str(folder), "--commit", "--user", "MANAGER@example.org")
    assert "Imported: 3 documents added, 0 updated, 0 unchanged; 2 files added; new collections: 1." in out
    assert Document.objects.count() == 3 and DocumentFile.objects.count() == 2 and Collection.objects.count() == 1
    event = AuditEvent.objects.get(action="documents.import")
    assert event.actor == personas["manager"] and event.details["files"] == str(folder)

    out = command(str(sheet), "--files", str(folder), "--commit")
    assert "Imported: 0 documents added, 0 updated, 3 unchanged; 0 files added; new collections: 0." in out
    assert Document.objects.count() == 3 and DocumentFile.objects.count() == 2


def test_a_zip(tmp_path: Path) -> None:
    sheet = tmp_path / "catalogue.csv"
    sheet.write_bytes(sheet_csv([row(title="Étude", kind="étude", language="fr", file="a/étude.txt")], headers=FR,
                                encoding="cp1252", delimiter=";"))  # fmt: skip
    archive = tmp_path / "files.zip"
    archive.write_bytes(zip_of({"a/étude.txt": txt("Les inspecteurs du travail."), "b.txt": txt("x")}))
    out = command(str(sheet), "--files", str(archive), "--commit")
    assert "warning: column Q (Fichier): “b.txt” is in the ZIP file but no row names it" in out
    assert "1 documents added" in out
    assert DocumentFile.objects.get().original_name == "étude.txt"


def test_problems_are_printed_by_row_and_column_and_stop_the_import(tmp_path: Path) -> None:
    sheet = tmp_path / "catalogue.xlsx"
    sheet.write_bytes(sheet_xlsx([row(title="Good", file="a.txt"), row(year="1492", file="missing.txt")]))
    folder = folder_with(tmp_path, {"a.txt": txt("A")})
    out = io.StringIO()
    with pytest.raises(CommandError, match="2 problem"):
        call_command("import_documents", str(sheet), "--files", str(folder), "--commit", stdout=out)
    lines = out.getvalue().splitlines()
    assert "row 3, column H (Year): year 1492 is out of range: between 1800 and" in lines[0]
    assert lines[1] == "row 3, column Q (File): “missing.txt” is not in the folder."
    assert Document.objects.count() == 0


def test_the_messages_in_french(tmp_path: Path) -> None:
    sheet = tmp_path / "catalogue.xlsx"
    sheet.write_bytes(sheet_xlsx([row(kind="poème")]))
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_documents", str(sheet), "--language", "fr", stdout=out)
    assert out.getvalue().startswith("ligne 2, colonne B (Type) : ")


def test_a_zip_leading_outside_itself_is_refused(tmp_path: Path) -> None:
    sheet = tmp_path / "catalogue.xlsx"
    sheet.write_bytes(sheet_xlsx([row()]))
    archive = tmp_path / "files.zip"
    archive.write_bytes(zip_of({"../outside.txt": txt("x")}))
    with pytest.raises(CommandError, match="leads outside it"):
        command(str(sheet), "--files", str(archive), "--commit")
    assert Document.objects.count() == 0


def test_missing_inputs_and_unknown_users_are_refused(tmp_path: Path) -> None:
    sheet = tmp_path / "catalogue.xlsx"
    sheet.write_bytes(sheet_xlsx([row()]))
    with pytest.raises(CommandError, match="No such file"):
        command(str(tmp_path / "none.xlsx"))
    with pytest.raises(CommandError, match="No such file or folder"):
        command(str(sheet), "--files", str(tmp_path / "none"))
    with pytest.raises(CommandError, match="No account"):
        command(str(sheet), "--user", "nobody@example.org")
