"""The designs' operations in the API's permission matrix: as the design pages (relais/design/tests/permissions.py)."""

from typing import Any

from relais.api.tests.operations import Op
from relais.design.tests.permissions import DESIGN_READERS


def _design(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"design_id": ctx["design"].pk}


OPERATIONS = {
    # The Designs page answers everyone; only the programme's staff find the programme's designs in it.
    "GET /designs": Op(may=DESIGN_READERS, listed=lambda ctx: ctx["design"].pk),
    "GET /designs/{design_id}": Op(params=_design, may=DESIGN_READERS),
    "GET /designs/{design_id}/check": Op(params=_design, may=DESIGN_READERS),
}
