"""Permission matrix entries of the personal links' pages: whoever may evaluate the session
(administrators, the programme's managers, the coordinators of its country, its trainers). The
page holds personal data, so M&E officers get 404 like everyone else."""

from __future__ import annotations

from typing import Any

from relais.evaluation.tests.permissions_answer import build_answer_world, invite
from tests.matrix import Page

EVALUATORS = frozenset({"admin", "manager", "coordinator_al", "trainer"})
POSTED = frozenset({302})


def context(ctx: dict[str, Any]) -> None:
    if "answer_world" not in ctx:
        ctx["answer_world"] = build_answer_world(ctx["programme"], ctx["trainer"])
    ctx["renew_invitation"] = invite(ctx["answer_world"]["pre"], ctx["answer_world"]["regs"]["besa"])


def _q(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"pk": ctx["answer_world"]["pre"].pk}


PAGES: dict[str, Page] = {
    "evaluation:invitations": Page(kwargs=_q, may=EVALUATORS, ok=frozenset({200})),
    "evaluation:invitations_create": Page(kwargs=_q, may=EVALUATORS, method="post", ok=POSTED),
    "evaluation:invitations_send": Page(kwargs=_q, may=EVALUATORS, method="post", ok=POSTED),
    "evaluation:invitations_remind": Page(kwargs=_q, may=EVALUATORS, method="post", ok=POSTED),
    "evaluation:invitation_renew": Page(
        kwargs=lambda ctx: {"pk": ctx["answer_world"]["pre"].pk, "invitation_pk": ctx["renew_invitation"].pk},
        may=EVALUATORS,
        method="post",
        ok=POSTED,
    ),
}
