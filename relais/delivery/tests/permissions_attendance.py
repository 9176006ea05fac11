"""Permission matrix entries of the attendance pages (merged into permissions.py)."""

from typing import Any

from tests.matrix import Page

PAGES: dict[str, Page] = {}


def context(ctx: dict[str, Any]) -> None:
    """Adds the objects the attendance pages need to the shared context."""
