"""Lessons learned: services (plain text, tags, audit), who sees and changes which lesson, the
programme roll-up with its filters and counts."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from relais.core.models import AuditEvent, Country
from relais.delivery.tests.factories import make_session
from relais.design.tests.factories import make_complete_design
from relais.evaluation.models import LessonLearned, LessonStatus
from relais.evaluation.selectors_lessons import (
    LessonFilters,
    lesson_rollup,
    lessons_visible,
    may_change,
    may_validate,
    programme_tags,
)
from relais.evaluation.services_lessons import (
    LessonData,
    lesson_create,
    lesson_delete,
    lesson_set_status,
    lesson_update,
    plain_text,
    tags_normalise,
)
from relais.evaluation.tests.permissions_lessons import make_lesson

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(programme: Any, other_programme: Any, personas: dict[str, Any]) -> dict[str, Any]:
    """L1 observed and L2 validated from a Tirana session (trained by the trainer), L3 observed from a
    Rome session, L4 applied and L5 observed from the design, L6 in another programme."""
    design = make_complete_design(programme=programme, title="Joint investigations")
    tirana = make_session(design=design, country="AL", title="Tirana")
    tirana.trainers.add(personas["trainer"])
    rome = make_session(design=design, country="IT", title="Rome")
    other = make_complete_design(programme=other_programme, title="Elsewhere")
    return {
        "design": design,
        "tirana": tirana,
        "rome": rome,
        "L1": make_lesson(session=tirana, title="L1", author=personas["coordinator_al"], tags=["interpretation"]),
        "L2": make_lesson(session=tirana, title="L2", status=LessonStatus.VALIDATED, tags=["venue", "interpretation"]),
        "L3": make_lesson(session=rome, title="L3", tags=["mock trial"]),
        "L4": make_lesson(design=design, title="L4", status=LessonStatus.APPLIED, tags=[]),
        "L5": make_lesson(design=design, title="L5", tags=["agenda"]),
        "L6": make_lesson(design=other, title="L6"),
    }


def _titles(qs: Any) -> set[str]:
    return {lesson.title for lesson in qs}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("admin", {"L1", "L2", "L3", "L4", "L5", "L6"}),
        ("manager", {"L1", "L2", "L3", "L4", "L5"}),
        ("me_officer", {"L1", "L2", "L3", "L4", "L5"}),
        ("coordinator_al", {"L1", "L2", "L4", "L5"}),
        ("coordinator_it", {"L3", "L4", "L5"}),
        ("trainer", {"L1", "L2", "L4", "L5"}),
        ("viewer", {"L2", "L4"}),
        ("outsider", set()),
    ],
)
def test_who_sees_which_lesson(world: dict[str, Any], personas: dict[str, Any], persona: str, expected: set) -> None:
    assert _titles(lessons_visible(user=personas[persona])) == expected


def test_who_validates_and_who_changes(world: dict[str, Any], personas: dict[str, Any]) -> None:
    programme = world["design"].programme
    assert {p for p in personas if may_validate(user=personas[p], programme=programme)} == {
        "admin",
        "manager",
        "me_officer",
    }
    l1 = world["L1"]
    assert may_change(user=personas["coordinator_al"], lesson=l1)  # its author, while observed
    assert not may_change(user=personas["trainer"], lesson=l1)
    l1.status = LessonStatus.VALIDATED
    assert not may_change(user=personas["coordinator_al"], lesson=l1)
    assert may_change(user=personas["me_officer"], lesson=l1)


def test_plain_text_and_tags() -> None:
    assert plain_text(" a\x00b\x07c\r\nd\te ") == "abc\nd\te"
    assert plain_text("<b>bold</b>") == "<b>bold</b>"  # kept as typed, shown escaped
    assert tags_normalise(" Interpretation , venue,, VENUE; Mock   trial, #agenda ") == [
        "interpretation",
        "venue",
        "mock trial",
        "agenda",
    ]
    assert tags_normalise(["A", "a", " b "]) == ["a", "b"]
    with pytest.raises(ValidationError):
        tags_normalise(",".join(f"tag{n}" for n in range(11)))
    with pytest.raises(ValidationError):
        tags_normalise("x" * 41)


def test_create_from_a_session_and_from_a_design(world: dict[str, Any], personas: dict[str, Any]) -> None:
    data = LessonData(title="T", what_happened="W", tags=("logistics",))
    lesson = lesson_create(actor=personas["trainer"], data=data, session=world["tirana"])
    assert lesson.programme_id == world["tirana"].programme_id
    assert (lesson.status, lesson.author, lesson.tags) == (LessonStatus.OBSERVED, personas["trainer"], ["logistics"])
    event = AuditEvent.objects.get(action="lesson.create", object_id=str(lesson.pk))
    assert event.details == {"source": "session", "source_id": world["tirana"].pk, "tags": ["logistics"]}
    from_design = lesson_create(actor=personas["manager"], data=data, design=world["design"])
    assert from_design.session is None and from_design.design == world["design"]
    with pytest.raises(ValueError):
        lesson_create(actor=personas["manager"], data=data, design=world["design"], session=world["tirana"])


def test_update_status_and_delete_are_audited(world: dict[str, Any], personas: dict[str, Any]) -> None:
    lesson = world["L1"]
    data = LessonData(
        title=lesson.title,
        what_happened="Changed",
        why_it_matters=lesson.why_it_matters,
        recommendation=lesson.recommendation,
        tags=tuple(lesson.tags),
    )
    lesson_update(actor=personas["coordinator_al"], lesson=lesson, data=data)
    assert AuditEvent.objects.get(action="lesson.update").details == {"fields": ["what_happened"]}
    lesson_update(actor=personas["coordinator_al"], lesson=lesson, data=data)  # nothing changed: no event
    assert AuditEvent.objects.filter(action="lesson.update").count() == 1

    with pytest.raises(PermissionDenied):
        lesson_set_status(actor=personas["coordinator_al"], lesson=lesson, status=LessonStatus.VALIDATED)
    with pytest.raises(ValidationError):
        lesson_set_status(actor=personas["manager"], lesson=lesson, status="published")
    lesson_set_status(actor=personas["manager"], lesson=lesson, status=LessonStatus.VALIDATED)
    lesson_set_status(actor=personas["me_officer"], lesson=lesson, status=LessonStatus.APPLIED)
    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.APPLIED
    details = [e.details for e in AuditEvent.objects.filter(action="lesson.status").order_by("id")]
    assert details == [{"from": "observed", "to": "validated"}, {"from": "validated", "to": "applied"}]

    pk = lesson.pk
    lesson_delete(actor=personas["manager"], lesson=lesson)
    assert not LessonLearned.objects.filter(pk=pk).exists()
    assert AuditEvent.objects.get(action="lesson.delete", object_id=str(pk)).details["title"] == "L1"


def test_rollup_counts_per_tag_and_status(world: dict[str, Any], personas: dict[str, Any]) -> None:
    programme = world["design"].programme
    rollup = lesson_rollup(user=personas["manager"], programme=programme)
    assert [lesson.title for lesson in rollup.lessons] == ["L5", "L4", "L3", "L2", "L1"]
    assert rollup.by_status == {"observed": 3, "validated": 1, "applied": 1}
    assert [(t.tag, t.cells, t.total) for t in rollup.tags] == [
        ("interpretation", [1, 1, 0], 2),
        ("agenda", [1, 0, 0], 1),
        ("mock trial", [1, 0, 0], 1),
        ("venue", [0, 1, 0], 1),
    ]
    assert rollup.untagged == 1
    assert programme_tags(user=personas["manager"], programme=programme) == [
        "interpretation",
        "agenda",
        "mock trial",
        "venue",
    ]
    assert programme_tags(user=personas["viewer"], programme=programme) == ["interpretation", "venue"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"status": "observed"}, {"L1", "L3", "L5"}),
        ({"tag": "interpretation"}, {"L1", "L2"}),
        ({"country": "IT"}, {"L3"}),
        ({"design": True}, {"L1", "L2", "L3", "L4", "L5"}),
        ({"text": "l4"}, {"L4"}),
        ({"status": "observed", "tag": "interpretation"}, {"L1"}),
    ],
)
def test_rollup_filters(
    world: dict[str, Any], personas: dict[str, Any], filters: dict[str, Any], expected: set
) -> None:
    if "country" in filters:
        filters["country"] = Country.objects.get(code=filters["country"]).pk
    if "design" in filters:
        filters["design"] = world["design"].pk
    rollup = lesson_rollup(
        user=personas["manager"], programme=world["design"].programme, filters=LessonFilters(**filters)
    )
    assert _titles(rollup.lessons) == expected


def test_viewer_rollup_has_published_lessons_only(world: dict[str, Any], personas: dict[str, Any]) -> None:
    rollup = lesson_rollup(user=personas["viewer"], programme=world["design"].programme)
    assert _titles(rollup.lessons) == {"L2", "L4"}
    assert rollup.by_status == {"observed": 0, "validated": 1, "applied": 1}
