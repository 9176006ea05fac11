from typing import Any

from django.core.management.base import BaseCommand

from relais.core import reference_data
from relais.core.models import Country, Language, Profession, Theme


class Command(BaseCommand):
    help = "Add missing reference data (countries, languages, professions, themes). Safe to repeat."

    def handle(self, *args: Any, **options: Any) -> None:
        created = reference_data.load(Country=Country, Profession=Profession, Theme=Theme, Language=Language)
        for label, n in created.items():
            self.stdout.write(f"{label}: {n} added")
