"""Permission matrix entries of the item library (merged into permissions.py). The objects come from
permissions_builder.context (the builder's world, which runs first).

- The library: administrators and everyone with a staff role in a programme (not viewers, not outsiders).
- Removing a programme's library item: administrators and that programme's managers.
- Marking an item standard: administrators only.
- Picking library questions for a questionnaire, saving a question to the library: whoever may
  evaluate the questionnaire's session.
"""

from __future__ import annotations

from typing import Any

from tests.matrix import ADMIN, PROGRAMME_MANAGERS, PROGRAMME_STAFF, Page

EVALUATORS = frozenset({"admin", "manager", "coordinator_al", "trainer"})
POSTED = frozenset({200, 302})


def context(ctx: dict[str, Any]) -> None:
    pass  # permissions_builder.context builds the world


def _library_item(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"pk": ctx["b_library"]["pre"].pk}


def _q(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"pk": ctx["b_pre"].pk}


PAGES: dict[str, Page] = {
    "evaluation:library": Page(may=PROGRAMME_STAFF),
    "evaluation:library_delete": Page(kwargs=_library_item, may=PROGRAMME_MANAGERS, method="post", ok=POSTED),
    "evaluation:library_standard": Page(
        kwargs=_library_item, may=ADMIN, method="post", data=lambda ctx: {"standard": "1"}, ok=POSTED
    ),
    "evaluation:questionnaire_library": Page(kwargs=_q, may=EVALUATORS),
    "evaluation:library_add": Page(
        kwargs=_q,
        may=EVALUATORS,
        method="post",
        data=lambda ctx: {"library_item": [ctx["b_library"]["pre"].pk]},
        ok=POSTED,
    ),
    "evaluation:item_to_library": Page(
        kwargs=lambda ctx: {"pk": ctx["b_pre"].pk, "item_pk": ctx["b_item"].pk}, may=EVALUATORS, method="post"
    ),
}
