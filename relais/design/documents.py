"""Designs and the knowledge centre: how materials, needs sources and references that link to a
document are shown, and the "where it is used" block of a document's page (core.registry.ObjectPanel
of kind "document", registered by register(), which the app's navigation.register() calls)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest
from django.urls import reverse

from relais.core.registry import ObjectPanel, register_object_panel
from relais.design.models import AgendaModule, DesignReference, Material, NeedsSource
from relais.design.selectors import designs_visible
from relais.knowledge.models import Document
from relais.knowledge.scoping import documents_visible
from relais.knowledge.views_pick import localise_titles

PANEL_TEMPLATE = "design/partials/document_usage.html"


@dataclass(frozen=True)
class DocumentLink:
    """A linked document as a design page shows it: title in the user's language, type, year, page."""

    pk: int
    title: str
    kind: str
    year: int | None
    url: str
    is_public: bool


def document_links(*, user: Any, ids: Iterable[int]) -> dict[int, DocumentLink]:
    """The documents among `ids` that `user` may see (two queries; none without ids)."""
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    documents = list(
        documents_visible(user).filter(pk__in=wanted).only("id", "title", "kind", "year", "language", "access")
    )
    localise_titles(documents)
    return {
        d.pk: DocumentLink(
            pk=d.pk,
            title=d.display_title,  # type: ignore[attr-defined]
            kind=str(d.get_kind_display()),
            year=d.year,
            url=reverse("knowledge:document", kwargs={"pk": d.pk}),
            is_public=d.is_public,
        )
        for d in documents
    }


def attach_documents(*, user: Any, items: Iterable[Any]) -> list[Any]:
    """Set `linked` on each material, needs source or reference: its document as the user may see it,
    or None (no document, a deleted one, or one the user may not see: the stored title is shown
    without a link)."""
    items = list(items)
    links = document_links(user=user, ids=(i.document_id for i in items))
    for item in items:
        item.linked = links.get(item.document_id) if item.document_id else None
    return items


def agenda_materials(days: Iterable[Any]) -> list[Material]:
    """The materials of an agenda read by selectors.agenda() (already prefetched)."""
    return [mat for day in days for module in day.modules.all() for mat in module.materials.all()]


# "Where it is used" on a document's page.


def document_usage(*, user: Any, document: Document) -> list[dict[str, Any]]:
    """The designs the user may see that use `document`: as a module's material (with the modules'
    titles), as a source of the needs assessment, or among the sources and further reading. Two
    queries (one when no module uses it; none for those who see no design)."""
    if not getattr(user, "is_authenticated", False):
        return []
    visible = designs_visible(user=user)
    materials = Material.objects.filter(document=document, module__day__design=OuterRef("pk"))
    sources = NeedsSource.objects.filter(document=document, design=OuterRef("pk"))
    references = DesignReference.objects.filter(document=document, design=OuterRef("pk"))
    designs = list(
        visible.filter(
            Q(pk__in=Material.objects.filter(document=document).values("module__day__design_id"))
            | Q(pk__in=NeedsSource.objects.filter(document=document).values("design_id"))
            | Q(pk__in=DesignReference.objects.filter(document=document).values("design_id"))
        )
        .annotate(as_material=Exists(materials), as_source=Exists(sources), as_reference=Exists(references))
        .select_related("programme")
        .order_by("programme_id", "title", "id")
    )
    with_modules = [d.pk for d in designs if d.as_material]
    modules: dict[int, list[str]] = {}
    if with_modules:
        rows = (
            AgendaModule.objects.filter(materials__document=document, day__design_id__in=with_modules)
            .order_by("day__position", "day_id", "position", "id")
            .values_list("day__design_id", "id", "title")
            .distinct()
        )
        for design_id, _pk, title in rows:
            modules.setdefault(design_id, []).append(title)
    return [
        {
            "design": d,
            "modules": modules.get(d.pk, []),
            "as_source": d.as_source,
            "as_reference": d.as_reference,
        }
        for d in designs
    ]


def document_panel(request: HttpRequest, document: Document) -> dict[str, Any] | None:
    """Hidden (None) when no design the user may see uses the document: the public never sees designs."""
    usage = document_usage(user=request.user, document=document)
    return {"usage": usage} if usage else None


def register() -> None:
    register_object_panel(
        ObjectPanel(
            key="design_document_usage", kind="document", order=40, template=PANEL_TEMPLATE, context=document_panel
        )
    )
