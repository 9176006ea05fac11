"""Permission entries of the publications operations, copied from the pages' matrix
(relais/publications/tests/permissions_builds.py and permissions_kits.py):

- a build left with the team, its files and the list of builds: the programme's staff (not viewers);
- asking for a report or a kit: administrators, the programme's managers and M&E officers.

The objects are the pages' own: ctx["pub_team"] (a finished report build with a PDF, left with the
team) and ctx["kits_design"] (a complete design of the programme)."""

from __future__ import annotations

from typing import Any

from relais.api.tests.operations import Op
from tests.matrix import PROGRAMME_STAFF

BUILDERS = frozenset({"admin", "manager", "me_officer"})
CREATED = frozenset({201})


def _build(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"publication_id": ctx["pub_team"].pk}


OPERATIONS = {
    "GET /publications": Op(may=PROGRAMME_STAFF, listed=lambda ctx: ctx["pub_team"].pk),
    "GET /publications/{publication_id}": Op(params=_build, may=PROGRAMME_STAFF),
    "GET /publications/{publication_id}/download/{format}": Op(
        params=lambda ctx: {**_build(ctx), "format": "pdf"}, may=PROGRAMME_STAFF
    ),
    "POST /programmes/{programme_id}/publications": Op(
        params=lambda ctx: {"programme_id": ctx["programme"].pk},
        may=BUILDERS,
        body=lambda ctx: {"language": "en", "sections": ["programme", "reach"]},
        ok=CREATED,
    ),
    "POST /designs/{design_id}/kits": Op(
        params=lambda ctx: {"design_id": ctx["kits_design"].pk},
        may=BUILDERS,
        body=lambda ctx: {"language": "fr"},
        ok=CREATED,
    ),
}
