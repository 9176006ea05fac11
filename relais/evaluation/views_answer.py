"""The participants' pages (no account): answering through a personal link, and the answering form
shared with anonymous answering (views_answer_entry) and the staff preview (views_answer_preview).

- /q/<token>/: the questionnaire, one page per section, in the participant's language (the page offers
  the questionnaire's other languages). "Next" and "Save and continue later" keep the answers (the
  response is in progress; the same link resumes it where a required question is still open); the
  last page sends them, with each missing or wrong answer shown beside its question and listed at
  the top. A used link, an expired one (its date, or the questionnaire's closing date, has passed)
  and a questionnaire not open yet each get a plain page saying so, in the participant's language.
- Unknown tokens are 404. The pages are never cached nor indexed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_http_methods

from relais.delivery.models import Registration
from relais.evaluation.answers import answers_from_form
from relais.evaluation.forms_answer import item_fields, posted_values
from relais.evaluation.models import Invitation, ItemType, Questionnaire, Response
from relais.evaluation.selectors_answer import (
    NOT_OPEN,
    OPEN,
    USED,
    QuestionnaireView,
    contact_choices_for,
    interface_language,
    invitation_response,
    language_name,
    link_state,
    offered_languages,
    page_language,
    questionnaire_view,
    resume_page,
    stored_values,
    translated,
)
from relais.evaluation.services_invitations import invitation_language_set, invitation_opened
from relais.evaluation.services_responses import response_save, response_start

ACTIONS = ("next", "previous", "save", "submit")


def private(response: HttpResponse) -> HttpResponse:
    """Pages reached by a secret address: never cached nor indexed (and the site-wide same-origin
    referrer policy keeps the address from other sites; "no-referrer" would make browsers send
    `Origin: null` with the form, which CSRF protection refuses)."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def activate(request: HttpRequest, language: str) -> None:
    """Show the page's interface in the questionnaire's language (English when Relais has no
    translation of its own into it: the questions are still in that language)."""
    ui = interface_language(language)
    translation.activate(ui)
    request.LANGUAGE_CODE = ui


def language_choice(request: HttpRequest, questionnaire: Questionnaire) -> str | None:
    """A language chosen with ?lang= among the questionnaire's languages, if any."""
    chosen = request.GET.get("lang", "")
    return chosen if chosen in offered_languages(questionnaire) else None


def remember_language(response: HttpResponse, language: str) -> HttpResponse:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        samesite="Lax",
    )
    return response


def without_lang(request: HttpRequest) -> str:
    query = {k: v for k, v in request.GET.items() if k != "lang"}
    return request.path + (f"?{urlencode(query)}" if query else "")


def language_links(questionnaire: Questionnaire, current: str) -> list[dict[str, Any]]:
    """The questionnaire's languages to switch to on the page (the header's switch offers only the
    interface's languages; both set the same cookie)."""
    return [
        {"code": code, "name": language_name(code), "current": code == current}
        for code in offered_languages(questionnaire)
    ]


@dataclass
class Respondent:
    """Who answers, and where: a personal link, an anonymous browser, or a staff preview."""

    questionnaire: Questionnaire
    language: str
    url: str
    thanks_url: str
    registration: Registration | None = None
    invitation: Invitation | None = None
    response: Response | None = None
    start: Callable[[], Response] | None = None
    preview: bool = False
    anonymous: bool = False
    query: dict[str, str] = field(default_factory=dict)
    privacy_url: str = ""  # "How your data is used" (views_answer_privacy); none in the preview

    def link(self, **params: Any) -> str:
        query = {**self.query, **{k: str(v) for k, v in params.items()}}
        return f"{self.url}?{urlencode(query)}" if query else self.url


def _page_number(value: Any, view: QuestionnaireView, default: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return min(max(number, 1), len(view.pages))


def _render_page(
    request: HttpRequest,
    who: Respondent,
    view: QuestionnaireView,
    number: int,
    *,
    values: dict[int, Any],
    errors: dict[int, str] | None = None,
    saved: bool = False,
    status: int = 200,
) -> HttpResponse:
    page = view.page(number)
    before = sum(len(p.items) for p in view.pages[: page.number - 1])
    needs_contacts = any(i.type == ItemType.CONTACTS for i in page.items)
    contacts = contact_choices_for(who.questionnaire, who.registration) if needs_contacts else None
    fields = item_fields(
        page.items, language=view.language, values=values, errors=errors, contacts=contacts, start=before + 1
    )
    numbers = {item.pk: n for n, item in enumerate(view.items, start=1)}
    elsewhere = [
        {
            "number": numbers.get(pk, 0),
            "error": message,
            "href": f"{who.link(page=view.page_of(pk))}#q-item-{pk}",
            "page": view.page_of(pk),
        }
        for pk, message in sorted((errors or {}).items(), key=lambda e: numbers.get(e[0], 0))
        if view.page_of(pk) != page.number
    ]
    context = {
        "who": who,
        "qv": view,
        "elsewhere": elsewhere,
        "session": who.questionnaire.session,
        "page": page,
        "page_count": len(view.pages),
        "first": page.number == 1,
        "last": page.number == len(view.pages),
        "fields": fields,
        "errored": [f for f in fields if f.error],
        "error_count": len([f for f in fields if f.error]) + len(elsewhere),
        "saved": saved,
        "languages": language_links(who.questionnaire, view.language),
        "content_language": view.language,
        "previous_url": who.link(page=page.number - 1),
        "next_url": who.link(page=page.number + 1),
    }
    return private(render(request, "evaluation/answer/page.html", context, status=status))


def _error_dict(error: ValidationError) -> dict[int, str] | None:
    if not hasattr(error, "error_dict"):
        return None
    found: dict[int, str] = {}
    for key, messages in error.message_dict.items():
        try:
            found[int(key)] = " ".join(messages)
        except ValueError:
            continue
    return found


def answer_form(request: HttpRequest, who: Respondent) -> HttpResponse:
    """The answering form of any respondent: GET shows a page, POST saves it and moves on."""
    view = questionnaire_view(who.questionnaire, who.language)
    stored = stored_values(who.response)
    if request.method != "POST" or who.preview:
        default = resume_page(view, stored) if who.response is not None else 1
        number = _page_number(request.GET.get("page"), view, default)
        return _render_page(request, who, view, number, values=stored, saved=request.GET.get("saved") == "1")
    number = _page_number(request.POST.get("page"), view, 1)
    action = request.POST.get("action", "next")
    action = action if action in ACTIONS else "next"
    items = view.page(number).items
    contacts = None
    if any(i.type == ItemType.CONTACTS for i in items):
        contacts = contact_choices_for(who.questionnaire, who.registration).allowed()
    values, errors = answers_from_form(items, request.POST, contacts=contacts)
    if errors:
        shown = stored | posted_values(items, request.POST)
        return _render_page(request, who, view, number, values=shown, errors=errors)
    response = who.response or (who.start() if who.start else None)
    if response is None:
        raise Http404
    try:
        response_save(response=response, values=values, submit=False, request=request)
    except ValidationError as error:
        found = _error_dict(error)
        if found is None:  # already sent meanwhile
            return HttpResponseRedirect(who.url)
        return _render_page(
            request, who, view, number, values=stored | posted_values(items, request.POST), errors=found
        )
    if action == "submit":
        try:
            response_save(response=response, values={}, submit=True, request=request)
        except ValidationError as error:
            found = _error_dict(error) or {}
            first = min((view.page_of(pk) for pk in found), default=number)
            return _render_page(request, who, view, first, values=stored_values(response), errors=found)
        return HttpResponseRedirect(who.thanks_url)
    if action == "save" or (action == "next" and number == len(view.pages)):
        return HttpResponseRedirect(who.link(page=number, saved=1))
    target = number - 1 if action == "previous" else number + 1
    return HttpResponseRedirect(who.link(page=_page_number(target, view, number)))


def message_page(
    request: HttpRequest, questionnaire: Questionnaire, state: str, language: str, **extra: Any
) -> HttpResponse:
    """The plain page for a used, expired or not yet open link (410 when it will not work again)."""
    title = translated(questionnaire.translations, language, "title", questionnaire.title)
    status = 200 if state in (NOT_OPEN, OPEN) else 410
    context = {
        "state": state,
        "title": title,
        "session": questionnaire.session,
        "content_language": language,
        **extra,
    }
    return private(render(request, "evaluation/answer/message.html", context, status=status))


def _invitation(token: str) -> Invitation:
    return get_object_or_404(
        Invitation.objects.select_related(
            "questionnaire",
            "questionnaire__session",
            "questionnaire__session__design",
            "questionnaire__session__country",
            "registration",
        ),
        token=token,
    )


def _respondent(request: HttpRequest, invitation: Invitation) -> Respondent:
    questionnaire = invitation.questionnaire
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    language = page_language(questionnaire, chosen=cookie, invitation=invitation)
    response = invitation_response(invitation)
    registration = invitation.registration

    def start() -> Response:
        return response_start(
            questionnaire=questionnaire, registration=registration, invitation=invitation, language=language
        )

    return Respondent(
        questionnaire=questionnaire,
        language=language,
        url=reverse("evaluation:answer", kwargs={"token": invitation.token}),
        thanks_url=reverse("evaluation:answer_thanks", kwargs={"token": invitation.token}),
        registration=registration,
        invitation=invitation,
        response=response,
        start=start,
        privacy_url=reverse("evaluation:answer_privacy", kwargs={"token": invitation.token}),
    )


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    invitation = _invitation(token)
    chosen = language_choice(request, invitation.questionnaire)
    if chosen is not None:
        invitation_language_set(invitation=invitation, language=chosen)
        return private(remember_language(HttpResponseRedirect(without_lang(request)), chosen))
    who = _respondent(request, invitation)
    activate(request, who.language)
    state = link_state(invitation, who.response)
    if state != OPEN:
        submitted_at = who.response.submitted_at if who.response is not None and state == USED else None
        return message_page(
            request,
            invitation.questionnaire,
            state,
            who.language,
            submitted_at=submitted_at,
            privacy_url=who.privacy_url,
        )
    if request.method == "GET":
        invitation_opened(invitation=invitation)
    return answer_form(request, who)


def answer_thanks(request: HttpRequest, token: str) -> HttpResponse:
    invitation = _invitation(token)
    who = _respondent(request, invitation)
    activate(request, who.language)
    if who.response is None or link_state(invitation, who.response) != USED:
        return HttpResponseRedirect(who.url)
    return thanks_page(request, invitation.questionnaire, who.language, privacy_url=who.privacy_url)


def thanks_page(
    request: HttpRequest, questionnaire: Questionnaire, language: str, privacy_url: str = ""
) -> HttpResponse:
    context = {
        "privacy_url": privacy_url,
        "title": translated(questionnaire.translations, language, "title", questionnaire.title),
        "session": questionnaire.session,
        "content_language": language,
    }
    return private(render(request, "evaluation/answer/thanks.html", context))
