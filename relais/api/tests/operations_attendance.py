"""The attendance operations in the API's permission matrix: as the attendance page
(relais/delivery/tests/permissions_attendance.py), whoever may record the session's attendance."""

from __future__ import annotations

from typing import Any

from relais.api.tests.operations import Op
from relais.delivery.tests.permissions_attendance import FIRST_DAY, RECORDERS


def _session(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"session_id": ctx["att_session"].pk}


def _marks(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"marks": [{"registration_id": ctx["att_registration"].pk, "day": FIRST_DAY.isoformat(), "present": True}]}


OPERATIONS = {
    "GET /sessions/{session_id}/attendance": Op(params=_session, may=RECORDERS),
    "PUT /sessions/{session_id}/attendance": Op(params=_session, may=RECORDERS, body=_marks),
}
