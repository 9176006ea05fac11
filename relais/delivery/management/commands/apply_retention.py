"""python manage.py apply_retention [--dry-run] [--programme CODE]

For a daily cron job (docs/deploy.md): anonymises every person whose retention period has ended
(docs/people.md, "Personal data: export, erasure, retention"), each in a transaction of their own,
with the reason "retention". Prints counts per programme, never a name.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from relais.delivery.services_retention import retention_apply
from relais.programmes.models import Programme


class Command(BaseCommand):
    help = "Anonymise the people whose programmes' retention periods have ended (run once a day)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count the people due, change nothing")
        parser.add_argument("--programme", metavar="CODE", help="only the people of this programme")

    def handle(self, *args: Any, **options: Any) -> None:
        programme = None
        if options.get("programme"):
            programme = Programme.objects.filter(code=options["programme"]).first()
            if programme is None:
                raise CommandError(f"No programme has the code {options['programme']!r}.")
        dry_run = bool(options.get("dry_run"))
        run = retention_apply(today=timezone.localdate(), programme=programme, dry_run=dry_run)
        for code, count in sorted(run.per_programme.items()):
            self.stdout.write(f"{code}: {count} person(s) due")
        if run.without_session:
            self.stdout.write(f"registered in no session: {run.without_session} person(s) due")
        if dry_run:
            self.stdout.write(f"Dry run: {run.due} person(s) would be anonymised; nothing was changed.")
            return
        self.stdout.write(f"{run.anonymised} person(s) anonymised, {run.failed} failed.")
        if run.failed:
            raise CommandError(f"{run.failed} person(s) could not be anonymised: see the log; they stay due.")
