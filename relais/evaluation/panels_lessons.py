"""The lessons learned blocks of a session's and a design's page (core.registry.ObjectPanel): the
lessons the user may see, and a link to record one. Registered by register(), which the app's
navigation.register() calls."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse

from relais.core.registry import ObjectPanel, register_object_panel
from relais.evaluation.selectors_lessons import lessons_visible

TEMPLATE = "evaluation/lessons/partials/panel.html"


def _related(qs: Any) -> Any:
    return qs.select_related("session", "session__country").order_by("-created_at", "-id")


def session_panel(request: HttpRequest, session: Any) -> dict[str, Any] | None:
    """Whoever sees a session's page may record a lesson from it (delivery.scoping.sessions_visible)."""
    lessons = list(_related(lessons_visible(user=request.user).filter(session=session)))
    return {
        "lessons": lessons,
        "add_url": reverse("evaluation:lesson_new_session", kwargs={"pk": session.pk}),
        "rollup_url": reverse("evaluation:lessons", kwargs={"pk": session.programme_id}),
        "kind": "session",
    }


def design_panel(request: HttpRequest, design: Any) -> dict[str, Any] | None:
    """The design's own lessons and those of its sessions (whoever sees the design may add one)."""
    lessons = list(_related(lessons_visible(user=request.user).filter(Q(design=design) | Q(session__design=design))))
    return {
        "lessons": lessons,
        "add_url": reverse("evaluation:lesson_new_design", kwargs={"pk": design.pk}),
        "rollup_url": reverse("evaluation:lessons", kwargs={"pk": design.programme_id}),
        "kind": "design",
    }


def register() -> None:
    register_object_panel(
        ObjectPanel(
            key="evaluation_lessons_session", kind="session", order=70, template=TEMPLATE, context=session_panel
        )
    )
    register_object_panel(
        ObjectPanel(key="evaluation_lessons_design", kind="design", order=70, template=TEMPLATE, context=design_panel)
    )
