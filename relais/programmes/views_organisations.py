"""Organisations (list, create, edit) and a programme's partners."""

from __future__ import annotations

import copy
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from relais.core.http import is_htmx
from relais.programmes import services, services_organisations
from relais.programmes.forms import PartnerSearchForm, add_service_errors
from relais.programmes.forms_organisations import OrganisationFilterForm, OrganisationForm
from relais.programmes.models import Organisation
from relais.programmes.selectors import programme_get_managed
from relais.programmes.selectors_organisations import (
    OrganisationFilters,
    organisation_get_editable,
    organisation_list,
    organisation_scope,
    organisation_search,
)

PAGE_SIZE = 50
PARTNER_RESULTS = 20


@login_required
def organisation_index(request: HttpRequest) -> HttpResponse:
    scope = organisation_scope(user=request.user)
    form = OrganisationFilterForm(request.GET or None)
    filters = OrganisationFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        country = data["country"]
        filters = OrganisationFilters(
            query=data["q"], country=country.pk if country else None, sector=data["sector"], kind=data["kind"]
        )
    page = Paginator(organisation_list(user=request.user, filters=filters), PAGE_SIZE).get_page(request.GET.get("page"))
    for organisation in page:
        organisation.editable = scope.may_edit(organisation)  # type: ignore[attr-defined]
    context = {"form": form, "page": page, "scope": scope, "filtered": filters != OrganisationFilters()}
    if is_htmx(request):
        return render(request, "programmes/partials/organisation_table.html", context)
    return render(request, "programmes/organisations.html", context)


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    scope = organisation_scope(user=request.user)
    if not scope.may_create:
        raise Http404
    form = OrganisationForm(request.POST or None, scope=scope)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services_organisations.organisation_create(
                actor=request.user, request=request, **form.service_values()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Organisation recorded: %(name)s.") % {"name": organisation})
            return redirect("programmes:organisations")
    return _form(request, form, None)


@login_required
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation, scope = organisation_get_editable(user=request.user, pk=pk)
    form = OrganisationForm(request.POST or None, instance=copy.copy(organisation), scope=scope)
    if request.method == "POST" and form.is_valid():
        try:
            services_organisations.organisation_update(
                actor=request.user, organisation=organisation, request=request, **form.service_values()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Organisation saved: %(name)s.") % {"name": organisation})
            return redirect("programmes:organisations")
    return _form(request, form, organisation)


def _form(request: HttpRequest, form: OrganisationForm, organisation: Organisation | None) -> HttpResponse:
    context = {"form": form, "organisation": organisation}
    return render(request, "programmes/organisation_form.html", context, status=400 if form.errors else 200)


# --- Partners of a programme ------------------------------------------------------------------------


@login_required
def partners(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_get_managed(user=request.user, pk=pk)
    form = PartnerSearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    current = list(programme.partners.select_related("country").order_by("name"))
    found: list[Organisation] = []
    if query:
        candidates = organisation_search(Organisation.objects.select_related("country"), query)
        found = list(candidates.exclude(pk__in=[o.pk for o in current]).order_by("name", "id")[:PARTNER_RESULTS])
    context: dict[str, Any] = {
        "programme": programme,
        "partners": current,
        "form": form,
        "query": query,
        "found": found,
        "limit": PARTNER_RESULTS,
    }
    if is_htmx(request):
        return render(request, "programmes/partials/partner_results.html", context)
    return render(request, "programmes/partners.html", context)


def _organisation(request: HttpRequest) -> Organisation:
    try:
        return Organisation.objects.get(pk=int(request.POST.get("organisation", "")))
    except (ValueError, Organisation.DoesNotExist):
        raise Http404 from None


@login_required
@require_POST
def partner_add(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_get_managed(user=request.user, pk=pk)
    organisation = _organisation(request)
    services.programme_partner_add(actor=request.user, programme=programme, organisation=organisation, request=request)
    messages.success(request, _("Partner added: %(name)s.") % {"name": organisation})
    return _back(programme.pk, request.POST.get("q", ""))


@login_required
@require_POST
def partner_remove(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_get_managed(user=request.user, pk=pk)
    organisation = _organisation(request)
    services.programme_partner_remove(
        actor=request.user, programme=programme, organisation=organisation, request=request
    )
    messages.success(request, _("Partner removed: %(name)s.") % {"name": organisation})
    return _back(programme.pk, request.POST.get("q", ""))


def _back(pk: int, query: str) -> HttpResponse:
    """Back to the partners page, with the search that was shown (to add several in a row)."""
    url = reverse("programmes:partners", kwargs={"pk": pk})
    query = query.strip()[:100]
    return redirect(f"{url}?{urlencode({'q': query})}" if query else url)
