"""Pieces shared by the API's resources: response declarations and small references."""

from __future__ import annotations

from typing import Any

from ninja import Schema

from relais.api.problems import Problem

# Every endpoint may answer these (the OpenAPI document lists them, as application/problem+json).
READ_ERRORS: dict[int, Any] = {401: Problem, 404: Problem, 422: Problem, 429: Problem}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 403: Problem, 409: Problem}


def read(schema: Any) -> dict[int, Any]:
    return {200: schema, **READ_ERRORS}


def created(schema: Any) -> dict[int, Any]:
    return {201: schema, **WRITE_ERRORS}


def changed(schema: Any) -> dict[int, Any]:
    return {200: schema, **WRITE_ERRORS}


def deleted() -> dict[int, Any]:
    return {204: None, **WRITE_ERRORS}


class Term(Schema):
    """An entry of a shared vocabulary (countries, professions, themes, languages)."""

    code: str
    name_en: str
    name_fr: str


class Vocabularies(Schema):
    countries: list[Term]
    professions: list[Term]
    themes: list[Term]
    languages: list[Term]


def code_of(obj: Any) -> str | None:
    return getattr(obj, "code", None) if obj is not None else None
