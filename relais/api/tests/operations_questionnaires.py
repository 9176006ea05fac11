"""The questionnaire operations in the API's permission matrix: as the builder's pages
(relais/evaluation/tests/permissions_builder.py) — reading for whoever sees the session, changes for
whoever may evaluate it."""

from __future__ import annotations

from typing import Any

from relais.api.tests.operations import Op
from relais.evaluation.tests.permissions_builder import EVALUATORS, SEERS

CREATED = frozenset({201})


def _pre(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"questionnaire_id": ctx["b_pre"].pk}


OPERATIONS = {
    "GET /questionnaires": Op(may=SEERS, listed=lambda ctx: ctx["b_pre"].pk),
    "GET /questionnaires/{questionnaire_id}": Op(params=_pre, may=SEERS),
    "POST /sessions/{session_id}/questionnaires": Op(
        params=lambda ctx: {"session_id": ctx["b_session"].pk},
        may=EVALUATORS,
        body=lambda ctx: {"kind": "satisfaction"},
        ok=CREATED,
    ),
    "POST /questionnaires/{questionnaire_id}/status": Op(
        params=_pre, may=EVALUATORS, body=lambda ctx: {"action": "open"}
    ),
    "POST /questionnaires/{questionnaire_id}/items": Op(
        params=_pre,
        may=EVALUATORS,
        body=lambda ctx: {"type": "short_text", "text": "What did you expect?"},
        ok=CREATED,
    ),
}
