"""The demo programme is built in steps that each app registers (in AppConfig.ready()).

Each step receives the shared DemoContext, reads what earlier steps made and adds its own part.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

DEMO_PASSWORD = "relais-demo"  # noqa: S105 - fictional accounts of the local demo only
DEMO_DOMAIN = "demo.relais.example"


@dataclass
class DemoContext:
    objects: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DemoStep:
    key: str
    order: int
    run: Callable[[DemoContext], None]
    # Whether the database already holds this step's data (the demo is then not loaded again).
    is_loaded: Callable[[], bool] = field(default=lambda: False)


_steps: dict[str, DemoStep] = {}


def register_demo_step(step: DemoStep) -> None:
    _steps[step.key] = step


def demo_steps() -> list[DemoStep]:
    return sorted(_steps.values(), key=lambda s: s.order)


def demo_loaded() -> bool:
    return any(step.is_loaded() for step in _steps.values())
