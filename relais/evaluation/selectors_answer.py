"""Reads of the participants' pages: a questionnaire in a language (texts from the translations with
the original as fallback), its pages (one per section), the state of a personal link, and whom the
contacts item offers.

- Languages offered: the language the questionnaire is written in, then its `languages`. A page is
  shown in, by precedence: the language chosen on the page (kept in the language cookie), the
  invitation's language (the participant's), the questionnaire's own. The interface (buttons,
  messages) follows when it is a language of the interface (English, French); otherwise it stays
  in English while the questions are in the participant's language.
- Contacts item: the co-participants of the same session (registered or attended, not the
  participant), and the organisations of those co-participants plus the design's partners.
  Anonymous respondents are offered organisations only (no names to someone without a link).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import timezone, translation

from relais.delivery.models import Registration, RegistrationStatus
from relais.delivery.names import name_key
from relais.evaluation.models import (
    Answer,
    Invitation,
    Item,
    Questionnaire,
    QuestionnaireStatus,
    Response,
    ResponseStatus,
    Section,
)
from relais.programmes.models import Organisation

EXPECTED = (RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED)


def interface_languages() -> list[str]:
    """Languages the participants' pages have an interface in: the site's, and the participants' own
    (small catalogues of the participants' pages only: scripts/participant_catalogues.py)."""
    return [code for code, _name in settings.LANGUAGES] + list(settings.PARTICIPANT_LANGUAGES)


def offered_languages(questionnaire: Questionnaire) -> list[str]:
    codes = [questionnaire.language, *[str(c) for c in questionnaire.languages or []]]
    return list(dict.fromkeys(c for c in codes if c))


def language_name(code: str) -> str:
    try:
        return str(translation.get_language_info(code)["name_local"]).capitalize()
    except KeyError:
        return code


def page_language(questionnaire: Questionnaire, *, chosen: str | None, invitation: Invitation | None) -> str:
    offered = offered_languages(questionnaire)
    for candidate in (chosen, invitation.language if invitation else None):
        if candidate in offered:
            return str(candidate)
    return questionnaire.language


def interface_language(language: str) -> str:
    return language if language in interface_languages() else settings.LANGUAGE_CODE


def translated(translations: Any, language: str, key: str, original: str) -> str:
    """One text of an object in `language`, or the original when it is not translated."""
    if isinstance(translations, dict):
        text = (translations.get(language) or {}).get(key)
        if isinstance(text, str) and text.strip():
            return text
    return original


def option_label(item: Item, value: str, original: str, language: str) -> str:
    if isinstance(item.translations, dict):
        options = (item.translations.get(language) or {}).get("options") or {}
        text = options.get(value) if isinstance(options, dict) else None
        if isinstance(text, str) and text.strip():
            return text
    return original


@dataclass
class Page:
    number: int
    title: str
    items: list[Item]


@dataclass
class QuestionnaireView:
    """A questionnaire in one language, split into pages."""

    questionnaire: Questionnaire
    language: str
    title: str
    introduction: str
    items: list[Item]
    pages: list[Page] = field(default_factory=list)

    def page(self, number: int) -> Page:
        number = min(max(number, 1), len(self.pages))
        return self.pages[number - 1]

    def page_of(self, item_id: int) -> int:
        for page in self.pages:
            if any(i.pk == item_id for i in page.items):
                return page.number
        return 1


def questionnaire_view(questionnaire: Questionnaire, language: str, *, paginate: bool = True) -> QuestionnaireView:
    """The questionnaire's texts in `language` and its pages: one per section in section order (items
    without a section first), or a single page when it has no sections or `paginate` is off."""
    items = list(Item.objects.filter(questionnaire=questionnaire).order_by("position", "id"))
    sections = list(Section.objects.filter(questionnaire=questionnaire).order_by("position", "id"))
    view = QuestionnaireView(
        questionnaire=questionnaire,
        language=language,
        title=translated(questionnaire.translations, language, "title", questionnaire.title),
        introduction=translated(questionnaire.translations, language, "introduction", questionnaire.introduction),
        items=items,
    )
    loose = [i for i in items if i.section_id is None]
    if not paginate or not sections:
        view.pages = [Page(1, "", items)]
        return view
    pages: list[Page] = []
    if loose:
        pages.append(Page(1, "", loose))
    for section in sections:
        section_items = [i for i in items if i.section_id == section.pk]
        if section_items:
            title = translated(section.translations, language, "title", section.title)
            pages.append(Page(len(pages) + 1, title, section_items))
    view.pages = pages or [Page(1, "", items)]
    return view


def stored_values(response: Response | None) -> dict[int, Any]:
    if response is None or response.pk is None:
        return {}
    return dict(Answer.objects.filter(response=response).values_list("item_id", "value"))


def resume_page(view: QuestionnaireView, values: dict[int, Any]) -> int:
    """Where a participant coming back starts: the first page with a required question unanswered."""
    for page in view.pages:
        if any(i.required and values.get(i.pk) in (None, "", [], {}) for i in page.items):
            return page.number
    return len(view.pages)


# --- The state of a link -------------------------------------------------------------------------

OPEN, NOT_OPEN, CLOSED, EXPIRED, USED = "open", "not_open", "closed", "expired", "used"


def questionnaire_state(questionnaire: Questionnaire, today: dt.date | None = None) -> str:
    today = today or timezone.localdate()
    if questionnaire.status == QuestionnaireStatus.CLOSED:
        return CLOSED
    if questionnaire.closes_on is not None and questionnaire.closes_on < today:
        return CLOSED
    if questionnaire.status != QuestionnaireStatus.OPEN:
        return NOT_OPEN
    if questionnaire.opens_on is not None and questionnaire.opens_on > today:
        return NOT_OPEN
    return OPEN


def invitation_response(invitation: Invitation) -> Response | None:
    """The participant's response to the invitation's questionnaire (however it was started)."""
    return (
        Response.objects.filter(
            questionnaire_id=invitation.questionnaire_id, registration_id=invitation.registration_id
        )
        .select_related("registration")
        .first()
    )


def link_state(invitation: Invitation, response: Response | None) -> str:
    """open, used (answers sent), expired (the link's date or the questionnaire's closing date has
    passed), closed, or not_open (draft, or before its opening date)."""
    if response is not None and response.status == ResponseStatus.SUBMITTED:
        return USED
    state = questionnaire_state(invitation.questionnaire)
    if state == CLOSED:
        return EXPIRED
    if invitation.expires_at <= timezone.now():
        return EXPIRED
    return state


# --- Contacts ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContactPerson:
    pk: int
    name: str
    country: str
    organisation: str


@dataclass(frozen=True)
class ContactOrganisation:
    pk: int
    name: str
    country: str


@dataclass
class ContactChoices:
    people: list[ContactPerson]
    organisations: list[ContactOrganisation]

    def allowed(self) -> dict[str, set[int]]:
        return {"people": {p.pk for p in self.people}, "organisations": {o.pk for o in self.organisations}}


def contact_choices_for(questionnaire: Questionnaire, registration: Registration | None) -> ContactChoices:
    """Whom the contacts item offers (see the module's docstring): the people of the participant's
    session with their organisations, and the design's partners — within what
    services_responses.contact_choices accepts (the session's people, any organisation)."""
    session = questionnaire.session
    people: list[ContactPerson] = []
    organisation_ids: set[int] = set()
    if registration is not None:
        others = (
            Registration.objects.filter(session_id=questionnaire.session_id, status__in=EXPECTED)
            .exclude(person_id=registration.person_id)
            .exclude(person__anonymised_at__isnull=False)  # erased: no longer named to anyone
            .select_related("person", "person__organisation", "country", "organisation")
        )
        rows = sorted(others, key=lambda r: (name_key(r.person.last_name), name_key(r.person.first_name), r.pk))
        for reg in rows:
            organisation = reg.organisation or reg.person.organisation
            if organisation is not None:
                organisation_ids.add(organisation.pk)
            people.append(
                ContactPerson(
                    pk=reg.person_id,
                    name=reg.person.display_name,
                    country=reg.country.name if reg.country else "",
                    organisation=organisation.name if organisation else reg.organisation_name,
                )
            )
    organisation_ids |= set(session.design.partners.values_list("pk", flat=True))
    organisations = [
        ContactOrganisation(pk=o.pk, name=o.name, country=o.country.name if o.country else "")
        for o in Organisation.objects.filter(pk__in=organisation_ids).select_related("country")
    ]
    organisations.sort(key=lambda o: (name_key(o.name), o.pk))
    return ContactChoices(people=people, organisations=organisations)
