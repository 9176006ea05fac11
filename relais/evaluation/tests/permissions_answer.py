"""Permission matrix entries of the participants' pages (public, by unguessable token) and of the
staff preview, and the small world the answering, invitation and paper tests share.

- Participants' pages (entry, personal link, anonymous answering, thank-you pages, privacy notices):
  anyone, without an account — the token is the key.
- Preview: whoever may see the questionnaire (M&E officers too: it holds no personal data).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from relais.core.models import Language
from relais.delivery.models import RegistrationStatus
from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.tests.factories import make_complete_design
from relais.evaluation.models import Invitation, ItemType, QuestionnaireKind, QuestionnaireStatus, Section
from relais.evaluation.tests.factories import make_item, make_questionnaire
from relais.evaluation.tokens import new_token, session_entry_token
from relais.programmes.models import Organisation
from tests.matrix import ALL, Page

SEE = ALL - {"viewer", "outsider", "coordinator_it"}
FIRST_DAY = dt.date(2026, 3, 2)
YES_NO = [{"value": "a", "label": "Yes"}, {"value": "b", "label": "No"}]
FR = {"fr": {"title": "Test de connaissances", "introduction": "Merci de répondre."}}


def build_answer_world(programme: Any, trainer: Any) -> dict[str, Any]:
    """A two-day session in Albania trained by `trainer`, with three people expected (Ana speaks
    French and has an e-mail address; Besa has an address; Drita has none), one on the waiting list
    and one who withdrew; an open pre-test in English and French in two sections; an open anonymous
    satisfaction questionnaire; an open follow-up with contacts and cooperation items."""
    design = make_complete_design(programme=programme, title="Joint investigation training")
    partner = Organisation.objects.create(name="Regional Anti-Trafficking Centre", sector="international", kind="other")
    design.partners.add(partner)
    session = make_session(
        design=design,
        country="AL",
        title="Joint investigation training — Tirana",
        city="Tirana",
        start_date=FIRST_DAY,
        end_date=FIRST_DAY + dt.timedelta(days=1),
    )
    session.trainers.add(trainer)
    inspectorate = Organisation.objects.create(
        name="State Labour Inspectorate", sector="public", kind="labour_inspectorate"
    )
    police = Organisation.objects.create(name="State Police", sector="public", kind="police")
    ana = make_person("Ana", "Hoxha", profession="labour_inspection", organisation=inspectorate, email="ana@ex.org")
    ana.languages.set(Language.objects.filter(code__in=["sq", "fr"]))
    besa = make_person("Besa", "Krasniqi", profession="prosecution", email="besa@ex.org")
    drita = make_person("Drita", "Berisha", profession="police", organisation=police)
    regs = {
        "ana": register(session, ana),
        "besa": register(session, besa),
        "drita": register(session, drita),
        "waiting": register(session, make_person("Wendy", "Waiting", email="w@ex.org"), RegistrationStatus.WAITING),
        "gone": register(session, make_person("Gezim", "Gone", email="g@ex.org"), RegistrationStatus.WITHDRAWN),
    }
    pre = make_questionnaire(
        session,
        QuestionnaireKind.PRE_TEST,
        title="Knowledge test",
        introduction="Thank you for answering.",
        translations=FR,
        language="en",
        languages=["fr"],
        status=QuestionnaireStatus.OPEN,
    )
    basics = Section.objects.create(
        questionnaire=pre, title="Basics", position=0, translations={"fr": {"title": "Notions de base"}}
    )
    opinions = Section.objects.create(
        questionnaire=pre, title="Opinions", position=1, translations={"fr": {"title": "Avis"}}
    )
    items = {
        "single": make_item(
            pre,
            ItemType.SINGLE,
            text="Is forced labour a crime?",
            options=YES_NO,
            correct=["a"],
            points=1,
            section=basics,
            translations={"fr": {"text": "Le travail forcé est-il un crime ?", "options": {"a": "Oui", "b": "Non"}}},
        ),
        "multiple": make_item(
            pre,
            ItemType.MULTIPLE,
            text="Which are indicators?",
            required=False,
            section=basics,
            translations={"fr": {"text": "Lesquels sont des indicateurs ?"}},
        ),
        "likert": make_item(
            pre,
            ItemType.LIKERT,
            text="I feel ready to identify victims.",
            section=opinions,
            translations={"fr": {"text": "Je me sens prêt à identifier des victimes."}},
        ),
        "number": make_item(pre, ItemType.NUMBER, text="Years in service", required=False, section=opinions),
        "text": make_item(pre, ItemType.LONG_TEXT, text="Comments", required=False, section=opinions),
    }
    satisfaction = make_questionnaire(
        session,
        QuestionnaireKind.SATISFACTION,
        title="Satisfaction",
        anonymous=True,
        status=QuestionnaireStatus.OPEN,
        languages=["fr"],
        translations={"fr": {"title": "Satisfaction (fr)"}},
    )
    make_item(satisfaction, ItemType.LIKERT, text="The training met my needs.")
    make_item(satisfaction, ItemType.LONG_TEXT, text="What should change?", required=False)
    follow_up = make_questionnaire(
        session, QuestionnaireKind.FOLLOW_UP, title="Follow-up", status=QuestionnaireStatus.OPEN
    )
    contacts = make_item(follow_up, ItemType.CONTACTS, text="Whom are you in touch with?", required=False)
    cooperation = make_item(follow_up, ItemType.COOPERATION, text="What cooperation?", required=False)
    return {
        "design": design,
        "session": session,
        "regs": regs,
        "people": {"ana": ana, "besa": besa, "drita": drita},
        "orgs": {"inspectorate": inspectorate, "police": police, "partner": partner},
        "pre": pre,
        "items": items,
        "sections": (basics, opinions),
        "satisfaction": satisfaction,
        "follow_up": follow_up,
        "contacts_item": contacts,
        "cooperation_item": cooperation,
        "entry_token": session_entry_token(session),
    }


def invite(questionnaire: Any, registration: Any, language: str = "en", **fields: Any) -> Invitation:
    values: dict[str, Any] = {"expires_at": dt.datetime(2099, 1, 1, tzinfo=dt.UTC), "language": language}
    values.update(fields)
    return Invitation.objects.create(
        questionnaire=questionnaire, registration=registration, token=new_token(), **values
    )


def context(ctx: dict[str, Any]) -> None:
    world = build_answer_world(ctx["programme"], ctx["trainer"])
    ctx["answer_world"] = world
    ctx["entry_token"] = world["entry_token"]
    ctx["answer_invitation"] = invite(world["pre"], world["regs"]["ana"], "fr")


def _answer(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"token": ctx["answer_invitation"].token}


def _anonymous(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"token": ctx["entry_token"], "questionnaire": ctx["answer_world"]["satisfaction"].pk}


PAGES: dict[str, Page] = {
    "evaluation:entry": Page(kwargs=lambda ctx: {"token": ctx["entry_token"]}, public=True),
    "evaluation:answer": Page(kwargs=_answer, public=True, ok=frozenset({200})),
    # Not answered yet: the thank-you page sends back to the questionnaire.
    "evaluation:answer_thanks": Page(kwargs=_answer, public=True, ok=frozenset({302})),
    "evaluation:anonymous": Page(kwargs=_anonymous, public=True, ok=frozenset({200})),
    "evaluation:anonymous_thanks": Page(kwargs=_anonymous, public=True, ok=frozenset({302})),
    # How participants' data is used (the programme's privacy notice), from each kind of token.
    "evaluation:answer_privacy": Page(kwargs=_answer, public=True, ok=frozenset({200})),
    "evaluation:entry_privacy": Page(
        kwargs=lambda ctx: {"token": ctx["entry_token"]}, public=True, ok=frozenset({200})
    ),
    "evaluation:preview": Page(kwargs=lambda ctx: {"pk": ctx["answer_world"]["pre"].pk}, may=SEE),
}
