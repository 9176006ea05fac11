"""The publications pages in the permission matrix: gathered from one module per area."""

from typing import Any

from relais.publications.tests import permissions_builds, permissions_dashboard, permissions_kits, permissions_public

AREAS = [permissions_builds, permissions_dashboard, permissions_kits, permissions_public]

PAGES = {name: page for area in AREAS for name, page in area.PAGES.items()}


def context(ctx: dict[str, Any]) -> None:
    for area in AREAS:
        area.context(ctx)
