"""Evaluation's results pages: the Evaluation index, a session's results, a programme's results by
group with filters (htmx swaps the table and charts) and their CSV export, and a questionnaire's item
analysis. Thin: find what the user may read (404 otherwise), read the figures, render."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from relais.core.http import is_htmx
from relais.delivery.scoping import session_get
from relais.evaluation.charts_results import likert_chart, pre_post_chart, programme_charts
from relais.evaluation.exports_results import CSV, results_csv
from relais.evaluation.forms_results import ResultsFilterForm, filter_choices
from relais.evaluation.item_analysis import analyse
from relais.evaluation.models import QuestionnaireKind
from relais.evaluation.scoping import (
    SMALL_N,
    may_see_names,
    programmes_for_results,
    questionnaire_get,
    results_scope,
)
from relais.evaluation.selectors_results import Selection, results
from relais.evaluation.selectors_results_groups import dimension_label, results_table
from relais.evaluation.selectors_results_items import application_examples, likert_items, objective_figures

PROGRAMME_BODY = "evaluation/results/partials/programme_body.html"


def optional_url(name: str, **kwargs: Any) -> str | None:
    """The address of a page another part of evaluation serves, or None while it does not exist."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def programme_links(programme_pk: int) -> dict[str, str | None]:
    return {
        "results": reverse("evaluation:programme_results", kwargs={"pk": programme_pk}),
        "network": optional_url("evaluation:network", pk=programme_pk),
        "lessons": optional_url("evaluation:lessons", pk=programme_pk),
    }


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The Evaluation menu: the programmes whose evaluation the user may read, with their pages."""
    from relais.evaluation.selectors_library import may_use_library

    entries = [{"programme": p, **programme_links(p.pk)} for p in programmes_for_results(user=request.user)]
    context = {"entries": entries, "may_use_library": may_use_library(user=request.user)}
    return render(request, "evaluation/index.html", context)


@login_required
def session_results(request: HttpRequest, pk: int) -> HttpResponse:
    """Levels 1–4 of one session, for whoever sees the session (404 otherwise)."""
    session = session_get(user=request.user, pk=pk)
    selection = Selection.of_session(session.pk)
    table = results_table(selection, "profession")
    items = likert_items(session_id=session.pk)
    profession = dimension_label("profession")
    context = {
        "session": session,
        "table": table,
        "total": table.total,
        "level4": results(selection),
        "items": items,
        "objectives": objective_figures(selection),
        "examples": application_examples(
            selection, names=may_see_names(user=request.user, programme_id=session.programme_id), limit=20
        ),
        "questionnaires": list(session.questionnaires.order_by("kind", "pk")),
        "charts": [likert_chart(items), pre_post_chart(table.rows, profession)],
        "links": programme_links(session.programme_id),
        "small_n": SMALL_N,
    }
    return render(request, "evaluation/results/session.html", context)


def _programme_context(request: HttpRequest, pk: int) -> dict[str, Any]:
    scope = results_scope(user=request.user, programme_pk=pk)
    form = ResultsFilterForm(request.GET or None, choices=filter_choices(scope))
    by, filters = form.selection()
    selection = Selection.of_scope(scope, filters)
    table = results_table(selection, by)
    query = request.GET.urlencode()
    return {
        "programme": scope.programme,
        "scope": scope,
        "form": form,
        "filters": filters,
        "table": table,
        "total": table.total,
        "level4": results(selection),
        "charts": programme_charts(table.rows, table.by_label),
        "objectives": objective_figures(selection) if filters.design is not None else None,
        "examples": application_examples(selection, names=scope.names),
        "links": programme_links(scope.programme.pk),
        "csv_url": reverse("evaluation:programme_results_csv", kwargs={"pk": pk}) + (f"?{query}" if query else ""),
        "small_n": SMALL_N,
    }


@login_required
def programme_results(request: HttpRequest, pk: int) -> HttpResponse:
    """A programme's figures by group, within what the user may read; filters swap the body (htmx)."""
    context = _programme_context(request, pk)
    template = PROGRAMME_BODY if is_htmx(request) else "evaluation/results/programme.html"
    return render(request, template, context)


@login_required
def programme_results_csv(request: HttpRequest, pk: int) -> HttpResponse:
    scope = results_scope(user=request.user, programme_pk=pk)
    form = ResultsFilterForm(request.GET or None, choices=filter_choices(scope))
    by, filters = form.selection()
    table = results_table(Selection.of_scope(scope, filters), by)
    title = _("Results of %(programme)s by %(group)s") % {"programme": scope.programme.title, "group": table.by_label}
    response = HttpResponse(results_csv(table, title=title), content_type=CSV)
    name = f"results-{scope.programme.code}-by-{table.by}.csv"
    response["Content-Disposition"] = content_disposition_header(True, name) or ""
    return response


@login_required
def item_analysis(request: HttpRequest, pk: int) -> HttpResponse:
    """Difficulty and discrimination of a test's items, and every item's answer distribution."""
    questionnaire = questionnaire_get(user=request.user, pk=pk)
    analysis = analyse(questionnaire)
    return render(
        request,
        "evaluation/results/item_analysis.html",
        {
            "questionnaire": questionnaire,
            "session": questionnaire.session,
            "analysis": analysis,
            "is_test": questionnaire.kind in (QuestionnaireKind.PRE_TEST, QuestionnaireKind.POST_TEST),
        },
    )
