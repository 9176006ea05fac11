"""The questionnaire builder: a session's questionnaires (created from the design's evaluation plan,
by hand, or reused from another session of the design) and the editor of one questionnaire (settings
and status here; sections and items in views_builder_items, translations in views_builder_translate).

Who may: the pages are shown to whoever sees the session (scoping.questionnaires_visible; read only
for M&E officers); every change needs evaluating the session (scoping.sessions_for_evaluating:
administrators, the programme's managers, the coordinators of its country, its trainers). Everyone
else gets 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from relais.core.concurrency import EditConflict, posted_version
from relais.core.http import is_htmx
from relais.delivery.scoping import session_get
from relais.evaluation import selectors_builder as sel
from relais.evaluation.forms_builder import ItemForm, QuestionnaireNewForm, QuestionnaireSettingsForm, SectionForm
from relais.evaluation.models import Questionnaire
from relais.evaluation.scoping import (
    may_evaluate,
    questionnaire_for_managing,
    questionnaire_get,
    questionnaires_visible,
    session_for_evaluating,
)
from relais.evaluation.services_builder import (
    questionnaire_create,
    questionnaire_delete,
    questionnaires_create_from_plan,
)
from relais.evaluation.services_builder_copy import questionnaire_copy, questionnaire_copy_pre_test_items
from relais.evaluation.services_builder_rules import has_submitted, submitted_count
from relais.evaluation.services_builder_settings import (
    StaleVersion,
    open_problems,
    questionnaire_status_set,
    questionnaire_update,
)


def editor_url(questionnaire: Questionnaire, anchor: str = "") -> str:
    url = reverse("evaluation:questionnaire", kwargs={"pk": questionnaire.pk})
    return f"{url}#{anchor}" if anchor else url


def _list_url(session_pk: int) -> str:
    return reverse("evaluation:session_questionnaires", kwargs={"pk": session_pk})


def rescored_message(request: HttpRequest, count: int | None) -> None:
    if count:
        messages.info(
            request,
            ngettext(
                "The answers already sent (%(n)d response) were scored again with the new key.",
                "The answers already sent (%(n)d responses) were scored again with the new key.",
                count,
            )
            % {"n": count},
        )


# --- A session's questionnaires ----------------------------------------------------------------


@login_required
@require_GET
def session_questionnaires(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_get(user=request.user, pk=pk)
    rows = sel.session_questionnaires(session)
    context = {
        "session": session,
        "rows": rows,
        "plan": sel.plan_state(session, rows),
        "may_manage": may_evaluate(user=request.user, session=session),
    }
    return render(request, "evaluation/builder/session.html", context)


@login_required
@require_POST
def session_questionnaires_plan(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_for_evaluating(user=request.user, pk=pk)
    result = questionnaires_create_from_plan(actor=request.user, session=session, request=request)
    if result.created:
        messages.success(
            request,
            ngettext(
                "%(n)d questionnaire created from the design's evaluation plan: %(kinds)s.",
                "%(n)d questionnaires created from the design's evaluation plan: %(kinds)s.",
                len(result.created),
            )
            % {"n": len(result.created), "kinds": ", ".join(q.get_kind_display() for q in result.created)},
        )
    elif not result.existing:
        messages.warning(request, _("The design's evaluation plan plans no questionnaire."))
    else:
        messages.info(request, _("The session already has every questionnaire the design's evaluation plan asks for."))
    return redirect(_list_url(session.pk))


@login_required
def questionnaire_new(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_for_evaluating(user=request.user, pk=pk)
    form = QuestionnaireNewForm(request.POST or None, session=session)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            questionnaire = questionnaire_create(
                actor=request.user,
                session=session,
                kind=data["kind"],
                title=data["title"],
                language=data["language"],
                languages=data["languages"],
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Questionnaire created. Add its questions."))
            return redirect(editor_url(questionnaire))
    status = 400 if form.errors else 200
    return render(request, "evaluation/builder/new.html", {"session": session, "form": form}, status=status)


@login_required
def questionnaire_reuse(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_for_evaluating(user=request.user, pk=pk)
    candidates = sel.reusable_questionnaires(user=request.user, session=session)
    if request.method == "POST":
        source = candidates.filter(pk=request.POST.get("source") or 0).first()
        if source is None:
            messages.error(request, _("Choose a questionnaire to reuse."))
            return redirect("evaluation:questionnaire_reuse", pk=session.pk)
        copy = questionnaire_copy(actor=request.user, source=source, session=session, request=request)
        messages.success(
            request,
            _("“%(title)s” copied from %(session)s. Check its dates and settings before opening it.")
            % {"title": copy.title, "session": source.session.title},
        )
        return redirect(editor_url(copy))
    return render(request, "evaluation/builder/reuse.html", {"session": session, "candidates": list(candidates[:200])})


# --- The editor ---------------------------------------------------------------------------------


def editor_context(
    request: HttpRequest,
    questionnaire: Questionnaire,
    *,
    may_manage: bool,
    settings_form: QuestionnaireSettingsForm | None = None,
    add_form: ItemForm | None = None,
    edit_form: ItemForm | None = None,
    editing: int | None = None,
    section_form: SectionForm | None = None,
) -> dict[str, Any]:
    structure = sel.structure(questionnaire)
    names = sel.language_names({questionnaire.language, *(questionnaire.languages or [])})
    locked = has_submitted(questionnaire)
    errors, warnings = open_problems(questionnaire)
    pre = questionnaire.paired_with if questionnaire.paired_with_id else None
    post = Questionnaire.objects.filter(paired_with=questionnaire).first() if questionnaire.kind == "pre" else None
    context: dict[str, Any] = {
        "questionnaire": questionnaire,
        "session": questionnaire.session,
        "structure": structure,
        "languages": sel.language_states(questionnaire, structure.sections, structure.items, names),
        "may_manage": may_manage,
        "locked": locked,
        "submitted": submitted_count(questionnaire) if locked else 0,
        "open_errors": errors,
        "open_warnings": warnings,
        "pre": pre if pre is None or questionnaires_visible(user=request.user).filter(pk=pre.pk).exists() else None,
        "post": post,
        "editing": editing,
    }
    if may_manage:
        context["settings_form"] = settings_form or QuestionnaireSettingsForm(questionnaire=questionnaire)
        context["add_form"] = add_form or ItemForm(questionnaire=questionnaire, prefix="new")
        context["edit_form"] = edit_form
        context["section_form"] = section_form or SectionForm(prefix="section")
    return context


@login_required
@require_GET
def questionnaire_editor(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = questionnaire_get(user=request.user, pk=pk)
    may_manage = may_evaluate(user=request.user, session=questionnaire.session)
    context = editor_context(request, questionnaire, may_manage=may_manage)
    if is_htmx(request):  # back from an inline form: the structure block alone
        return render(request, "evaluation/builder/partials/structure_swap.html", context)
    return render(request, "evaluation/builder/editor.html", context)


@login_required
@require_POST
def questionnaire_settings(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = questionnaire_for_managing(user=request.user, pk=pk)
    form = QuestionnaireSettingsForm(request.POST, questionnaire=questionnaire)
    if form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            result = questionnaire_update(
                actor=request.user, questionnaire=questionnaire, version=version, data=data, request=request
            )
        except StaleVersion as error:
            messages.error(request, " ".join(error.messages))
            questionnaire.refresh_from_db()
            # The settings typed stay in the form (not saved), which now carries the current version.
            posted = request.POST.copy()
            posted["version"] = str(questionnaire.version)
            form = QuestionnaireSettingsForm(posted, questionnaire=questionnaire)
            context = editor_context(request, questionnaire, may_manage=True, settings_form=form)
            return render(request, "evaluation/builder/editor.html", context, status=409)
        except ValidationError as error:
            for name, errors in error.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, _("Settings saved."))
            rescored_message(request, result.rescored)
            return redirect(editor_url(questionnaire))
    messages.error(request, _("The settings were not saved: see the messages next to the fields."))
    context = editor_context(request, questionnaire, may_manage=True, settings_form=form)
    return render(request, "evaluation/builder/editor.html", context, status=400)


@login_required
@require_POST
def questionnaire_status(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = questionnaire_for_managing(user=request.user, pk=pk)
    action = request.POST.get("action", "")
    try:
        warnings = questionnaire_status_set(
            actor=request.user, questionnaire=questionnaire, action=action, request=request
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        done = {
            "open": _("The questionnaire is open for answers."),
            "close": _("The questionnaire is closed: no more answers are taken."),
            "draft": _("The questionnaire is back to draft: participants cannot answer it."),
        }
        messages.success(request, done[action])
        for warning in warnings:
            messages.warning(request, warning)
    return redirect(editor_url(questionnaire))


@login_required
@require_POST
def questionnaire_copy_pre_items(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = questionnaire_for_managing(user=request.user, pk=pk)
    try:
        copied = questionnaire_copy_pre_test_items(
            actor=request.user, questionnaire=questionnaire, request=request, version=posted_version(request.POST)
        )
    except EditConflict as conflict:
        questionnaire.refresh_from_db()
        context = editor_context(request, questionnaire, may_manage=True)
        context["conflict"] = conflict
        return render(request, "evaluation/builder/editor.html", context, status=409)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if copied:
            messages.success(
                request,
                ngettext(
                    "%(n)d question copied from the pre-test.", "%(n)d questions copied from the pre-test.", copied
                )
                % {"n": copied},
            )
        else:
            messages.info(request, _("The post-test already asks every question of the pre-test."))
    return redirect(editor_url(questionnaire, "structure"))


@login_required
@require_POST
def questionnaire_remove(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = questionnaire_for_managing(user=request.user, pk=pk)
    session_pk = questionnaire.session_id
    try:
        questionnaire_delete(actor=request.user, questionnaire=questionnaire, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(editor_url(questionnaire))
    messages.success(request, _("Questionnaire deleted."))
    return redirect(_list_url(session_pk))
