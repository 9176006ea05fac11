"""Learning objectives and the agenda builder: days, modules (reordered without reloading the page
when htmx is there), materials. Every write carries the design's version its form was made from (see
editor_views): when the design changed meanwhile nothing is saved and the input is shown again (409);
a row removed meanwhile is said to be gone."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from relais.core.concurrency import EditConflict, posted_version
from relais.core.http import is_htmx
from relais.design import forms, selectors, services_agenda
from relais.design.documents import attach_documents
from relais.design.editor_views import (
    GONE,
    _saved,
    _section_context,
    conflict_response,
    editor_response,
    gone_response,
)
from relais.design.models import ActivityDesign, AgendaDay, AgendaModule, LearningObjective, Material
from relais.knowledge.views_pick import pick_context

ACTIONS = {"save", "up", "down", "delete"}


def _version(request: HttpRequest) -> int | None:
    return posted_version(request.POST)


def _action(request: HttpRequest) -> str:
    """Which button of a row was pressed: save, up, down or delete."""
    action = request.POST.get("action", "save")
    if action not in ACTIONS:
        raise Http404
    return action


@login_required
@require_POST
def objective_add(request: HttpRequest, pk: int) -> HttpResponse:
    design = selectors.design_for_editing(user=request.user, pk=pk)
    form = forms.ObjectiveForm(request.POST)
    context = _section_context(design, "objectives")
    context["form"] = form
    if form.is_valid():
        try:
            services_agenda.objective_save(
                actor=request.user, design=design, request=request, version=_version(request), **form.cleaned_data
            )
        except EditConflict as conflict:
            return conflict_response(request, design, "objectives", context, conflict)
        return _saved(request, design, "objectives")
    return editor_response(request, design, "objectives", context, status=200 if is_htmx(request) else 400)


@login_required
@require_POST
def objective_edit(request: HttpRequest, pk: int, objective_pk: int) -> HttpResponse:
    design = selectors.design_for_editing(user=request.user, pk=pk)
    objective = LearningObjective.objects.filter(pk=objective_pk, design=design).first()
    action, version = _action(request), _version(request)
    if objective is None:
        return gone_response(request, design, "objectives")
    form = forms.ObjectiveForm(request.POST, prefix=f"o{objective.pk}")
    try:
        if action == "delete":
            services_agenda.objective_delete(actor=request.user, objective=objective, request=request, version=version)
        elif action in ("up", "down"):
            services_agenda.objective_move(
                actor=request.user, objective=objective, direction=action, request=request, version=version
            )
        else:
            if not form.is_valid():
                messages.error(request, _("An objective needs its kind and its text."))
                return _saved_without_message(request, design)
            services_agenda.objective_save(
                actor=request.user,
                design=design,
                objective=objective,
                request=request,
                version=version,
                **form.cleaned_data,
            )
    except EditConflict as conflict:
        context = _section_context(design, "objectives")
        if action == "save":  # the row shows the text typed, not saved
            for shown in context["objectives"]:
                if shown.pk == objective.pk:
                    shown.kind, shown.text = form.cleaned_data["kind"], form.cleaned_data["text"]
        return conflict_response(request, design, "objectives", context, conflict)
    return _saved(request, design, "objectives")


def _saved_without_message(request: HttpRequest, design: object) -> HttpResponse:
    return redirect("design:edit", pk=design.pk, section="objectives")  # type: ignore[attr-defined]


@login_required
@require_POST
def day_add(request: HttpRequest, pk: int) -> HttpResponse:
    design = selectors.design_for_editing(user=request.user, pk=pk)
    form = forms.DayForm(request.POST)
    if form.is_valid():
        try:
            services_agenda.day_save(
                actor=request.user,
                design=design,
                title=form.cleaned_data["title"],
                request=request,
                version=_version(request),
            )
        except EditConflict as conflict:
            context = _section_context(design, "agenda")
            context["day_form"] = form
            return conflict_response(request, design, "agenda", context, conflict)
    return _saved(request, design, "agenda")


@login_required
@require_POST
def day_edit(request: HttpRequest, pk: int, day_pk: int) -> HttpResponse:
    design = selectors.design_for_editing(user=request.user, pk=pk)
    day = AgendaDay.objects.filter(pk=day_pk, design=design).first()
    action, version = _action(request), _version(request)
    if day is None:
        return gone_response(request, design, "agenda")
    form = forms.DayForm(request.POST, prefix=f"d{day.pk}")
    try:
        if action == "delete":
            services_agenda.day_delete(actor=request.user, day=day, request=request, version=version)
        elif action in ("up", "down"):
            services_agenda.day_move(actor=request.user, day=day, direction=action, request=request, version=version)
        elif form.is_valid():
            services_agenda.day_save(
                actor=request.user,
                design=design,
                day=day,
                title=form.cleaned_data["title"],
                request=request,
                version=version,
            )
    except EditConflict as conflict:
        context = _section_context(design, "agenda")
        if action == "save":  # the day shows the title typed, not saved
            for shown in context["days"]:
                if shown.pk == day.pk:
                    shown.title = form.cleaned_data["title"]
        return conflict_response(request, design, "agenda", context, conflict)
    return _saved(request, design, "agenda")


@login_required
@require_POST
def module_add(request: HttpRequest, pk: int, day_pk: int) -> HttpResponse:
    design = selectors.design_for_editing(user=request.user, pk=pk)
    day = AgendaDay.objects.filter(pk=day_pk, design=design).first()
    if day is None:
        return gone_response(request, design, "agenda")
    form = forms.QuickModuleForm(request.POST, prefix=f"m{day.pk}")
    context = _section_context(design, "agenda")
    for shown in context["days"]:
        if shown.pk == day.pk:
            shown.quick_form = form
    if form.is_valid():
        data = {**form.cleaned_data, "description": "", "trainer_profile": ""}
        try:
            services_agenda.module_save(
                actor=request.user, day=day, data=data, objectives=[], request=request, version=_version(request)
            )
        except EditConflict as conflict:
            return conflict_response(request, design, "agenda", context, conflict)
        return _saved(request, design, "agenda")
    return editor_response(request, design, "agenda", context, status=200 if is_htmx(request) else 400)


@login_required
@require_POST
def module_move(request: HttpRequest, pk: int, module_pk: int) -> HttpResponse:
    design = selectors.design_for_editing(user=request.user, pk=pk)
    module = AgendaModule.objects.filter(pk=module_pk, day__design=design).first()
    action, version = _action(request), _version(request)
    if module is None:
        return gone_response(request, design, "agenda")
    try:
        if action == "delete":
            services_agenda.module_delete(actor=request.user, module=module, request=request, version=version)
        elif action in ("up", "down"):
            services_agenda.module_move(
                actor=request.user, module=module, direction=action, request=request, version=version
            )
    except EditConflict as conflict:
        return conflict_response(request, design, "agenda", _section_context(design, "agenda"), conflict)
    return _saved(request, design, "agenda")


@login_required
def module_edit(request: HttpRequest, pk: int, module_pk: int) -> HttpResponse:
    design = selectors.design_for_editing(user=request.user, pk=pk)
    module = _module_or_none(design, module_pk)
    if module is None:
        return _module_gone(request, design)
    form = forms.ModuleForm(request.POST or None, instance=module, design=design, initial={"day": module.day})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services_agenda.module_save(
                actor=request.user,
                day=data["day"],
                data=data,
                objectives=data["objectives"],
                module=module,
                request=request,
                version=_version(request),
            )
        except EditConflict as conflict:
            return _module_conflict(request, design, module_pk, form, forms.MaterialForm(user=request.user), conflict)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("design:edit", pk=design.pk, section="agenda")
    context = _module_context(request, design, module, form, forms.MaterialForm(user=request.user))
    return render(request, "design/module_form.html", context, status=400 if form.errors else 200)


def _module_or_none(design: ActivityDesign, module_pk: int) -> AgendaModule | None:
    return AgendaModule.objects.select_related("day").filter(pk=module_pk, day__design=design).first()


def _module_gone(request: HttpRequest, design: ActivityDesign) -> HttpResponse:
    """The module was removed meanwhile: back to the agenda, saying so."""
    messages.warning(request, GONE)
    return redirect("design:edit", pk=design.pk, section="agenda")


def _module_conflict(
    request: HttpRequest, design: ActivityDesign, module_pk: int, form: Any, material_form: Any, conflict: EditConflict
) -> HttpResponse:
    """The module page again with the input not saved (status 409), the current version a link away."""
    design.refresh_from_db()
    module = _module_or_none(design, module_pk)
    if module is None:
        return _module_gone(request, design)
    context = _module_context(request, design, module, form, material_form)
    context["conflict"] = conflict
    context["conflict_url"] = reverse("design:module", kwargs={"pk": design.pk, "module_pk": module.pk})
    return render(request, "design/module_form.html", context, status=409)


def _module_context(
    request: HttpRequest, design: ActivityDesign, module: AgendaModule, form: Any, material_form: Any
) -> dict[str, Any]:
    """The module page: its form, its materials, and the form adding one with its document picker (the
    "Find" button without JavaScript reloads the page with ?q=)."""
    selected = material_form.cleaned_data.get("document") if hasattr(material_form, "cleaned_data") else None
    return {
        "design": design,
        "module": module,
        "form": form,
        "materials": attach_documents(user=request.user, items=module.materials.all()),
        "material_form": material_form,
        **pick_context(user=request.user, query=request.GET.get("q", ""), target="material", selected=selected),
        "pick_action": reverse("design:module", kwargs={"pk": design.pk, "module_pk": module.pk}),
    }


@login_required
@require_POST
def material_add(request: HttpRequest, pk: int, module_pk: int) -> HttpResponse:
    design = selectors.design_for_editing(user=request.user, pk=pk)
    module = _module_or_none(design, module_pk)
    if module is None:
        return _module_gone(request, design)
    form = forms.MaterialForm(request.POST, request.FILES, user=request.user)
    if form.is_valid():
        try:
            services_agenda.material_add(
                actor=request.user, module=module, request=request, version=_version(request), **form.cleaned_data
            )
        except EditConflict as conflict:
            module_form = forms.ModuleForm(instance=module, design=design, initial={"day": module.day})
            return _module_conflict(request, design, module.pk, module_form, form, conflict)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Material added."))
            return redirect("design:module", pk=design.pk, module_pk=module.pk)
    module_form = forms.ModuleForm(instance=module, design=design, initial={"day": module.day})
    context = _module_context(request, design, module, module_form, form)
    return render(request, "design/module_form.html", context, status=400)


@login_required
@require_POST
def material_delete(request: HttpRequest, pk: int, material_pk: int) -> HttpResponse:
    design = selectors.design_for_editing(user=request.user, pk=pk)
    material = Material.objects.filter(pk=material_pk, module__day__design=design).first()
    if material is None:
        return _module_gone(request, design)
    module_pk = material.module_id
    try:
        services_agenda.material_delete(
            actor=request.user, material=material, request=request, version=_version(request)
        )
    except EditConflict as conflict:
        module = material.module
        module_form = forms.ModuleForm(instance=module, design=design, initial={"day": module.day})
        return _module_conflict(
            request, design, module_pk, module_form, forms.MaterialForm(user=request.user), conflict
        )
    messages.success(request, _("Material removed."))
    return redirect("design:module", pk=design.pk, module_pk=module_pk)


@login_required
def material_download(request: HttpRequest, pk: int, material_pk: int) -> FileResponse:
    """A material's file, for whoever may see the design: always as a download, never run inline."""
    design = selectors.design_get(user=request.user, pk=pk)
    material = get_object_or_404(Material, pk=material_pk, module__day__design=design)
    if not material.file:
        raise Http404
    response = FileResponse(
        material.file.open("rb"), as_attachment=True, filename=material.file.name.rsplit("/", 1)[-1]
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
