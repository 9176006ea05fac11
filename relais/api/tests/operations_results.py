"""Results in the API's permission matrix, as the results pages (relais/evaluation/tests/
permissions_results.py): a session's results for whoever sees the session (not viewers: aggregates
only, not the coordinator of another country); a programme's results for everyone in the programme."""

from __future__ import annotations

from relais.api.tests.operations import ALL, Op

SESSION_READERS = frozenset({"admin", "manager", "coordinator_al", "trainer", "me_officer"})
PROGRAMME_MEMBERS = ALL - {"outsider"}

OPERATIONS = {
    "GET /sessions/{session_id}/results": Op(
        params=lambda ctx: {"session_id": ctx["results_session"].pk}, may=SESSION_READERS
    ),
    "GET /programmes/{programme_id}/results": Op(
        params=lambda ctx: {"programme_id": ctx["programme"].pk}, may=PROGRAMME_MEMBERS
    ),
}
