"""Hostile text in every free-text field of the platform's models, for the XSS and formula-injection
tests: `free_text_fields()` finds them generically (model._meta), `poison()` writes a payload into
each of them on the rows that exist.

Free text is every CharField/TextField of a relais model except fields with choices, unique fields,
slugs, e-mail addresses and URLs (the forms validate them), and fields named as codes, tokens, keys,
hashes, languages, JSON... (`_NOT_FREE_TEXT`). Exceptions, with their reason, are in `KEPT`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.db import models

# Identifiers, machine values and secrets, by name: not text a person types.
_NOT_FREE_TEXT = re.compile(
    r"(^|_)(code|alpha3|token|key|sha256|digest|prefix|fingerprint|hash|password|language|slug|email|url|path)$"
)

KEPT: dict[str, str] = {
    "core.AuditEvent.action": "the audit verb the log's labels and filters are looked up by",
    "core.AuditEvent.object_type": "the model label the log links its objects by",
    "core.AuditEvent.object_id": "the primary key the log links its objects by",
    "programmes.Indicator.formula": "the name of the computation the platform runs for the indicator",
    "delivery.Registration.source": "how the registration was made (manual, import), a machine value",
    "publications.PublicationBuild.html": "the report as the platform rendered it from escaped templates "
    "(the data it holds is poisoned in its own fields)",
}


# Stored as sanitised HTML (every write path sanitises with nh3) and shown as HTML after being sanitised
# again (relais.knowledge.selectors.document_view): poisoned raw, as a write around the services would.


def free_text_fields() -> list[tuple[type[models.Model], models.Field[Any, Any]]]:
    fields: list[tuple[type[models.Model], models.Field[Any, Any]]] = []
    for model in apps.get_models():
        if not model.__module__.startswith("relais.") or model._meta.abstract or model._meta.proxy:
            continue
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField):
                continue
            if isinstance(field, models.SlugField | models.EmailField | models.URLField | models.FilePathField):
                continue
            if field.choices or field.unique or _NOT_FREE_TEXT.search(field.name):
                continue
            if f"{model._meta.label}.{field.name}" in KEPT:
                continue
            fields.append((model, field))
    return fields


def poison(payload: Callable[[type[models.Model], models.Field[Any, Any], int], str]) -> list[str]:
    """Write `payload(model, field, n)` (cut to the field's length) into each free-text field of every
    row; n numbers the fields. Returns the poisoned fields' names ("app.Model.field"), n-th at n."""
    names = []
    by_model: dict[type[models.Model], dict[str, str]] = {}
    for n, (model, field) in enumerate(free_text_fields()):
        text = payload(model, field, n)
        if field.max_length:
            text = text[: field.max_length]
        by_model.setdefault(model, {})[field.attname] = text
        names.append(f"{model._meta.label}.{field.name}")
    for model, values in by_model.items():
        model._default_manager.all().update(**values)
    return names
