"""The home page's block of questionnaires waiting for answers (DESIGN.md §5b): the open
questionnaires of the sessions the user evaluates, with how many have answered so far."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest

from relais.core.registry import DashboardPanel, register_panel
from relais.evaluation.models import QuestionnaireStatus, ResponseStatus
from relais.evaluation.scoping import questionnaires_manageable

SHOWN = 6


def _rate(answered: int, invited: int) -> int | None:
    return round(100 * answered / invited) if invited else None


def waiting_questionnaires(request: HttpRequest) -> dict[str, Any] | None:
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return None
    open_ = questionnaires_manageable(user=user).filter(status=QuestionnaireStatus.OPEN)
    rows = list(
        open_.select_related("session")
        .annotate(
            invited=Count("invitations", distinct=True),
            answered=Count("responses", filter=Q(responses__status=ResponseStatus.SUBMITTED), distinct=True),
        )
        .order_by("closes_on", "session__start_date", "id")[:SHOWN]
    )
    if not rows:
        return None
    shown = [
        {"q": row, "invited": row.invited, "answered": row.answered, "rate": _rate(row.answered, row.invited)}
        for row in rows
    ]
    return {"questionnaires": shown, "total": open_.count() if len(rows) == SHOWN else len(rows)}


def register() -> None:
    register_panel(
        DashboardPanel(
            key="waiting_questionnaires",
            order=25,
            template="evaluation/partials/dashboard_waiting.html",
            context=waiting_questionnaires,
        )
    )
