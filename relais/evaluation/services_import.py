"""Importing paper answers typed into a questionnaire's spreadsheet template: check (nothing
written), then import — every row or none, in one transaction. Each response is started and
submitted through services_responses (response_start, response_save with action "response.import",
which stores its totals and writes its audit event); the import itself is recorded with the file's
name, SHA-256 and counts ("response.import_file"), so the same file is recognised again."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest

from relais.core.audit import audit_record
from relais.core.models import AuditEvent
from relais.delivery.import_participants import Problem
from relais.evaluation.import_answers_check import (
    IMPORT_ACTION,
    Checked,
    RowPlan,
    check_answers,
    previous_import,
)
from relais.evaluation.models import Questionnaire, Response, ResponseSource
from relais.evaluation.services_responses import response_save, response_start


class AnswersRefused(Exception):
    """Nothing was imported: the sheet (or a row, when written) has problems."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


@dataclass
class AnswersOutcome:
    created: int = 0
    unchanged: int = 0
    blank: int = 0
    checked: Checked | None = None
    previous: AuditEvent | None = None
    responses: list[Response] = field(default_factory=list)


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def answers_check(*, questionnaire: Questionnaire, data: bytes) -> tuple[Checked, AuditEvent | None]:
    """What importing would do, writing nothing: the checked rows and problems, and the earlier
    import of this very file into the questionnaire, if any."""
    previous = previous_import(questionnaire, file_sha256(data))
    return check_answers(questionnaire, data, already_imported=previous is not None), previous


def _problems(checked: Checked, plan: RowPlan, error: ValidationError) -> list[Problem]:
    messages = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
    problems = []
    for key, texts in messages.items():
        column = checked.read.column_of(int(key)) if str(key).isdigit() else None
        problems += [Problem(plan.row, column.label if column else "", str(text)) for text in texts]
    return problems


def answers_import(
    *,
    actor: Any,
    questionnaire: Questionnaire,
    data: bytes,
    filename: str,
    request: HttpRequest | None = None,
) -> AnswersOutcome:
    """Import a sheet of answers: every row or none (AnswersRefused lists every problem). Rows whose
    answers are already recorded are left as they are; importing the same file again changes nothing."""
    sha256 = file_sha256(data)
    with transaction.atomic():
        # One import of a questionnaire at a time (on PostgreSQL; SQLite serialises writes anyway).
        questionnaire = (
            Questionnaire.objects.select_for_update(of=("self",))
            .select_related("session", "programme")
            .get(pk=questionnaire.pk)
        )
        previous = previous_import(questionnaire, sha256)
        checked = check_answers(questionnaire, data, already_imported=previous is not None)
        if checked.problems:
            raise AnswersRefused(checked.problems)
        outcome = AnswersOutcome(
            unchanged=len(checked.unchanged), blank=checked.blank, checked=checked, previous=previous
        )
        problems: list[Problem] = []
        for plan in checked.to_create:
            response = response_start(
                questionnaire=questionnaire,
                registration=plan.registration,
                language=questionnaire.language,
                source=ResponseSource.IMPORT,
                actor=actor,
            )
            try:
                response_save(
                    response=response,
                    values=plan.values,
                    submit=True,
                    actor=actor,
                    request=request,
                    action="response.import",
                    allow_missing=True,
                )
            except ValidationError as error:
                problems += _problems(checked, plan, error)
                continue
            if response.source != ResponseSource.IMPORT:  # started on the web, never sent
                Response.objects.filter(pk=response.pk).update(source=ResponseSource.IMPORT)
                response.source = ResponseSource.IMPORT
            outcome.responses.append(response)
        if problems:
            raise AnswersRefused(problems)  # and everything written above is rolled back
        outcome.created = len(outcome.responses)
        if outcome.created:
            audit_record(
                actor=actor,
                action=IMPORT_ACTION,
                obj=questionnaire,
                details={
                    "filename": filename[:255],
                    "sha256": sha256,
                    "rows": len(checked.rows),
                    "created": outcome.created,
                    "unchanged": outcome.unchanged,
                },
                request=request,
            )
    return outcome
