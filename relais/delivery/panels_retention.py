"""The "Personal data" block that delivery adds to the programme page (core.registry.ObjectPanel):
the programme's retention period and a link to who is due for anonymisation. Managers and
administrators only; hidden for everyone else."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse

from relais.core.registry import ObjectPanel, register_object_panel


def programme_block(request: HttpRequest, programme: Any) -> dict[str, Any] | None:
    from relais.programmes.selectors import programme_scope

    try:
        if not programme_scope(user=request.user, programme=programme).is_manager:
            return None
    except Http404:
        return None
    return {
        "period": programme.retention_months,
        "url": reverse("delivery:programme_retention", kwargs={"pk": programme.pk}),
    }


def register() -> None:
    register_object_panel(
        ObjectPanel(
            key="delivery_retention_programme",
            kind="programme",
            order=70,
            template="delivery/retention/panel.html",
            context=programme_block,
        )
    )
