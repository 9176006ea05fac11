from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from relais.core.demo import DEMO_DOMAIN, DEMO_PASSWORD, DemoContext, demo_loaded, demo_steps


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
        if demo_loaded():
            self.stdout.write("The database already holds data: the demo is not loaded again.")
        else:
            context = DemoContext()
            with transaction.atomic():
                for step in demo_steps():
                    step.run(context)
            self.stdout.write(self.style.SUCCESS("Demo programme loaded (all data fictional)."))
        if not options["quiet_accounts"]:
            self.print_accounts()

    def print_accounts(self) -> None:
        """The demo accounts still active in the database (a second run lists them too)."""
        accounts = get_user_model().objects.filter(email__endswith=f"@{DEMO_DOMAIN}", is_active=True)
        if not accounts.exists():
            return
        self.stdout.write(f"Demo accounts (password for all, unless changed: {DEMO_PASSWORD}):")
        for user in accounts.order_by("-is_superuser", "email"):
            role = "administrator" if user.is_superuser else ""
            self.stdout.write(f"  {user.email:<42} {user.get_full_name()} {role}".rstrip())
