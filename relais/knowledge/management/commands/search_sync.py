"""python manage.py search_sync [--prune DAYS]

Apply the search change log to this machine's index now (searches and writes do it anyway; a cron
job keeps an idle machine current). With --prune DAYS, also delete the log's rows older than DAYS
(never the latest): a replica stopped for longer than that rebuilds when it restarts.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from relais.knowledge.search import replica


class Command(BaseCommand):
    help = "Apply the search change log now; optionally prune its old rows."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--prune", type=float, metavar="DAYS", help="delete applied rows older than DAYS")

    def handle(self, *args: Any, **options: Any) -> None:
        applied = replica.apply_changes()
        self.stdout.write(f"{applied} change(s) applied.")
        days = options.get("prune")
        if days is not None:
            if days < 0:
                raise CommandError("--prune: give a number of days, 0 or more.")
            deleted = replica.prune_changes(days)
            self.stdout.write(f"{deleted} change-log row(s) older than {days:g} day(s) deleted.")
