"""The item library: browse it, save a questionnaire's question to it, add library questions to a
questionnaire, remove an item, choose the standard items. Who may what: selectors_library."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from relais.core.http import is_htmx
from relais.evaluation import selectors_library as lib
from relais.evaluation.models import Item, ItemType, QuestionnaireKind, Section
from relais.evaluation.scoping import questionnaire_for_managing
from relais.evaluation.services_builder_rules import has_submitted
from relais.evaluation.services_library import (
    library_item_delete,
    library_item_from_item,
    library_item_set_standard,
    library_items_add,
)
from relais.evaluation.views_builder import editor_url

PAGE_SIZE = 50


def _filters(request: HttpRequest, kind: str = "") -> lib.LibraryFilters:
    get = request.GET
    return lib.LibraryFilters(
        programme=get.get("programme", "")[:20],
        kind=get.get("kind", kind) if get.get("kind", kind) in QuestionnaireKind.values else "",
        type=get.get("type", "") if get.get("type", "") in ItemType.values else "",
        q=get.get("q", "")[:200],
    )


def _list_context(request: HttpRequest, filters: lib.LibraryFilters) -> dict[str, Any]:
    user: Any = request.user
    page = Paginator(lib.library_list(user=user, filters=filters), PAGE_SIZE).get_page(request.GET.get("page"))
    managed = lib.managed_programme_ids(user=user)
    for entry in page.object_list:
        entry.may_delete = user.is_administrator or (entry.programme_id is not None and entry.programme_id in managed)
    return {
        "page": page,
        "filters": filters,
        "programmes": list(lib.library_programmes(user=user)),
        "kinds": QuestionnaireKind.choices,
        "types": ItemType.choices,
        "is_admin": user.is_administrator,
    }


def _allowed(request: HttpRequest) -> None:
    if not lib.may_use_library(user=request.user):
        raise Http404


@login_required
@require_GET
def library(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    context = _list_context(request, _filters(request))
    template = "evaluation/library/partials/results.html" if is_htmx(request) else "evaluation/library/list.html"
    return render(request, template, context)


def _back(request: HttpRequest) -> str:
    back = request.POST.get("next", "")
    return back if back.startswith("/questionnaires/") and "//" not in back else reverse("evaluation:library")


@login_required
@require_POST
def library_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = lib.library_item_for_deleting(user=request.user, pk=pk)
    library_item_delete(actor=request.user, library_item=item, request=request)
    messages.success(request, _("Removed from the library. Questionnaires that use it keep their copies."))
    return redirect(_back(request))


@login_required
@require_POST
def library_standard(request: HttpRequest, pk: int) -> HttpResponse:
    if not getattr(request.user, "is_administrator", False):
        raise Http404
    item = lib.library_item_get(user=request.user, pk=pk)
    standard = request.POST.get("standard") == "1"
    library_item_set_standard(actor=request.user, library_item=item, standard=standard, request=request)
    if standard:
        messages.success(request, _("New questionnaires of this kind will start with this question."))
    else:
        messages.success(request, _("This question is no longer proposed for new questionnaires."))
    return redirect(_back(request))


@login_required
@require_GET
def questionnaire_library(request: HttpRequest, pk: int) -> HttpResponse:
    """The library, to pick questions for one questionnaire (its kind chosen first)."""
    questionnaire = questionnaire_for_managing(user=request.user, pk=pk)
    _allowed(request)
    context = _list_context(request, _filters(request, kind=questionnaire.kind))
    context.update(
        {
            "questionnaire": questionnaire,
            "session": questionnaire.session,
            "sections": list(Section.objects.filter(questionnaire=questionnaire).order_by("position", "id")),
            "locked": has_submitted(questionnaire),
        }
    )
    template = "evaluation/library/partials/results.html" if is_htmx(request) else "evaluation/library/pick.html"
    return render(request, template, context)


@login_required
@require_POST
def library_add(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = questionnaire_for_managing(user=request.user, pk=pk)
    ids = [int(v) for v in request.POST.getlist("library_item") if v.isdigit()]
    chosen = list(lib.library_visible(user=request.user).filter(pk__in=ids).order_by("kind", "text", "id"))
    section_pk = request.POST.get("section", "")
    section = get_object_or_404(Section, pk=section_pk, questionnaire=questionnaire) if section_pk.isdigit() else None
    try:
        added = library_items_add(
            actor=request.user, questionnaire=questionnaire, library_items=chosen, section=section, request=request
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("evaluation:questionnaire_library", pk=questionnaire.pk)
    messages.success(
        request,
        ngettext("%(n)d question added from the library.", "%(n)d questions added from the library.", added)
        % {"n": added},
    )
    return redirect(editor_url(questionnaire, "structure"))


@login_required
@require_POST
def item_to_library(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    questionnaire = questionnaire_for_managing(user=request.user, pk=pk)
    item = get_object_or_404(Item, pk=item_pk, questionnaire=questionnaire)
    item.questionnaire = questionnaire
    for_all = request.POST.get("scope") == "all" and getattr(request.user, "is_administrator", False)
    try:
        library_item_from_item(actor=request.user, item=item, for_all=for_all, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if for_all:
            messages.success(request, _("Question saved to the library shared with all programmes."))
        else:
            messages.success(request, _("Question saved to the library of the programme."))
    return redirect(editor_url(questionnaire, f"item-{item.pk}"))
