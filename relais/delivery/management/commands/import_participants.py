"""python manage.py import_participants FILE --session ID [--commit] [--encoding cp1250] [--user EMAIL]

Without --commit, a dry run: prints every problem as "row R, column C: reason" and what importing
would do, and writes nothing. With --commit, imports every row or none (exit status 1 on problems).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from relais.core.import_command import ImportCommandMixin
from relais.delivery.import_files import ENCODINGS, MAX_BYTES
from relais.delivery.models import Session
from relais.delivery.services_registrations import ImportRefused, participants_check, participants_import


class Command(ImportCommandMixin, BaseCommand):
    help = "Check a participant list (XLSX or CSV) against a session, and import it with --commit."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the XLSX or CSV file")
        parser.add_argument("--session", type=int, required=True, help="the id of the session")
        parser.add_argument("--commit", action="store_true", help="write (without it: a dry run)")
        parser.add_argument("--encoding", choices=sorted(ENCODINGS), help="the character set of a CSV file")
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
            session = Session.objects.select_related("country").get(pk=options["session"])
        except Session.DoesNotExist:
            raise CommandError(_("No session with the id %(id)s.") % {"id": options["session"]}) from None
        actor = self._actor(options["user"])
        data = path.read_bytes()
        checked, plan = participants_check(session=session, data=data, encoding=options["encoding"])
        self._refuse_if(checked.problems)
        assert plan is not None
        summary = _(
            "%(rows)s rows: %(add)s to register (%(new)s new people, %(known)s already known), "
            "%(already)s already registered, %(waiting)s to the waiting list."
        )
        values = {"rows": len(checked.rows), "add": plan.to_add, "new": len(plan.new), "known": len(plan.matched)}
        self.stdout.write(summary % {**values, "already": len(plan.already), "waiting": plan.waiting})
        if not options["commit"]:
            self.stdout.write(_("Dry run: nothing written. Run again with --commit to import."))
            return
        try:
            outcome = participants_import(
                actor=actor, session=session, data=data, filename=path.name, encoding=options["encoding"]
            )
        except ImportRefused as exc:  # the session changed since the check
            self._refuse_if(exc.problems)
            return
        done = _("%(added)s added, %(already)s already there (%(new)s new people, %(known)s already known).")
        self.stdout.write(
            self.style.SUCCESS(
                done
                % {
                    "added": outcome.added,
                    "already": outcome.already,
                    "new": outcome.people_created,
                    "known": outcome.people_matched,
                }
            )
        )
