"""Questionnaires: those of the sessions the token's owner sees (as the questionnaire pages), one with
its sections and questions, creating one for a session (by hand or as a copy), opening and closing.

Changes need evaluating the session (administrators, the programme's managers, the coordinators of its
country, its trainers); M&E officers read only, and like every reader who may not manage the
questionnaire they read it without its key (correct answers and points). Questions: questionnaires_items."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from relais.api.idempotency import OPENAPI_HEADER, idempotent
from relais.api.pagination import PageParams, page_of, paginate
from relais.api.problems import ApiProblem, field_error
from relais.api.problems import invalid as _invalid
from relais.api.routers import questionnaires_items
from relais.api.routers.questionnaires_items import ItemOut, item_out
from relais.api.schemas import changed, created, read
from relais.core.models import Language
from relais.delivery.models import Session
from relais.evaluation import selectors_builder
from relais.evaluation import services_builder as builder
from relais.evaluation.models import Item, Questionnaire, Response, ResponseStatus
from relais.evaluation.scoping import (
    may_evaluate,
    questionnaire_for_managing,
    questionnaire_get,
    questionnaires_visible,
    session_for_evaluating,
)
from relais.evaluation.services_builder_copy import questionnaire_copy
from relais.evaluation.services_builder_rules import submitted_count
from relais.evaluation.services_builder_settings import open_problems, questionnaire_status_set

router = Router(tags=["Questionnaires"])
router.add_router("", questionnaires_items.router)

KindCode = Literal["pre", "post", "satisfaction", "follow_up", "custom"]
StatusCode = Literal["draft", "open", "closed"]
LanguageCode = Annotated[str, Field(min_length=1, max_length=10)]


class QuestionnaireOut(Schema):
    id: int
    session_id: int
    programme_id: int
    design_id: int
    kind: str = Field(description="pre, post, satisfaction, follow_up or custom")
    title: str
    introduction: str
    translations: dict[str, Any] = Field(description='{"fr": {"title": …, "introduction": …}}')
    language: str = Field(description="The language it is written in (code)")
    languages: list[str] = Field(description="The languages participants may answer in (codes)")
    status: str = Field(description="draft, open or closed")
    anonymous: bool
    paired_with_id: int | None = Field(None, description="A post-test: the pre-test it is compared with")
    opens_on: dt.date | None
    closes_on: dt.date | None
    version: int = Field(description="Counts every change")
    item_count: int
    submitted_count: int = Field(description="Responses sent")
    created_at: dt.datetime
    updated_at: dt.datetime


class QuestionnaireSectionOut(Schema):
    id: int
    position: int
    title: str
    translations: dict[str, Any]


class QuestionnaireDetailOut(QuestionnaireOut):
    may_manage: bool = Field(description="Whether the token's owner may change it (and so reads its key)")
    sections: list[QuestionnaireSectionOut]
    items: list[ItemOut] = Field(description="In the order participants see them")
    open_errors: list[str] = Field(description="What stops it from opening")
    open_warnings: list[str] = Field(description="What deserves a look before opening")


class QuestionnaireFilters(PageParams):
    programme_id: int | None = None
    session_id: int | None = None
    design_id: int | None = None
    kind: KindCode | None = None
    status: StatusCode | None = None


class QuestionnaireIn(Schema):
    kind: KindCode
    title: str = Field("", max_length=300, description="Empty: a title suited to the kind")
    language: LanguageCode | None = Field(None, description="Written in (code); default the session's first")
    languages: list[LanguageCode] | None = Field(
        None, max_length=30, description="Offered (codes); default the session's languages"
    )
    copy_from: int | None = Field(
        None,
        ge=1,
        description="Copy this questionnaire of another session of the same design (its texts, sections, "
        "questions and translations) instead of starting afresh",
    )


class StatusIn(Schema):
    action: Literal["open", "close", "draft"] = Field(
        description="open (from draft or closed, when nothing stops it), close (when open), draft (when open or closed)"
    )


def _count(model: Any, **filters: Any) -> Coalesce:
    rows = (
        model.objects.filter(questionnaire=OuterRef("pk"), **filters)
        .order_by()
        .values("questionnaire")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def _questionnaires(user: Any) -> QuerySet[Questionnaire]:
    return (
        questionnaires_visible(user=user)
        .select_related("session")
        .annotate(item_n=_count(Item), submitted_n=_count(Response, status=ResponseStatus.SUBMITTED))
    )


def _fields(q: Questionnaire, item_count: int, submitted: int) -> dict[str, Any]:
    return {
        "id": q.pk,
        "session_id": q.session_id,
        "programme_id": q.programme_id,
        "design_id": q.session.design_id,
        "kind": q.kind,
        "title": q.title,
        "introduction": q.introduction,
        "translations": q.translations or {},
        "language": q.language,
        "languages": list(q.languages or []),
        "status": q.status,
        "anonymous": q.anonymous,
        "paired_with_id": q.paired_with_id,
        "opens_on": q.opens_on,
        "closes_on": q.closes_on,
        "version": q.version,
        "item_count": item_count,
        "submitted_count": submitted,
        "created_at": q.created_at,
        "updated_at": q.updated_at,
    }


def questionnaire_out(q: Questionnaire) -> QuestionnaireOut:
    return QuestionnaireOut(**_fields(q, q.item_n, q.submitted_n))  # type: ignore[attr-defined]


def questionnaire_detail(user: Any, q: Questionnaire) -> QuestionnaireDetailOut:
    """The questionnaire with its sections and questions; the key only for those who may manage it."""
    key = may_evaluate(user=user, session=q.session)
    structure = selectors_builder.structure(q)
    errors, warnings = open_problems(q)
    return QuestionnaireDetailOut(
        **_fields(q, len(structure.items), submitted_count(q)),
        may_manage=key,
        sections=[
            QuestionnaireSectionOut(id=s.pk, position=s.position, title=s.title, translations=s.translations or {})
            for s in structure.sections
        ],
        items=[item_out(i, key=key) for i in structure.items],
        open_errors=[str(e) for e in errors],
        open_warnings=[str(w) for w in warnings],
    )


@router.get("/questionnaires", response=read(page_of(QuestionnaireOut)), summary="List questionnaires")
def questionnaire_list(request: HttpRequest, filters: Query[QuestionnaireFilters]) -> dict[str, Any]:
    """The questionnaires of the sessions the token's owner sees, as on the sessions' questionnaire pages."""
    qs = _questionnaires(request.user)
    if filters.programme_id is not None:
        qs = qs.filter(programme_id=filters.programme_id)
    if filters.session_id is not None:
        qs = qs.filter(session_id=filters.session_id)
    if filters.design_id is not None:
        qs = qs.filter(session__design_id=filters.design_id)
    if filters.kind is not None:
        qs = qs.filter(kind=filters.kind)
    if filters.status is not None:
        qs = qs.filter(status=filters.status)
    return paginate(qs, filters, lambda rows: [questionnaire_out(q) for q in rows])


@router.get("/questionnaires/{questionnaire_id}", response=read(QuestionnaireDetailOut), summary="Read a questionnaire")
def questionnaire_read(request: HttpRequest, questionnaire_id: int) -> QuestionnaireDetailOut:
    """The questionnaire with its sections and questions in order. Correct answers and points only for
    those who may manage it."""
    return questionnaire_detail(request.user, questionnaire_get(user=request.user, pk=questionnaire_id))


def _check_languages(payload: QuestionnaireIn) -> None:
    """Unknown language codes: 422 at their place."""
    codes = [payload.language] if payload.language else []
    codes += payload.languages or []
    known = set(Language.objects.filter(code__in=codes, is_active=True).values_list("code", flat=True))
    errors = []
    if payload.language and payload.language not in known:
        errors.append(field_error("language", _("Choose a language code from /vocabularies.")))
    for n, code in enumerate(payload.languages or []):
        if code not in known:
            errors.append(field_error(f"languages.{n}", _("Choose a language code from /vocabularies.")))
    if errors:
        raise _invalid(errors)


def _copy(request: HttpRequest, session: Session, payload: QuestionnaireIn, copy_from: int) -> Questionnaire:
    leave = _("Leave this out when copying: the copy keeps the settings of the questionnaire it copies.")
    errors = [
        field_error(name, leave)
        for name, given in (
            ("title", payload.title),
            ("language", payload.language),
            ("languages", payload.languages),
        )
        if given
    ]
    if errors:
        raise _invalid(errors)
    source = (
        questionnaires_visible(user=request.user)
        .exclude(session=session)
        .select_related("session")
        .filter(pk=copy_from)
        .first()
    )
    if source is None:
        raise _invalid([field_error("copy_from", _("Choose a questionnaire of another session of the same design."))])
    if source.kind != payload.kind:
        raise _invalid(
            [
                field_error(
                    "kind",
                    _("The questionnaire to copy is of kind “%(kind)s”: give that kind.") % {"kind": source.kind},
                )
            ]
        )
    try:
        return questionnaire_copy(actor=request.user, source=source, session=session, request=request)
    except ValidationError as error:
        raise _invalid([field_error("copy_from", " ".join(error.messages))]) from None


@router.post(
    "/sessions/{session_id}/questionnaires",
    response=created(QuestionnaireDetailOut),
    openapi_extra=OPENAPI_HEADER,
    summary="Create a questionnaire for a session",
)
@idempotent
def questionnaire_create(
    request: HttpRequest, session_id: int, payload: QuestionnaireIn
) -> Status[QuestionnaireDetailOut]:
    """A new draft questionnaire, as the builder makes it: satisfaction and follow-up questionnaires start
    with the standard questions of their kind, a post-test is compared with the session's pre-test not yet
    compared (and starts with its questions), a follow-up opens some months after the session. With
    `copy_from`, a copy of a questionnaire of another session of the same design."""
    session = session_for_evaluating(user=request.user, pk=session_id)
    if payload.copy_from is not None:
        questionnaire = _copy(request, session, payload, payload.copy_from)
    else:
        _check_languages(payload)
        languages = list(dict.fromkeys(payload.languages)) if payload.languages else None
        questionnaire = builder.questionnaire_create(
            actor=request.user,
            session=session,
            kind=payload.kind,
            title=payload.title,
            language=payload.language,
            languages=languages,
            request=request,
        )
    return Status(201, questionnaire_detail(request.user, questionnaire))


@router.post(
    "/questionnaires/{questionnaire_id}/status",
    response=changed(QuestionnaireDetailOut),
    summary="Open, close or take back a questionnaire to draft",
)
def questionnaire_status_change(
    request: HttpRequest, questionnaire_id: int, payload: StatusIn
) -> QuestionnaireDetailOut:
    """Opens (from draft or closed; refused while open_errors lists a problem), closes (when open) or takes
    back to draft (when open or closed). A move the current status does not allow is a conflict (409)."""
    questionnaire = questionnaire_for_managing(user=request.user, pk=questionnaire_id)
    try:
        questionnaire_status_set(
            actor=request.user, questionnaire=questionnaire, action=payload.action, request=request
        )
    except ValidationError as error:
        raise ApiProblem(
            409,
            "conflict",
            _("The status cannot change"),
            " ".join(error.messages),
            errors=[field_error("action", message) for message in error.messages],
        ) from None
    return questionnaire_detail(request.user, questionnaire)
