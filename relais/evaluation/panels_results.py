"""Blocks that evaluation adds to the session and programme pages (core.registry.ObjectPanel): the
headline figures of levels 1–4 with their n, and links to the results pages. Registered by register(),
which the app's navigation.register() calls in ready()."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest

from relais.core.registry import ObjectPanel, register_object_panel
from relais.evaluation.scoping import SMALL_N, results_scope
from relais.evaluation.selectors_results import Selection, headline


def session_block(request: HttpRequest, session: Any) -> dict[str, Any] | None:
    """The session page is shown only to those who see the session: the same readers as its results."""
    from relais.evaluation.views_results import programme_links

    figures = headline(Selection.of_session(session.pk), with_results=False)
    return {"figures": figures, "links": programme_links(session.programme_id), "small_n": SMALL_N}


def programme_block(request: HttpRequest, programme: Any) -> dict[str, Any] | None:
    """Within what the user may read of the programme's results; hidden for the others."""
    from relais.evaluation.views_results import programme_links

    try:
        scope = results_scope(user=request.user, programme_pk=programme.pk)
    except Http404:
        return None
    return {
        "figures": headline(Selection.of_scope(scope)),
        "scope": scope,
        "links": programme_links(programme.pk),
        "small_n": SMALL_N,
    }


def register() -> None:
    register_object_panel(
        ObjectPanel(
            key="evaluation_results_session",
            kind="session",
            order=60,
            template="evaluation/results/panels/session.html",
            context=session_block,
        )
    )
    register_object_panel(
        ObjectPanel(
            key="evaluation_results_programme",
            kind="programme",
            order=60,
            template="evaluation/results/panels/programme.html",
            context=programme_block,
        )
    )
