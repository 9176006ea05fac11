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
    source: str = ResponseSource.PAPER,
) -> Response:
    """Store and submit the answers typed from a paper form. Raises ValidationError({item id: …}).
    The API enters a participant's answers the same way, recorded as source "api"."""
    with transaction.atomic():
        response = response_start(
            questionnaire=questionnaire,
            registration=registration,
            language=language,
            source=source,
            actor=actor,
        )
        if response.status == ResponseStatus.IN_PROGRESS and response.source != source:
            response.source = source
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


def response_delete(
    *, actor: Any, questionnaire: Questionnaire, registration: Registration, request: HttpRequest | None = None
) -> bool:
    """Delete a participant's answers to the questionnaire (typed in against the wrong person, say),
    with what they fed: the learning result, and the contacts and cooperation they reported. The
    participant's personal link works again. Returns False when there was nothing to delete."""
    from relais.core.audit import audit_record

    with transaction.atomic():
        response = Response.objects.filter(questionnaire=questionnaire, registration=registration).first()
        if response is None:
            return False
        details = {
            "questionnaire": questionnaire.pk,
            "registration": registration.pk,
            "status": response.status,
            "source": response.source,
        }
        audit_record(actor=actor, action="response.delete", obj=response, details=details, request=request)
        response.delete()  # answers, learning score, contacts and cooperation events go with it
    return True
