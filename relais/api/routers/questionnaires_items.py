"""A questionnaire's questions (items): how they read, and adding one. Mounted by questionnaires.py.

Correct answers and points are the questionnaire's key: they are shown only to those who may manage
the questionnaire; the others see the questions as participants do."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.responses import Status

from relais.api.idempotency import OPENAPI_HEADER, idempotent
from relais.api.problems import ApiProblem, field_error
from relais.api.problems import invalid as _invalid
from relais.api.schemas import created
from relais.evaluation.models import Item
from relais.evaluation.scoping import questionnaire_for_managing
from relais.evaluation.services_builder_items import item_create
from relais.evaluation.services_builder_rules import (
    KEYED_TYPES,
    MAX_OPTIONS,
    VALUE_PATTERN,
    ItemData,
    parse_correct,
)

router = Router(tags=["Questionnaires"])

ItemTypeCode = Literal["single", "multiple", "likert", "number", "short_text", "long_text", "contacts", "cooperation"]
ItemRoleCode = Literal["", "application", "application_example"]

# The service's field names -> the API's.
FIELDS = {"objective": "objective_id", "section": "section_id"}


class ItemOptionOut(Schema):
    value: str
    label: str


class ItemOut(Schema):
    id: int
    position: int = Field(
        description="Order in the questionnaire, from 0: questions without a section, then each section"
    )
    section_id: int | None
    type: str = Field(description="single, multiple, likert, number, short_text, long_text, contacts, cooperation")
    text: str
    help: str
    required: bool
    options: list[ItemOptionOut] = Field(description="Choices of single and multiple choice questions")
    correct: list[str] | None = Field(
        None, description="Correct choice values or numbers; null for readers who may not manage the questionnaire"
    )
    points: float | None = Field(None, description="Points of a scored question; null as for correct")
    objective_id: int | None = Field(None, description="The design's learning objective the question measures")
    role: str = Field(description='What a figure reads from it: "", application, application_example')
    translations: dict[str, Any] = Field(description='{"fr": {"text": …, "help": …, "options": {value: label}}}')


def item_out(item: Item, *, key: bool) -> ItemOut:
    """`key`: whether the reader sees correct answers and points."""
    return ItemOut(
        id=item.pk,
        position=item.position,
        section_id=item.section_id,
        type=item.type,
        text=item.text,
        help=item.help,
        required=item.required,
        options=[
            ItemOptionOut(value=str(o.get("value", "")), label=str(o.get("label", ""))) for o in item.options or []
        ],
        correct=[str(c) for c in item.correct or []] if key else None,
        points=float(item.points or 0) if key else None,
        objective_id=item.objective_id,
        role=item.role,
        translations=item.translations or {},
    )


class ItemOptionIn(Schema):
    value: str = Field(
        pattern=VALUE_PATTERN.pattern, description="Up to 20 letters, digits, '-', '_' or '.'; unique in the question"
    )
    label: str = Field(min_length=1, max_length=500)


class ItemIn(Schema):
    type: ItemTypeCode
    text: str = Field(max_length=5000, description="The question")
    help: str = Field("", max_length=500)
    required: bool = True
    section_id: int | None = Field(None, description="One of the questionnaire's sections; null: no section")
    options: list[ItemOptionIn] = Field([], max_length=MAX_OPTIONS, description="Single and multiple choice only")
    correct: list[Annotated[str, Field(max_length=50)]] = Field(
        [],
        max_length=MAX_OPTIONS,
        description="Choice values (single, multiple) or numbers (number) that are correct; for use of learning, "
        "the choices that mean yes",
    )
    points: Decimal = Field(
        Decimal(0), ge=0, le=1000, decimal_places=2, description="More than 0 for a scored question"
    )
    objective_id: int | None = None
    role: ItemRoleCode = ""


def item_data(payload: ItemIn) -> ItemData:
    """The service's ItemData from the body: choices checked for repeated values and correct answers
    read as the builder's form reads them (422 with the place of each problem)."""
    errors = []
    options = [{"value": o.value, "label": o.label.strip()} for o in payload.options]
    seen: set[str] = set()
    for n, option in enumerate(options):
        if not option["label"]:
            errors.append(field_error(f"options.{n}.label", _("Every choice needs a label.")))
        if option["value"] in seen:
            errors.append(field_error(f"options.{n}.value", _("Two choices have this value: values must differ.")))
        seen.add(option["value"])
    correct: list[str] = list(payload.correct)
    if payload.type in KEYED_TYPES and not errors:
        correct = []
        for n, text in enumerate(payload.correct):
            try:
                values = parse_correct(text, payload.type, options)
            except ValidationError as error:
                errors.append(field_error(f"correct.{n}", " ".join(error.messages)))
                continue
            if not values:
                errors.append(field_error(f"correct.{n}", _("This value is not valid.")))
                continue
            correct.extend(v for v in values if v not in correct)
        if payload.type != "number":  # in the order of the choices, as the builder keeps them
            correct = [o["value"] for o in options if o["value"] in correct]
    if errors:
        raise _invalid(errors)
    return ItemData(
        type=payload.type,
        text=payload.text,
        help=payload.help,
        required=payload.required,
        options=options,
        correct=correct,
        points=payload.points,
        objective_id=payload.objective_id,
        role=payload.role,
        section_id=payload.section_id,
    )


@router.post(
    "/questionnaires/{questionnaire_id}/items",
    response=created(ItemOut),
    openapi_extra=OPENAPI_HEADER,
    summary="Add a question to a questionnaire",
)
@idempotent
def questionnaire_item_create(request: HttpRequest, questionnaire_id: int, payload: ItemIn) -> Status[ItemOut]:
    """Adds a question at the end of its section (or of the questions without a section), with the
    builder's rules: choices for choice questions only, a scored question needs its correct answer, and
    so on (422 with the field). Once answers have been sent, questions cannot be added (409)."""
    questionnaire = questionnaire_for_managing(user=request.user, pk=questionnaire_id)
    data = item_data(payload)
    try:
        item = item_create(actor=request.user, questionnaire=questionnaire, data=data, request=request)
    except ValidationError as error:
        if not hasattr(error, "error_dict"):  # answers sent: the questions are locked
            raise ApiProblem(409, "conflict", _("The questions cannot change"), " ".join(error.messages)) from None
        raise _invalid(
            [
                field_error(FIELDS.get(name, name), message)
                for name, messages in error.message_dict.items()
                for message in messages
            ]
        ) from None
    return Status(201, item_out(item, key=True))
