"""Permission matrix entries of the evaluation pages of one area (builder)."""

from __future__ import annotations

from typing import Any

from tests.matrix import Page

PAGES: dict[str, Page] = {}


def context(ctx: dict[str, Any]) -> None:
    pass
