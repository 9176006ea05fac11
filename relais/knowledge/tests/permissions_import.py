"""Permission matrix entries of the bulk import of a catalogue (merged into permissions.py).

Importing is managing the catalogue (scoping.may_manage): administrators and programme managers;
everyone else gets 404. The preview's files wait in their uploader's session: a token that is not
theirs is 404 for everyone.
"""

from __future__ import annotations

from typing import Any

from tests.matrix import PROGRAMME_MANAGERS, Page

PAGES: dict[str, Page] = {
    "knowledge:import": Page(may=PROGRAMME_MANAGERS),
    "knowledge:import_template": Page(may=PROGRAMME_MANAGERS),
    "knowledge:import_preview": Page(kwargs=lambda ctx: {"token": "not-a-token-of-theirs"}, may=frozenset()),
}


def context(ctx: dict[str, Any]) -> None:
    pass
