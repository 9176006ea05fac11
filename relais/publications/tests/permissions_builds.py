"""Permission matrix entries: report builds."""

from typing import Any

from tests.matrix import PROGRAMME_MEMBERS, Page

PAGES: dict[str, Page] = {
    "publications:index": Page(may=PROGRAMME_MEMBERS | {"outsider"}),
}


def context(ctx: dict[str, Any]) -> None:
    pass
