"""Permission matrix entries of a person's data (merged into permissions.py): export and erasure
for those who may edit the person (the Albanian of permissions_people), the retention preview for
the programme's managers. The erasure is tried with GET (its confirmation page): a POST would erase
the shared record."""

from typing import Any

from relais.delivery.tests.permissions_people import EDITS_PERSON_AL
from tests.matrix import PROGRAMME_MANAGERS, Page


def _person(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"pk": ctx["people_al"].pk}


PAGES: dict[str, Page] = {
    "delivery:person_data_export": Page(kwargs=_person, may=EDITS_PERSON_AL),
    "delivery:person_anonymise": Page(kwargs=_person, may=EDITS_PERSON_AL),
    "delivery:programme_retention": Page(kwargs=lambda ctx: {"pk": ctx["programme"].pk}, may=PROGRAMME_MANAGERS),
}


def context(ctx: dict[str, Any]) -> None:
    """Uses the people of permissions_people."""
