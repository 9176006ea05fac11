"""python manage.py search_reindex

Rebuild this machine's search index of the knowledge centre from the database, into a new
directory under RELAIS_SEARCH_DIR, then switch to it (searches go on against the old one meanwhile).
Run it on each machine that serves search, after restoring a backup, or when in doubt: the index is
a replica, never the source of truth.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from relais.knowledge.search import replica


class Command(BaseCommand):
    help = "Rebuild the knowledge centre's search index from the database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--heap", type=int, help="indexing memory in MB (default 400)")
        parser.add_argument("--threads", type=int, help="indexing threads (default: the CPUs, at most 4)")

    def handle(self, *args: Any, **options: Any) -> None:
        heap = options["heap"] * 1_000_000 if options.get("heap") else None
        stats = replica.rebuild(heap=heap, threads=options.get("threads"))
        applied = replica.apply_changes()
        self.stdout.write(
            f"Indexed {stats.documents} document(s) in {stats.seconds:.1f} s into {stats.directory}"
            f" (change log up to #{stats.marker}; {applied} change(s) made meanwhile applied)."
        )
