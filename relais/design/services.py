"""Writes of activity designs. Each is atomic, refreshes the stored check and leaves an audit event."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from relais.core.audit import audit_record
from relais.core.concurrency import claim_version
from relais.core.models import Country, Language, Profession
from relais.design.checker import design_check_refresh
from relais.design.models import (
    ActivityDesign,
    AdaptationItem,
    AdaptationTopic,
    AgendaDay,
    AgendaModule,
    DesignCountry,
    DesignReference,
    DesignStatus,
    LearningObjective,
    Material,
    NeedsSource,
    SeatQuota,
)
from relais.design.selectors import may_edit, programmes_for_new_designs
from relais.knowledge.models import Document
from relais.programmes.models import Programme


def _ensure_editor(actor: Any, design: ActivityDesign) -> None:
    if not may_edit(user=actor, design=design):
        raise PermissionError(_("Only administrators and the programme's managers may change this design."))


def _touched(
    *,
    actor: Any,
    design: ActivityDesign,
    action: str,
    details: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
    obj: Any = None,
    version: int | None = None,
) -> None:
    """After every change: count one more version, store the check, record who did what. `version` is the
    version the editor's form was made from: when another change came in since, EditConflict is raised
    and the caller's transaction undoes the change (None: no check, for writes not from the editor)."""
    claim_version(ActivityDesign.objects.all(), design, version, kind="design", updated_at=timezone.now())
    report = design_check_refresh(design=design)
    audit_record(
        actor=actor, action=action, obj=obj if obj is not None else design, details=details or {}, request=request
    )
    if design.status == DesignStatus.READY and not report.passed:
        # A ready design that a change made fail goes back to draft, so sessions are not made from it unnoticed.
        ActivityDesign.objects.filter(pk=design.pk).update(status=DesignStatus.DRAFT)
        design.status = DesignStatus.DRAFT
        audit_record(
            actor=actor,
            action="design.status_changed",
            obj=design,
            details={"status": DesignStatus.DRAFT, "reason": "check failed"},
            request=request,
        )


@transaction.atomic
def design_create(
    *,
    actor: Any,
    programme: Programme,
    title: str,
    type: str,
    format: str,
    summary: str = "",
    request: HttpRequest | None = None,
) -> ActivityDesign:
    if not programmes_for_new_designs(user=actor).filter(pk=programme.pk).exists():
        raise PermissionError(_("Only administrators and the programme's managers may create designs in it."))
    design = ActivityDesign.objects.create(
        programme=programme, title=title, type=type, format=format, summary=summary, created_by=actor
    )
    design_check_refresh(design=design)
    audit_record(actor=actor, action="design.created", obj=design, request=request)
    return design


@transaction.atomic
def design_update(
    *,
    actor: Any,
    design: ActivityDesign,
    fields: dict[str, Any],
    m2m: dict[str, Iterable[Any]] | None = None,
    section: str = "general",
    request: HttpRequest | None = None,
    version: int | None = None,
) -> ActivityDesign:
    """Change plain fields and many-to-many sets of a design (one section of the editor)."""
    _ensure_editor(actor, design)
    changed = [name for name, value in fields.items() if getattr(design, name) != value]
    for name in changed:
        setattr(design, name, fields[name])
    if changed:
        design.save(update_fields=[*changed, "updated_at"])
    for name, values in (m2m or {}).items():
        manager = getattr(design, name)
        new = {v.pk for v in values}
        if set(manager.values_list("pk", flat=True)) != new:
            manager.set(list(values))
            changed.append(name)
    if changed:
        _touched(
            version=version,
            actor=actor,
            design=design,
            action="design.updated",
            details={"section": section, "fields": sorted(changed)},
            request=request,
        )
    return design


@transaction.atomic
def design_countries_set(
    *,
    actor: Any,
    design: ActivityDesign,
    rows: Sequence[dict[str, Any]],
    request: HttpRequest | None = None,
    version: int | None = None,
) -> None:
    """Replace the participating countries: rows of {country, route_role, languages}. Seats of countries
    that leave the design are removed with them."""
    _ensure_editor(actor, design)
    codes = [r["country"].pk for r in rows]
    if len(codes) != len(set(codes)):
        raise ValidationError(_("A country is listed twice."))
    existing = {dc.country_id: dc for dc in design.design_countries.all()}
    for row in rows:
        dc = existing.pop(row["country"].pk, None)
        if dc is None:
            dc = DesignCountry.objects.create(design=design, country=row["country"], route_role=row["route_role"])
        elif dc.route_role != row["route_role"]:
            dc.route_role = row["route_role"]
            dc.save(update_fields=["route_role"])
        dc.participant_languages.set(list(row.get("languages", [])))
    removed = list(existing)
    if removed:
        SeatQuota.objects.filter(design=design, country_id__in=removed).delete()
        DesignCountry.objects.filter(pk__in=[dc.pk for dc in existing.values()]).delete()
    _touched(
        version=version,
        actor=actor,
        design=design,
        action="design.countries_set",
        details={"countries": sorted(r["country"].code for r in rows)},
        request=request,
    )


@transaction.atomic
def design_seats_set(
    *,
    actor: Any,
    design: ActivityDesign,
    seats: dict[tuple[int, int], int],
    request: HttpRequest | None = None,
    version: int | None = None,
) -> None:
    """Replace the seat quotas: {(country_id, profession_id): seats}; zero or missing means none."""
    _ensure_editor(actor, design)
    allowed = set(design.design_countries.values_list("country_id", flat=True))
    outside = {c for (c, _p), n in seats.items() if n and c not in allowed}
    if outside:
        raise ValidationError(_("Seats are given to a country that does not take part in the design."))
    SeatQuota.objects.filter(design=design).delete()
    SeatQuota.objects.bulk_create(
        [SeatQuota(design=design, country_id=c, profession_id=p, seats=n) for (c, p), n in sorted(seats.items()) if n]
    )
    _touched(
        version=version,
        actor=actor,
        design=design,
        action="design.seats_set",
        details={"seats": sum(seats.values())},
        request=request,
    )


def _next_position(qs: Any) -> int:
    top = qs.aggregate(m=Max("position"))["m"]
    return 0 if top is None else top + 1


def _renumber(items: Sequence[Any]) -> None:
    for i, item in enumerate(items):
        if item.position != i:
            item.position = i
            item.save(update_fields=["position"])


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


def _ensure_document_visible(actor: Any, document: Document) -> None:
    from relais.knowledge.scoping import documents_visible

    if not documents_visible(actor).filter(pk=document.pk).exists():
        raise ValidationError(_("This document of the knowledge centre does not exist."))


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


@transaction.atomic
def needs_source_add(
    *,
    actor: Any,
    design: ActivityDesign,
    title: str = "",
    url: str = "",
    note: str = "",
    document: Document | None = None,
    request: HttpRequest | None = None,
    version: int | None = None,
) -> NeedsSource:
    """A source of the needs assessment: a document of the knowledge centre (its title is copied), or a
    title with a link elsewhere (or none)."""
    _ensure_editor(actor, design)
    if document is not None:
        if url:
            raise ValidationError(_("Choose a document of the knowledge centre, or give a link — not both."))
        _ensure_document_visible(actor, document)
        title = document.title[:300]
    if not title:
        raise ValidationError(_("Give the title of the source."))
    source = NeedsSource.objects.create(design=design, title=title, url=url, note=note, document=document)
    details: dict[str, Any] = {"source": title[:80]}
    if document is not None:
        details["document"] = document.pk
    _touched(
        version=version, actor=actor, design=design, action="design.source_added", details=details, request=request
    )
    return source


@transaction.atomic
def needs_source_delete(
    *, actor: Any, source: NeedsSource, request: HttpRequest | None = None, version: int | None = None
) -> None:
    design = source.design
    _ensure_editor(actor, design)
    title = source.title
    source.delete()
    _touched(
        version=version,
        actor=actor,
        design=design,
        action="design.source_removed",
        details={"source": title[:80]},
        request=request,
    )


@transaction.atomic
def design_reference_add(
    *,
    actor: Any,
    design: ActivityDesign,
    document: Document,
    note: str = "",
    request: HttpRequest | None = None,
    version: int | None = None,
) -> DesignReference:
    """Add a document of the knowledge centre to the design's sources and further reading (once)."""
    _ensure_editor(actor, design)
    _ensure_document_visible(actor, document)
    if design.references.filter(document=document).exists():
        raise ValidationError(_("This document is already among the design's sources and further reading."))
    reference = DesignReference.objects.create(
        design=design, document=document, note=note, position=_next_position(design.references)
    )
    _touched(
        version=version,
        actor=actor,
        design=design,
        action="design.reference_added",
        details={"document": document.pk, "title": document.title[:80]},
        request=request,
    )
    return reference


@transaction.atomic
def design_reference_delete(
    *, actor: Any, reference: DesignReference, request: HttpRequest | None = None, version: int | None = None
) -> None:
    design = reference.design
    _ensure_editor(actor, design)
    document_id = reference.document_id
    reference.delete()
    _renumber(list(design.references.all()))
    _touched(
        version=version,
        actor=actor,
        design=design,
        action="design.reference_removed",
        details={"document": document_id},
        request=request,
    )


@transaction.atomic
def references_link_documents(*, actor: Any = None, request: HttpRequest | None = None) -> dict[str, int]:
    """Link the materials and needs sources that point at a document of the knowledge centre (by its
    page, DOI, web address or title) to it; the others stay as they are. Returns how many of each
    were linked. The data migration ran the same on the references that existed then; the demo runs
    it after creating its documents."""
    from relais.design.document_links import link_references
    from relais.knowledge.models import DocumentTitle

    counts = link_references(
        document_model=Document, title_model=DocumentTitle, material_model=Material, source_model=NeedsSource
    )
    if any(counts.values()):
        audit_record(actor=actor, action="design.references_linked", details=counts, request=request)
    return counts


@transaction.atomic
def design_replicate(
    *,
    actor: Any,
    source: ActivityDesign,
    programme: Programme,
    title: str,
    countries: Sequence[tuple[Country, str]],
    request: HttpRequest | None = None,
) -> ActivityDesign:
    """A linked draft of `source` in `programme` for `countries` [(country, route role)], with the
    adaptation checklist. Agenda (with its materials and their links to documents of the knowledge
    centre), objectives, sources and further reading, evaluation and follow-up plans are copied; seats are
    carried over by route role; needs assessment, partners and participants' languages are local,
    so they start empty and the checklist asks for them."""
    if not programmes_for_new_designs(user=actor).filter(pk=programme.pk).exists():
        raise PermissionError(_("Only administrators and the programme's managers may create designs in it."))
    if not countries:
        raise ValidationError(_("Choose at least one country."))
    copy = ActivityDesign.objects.create(
        programme=programme,
        title=title,
        summary=source.summary,
        type=source.type,
        format=source.format,
        replicated_from=source,
        plans_pre_test=source.plans_pre_test,
        plans_post_test=source.plans_post_test,
        plans_satisfaction=source.plans_satisfaction,
        plans_follow_up=source.plans_follow_up,
        follow_up_months=source.follow_up_months,
        evaluation_notes=source.evaluation_notes,
        follow_up_plan=source.follow_up_plan,
        sustainability=list(source.sustainability),
        created_by=actor,
    )
    copy.themes.set(source.themes.all())
    copy.working_languages.set(source.working_languages.all())
    for country, role in countries:
        DesignCountry.objects.create(design=copy, country=country, route_role=role)
    # Seats: each new country takes the professions and seats of a source country with the same role
    # on the route (or of the first source country).
    source_countries = list(source.design_countries.order_by("id"))
    quotas = list(source.quotas.all())
    new_quotas = []
    for country, role in countries:
        model = next(
            (dc for dc in source_countries if dc.route_role == role), source_countries[0] if source_countries else None
        )
        if model is None:
            continue
        for q in quotas:
            if q.country_id == model.country_id:
                new_quotas.append(SeatQuota(design=copy, country=country, profession_id=q.profession_id, seats=q.seats))
    SeatQuota.objects.bulk_create(new_quotas)
    objective_map: dict[int, LearningObjective] = {}
    for objective in source.objectives.all():
        objective_map[objective.pk] = LearningObjective.objects.create(
            design=copy, kind=objective.kind, text=objective.text, position=objective.position
        )
    for day in source.days.prefetch_related("modules__objectives", "modules__materials"):
        new_day = AgendaDay.objects.create(design=copy, title=day.title, position=day.position)
        for module in day.modules.all():
            new_module = AgendaModule.objects.create(
                day=new_day,
                position=module.position,
                title=module.title,
                description=module.description,
                method=module.method,
                duration_minutes=module.duration_minutes,
                trainer_profile=module.trainer_profile,
            )
            new_module.objectives.set([objective_map[o.pk] for o in module.objectives.all() if o.pk in objective_map])
            Material.objects.bulk_create(
                [
                    Material(
                        module=new_module,
                        title=m.title,
                        url=m.url,
                        file=m.file.name if m.file else "",
                        document_id=m.document_id,
                    )
                    for m in module.materials.all()
                ]
            )
    # Sources and further reading are copied (the needs assessment and its sources are local).
    DesignReference.objects.bulk_create(
        [
            DesignReference(design=copy, document_id=r.document_id, note=r.note, position=r.position)
            for r in source.references.all()
        ]
    )
    AdaptationItem.objects.bulk_create([AdaptationItem(design=copy, topic=t) for t in AdaptationTopic.values])
    design_check_refresh(design=copy)
    audit_record(
        actor=actor,
        action="design.replicated",
        obj=copy,
        details={"from": source.pk, "countries": [c.code for c, _r in countries]},
        request=request,
    )
    return copy


@transaction.atomic
def adaptation_item_set(
    *, actor: Any, item: AdaptationItem, done: bool, note: str, request: HttpRequest | None = None
) -> AdaptationItem:
    design = item.design
    _ensure_editor(actor, design)
    item.done, item.note = done, note
    item.done_by = actor if done else None
    item.done_at = timezone.now() if done else None
    item.save(update_fields=["done", "note", "done_by", "done_at"])
    audit_record(
        actor=actor,
        action="design.adaptation_ticked" if done else "design.adaptation_unticked",
        obj=design,
        details={"topic": item.topic},
        request=request,
    )
    return item


@transaction.atomic
def design_set_status(*, actor: Any, design: ActivityDesign, status: str, request: HttpRequest | None = None) -> None:
    _ensure_editor(actor, design)
    if status == DesignStatus.READY:
        report = design_check_refresh(design=design)
        if not report.passed:
            raise ValidationError(_("A design is ready for delivery only when every required rule holds."))
        open_items = design.adaptation_items.filter(done=False).count()
        if open_items:
            raise ValidationError(
                ngettext(
                    "Tick off the adaptation checklist first (%(n)s point open).",
                    "Tick off the adaptation checklist first (%(n)s points open).",
                    open_items,
                )
                % {"n": open_items}
            )
    design.status = status
    design.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="design.status_changed", obj=design, details={"status": status}, request=request)


def languages_of(codes: Iterable[str]) -> list[Language]:
    return list(Language.objects.filter(code__in=list(codes)))


def professions_by_code() -> dict[str, Profession]:
    return {p.code: p for p in Profession.objects.all()}
