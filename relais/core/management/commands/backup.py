"""python manage.py backup [--output DIR | --file PATH] [--portable]

One archive of the database and the media files (see relais.core.backup and docs/deploy.md,
"Backup and restore"); safe while the site runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from relais.core import backup


class Command(BaseCommand):
    help = "Back up the database and the media files into one archive (relais-backup-<UTC time>.tar.gz)."

    def add_arguments(self, parser: CommandParser) -> None:
        where = parser.add_mutually_exclusive_group()
        where.add_argument("--output", metavar="DIR", help="folder of the archive (default: RELAIS_BACKUP_DIR)")
        where.add_argument("--file", metavar="PATH", help="the archive's exact path")
        parser.add_argument(
            "--portable",
            action="store_true",
            help="the database as JSON (dumpdata), to restore on another engine; slower, for small sites",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = backup.create_backup(
                output_dir=Path(options["output"]) if options.get("output") else None,
                file=Path(options["file"]) if options.get("file") else None,
                portable=options["portable"],
            )
        except backup.BackupError as e:
            raise CommandError(str(e)) from e
        self.stdout.write(self.style.SUCCESS(_("Backup written: %(path)s") % {"path": summary.path}))
        self.stdout.write(summary_lines(summary))


def summary_lines(summary: backup.Summary) -> str:
    manifest = summary.manifest
    media = manifest["media"]
    lines = [
        _("Size: %(size)s") % {"size": filesizeformat(summary.size)},
        (
            _("Database: %(engine)s (portable JSON), %(tables)d tables, %(rows)d rows")
            if manifest.get("portable")
            else _("Database: %(engine)s, %(tables)d tables, %(rows)d rows")
        )
        % {"engine": backup.ENGINE_NAMES[manifest["engine"]], "tables": summary.tables, "rows": summary.rows},
        _("Media files: %(files)d") % {"files": summary.files}
        if media.get("included")
        else _("Media files: not included (they are not on local disk)"),
        _("Made at %(time)s by Relais %(version)s")
        % {"time": manifest["created_at"], "version": manifest.get("relais_version") or "?"},
    ]
    return "\n".join(lines)
