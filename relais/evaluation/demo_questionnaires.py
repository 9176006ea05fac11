"""Demo, step 50: the questionnaires of the demo sessions and the participants' personal links.

Each delivered or closed session gets the questionnaires of its design's evaluation plan: a pre-test
and a post-test paired with it, of 8–10 questions from the knowledge bank matched to the design's
learning objectives; a satisfaction questionnaire of the standard items plus one rating per agenda
module; a follow-up of the standard items, opening some months after the session (closed, open or
still a draft as seen from the demo's today). Offered in English, French and the session's languages.
Open sessions get their tests and satisfaction questionnaire as drafts. (The participants' personal
links are made with their responses, in step 51.)
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal
from typing import Any

from relais.core.demo import DemoContext
from relais.delivery.models import Person, Registration, Session, SessionStatus
from relais.design.demo import BILATERAL, FAILING, NATIONAL, REGIONAL
from relais.design.models import AgendaModule, Method
from relais.evaluation.demo import BATCH, PAST, at, demo_sessions, demo_today
from relais.evaluation.models import (
    Item,
    LibraryItem,
    Questionnaire,
    QuestionnaireKind,
    QuestionnaireStatus,
    Section,
)
from relais.evaluation.standard_items import FOLLOW_UP_ITEMS, SATISFACTION_ITEMS, Spec, load_standard_items
from relais.evaluation.standard_items_bank import KNOWLEDGE

KIND = QuestionnaireKind


def _objective(spec: dict[str, Any], index: int) -> str:
    return str(spec["objectives"][index][1])


# The bank questions testing each learning objective of the demo designs, by the objective's text
# (which a replicated design keeps).
OBJECTIVE_QUESTIONS: dict[str, list[str]] = {
    _objective(NATIONAL, 0): ["ilo_indicator", "debt_bondage"],
    _objective(NATIONAL, 1): ["palermo_elements", "consent_irrelevant", "non_punishment"],
    _objective(NATIONAL, 2): ["inspection_powers", "inspection_evidence"],
    _objective(NATIONAL, 3): ["referral_mechanism", "reflection_period"],
    _objective(NATIONAL, 4): ["first_interview"],
    _objective(REGIONAL, 0): ["european_investigation_order", "untoc_legal_basis", "organised_criminal_group"],
    _objective(REGIONAL, 1): ["jit_definition", "jit_funding"],
    _objective(REGIONAL, 2): ["mla_request_quality"],
    _objective(REGIONAL, 3): ["hearing_abroad", "secondary_victimisation", "non_punishment"],
    _objective(BILATERAL, 0): ["siena", "liaison_officer"],
    _objective(BILATERAL, 1): ["financial_investigation", "inspection_evidence"],
    _objective(BILATERAL, 2): ["jit_definition", "joint_action_days"],
    _objective(BILATERAL, 3): ["organised_criminal_group", "restriction_of_movement", "debt_bondage"],
    _objective(FAILING, 0): ["subcontracting_liability", "ilo_indicator", "inspection_powers", "debt_bondage"],
    _objective(FAILING, 1): [
        "particularly_exploitative",
        "palermo_elements",
        "forced_labour_definition",
        "non_punishment",
    ],
}
# The one-day awareness seminar asks its satisfaction questions anonymously (it plans no follow-up).
ANONYMOUS_SATISFACTION = {str(FAILING["title"])}

# kind: English title, English introduction, French title, French introduction
TEXTS: dict[str, tuple[str, str, str, str]] = {
    KIND.PRE_TEST: (
        "Knowledge test before the training",
        "This short test shows what you know before the training. It is not an exam: answer as well as you can.",
        "Test de connaissances avant la formation",
        "Ce court test montre ce que vous savez avant la formation. Ce n'est pas un examen : répondez du mieux "
        "que vous pouvez.",
    ),
    KIND.POST_TEST: (
        "Knowledge test after the training",
        "The same questions as at the start, to see what the training brought. Answer as well as you can.",
        "Test de connaissances après la formation",
        "Les mêmes questions qu'au début, pour voir ce que la formation a apporté. Répondez du mieux que vous pouvez.",
    ),
    KIND.SATISFACTION: (
        "Your opinion of the training",
        "Tell us what worked and what did not: your answers help us improve the next sessions.",
        "Votre avis sur la formation",
        "Dites-nous ce qui a fonctionné et ce qui n'a pas fonctionné : vos réponses nous aident à améliorer les "
        "prochaines sessions.",
    ),
    KIND.FOLLOW_UP: (
        "What has changed since the training",
        "A few months after the training: tell us how you have used what you learned and whom you work with.",
        "Ce qui a changé depuis la formation",
        "Quelques mois après la formation : dites-nous comment vous avez utilisé ce que vous avez appris et avec "
        "qui vous travaillez.",
    ),
}
ANONYMOUS_NOTE = (" Your answers are anonymous.", " Vos réponses sont anonymes.")
MODULES = ("modules", "Modules", "Les séances")
# (English title, French title, item keys — or MODULES for one rating per agenda module)
SECTIONS: dict[str, list[tuple[str, str, Any]]] = {
    KIND.SATISFACTION: [
        ("The training", "La formation", [s.key for s in SATISFACTION_ITEMS if s.type == "likert"]),
        (MODULES[1], MODULES[2], MODULES[0]),
        ("Your comments", "Vos commentaires", ["most_useful", "to_improve"]),
    ],
    KIND.FOLLOW_UP: [
        ("Using what you learned", "L'utilisation de ce que vous avez appris",
         ["application", "application_example", "colleagues"]),
        ("Contacts and cooperation", "Contacts et coopération", ["contacts", "cooperation"]),
        ("Your organisation", "Votre organisation", ["organisation_changes", "obstacles"]),
    ],
}  # fmt: skip
NOT_RATED = {Method.EVALUATION, Method.OPENING}
FOLLOW_UP_WINDOW_MONTHS = 1
DEFAULT_FOLLOW_UP_MONTHS = 3


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def planned_kinds(session: Session) -> list[str]:
    design = session.design
    plan = [
        (design.plans_pre_test, KIND.PRE_TEST),
        (design.plans_post_test, KIND.POST_TEST),
        (design.plans_satisfaction, KIND.SATISFACTION),
        (design.plans_follow_up and session.status in PAST, KIND.FOLLOW_UP),
    ]
    return [str(kind) for planned, kind in plan if planned]


def schedule(session: Session, kind: str, today: dt.date) -> tuple[dt.date, dt.date, str]:
    """When the questionnaire opens and closes, and its status as seen from the demo's today."""
    if kind == KIND.PRE_TEST:
        opens = closes = session.start_date
    elif kind == KIND.POST_TEST:
        opens = closes = session.end_date
    elif kind == KIND.SATISFACTION:
        opens, closes = session.end_date, session.end_date + dt.timedelta(days=14)
    else:
        months = session.design.follow_up_months or DEFAULT_FOLLOW_UP_MONTHS
        opens = add_months(session.end_date, months)
        closes = add_months(session.end_date, months + FOLLOW_UP_WINDOW_MONTHS)
    if session.status not in PAST or opens > today:
        status = QuestionnaireStatus.DRAFT
    else:
        status = QuestionnaireStatus.CLOSED if closes < today else QuestionnaireStatus.OPEN
    return opens, closes, str(status)


def _item(spec: Spec, library: dict[str, LibraryItem], **fields: Any) -> Item:
    return Item(
        type=spec.type,
        text=spec.text,
        help=spec.help,
        required=spec.required,
        options=spec.option_list(),
        correct=list(spec.correct),
        points=Decimal(spec.points),
        role=spec.role,
        translations=spec.translations(),
        library_item=library.get(spec.text),
        **fields,
    )


def _module_item(module: AgendaModule, **fields: Any) -> Item:
    return Item(
        type="likert",
        text=f"“{module.title}” was useful for my work.",
        required=False,
        translations={"fr": {"text": f"La séance « {module.title} » m'a été utile pour mon travail."}},
        **fields,
    )


class _Builder:
    def __init__(self, manager: Any) -> None:
        load_standard_items()
        self.manager = manager
        self.library = {li.text: li for li in LibraryItem.objects.filter(programme__isnull=True)}
        self.specs = {s.key: s for s in [*SATISFACTION_ITEMS, *FOLLOW_UP_ITEMS, *KNOWLEDGE]}
        self.sections: list[Section] = []
        self.items: list[Item] = []

    def test_items(self, session: Session) -> list[tuple[Spec, int]]:
        """The bank questions of the design's objectives, with the objective each one tests."""
        chosen: list[tuple[Spec, int]] = []
        seen: set[str] = set()
        for objective in session.design.objectives.all():
            for key in OBJECTIVE_QUESTIONS.get(objective.text, []):
                if key not in seen:
                    seen.add(key)
                    chosen.append((self.specs[key], objective.pk))
        return chosen

    def questionnaire(self, session: Session, kind: str, today: dt.date, pre: Questionnaire | None) -> Questionnaire:
        title, intro, title_fr, intro_fr = TEXTS[kind]
        anonymous = kind == KIND.SATISFACTION and session.design.title in ANONYMOUS_SATISFACTION
        if anonymous:
            intro, intro_fr = intro + ANONYMOUS_NOTE[0], intro_fr + ANONYMOUS_NOTE[1]
        opens, closes, status = schedule(session, kind, today)
        codes = [lang.code for lang in session.languages.all()]
        return Questionnaire.objects.create(
            session=session,
            programme_id=session.programme_id,
            kind=kind,
            title=title,
            introduction=intro,
            translations={"fr": {"title": title_fr, "introduction": intro_fr}},
            language="en",
            languages=list(dict.fromkeys(["en", "fr", *codes])),
            status=status,
            anonymous=anonymous,
            paired_with=pre if kind == KIND.POST_TEST else None,
            opens_on=opens,
            closes_on=closes,
            created_by=self.manager,
        )

    def fill(self, questionnaire: Questionnaire, session: Session, modules: list[AgendaModule]) -> None:
        if questionnaire.is_test:
            for n, (spec, objective) in enumerate(self.test_items(session)):
                self.items.append(
                    _item(spec, self.library, questionnaire=questionnaire, position=n, objective_id=objective)
                )
            return
        position = 0
        for s, (title, title_fr, keys) in enumerate(SECTIONS[questionnaire.kind]):
            section = Section(questionnaire=questionnaire, title=title, translations={"fr": {"title": title_fr}})
            section.position = s
            self.sections.append(section)
            if keys == MODULES[0]:
                rows = [_module_item(m, questionnaire=questionnaire, section=section) for m in modules]
            else:
                rows = [_item(self.specs[k], self.library, questionnaire=questionnaire, section=section) for k in keys]
            for row in rows:
                row.position = position
                position += 1
            self.items.extend(rows)

    def save(self) -> None:
        Section.objects.bulk_create(self.sections, batch_size=BATCH)
        Item.objects.bulk_create(self.items, batch_size=BATCH)


def _rated_modules(session: Session) -> list[AgendaModule]:
    modules = AgendaModule.objects.filter(day__design=session.design).order_by("day__position", "position", "pk")
    return [m for m in modules if m.method not in NOT_RATED]


def link_languages(registrations: list[Registration], offered: list[str]) -> dict[int, str]:
    """Each participant's link language: their first recorded language among those offered, else English."""
    through = Person.languages.through
    spoken: dict[int, str] = {}
    rows = (
        through.objects.filter(person_id__in=[r.person_id for r in registrations], language__code__in=offered)
        .order_by("id")
        .values_list("person_id", "language__code")
    )
    for person_id, code in rows:
        spoken.setdefault(person_id, code)
    return {r.pk: spoken.get(r.person_id, "en") for r in registrations}


def build_questionnaires(context: DemoContext) -> None:
    today = demo_today()
    sessions = demo_sessions(context, (*PAST, SessionStatus.OPEN))
    if not sessions:
        return
    builder = _Builder(context.objects.get("user:manager"))
    created: dict[int, list[Questionnaire]] = {}
    for session in sessions:
        modules = _rated_modules(session)
        pre: Questionnaire | None = None
        made: list[Questionnaire] = []
        for kind in planned_kinds(session):
            questionnaire = builder.questionnaire(session, kind, today, pre)
            if kind == KIND.PRE_TEST:
                pre = questionnaire
            builder.fill(questionnaire, session, modules)
            made.append(questionnaire)
        created[session.pk] = made
    builder.save()
    for session in sessions:
        when = at(session.start_date - dt.timedelta(days=12), 10)
        ids = [q.pk for q in created[session.pk]]
        Questionnaire.objects.filter(pk__in=ids).update(created_at=when, updated_at=when)
