"""Permission matrix entries: dashboard."""

from typing import Any

from tests.matrix import Page

PAGES: dict[str, Page] = {}


def context(ctx: dict[str, Any]) -> None:
    pass
