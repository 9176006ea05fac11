"""Writes of activity designs. Each is atomic, refreshes the stored check and leaves an audit event.

The agenda (objectives, days, modules, materials) is written by services_agenda, replication and its
adaptation checklist by services_replication; both use the shared helpers here (_ensure_editor, _touched)."""

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
from relais.design.checker import design_check_refresh
from relais.design.models import (
    ActivityDesign,
    DesignCountry,
    DesignReference,
    DesignStatus,
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


def _ensure_document_visible(actor: Any, document: Document) -> None:
    from relais.knowledge.scoping import documents_visible

    if not documents_visible(actor).filter(pk=document.pk).exists():
        raise ValidationError(_("This document of the knowledge centre does not exist."))


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
