"""Permission matrix entries of paper entry: whoever may evaluate the session (administrators, the
programme's managers, the coordinators of its country, its trainers); M&E officers and everyone
else get 404 (the page names participants and writes answers)."""

from __future__ import annotations

from typing import Any

from relais.evaluation.tests.permissions_answer import build_answer_world
from tests.matrix import Page

EVALUATORS = frozenset({"admin", "manager", "coordinator_al", "trainer"})


def context(ctx: dict[str, Any]) -> None:
    if "answer_world" not in ctx:
        ctx["answer_world"] = build_answer_world(ctx["programme"], ctx["trainer"])


PAGES: dict[str, Page] = {
    "evaluation:paper": Page(
        kwargs=lambda ctx: {"pk": ctx["answer_world"]["pre"].pk}, may=EVALUATORS, ok=frozenset({200})
    ),
}
