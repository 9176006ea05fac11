"""The evaluation pages in the permission matrix: gathered from one module per area."""

from typing import Any

from relais.evaluation.tests import (
    permissions_answer,
    permissions_builder,
    permissions_import,
    permissions_invitations,
    permissions_lessons,
    permissions_library,
    permissions_network,
    permissions_paper,
    permissions_results,
)

AREAS = [
    permissions_builder,
    permissions_library,
    permissions_answer,
    permissions_invitations,
    permissions_paper,
    permissions_import,
    permissions_results,
    permissions_network,
    permissions_lessons,
]

PAGES = {name: page for area in AREAS for name, page in area.PAGES.items()}


def context(ctx: dict[str, Any]) -> None:
    for area in AREAS:
        area.context(ctx)
