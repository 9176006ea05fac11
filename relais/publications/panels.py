"""Blocks that publications adds to lower apps' pages (core.registry.ObjectPanel): on the programme
page, a link to its dashboard. Registered by register(), which navigation.register() calls in ready()."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from relais.core.registry import ObjectPanel, register_object_panel
from relais.publications.scoping import may_see_programme


def programme_block(request: HttpRequest, programme: Any) -> dict[str, Any] | None:
    if not may_see_programme(request.user, programme.pk):
        return None
    return {"dashboard_url": reverse("publications:dashboard", kwargs={"pk": programme.pk})}


def register() -> None:
    register_object_panel(
        ObjectPanel(
            key="publications_dashboard_programme",
            kind="programme",
            order=55,
            template="publications/partials/dashboard_panel.html",
            context=programme_block,
        )
    )
