"""Give every rule of the design model its settings row: `manage.py sync_design_rules`.

Run it after deploying a version that adds or changes rules. Rows that exist are left as
administrators set them (the check fills a threshold key a rule gained later with its default); then
every design is re-checked, so the scores stored on designs follow the rules of the code.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from relais.design.checker import designs_check_refresh
from relais.design.rule_services import rule_settings_sync


class Command(BaseCommand):
    help = (
        "Create the settings rows of design rules that have none yet (existing rows are kept), then re-check designs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-recheck", action="store_true", help="Do not re-check the stored designs.")

    def handle(self, *args: Any, **options: Any) -> None:
        created = rule_settings_sync()
        if created:
            self.stdout.write(f"Created the settings of {len(created)} design rule(s): {', '.join(created)}.")
        else:
            self.stdout.write("Every design rule already has its settings.")
        if not options["no_recheck"]:
            changed = designs_check_refresh()
            self.stdout.write(f"Re-checked the designs: {changed} stored result(s) changed.")
