"""The design editor: one page per section, each beside the live check of the design.

Forms post to their own page. Without JavaScript the page reloads (post, redirect, get); with htmx
the section is swapped in place and the check panel is updated out of band.

Two editors at once: every form carries the design's version it was made from (swapped with the
section, so always the version the page shows); a save made from an older version is refused with
status 409, the editor's input shown again, unsaved, with who changed the design and when.
"""

from __future__ import annotations

import copy
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from relais.core.concurrency import EditConflict, posted_version
from relais.core.http import is_htmx
from relais.design import forms, selectors, services
from relais.design.checker import check_design
from relais.design.documents import attach_documents
from relais.design.models import ActivityDesign, DesignReference, NeedsSource, ObjectiveKind
from relais.knowledge.views_pick import pick_context

SECTIONS: list[tuple[str, Any]] = [
    ("general", gettext_lazy("General")),
    ("countries", gettext_lazy("Countries")),
    ("seats", gettext_lazy("Seats")),
    ("objectives", gettext_lazy("Learning objectives")),
    ("agenda", gettext_lazy("Agenda")),
    ("evaluation", gettext_lazy("Evaluation")),
    ("languages", gettext_lazy("Languages")),
    ("needs", gettext_lazy("Needs assessment")),
    ("references", gettext_lazy("Further reading")),
    ("follow_up", gettext_lazy("Follow-up")),
    ("partners", gettext_lazy("Partners")),
]
SECTION_NAMES = dict(SECTIONS)


GONE = gettext_lazy(
    "What you acted on no longer exists: someone else removed it since you opened the page. The section below "
    "shows the current version."
)


def editor_response(
    request: HttpRequest,
    design: ActivityDesign,
    section: str,
    context: dict[str, Any],
    status: int = 200,
    conflict: EditConflict | None = None,
) -> HttpResponse:
    """The section's editor: the whole page, or (for htmx) the section and the check panel. With a
    conflict, the section keeps the forms of `context` (the editor's input) under the conflict's message."""
    design.refresh_from_db()
    context = {
        "conflict": conflict,
        "conflict_url": reverse("design:edit", kwargs={"pk": design.pk, "section": section}),
        "design": design,
        "section": section,
        "section_label": SECTION_NAMES[section],
        "sections": SECTIONS,
        "report": check_design(design),
        "section_template": f"design/editor/{section}.html",
        **context,
    }
    template = "design/partials/editor_swap.html" if is_htmx(request) else "design/edit.html"
    return render(request, template, context, status=status)


def conflict_response(
    request: HttpRequest, design: ActivityDesign, section: str, context: dict[str, Any], conflict: EditConflict
) -> HttpResponse:
    """Nothing saved: another change came in since the form was made. Status 409 (htmx swaps it too)."""
    return editor_response(request, design, section, context, status=409, conflict=conflict)


def gone_response(request: HttpRequest, design: ActivityDesign, section: str) -> HttpResponse:
    """The row a button acted on was removed meanwhile: say so over the current section (status 409)."""
    messages.warning(request, GONE)
    return editor_response(request, design, section, _section_context(design, section, user=request.user), status=409)


def _saved(request: HttpRequest, design: ActivityDesign, section: str) -> HttpResponse:
    messages.success(request, _("Saved."))
    if is_htmx(request):
        return section_view(request, design.pk, section, fresh=True)
    return redirect("design:edit", pk=design.pk, section=section)


def _picker(user: Any, design: ActivityDesign, section: str, target: str, query: str, form: Any) -> dict[str, Any]:
    """The document picker of a section's add form: the documents found for `query` (the "Find"
    button without JavaScript reloads the section with ?q=), and the one chosen if the form came back."""
    selected = form.cleaned_data.get("document") if form.is_bound and hasattr(form, "cleaned_data") else None
    context = pick_context(user=user, query=query, target=target, selected=selected)
    context["pick_action"] = reverse("design:edit", kwargs={"pk": design.pk, "section": section})
    return context


def _section_context(
    design: ActivityDesign,
    section: str,
    data: Any = None,
    files: Any = None,
    *,
    user: Any = None,
    query: str = "",
    add_form: Any = None,
) -> dict[str, Any]:
    """The forms of a section. Model forms work on a copy: the service compares new values with stored ones.
    `add_form` is the needs source or reference form that came back with errors; `query` what the
    document picker was asked to find."""
    if section == "general":
        return {"form": forms.GeneralForm(data, instance=copy.copy(design))}
    if section == "countries":
        return {"form": forms.CountriesForm(data, design=design)}
    if section == "seats":
        return {"form": forms.SeatsForm(data, design=design), "seats": selectors.seat_matrix(design=design)}
    if section == "objectives":
        return {
            "objectives": list(design.objectives.all()),
            "form": forms.ObjectiveForm(data),
            "kinds": ObjectiveKind.choices,
        }
    if section == "agenda":
        days = selectors.agenda(design=design)
        for day in days:
            day.quick_form = forms.QuickModuleForm(prefix=f"m{day.pk}")  # type: ignore[attr-defined]
        return {
            "days": days,
            "objectives": list(design.objectives.all()),
            "total_minutes": sum(d.total_minutes for d in days),  # type: ignore[attr-defined]
            "day_form": forms.DayForm(),
        }
    if section == "evaluation":
        return {"form": forms.EvaluationForm(data, instance=copy.copy(design))}
    if section == "languages":
        return {"form": forms.LanguagesForm(data, instance=copy.copy(design))}
    if section == "needs":
        source_form = add_form or forms.SourceForm(user=user)
        return {
            "form": forms.NeedsForm(data, instance=copy.copy(design)),
            "sources": attach_documents(user=user, items=design.needs_sources.all()),
            "source_form": source_form,
            **_picker(user, design, section, "source", query, source_form),
        }
    if section == "references":
        reference_form = add_form or forms.ReferenceForm(user=user)
        return {
            "references": attach_documents(user=user, items=design.references.all()),
            "reference_form": reference_form,
            **_picker(user, design, section, "reference", query, reference_form),
        }
    if section == "follow_up":
        return {"form": forms.FollowUpForm(data, instance=copy.copy(design))}
    if section == "partners":
        return {"form": forms.PartnersForm(data, instance=copy.copy(design))}
    raise Http404


@login_required
def section_view(request: HttpRequest, pk: int, section: str, fresh: bool = False) -> HttpResponse:
    design = selectors.design_for_editing(user=request.user, pk=pk)
    if section not in SECTION_NAMES:
        raise Http404
    posting = request.method == "POST" and not fresh
    query = "" if fresh else request.GET.get("q", "")
    context = _section_context(design, section, request.POST if posting else None, user=request.user, query=query)
    form = context.get("form")
    if posting and section not in ("objectives", "agenda") and form is not None:
        if form.is_valid():
            try:
                _save_section(request, design, section, form)
            except EditConflict as conflict:
                return conflict_response(request, design, section, context, conflict)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return _saved(request, design, section)
        return editor_response(request, design, section, context, status=200 if is_htmx(request) else 400)
    return editor_response(request, design, section, context)


def _save_section(request: HttpRequest, design: ActivityDesign, section: str, form: Any) -> None:
    actor, data, version = request.user, form.cleaned_data, posted_version(request.POST)
    if section == "countries":
        services.design_countries_set(
            actor=actor, design=design, rows=form.selected(), request=request, version=version
        )
    elif section == "seats":
        services.design_seats_set(actor=actor, design=design, seats=form.seats(), request=request, version=version)
    else:
        m2m_names = {"themes", "working_languages", "interpretation_languages", "partners"}
        fields = {k: v for k, v in data.items() if k not in m2m_names}
        m2m = {k: v for k, v in data.items() if k in m2m_names}
        services.design_update(
            actor=actor, design=design, fields=fields, m2m=m2m, section=section, request=request, version=version
        )


@login_required
@require_POST
def source_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _add_to_section(request, pk, forms.SourceForm, services.needs_source_add, "needs")


@login_required
@require_POST
def source_delete(request: HttpRequest, pk: int, source_pk: int) -> HttpResponse:
    design = selectors.design_for_editing(user=request.user, pk=pk)
    source = NeedsSource.objects.filter(pk=source_pk, design=design).first()
    if source is None:
        return gone_response(request, design, "needs")
    try:
        services.needs_source_delete(
            actor=request.user, source=source, request=request, version=posted_version(request.POST)
        )
    except EditConflict as conflict:
        return conflict_response(
            request, design, "needs", _section_context(design, "needs", user=request.user), conflict
        )
    return _saved(request, design, "needs")


@login_required
@require_POST
def reference_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _add_to_section(request, pk, forms.ReferenceForm, services.design_reference_add, "references")


def _add_to_section(request: HttpRequest, pk: int, form_class: Any, add: Any, section: str) -> HttpResponse:
    """Add a row (a source, a reading) to a section of the editor: saved, or the section again with
    the form's errors."""
    design = selectors.design_for_editing(user=request.user, pk=pk)
    form = form_class(request.POST, user=request.user)
    if form.is_valid():
        try:
            add(
                actor=request.user,
                design=design,
                request=request,
                version=posted_version(request.POST),
                **form.cleaned_data,
            )
        except EditConflict as conflict:
            context = _section_context(design, section, user=request.user, add_form=form)
            return conflict_response(request, design, section, context, conflict)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return _saved(request, design, section)
    context = _section_context(design, section, user=request.user, add_form=form)
    return editor_response(request, design, section, context, status=200 if is_htmx(request) else 400)


@login_required
@require_POST
def reference_delete(request: HttpRequest, pk: int, reference_pk: int) -> HttpResponse:
    design = selectors.design_for_editing(user=request.user, pk=pk)
    reference = DesignReference.objects.filter(pk=reference_pk, design=design).first()
    if reference is None:
        return gone_response(request, design, "references")
    try:
        services.design_reference_delete(
            actor=request.user, reference=reference, request=request, version=posted_version(request.POST)
        )
    except EditConflict as conflict:
        context = _section_context(design, "references", user=request.user)
        return conflict_response(request, design, "references", context, conflict)
    return _saved(request, design, "references")
