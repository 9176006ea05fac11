"""Permission matrix entries of the sessions pages (merged into permissions.py)."""

from typing import Any

from tests.matrix import Page

PAGES: dict[str, Page] = {}


def context(ctx: dict[str, Any]) -> None:
    """Adds the objects the sessions pages need to the shared context."""
