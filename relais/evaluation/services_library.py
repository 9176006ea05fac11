"""Writes of the item library: save a questionnaire's item to it, add library items to a questionnaire
(copies, with their translations, that remember where they came from), remove a library item, mark it
standard (proposed for every new questionnaire of its kind). Atomic and audited."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from relais.core.audit import audit_record
from relais.evaluation.models import Item, LibraryItem, Questionnaire, Section
from relais.evaluation.selectors_library import may_delete
from relais.evaluation.services_builder import add_library_items
from relais.evaluation.services_builder_rules import has_submitted, locked_message, touch


@transaction.atomic
def library_item_from_item(
    *, actor: Any, item: Item, for_all: bool = False, request: HttpRequest | None = None
) -> LibraryItem:
    """Save a copy of the item to the library of the questionnaire's programme (or, for
    administrators who ask, to the library shared with all programmes)."""
    questionnaire = item.questionnaire
    if for_all and not getattr(actor, "is_administrator", False):
        raise PermissionError(_("Only administrators share items with all programmes."))
    programme_id = None if for_all else questionnaire.programme_id
    same = LibraryItem.objects.filter(kind=questionnaire.kind, type=item.type, text=item.text)
    duplicate = (
        same.filter(programme__isnull=True) if for_all else same.filter(programme=questionnaire.programme_id)
    ).first()
    if duplicate is not None:
        raise ValidationError(_("The library already holds this question."))
    library_item = LibraryItem.objects.create(
        programme_id=programme_id,
        kind=questionnaire.kind,
        type=item.type,
        text=item.text,
        help=item.help,
        options=item.options,
        correct=item.correct,
        points=item.points,
        role=item.role,
        required=item.required,
        translations=item.translations,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    themes = list(questionnaire.session.design.themes.all())
    if themes:
        library_item.themes.set(themes)
    Item.objects.filter(pk=item.pk).update(library_item=library_item)
    item.library_item = library_item
    audit_record(
        actor=actor,
        action="library.create",
        obj=library_item,
        details={"from_item": item.pk, "programme": programme_id},
        request=request,
    )
    return library_item


@transaction.atomic
def library_items_add(
    *,
    actor: Any,
    questionnaire: Questionnaire,
    library_items: Iterable[LibraryItem],
    section: Section | None = None,
    request: HttpRequest | None = None,
) -> int:
    """Copy library items to the end of the questionnaire (or of one of its sections); how many."""
    chosen = list(library_items)
    if not chosen:
        raise ValidationError(_("Choose at least one question of the library."))
    if has_submitted(questionnaire):
        raise ValidationError(locked_message())
    if section is not None and section.questionnaire_id != questionnaire.pk:
        raise ValidationError(_("Choose one of this questionnaire's sections."))
    added = add_library_items(questionnaire, chosen, section.pk if section else None)
    touch(questionnaire)
    for item in Item.objects.filter(questionnaire=questionnaire, library_item__in=chosen).order_by("-id")[:added]:
        audit_record(
            actor=actor,
            action="item.create",
            obj=item,
            details={"questionnaire": questionnaire.pk, "library_item": item.library_item_id},
            request=request,
        )
    return added


@transaction.atomic
def library_item_delete(*, actor: Any, library_item: LibraryItem, request: HttpRequest | None = None) -> None:
    """Remove an item from the library; the questionnaires that copied it keep their copies."""
    if not may_delete(user=actor, library_item=library_item):
        raise PermissionError(_("You may not remove this item from the library."))
    audit_record(
        actor=actor,
        action="library.delete",
        obj=library_item,
        details={"programme": library_item.programme_id, "kind": library_item.kind},
        request=request,
    )
    library_item.delete()


@transaction.atomic
def library_item_set_standard(
    *, actor: Any, library_item: LibraryItem, standard: bool, request: HttpRequest | None = None
) -> LibraryItem:
    if not getattr(actor, "is_administrator", False):
        raise PermissionError(_("Only administrators choose the standard items."))
    if library_item.standard != standard:
        library_item.standard = standard
        library_item.save(update_fields=["standard"])
        audit_record(
            actor=actor,
            action="library.update",
            obj=library_item,
            details={"standard": standard},
            request=request,
        )
    return library_item
