"""The rows of step "evaluation" for one chunk of sessions, and their writing in foreign-key order."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bench.context import Context
from bench.sql import insert_rows
from relais.evaluation.models import Answer, Contact, CooperationEvent, Item, LearningScore, Questionnaire, Response


@dataclass
class Rows:
    questionnaires: list[tuple[Any, ...]] = field(default_factory=list)
    items: list[tuple[Any, ...]] = field(default_factory=list)
    responses: list[tuple[Any, ...]] = field(default_factory=list)
    answers: list[tuple[Any, ...]] = field(default_factory=list)
    learning: list[tuple[Any, ...]] = field(default_factory=list)
    contacts: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    event_countries: list[tuple[Any, ...]] = field(default_factory=list)


def write_rows(rows: Rows, ctx: Context) -> None:
    ctx.add_count("evaluation.questionnaire", insert_rows(Questionnaire, [
        "id", "session", "programme", "kind", "title", "introduction", "translations", "language", "languages",
        "status", "anonymous", "paired_with", "opens_on", "closes_on", "version", "created_at",
        "updated_at"], rows.questionnaires))  # fmt: skip
    ctx.add_count("evaluation.item", insert_rows(Item, [
        "id", "questionnaire", "position", "type", "text", "help", "required", "options", "correct", "points",
        "objective", "role", "translations"], rows.items))  # fmt: skip
    ctx.add_count("evaluation.response", insert_rows(Response, [
        "id", "questionnaire", "session", "programme", "kind", "registration", "country", "profession", "language",
        "status", "source", "resume_key", "started_at", "submitted_at", "score", "max_score", "objective_scores",
        "likert_count", "likert_sum", "likert_high", "applies_learning"], rows.responses))  # fmt: skip
    ctx.add_count("evaluation.answer", insert_rows(Answer, ["id", "response", "item", "value", "number", "points"],
                                                   rows.answers))  # fmt: skip
    ctx.add_count("evaluation.learningscore", insert_rows(LearningScore, [
        "id", "post_response", "pre_response", "registration", "session", "programme", "design", "country",
        "profession", "pre", "post", "difference", "gain", "improved"], rows.learning))  # fmt: skip
    ctx.add_count("evaluation.contact", insert_rows(Contact, [
        "id", "response", "programme", "person", "contact", "organisation", "reported_on"], rows.contacts))  # fmt: skip
    ctx.add_count("evaluation.cooperationevent", insert_rows(CooperationEvent, [
        "id", "response", "programme", "person", "type", "date", "description"], rows.events))  # fmt: skip
    through = CooperationEvent.countries.through
    ctx.add_count(
        "evaluation.cooperationevent_countries",
        insert_rows(through, ["cooperationevent", "country"], rows.event_countries),
    )
