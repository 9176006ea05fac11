"""Importing paper answers from a questionnaire's spreadsheet template: download the template →
upload → preview (counts and every problem by row and column; nothing written) → import (every row
or none). For whoever may evaluate the session (scoping.questionnaire_for_managing); others get 404.
The uploaded file waits server-side for its uploader (relais.core.uploads), never in the page."""

from __future__ import annotations

import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from relais.core.audit import audit_record
from relais.core.uploads import upload_forget, upload_keep, upload_load
from relais.evaluation import scoping, services_import
from relais.evaluation.import_answers_check import import_events
from relais.evaluation.import_answers_forms import AnswersUploadForm
from relais.evaluation.import_answers_read import NOT_IMPORTABLE, numbered_items
from relais.evaluation.import_answers_template import template_xlsx
from relais.evaluation.models import Questionnaire
from relais.evaluation.services_import import AnswersOutcome, AnswersRefused

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PREVIEW_ROWS = 200


def _url(name: str, questionnaire: Questionnaire) -> str | None:
    """A page of the questionnaire in another area (its editor, paper entry), when there is one."""
    try:
        return reverse(name, kwargs={"pk": questionnaire.pk})
    except NoReverseMatch:
        return None


def _base(request: HttpRequest, questionnaire: Questionnaire) -> dict[str, object]:
    return {
        "questionnaire": questionnaire,
        "session": questionnaire.session,
        "questionnaire_url": _url("evaluation:questionnaire", questionnaire),
        "names": scoping.may_see_names(user=request.user, programme_id=questionnaire.programme_id),
    }


@login_required
def import_upload(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = scoping.questionnaire_for_managing(user=request.user, pk=pk)
    form = AnswersUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        token = upload_keep(
            request,
            owner=f"questionnaire:{questionnaire.pk}",
            data=upload.read(),
            filename=os.path.basename(upload.name or "answers"),
        )
        return redirect("evaluation:import_preview", pk=questionnaire.pk, token=token)
    items = numbered_items(questionnaire)
    context = {
        **_base(request, questionnaire),
        "form": form,
        "previous": import_events(questionnaire)[:5],
        "not_importable": [(n, i) for n, i in items if i.type in NOT_IMPORTABLE],
        "has_items": bool(items),
        "paper_url": _url("evaluation:paper", questionnaire),
    }
    return render(request, "evaluation/import/upload.html", context, status=400 if form.errors else 200)


@login_required
def import_preview(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    questionnaire = scoping.questionnaire_for_managing(user=request.user, pk=pk)
    data, filename = upload_load(request, owner=f"questionnaire:{questionnaire.pk}", token=token)
    if request.method == "POST":
        try:
            outcome = services_import.answers_import(
                actor=request.user, questionnaire=questionnaire, data=data, filename=filename, request=request
            )
        except AnswersRefused:
            messages.error(request, _("Nothing was imported: the sheet has problems."))
        else:
            upload_forget(request, token)
            _outcome_messages(request, outcome)
            return redirect("evaluation:import", pk=questionnaire.pk)
    checked, previous = services_import.answers_check(questionnaire=questionnaire, data=data)
    context = {
        **_base(request, questionnaire),
        "token": token,
        "filename": filename,
        "checked": checked,
        "previous": previous,
        "sheet": checked.read.sheet,
        "rows": checked.rows[:PREVIEW_ROWS],
        "more_rows": max(0, len(checked.rows) - PREVIEW_ROWS),
        "to_create": len(checked.to_create),
        "unchanged": len(checked.unchanged),
    }
    status = 400 if checked.problems and request.method == "POST" else 200
    return render(request, "evaluation/import/preview.html", context, status=status)


def _outcome_messages(request: HttpRequest, outcome: AnswersOutcome) -> None:
    text = ngettext(
        "%(created)s response imported, %(unchanged)s already there.",
        "%(created)s responses imported, %(unchanged)s already there.",
        outcome.created,
    ) % {"created": outcome.created, "unchanged": outcome.unchanged}
    messages.success(request, text)


@login_required
def import_template(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = scoping.questionnaire_for_managing(user=request.user, pk=pk)
    names = scoping.may_see_names(user=request.user, programme_id=questionnaire.programme_id)
    data = template_xlsx(questionnaire, names=names)
    if names:  # the workbook lists the participants' names and e-mail addresses
        audit_record(
            actor=request.user,
            action="registration.exported",
            obj=questionnaire.session,
            details={"source": "answers_template", "questionnaire": questionnaire.pk},
            request=request,
        )
    response = HttpResponse(data, content_type=XLSX)
    name = f"{_('answers-template')}-{questionnaire.pk}.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, name) or ""
    response["Cache-Control"] = "private, no-store"
    return response
