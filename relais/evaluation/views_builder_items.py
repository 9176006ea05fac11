"""Sections and questions of a questionnaire, in the editor. Every form posts to its own address:
without JavaScript the page reloads (post, redirect, get); with htmx the structure block is swapped in
place, with the messages and the settings form's version out of band.

Two editors at once: every form carries the questionnaire's version it was made from; a change made from
an older version is refused (409) with the input shown again, unsaved, and who changed the questionnaire
and when; a question or section removed meanwhile is said to be gone."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from relais.core.concurrency import EditConflict, posted_version
from relais.core.http import is_htmx
from relais.evaluation.forms_builder import ItemForm, SectionForm, add_item_errors
from relais.evaluation.models import Item, Questionnaire, Section
from relais.evaluation.scoping import questionnaire_for_managing
from relais.evaluation.services_builder_items import item_create, item_delete, item_move, item_update
from relais.evaluation.services_builder_rules import has_submitted
from relais.evaluation.services_builder_sections import section_create, section_delete, section_move, section_rename
from relais.evaluation.views_builder import editor_context, editor_url, rescored_message

ROW_ACTIONS = {"save", "up", "down", "delete"}


GONE = gettext_lazy(
    "What you acted on no longer exists: someone else removed it since you opened the page. The questions "
    "below are the current version."
)


def _version(request: HttpRequest) -> int | None:
    return posted_version(request.POST)


def _action(request: HttpRequest) -> str:
    action = request.POST.get("action", "save")
    if action not in ROW_ACTIONS:
        raise Http404
    return action


def structure_response(
    request: HttpRequest,
    questionnaire: Questionnaire,
    *,
    anchor: str = "structure",
    status: int = 200,
    conflict: EditConflict | None = None,
    titles: dict[int, str] | None = None,
    **forms: Any,
) -> HttpResponse:
    """After a change: the structure block for htmx, or (without JavaScript) back to the editor; with
    forms carrying errors, the editor (or block) showing them. With a conflict (status 409, swapped by
    htmx too): the forms given keep the input, `titles` the section titles typed, under its message."""
    questionnaire.refresh_from_db()
    if is_htmx(request) or forms or conflict is not None:
        context = editor_context(request, questionnaire, may_manage=True, **forms)
        context["conflict"] = conflict
        for section in context["structure"].sections:
            if titles and section.pk in titles:
                section.title = titles[section.pk]
        if is_htmx(request):
            status = 409 if conflict is not None else 200
            return render(request, "evaluation/builder/partials/structure_swap.html", context, status=status)
        return render(request, "evaluation/builder/editor.html", context, status=409 if conflict else status)
    return redirect(editor_url(questionnaire, anchor))


def _gone(request: HttpRequest, questionnaire: Questionnaire) -> HttpResponse:
    """The section or question a button acted on was removed meanwhile: say so over the current block."""
    messages.warning(request, GONE)
    if not is_htmx(request):
        return redirect(editor_url(questionnaire, "structure"))
    questionnaire.refresh_from_db()
    context = editor_context(request, questionnaire, may_manage=True)
    return render(request, "evaluation/builder/partials/structure_swap.html", context, status=409)


def _error(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


# --- Sections -----------------------------------------------------------------------------------


@login_required
@require_POST
def section_add(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = questionnaire_for_managing(user=request.user, pk=pk)
    form = SectionForm(request.POST, prefix="section")
    if not form.is_valid():
        return structure_response(request, questionnaire, status=400, section_form=form)
    try:
        section_create(
            actor=request.user,
            questionnaire=questionnaire,
            title=form.cleaned_data["title"],
            request=request,
            version=_version(request),
        )
    except EditConflict as conflict:
        return structure_response(request, questionnaire, conflict=conflict, section_form=form)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("Section added."))
    return structure_response(request, questionnaire)


@login_required
@require_POST
def section_edit(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    questionnaire = questionnaire_for_managing(user=request.user, pk=pk)
    action, version = _action(request), _version(request)
    section = Section.objects.filter(pk=section_pk, questionnaire=questionnaire).first()
    if section is None:
        return _gone(request, questionnaire)
    title = request.POST.get(f"s{section.pk}-title", "")
    try:
        if action == "delete":
            section_delete(actor=request.user, section=section, request=request, version=version)
            messages.success(request, _("Section removed; its questions stay, without a section."))
        elif action in ("up", "down"):
            section_move(actor=request.user, section=section, direction=action, request=request, version=version)
        else:
            section_rename(actor=request.user, section=section, title=title, request=request, version=version)
            messages.success(request, _("Section renamed."))
    except EditConflict as conflict:
        titles = {section.pk: title} if action == "save" else None
        return structure_response(request, questionnaire, conflict=conflict, titles=titles)
    except ValidationError as error:
        _error(request, error)
    return structure_response(request, questionnaire)


# --- Questions ----------------------------------------------------------------------------------


@login_required
@require_POST
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = questionnaire_for_managing(user=request.user, pk=pk)
    form = ItemForm(request.POST, questionnaire=questionnaire, prefix="new")
    if form.is_valid():
        try:
            item = item_create(
                actor=request.user,
                questionnaire=questionnaire,
                data=form.item_data(),
                request=request,
                version=_version(request),
            )
        except EditConflict as conflict:
            return structure_response(request, questionnaire, conflict=conflict, add_form=form)
        except ValidationError as error:
            add_item_errors(form, error)
        else:
            messages.success(request, _("Question added."))
            return structure_response(request, questionnaire, anchor=f"item-{item.pk}")
    return structure_response(request, questionnaire, status=400, add_form=form)


def _item(questionnaire: Questionnaire, item_pk: int) -> Item | None:
    """The question, or None when it was removed (meanwhile, or never was one of this questionnaire)."""
    item = Item.objects.filter(pk=item_pk, questionnaire=questionnaire).first()
    if item is not None:
        item.questionnaire = questionnaire
    return item


@login_required
def item_edit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """The form of one question: inline in the structure block with htmx, its own page without."""
    questionnaire = questionnaire_for_managing(user=request.user, pk=pk)
    item = _item(questionnaire, item_pk)
    if item is None:
        return _gone(request, questionnaire)
    locked = has_submitted(questionnaire)
    prefix = f"i{item.pk}"
    conflict: EditConflict | None = None
    if request.method == "POST":
        form = ItemForm(request.POST, questionnaire=questionnaire, item=item, locked=locked, prefix=prefix)
        if form.is_valid():
            try:
                result = item_update(
                    actor=request.user, item=item, data=form.item_data(), request=request, version=_version(request)
                )
            except EditConflict as error:
                conflict = error
                if is_htmx(request):
                    return structure_response(
                        request, questionnaire, conflict=conflict, edit_form=form, editing=item.pk
                    )
            except ValidationError as error:
                add_item_errors(form, error)
            else:
                messages.success(request, _("Question saved."))
                rescored_message(request, result.rescored)
                return structure_response(request, questionnaire, anchor=f"item-{item.pk}")
        if is_htmx(request):
            return structure_response(request, questionnaire, edit_form=form, editing=item.pk)
        status = 409 if conflict is not None else 400
        questionnaire.refresh_from_db()
    else:
        form = ItemForm(questionnaire=questionnaire, item=item, locked=locked, prefix=prefix)
        if is_htmx(request):
            return structure_response(request, questionnaire, edit_form=form, editing=item.pk)
        status = 200
    context = {
        "questionnaire": questionnaire,
        "session": questionnaire.session,
        "item": item,
        "form": form,
        "locked": locked,
        "conflict": conflict,
    }
    return render(request, "evaluation/builder/item.html", context, status=status)


@login_required
@require_POST
def item_row(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """The buttons of a question's row: up, down, remove."""
    questionnaire = questionnaire_for_managing(user=request.user, pk=pk)
    action, version = _action(request), _version(request)
    item = _item(questionnaire, item_pk)
    if item is None:
        return _gone(request, questionnaire)
    anchor = f"item-{item.pk}"
    try:
        if action == "delete":
            item_delete(actor=request.user, item=item, request=request, version=version)
            messages.success(request, _("Question removed."))
            anchor = "structure"
        elif action in ("up", "down"):
            item_move(actor=request.user, item=item, direction=action, request=request, version=version)
    except EditConflict as conflict:
        return structure_response(request, questionnaire, conflict=conflict)
    except ValidationError as error:
        _error(request, error)
    return structure_response(request, questionnaire, anchor=anchor)
