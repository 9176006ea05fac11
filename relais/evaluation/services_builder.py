"""Writes of questionnaires as wholes: create one (by hand or from the design's evaluation plan, with
its default texts, languages, pairing, standard library items and follow-up dates) and delete one
nobody answered. Settings and status: services_builder_settings; copies: services_builder_copy.
Each write is atomic, audited, and counts one more version of the questionnaire."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _

from relais.core.audit import audit_record
from relais.delivery.models import Session
from relais.evaluation.models import (
    Item,
    LibraryItem,
    Questionnaire,
    QuestionnaireKind,
    Response,
)
from relais.evaluation.services_builder_rules import touch
from relais.evaluation.services_builder_sections import copy_structure

DEFAULT_FOLLOW_UP_MONTHS = 3
FOLLOW_UP_WINDOW_MONTHS = 1  # a follow-up stays open this long after it opens


def _default_texts(kind: str) -> tuple[str, str]:
    """The title and introduction a new questionnaire starts with (in the active language)."""
    if kind == QuestionnaireKind.PRE_TEST:
        return _("Knowledge test before the training"), _(
            "This short test shows what you know before the training. It is not an exam: answer as well as you can."
        )
    if kind == QuestionnaireKind.POST_TEST:
        return _("Knowledge test after the training"), _(
            "The same kind of questions as at the start, to see what the training brought. Answer as well as you can."
        )
    if kind == QuestionnaireKind.SATISFACTION:
        return _("Your opinion of the training"), _(
            "Tell us what worked and what did not: your answers help us improve the next sessions."
        )
    if kind == QuestionnaireKind.FOLLOW_UP:
        return _("What has changed since the training"), _(
            "A few months after the training: tell us how you have used what you learned and whom you work with."
        )
    return _("Questionnaire"), ""


def default_texts(kind: str, language: str, languages: list[str]) -> tuple[str, str, dict[str, Any]]:
    """Title and introduction in `language` when the interface speaks it (English otherwise), and
    their translations into the offered languages the interface also speaks."""
    spoken = dict(settings.LANGUAGES)
    with translation.override(language if language in spoken else "en"):
        title, introduction = _default_texts(kind)
    translations: dict[str, Any] = {}
    for code in languages:
        if code == language or code not in spoken:
            continue
        with translation.override(code):
            t_title, t_intro = _default_texts(kind)
        texts = {
            k: v for k, v in (("title", t_title), ("introduction", t_intro)) if v and v not in (title, introduction)
        }
        if texts:
            translations[code] = texts
    return str(title), str(introduction), translations


def session_languages(session: Session) -> tuple[str, list[str]]:
    """The language a new questionnaire is written in (the session's first, or English) and those offered."""
    codes = list(session.languages.values_list("code", flat=True))
    language = codes[0] if codes else "en"
    return language, codes or [language]


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def audit_create(actor: Any, questionnaire: Questionnaire, request: HttpRequest | None, **details: Any) -> None:
    audit_record(
        actor=actor,
        action="questionnaire.create",
        obj=questionnaire,
        details={"session": questionnaire.session_id, "kind": questionnaire.kind, **details},
        request=request,
    )


def _standard_items(questionnaire: Questionnaire) -> list[LibraryItem]:
    from django.db.models import Q

    return list(
        LibraryItem.objects.filter(standard=True, kind=questionnaire.kind)
        .filter(Q(programme__isnull=True) | Q(programme_id=questionnaire.programme_id))
        .order_by(F("programme_id").asc(nulls_first=True), "id")
    )


def add_library_items(
    questionnaire: Questionnaire, library_items: list[LibraryItem], section_id: int | None = None
) -> int:
    """Copy library items (with their translations) to the end of the questionnaire; returns how many."""
    start = Item.objects.filter(questionnaire=questionnaire).count()
    rows = [
        Item(
            questionnaire=questionnaire,
            section_id=section_id,
            position=30000 + start + n,
            type=li.type,
            text=li.text,
            help=li.help,
            required=li.required,
            options=li.options,
            correct=li.correct,
            points=li.points,
            role=li.role,
            translations=li.translations,
            library_item=li,
        )
        for n, li in enumerate(library_items)
    ]
    Item.objects.bulk_create(rows)
    from relais.evaluation.services_builder_items import renumber

    renumber(questionnaire)
    return len(rows)


@transaction.atomic
def questionnaire_create(
    *,
    actor: Any,
    session: Session,
    kind: str,
    title: str = "",
    language: str | None = None,
    languages: list[str] | None = None,
    standard_items: bool = True,
    request: HttpRequest | None = None,
) -> Questionnaire:
    """A new draft questionnaire of the session. Satisfaction and follow-up questionnaires start with
    the standard library items of their kind; a post-test is paired with the session's unpaired
    pre-test and starts with its items; a follow-up opens `follow_up_months` after the session."""
    if kind not in QuestionnaireKind.values:
        raise ValidationError({"kind": [_("Choose a kind from the list.")]})
    default_language, default_languages = session_languages(session)
    language = language or default_language
    languages = list(languages or default_languages)
    if language not in languages:
        languages.insert(0, language)
    default_title, introduction, translations = default_texts(kind, language, languages)
    if title.strip():
        translations = {}
    questionnaire = Questionnaire(
        session=session,
        programme_id=session.programme_id,
        kind=kind,
        title=(title.strip() or default_title)[:300],
        introduction="" if title.strip() else introduction,
        translations=translations,
        language=language,
        languages=languages,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if kind == QuestionnaireKind.FOLLOW_UP:
        months = session.design.follow_up_months or DEFAULT_FOLLOW_UP_MONTHS
        questionnaire.opens_on = add_months(session.end_date, months)
        questionnaire.closes_on = add_months(session.end_date, months + FOLLOW_UP_WINDOW_MONTHS)
    pre: Questionnaire | None = None
    if kind == QuestionnaireKind.POST_TEST:
        pre = (
            Questionnaire.objects.filter(session=session, kind=QuestionnaireKind.PRE_TEST, paired_post__isnull=True)
            .order_by("id")
            .first()
        )
        questionnaire.paired_with = pre
    questionnaire.save()
    copied = 0
    if pre is not None and pre.items.exists():
        copied = copy_structure(source_sections=pre.sections.all(), source_items=pre.items.all(), target=questionnaire)
    elif standard_items and kind in (QuestionnaireKind.SATISFACTION, QuestionnaireKind.FOLLOW_UP):
        copied = add_library_items(questionnaire, _standard_items(questionnaire))
    if kind == QuestionnaireKind.PRE_TEST:
        post = (
            Questionnaire.objects.filter(session=session, kind=QuestionnaireKind.POST_TEST, paired_with__isnull=True)
            .order_by("id")
            .first()
        )
        if post is not None:
            post.paired_with = questionnaire
            post.save(update_fields=["paired_with", "updated_at"])
            touch(post)
    audit_create(actor, questionnaire, request, items=copied, paired_with=questionnaire.paired_with_id)
    return questionnaire


@dataclass
class PlanResult:
    created: list[Questionnaire] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)  # kinds the session already had


def planned_kinds(session: Session) -> list[str]:
    design = session.design
    plan = [
        (design.plans_pre_test, QuestionnaireKind.PRE_TEST),
        (design.plans_post_test, QuestionnaireKind.POST_TEST),
        (design.plans_satisfaction, QuestionnaireKind.SATISFACTION),
        (design.plans_follow_up, QuestionnaireKind.FOLLOW_UP),
    ]
    return [str(kind) for planned, kind in plan if planned]


@transaction.atomic
def questionnaires_create_from_plan(*, actor: Any, session: Session, request: HttpRequest | None = None) -> PlanResult:
    """Create the questionnaires the design's evaluation plan asks for; kinds the session already has
    are left alone, so running it twice creates nothing more."""
    have = set(Questionnaire.objects.filter(session=session).values_list("kind", flat=True))
    result = PlanResult()
    for kind in planned_kinds(session):
        if kind in have:
            result.existing.append(kind)
            continue
        result.created.append(questionnaire_create(actor=actor, session=session, kind=kind, request=request))
    return result


@transaction.atomic
def questionnaire_delete(*, actor: Any, questionnaire: Questionnaire, request: HttpRequest | None = None) -> None:
    """Delete a questionnaire nobody has answered."""
    if Response.objects.filter(questionnaire=questionnaire).exists():
        raise ValidationError(
            _("People have started answering this questionnaire: it cannot be deleted. Close it instead.")
        )
    audit_record(
        actor=actor,
        action="questionnaire.delete",
        obj=questionnaire,
        details={"session": questionnaire.session_id, "kind": questionnaire.kind},
        request=request,
    )
    questionnaire.delete()
