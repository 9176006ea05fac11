"""The rules of a questionnaire's questions: choices and correct answers read from the form's text,
what an item must satisfy (ItemData, validate_item), and the lock once answers are sent: questions
cannot then be added or removed and their type, choices and role cannot change (answers would be lost
or misread); texts, translations, correct answers and points may still change."""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from relais.core.concurrency import claim_version
from relais.evaluation.models import (
    Item,
    ItemRole,
    ItemType,
    Questionnaire,
    Response,
    ResponseStatus,
    Section,
)

CHOICE_TYPES = (ItemType.SINGLE, ItemType.MULTIPLE)
KEYED_TYPES = (ItemType.SINGLE, ItemType.MULTIPLE, ItemType.NUMBER)  # may have correct answers and points
TEXT_TYPES = (ItemType.SHORT_TEXT, ItemType.LONG_TEXT)
VALUE_PATTERN = re.compile(r"^[A-Za-z0-9_.-]{1,20}$")
MAX_OPTIONS = 30


def locked_message() -> str:
    return _(
        "Answers to this questionnaire have already been sent: questions cannot be added or removed, and "
        "their type, choices and role cannot change, or the answers would be lost. You may still change "
        "texts, translations, correct answers and points."
    )


def has_submitted(questionnaire: Questionnaire) -> bool:
    return Response.objects.filter(questionnaire=questionnaire, status=ResponseStatus.SUBMITTED).exists()


def submitted_count(questionnaire: Questionnaire) -> int:
    return Response.objects.filter(questionnaire=questionnaire, status=ResponseStatus.SUBMITTED).count()


def touch(questionnaire: Questionnaire, version: int | None = None) -> None:
    """Count one more change of the questionnaire (optimistic concurrency of its editor). `version` is
    the version the editor's form was made from: when another change came in since, EditConflict is
    raised (who changed it and when) and the caller's transaction undoes the change; None: no check."""
    claim_version(
        Questionnaire.objects.all(),
        questionnaire,
        version,
        kind="questionnaire",
        also=Q(details__questionnaire=questionnaire.pk),
    )
    questionnaire.refresh_from_db(fields=["version", "updated_at"])


def refuse_if_locked(questionnaire: Questionnaire) -> None:
    if has_submitted(questionnaire):
        raise ValidationError(locked_message())


# --- Choices ------------------------------------------------------------------------------------


def _generated_values() -> Iterable[str]:
    letters = string.ascii_lowercase
    yield from letters
    for first in letters:
        for second in letters:
            yield first + second


def parse_options(text: str) -> list[dict[str, str]]:
    """Choices from one line each, "value|label" or just "label" (values then a, b, c…, skipping those
    already used). Raises ValidationError with the problems found."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if len(lines) > MAX_OPTIONS:
        raise ValidationError(_("Give at most %(n)d choices.") % {"n": MAX_OPTIONS})
    parsed: list[tuple[str | None, str]] = []
    for line in lines:
        if "|" in line:
            value, label = (part.strip() for part in line.split("|", 1))
            if not VALUE_PATTERN.match(value):
                raise ValidationError(
                    _("“%(value)s” cannot be the value of a choice: use up to 20 letters, digits, “-”, “_” or “.”.")
                    % {"value": value}
                )
            parsed.append((value, label))
        else:
            parsed.append((None, line))
    taken = {v for v, _label in parsed if v is not None}
    generator = (v for v in _generated_values() if v not in taken)
    options: list[dict[str, str]] = []
    seen: set[str] = set()
    for given, label in parsed:
        if not label:
            raise ValidationError(_("Every choice needs a label after the “|”."))
        value = given if given is not None else next(generator)
        if value in seen:
            raise ValidationError(_("Two choices have the value “%(value)s”: values must differ.") % {"value": value})
        seen.add(value)
        options.append({"value": value, "label": label[:500]})
    return options


def options_text(options: list[dict[str, Any]]) -> str:
    """The choices as the form shows them (value|label, one per line), so values are kept on edit."""
    return "\n".join(f"{o.get('value')}|{o.get('label')}" for o in options or [])


def parse_correct(text: str, item_type: str, options: list[dict[str, str]]) -> list[str]:
    """Correct answers from a comma-, semicolon- or line-separated text: choice values (or labels) for
    choice items, numbers for number items."""
    # Numbers may have a decimal comma ("12,5"): between numbers, a comma is followed by a space.
    separators = r"[;\n]|,\s" if item_type == ItemType.NUMBER else r"[,;\n]"
    parts = [p.strip() for p in re.split(separators, text or "") if p.strip()]
    if not parts:
        return []
    if item_type in CHOICE_TYPES:
        by_value = {o["value"]: o["value"] for o in options}
        by_label = {o["label"].strip().casefold(): o["value"] for o in options}
        correct: list[str] = []
        for part in parts:
            value = by_value.get(part) or by_label.get(part.casefold())
            if value is None:
                raise ValidationError(
                    _("“%(answer)s” is not one of the choices: correct answers must be among them.") % {"answer": part}
                )
            if value not in correct:
                correct.append(value)
        return [o["value"] for o in options if o["value"] in correct]
    if item_type == ItemType.NUMBER:
        numbers: list[str] = []
        for part in parts:
            try:
                number = Decimal(part.replace(" ", "").replace(",", "."))
            except ArithmeticError:
                number = None
            if number is None or not number.is_finite():
                raise ValidationError(_("“%(answer)s” is not a number.") % {"answer": part})
            numbers.append(format(number.quantize(Decimal("0.01")).normalize(), "f"))
        return numbers
    raise ValidationError(_("Only single choice, multiple choice and number questions have correct answers."))


def correct_text(item: Item) -> str:
    return ", ".join(str(c) for c in item.correct or [])


# --- Item rules ---------------------------------------------------------------------------------


@dataclass
class ItemData:
    """An item's fields as the form gives them (options and correct answers already parsed)."""

    type: str
    text: str
    help: str = ""
    required: bool = True
    options: list[dict[str, str]] | None = None
    correct: list[str] | None = None
    points: Decimal = Decimal(0)
    objective_id: int | None = None
    role: str = ""
    section_id: int | None = None


def validate_item(questionnaire: Questionnaire, data: ItemData) -> None:
    """Refuse an item that breaks a rule, with every problem by field."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    options = data.options or []
    correct = data.correct or []
    if data.type not in ItemType.values:
        add("type", _("Choose a type from the list."))
    if not data.text.strip():
        add("text", _("Write the question."))
    if data.type in CHOICE_TYPES:
        if len(options) < 2:
            add("options", _("A choice question needs at least two choices."))
    elif options:
        if data.type == ItemType.LIKERT:
            add("options", _("An agreement scale has its own five levels: leave the choices empty."))
        else:
            add("options", _("Only single and multiple choice questions have choices: leave them empty."))
    if correct and data.type not in KEYED_TYPES:
        add("correct", _("Only single choice, multiple choice and number questions have correct answers."))
    if data.points < 0:
        add("points", _("Points cannot be negative."))
    if data.points > 0:
        if data.type not in KEYED_TYPES:
            add("points", _("Only single choice, multiple choice and number questions can be scored."))
        elif not correct:
            add("correct", _("A scored question needs its correct answer."))
    elif correct and data.role != ItemRole.APPLICATION and data.type in KEYED_TYPES:
        add("points", _("A question with correct answers is scored: give it more than 0 points."))
    if data.role == ItemRole.APPLICATION:
        if data.type not in (ItemType.LIKERT, *CHOICE_TYPES):
            add("role", _("Use of learning is read from an agreement scale or a choice question."))
        elif data.type in CHOICE_TYPES and not correct:
            add("correct", _("Give the choices that mean the person applies what they learned, as correct answers."))
    elif data.role == ItemRole.APPLICATION_EXAMPLE and data.type not in TEXT_TYPES:
        add("role", _("Examples of use of learning are read from a text question."))
    elif data.role not in ItemRole.values:
        add("role", _("Choose from the list."))
    if data.objective_id is not None:
        from relais.design.models import LearningObjective

        design_id = questionnaire.session.design_id
        if not LearningObjective.objects.filter(pk=data.objective_id, design_id=design_id).exists():
            add("objective", _("Choose one of the design's learning objectives."))
    if (
        data.section_id is not None
        and not Section.objects.filter(pk=data.section_id, questionnaire=questionnaire).exists()
    ):
        add("section", _("Choose one of this questionnaire's sections."))
    if errors:
        raise ValidationError(errors)
