"""The staff preview of a questionnaire: /questionnaires/<pk>/preview/?lang=fr shows it as a participant
sees it, page by page, in any of its languages — nothing is saved. Whoever may see the questionnaire
may preview it (others: 404)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from relais.evaluation.scoping import questionnaire_get
from relais.evaluation.views_answer import Respondent, activate, answer_form, language_choice


@login_required
@require_GET
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = questionnaire_get(user=request.user, pk=pk)
    language = language_choice(request, questionnaire) or questionnaire.language
    activate(request, language)
    url = reverse("evaluation:preview", kwargs={"pk": questionnaire.pk})
    who = Respondent(
        questionnaire=questionnaire,
        language=language,
        url=url,
        query={"lang": language},
        thanks_url=url,
        preview=True,
    )
    return answer_form(request, who)
