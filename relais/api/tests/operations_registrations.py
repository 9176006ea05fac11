"""Registrations in the API's permission matrix: the rules of the Participants page
(relais/delivery/tests/permissions_registrations.py), on the Albanian session of that module."""

from typing import Any

from relais.api.tests.operations import Op
from relais.delivery.tests.permissions_registrations import MANAGES, SEES_LIST


def _registration(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"registration_id": ctx["registration"].pk}


OPERATIONS = {
    "GET /registrations": Op(may=SEES_LIST, listed=lambda ctx: ctx["registration"].pk),
    "GET /registrations/{registration_id}": Op(params=_registration, may=SEES_LIST),
    "POST /sessions/{session_id}/registrations": Op(
        params=lambda ctx: {"session_id": ctx["registrations_session"].pk},
        may=MANAGES,
        body=lambda ctx: {"person_id": ctx["registrations_newcomer"].pk},
        ok=frozenset({201}),
    ),
    "PATCH /registrations/{registration_id}": Op(
        params=_registration, may=MANAGES, body=lambda ctx: {"status": "withdrawn"}
    ),
    "DELETE /registrations/{registration_id}": Op(params=_registration, may=MANAGES, ok=frozenset({204})),
}
