"""Translations of a questionnaire (models.py): every text a participant reads — title, introduction,
section titles, each question, its help and each choice's label — with its translation into one
language, how complete a language is, and saving one language's translations at once.

Stored as  Questionnaire.translations {"fr": {"title", "introduction"}}, Section.translations
{"fr": {"title"}}, Item.translations {"fr": {"text", "help", "options": {"<value>": "…"}}}."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils.translation import gettext as _

from relais.core.audit import audit_record
from relais.evaluation.models import Item, Questionnaire, Section
from relais.evaluation.services_builder_settings import StaleVersion


@dataclass(frozen=True)
class TextEntry:
    """One text to translate: `name` is its form field; `path` where it sits in the owner's translations."""

    name: str
    owner: Questionnaire | Section | Item
    path: tuple[str, ...]  # ("title",) or ("options", "<value>")
    original: str
    label: str
    long: bool = False

    def translation(self, language: str) -> str:
        node: Any = (self.owner.translations or {}).get(language) or {}
        for key in self.path:
            node = node.get(key) if isinstance(node, dict) else None
        return str(node) if isinstance(node, str) else ""


@dataclass(frozen=True)
class TextGroup:
    heading: str
    entries: list[TextEntry]


def text_groups(questionnaire: Questionnaire, sections: Iterable[Section], items: Iterable[Item]) -> list[TextGroup]:
    """The texts to translate, grouped as the participant meets them (empty texts are left out)."""
    q_entries = [TextEntry("q-title", questionnaire, ("title",), questionnaire.title, _("Title"))]
    if questionnaire.introduction:
        q_entries.append(
            TextEntry(
                "q-introduction", questionnaire, ("introduction",), questionnaire.introduction, _("Introduction"), True
            )
        )
    groups = [TextGroup(_("The questionnaire"), q_entries)]
    section_list = list(sections)
    item_list = list(items)
    if section_list:
        groups.append(
            TextGroup(
                _("Sections"),
                [
                    TextEntry(f"s{s.pk}-title", s, ("title",), s.title, _("Section %(n)d") % {"n": n})
                    for n, s in enumerate(section_list, start=1)
                ],
            )
        )
    for n, item in enumerate(item_list, start=1):
        entries = [TextEntry(f"i{item.pk}-text", item, ("text",), item.text, _("Question"), True)]
        if item.help:
            entries.append(TextEntry(f"i{item.pk}-help", item, ("help",), item.help, _("Help text")))
        for k, option in enumerate(item.options or []):
            value = str(option.get("value"))
            entries.append(
                TextEntry(
                    f"i{item.pk}-o{k}",
                    item,
                    ("options", value),
                    str(option.get("label") or ""),
                    _("Choice %(value)s") % {"value": value},
                )
            )
        groups.append(TextGroup(_("Question %(n)d") % {"n": n}, entries))
    return groups


def completeness(
    questionnaire: Questionnaire, sections: Iterable[Section], items: Iterable[Item], language: str
) -> tuple[int, int]:
    """(texts translated, texts to translate) into `language`."""
    entries = [e for g in text_groups(questionnaire, sections, items) for e in g.entries if e.original]
    return sum(1 for e in entries if e.translation(language).strip()), len(entries)


def percent(done: int, total: int) -> int:
    """Whole percent, never rounded up to 100 while a text is missing."""
    if not total:
        return 100
    value = round(100 * done / total)
    return 99 if value == 100 and done < total else value


def target_languages(questionnaire: Questionnaire) -> list[str]:
    """The languages the questionnaire is translated into (offered, other than the one it is written in)."""
    return [code for code in questionnaire.languages or [] if code != questionnaire.language]


def _set(owner: Any, language: str, path: tuple[str, ...], value: str) -> bool:
    """Write (or, when empty, remove) one translation; whether it changed."""
    translations = dict(owner.translations or {})
    texts = dict(translations.get(language) or {})
    if len(path) == 1:
        old = texts.get(path[0], "")
        if value:
            texts[path[0]] = value
        else:
            texts.pop(path[0], None)
    else:
        options = dict(texts.get(path[0]) or {})
        old = options.get(path[1], "")
        if value:
            options[path[1]] = value
        else:
            options.pop(path[1], None)
        if options:
            texts[path[0]] = options
        else:
            texts.pop(path[0], None)
    if texts:
        translations[language] = texts
    else:
        translations.pop(language, None)
    owner.translations = translations
    return bool(old != value)


def translations_save(
    *,
    actor: Any,
    questionnaire: Questionnaire,
    language: str,
    version: int,
    values: dict[str, str],
    request: HttpRequest | None = None,
) -> tuple[int, int]:
    """Save the translations into `language` (field name → text; empty removes one). Refused when the
    questionnaire changed since the form was shown. Returns (translated, total)."""
    if language not in target_languages(questionnaire):
        raise ValidationError(_("This questionnaire is not offered in this language."))
    with transaction.atomic():
        if not Questionnaire.objects.filter(pk=questionnaire.pk, version=version).update(version=F("version") + 1):
            raise StaleVersion(
                _(
                    "Someone else changed this questionnaire while you were translating it. Your translations "
                    "below are not saved yet: check them against the current texts and save again."
                )
            )
        questionnaire.refresh_from_db()
        sections = list(Section.objects.filter(questionnaire=questionnaire).order_by("position", "id"))
        items = list(Item.objects.filter(questionnaire=questionnaire).order_by("position", "id"))
        groups = text_groups(questionnaire, sections, items)
        touched: set[Any] = set()
        for entry in (e for g in groups for e in g.entries):
            if entry.name not in values:
                continue
            value = str(values[entry.name] or "").replace("\x00", "").strip()[:5000]
            if _set(entry.owner, language, entry.path, value):
                touched.add(entry.owner)
        if questionnaire in touched:
            Questionnaire.objects.filter(pk=questionnaire.pk).update(translations=questionnaire.translations)
        Section.objects.bulk_update([o for o in touched if isinstance(o, Section)], ["translations"])
        Item.objects.bulk_update([o for o in touched if isinstance(o, Item)], ["translations"])
        done, total = completeness(questionnaire, sections, items, language)
        audit_record(
            actor=actor,
            action="questionnaire.translate",
            obj=questionnaire,
            details={"language": language, "translated": done, "texts": total, "changed": len(touched)},
            request=request,
        )
    return done, total
