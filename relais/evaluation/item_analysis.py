"""Item analysis of a test (issue 5 §5), so that trainers can fix bad items:

- difficulty of a scored item = mean points earned / its points, over the submitted responses (an
  unanswered item earns 0), so 0.9 means nine in ten got it right;
- discrimination = the point-biserial correlation: Pearson's r between the item's score and the
  rest-score (the response's total minus this item) across the submitted responses — do those who
  get this item right do better on the rest of the test?;
- flags: too easy (difficulty above 0.9), too hard (below 0.2), does not discriminate (r below 0.2),
  each with advice; with fewer than 5 responses the figures are shown but not judged;
- the answer distribution of every choice and Likert item.

Reads one questionnaire's responses and answers (a few dozen to a few hundred rows): 3 queries.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from relais.evaluation.models import Answer, Item, ItemType, Questionnaire, Response, ResponseStatus
from relais.evaluation.scoping import SMALL_N

TOO_EASY = 0.9
TOO_HARD = 0.2
LOW_DISCRIMINATION = 0.2


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's correlation; None with fewer than two pairs or when either side does not vary."""
    n = len(xs)
    if n < 2 or n != len(ys):
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    return sxy / math.sqrt(sxx * syy)


@dataclass(frozen=True)
class Flag:
    code: str  # "too_easy", "too_hard", "no_discrimination"
    label: str
    advice: str


def flags_for(difficulty: float | None, discrimination: float | None) -> list[Flag]:
    out = []
    if difficulty is not None and difficulty > TOO_EASY:
        out.append(
            Flag(
                "too_easy",
                _("too easy"),
                _(
                    "Almost everyone answers it correctly, so it tells you little. Make the wrong choices more "
                    "plausible, or ask about a harder point of the objective."
                ),
            )
        )
    if difficulty is not None and difficulty < TOO_HARD:
        out.append(
            Flag(
                "too_hard",
                _("too hard"),
                _(
                    "Few answer it correctly. Check the correct answer in the key, whether the question is clear "
                    "in every language, and whether the session teaches this point."
                ),
            )
        )
    if discrimination is not None and discrimination < LOW_DISCRIMINATION:
        out.append(
            Flag(
                "no_discrimination",
                _("does not discriminate"),
                _(
                    "Those who do well on the rest of the test do not do better on this item. It may be "
                    "ambiguous, have two defensible answers, or measure something else: rewrite or replace it."
                ),
            )
        )
    return out


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int
    share: float | None
    correct: bool


@dataclass(frozen=True)
class ItemAnalysis:
    item: Item
    n: int  # submitted responses
    answered: int
    difficulty: float | None
    discrimination: float | None
    flags: list[Flag]
    options: list[Option] = field(default_factory=list)
    mean: float | None = None  # Likert items: mean answer (1–5)
    agree: float | None = None  # Likert items: share of answers of 4 or 5

    @property
    def scored(self) -> bool:
        return self.item.is_scored


@dataclass(frozen=True)
class Analysis:
    questionnaire: Questionnaire
    responses: int
    mean_score: float | None  # fraction of the maximum
    items: list[ItemAnalysis]
    judged: bool  # enough responses to flag items

    @property
    def flagged(self) -> list[ItemAnalysis]:
        return [i for i in self.items if i.flags]


def _options(item: Item, values: list[Any]) -> list[Option]:
    answered = len(values)
    if item.type == ItemType.LIKERT:
        choices = [(str(level), str(level)) for level in range(1, 6)]
    elif item.type in (ItemType.SINGLE, ItemType.MULTIPLE):
        choices = [(str(o.get("value")), str(o.get("label") or o.get("value"))) for o in item.options or []]
    else:
        return []
    counts = dict.fromkeys((v for v, _label in choices), 0)
    for value in values:
        for v in value if isinstance(value, list) else [value]:
            key = str(v)
            if key in counts:
                counts[key] += 1
    correct = {str(c) for c in item.correct or []}
    return [
        Option(
            value=v,
            label=label,
            count=counts[v],
            share=counts[v] / answered if answered else None,
            correct=v in correct,
        )
        for v, label in choices
    ]


def analyse(questionnaire: Questionnaire) -> Analysis:
    items = list(questionnaire.items.order_by("position", "id"))
    responses = list(
        Response.objects.filter(questionnaire=questionnaire, status=ResponseStatus.SUBMITTED)
        .order_by()
        .values_list("pk", "score", "max_score")
    )
    ids = [pk for pk, _score, _max in responses]
    points: dict[tuple[int, int], Decimal] = {}
    values: dict[int, list[Any]] = {item.pk: [] for item in items}
    for response_id, item_id, got, value in (
        Answer.objects.filter(response__questionnaire=questionnaire, response__status=ResponseStatus.SUBMITTED)
        .order_by()
        .values_list("response_id", "item_id", "points", "value")
    ):
        if got is not None:
            points[(response_id, item_id)] = got
        if item_id in values and value is not None:
            values[item_id].append(value)
    scored = [item for item in items if item.is_scored]
    totals: dict[int, float] = {}
    for pk, score, _max in responses:
        if score is not None:
            totals[pk] = float(score)
        else:
            totals[pk] = float(sum((points.get((pk, item.pk), Decimal(0)) for item in scored), Decimal(0)))
    judged = len(ids) >= SMALL_N
    analysed = []
    for item in items:
        difficulty: float | None = None
        discrimination: float | None = None
        if item.is_scored and ids:
            earned = [float(points.get((pk, item.pk), 0)) for pk in ids]
            maximum = float(item.points)
            difficulty = sum(earned) / len(earned) / maximum if maximum else None
            rest = [totals[pk] - e for pk, e in zip(ids, earned, strict=True)]
            discrimination = pearson([e / maximum for e in earned], rest) if maximum else None
        levels = [int(v) for v in values[item.pk] if item.type == ItemType.LIKERT and isinstance(v, int | float)]
        analysed.append(
            ItemAnalysis(
                mean=sum(levels) / len(levels) if levels else None,
                agree=sum(1 for v in levels if v >= 4) / len(levels) if levels else None,
                item=item,
                n=len(ids),
                answered=len(values[item.pk]),
                difficulty=difficulty,
                discrimination=discrimination,
                flags=flags_for(difficulty, discrimination) if judged else [],
                options=_options(item, values[item.pk]),
            )
        )
    fractions = [float(s) / float(m) for _pk, s, m in responses if s is not None and m]
    mean = sum(fractions) / len(fractions) if fractions else None
    return Analysis(questionnaire=questionnaire, responses=len(ids), mean_score=mean, items=analysed, judged=judged)
