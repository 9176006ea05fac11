"""The replication kits block of a design's page (core.registry.ObjectPanel kind "design"): the form
"Build a replication kit" for those who may build, and the design's kit builds the user may see.
Registered by register(), which navigation.register() calls in ready()."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from relais.core.registry import ObjectPanel, register_object_panel
from relais.publications import kits, scoping

SHOWN = 10  # the latest builds; older ones are on the publications index


def design_block(request: HttpRequest, design: Any) -> dict[str, Any] | None:
    user = request.user
    may_build = scoping.may_build(user, design.programme_id)
    builds = list(kits.kit_builds(user=user, design=design).order_by("-created_at", "-id")[: SHOWN + 1])
    if not may_build and not builds:
        return None
    return {
        "design": design,
        "may_build": may_build,
        "form": kits_form(),
        "kit_builds": builds[:SHOWN],
        "more": len(builds) > SHOWN,
        "action": reverse("publications:kit_new", kwargs={"pk": design.pk}),
    }


def kits_form() -> Any:
    from django.utils.translation import get_language

    from relais.publications.views_kits import KitForm

    return KitForm(initial={"language": (get_language() or "en")[:2]})


def register() -> None:
    register_object_panel(
        ObjectPanel(
            key="publications_kits_design",
            kind="design",
            order=80,
            template="publications/partials/kit_panel.html",
            context=design_block,
        )
    )
