"""Restoring a backup made by relais.core.backup (see its docstring for the archive).

Everything is checked before anything changes: the archive reads to its end, every checksum
matches, it is of this site's engine, it has no migration this code does not know, the tools are
there. Then the database is restored in one transaction (SQLite: sqlite3's online backup into the
live database; PostgreSQL: `pg_restore --clean --single-transaction`), and only then the media
folder, unpacked beside MEDIA_ROOT, takes the place of the current one (kept as
`<media>.before-restore-<time>` until the restore has succeeded).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext as _

from relais.core.audit import audit_record
from relais.core.backup import (
    CHUNK,
    DB_MEMBERS,
    ENGINE_NAMES,
    FORMAT,
    MANIFEST,
    PORTABLE_MEMBER,
    BackupError,
    Summary,
    audit_details,
    engine,
    find_tool,
    media_root,
    run_tool,
    sha256_of,
    unknown_migrations,
)


@dataclass
class Unpacked:
    """A verified archive, unpacked in a private folder beside MEDIA_ROOT."""

    archive: Path
    staging: Path
    manifest: dict[str, Any]
    keep: bool = False  # the media swap failed: the operator needs these files

    def cleanup(self) -> None:
        if not self.keep:
            shutil.rmtree(self.staging, ignore_errors=True)

    @property
    def summary(self) -> Summary:
        return Summary(path=self.archive, size=self.archive.stat().st_size, manifest=self.manifest)


def _safe_name(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return (
        bool(parts)
        and not PurePosixPath(name).is_absolute()
        and ".." not in parts
        and (name == MANIFEST or parts[0] in {"database", "media"})
    )


def _unreadable(path: Path, reason: object) -> BackupError:
    return BackupError(
        _("%(path)s is not a readable Relais backup (%(reason)s); nothing was changed.")
        % {"path": path, "reason": reason}
    )


def _extract(archive: Path, staging: Path) -> None:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                if not _safe_name(member.name) or not (member.isfile() or member.isdir()):
                    raise _unreadable(archive, _("unexpected member %(name)s") % {"name": member.name})
                dest = staging / member.name
                if member.isdir():
                    dest.mkdir(parents=True, exist_ok=True)
                    continue
                dest.parent.mkdir(parents=True, exist_ok=True)
                source = tar.extractfile(member)
                if source is None:
                    raise _unreadable(archive, _("unexpected member %(name)s") % {"name": member.name})
                with source, open(dest, "xb") as out:
                    shutil.copyfileobj(source, out, CHUNK)
    except (tarfile.TarError, EOFError, zlib.error) as e:
        raise _unreadable(archive, _("damaged or truncated: %(error)s") % {"error": e}) from e
    except OSError as e:  # a member twice, a file where a folder goes, a full disk
        raise _unreadable(archive, _("could not be unpacked: %(error)s") % {"error": e}) from e


def _well_formed(manifest: Any) -> bool:
    return (
        isinstance(manifest.get("members"), dict)
        and isinstance(manifest.get("tables"), dict)
        and isinstance(manifest.get("migrations"), list)
        and isinstance(manifest.get("media"), dict)
        and manifest.get("engine") in DB_MEMBERS
        and manifest.get("database") in (*DB_MEMBERS.values(), PORTABLE_MEMBER)
    )


def _read_manifest(archive: Path, staging: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((staging / MANIFEST).read_text())
    except FileNotFoundError as e:
        raise _unreadable(archive, _("no manifest")) from e
    except ValueError as e:
        raise _unreadable(archive, _("invalid manifest")) from e
    if not isinstance(manifest, dict) or manifest.get("application") != "relais":
        raise _unreadable(archive, _("invalid manifest"))
    if manifest.get("format") != FORMAT:
        raise BackupError(
            _("This backup has format %(found)s and this version of Relais reads format %(format)s.")
            % {"found": manifest.get("format"), "format": FORMAT}
        )
    if not _well_formed(manifest):
        raise _unreadable(archive, _("invalid manifest"))
    return manifest


def _verify(archive: Path, staging: Path, manifest: dict[str, Any]) -> None:
    found = {p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file()} - {MANIFEST}
    expected = set(manifest["members"])
    if found != expected or manifest["database"] not in expected:
        missing, extra = sorted(expected - found), sorted(found - expected)
        raise _unreadable(
            archive,
            _("members missing: %(missing)s; unexpected: %(extra)s")
            % {"missing": ", ".join(missing[:5]) or "-", "extra": ", ".join(extra[:5]) or "-"},
        )
    for name, info in sorted(manifest["members"].items()):
        if sha256_of(staging / name) != info.get("sha256"):
            raise BackupError(
                _(
                    "The checksum of %(member)s in %(path)s does not match its manifest: the archive was "
                    "damaged or altered. Nothing was changed."
                )
                % {"member": name, "path": archive}
            )


def _check_compatible(manifest: dict[str, Any]) -> None:
    current = engine()
    if manifest.get("portable"):
        _check_migrated()
    elif manifest["engine"] != current:
        raise BackupError(
            _(
                "This backup is of a %(archive)s database and this site uses %(current)s: restore it on a site "
                "with the same engine. To move data between engines, make a portable backup (`backup "
                "--portable`, a JSON export by `dumpdata`) and restore that. Nothing was changed."
            )
            % {"archive": ENGINE_NAMES[manifest["engine"]], "current": ENGINE_NAMES[current]}
        )
    unknown = unknown_migrations([str(m) for m in manifest["migrations"]])
    if unknown:
        raise BackupError(
            _(
                "This backup was made by a newer version of Relais (%(version)s): it has migrations this "
                "code does not know (%(migrations)s). Upgrade Relais first. Nothing was changed."
            )
            % {"version": manifest.get("relais_version") or "?", "migrations": ", ".join(unknown[:5])}
        )
    if current == "postgresql" and not manifest.get("portable"):
        find_tool("pg_restore")


def _check_migrated() -> None:
    """A portable backup loads into this code's tables: the database must have them all."""
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise BackupError(
            _("Run `manage.py migrate` before restoring a portable backup: the database is not up to date. "
              "Nothing was changed.")
        )  # fmt: skip


def _staging_parent() -> Path:
    media = media_root()
    if media is None:
        return Path(tempfile.gettempdir())
    media.parent.mkdir(parents=True, exist_ok=True)
    return media.parent


def unpack(archive: Path) -> Unpacked:
    """Read and check an archive without changing anything; raise BackupError when it will not do."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(_("There is no backup file at %(path)s.") % {"path": archive})
    staging = Path(tempfile.mkdtemp(prefix=".relais-restore-", dir=_staging_parent()))
    try:
        _extract(archive, staging)
        manifest = _read_manifest(archive, staging)
        _verify(archive, staging, manifest)
        _check_compatible(manifest)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Unpacked(archive=archive, staging=staging, manifest=manifest)


def _restore_sqlite(dump: Path) -> None:
    source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
    try:
        if source.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise BackupError(_("The database in the backup is damaged; nothing was changed."))
        connection.ensure_connection()
        source.backup(connection.connection)  # all pages in one step: all or nothing
    finally:
        source.close()


def _restore_postgresql(dump: Path, tables: dict[str, int]) -> None:
    """`pg_restore --clean --single-transaction`. When this database has tables the archive lacks (it
    was made before a migration that this code has), their foreign keys would stop `--clean`: then
    the same restore runs as one psql transaction that drops them first (`migrate` makes them again)."""
    restore_tool = find_tool("pg_restore")
    name = str(connection.settings_dict["NAME"])
    newer = sorted(set(connection.introspection.django_table_names(only_existing=True)) - set(tables))
    options = ["--clean", "--if-exists", "--no-owner"]
    if not newer:
        run_tool([restore_tool, *options, "--single-transaction", f"--dbname={name}", str(dump)])
        return
    psql = find_tool("psql")
    script, prelude = dump.with_suffix(".sql"), dump.with_suffix(".prelude.sql")
    run_tool([restore_tool, *options, f"--file={script}", str(dump)])
    quoted = ", ".join(connection.ops.quote_name(t) for t in newer)
    prelude.write_text(f"DROP TABLE IF EXISTS {quoted} CASCADE;\n")
    run_tool([psql, "--no-psqlrc", "--quiet", "--single-transaction", "--set=ON_ERROR_STOP=1",
              f"--dbname={name}", f"--file={prelude}", f"--file={script}"])  # fmt: skip


def _restore_portable(dump: Path) -> None:
    """Empty every model's table and load the JSON export, in one transaction."""
    try:
        with transaction.atomic():
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            call_command("loaddata", str(dump), verbosity=0)
    except Exception as e:  # whatever loaddata raises, the transaction was rolled back
        raise BackupError(_("The database restore failed, nothing was changed: %(error)s") % {"error": e}) from e


def _swap_media(unpacked: Unpacked, stamp: str) -> Path | None:
    """Put the archive's media in place of MEDIA_ROOT; return where the previous folder now is."""
    media = media_root()
    if media is None or not unpacked.manifest["media"].get("included"):
        return None
    new = unpacked.staging / "media"
    new.mkdir(exist_ok=True)
    previous = media.with_name(f"{media.name}.before-restore-{stamp}")
    if media.exists():
        os.rename(media, previous)
    try:
        os.rename(new, media)
    except OSError:
        if previous.exists():
            os.rename(previous, media)
        raise
    return previous


def restore(unpacked: Unpacked, *, after_database: Callable[[], list[str]] | None = None) -> Summary:
    """Replace the database, then the media files, by the archive's; then `after_database()` (e.g.
    `migrate` when the code is newer than the archive); then write an audit event."""
    if connection.in_atomic_block:
        raise BackupError(_("A restore cannot run inside a transaction."))
    stamp = f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
    dump = unpacked.staging / unpacked.manifest["database"]
    try:
        if unpacked.manifest.get("portable"):
            _restore_portable(dump)
        elif unpacked.manifest["engine"] == "sqlite":
            _restore_sqlite(dump)
        else:
            _restore_postgresql(dump, unpacked.manifest["tables"])
    except sqlite3.Error as e:
        raise BackupError(_("The database restore failed, nothing was changed: %(error)s") % {"error": e}) from e
    connection.close()  # the next query sees the restored database afresh
    try:
        previous = _swap_media(unpacked, stamp)
    except OSError as e:
        unpacked.keep = True
        raise BackupError(
            _(
                "The database was restored but the media files could not be put in place (%(error)s): "
                "the previous ones are still in %(media)s; the backup's are in %(staging)s."
            )
            % {"error": e, "media": settings.MEDIA_ROOT, "staging": unpacked.staging}
        ) from e
    if previous is not None:  # the restore has succeeded
        shutil.rmtree(previous, ignore_errors=True)
    unpacked.cleanup()
    summary = unpacked.summary
    try:
        summary.notes = after_database() if after_database is not None else []
    except Exception as e:
        raise BackupError(
            _(
                "The backup was restored, but bringing its database up to date failed (%(error)s): "
                "run `manage.py migrate`."
            )
            % {"error": e}
        ) from e
    with transaction.atomic():
        audit_record(actor=None, action="system.restore", details=audit_details(summary))
    return summary
