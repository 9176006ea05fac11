"""Writes of a questionnaire's sections (add, rename, remove, reorder) and copies of a questionnaire's
structure into another (the post-test taking the pre-test's questions, reuse)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from relais.core.audit import audit_record
from relais.evaluation.models import (
    Item,
    Questionnaire,
    Section,
)
from relais.evaluation.services_builder_items import renumber
from relais.evaluation.services_builder_rules import refuse_if_locked, touch

# --- Sections -----------------------------------------------------------------------------------


def section_create(
    *,
    actor: Any,
    questionnaire: Questionnaire,
    title: str,
    request: HttpRequest | None = None,
    version: int | None = None,
) -> Section:
    if not title.strip():
        raise ValidationError({"title": [_("Give the section a title.")]})
    with transaction.atomic():
        refuse_if_locked(questionnaire)
        last = Section.objects.filter(questionnaire=questionnaire).order_by("-position").first()
        section = Section.objects.create(
            questionnaire=questionnaire, title=title.strip()[:300], position=(last.position + 1) if last else 0
        )
        touch(questionnaire, version)
        audit_record(
            actor=actor,
            action="section.create",
            obj=section,
            details={"questionnaire": questionnaire.pk},
            request=request,
        )
    return section


def section_rename(
    *, actor: Any, section: Section, title: str, request: HttpRequest | None = None, version: int | None = None
) -> Section:
    if not title.strip():
        raise ValidationError({"title": [_("Give the section a title.")]})
    with transaction.atomic():
        section.title = title.strip()[:300]
        section.save(update_fields=["title"])
        touch(section.questionnaire, version)
        audit_record(
            actor=actor,
            action="section.update",
            obj=section,
            details={"questionnaire": section.questionnaire_id, "title": section.title},
            request=request,
        )
    return section


def section_delete(
    *, actor: Any, section: Section, request: HttpRequest | None = None, version: int | None = None
) -> None:
    """Remove a section; its questions stay, without a section (at the top)."""
    questionnaire = section.questionnaire
    with transaction.atomic():
        refuse_if_locked(questionnaire)
        audit_record(
            actor=actor,
            action="section.delete",
            obj=section,
            details={"questionnaire": questionnaire.pk, "title": section.title},
            request=request,
        )
        section.delete()
        renumber(questionnaire)
        touch(questionnaire, version)


def section_move(
    *,
    actor: Any,
    section: Section,
    direction: str,
    request: HttpRequest | None = None,
    version: int | None = None,
) -> None:
    questionnaire = section.questionnaire
    with transaction.atomic():
        sections = list(Section.objects.filter(questionnaire=questionnaire).order_by("position", "id"))
        for n, s in enumerate(sections):
            s.position = n
        index = next(n for n, s in enumerate(sections) if s.pk == section.pk)
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(sections):
            sections[index].position, sections[other].position = other, index
        Section.objects.bulk_update(sections, ["position"])
        renumber(questionnaire)
        touch(questionnaire, version)
        audit_record(
            actor=actor,
            action="section.update",
            obj=section,
            details={"questionnaire": questionnaire.pk, "moved": direction},
            request=request,
        )


# --- Copies -------------------------------------------------------------------------------------


def copy_structure(
    *,
    source_sections: Iterable[Section],
    source_items: Iterable[Item],
    target: Questionnaire,
    keep_objectives: bool = True,
) -> int:
    """Copy sections (matched by title with those the target has) and items (with their translations)
    into `target`, after what it holds; items whose question the target already asks are skipped.
    Returns how many items were copied. The caller audits and counts the change."""
    existing_sections = {s.title: s for s in Section.objects.filter(questionnaire=target)}
    next_position = max((s.position for s in existing_sections.values()), default=-1) + 1
    section_map: dict[int, Section] = {}
    for section in source_sections:
        match = existing_sections.get(section.title)
        if match is None:
            match = Section.objects.create(
                questionnaire=target,
                title=section.title,
                translations=section.translations,
                position=next_position,
            )
            existing_sections[match.title] = match
            next_position += 1
        section_map[section.pk] = match
    asked = set(Item.objects.filter(questionnaire=target).values_list("text", flat=True))
    rows = []
    for n, item in enumerate(source_items):
        if item.text in asked:
            continue
        asked.add(item.text)
        rows.append(
            Item(
                questionnaire=target,
                section=section_map.get(item.section_id) if item.section_id else None,
                position=30000 + n,
                type=item.type,
                text=item.text,
                help=item.help,
                required=item.required,
                options=item.options,
                correct=item.correct,
                points=item.points,
                objective_id=item.objective_id if keep_objectives else None,
                role=item.role,
                translations=item.translations,
                library_item_id=item.library_item_id,
            )
        )
    Item.objects.bulk_create(rows)
    renumber(target)
    return len(rows)
