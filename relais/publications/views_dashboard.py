"""The programme dashboard (DESIGN.md §4): key figures and charts with filters, and each chart's
download as SVG, PNG or CSV.

Who may: everyone with a role in the programme, and administrators (`results_scope` decides, and
narrows coordinators to their countries and trainers to their sessions); viewers see no figure over
fewer than five people, in the page and in the downloads. Everyone else gets 404.
Filters are a GET form; with htmx only the figures are swapped, without it the page reloads.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from relais.core.http import is_htmx
from relais.delivery.exports_participants import CSV, Table, to_csv
from relais.evaluation import charts
from relais.evaluation.scoping import SMALL_N, results_scope
from relais.publications.dashboard import Dashboard
from relais.publications.dashboard_charts import CHARTS, all_charts, key_figures, period_text
from relais.publications.dashboard_forms import DashboardFilterForm

CHART_KEYS = list(CHARTS)
FORMATS = {"svg": "image/svg+xml", "png": "image/png", "csv": CSV}


def _read(request: HttpRequest, pk: int) -> tuple[Dashboard, DashboardFilterForm]:
    scope = results_scope(user=request.user, programme_pk=pk)
    form = DashboardFilterForm(request.GET or None, scope=scope)
    if form.is_bound:
        form.is_valid()  # the errors are shown; the filters that hold apply
    return Dashboard(scope, form.filters()), form


@login_required
@require_GET
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    dash, form = _read(request, pk)
    chart_list = all_charts(dash)
    ctx: dict[str, Any] = {
        "programme": dash.programme,
        "scope": dash.scope,
        "form": form,
        "dash": dash,
        "figures": key_figures(dash),
        "period": period_text(dash),
        "headline": dash.headline,
        "charts": {c.key.replace("-", "_"): c for c in chart_list},
        "indicators": list(zip(chart_list[CHART_KEYS.index("indicators")].rows, dash.indicators, strict=True)),
        "query": request.GET.urlencode(),
        "suppress": dash.suppress,
        "small_n": SMALL_N,
    }
    if is_htmx(request):
        return render(request, "publications/partials/dashboard_figures.html", {**ctx, "oob": True})
    return render(request, "publications/dashboard.html", ctx)


@login_required
@require_GET
def dashboard_chart(request: HttpRequest, pk: int, key: str, fmt: str) -> HttpResponse:
    """One chart of the dashboard, with the page's filters: its drawing (SVG, PNG) or its data (CSV)."""
    if key not in CHARTS or fmt not in FORMATS:
        raise Http404
    dash, _form = _read(request, pk)
    chart = CHARTS[key](dash)
    if fmt == "csv":
        body = to_csv(Table(title=chart.title, headers=chart.headers, rows=chart.rows))
    elif chart.spec is None:
        raise Http404
    elif fmt == "svg":
        body = charts.svg(chart.spec).encode()
    else:
        body = charts.png(chart.spec)
    response = HttpResponse(body, content_type=FORMATS[fmt])
    name = f"{dash.programme.code}-{key}-{timezone.localdate().isoformat()}.{fmt}"
    response["Content-Disposition"] = content_disposition_header(True, name) or ""
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
