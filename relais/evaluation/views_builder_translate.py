"""Translating a questionnaire into one of its offered languages: each text beside its original."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from relais.evaluation import selectors_builder as sel
from relais.evaluation.forms_builder_translate import TranslationForm
from relais.evaluation.scoping import questionnaire_for_managing
from relais.evaluation.services_builder_settings import StaleVersion
from relais.evaluation.services_builder_translate import percent, target_languages, text_groups, translations_save


@login_required
def questionnaire_translate(request: HttpRequest, pk: int, lang: str) -> HttpResponse:
    questionnaire = questionnaire_for_managing(user=request.user, pk=pk)
    if lang not in target_languages(questionnaire):
        raise Http404
    structure = sel.structure(questionnaire)
    groups = text_groups(questionnaire, structure.sections, structure.items)
    form = TranslationForm(request.POST or None, groups=groups, language=lang, version=questionnaire.version)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                done, total = translations_save(
                    actor=request.user,
                    questionnaire=questionnaire,
                    language=lang,
                    version=form.cleaned_data["version"],
                    values=form.values(),
                    request=request,
                )
            except StaleVersion as error:
                # Nothing was saved; what was typed stays in the form, which now carries the current
                # version (and the current texts: a question may have come or gone meanwhile).
                questionnaire.refresh_from_db()
                structure = sel.structure(questionnaire)
                groups = text_groups(questionnaire, structure.sections, structure.items)
                data = request.POST.copy()
                data["version"] = str(questionnaire.version)
                form = TranslationForm(data, groups=groups, language=lang, version=questionnaire.version)
                form.is_valid()
                form.add_error(None, error)
                return _page(request, questionnaire, structure, form, lang, status=409)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Translations saved: %(percent)s%% of the texts are translated.")
                    % {"percent": percent(done, total)},
                )
                if request.POST.get("next") == "editor":
                    return redirect(reverse("evaluation:questionnaire", kwargs={"pk": questionnaire.pk}))
                return redirect(request.path)
        status = 400
    return _page(request, questionnaire, structure, form, lang, status=status)


def _page(
    request: HttpRequest, questionnaire: Any, structure: Any, form: TranslationForm, lang: str, *, status: int
) -> HttpResponse:
    names = sel.language_names({questionnaire.language, *(questionnaire.languages or [])})
    states = sel.language_states(questionnaire, structure.sections, structure.items, names)
    context = {
        "questionnaire": questionnaire,
        "session": questionnaire.session,
        "form": form,
        "rows": form.rows(),
        "lang": lang,
        "lang_name": names.get(lang, lang),
        "source_name": names.get(questionnaire.language, questionnaire.language),
        "state": next(s for s in states if s.code == lang),
        "languages": states,
    }
    return render(request, "evaluation/builder/translate.html", context, status=status)
