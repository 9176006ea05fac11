"""The API's resources, one module each; mounted in relais.api.main."""

from __future__ import annotations

from typing import Any

from relais.api.routers import (
    attendance,
    designs,
    documents,
    people,
    programmes,
    publications,
    questionnaires,
    registrations,
    responses,
    results,
    sessions,
)

ROUTERS: list[tuple[str, Any]] = [
    ("", programmes.router),
    ("", designs.router),
    ("", sessions.router),
    ("", people.router),
    ("", registrations.router),
    ("", attendance.router),
    ("", questionnaires.router),
    ("", responses.router),
    ("", results.router),
    ("", documents.router),
    ("", publications.router),
]
