"""python manage.py import_answers FILE --questionnaire ID [--commit] [--user EMAIL] [--language fr]

Without --commit, a dry run: prints every problem as "row R, column C: reason" (as the import page
lists them) and what importing would do, and writes nothing. With --commit, records every response
or none (exit status 1 on problems). The file is the questionnaire's template filled in (XLSX), or
the same columns as CSV.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from relais.core.import_command import ImportCommandMixin
from relais.delivery.import_files import MAX_BYTES
from relais.evaluation.models import Questionnaire
from relais.evaluation.services_import import AnswersRefused, answers_check, answers_import


class Command(ImportCommandMixin, BaseCommand):
    help = "Check a sheet of paper answers (the questionnaire's template, filled in), and import it with --commit."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the XLSX (or CSV) file")
        parser.add_argument("--questionnaire", type=int, required=True, help="the id of the questionnaire")
        parser.add_argument("--commit", action="store_true", help="write (without it: a dry run)")
        parser.add_argument("--user", help="e-mail of the account recorded as the importer in the audit log")
        parser.add_argument("--language", default="en", choices=["en", "fr"], help="language of the messages")

    def handle(self, *args: Any, **options: Any) -> None:
        translation.activate(options["language"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        if path.stat().st_size > MAX_BYTES:
            raise CommandError(_("The file is too large: at most %(mb)s MB.") % {"mb": MAX_BYTES // 1024 // 1024})
        try:
            questionnaire = Questionnaire.objects.select_related("session", "programme").get(
                pk=options["questionnaire"]
            )
        except Questionnaire.DoesNotExist:
            raise CommandError(_("No questionnaire with the id %(id)s.") % {"id": options["questionnaire"]}) from None
        actor = self._actor(options["user"])
        data = path.read_bytes()
        checked, previous = answers_check(questionnaire=questionnaire, data=data)
        if previous is not None:
            self.stdout.write(_("This file was imported before: importing it again changes nothing."))
        self._refuse_if(checked.problems)
        summary = _("%(rows)s rows with answers: %(create)s responses to record, %(unchanged)s already recorded.")
        self.stdout.write(
            summary % {"rows": len(checked.rows), "create": len(checked.to_create), "unchanged": len(checked.unchanged)}
        )
        if checked.blank:
            self.stdout.write(_("%(n)s rows without answers skipped.") % {"n": checked.blank})
        if not options["commit"]:
            self.stdout.write(_("Dry run: nothing written. Run again with --commit to import."))
            return
        try:
            outcome = answers_import(actor=actor, questionnaire=questionnaire, data=data, filename=path.name)
        except AnswersRefused as exc:  # the answers changed since the check
            self._refuse_if(exc.problems)
            return
        done = _("%(created)s responses imported, %(unchanged)s already there.")
        self.stdout.write(self.style.SUCCESS(done % {"created": outcome.created, "unchanged": outcome.unchanged}))
