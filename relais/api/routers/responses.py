"""Responses: a participant's (or an anonymous respondent's) answers to a questionnaire.

- Reading: whoever may enter and correct the session's answers (administrators, the programme's
  managers, the coordinators of its country, its trainers) — as on the pages, where one person's
  answers appear only on the paper-entry page; M&E officers and viewers read the results, which are
  aggregates. Who answered is shown only to the roles that see names in the programme
  (scoping.may_see_names); otherwise a pseudonym (`P-` and 8 characters, relais.core.pseudonyms: the
  one the network pages use), never the registration. Anonymous questionnaires never say who answered.
- Entering answers: the act of typing in a participant's paper form (services_paper), by whoever may
  do that (administrators, the programme's managers, the coordinators of the session's country, its
  trainers); the answers are submitted at once — scores and the paired learning gain are computed
  then — and recorded with the source "api". Questions left out stay unanswered, as on paper.
"""

# No `from __future__ import annotations`: ninja reads the annotations of the @idempotent view through
# its wrapper, whose module does not know these schemas.
import datetime as dt
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from relais.api.idempotency import OPENAPI_HEADER, idempotent
from relais.api.pagination import PageParams, page_of, paginate
from relais.api.problems import ApiProblem, field_error
from relais.api.problems import invalid as _invalid
from relais.api.schemas import created, read
from relais.core.pseudonyms import pseudonym
from relais.delivery.models import Registration, RegistrationStatus
from relais.evaluation.models import Answer, ItemType, Questionnaire, Response, ResponseSource, ResponseStatus
from relais.evaluation.scoping import may_see_names, questionnaire_for_managing, questionnaires_manageable
from relais.evaluation.selectors_answer import offered_languages
from relais.evaluation.services_paper import paper_response_enter

router = Router(tags=["Responses"])

MAX_ANSWERS = 500
# Whose answers may be typed in: those the paper entry page offers (not the waiting list, not withdrawn).
ENTERABLE = (RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED, RegistrationStatus.NO_SHOW)

VALUE_FORMATS = """The answer in the format of the question's type (see GET /questionnaires/{id} for the items):
`single`: an option's value, "a"; `multiple`: a list of option values, ["a", "c"];
`likert`: a whole number from 1 to 5; `number`: a number, 12.5;
`short_text` (at most 300 characters) and `long_text` (at most 5000): a string;
`contacts`: {"people": [person ids of people registered in the same session], "organisations": [organisation ids]};
`cooperation`: a list of events [{"type": "joint_investigation", "countries": ["AT"], "date": "2026-05-04",
"description": "…"}] (types: information_exchange, joint_investigation, mla_request, victim_referral,
joint_inspection, other; a past date). null or an empty value leaves the question unanswered."""


class AnswerOut(Schema):
    item_id: int
    value: Any = Field(description=VALUE_FORMATS)
    points: float | None = Field(None, description="What a scored question of a test earned")


class ResponseOut(Schema):
    id: int
    questionnaire_id: int
    session_id: int
    kind: str = Field(description="The questionnaire's kind: pre, post, satisfaction, follow_up or custom")
    anonymous: bool = Field(description="Answers to an anonymous questionnaire: nobody is named")
    registration_id: int | None = Field(
        None, description="Who answered: only for the roles that see names, never for anonymous questionnaires"
    )
    person_id: int | None = Field(None, description="Likewise")
    participant: str | None = Field(
        None,
        description=(
            "A stable pseudonym of who answered (P- and 8 characters, as on the network pages); null if anonymous"
        ),
    )
    language: str = Field(description="The language answered in (code)")
    status: str = Field(description="in_progress or submitted")
    source: str = Field(description="web, paper, import or api")
    score: float | None = Field(None, description="Points earned (tests), written on submission")
    max_score: float | None = None
    started_at: dt.datetime
    submitted_at: dt.datetime | None = None
    answers: list[AnswerOut] = Field(description="In the order of the questionnaire's items")


class ResponseFilters(PageParams):
    questionnaire_id: int | None = Field(None, ge=1)
    session_id: int | None = Field(None, ge=1)
    status: Literal["in_progress", "submitted"] | None = None
    kind: Literal["pre", "post", "satisfaction", "follow_up", "custom"] | None = None


class AnswerIn(Schema):
    item_id: int = Field(ge=1, description="An item of this questionnaire")
    value: Any = Field(None, description=VALUE_FORMATS)


class ResponseIn(Schema):
    registration_id: int | None = Field(
        None,
        ge=1,
        description=(
            "The participant (a registration of the questionnaire's session, not on the waiting list nor "
            "withdrawn); required, except for anonymous questionnaires, which take none"
        ),
    )
    language: str | None = Field(
        None, max_length=10, description="Language code answered in: one the questionnaire offers (default its own)"
    )
    answers: list[AnswerIn] = Field(
        max_length=MAX_ANSWERS, description="Questions left out stay unanswered, as on a paper form left blank"
    )
    submit: Literal[True] = Field(
        True, description="Answers entered through the API are submitted at once (scores and learning gain computed)"
    )


# --- Reading ---------------------------------------------------------------------------------------


def _responses(user: Any) -> QuerySet[Response]:
    return Response.objects.filter(questionnaire__in=questionnaires_manageable(user=user).values("pk")).select_related(
        "questionnaire", "registration"
    )


def _answers(rows: list[Response]) -> dict[int, list[AnswerOut]]:
    """The answers of a page of responses in one query, read as plain values (a page of a session's
    responses holds a thousand answers or more: model instances cost more than the query)."""
    found: dict[int, list[AnswerOut]] = {r.pk: [] for r in rows}
    values = (
        Answer.objects.filter(response_id__in=list(found))
        .order_by("response_id", "item__position", "item_id")
        .values_list("response_id", "item_id", "value", "points")
    )
    for response_id, item_id, value, points in values:
        found[response_id].append(AnswerOut(item_id=item_id, value=value, points=_number(points)))
    return found


def _number(value: Any) -> float | None:
    return float(value) if value is not None else None


def response_out(r: Response, names: bool, answers: list[AnswerOut]) -> ResponseOut:
    anonymous = r.questionnaire.anonymous or r.registration_id is None
    registration = None if anonymous else r.registration
    return ResponseOut(
        id=r.pk,
        questionnaire_id=r.questionnaire_id,
        session_id=r.session_id,
        kind=r.kind,
        anonymous=r.questionnaire.anonymous,
        registration_id=registration.pk if registration is not None and names else None,
        person_id=registration.person_id if registration is not None and names else None,
        participant=pseudonym(registration.person_id) if registration is not None else None,
        language=r.language,
        status=r.status,
        source=r.source,
        score=_number(r.score),
        max_score=_number(r.max_score),
        started_at=r.started_at,
        submitted_at=r.submitted_at,
        answers=answers,
    )


def responses_out(user: Any, rows: list[Response]) -> list[ResponseOut]:
    """One may_see_names question per programme on the page (not per row)."""
    names: dict[int, bool] = {}
    for r in rows:
        if r.programme_id not in names:
            names[r.programme_id] = may_see_names(user=user, programme_id=r.programme_id)
    answers = _answers(rows)
    return [response_out(r, names[r.programme_id], answers[r.pk]) for r in rows]


@router.get("/responses", response=read(page_of(ResponseOut)), summary="List responses")
def response_list(request: HttpRequest, filters: Query[ResponseFilters]) -> dict[str, Any]:
    """The responses to the questionnaires of the sessions the token's owner sees, with their answers."""
    qs = _responses(request.user)
    if filters.questionnaire_id is not None:
        qs = qs.filter(questionnaire_id=filters.questionnaire_id)
    if filters.session_id is not None:
        qs = qs.filter(session_id=filters.session_id)
    if filters.status is not None:
        qs = qs.filter(status=filters.status)
    if filters.kind is not None:
        qs = qs.filter(kind=filters.kind)
    return paginate(qs, filters, lambda rows: responses_out(request.user, rows))


@router.get("/responses/{response_id}", response=read(ResponseOut), summary="Read a response")
def response_read(request: HttpRequest, response_id: int) -> ResponseOut:
    row = _responses(request.user).filter(pk=response_id).first()
    if row is None:
        raise Http404
    return responses_out(request.user, [row])[0]


# --- Entering answers ------------------------------------------------------------------------------


# The JSON types each item type takes (the service checks the values themselves).
JSON_TYPES: dict[str, tuple[tuple[type, ...], Any]] = {
    ItemType.SINGLE: ((str,), gettext_lazy("Enter one of the question's option values.")),
    ItemType.MULTIPLE: ((list,), gettext_lazy("Enter a list of the question's option values.")),
    ItemType.LIKERT: ((int,), gettext_lazy("Choose a value from 1 to 5.")),
    ItemType.NUMBER: ((int, float), gettext_lazy("Enter a number.")),
    ItemType.SHORT_TEXT: ((str,), gettext_lazy("Enter text.")),
    ItemType.LONG_TEXT: ((str,), gettext_lazy("Enter text.")),
    ItemType.CONTACTS: ((dict,), gettext_lazy("Enter an object with the lists people and organisations.")),
    ItemType.COOPERATION: ((list,), gettext_lazy("Enter a list of cooperation events.")),
}


def _wrong_type(item_type: str, value: Any) -> str | None:
    if value is None or item_type not in JSON_TYPES:
        return None
    types, message = JSON_TYPES[item_type]
    if isinstance(value, bool) or not isinstance(value, types):
        return str(message)
    return None


def _registration(questionnaire: Questionnaire, registration_id: int | None) -> tuple[Registration | None, str]:
    """The participant whose answers these are (locked until the answers are stored), or what is wrong."""
    if questionnaire.anonymous:
        if registration_id is not None:
            return None, _("This questionnaire is anonymous: send no participant.")
        return None, ""
    if registration_id is None:
        return None, _("Say whose answers these are.")
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .filter(pk=registration_id, session_id=questionnaire.session_id)
        .first()
    )
    if registration is None:
        return None, _("This person is not registered in this session.")
    if registration.status not in ENTERABLE:
        return None, _("This person is on the waiting list or withdrew from the session.")
    return registration, ""


def _values(questionnaire: Questionnaire, payload: ResponseIn) -> tuple[dict[int, Any], list[dict[str, Any]]]:
    types = dict(questionnaire.items.values_list("pk", "type"))
    errors: list[dict[str, Any]] = []
    values: dict[int, Any] = {}
    for n, answer in enumerate(payload.answers):
        if answer.item_id not in types:
            errors.append(field_error(f"answers.{n}.item_id", _("This question is not part of the questionnaire.")))
        elif answer.item_id in values:
            errors.append(field_error(f"answers.{n}.item_id", _("This question is answered twice.")))
        else:
            wrong = _wrong_type(types[answer.item_id], answer.value)
            if wrong:
                errors.append(field_error(f"answers.{n}.value", wrong))
            values[answer.item_id] = answer.value
    return values, errors


def _service_errors(error: ValidationError, payload: ResponseIn) -> ApiProblem:
    """The service's errors by item id, placed at the answers they are about."""
    index = {a.item_id: n for n, a in enumerate(payload.answers)}
    fields: list[dict[str, Any]] = []
    general: list[str] = []
    for key, messages in getattr(error, "message_dict", {"": error.messages}).items():
        n = index.get(int(key)) if str(key).isdigit() else None
        for message in messages:
            if n is not None:
                fields.append(field_error(f"answers.{n}.value", message))
            else:
                general.append(message)
    return _invalid(fields, " ".join(general))


def _conflict() -> ApiProblem:
    return ApiProblem(
        409,
        "conflict",
        _("These answers were already sent"),
        _("This participant's answers to this questionnaire were already submitted; they cannot be sent twice."),
    )


@router.post(
    "/questionnaires/{questionnaire_id}/responses",
    response=created(ResponseOut),
    openapi_extra=OPENAPI_HEADER,
    summary="Enter a participant's answers",
)
@idempotent
def response_create(request: HttpRequest, questionnaire_id: int, payload: ResponseIn) -> Status[ResponseOut]:
    """Enter and submit one participant's answers (or one anonymous respondent's), as staff type in a
    paper form. A second submission for the same participant is refused (409)."""
    questionnaire = questionnaire_for_managing(user=request.user, pk=questionnaire_id)
    language = payload.language or questionnaire.language
    try:
        with transaction.atomic():
            registration, wrong_registration = _registration(questionnaire, payload.registration_id)
            values, errors = _values(questionnaire, payload)
            if wrong_registration:
                errors.insert(0, field_error("registration_id", wrong_registration))
            if language not in offered_languages(questionnaire):
                errors.insert(0, field_error("language", _("The questionnaire is not offered in this language.")))
            if errors:
                raise _invalid(errors)
            submitted = Response.objects.filter(
                questionnaire=questionnaire, registration=registration, status=ResponseStatus.SUBMITTED
            )
            if registration is not None and submitted.exists():
                raise _conflict()
            try:
                response = paper_response_enter(
                    actor=request.user,
                    questionnaire=questionnaire,
                    registration=registration,
                    values=values,
                    language=language,
                    request=request,
                    source=ResponseSource.API,
                )
            except ValidationError as error:
                raise _service_errors(error, payload) from None
    except IntegrityError:  # the same participant's answers sent twice at once
        raise _conflict() from None
    row = _responses(request.user).get(pk=response.pk)
    return Status(201, responses_out(request.user, [row])[0])
