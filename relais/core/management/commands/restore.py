"""python manage.py restore ARCHIVE [--no-input]

Replace the database and the media files by those of a backup made with `manage.py backup`
(see relais.core.backup_restore). Stop the web processes and the task worker first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

from relais.core import backup, backup_restore
from relais.core.management.commands.backup import summary_lines


class Command(BaseCommand):
    help = "Restore the database and the media files from an archive made by `manage.py backup`."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="the relais-backup-….tar.gz file")
        parser.add_argument(
            "--no-input", "--noinput", action="store_false", dest="interactive", help="do not ask to confirm"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            unpacked = backup_restore.unpack(Path(options["archive"]))
        except backup.BackupError as e:
            raise CommandError(str(e)) from e
        try:
            self.stdout.write(summary_lines(unpacked.summary))
            if options["interactive"] and not self._confirmed():
                raise CommandError(_("Restore cancelled; nothing was changed."))
            summary = backup_restore.restore(unpacked, after_database=lambda: self._migrate(unpacked.manifest))
        except backup.BackupError as e:
            raise CommandError(str(e)) from e
        finally:
            unpacked.cleanup()
        self.stdout.write(self.style.SUCCESS(_("Backup restored: %(path)s") % {"path": summary.path}))
        for note in summary.notes:
            self.stdout.write(note)
        self._reindex()

    def _confirmed(self) -> bool:
        question = _(
            "This replaces ALL the data of this site (the database %(database)s and the media files) by the "
            "backup's. Type 'yes' to continue: "
        ) % {"database": connection.settings_dict["NAME"]}
        return input(question).strip().lower() in {"yes", _("yes")}

    def _migrate(self, manifest: dict[str, Any]) -> list[str]:
        """When this code is newer than the backup, bring the restored database up to date."""
        known = {f"{app}.{name}" for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations}
        if known <= set(manifest["migrations"]):
            return []
        call_command("migrate", interactive=False, verbosity=0)
        return [_("The backup predates this version of Relais: its database was migrated.")]

    def _reindex(self) -> None:
        """The search index is a replica of the database: rebuild it from the restored one."""
        if "search_reindex" not in get_commands():
            return
        try:
            call_command("search_reindex", stdout=self.stdout)
        except Exception as e:
            self.stderr.write(
                _("The search index could not be rebuilt (%(error)s): run `manage.py search_reindex`.") % {"error": e}
            )
