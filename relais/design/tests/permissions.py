from typing import Any

from django.core.files.base import ContentFile

from relais.design.models import AdaptationItem, DesignReference, Material
from relais.design.tests.exports_permissions import PAGES as EXPORT_PAGES
from relais.design.tests.factories import make_complete_design
from relais.design.tests.rules_permissions import PAGES as RULE_PAGES
from relais.knowledge.tests.factories import make_document
from tests.matrix import ALL, PROGRAMME_MANAGERS, PROGRAMME_STAFF, Page

DESIGN_READERS = PROGRAMME_STAFF  # administrators, managers, coordinators, trainers, M&E officers
EDITORS = PROGRAMME_MANAGERS
POSTED = frozenset({200, 302, 400})


def context(ctx: dict[str, Any]) -> None:
    design = make_complete_design(programme=ctx["programme"])
    ctx["design"] = design
    ctx["objective"] = design.objectives.first()
    ctx["day"] = design.days.first()
    ctx["module"] = ctx["day"].modules.first()
    material = Material(module=ctx["module"], title="Slides")
    material.file.save("slides.txt", ContentFile(b"slides"), save=True)
    ctx["material"] = material
    ctx["source"] = design.needs_sources.first()
    ctx["item"] = AdaptationItem.objects.create(design=design, topic="legal_framework")
    ctx["design_document"] = make_document(title="Handbook on joint investigations")
    ctx["reference"] = DesignReference.objects.create(design=design, document=make_document(title="Further reading"))


def _d(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"pk": ctx["design"].pk}


PAGES = {
    "design:list": Page(may=ALL),
    "design:new": Page(may=EDITORS),
    "design:detail": Page(kwargs=_d, may=DESIGN_READERS),
    "design:status": Page(kwargs=_d, may=EDITORS, method="post", data=lambda ctx: {"status": "draft"}),
    "design:replicate": Page(kwargs=_d, may=EDITORS),
    "design:adaptation_item": Page(
        kwargs=lambda ctx: {"pk": ctx["design"].pk, "item_pk": ctx["item"].pk},
        may=EDITORS,
        method="post",
        data=lambda ctx: {"done": "on", "note": "Checked"},
    ),
    "design:edit": Page(kwargs=lambda ctx: {"pk": ctx["design"].pk, "section": "agenda"}, may=EDITORS),
    "design:source_add": Page(kwargs=_d, may=EDITORS, method="post", ok=POSTED),
    "design:source_delete": Page(
        kwargs=lambda ctx: {"pk": ctx["design"].pk, "source_pk": ctx["source"].pk}, may=EDITORS, method="post"
    ),
    "design:reference_add": Page(
        kwargs=_d, may=EDITORS, method="post", data=lambda ctx: {"document": ctx["design_document"].pk}
    ),
    "design:reference_delete": Page(
        kwargs=lambda ctx: {"pk": ctx["design"].pk, "reference_pk": ctx["reference"].pk}, may=EDITORS, method="post"
    ),
    "design:objective_add": Page(kwargs=_d, may=EDITORS, method="post", ok=POSTED),
    "design:objective_edit": Page(
        kwargs=lambda ctx: {"pk": ctx["design"].pk, "objective_pk": ctx["objective"].pk},
        may=EDITORS,
        method="post",
        data=lambda ctx: {"action": "down"},
    ),
    "design:day_add": Page(kwargs=_d, may=EDITORS, method="post", data=lambda ctx: {"title": "Day three"}),
    "design:day_edit": Page(
        kwargs=lambda ctx: {"pk": ctx["design"].pk, "day_pk": ctx["day"].pk},
        may=EDITORS,
        method="post",
        data=lambda ctx: {"action": "down"},
    ),
    "design:module_add": Page(
        kwargs=lambda ctx: {"pk": ctx["design"].pk, "day_pk": ctx["day"].pk}, may=EDITORS, method="post", ok=POSTED
    ),
    "design:module": Page(kwargs=lambda ctx: {"pk": ctx["design"].pk, "module_pk": ctx["module"].pk}, may=EDITORS),
    "design:module_move": Page(
        kwargs=lambda ctx: {"pk": ctx["design"].pk, "module_pk": ctx["module"].pk},
        may=EDITORS,
        method="post",
        data=lambda ctx: {"action": "down"},
    ),
    "design:material_add": Page(
        kwargs=lambda ctx: {"pk": ctx["design"].pk, "module_pk": ctx["module"].pk},
        may=EDITORS,
        method="post",
        ok=POSTED,
    ),
    "design:material_delete": Page(
        kwargs=lambda ctx: {"pk": ctx["design"].pk, "material_pk": ctx["material"].pk}, may=EDITORS, method="post"
    ),
    "design:material_file": Page(
        kwargs=lambda ctx: {"pk": ctx["design"].pk, "material_pk": ctx["material"].pk}, may=DESIGN_READERS
    ),
    **EXPORT_PAGES,
    **RULE_PAGES,
}
