"""The content of a publication, as plain data: what every output (HTML preview, PDF, DOCX) renders.

`build_content(...)` (in content_build.py) reads the figures from the analytics of the lower apps;
the renderers only lay it out. Everything here is already translated into the publication's
language and already suppressed (a figure over fewer than 5 people is "fewer than 5"), so no
renderer needs the database. The canonical JSON of a Publication (`canonical_json`) is what
`content_hash` hashes: the same data and parameters give the same hash.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

# The sections a report may include, in their order. "summary" is the edited executive summary.
SECTIONS = (
    "summary",  # executive summary (text written by the user)
    "programme",  # the programme: objectives, period, donor, countries on the route, partners
    "reach",  # where and whom it trained: sessions by country, people by profession and gender, hours
    "learning",  # levels 1–2: satisfaction, knowledge gain by design, country, profession
    "change",  # level 3: use of learning after training, with examples
    "network",  # level 4: the cooperation network, cooperation events, indicators against targets
    "lessons",  # lessons learned (validated and applied)
    "replication",  # the design model and a summary of every design, how to replicate it
    "annex",  # annex tables: sessions, figures by session
)


@dataclass
class Figure:
    """A headline number: `value` as the language writes it ("54 %", "1 234", "fewer than 5")."""

    label: str
    value: str
    n: str = ""  # "n = 123" text, "" when not a figure over people
    note: str = ""


@dataclass
class Table:
    caption: str
    columns: list[str]
    rows: list[list[str]]
    numeric: list[bool] = field(default_factory=list)  # per column: right-aligned
    note: str = ""


@dataclass
class Chart:
    """A Vega-Lite specification (plain data) with its text alternative and its data as a table."""

    key: str
    title: str
    alt: str
    spec: dict[str, Any]
    table: Table


@dataclass
class Block:
    """Part of a section, in order: a heading (level 3), paragraphs, figures, a chart, a table."""

    heading: str = ""
    paragraphs: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    chart: Chart | None = None
    table: Table | None = None
    bullets: list[str] = field(default_factory=list)


@dataclass
class Section:
    key: str  # one of SECTIONS
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Publication:
    title: str
    subtitle: str
    language: str  # "en" or "fr"
    programme_title: str
    organisation: str  # who publishes (settings.RELAIS_PUBLISHER or the programme's donor line)
    period: str  # "January 2025 – November 2026"
    scope: str  # "45 sessions in 15 countries" or "12 chosen sessions"
    date: str  # the data's date as the language writes it (the build's date)
    sections: list[Section] = field(default_factory=list)
    small_n_note: str = ""  # the suppression rule, said once

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def canonical_json(publication: Publication) -> str:
    data = publication.as_dict()
    data.pop("date", None)  # the day of the build is not content
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def content_hash(publication: Publication) -> str:
    return hashlib.sha256(canonical_json(publication).encode("utf-8")).hexdigest()
