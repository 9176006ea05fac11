"""Reads of the lessons learned register (DESIGN.md §2, issue 5 §7).

Who sees a lesson:
- administrators: every lesson;
- the programme's managers and M&E officers: every lesson of the programme;
- coordinators: the lessons of the sessions of their countries, and the lessons of the programme's
  designs; trainers: the lessons of the sessions they train, and of the programme's designs
  (delivery.scoping.sessions_visible, design.selectors.designs_visible);
- viewers (donors, partners): the validated and applied lessons of their programmes only.
Who records a lesson: whoever may see the session or the design it comes from (staff only: viewers
see neither). Who validates or marks it applied: administrators, managers and M&E officers of the
programme. Who edits or deletes it: those, and its author while it is still only observed.
Everyone else gets 404.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from relais.delivery.scoping import sessions_visible
from relais.evaluation.models import LessonLearned, LessonStatus
from relais.programmes.models import Programme, ProgrammeRole, Role

PUBLISHED = (LessonStatus.VALIDATED, LessonStatus.APPLIED)
VALIDATORS = (Role.MANAGER, Role.ME_OFFICER)


def lessons_visible(*, user: Any) -> QuerySet[LessonLearned]:
    if not getattr(user, "is_authenticated", False):
        return LessonLearned.objects.none()
    if user.is_administrator:
        return LessonLearned.objects.all()
    roles = ProgrammeRole.objects.filter(user=user)
    whole = roles.filter(role__in=VALIDATORS).values("programme_id")
    designs = roles.filter(role__in=[Role.COORDINATOR, Role.TRAINER]).values("programme_id")
    published = roles.filter(role=Role.VIEWER).values("programme_id")
    q = (
        Q(programme_id__in=whole)
        | Q(session__in=sessions_visible(user=user).values("pk"))
        | Q(session__isnull=True, programme_id__in=designs)
        | Q(programme_id__in=published, status__in=PUBLISHED)
    )
    return LessonLearned.objects.filter(pk__in=LessonLearned.objects.filter(q).values("pk"))


def lesson_get(*, user: Any, pk: int) -> LessonLearned:
    """A lesson the user may read (404 otherwise)."""
    try:
        return (
            lessons_visible(user=user)
            .select_related("programme", "session", "session__country", "session__design", "design", "author")
            .get(pk=pk)
        )
    except LessonLearned.DoesNotExist:
        raise Http404 from None


def may_validate(*, user: Any, programme: Programme | int) -> bool:
    """Administrators, and the programme's managers and M&E officers."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_administrator:
        return True
    programme_id = programme if isinstance(programme, int) else programme.pk
    return ProgrammeRole.objects.filter(user=user, programme_id=programme_id, role__in=VALIDATORS).exists()


def may_change(*, user: Any, lesson: LessonLearned, validator: bool | None = None) -> bool:
    """Validators always; the author while the lesson is only observed."""
    if validator if validator is not None else may_validate(user=user, programme=lesson.programme_id):
        return True
    return lesson.author_id == getattr(user, "pk", None) and lesson.status == LessonStatus.OBSERVED


def lesson_for_changing(*, user: Any, pk: int) -> LessonLearned:
    lesson = lesson_get(user=user, pk=pk)
    if not may_change(user=user, lesson=lesson):
        raise Http404
    return lesson


def lesson_for_validating(*, user: Any, pk: int) -> LessonLearned:
    lesson = lesson_get(user=user, pk=pk)
    if not may_validate(user=user, programme=lesson.programme_id):
        raise Http404
    return lesson


def is_staff_of(*, user: Any, programme: Programme | int) -> bool:
    """Whether the user works in the programme (any role but viewer), or administers the platform."""
    if user.is_administrator:
        return True
    programme_id = programme if isinstance(programme, int) else programme.pk
    return ProgrammeRole.objects.filter(user=user, programme_id=programme_id).exclude(role=Role.VIEWER).exists()


def programme_tags(*, user: Any, programme: Programme | int) -> list[str]:
    """The tags of the programme's lessons the user may see, most used first (suggested when writing
    a lesson, and the roll-up's tag filter)."""
    counts: Counter[str] = Counter()
    for tags in lessons_visible(user=user).filter(programme=programme).values_list("tags", flat=True):
        counts.update(t for t in tags or [] if isinstance(t, str))
    return [tag for tag, _n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


@dataclass(frozen=True)
class LessonFilters:
    status: str = ""
    tag: str = ""
    design: int | None = None
    country: int | None = None
    text: str = ""

    @property
    def any(self) -> bool:
        return bool(self.status or self.tag or self.design or self.country or self.text)


@dataclass
class TagCount:
    tag: str
    by_status: dict[str, int] = field(default_factory=dict)
    total: int = 0

    @property
    def cells(self) -> list[int]:
        """The counts in the order of LessonStatus (the table's columns)."""
        return [self.by_status.get(s, 0) for s in LessonStatus.values]


@dataclass
class Rollup:
    lessons: list[LessonLearned]
    by_status: dict[str, int]
    tags: list[TagCount]  # over the lessons shown, most used first
    untagged: int

    @property
    def statuses(self) -> list[tuple[str, str, int]]:
        """(status, label, lessons) in the order of LessonStatus."""
        return [(s.value, str(s.label), self.by_status.get(s.value, 0)) for s in LessonStatus]


def lesson_rollup(*, user: Any, programme: Programme, filters: LessonFilters | None = None) -> Rollup:
    """The lessons of a programme the user may see, filtered, with counts per tag and status. One
    query whatever the number of lessons; the tag filter runs in Python (tags are a JSON list, and
    JSON containment is not portable to SQLite)."""
    f = filters or LessonFilters()
    qs = (
        lessons_visible(user=user)
        .filter(programme=programme)
        .select_related("session", "session__country", "session__design", "design", "author")
    )
    if f.status:
        qs = qs.filter(status=f.status)
    if f.design:
        qs = qs.filter(Q(design_id=f.design) | Q(session__design_id=f.design))
    if f.country:
        qs = qs.filter(session__country_id=f.country)
    if f.text:
        qs = qs.filter(
            Q(title__icontains=f.text)
            | Q(what_happened__icontains=f.text)
            | Q(why_it_matters__icontains=f.text)
            | Q(recommendation__icontains=f.text)
        )
    lessons = list(qs.order_by("-created_at", "-id"))
    if f.tag:
        lessons = [lesson for lesson in lessons if f.tag in (lesson.tags or [])]
    by_status = {s.value: 0 for s in LessonStatus}
    tags: dict[str, TagCount] = {}
    untagged = 0
    for lesson in lessons:
        by_status[lesson.status] = by_status.get(lesson.status, 0) + 1
        if not lesson.tags:
            untagged += 1
        for tag in lesson.tags or []:
            count = tags.setdefault(tag, TagCount(tag, {s.value: 0 for s in LessonStatus}))
            count.by_status[lesson.status] = count.by_status.get(lesson.status, 0) + 1
            count.total += 1
    return Rollup(
        lessons=lessons,
        by_status=by_status,
        tags=sorted(tags.values(), key=lambda t: (-t.total, t.tag)),
        untagged=untagged,
    )
