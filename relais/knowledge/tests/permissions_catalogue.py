"""Permission matrix entries of the catalogue: public pages, reachable by anyone."""

from typing import Any

from tests.matrix import Page

PAGES: dict[str, Page] = {
    "knowledge:index": Page(public=True),
}


def context(ctx: dict[str, Any]) -> None:
    pass
