from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from relais.core.demo import DEMO_PASSWORD, DemoContext, demo_steps


class Command(BaseCommand):
    help = "Build the fictional demo programme, with its accounts, when the database holds no programme yet."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Seed even with DEBUG off (the demo accounts share one published password).",
        )
        parser.add_argument("--quiet-accounts", action="store_true", help="Do not print the demo accounts.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not (settings.DEBUG or settings.TESTING or options["allow_production"]):
            raise CommandError("Refusing to create demo accounts with DEBUG off; pass --allow-production.")
        from relais.programmes.models import Programme

        if Programme.objects.exists():
            self.stdout.write("The database already holds programmes: demo not loaded again.")
            return
        context = DemoContext()
        with transaction.atomic():
            for step in demo_steps():
                step.run(context)
        self.stdout.write(self.style.SUCCESS("Demo programme loaded (all data fictional)."))
        if not options["quiet_accounts"]:
            self.print_accounts(context)

    def print_accounts(self, context: DemoContext) -> None:
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for role, name, email in context.accounts:
            self.stdout.write(f"  {email:<42} {role} — {name}")
