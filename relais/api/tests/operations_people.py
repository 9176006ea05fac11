"""People in the API's permission matrix: the rules of the people pages
(relais/delivery/tests/permissions_people.py), on the Albanian person of that module."""

from typing import Any

from relais.api.tests.operations import Op
from relais.delivery.tests.permissions_people import EDITS_PERSON_AL, RECORDS_PEOPLE, SEES_PERSON_AL


def _person(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"person_id": ctx["people_al"].pk}


OPERATIONS = {
    # The people list is READS_PEOPLE's (others 404); of them, coordinator_it does not find this person.
    "GET /people": Op(may=SEES_PERSON_AL, listed=lambda ctx: ctx["people_al"].pk),
    "GET /people/{person_id}": Op(params=_person, may=SEES_PERSON_AL),
    # coordinator_it may record people, of Italy only: 422 at country for this Albanian.
    "POST /people": Op(
        may=RECORDS_PEOPLE,
        body=lambda ctx: {"first_name": "Matrix", "last_name": "Newcomer", "country": "AL"},
        ok=frozenset({201, 422}),
    ),
    "PATCH /people/{person_id}": Op(params=_person, may=EDITS_PERSON_AL, body=lambda ctx: {"position": "Inspector"}),
}
