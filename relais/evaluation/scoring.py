"""The totals of one response (DESIGN.md §4), computed from its answers when it is submitted and
again when the questionnaire's key changes. Pure functions: no database access."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from relais.evaluation.models import Item, ItemRole, ItemType

ZERO = Decimal("0")


def item_points(item: Item, value: Any) -> Decimal | None:
    """What a scored item earns for an answer (None for items that are not scored). A multiple-choice
    item earns its points only when exactly the correct choices are ticked."""
    if not item.is_scored:
        return None
    correct = [str(c) for c in item.correct]
    if item.type == ItemType.SINGLE:
        ok = value is not None and str(value) in correct
    elif item.type == ItemType.MULTIPLE:
        ok = value is not None and sorted(str(v) for v in value) == sorted(correct)
    elif item.type == ItemType.NUMBER:
        ok = value is not None and any(Decimal(str(value)) == Decimal(c) for c in correct)
    else:
        ok = False
    return Decimal(item.points) if ok else ZERO


def applies(item: Item, value: Any) -> bool | None:
    """Whether an answer to a use-of-learning item says the person applies what they learned: 4 or
    5 on a Likert item, or a choice among the item's `correct` ("yes") values."""
    if value is None:
        return None
    if item.type == ItemType.LIKERT:
        return int(value) >= 4
    if item.type == ItemType.SINGLE:
        return str(value) in [str(c) for c in item.correct]
    if item.type == ItemType.MULTIPLE:
        return any(str(v) in [str(c) for c in item.correct] for v in value)
    return None


@dataclass
class Totals:
    score: Decimal | None = None
    max_score: Decimal | None = None
    objective_scores: dict[str, list[float]] = field(default_factory=dict)
    likert_count: int = 0
    likert_sum: int = 0
    likert_high: int = 0
    applies_learning: bool | None = None
    points: dict[int, Decimal | None] = field(default_factory=dict)  # per item id


def compute_totals(items: Iterable[Item], values: dict[int, Any]) -> Totals:
    """Totals of one response from its answers (values by item id; missing or None = unanswered).
    Scored items unanswered count 0 of their points."""
    totals = Totals()
    score = ZERO
    max_score = ZERO
    scored = False
    for item in items:
        value = values.get(item.pk)
        points = item_points(item, value)
        totals.points[item.pk] = points
        if points is not None:
            scored = True
            score += points
            max_score += Decimal(item.points)
            if item.objective_id:
                pair = totals.objective_scores.setdefault(str(item.objective_id), [0.0, 0.0])
                pair[0] += float(points)
                pair[1] += float(item.points)
        if item.type == ItemType.LIKERT and value is not None and item.role != ItemRole.APPLICATION:
            totals.likert_count += 1
            totals.likert_sum += int(value)
            totals.likert_high += int(int(value) >= 4)
        if item.role == ItemRole.APPLICATION:
            said = applies(item, value)
            if said is not None:
                totals.applies_learning = bool(totals.applies_learning) or said
    if scored:
        totals.score, totals.max_score = score, max_score
    return totals


@dataclass(frozen=True)
class Pair:
    pre: float
    post: float
    difference: float
    gain: float | None
    improved: bool


def learning_pair(pre_score: Decimal, pre_max: Decimal, post_score: Decimal, post_max: Decimal) -> Pair | None:
    """A participant's paired result as fractions of each test's maximum; the normalised gain
    g = (post − pre) / (1 − pre) is empty when pre is already the maximum (DESIGN.md §4)."""
    if not pre_max or not post_max:
        return None
    pre = float(pre_score) / float(pre_max)
    post = float(post_score) / float(post_max)
    gain = None if pre >= 1 else (post - pre) / (1 - pre)
    return Pair(pre=pre, post=post, difference=post - pre, gain=gain, improved=post > pre)
