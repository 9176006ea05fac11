"""The agenda downloads in the permission matrix (tests/matrix.py): to be merged by the lead into
relais/design/tests/permissions.py. Whoever may see the design may download its agenda: the
administrators and everyone in its programme but viewers (donors, partners)."""

from __future__ import annotations

from typing import Any

from relais.design.tests.factories import make_complete_design
from tests.matrix import PROGRAMME_STAFF, Page

PAGES = {
    "design:agenda_pdf": Page(kwargs=lambda ctx: {"pk": ctx["design"].pk}, may=PROGRAMME_STAFF),
    "design:agenda_docx": Page(kwargs=lambda ctx: {"pk": ctx["design"].pk}, may=PROGRAMME_STAFF),
}


def context(ctx: dict[str, Any]) -> None:
    if "design" not in ctx:
        ctx["design"] = make_complete_design(programme=ctx["programme"])
