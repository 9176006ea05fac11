"""What higher apps hold about a person, plugged into the export and the anonymisation of delivery.

Delivery knows nothing of the apps above it (evaluation: questionnaire responses, personal links,
the cooperation network), so they register here, once, in AppConfig.ready():

- an export section: `build(person) -> Section | None`, what the app holds about the person, as
  plain JSON-able data plus the rows the PDF prints;
- an anonymisation hook: `hook(person) -> Erased`, called inside person_anonymise's transaction
  before the names are cleared: it removes or invalidates what identifies the person (personal
  links), says how many rows it touched and which audit objects name the person (their
  object_repr is rewritten with the others).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise

from relais.delivery.models import Person


@dataclass(frozen=True)
class Section:
    """One part of a person's data: `data` goes into person.json under `key`; `records` are what the
    PDF prints under `title`, each a list of (label, value) pairs."""

    key: str
    title: str | Promise
    data: Any
    records: list[list[tuple[str | Promise, str]]] = field(default_factory=list)


@dataclass(frozen=True)
class Erased:
    """What an anonymisation hook did: counts for the audit event, and the audit objects
    (object_type, ids) whose description names the person."""

    counts: dict[str, int] = field(default_factory=dict)
    audit_objects: list[tuple[str, list[str]]] = field(default_factory=list)


ExportSection = Callable[[Person], Section | None]
AnonymiseHook = Callable[[Person], Erased]

_sections: dict[str, ExportSection] = {}
_hooks: dict[str, AnonymiseHook] = {}


def register_export_section(key: str, build: ExportSection) -> None:
    _sections[key] = build


def export_sections() -> list[ExportSection]:
    return [_sections[key] for key in sorted(_sections)]


def register_anonymise_hook(key: str, hook: AnonymiseHook) -> None:
    _hooks[key] = hook


def anonymise_hooks() -> list[AnonymiseHook]:
    return [_hooks[key] for key in sorted(_hooks)]
