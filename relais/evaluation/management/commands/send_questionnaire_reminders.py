"""python manage.py send_questionnaire_reminders --base-url https://relais.example.org

For a daily cron job: e-mails a reminder to every participant who was sent a personal link to an
open questionnaire at least a day ago and has not answered, at most once every 24 hours per link
(the same rule as the "Send reminders" button). The links in the messages start with --base-url,
or the RELAIS_BASE_URL environment variable (docs/deploy.md).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from relais.evaluation.services_invitations import reminders_send_due


class Command(BaseCommand):
    help = "Send the due reminders of the open questionnaires' personal links (run once a day)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--base-url", help="the site's address, e.g. https://relais.example.org")

    def handle(self, *args: Any, **options: Any) -> None:
        base_url = (options.get("base_url") or settings.RELAIS_BASE_URL).rstrip("/")
        if not base_url.startswith(("http://", "https://")):
            raise CommandError("Give the site's address with --base-url https://… (or set RELAIS_BASE_URL).")
        sent = reminders_send_due(base_url=base_url)
        total = sum(sent.values())
        self.stdout.write(f"{total} reminder(s) sent for {len(sent)} questionnaire(s).")
