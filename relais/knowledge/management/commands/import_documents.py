"""python manage.py import_documents SHEET --files DIR_OR_ZIP [--commit] [--user EMAIL] [--encoding cp1252]

Without --commit, a dry run: prints every problem as "row R, column C: message (“value”)" and what
importing would do (documents created, updated, unchanged), and writes nothing. With --commit,
imports every row or none. Exit status 1 when there are problems (warnings alone do not count).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from relais.core.import_command import ImportCommandMixin
from relais.knowledge.import_documents import ImportRefused, documents_check, documents_import
from relais.knowledge.import_documents_files import FileSource, FilesRefused, open_files
from relais.knowledge.import_documents_read import ENCODINGS, SHEET_MAX_BYTES


class Command(ImportCommandMixin, BaseCommand):
    help = "Check a catalogue (a metadata sheet and a folder or ZIP of files), and import it with --commit."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("sheet", help="the metadata sheet (XLSX or CSV), one row per document")
        parser.add_argument("--files", help="the folder or ZIP file holding the files the sheet names")
        parser.add_argument("--commit", action="store_true", help="write (without it: a dry run)")
        parser.add_argument("--encoding", choices=sorted(ENCODINGS), help="the character set of a CSV sheet")
        parser.add_argument("--user", help="e-mail of the account recorded as the importer in the audit log")
        parser.add_argument("--language", default="en", choices=["en", "fr"], help="language of the messages")

    def handle(self, *args: Any, **options: Any) -> None:
        translation.activate(options["language"])
        path = Path(options["sheet"])
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        if path.stat().st_size > SHEET_MAX_BYTES:
            raise CommandError(
                _("The sheet is too large: at most %(mb)s MB.") % {"mb": SHEET_MAX_BYTES // 1024 // 1024}
            )
        actor = self._actor(options["user"])
        sheet = path.read_bytes()
        files: FileSource | None = None
        if options["files"]:
            try:
                files = open_files(options["files"])
            except FilesRefused as exc:
                raise CommandError(exc.message) from None
        try:
            self._run(sheet, path.name, files, options, actor)
        finally:
            if files is not None:
                files.close()

    def _run(self, sheet: bytes, name: str, files: FileSource | None, options: dict[str, Any], actor: Any) -> None:
        checked = documents_check(sheet=sheet, files=files, encoding=options["encoding"])
        for problem in checked.warnings:
            self.stdout.write(str(problem))
        self._refuse_if(checked.errors)
        summary = _(
            "%(rows)s documents: %(create)s to create, %(update)s to update, %(unchanged)s unchanged; "
            "%(files)s files to add."
        )
        self.stdout.write(
            summary
            % {
                "rows": len(checked.rows),
                "create": checked.to_create,
                "update": checked.to_update,
                "unchanged": checked.unchanged,
                "files": checked.files_to_add,
            }
        )
        if not options["commit"]:
            self.stdout.write(_("Dry run: nothing written. Run again with --commit to import."))
            return
        try:
            outcome = documents_import(
                actor=actor, sheet=sheet, sheet_name=name, files=files, encoding=options["encoding"]
            )
        except ImportRefused as exc:  # the catalogue or the files changed since the check
            self._refuse_if(exc.problems)
            return
        done = _(
            "Imported: %(created)s documents added, %(updated)s updated, %(unchanged)s unchanged; "
            "%(files)s files added; new collections: %(collections)s."
        )
        values = {
            "created": outcome.created,
            "updated": outcome.updated,
            "unchanged": outcome.unchanged,
            "files": outcome.files_added,
            "collections": outcome.collections_created,
        }
        self.stdout.write(self.style.SUCCESS(done % values))
