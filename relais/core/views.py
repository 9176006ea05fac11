from __future__ import annotations

from typing import Any

from django import forms
from django.apps import apps as django_apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.forms import modelform_factory
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from relais.core import registry
from relais.core.forms import StyledForm, StyledModelForm
from relais.core.http import is_htmx
from relais.core.models import Country
from relais.core.pagination import CappedPaginator
from relais.core.selectors import (
    AuditFilters,
    audit_event_list,
    ensure_administrator,
    reference_get,
    reference_list,
    reference_model,
)
from relais.core.services import reference_item_save

PAGE_SIZE = 50


@login_required
def home(request: HttpRequest) -> HttpResponse:
    panels = []
    for panel in registry.dashboard_panels():
        context = panel.context(request)
        if context is not None:
            panels.append({"template": panel.template, "context": context})
    return render(request, "core/home.html", {"panels": panels})


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_required
def administration(request: HttpRequest) -> HttpResponse:
    ensure_administrator(request.user)
    links = [
        {"url": reverse(link.url_name), "label": link.label, "description": link.description}
        for link in registry.admin_links()
    ]
    return render(request, "core/administration/index.html", {"kinds": _reference_kinds(), "extra_links": links})


def _reference_kinds() -> list[dict[str, Any]]:
    return [
        {"kind": kind, "label": model._meta.verbose_name_plural}
        for kind, model in (
            ("countries", reference_model("countries")),
            ("professions", reference_model("professions")),
            ("themes", reference_model("themes")),
            ("languages", reference_model("languages")),
        )
    ]


@login_required
def reference_index(request: HttpRequest, kind: str) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    items = reference_list(user=request.user, kind=kind, query=query)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    model = reference_model(kind)
    context = {"kind": kind, "model_label": model._meta.verbose_name_plural, "page": page, "query": query}
    template = "core/administration/partials/reference_table.html" if is_htmx(request) else None
    return render(request, template or "core/administration/reference_list.html", context)


def _reference_form(kind: str) -> type[StyledModelForm]:
    model = reference_model(kind)
    fields = ["code", "name_en", "name_fr", "is_active", "position"]
    if model is Country:
        fields.insert(1, "alpha3")
    return modelform_factory(model, form=StyledModelForm, fields=fields)  # type: ignore[return-value]


@login_required
def reference_edit(request: HttpRequest, kind: str, pk: int | None = None) -> HttpResponse:
    ensure_administrator(request.user)
    instance = reference_get(user=request.user, kind=kind, pk=pk) if pk is not None else None
    form_class = _reference_form(kind)
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        item = reference_item_save(actor=request.user, form=form, request=request)
        messages.success(request, _("Saved: %(name)s.") % {"name": item.name})
        return redirect("core:reference", kind=kind)
    model = reference_model(kind)
    return render(
        request,
        "core/administration/reference_form.html",
        {"form": form, "kind": kind, "item": instance, "model_label": model._meta.verbose_name_plural},
    )


class AuditFilterForm(StyledForm):
    actor = forms.EmailField(label=gettext_lazy("Actor's e-mail"), required=False, max_length=254)
    action = forms.ChoiceField(label=gettext_lazy("Action"), required=False)
    object_type = forms.ChoiceField(label=gettext_lazy("Object type"), required=False)
    date_from = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        actions = sorted(registry.audit_actions().items(), key=lambda kv: str(kv[1]))
        self.fields["action"].choices = [("", _("All actions")), *actions]  # type: ignore[attr-defined]
        types = sorted(
            (
                (m._meta.label_lower, str(m._meta.verbose_name).capitalize())
                for m in django_apps.get_models()
                if m.__module__.startswith("relais.")
            ),
            key=lambda kv: kv[1],
        )
        self.fields["object_type"].choices = [("", _("All types")), *types]  # type: ignore[attr-defined]


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    ensure_administrator(request.user)
    form = AuditFilterForm(request.GET or None)
    filters = AuditFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = AuditFilters(
            actor=data["actor"].strip(),
            action=data["action"],
            object_type=data["object_type"].strip(),
            object_id=request.GET.get("object_id", "").strip()[:40],
            date_from=data["date_from"],
            date_to=data["date_to"],
        )
    events = audit_event_list(user=request.user, filters=filters)
    page = CappedPaginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "querystring": query.urlencode()}
    if is_htmx(request):
        return render(request, "core/administration/partials/audit_table.html", context)
    return render(request, "core/administration/audit_log.html", context)
