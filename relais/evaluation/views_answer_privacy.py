"""How participants' data is used: the privacy notice of the programme, reached from the participants'
pages ("How your data is used") — DESIGN.md §7.

- /q/<token>/privacy/: from a personal link, in the language the questionnaire's page is shown in
  (the same precedence: the language chosen on the page, the participant's, the questionnaire's).
- /q/s/<token>/privacy/: from the session's page and from anonymous answering, in the page's
  language (from an anonymous questionnaire, ?lang= carries its language and ?q= its number, for
  the link back to it).
- The programme's own notice in the page's language when written in it (English and French only:
  any other language reads the English one), else the standard notice of Relais (translated in the
  participants' catalogues), which names the programme, what is recorded, who sees it, how long it is
  kept and the participant's rights. The notice is plain text: escaped, paragraphs and line breaks
  kept, nothing else.
- Unknown tokens are 404, like the answer pages. A link that was used or has expired still shows the
  notice: the participant's rights outlast the questionnaire. Never cached nor indexed.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from relais.delivery.models import Session
from relais.evaluation.models import Questionnaire
from relais.evaluation.selectors_answer import interface_languages, page_language
from relais.evaluation.views_answer import _invitation, activate, private
from relais.evaluation.views_answer_entry import _entry
from relais.programmes.models import Programme


def privacy_page(
    request: HttpRequest, *, programme: Programme, back_url: str, session: Session, to_questionnaire: bool = True
) -> HttpResponse:
    """The notice of `programme` in the language activated for this request."""
    notice = programme.privacy_notice
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    notice_language = "fr" if language == "fr" and programme.privacy_notice_fr else "en"
    context = {
        "programme": programme,
        "notice": notice,
        "notice_language": notice_language,
        "back_url": back_url,
        "session": session,
        "to_questionnaire": to_questionnaire,
    }
    return private(render(request, "evaluation/answer/privacy.html", context))


@require_GET
def answer_privacy(request: HttpRequest, token: str) -> HttpResponse:
    invitation = _invitation(token)
    questionnaire = invitation.questionnaire
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    activate(request, page_language(questionnaire, chosen=cookie, invitation=invitation))
    programme = Programme.objects.get(pk=questionnaire.programme_id)
    back_url = reverse("evaluation:answer", kwargs={"token": invitation.token})
    return privacy_page(request, programme=programme, back_url=back_url, session=questionnaire.session)


@require_GET
def entry_privacy(request: HttpRequest, token: str) -> HttpResponse:
    entry = _entry(token)
    chosen = request.GET.get("lang", "")
    if chosen in interface_languages():
        activate(request, chosen)
    programme = Programme.objects.get(pk=entry.session.programme_id)
    back_url = reverse("evaluation:entry", kwargs={"token": entry.token})
    questionnaire = request.GET.get("q", "")
    back_to_questionnaire = (
        questionnaire.isdigit()
        and len(questionnaire) < 12
        and Questionnaire.objects.filter(pk=int(questionnaire), session=entry.session, anonymous=True).exists()
    )
    if back_to_questionnaire:
        back_url = reverse("evaluation:anonymous", kwargs={"token": entry.token, "questionnaire": int(questionnaire)})
    return privacy_page(
        request,
        programme=programme,
        back_url=back_url,
        session=entry.session,
        to_questionnaire=back_to_questionnaire,
    )
