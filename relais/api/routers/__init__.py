"""The API's resources, one module each; mounted in relais.api.main."""

from __future__ import annotations

from typing import Any

from relais.api.routers import programmes

ROUTERS: list[tuple[str, Any]] = [
    ("", programmes.router),
]
