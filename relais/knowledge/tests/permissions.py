"""The knowledge centre's pages in the permission matrix: gathered from one module per area."""

from typing import Any

from relais.knowledge.tests import (
    permissions_catalogue,
    permissions_files,
    permissions_import,
    permissions_manage,
    permissions_pick,
)

AREAS = [permissions_catalogue, permissions_manage, permissions_files, permissions_import, permissions_pick]

PAGES = {name: page for area in AREAS for name, page in area.PAGES.items()}


def context(ctx: dict[str, Any]) -> None:
    for area in AREAS:
        area.context(ctx)
