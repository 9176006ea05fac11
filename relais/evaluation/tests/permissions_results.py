"""Permission matrix entries of the evaluation results pages."""

from __future__ import annotations

from typing import Any

from tests.matrix import ALL, Page

PAGES: dict[str, Page] = {
    "evaluation:index": Page(may=ALL),
}


def context(ctx: dict[str, Any]) -> None:
    pass
