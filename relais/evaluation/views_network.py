"""The cooperation network page of a programme (DESIGN.md §4, level 4) and the CSV of its ties.

Who may: whoever may read the programme's results (scoping.results_scope) — administrators,
managers, M&E officers and viewers of the programme, coordinators for the sessions of their
countries, trainers for the sessions they train; everyone else gets 404. Names only for roles that
see personal data; viewers see no figure over fewer than five participants and get no CSV (404).
Filters are a GET form; with htmx only the results are swapped, without it the page reloads.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from relais.core.audit import audit_record
from relais.core.http import is_htmx
from relais.evaluation.charts_network import growth_chart
from relais.evaluation.exports_network import CSV, ties_csv
from relais.evaluation.forms_network import ORGANISATIONS, NetworkFilterForm
from relais.evaluation.network_svg import Drawing, organisation_drawing, people_drawing
from relais.evaluation.scoping import SMALL_N, ResultsScope, results_scope
from relais.evaluation.selectors_network import Network, NetworkFilters, network_read
from relais.evaluation.selectors_network_organisations import organisation_network

TABLE_ROWS = 500  # ties listed on the page; the CSV has them all


def _percent(fraction: float | None, digits: int = 0) -> str:
    if fraction is None:
        return "—"
    return _("%(value)s%%") % {"value": number_format(round(fraction * 100, digits), decimal_pos=digits)}


def _count(n: int, suppress: bool) -> str:
    """A count as a viewer may read it: from 1 to 4 it is "fewer than 5"."""
    if suppress and 0 < n < SMALL_N:
        return _("fewer than %(n)s") % {"n": SMALL_N}
    return number_format(n)


def _read(request: HttpRequest, pk: int) -> tuple[ResultsScope, NetworkFilterForm, NetworkFilters]:
    scope = results_scope(user=request.user, programme_pk=pk)
    form = NetworkFilterForm(request.GET or None, programme=scope.programme)
    if form.is_bound:
        form.is_valid()  # the errors are shown; the filters that hold apply
    return scope, form, form.filters()


def _drawing(network: Network, view: str) -> tuple[Drawing | None, bool]:
    """The drawing of the chosen view; people over the cap fall back to organisations (True)."""
    if view != ORGANISATIONS:
        drawing = people_drawing(network, label=_("Cooperation network between people, coloured by country"))
        if drawing is not None:
            return drawing, False
    orgs = organisation_network(network)
    label = _("Cooperation network between organisations, coloured by country")
    return organisation_drawing(orgs, label=label), view != ORGANISATIONS


def _context(
    request: HttpRequest, scope: ResultsScope, form: NetworkFilterForm, filters: NetworkFilters
) -> dict[str, Any]:
    network = network_read(scope=scope, filters=filters)
    f = network.figures
    suppress = scope.suppress_small
    query = request.GET.urlencode()
    ctx: dict[str, Any] = {
        "programme": scope.programme,
        "form": form,
        "network": network,
        "figures": f,
        "suppressed": network.suppressed,
        "small_n": SMALL_N,
        "view": form.chosen_view(),
        "names": scope.names,
        "may_download": not suppress,
        "query": query,
        "share_cross_border": _percent(f.share_cross_border),
        "density": _percent(f.density, 1),
    }
    if network.suppressed:
        return ctx
    drawing, aggregated = _drawing(network, ctx["view"])
    table = network.ties[:TABLE_ROWS]
    ctx.update(
        {
            "drawing": drawing,
            "aggregated": aggregated,
            "ties_table": [(t, network.nodes[t.a], network.nodes[t.b]) for t in table] if not suppress else [],
            "ties_hidden": max(0, len(network.ties) - TABLE_ROWS),
            "country_pairs": [(a, b, _count(n, suppress)) for a, b, n in network.ties_by_country_pair()],
            "events_by_type": [(label, _count(n, suppress)) for _code, label, n in network.events_by_type],
            "events_total": _count(network.figures.events, suppress),
            "organisations_named": [(o, _count(n, suppress)) for o, n in network.organisations_named[:30]],
            "organisations_more": max(0, len(network.organisations_named) - 30),
            "growth": growth_chart(network.growth),
        }
    )
    return ctx


@login_required
@require_GET
def network_page(request: HttpRequest, pk: int) -> HttpResponse:
    scope, form, filters = _read(request, pk)
    ctx = _context(request, scope, form, filters)
    if is_htmx(request):
        return render(request, "evaluation/network/partials/results.html", {**ctx, "oob": True})
    return render(request, "evaluation/network/page.html", ctx)


@login_required
@require_GET
def network_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The ties behind the page, with its filters; names only for roles that see personal data."""
    scope, _form, filters = _read(request, pk)
    if scope.suppress_small:
        raise Http404
    network = network_read(scope=scope, filters=filters)
    audit_record(
        actor=request.user,
        action="network.export",
        obj=scope.programme,
        details={"rows": len(network.ties), "names": scope.names, "filters": request.GET.urlencode()},
        request=request,
    )
    response = HttpResponse(ties_csv(network), content_type=CSV)
    name = f"network-ties-{scope.programme.code}-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = content_disposition_header(True, name) or ""
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
