"""The sessions' operations in the API's permission matrix: as the sessions pages
(relais/delivery/tests/permissions_sessions.py). The objects are the pages' (ctx["sessions_al"], the
Albanian session trained by `trainer`, and its design ctx["sessions_design"])."""

from typing import Any

from relais.api.tests.operations import Op
from relais.delivery.tests.permissions_sessions import CREATES, MANAGES_AL, SEES_AL


def _session(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"session_id": ctx["sessions_al"].pk}


def _new_session(ctx: dict[str, Any]) -> dict[str, Any]:
    return {
        "design_id": ctx["sessions_design"].pk,
        "country": "AL",
        "city": "Shkodër",
        "start_date": "2026-06-01",
        "end_date": "2026-06-02",
    }


OPERATIONS = {
    "GET /sessions": Op(may=SEES_AL, listed=lambda ctx: ctx["sessions_al"].pk),
    # coordinator_it may create sessions, in Italy only: this body (Albania) is refused at "country" (422).
    "POST /sessions": Op(may=CREATES, body=_new_session, ok=frozenset({201, 422})),
    "GET /sessions/{session_id}": Op(params=_session, may=SEES_AL),
    "PATCH /sessions/{session_id}": Op(params=_session, may=MANAGES_AL, body=lambda ctx: {"city": "Durrës"}),
    "POST /sessions/{session_id}/cancel": Op(
        params=_session, may=MANAGES_AL, body=lambda ctx: {"reason": "The venue closed."}
    ),
}
