"""manage.py backup and restore on this run's engine (the suite runs on SQLite and on PostgreSQL):
a round trip brings back every row and every file; each refusal leaves the database and the media
files exactly as they were."""

from __future__ import annotations

import getpass
import hashlib
import io
import json
import stat
import tarfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from relais.accounts.models import User
from relais.accounts.tests.factories import make_user
from relais.core.backup import live_table_counts
from relais.core.models import AuditEvent
from relais.delivery.models import Person
from relais.delivery.tests.factories import make_person
from relais.knowledge.models import Document, DocumentFile
from relais.knowledge.tests.factories import make_document

# The dump and the restore run over other connections (pg_dump, pg_restore): real commits needed;
# the reference data of the migrations come back after each test for the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PDF = b"%PDF-1.4\nGuideline on labour inspection\n" + bytes(range(256)) * 4


@pytest.fixture
def site(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_STORAGE = "filesystem"
    settings.MEDIA_ROOT = tmp_path / "site" / "media"
    settings.RELAIS_BACKUP_DIR = tmp_path / "backups"
    settings.MEDIA_ROOT.mkdir(parents=True)
    return Path(settings.MEDIA_ROOT)


def make_data(media: Path) -> dict[str, Any]:
    user = make_user(email="ana.markovic@example.org", full_name="Ana Marković")
    person = make_person("Besa", "Hoxha", country=None, profession=None, email="besa@example.org", phone="+355 4 222")
    document = make_document(title="Guideline on labour inspection")
    name = f"knowledge/{document.pk}/guideline.pdf"
    (media / name).parent.mkdir(parents=True)
    (media / name).write_bytes(PDF)
    DocumentFile.objects.create(
        document=document,
        version=1,
        file=name,
        original_name="Guideline.pdf",
        kind="pdf",
        size=len(PDF),
        sha256=hashlib.sha256(PDF).hexdigest(),
    )
    return {"user": user, "person": person, "document": document, "file": media / name}


def backup(**options: Any) -> tuple[Path, str]:
    out = io.StringIO()
    call_command("backup", stdout=out, **options)
    text = out.getvalue()
    path = Path(text.split("Backup written: ", 1)[1].splitlines()[0])
    return path, text


def members(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive, "r:gz") as tar:
        return {m.name: tar.extractfile(m).read() for m in tar if m.isfile()}  # type: ignore[union-attr]


def rewrite(archive: Path, change: Callable[[dict[str, bytes]], object]) -> None:
    content = members(archive)
    change(content)
    with tarfile.open(archive, "w:gz") as tar:
        for name, data in content.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def edit_manifest(archive: Path, change: Callable[[dict[str, Any]], None]) -> None:
    def edit(content: dict[str, bytes]) -> None:
        manifest = json.loads(content["manifest.json"])
        change(manifest)
        content["manifest.json"] = json.dumps(manifest).encode()

    rewrite(archive, edit)


def leftovers(media: Path) -> list[str]:
    """Folders a restore may leave beside MEDIA_ROOT: none once it has ended, well or not."""
    return sorted(p.name for p in media.parent.iterdir() if p.name != media.name)


def test_round_trip_brings_back_every_row_and_file(site: Path) -> None:
    data = make_data(site)
    before = live_table_counts()
    password = data["user"].password

    archive, text = backup()

    assert archive.parent == site.parent.parent / "backups"
    assert archive.name.startswith("relais-backup-") and archive.name.endswith("Z.tar.gz")
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600  # personal data
    content = members(archive)
    manifest = json.loads(content["manifest.json"])
    assert manifest["engine"] == connection.vendor
    assert manifest["tables"] == before
    assert ("core.0001_initial" in manifest["migrations"]) and manifest["media"]["files"] == 1
    assert content[f"media/knowledge/{data['document'].pk}/guideline.pdf"] == PDF
    for name, info in manifest["members"].items():
        assert hashlib.sha256(content[name]).hexdigest() == info["sha256"]
    assert f"{len(before)} tables, {sum(before.values())} rows" in text and "Media files: 1" in text
    assert AuditEvent.objects.filter(action="system.backup", details__file=archive.name).exists()

    # Everything changes after the backup: rows, files.
    Person.objects.filter(pk=data["person"].pk).update(first_name="Changed", email="")
    make_person("Someone", "Else", country=None, profession=None)
    Document.objects.filter(pk=data["document"].pk).delete()
    User.objects.filter(pk=data["user"].pk).delete()
    data["file"].unlink()
    (site / "stray.txt").write_bytes(b"made after the backup")

    out = io.StringIO()
    call_command("restore", str(archive), interactive=False, stdout=out)

    assert "Backup restored" in out.getvalue()
    after = live_table_counts()
    assert after.pop("core_auditevent") == before.pop("core_auditevent") + 1  # + the restore's own event
    assert after == before
    person = Person.objects.get(pk=data["person"].pk)
    assert (person.first_name, person.last_name, person.email, person.phone) == (
        "Besa",
        "Hoxha",
        "besa@example.org",
        "+355 4 222",
    )
    assert Document.objects.get(pk=data["document"].pk).title == "Guideline on labour inspection"
    assert User.objects.get(pk=data["user"].pk).password == password
    assert data["file"].read_bytes() == PDF
    assert not (site / "stray.txt").exists()
    assert leftovers(site) == []
    event = AuditEvent.objects.get(action="system.restore")
    assert event.details["file"] == archive.name and event.details["files"] == 1
    assert event.details["system_user"] == getpass.getuser() and event.actor is None
    # The site goes on: new rows get new ids (sequences came back with the data).
    assert make_person("After", "Restore", country=None, profession=None).pk > data["person"].pk


def test_an_archive_older_than_the_code_is_restored_then_migrated(site: Path) -> None:
    """An archive made before a migration: the tables it lacks would block `pg_restore --clean`
    (their foreign keys), so they are dropped in the restore's transaction; then `migrate` runs.
    Simulated by an archive whose manifest lacks a table and the last migration."""
    data = make_data(site)
    before = live_table_counts()
    archive, _ = backup()

    def older(manifest: dict[str, Any]) -> None:
        del manifest["tables"]["knowledge_documentfile"]  # refers to knowledge_document
        manifest["migrations"].remove(max(m for m in manifest["migrations"] if m.startswith("knowledge.")))

    edit_manifest(archive, older)
    Person.objects.filter(pk=data["person"].pk).update(first_name="Changed")
    out = io.StringIO()
    call_command("restore", str(archive), interactive=False, stdout=out)

    assert "The backup predates this version of Relais: its database was migrated." in out.getvalue()
    after = live_table_counts()
    assert after.pop("core_auditevent") == before.pop("core_auditevent") + 1
    assert after == before
    assert Person.objects.get(pk=data["person"].pk).first_name == "Besa"
    assert DocumentFile.objects.get(document=data["document"]).size == len(PDF)


def test_a_portable_backup_restores_on_either_engine(site: Path) -> None:
    """`backup --portable` (JSON by dumpdata) is restored whatever the engine of the site: here an
    archive marked as coming from the other engine."""
    data = make_data(site)
    before = live_table_counts()
    archive, text = backup(portable=True)
    assert "(portable JSON)" in text and "database/relais.json" in members(archive)
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    edit_manifest(archive, lambda m: m.update(engine=other))
    Person.objects.filter(pk=data["person"].pk).update(first_name="Changed")
    Document.objects.filter(pk=data["document"].pk).delete()
    data["file"].unlink()

    call_command("restore", str(archive), interactive=False, stdout=io.StringIO())

    after = live_table_counts()
    assert after.pop("core_auditevent") == before.pop("core_auditevent") + 1
    assert after == before
    assert Person.objects.get(pk=data["person"].pk).first_name == "Besa"
    assert Document.objects.get(pk=data["document"].pk).files.get().sha256 == hashlib.sha256(PDF).hexdigest()
    assert data["file"].read_bytes() == PDF
    assert make_person("After", "Restore", country=None, profession=None).pk > data["person"].pk


def test_a_portable_restore_that_fails_to_load_changes_nothing(site: Path) -> None:
    data = make_data(site)
    archive, _ = backup(portable=True)

    def break_a_row(content: dict[str, bytes]) -> None:
        rows = json.loads(content["database/relais.json"])
        next(r for r in rows if r["model"] == "delivery.person")["fields"]["country"] = ["XX"]  # no such country
        content["database/relais.json"] = json.dumps(rows).encode()
        manifest = json.loads(content["manifest.json"])
        manifest["members"]["database/relais.json"]["sha256"] = hashlib.sha256(
            content["database/relais.json"]
        ).hexdigest()
        content["manifest.json"] = json.dumps(manifest).encode()

    rewrite(archive, break_a_row)
    Person.objects.filter(pk=data["person"].pk).update(first_name="Changed")
    (site / "stray.txt").write_bytes(b"made after the backup")
    before = live_table_counts()

    with pytest.raises(CommandError, match="database restore failed, nothing was changed"):
        call_command("restore", str(archive), interactive=False, stdout=io.StringIO())

    assert live_table_counts() == before
    assert Person.objects.get(pk=data["person"].pk).first_name == "Changed"
    assert (site / "stray.txt").exists() and data["file"].read_bytes() == PDF
    assert leftovers(site) == []


def test_backup_to_a_given_file(site: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "nightly.tar.gz"
    archive, _ = backup(file=str(target))
    assert archive == target and target.is_file()
    with pytest.raises(CommandError, match="already exists"):
        backup(file=str(target))
    # Two backups in the same second do not overwrite each other.
    first, _ = backup()
    second, _ = backup()
    assert first != second and first.is_file() and second.is_file()


def damage_truncate(archive: Path) -> None:
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2])


def damage_garbage(archive: Path) -> None:
    archive.write_bytes(b"not a backup at all" * 100)


def damage_member(archive: Path) -> None:
    def change(content: dict[str, bytes]) -> None:
        name = next(n for n in content if n.startswith("media/"))
        content[name] = content[name].replace(b"labour", b"LABOUR")

    rewrite(archive, change)


def damage_missing_member(archive: Path) -> None:
    rewrite(archive, lambda content: content.pop(next(n for n in content if n.startswith("media/"))))


def other_engine(archive: Path) -> None:
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    edit_manifest(archive, lambda m: m.update(engine=other))


def newer_migrations(archive: Path) -> None:
    edit_manifest(archive, lambda m: m["migrations"].append("core.9999_from_a_newer_relais"))


def newer_format(archive: Path) -> None:
    edit_manifest(archive, lambda m: m.update(format=99))


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (damage_truncate, "not a readable Relais backup"),
        (damage_garbage, "not a readable Relais backup"),
        (damage_member, "checksum of media/knowledge/.*/guideline.pdf .* does not match"),
        (damage_missing_member, "members missing: media/knowledge"),
        (other_engine, "database and this site uses .*backup --portable"),
        (newer_migrations, "newer version of Relais .*core.9999_from_a_newer_relais"),
        (newer_format, "has format 99"),
        (lambda archive: archive.unlink(), "There is no backup file"),
    ],
    ids=["truncated", "not-gzip", "checksum", "missing-member", "engine", "migrations-ahead", "format", "no-file"],
)
def test_a_refused_restore_changes_nothing(site: Path, damage: Callable[[Path], None], message: str) -> None:
    data = make_data(site)
    archive, _ = backup()
    damage(archive)
    Person.objects.filter(pk=data["person"].pk).update(first_name="Changed")
    (site / "stray.txt").write_bytes(b"made after the backup")
    before = live_table_counts()

    with pytest.raises(CommandError, match=message):
        call_command("restore", str(archive), interactive=False, stdout=io.StringIO())

    assert live_table_counts() == before
    assert Person.objects.get(pk=data["person"].pk).first_name == "Changed"
    assert data["file"].read_bytes() == PDF and (site / "stray.txt").exists()
    assert leftovers(site) == []
    assert not AuditEvent.objects.filter(action="system.restore").exists()


def test_restore_asks_first(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = make_data(site)
    archive, _ = backup()
    Person.objects.filter(pk=data["person"].pk).update(first_name="Changed")
    questions: list[str] = []

    def answer(question: str) -> str:
        questions.append(question)
        return "no"

    monkeypatch.setattr("builtins.input", answer)

    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(archive), stdout=io.StringIO())

    assert str(connection.settings_dict["NAME"]) in questions[0] and "Type 'yes'" in questions[0]

    assert Person.objects.get(pk=data["person"].pk).first_name == "Changed"
    assert leftovers(site) == []


def test_postgresql_tools_missing_are_refused(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump and pg_restore serve PostgreSQL only")
    data = make_data(site)
    archive, _ = backup()
    Person.objects.filter(pk=data["person"].pk).update(first_name="Changed")
    monkeypatch.setenv("PATH", "/nonexistent")

    with pytest.raises(CommandError, match="pg_dump was not found"):
        backup()
    with pytest.raises(CommandError, match="pg_restore was not found"):
        call_command("restore", str(archive), interactive=False, stdout=io.StringIO())

    assert Person.objects.get(pk=data["person"].pk).first_name == "Changed"
    assert leftovers(site) == []
