"""Reads of the questionnaire builder: a session's questionnaires with their counts and how complete
their translations are (in a fixed number of queries), one questionnaire's structure, and what can be
reused from other sessions of the same design."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from relais.core.models import Language
from relais.delivery.models import Session
from relais.evaluation.models import (
    Invitation,
    Item,
    Questionnaire,
    QuestionnaireKind,
    Response,
    ResponseStatus,
    Section,
)
from relais.evaluation.scoping import questionnaires_visible
from relais.evaluation.services_builder import planned_kinds
from relais.evaluation.services_builder_translate import completeness, percent, target_languages


def _count(model: Any, **filters: Any) -> Coalesce:
    rows = (
        model.objects.filter(questionnaire=OuterRef("pk"), **filters)
        .order_by()
        .values("questionnaire")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def language_names(codes: set[str]) -> dict[str, str]:
    return {lang.code: lang.name for lang in Language.objects.filter(code__in=codes)}


@dataclass
class LanguageState:
    code: str
    name: str
    done: int
    total: int
    source: bool = False

    @property
    def percent(self) -> int:
        return 100 if self.source else percent(self.done, self.total)


def language_states(
    questionnaire: Questionnaire, sections: list[Section], items: list[Item], names: dict[str, str]
) -> list[LanguageState]:
    """The written-in language first, then each offered language with how much is translated."""
    states = [
        LanguageState(questionnaire.language, names.get(questionnaire.language, questionnaire.language), 0, 0, True)
    ]
    for code in target_languages(questionnaire):
        done, total = completeness(questionnaire, sections, items, code)
        states.append(LanguageState(code, names.get(code, code), done, total))
    return states


@dataclass
class QuestionnaireRow:
    questionnaire: Questionnaire
    item_count: int
    scored_count: int
    submitted: int
    invited: int
    languages: list[LanguageState]
    paired_post: Questionnaire | None = None


def session_questionnaires(session: Session) -> list[QuestionnaireRow]:
    """Every questionnaire of the session with its counts and translation states: five queries,
    whatever the number of questionnaires, items or answers."""
    questionnaires = list(
        Questionnaire.objects.filter(session=session)
        .select_related("paired_with")
        .annotate(
            submitted_n=_count(Response, status=ResponseStatus.SUBMITTED),
            invited_n=_count(Invitation),
        )
        .prefetch_related(
            Prefetch("sections", queryset=Section.objects.order_by("position", "id")),
            Prefetch(
                "items",
                queryset=Item.objects.only(
                    "pk", "questionnaire_id", "position", "text", "help", "options", "translations", "points", "correct"
                ).order_by("position", "id"),
            ),
        )
        .order_by("kind", "id")
    )
    order = {kind: n for n, kind in enumerate(QuestionnaireKind.values)}
    questionnaires.sort(key=lambda q: (order.get(q.kind, 99), q.pk))
    codes = {c for q in questionnaires for c in [q.language, *(q.languages or [])]}
    names = language_names(codes)
    posts = {q.paired_with_id: q for q in questionnaires if q.paired_with_id}
    rows = []
    for q in questionnaires:
        sections = list(q.sections.all())
        items = list(q.items.all())
        rows.append(
            QuestionnaireRow(
                questionnaire=q,
                item_count=len(items),
                scored_count=sum(1 for i in items if i.is_scored),
                submitted=q.submitted_n,
                invited=q.invited_n,
                languages=language_states(q, sections, items, names),
                paired_post=posts.get(q.pk),
            )
        )
    return rows


@dataclass
class SectionBlock:
    section: Section | None
    items: list[Item] = field(default_factory=list)
    number: int = 0  # of the section (1, 2…); 0 for the questions without a section
    first: bool = False
    last: bool = False


@dataclass
class Structure:
    sections: list[Section]
    items: list[Item]
    blocks: list[SectionBlock]  # items without a section first, then each section with its items


def structure(questionnaire: Questionnaire) -> Structure:
    sections = list(Section.objects.filter(questionnaire=questionnaire).order_by("position", "id"))
    items = list(
        Item.objects.filter(questionnaire=questionnaire)
        .select_related("objective", "library_item")
        .order_by("position", "id")
    )
    loose = SectionBlock(None, [i for i in items if i.section_id is None])
    blocks = [loose] + [
        SectionBlock(s, [i for i in items if i.section_id == s.pk], n, n == 1, n == len(sections))
        for n, s in enumerate(sections, start=1)
    ]
    ordered = [i for block in blocks for i in block.items]
    for number, item in enumerate(ordered, start=1):
        item.number = number  # type: ignore[attr-defined]
    return Structure(sections=sections, items=ordered, blocks=blocks)


def reusable_questionnaires(*, user: Any, session: Session) -> QuerySet[Questionnaire]:
    """Questionnaires of other sessions of the same design that the user may see, newest first."""
    return (
        questionnaires_visible(user=user)
        .filter(session__design_id=session.design_id)
        .exclude(session=session)
        .select_related("session", "session__country")
        .annotate(item_n=Count("items"))
        .order_by("-session__start_date", "kind", "id")
    )


@dataclass(frozen=True)
class PlanState:
    planned: list[str]
    missing: list[str]

    @property
    def labels(self) -> list[str]:
        return [str(QuestionnaireKind(k).label) for k in self.planned]

    @property
    def missing_labels(self) -> list[str]:
        return [str(QuestionnaireKind(k).label) for k in self.missing]


def plan_state(session: Session, rows: list[QuestionnaireRow]) -> PlanState:
    planned = planned_kinds(session)
    have = {r.questionnaire.kind for r in rows}
    return PlanState(planned=planned, missing=[k for k in planned if k not in have])
