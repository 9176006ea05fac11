"""The delivery pages in the permission matrix: gathered from one module per area."""

from typing import Any

from relais.delivery.tests import (
    permissions_attendance,
    permissions_people,
    permissions_personal_data,
    permissions_registrations,
    permissions_sessions,
)

AREAS = [
    permissions_sessions,
    permissions_people,
    permissions_personal_data,
    permissions_registrations,
    permissions_attendance,
]

PAGES = {name: page for area in AREAS for name, page in area.PAGES.items()}


def context(ctx: dict[str, Any]) -> None:
    for area in AREAS:
        area.context(ctx)
