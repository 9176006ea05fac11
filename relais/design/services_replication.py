"""Replication of an activity design: a linked draft for other countries and programmes, with the
adaptation checklist, and the ticking off of that checklist. Atomic and audited."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from relais.core.audit import audit_record
from relais.core.models import Country
from relais.design.checker import design_check_refresh
from relais.design.models import (
    ActivityDesign,
    AdaptationItem,
    AdaptationTopic,
    AgendaDay,
    AgendaModule,
    DesignCountry,
    DesignReference,
    LearningObjective,
    Material,
    SeatQuota,
)
from relais.design.selectors import programmes_for_new_designs
from relais.design.services import _ensure_editor
from relais.programmes.models import Programme


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
