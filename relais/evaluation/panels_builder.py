"""The questionnaires block on a session's page (delivery), registered with core.registry. The lead
calls register() from navigation.register()."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from relais.core.registry import ObjectPanel, register_object_panel

KIND_ORDER = {"pre": 0, "post": 1, "satisfaction": 2, "follow_up": 3, "custom": 4}


def session_panel_context(request: HttpRequest, session: Any) -> dict[str, Any] | None:
    """The session's questionnaires with links, for whoever may see the session (hidden otherwise)."""
    from relais.delivery.scoping import sessions_visible
    from relais.evaluation.models import Questionnaire
    from relais.evaluation.scoping import may_evaluate

    user = request.user
    if not sessions_visible(user=user).filter(pk=session.pk).exists():
        return None
    questionnaires = list(Questionnaire.objects.filter(session=session).only("pk", "title", "kind", "status"))
    questionnaires.sort(key=lambda q: (KIND_ORDER.get(q.kind, 9), q.pk))
    return {"questionnaires": questionnaires, "may_manage": may_evaluate(user=user, session=session)}


def register() -> None:
    register_object_panel(
        ObjectPanel(
            key="evaluation_questionnaires",
            kind="session",
            order=20,
            template="evaluation/builder/panels/session.html",
            context=session_panel_context,
        )
    )
