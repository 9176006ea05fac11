"""Permission matrix entries of the participants' pages (public, by unguessable token)."""

from __future__ import annotations

from typing import Any

from relais.delivery.tests.factories import make_session
from relais.design.tests.factories import make_complete_design
from relais.evaluation.tokens import session_entry_token
from tests.matrix import Page

PAGES: dict[str, Page] = {
    "evaluation:entry": Page(kwargs=lambda ctx: {"token": ctx["entry_token"]}, public=True),
}


def context(ctx: dict[str, Any]) -> None:
    design = make_complete_design(programme=ctx["programme"], title="Entry page design")
    ctx["entry_session"] = make_session(design=design, country="AL", title="Entry page session")
    ctx["entry_token"] = session_entry_token(ctx["entry_session"])
