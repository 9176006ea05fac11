"""Design pages: list, creation, the design page, status, replication and its checklist."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from relais.core.http import is_htmx
from relais.design import selectors, services, services_replication
from relais.design.checker import check_design
from relais.design.documents import agenda_materials, attach_documents
from relais.design.forms import AdaptationForm, DesignCreateForm, DesignFilterForm, ReplicateForm, StatusForm
from relais.design.models import AdaptationItem, DesignStatus, Sustainability
from relais.programmes.models import Programme

PAGE_SIZE = 50


@login_required
def design_index(request: HttpRequest) -> HttpResponse:
    visible_programmes = Programme.objects.filter(
        pk__in=selectors.designs_visible(user=request.user).values("programme_id")
    ).order_by("code")
    form = DesignFilterForm(request.GET or None, programmes=visible_programmes)
    filters = selectors.DesignFilters()
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        filters = selectors.DesignFilters(
            programme=d["programme"].pk if d["programme"] else None,
            type=d["type"],
            format=d["format"],
            status=d["status"],
            check=d["check"],
            query=d["q"].strip(),
        )
    page = Paginator(selectors.design_list(user=request.user, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "form": form,
        "page": page,
        "may_create": selectors.programmes_for_new_designs(user=request.user).exists(),
    }
    if is_htmx(request):
        return render(request, "design/partials/design_table.html", context)
    return render(request, "design/list.html", context)


@login_required
def design_new(request: HttpRequest) -> HttpResponse:
    programmes = selectors.programmes_for_new_designs(user=request.user)
    if not programmes.exists():
        raise Http404
    initial = {"programme": request.GET.get("programme")} if request.GET.get("programme") else None
    form = DesignCreateForm(request.POST or None, programmes=programmes, initial=initial)
    if request.method == "POST" and form.is_valid():
        design = services.design_create(actor=request.user, request=request, **form.cleaned_data)
        messages.success(request, _("Design created. Complete it section by section; the check on the right follows."))
        return redirect("design:edit", pk=design.pk, section="countries")
    return render(request, "design/new.html", {"form": form})


@login_required
def design_detail(request: HttpRequest, pk: int) -> HttpResponse:
    design = selectors.design_get(user=request.user, pk=pk)
    days = selectors.agenda(design=design)
    sources = list(design.needs_sources.all())
    references = list(design.references.all())
    # The documents linked from materials, sources and references, in two queries for them all.
    attach_documents(user=request.user, items=[*agenda_materials(days), *sources, *references])
    context = {
        "design": design,
        "may_edit": selectors.may_edit(user=request.user, design=design),
        "report": check_design(design),
        "days": days,
        "total_minutes": sum(d.total_minutes for d in days),  # type: ignore[attr-defined]
        "seats": selectors.seat_matrix(design=design),
        "objectives": list(design.objectives.all()),
        "sources": sources,
        "references": [r for r in references if r.linked],  # type: ignore[attr-defined]
        "partners": list(design.partners.select_related("country")),
        "sustainability": [label for value, label in Sustainability.choices if value in design.sustainability],
        "lineage": selectors.lineage(user=request.user, design=design),
        "adaptation": list(design.adaptation_items.select_related("done_by")),
        "status_form": StatusForm(initial={"status": design.status}),
        "may_replicate": selectors.programmes_for_new_designs(user=request.user).exists(),
    }
    return render(request, "design/detail.html", context)


@login_required
@require_POST
def design_status(request: HttpRequest, pk: int) -> HttpResponse:
    design = selectors.design_for_editing(user=request.user, pk=pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.design_set_status(
                actor=request.user, design=design, status=form.cleaned_data["status"], request=request
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Status: %(status)s.") % {"status": DesignStatus(design.status).label})
    return redirect("design:detail", pk=design.pk)


@login_required
def design_replicate(request: HttpRequest, pk: int) -> HttpResponse:
    source = selectors.design_get(user=request.user, pk=pk)
    programmes = selectors.programmes_for_new_designs(user=request.user)
    if not programmes.exists():
        raise Http404
    initial = {"title": source.title}
    form = ReplicateForm(request.POST or None, programmes=programmes, initial=initial)
    if request.method == "POST" and form.is_valid():
        copy = services_replication.design_replicate(
            actor=request.user,
            source=source,
            programme=form.cleaned_data["programme"],
            title=form.cleaned_data["title"],
            countries=form.cleaned_data["country_roles"],
            request=request,
        )
        messages.success(request, _("A linked draft was made. Work through the adaptation checklist below."))
        return redirect("design:detail", pk=copy.pk)
    return render(request, "design/replicate.html", {"form": form, "source": source})


@login_required
@require_POST
def adaptation_item(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    design = selectors.design_for_editing(user=request.user, pk=pk)
    item = get_object_or_404(AdaptationItem, pk=item_pk, design=design)
    form = AdaptationForm(request.POST)
    if form.is_valid():
        services_replication.adaptation_item_set(actor=request.user, item=item, request=request, **form.cleaned_data)
    if is_htmx(request):
        context: dict[str, Any] = {"design": design, "item": item, "may_edit": True}
        return render(request, "design/partials/adaptation_item.html", context)
    return redirect("design:detail", pk=design.pk)
