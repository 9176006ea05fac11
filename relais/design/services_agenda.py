"""Writes of a design's objectives and agenda: its objectives, days, modules and their materials, each
added, changed, removed or moved up and down. Each is atomic, refreshes the stored check and leaves an
audit event (through services._touched, with the editor's version)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from relais.design.models import ActivityDesign, AgendaDay, AgendaModule, LearningObjective, Material
from relais.design.services import _ensure_document_visible, _ensure_editor, _next_position, _renumber, _touched
from relais.knowledge.models import Document


def _move(items: list[Any], item: Any, direction: str) -> bool:
    """Move item one place up or down among its siblings; False when it cannot move."""
    index = next(i for i, x in enumerate(items) if x.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if target < 0 or target >= len(items):
        return False
    items[index], items[target] = items[target], items[index]
    _renumber(items)
    return True


@transaction.atomic
def objective_save(
    *,
    actor: Any,
    design: ActivityDesign,
    kind: str,
    text: str,
    objective: LearningObjective | None = None,
    request: HttpRequest | None = None,
    version: int | None = None,
) -> LearningObjective:
    _ensure_editor(actor, design)
    if objective is None:
        objective = LearningObjective.objects.create(
            design=design, kind=kind, text=text, position=_next_position(design.objectives)
        )
        action = "design.objective_added"
    else:
        objective.kind, objective.text = kind, text
        objective.save(update_fields=["kind", "text"])
        action = "design.objective_changed"
    _touched(
        version=version, actor=actor, design=design, action=action, details={"objective": text[:80]}, request=request
    )
    return objective


@transaction.atomic
def objective_delete(
    *, actor: Any, objective: LearningObjective, request: HttpRequest | None = None, version: int | None = None
) -> None:
    design = objective.design
    _ensure_editor(actor, design)
    text = objective.text
    objective.delete()
    _renumber(list(design.objectives.all()))
    _touched(
        version=version,
        actor=actor,
        design=design,
        action="design.objective_removed",
        details={"objective": text[:80]},
        request=request,
    )


@transaction.atomic
def objective_move(
    *,
    actor: Any,
    objective: LearningObjective,
    direction: str,
    request: HttpRequest | None = None,
    version: int | None = None,
) -> None:
    design = objective.design
    _ensure_editor(actor, design)
    if _move(list(design.objectives.all()), objective, direction):
        _touched(version=version, actor=actor, design=design, action="design.objectives_reordered", request=request)


@transaction.atomic
def day_save(
    *,
    actor: Any,
    design: ActivityDesign,
    title: str,
    day: AgendaDay | None = None,
    request: HttpRequest | None = None,
    version: int | None = None,
) -> AgendaDay:
    _ensure_editor(actor, design)
    if day is None:
        day = AgendaDay.objects.create(design=design, title=title, position=_next_position(design.days))
        action = "design.day_added"
    else:
        day.title = title
        day.save(update_fields=["title"])
        action = "design.day_changed"
    _touched(version=version, actor=actor, design=design, action=action, details={"day": title[:80]}, request=request)
    return day


@transaction.atomic
def day_delete(*, actor: Any, day: AgendaDay, request: HttpRequest | None = None, version: int | None = None) -> None:
    design = day.design
    _ensure_editor(actor, design)
    n_modules = day.modules.count()
    day.delete()
    _renumber(list(design.days.all()))
    _touched(
        version=version,
        actor=actor,
        design=design,
        action="design.day_removed",
        details={"modules": n_modules},
        request=request,
    )


@transaction.atomic
def day_move(
    *, actor: Any, day: AgendaDay, direction: str, request: HttpRequest | None = None, version: int | None = None
) -> None:
    design = day.design
    _ensure_editor(actor, design)
    if _move(list(design.days.all()), day, direction):
        _touched(version=version, actor=actor, design=design, action="design.agenda_reordered", request=request)


@transaction.atomic
def module_save(
    *,
    actor: Any,
    day: AgendaDay,
    data: dict[str, Any],
    objectives: Iterable[LearningObjective],
    module: AgendaModule | None = None,
    request: HttpRequest | None = None,
    version: int | None = None,
) -> AgendaModule:
    """Add a module at the end of a day, or change one (possibly moving it to another day of the design)."""
    design = day.design
    _ensure_editor(actor, design)
    objectives = list(objectives)
    if any(o.design_id != design.pk for o in objectives):
        raise ValidationError(_("An objective of another design was chosen."))
    fields = ("title", "description", "method", "duration_minutes", "trainer_profile")
    if module is None:
        module = AgendaModule.objects.create(
            day=day, position=_next_position(day.modules), **{f: data[f] for f in fields}
        )
        action = "design.module_added"
    else:
        old_day = module.day
        for f in fields:
            setattr(module, f, data[f])
        if module.day_id != day.pk:
            module.day = day
            module.position = _next_position(day.modules)
        module.save()
        if old_day.pk != day.pk:
            _renumber(list(old_day.modules.all()))
        action = "design.module_changed"
    module.objectives.set(objectives)
    _touched(
        version=version,
        actor=actor,
        design=design,
        action=action,
        details={"module": module.title[:80]},
        request=request,
    )
    return module


@transaction.atomic
def module_delete(
    *, actor: Any, module: AgendaModule, request: HttpRequest | None = None, version: int | None = None
) -> None:
    day = module.day
    design = day.design
    _ensure_editor(actor, design)
    title = module.title
    module.delete()
    _renumber(list(day.modules.all()))
    _touched(
        version=version,
        actor=actor,
        design=design,
        action="design.module_removed",
        details={"module": title[:80]},
        request=request,
    )


@transaction.atomic
def module_move(
    *, actor: Any, module: AgendaModule, direction: str, request: HttpRequest | None = None, version: int | None = None
) -> None:
    """Up or down within its day; past the first or last module, to the previous or next day."""
    day = module.day
    design = day.design
    _ensure_editor(actor, design)
    siblings = list(day.modules.all())
    if _move(siblings, module, direction):
        _touched(version=version, actor=actor, design=design, action="design.agenda_reordered", request=request)
        return
    days = list(design.days.all())
    index = next(i for i, d in enumerate(days) if d.pk == day.pk)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(days):
        new_day = days[target]
        rest = [m for m in siblings if m.pk != module.pk]
        others = list(new_day.modules.all())
        module.day = new_day
        module.save(update_fields=["day"])
        _renumber([*others, module] if direction == "up" else [module, *others])
        _renumber(rest)
        _touched(version=version, actor=actor, design=design, action="design.agenda_reordered", request=request)


@transaction.atomic
def material_add(
    *,
    actor: Any,
    module: AgendaModule,
    title: str = "",
    url: str = "",
    file: Any = None,
    document: Document | None = None,
    request: HttpRequest | None = None,
    version: int | None = None,
) -> Material:
    """A material: a document of the knowledge centre (its title is copied), or a title with a link or a file."""
    design = module.day.design
    _ensure_editor(actor, design)
    if document is not None:
        if url or file:
            raise ValidationError(_("Choose a document of the knowledge centre, or give a link or a file — not both."))
        _ensure_document_visible(actor, document)
        title = document.title[:300]
    elif not url and not file:
        raise ValidationError(_("Give a link or a file."))
    if not title:
        raise ValidationError(_("Give the title of the material."))
    material = Material.objects.create(module=module, title=title, url=url, file=file or "", document=document)
    details: dict[str, Any] = {"material": title[:80]}
    if document is not None:
        details["document"] = document.pk
    _touched(
        version=version, actor=actor, design=design, action="design.material_added", details=details, request=request
    )
    return material


@transaction.atomic
def material_delete(
    *, actor: Any, material: Material, request: HttpRequest | None = None, version: int | None = None
) -> None:
    design = material.module.day.design
    _ensure_editor(actor, design)
    title = material.title
    material.delete()
    _touched(
        version=version,
        actor=actor,
        design=design,
        action="design.material_removed",
        details={"material": title[:80]},
        request=request,
    )
