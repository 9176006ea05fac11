"""Typing in paper answers: one participant's (or one anonymous respondent's) answers, submitted
at once by staff, recorded as source "paper" and audited as response.enter (through response_save).
Correcting answers already entered (or sent on the web) goes the same way."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest

from relais.delivery.models import Registration
from relais.evaluation.models import Questionnaire, Response, ResponseSource, ResponseStatus
from relais.evaluation.services_responses import response_save, response_start


def paper_response_enter(
    *,
    actor: Any,
    questionnaire: Questionnaire,
    registration: Registration | None,
    values: dict[int, Any],
    language: str,
    request: HttpRequest | None = None,
) -> Response:
    """Store and submit the answers typed from a paper form. Raises ValidationError({item id: …})."""
    with transaction.atomic():
        response = response_start(
            questionnaire=questionnaire,
            registration=registration,
            language=language,
            source=ResponseSource.PAPER,
            actor=actor,
        )
        if response.status == ResponseStatus.IN_PROGRESS and response.source != ResponseSource.PAPER:
            response.source = ResponseSource.PAPER
            response.save(update_fields=["source"])
        return response_save(
            response=response,
            values=values,
            submit=True,
            actor=actor,
            request=request,
            action="response.enter",
            allow_missing=True,
        )
