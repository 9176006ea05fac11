"""The session's page for participants (the QR code of the sign-in sheet leads to it) and anonymous
answering.

- /q/s/<token>/: the session (title, dates, city), its open anonymous questionnaires ("Answer
  anonymously"), and "Receive your personal links": whoever types the address they registered with
  gets their links to the open questionnaires by e-mail. The page answers the same neutral words
  whether or not the address is known (the look-up runs in a background task), and at most
  ENTRY_LIMIT requests per address and ENTRY_IP_LIMIT per connection are accepted per hour.
- /q/a/<token>/<questionnaire id>/: an anonymous questionnaire of that session. The response is
  created when the first page is saved, with a random key kept in a cookie of this browser, so it
  can be resumed from the same browser; one response per browser (once sent, the page says so).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from relais.core.audit import client_ip
from relais.evaluation.forms_answer import EntryEmailForm
from relais.evaluation.models import Questionnaire, QuestionnaireStatus, Response, ResponseStatus, SessionEntry
from relais.evaluation.selectors_answer import (
    CLOSED,
    EXPIRED,
    OPEN,
    USED,
    page_language,
    questionnaire_state,
    translated,
)
from relais.evaluation.services_invitations import entry_links_request
from relais.evaluation.services_responses import response_start
from relais.evaluation.tokens import new_token
from relais.evaluation.views_answer import (
    Respondent,
    activate,
    answer_form,
    language_choice,
    message_page,
    private,
    remember_language,
    thanks_page,
    without_lang,
)
from relais.evaluation.views_invitations import base_url

ENTRY_IP_LIMIT = 20
ENTRY_WINDOW = 3600
RESUME_DAYS = 90


def _entry(token: str) -> SessionEntry:
    return get_object_or_404(
        SessionEntry.objects.select_related("session", "session__country", "session__design"), token=token
    )


def _too_many_from(request: HttpRequest) -> bool:
    key = f"relais:entry-ip:{client_ip(request) or 'unknown'}"
    if cache.add(key, 1, timeout=ENTRY_WINDOW):
        return False
    try:
        return cache.incr(key) > ENTRY_IP_LIMIT
    except ValueError:
        cache.set(key, 1, timeout=ENTRY_WINDOW)
        return False


@require_http_methods(["GET", "POST"])
def entry(request: HttpRequest, token: str) -> HttpResponse:
    """The page the QR code of the sign-in sheet leads to."""
    entry = _entry(token)
    session = entry.session
    form = EntryEmailForm(request.POST or None)
    if request.method == "POST":
        if _too_many_from(request):
            context = {"session": session, "throttled": True}
            return private(render(request, "evaluation/answer/entry.html", context, status=429))
        if form.is_valid():
            entry_links_request(
                session=session,
                email=form.cleaned_data["email"],
                base_url=base_url(request),
                language=get_language() or settings.LANGUAGE_CODE,
            )
            return private(HttpResponseRedirect(f"{request.path}?sent=1"))
    language = get_language() or settings.LANGUAGE_CODE
    questionnaires = [
        q
        for q in Questionnaire.objects.filter(session=session, status=QuestionnaireStatus.OPEN).order_by("kind", "pk")
        if questionnaire_state(q) == OPEN
    ]
    anonymous = [
        {
            "title": translated(q.translations, language, "title", q.title),
            "url": reverse("evaluation:anonymous", kwargs={"token": token, "questionnaire": q.pk}),
        }
        for q in questionnaires
        if q.anonymous
    ]
    context = {
        "session": session,
        "form": form,
        "sent": request.GET.get("sent") == "1" and request.method == "GET",
        "anonymous": anonymous,
        "personal": len([q for q in questionnaires if not q.anonymous]),
        "privacy_url": reverse("evaluation:entry_privacy", kwargs={"token": token}),
    }
    return private(render(request, "evaluation/answer/entry.html", context))


def _anonymous_questionnaire(entry: SessionEntry, pk: int) -> Questionnaire:
    return get_object_or_404(
        Questionnaire.objects.select_related("session", "session__design", "session__country"),
        pk=pk,
        session=entry.session,
        anonymous=True,
    )


def resume_cookie(questionnaire: Questionnaire) -> str:
    return f"relais_answer_{questionnaire.pk}"


def _anonymous_respondent(
    request: HttpRequest, token: str, questionnaire: Questionnaire
) -> tuple[Respondent, list[str]]:
    """The respondent of this browser, and a list that receives the key of a response it creates."""
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or get_language()
    language = page_language(questionnaire, chosen=cookie, invitation=None)
    key = request.COOKIES.get(resume_cookie(questionnaire), "")
    response = None
    if key:
        response = Response.objects.filter(questionnaire=questionnaire, registration=None, resume_key=key).first()
    created: list[str] = []

    def start() -> Response:
        created.append(new_token())
        return response_start(questionnaire=questionnaire, registration=None, language=language, resume_key=created[0])

    kwargs = {"token": token, "questionnaire": questionnaire.pk}
    who = Respondent(
        questionnaire=questionnaire,
        language=language,
        url=reverse("evaluation:anonymous", kwargs=kwargs),
        thanks_url=reverse("evaluation:anonymous_thanks", kwargs=kwargs),
        response=response,
        start=start,
        anonymous=True,
        privacy_url=reverse("evaluation:entry_privacy", kwargs={"token": token})
        + "?"
        + urlencode({"lang": language, "q": questionnaire.pk}),
    )
    return who, created


def _state(questionnaire: Questionnaire, response: Response | None) -> str:
    if response is not None and response.status == ResponseStatus.SUBMITTED:
        return USED
    state = questionnaire_state(questionnaire)
    return EXPIRED if state == CLOSED else state


@require_http_methods(["GET", "POST"])
def anonymous(request: HttpRequest, token: str, questionnaire: int) -> HttpResponse:
    entry = _entry(token)
    q = _anonymous_questionnaire(entry, questionnaire)
    chosen = language_choice(request, q)
    if chosen is not None:
        return private(remember_language(HttpResponseRedirect(without_lang(request)), chosen))
    who, created = _anonymous_respondent(request, token, q)
    activate(request, who.language)
    state = _state(q, who.response)
    if state != OPEN:
        submitted_at = who.response.submitted_at if who.response is not None and state == USED else None
        return message_page(
            request, q, state, who.language, submitted_at=submitted_at, anonymous=True, privacy_url=who.privacy_url
        )
    page = answer_form(request, who)
    if created:
        page.set_cookie(
            resume_cookie(q),
            created[0],
            max_age=RESUME_DAYS * 24 * 3600,
            path="/q/",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    return page


def anonymous_thanks(request: HttpRequest, token: str, questionnaire: int) -> HttpResponse:
    entry = _entry(token)
    q = _anonymous_questionnaire(entry, questionnaire)
    who, _created = _anonymous_respondent(request, token, q)
    activate(request, who.language)
    if _state(q, who.response) != USED:
        return HttpResponseRedirect(who.url)
    return thanks_page(request, q, who.language, privacy_url=who.privacy_url)
