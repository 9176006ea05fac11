"""Writes of a questionnaire's questions: add, change (rescoring the answers already sent when the
key — correct answers, points, learning objectives — changes), remove, reorder.

Display order: questions without a section first, then each section in its order; `Item.position` is
kept equal to that order (0, 1, 2…) by `renumber`, so a plain `order_by("position")` reads it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest

from relais.core.audit import audit_record
from relais.evaluation.models import (
    Answer,
    Item,
    Questionnaire,
    Section,
)
from relais.evaluation.services_builder_rules import (
    ItemData,
    has_submitted,
    locked_message,
    refuse_if_locked,
    touch,
    validate_item,
)
from relais.evaluation.services_responses import questionnaire_rescore


def _fields(item: Item) -> dict[str, Any]:
    return {
        "type": item.type,
        "text": item.text,
        "help": item.help,
        "required": item.required,
        "options": list(item.options or []),
        "correct": list(item.correct or []),
        "points": Decimal(item.points or 0),
        "objective": item.objective_id,
        "role": item.role,
        "section": item.section_id,
    }


def _key(item: Item) -> tuple[Any, ...]:
    return (list(item.correct or []), Decimal(item.points or 0), item.objective_id)


def _rescore_if_needed(
    questionnaire: Questionnaire, changed: bool, actor: Any, request: HttpRequest | None
) -> int | None:
    """Rescore the answers already sent when the key changed; how many (None when nothing to do)."""
    if not changed or not has_submitted(questionnaire):
        return None
    return questionnaire_rescore(questionnaire=questionnaire, actor=actor, request=request)


@dataclass(frozen=True)
class ItemResult:
    item: Item
    rescored: int | None = None  # answers already sent that were scored again


def item_create(
    *,
    actor: Any,
    questionnaire: Questionnaire,
    data: ItemData,
    request: HttpRequest | None = None,
    version: int | None = None,
) -> Item:
    with transaction.atomic():
        refuse_if_locked(questionnaire)
        validate_item(questionnaire, data)
        item = Item.objects.create(
            questionnaire=questionnaire,
            section_id=data.section_id,
            position=32000,
            type=data.type,
            text=data.text.strip(),
            help=data.help.strip(),
            required=data.required,
            options=data.options or [],
            correct=data.correct or [],
            points=data.points,
            objective_id=data.objective_id,
            role=data.role,
        )
        renumber(questionnaire)
        touch(questionnaire, version)
        audit_record(
            actor=actor,
            action="item.create",
            obj=item,
            details={"questionnaire": questionnaire.pk, "type": item.type},
            request=request,
        )
    item.refresh_from_db()
    return item


def _prune_translations(translations: dict[str, Any], options: list[dict[str, str]]) -> dict[str, Any]:
    values = {o["value"] for o in options}
    pruned: dict[str, Any] = {}
    for lang, texts in (translations or {}).items():
        if not isinstance(texts, dict):
            continue
        texts = dict(texts)
        if isinstance(texts.get("options"), dict):
            texts["options"] = {k: v for k, v in texts["options"].items() if k in values}
            if not texts["options"]:
                del texts["options"]
        if texts:
            pruned[lang] = texts
    return pruned


def item_update(
    *, actor: Any, item: Item, data: ItemData, request: HttpRequest | None = None, version: int | None = None
) -> ItemResult:
    """Change an item. With answers sent, its type, choice values and role must stay as they are; a
    change of correct answers, points or objective then rescores those answers."""
    questionnaire = item.questionnaire
    with transaction.atomic():
        validate_item(questionnaire, data)
        old_values = [o.get("value") for o in item.options or []]
        new_values = [o["value"] for o in data.options or []]
        structure_changed = data.type != item.type or old_values != new_values or data.role != item.role
        if structure_changed and has_submitted(questionnaire):
            raise ValidationError(locked_message())
        if structure_changed:
            # Only unsent answers can exist here: they no longer fit the question, so they go.
            Answer.objects.filter(item=item).delete()
        old_key = _key(item)
        moved = data.section_id != item.section_id
        before = _fields(item)
        item.type = data.type
        item.text = data.text.strip()
        item.help = data.help.strip()
        item.required = data.required
        item.options = data.options or []
        item.correct = data.correct or []
        item.points = data.points
        item.objective_id = data.objective_id
        item.role = data.role
        item.section_id = data.section_id
        item.translations = _prune_translations(item.translations, item.options)
        if moved:
            item.position = 32000
        item.save()
        if moved:
            renumber(questionnaire)
        after = _fields(item)
        touch(questionnaire, version)
        audit_record(
            actor=actor,
            action="item.update",
            obj=item,
            details={"questionnaire": questionnaire.pk, "changed": sorted(k for k in after if after[k] != before[k])},
            request=request,
        )
        rescored = _rescore_if_needed(questionnaire, _key(item) != old_key, actor, request)
    return ItemResult(item=item, rescored=rescored)


def item_delete(*, actor: Any, item: Item, request: HttpRequest | None = None, version: int | None = None) -> None:
    questionnaire = item.questionnaire
    with transaction.atomic():
        refuse_if_locked(questionnaire)
        audit_record(
            actor=actor,
            action="item.delete",
            obj=item,
            details={"questionnaire": questionnaire.pk, "text": item.text[:200]},
            request=request,
        )
        item.delete()
        renumber(questionnaire)
        touch(questionnaire, version)


def _ordered_items(questionnaire: Questionnaire) -> list[Item]:
    sections = {s.pk: (s.position, s.pk) for s in Section.objects.filter(questionnaire=questionnaire)}
    items = list(Item.objects.filter(questionnaire=questionnaire).only("pk", "position", "section_id"))

    def rank(item: Item) -> tuple[Any, ...]:
        group = (1, *sections[item.section_id]) if item.section_id in sections else (0, 0, 0)
        return (*group, item.position, item.pk)

    return sorted(items, key=rank)


def renumber(questionnaire: Questionnaire) -> None:
    """Make item positions follow the display order (items without section, then each section)."""
    changed = []
    for position, item in enumerate(_ordered_items(questionnaire)):
        if item.position != position:
            item.position = position
            changed.append(item)
    Item.objects.bulk_update(changed, ["position"])


def item_move(
    *, actor: Any, item: Item, direction: str, request: HttpRequest | None = None, version: int | None = None
) -> None:
    """Move an item up or down among the items of its section."""
    questionnaire = item.questionnaire
    with transaction.atomic():
        renumber(questionnaire)
        group = [i for i in _ordered_items(questionnaire) if i.section_id == item.section_id]
        index = next(n for n, i in enumerate(group) if i.pk == item.pk)
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(group):
            return
        a, b = group[index], group[other]
        a.position, b.position = b.position, a.position
        Item.objects.bulk_update([a, b], ["position"])
        touch(questionnaire, version)
        audit_record(
            actor=actor,
            action="item.update",
            obj=item,
            details={"questionnaire": questionnaire.pk, "moved": direction},
            request=request,
        )
