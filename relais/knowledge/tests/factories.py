"""Documents for tests."""

from __future__ import annotations

import itertools
from typing import Any

from relais.knowledge.models import Access, Document, DocumentKind

_seq = itertools.count(1)


def make_document(**fields: Any) -> Document:
    """A document written straight to the database (no audit, no search change: call
    `relais.knowledge.services.search_changed(doc.pk)` or use the services when search matters)."""
    themes = fields.pop("themes", [])
    countries = fields.pop("countries", [])
    audiences = fields.pop("audiences", [])
    n = next(_seq)
    values: dict[str, Any] = {
        "kind": DocumentKind.GUIDELINE,
        "title": f"Guideline on labour inspection {n}",
        "abstract": "<p>How labour inspectors detect trafficking for labour exploitation.</p>",
        "language": "en",
        "languages": ["en"],
        "authors": ["Ana Marković"],
        "publisher": "Relais Centre",
        "year": 2024,
        "access": Access.PUBLIC,
    }
    values.update(fields)
    document = Document.objects.create(**values)
    from relais.core.models import Country, Profession, Theme

    if themes:
        document.themes.set(Theme.objects.filter(code__in=themes))
    if countries:
        document.countries.set(Country.objects.filter(code__in=countries))
    if audiences:
        document.audiences.set(Profession.objects.filter(code__in=audiences))
    return document
