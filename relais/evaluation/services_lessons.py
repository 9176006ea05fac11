"""Writes of the lessons learned register: record, change, validate or apply, delete — each audited.

Texts are plain text: kept as typed (without control characters), shown escaped by the templates.
Callers check who may (selectors_lessons); status changes are checked here as well.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from relais.core.audit import audit_record
from relais.delivery.models import Session
from relais.design.models import ActivityDesign
from relais.evaluation.models import LessonLearned, LessonStatus
from relais.evaluation.selectors_lessons import may_validate

MAX_TAGS = 10
MAX_TAG_LENGTH = 40
_SPACES = re.compile(r"\s+")


def plain_text(value: str) -> str:
    """The text without control characters (line breaks and tabs kept), with Windows line ends made
    plain; markup is not removed but will be shown as typed (escaped)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(c for c in value if c in "\n\t" or unicodedata.category(c) != "Cc").strip()


def tags_normalise(value: str | Iterable[str]) -> list[str]:
    """Tags from comma-separated text (or a list): trimmed, spaces collapsed, lower case, without
    duplicates, in the order given. Raises ValidationError beyond MAX_TAGS or MAX_TAG_LENGTH."""
    parts = value.replace(";", ",").split(",") if isinstance(value, str) else list(value)
    tags: list[str] = []
    for part in parts:
        tag = _SPACES.sub(" ", plain_text(str(part))).strip(" #").lower()
        if not tag or tag in tags:
            continue
        if len(tag) > MAX_TAG_LENGTH:
            raise ValidationError(
                _("A tag holds at most %(n)s characters: “%(tag)s…”.") % {"n": MAX_TAG_LENGTH, "tag": tag[:20]}
            )
        tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise ValidationError(_("At most %(n)s tags.") % {"n": MAX_TAGS})
    return tags


@dataclass(frozen=True)
class LessonData:
    title: str
    what_happened: str
    why_it_matters: str = ""
    recommendation: str = ""
    tags: tuple[str, ...] = ()

    @classmethod
    def from_form(cls, data: dict[str, Any]) -> LessonData:
        return cls(
            title=plain_text(data["title"]),
            what_happened=plain_text(data["what_happened"]),
            why_it_matters=plain_text(data.get("why_it_matters") or ""),
            recommendation=plain_text(data.get("recommendation") or ""),
            tags=tuple(tags_normalise(data.get("tags") or [])),
        )


def _fields(data: LessonData) -> dict[str, Any]:
    return {
        "title": data.title,
        "what_happened": data.what_happened,
        "why_it_matters": data.why_it_matters,
        "recommendation": data.recommendation,
        "tags": list(data.tags),
    }


@transaction.atomic
def lesson_create(
    *,
    actor: Any,
    data: LessonData,
    session: Session | None = None,
    design: ActivityDesign | None = None,
    request: HttpRequest | None = None,
) -> LessonLearned:
    """Record a lesson from a session or from a design (exactly one of them)."""
    source: Session | ActivityDesign
    if session is not None and design is None:
        source = session
    elif design is not None and session is None:
        source = design
    else:
        raise ValueError("a lesson comes from a session or from a design")
    lesson = LessonLearned(session=session, design=design, author=actor, status=LessonStatus.OBSERVED, **_fields(data))
    lesson.programme_id = source.programme_id
    lesson.save()
    audit_record(
        actor=actor,
        action="lesson.create",
        obj=lesson,
        details={"source": "session" if session else "design", "source_id": source.pk, "tags": list(data.tags)},
        request=request,
    )
    return lesson


@transaction.atomic
def lesson_update(
    *, actor: Any, lesson: LessonLearned, data: LessonData, request: HttpRequest | None = None
) -> LessonLearned:
    new = _fields(data)
    changed = sorted(name for name, value in new.items() if getattr(lesson, name) != value)
    if not changed:
        return lesson
    for name, value in new.items():
        setattr(lesson, name, value)
    lesson.save(update_fields=[*new, "updated_at"])
    audit_record(actor=actor, action="lesson.update", obj=lesson, details={"fields": changed}, request=request)
    return lesson


@transaction.atomic
def lesson_set_status(
    *, actor: Any, lesson: LessonLearned, status: str, request: HttpRequest | None = None
) -> LessonLearned:
    """Validate a lesson, mark it applied, or send it back to observed (validators only)."""
    if status not in LessonStatus.values:
        raise ValidationError(_("Unknown status."))
    if not may_validate(user=actor, programme=lesson.programme_id):
        raise PermissionDenied
    before = lesson.status
    if before == status:
        return lesson
    lesson.status = status
    lesson.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor, action="lesson.status", obj=lesson, details={"from": before, "to": status}, request=request
    )
    return lesson


@transaction.atomic
def lesson_delete(*, actor: Any, lesson: LessonLearned, request: HttpRequest | None = None) -> None:
    audit_record(
        actor=actor,
        action="lesson.delete",
        obj=lesson,
        details={"title": lesson.title, "status": lesson.status},
        request=request,
    )
    lesson.delete()
