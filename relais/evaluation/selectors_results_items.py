"""Figures below the stored totals, read where the rows are few: per Likert item (from the answers,
only for one session or one questionnaire), per learning objective (from Response.objective_scores of
the paired responses), and the examples of use of learning that follow-ups give (level 3).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

from relais.design.models import LearningObjective
from relais.evaluation.models import (
    Answer,
    Item,
    ItemRole,
    ItemType,
    QuestionnaireKind,
    Response,
    ResponseStatus,
)
from relais.evaluation.selectors_results import (
    MEAN,
    PERCENT,
    RESPONSE_FIELDS,
    Selection,
    Stat,
    learning_rows,
    stat,
)

LEVELS = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class LikertItem:
    item: Item
    n: int
    mean: Stat
    share: Stat  # answers of 4 or 5
    counts: list[int]  # answers of 1, 2, 3, 4, 5

    @property
    def distribution(self) -> list[tuple[int, int, Stat]]:
        """(level, answers, share of the item's answers) for 1–5."""
        return [
            (level, c, stat(c / self.n if self.n else None, self.n))
            for level, c in zip(LEVELS, self.counts, strict=True)
        ]


def likert_items(*, session_id: int | None = None, questionnaire_id: int | None = None) -> list[LikertItem]:
    """Mean and share of 4–5 of each satisfaction Likert item of a session or a questionnaire, with its
    distribution (2 queries). Items measuring use of learning are level 3, not reaction."""
    items_qs = Item.objects.filter(type=ItemType.LIKERT).exclude(role=ItemRole.APPLICATION)
    if questionnaire_id is not None:
        items_qs = items_qs.filter(questionnaire_id=questionnaire_id)
    elif session_id is not None:
        items_qs = items_qs.filter(
            questionnaire__session_id=session_id, questionnaire__kind=QuestionnaireKind.SATISFACTION
        )
    items = list(items_qs.order_by("questionnaire_id", "position", "id"))
    counts: dict[int, list[int]] = {item.pk: [0, 0, 0, 0, 0] for item in items}
    rows = (
        Answer.objects.filter(item__in=[i.pk for i in items], response__status=ResponseStatus.SUBMITTED)
        .values_list("item_id", "number")
        .annotate(n=Count("id"))
        .order_by()
    )
    for item_id, number, n in rows:
        level = int(number) if number is not None else 0
        if 1 <= level <= 5:
            counts[item_id][level - 1] += n
    out = []
    for item in items:
        c = counts[item.pk]
        n = sum(c)
        total = sum(level * k for level, k in zip(LEVELS, c, strict=True))
        out.append(
            LikertItem(
                item=item,
                n=n,
                mean=stat(total / n if n else None, n, MEAN),
                share=stat((c[3] + c[4]) / n if n else None, n, PERCENT),
                counts=c,
            )
        )
    return out


@dataclass(frozen=True)
class ObjectiveFigures:
    objective_id: int
    text: str
    pre: Stat
    post: Stat


def objective_figures(selection: Selection) -> list[ObjectiveFigures]:
    """Mean pre and post score per learning objective, over the paired participants whose two tests
    both have items for it (scores as fractions of the objective's points). Reads the two responses'
    objective_scores of each pair: for a session or a design, not a whole programme (2 queries)."""
    pairs = learning_rows(selection).values_list("pre_response__objective_scores", "post_response__objective_scores")
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])  # Σpre, Σpost, n
    for pre_scores, post_scores in pairs:
        for key, post in (post_scores or {}).items():
            pre = (pre_scores or {}).get(key)
            if not pre or not post or not pre[1] or not post[1]:
                continue
            row = sums[key]
            row[0] += pre[0] / pre[1]
            row[1] += post[0] / post[1]
            row[2] += 1
    ids = [int(k) for k in sums if k.isdigit()]
    objectives = {o.pk: o for o in LearningObjective.objects.filter(pk__in=ids).order_by("design_id", "position", "id")}
    out = []
    for pk, objective in objectives.items():
        pre_sum, post_sum, n = sums[str(pk)]
        count = int(n)
        out.append(
            ObjectiveFigures(
                objective_id=pk,
                text=objective.text,
                pre=stat(pre_sum / n, count, PERCENT, suppress=selection.suppress),
                post=stat(post_sum / n, count, PERCENT, suppress=selection.suppress),
            )
        )
    return out


@dataclass(frozen=True)
class Example:
    text: str
    who: str  # the participant's name, or "" for users who see no names
    session: str


def application_examples(selection: Selection, *, names: bool, limit: int = 10) -> list[Example]:
    """The latest examples of use of learning that follow-ups give (items of role application_example).
    Names only for users who may see them. None for viewers (texts can identify people)."""
    if selection.suppress:
        return []
    # In three small steps, so that no engine reads the programme's answers to find them: the example
    # items (a few per follow-up questionnaire); the latest responses of the selection that answered
    # one (a semi-join on the answers' item index); then those responses' example answers.
    items = Item.objects.filter(role=ItemRole.APPLICATION_EXAMPLE, questionnaire__kind=QuestionnaireKind.FOLLOW_UP)
    if selection.session_id is not None:
        items = items.filter(questionnaire__session_id=selection.session_id)
    if selection.scope is not None:
        items = items.filter(questionnaire__programme=selection.scope.programme)
    ids = list(items.order_by().values_list("pk", flat=True))
    answered = Answer.objects.filter(item_id__in=ids).values("response_id")
    responses = selection.apply(
        Response.objects.filter(pk__in=answered, status=ResponseStatus.SUBMITTED), RESPONSE_FIELDS
    )
    latest = list(responses.order_by("-submitted_at", "-id").values_list("pk", flat=True)[:limit])
    related = ["response__session"] + (["response__registration__person"] if names else [])
    qs: QuerySet[Any] = Answer.objects.filter(response_id__in=latest, item_id__in=ids).select_related(*related)
    out = []
    for answer in sorted(qs, key=lambda a: (latest.index(a.response_id), a.pk)):
        if not isinstance(answer.value, str) or not answer.value.strip():
            continue
        who = ""
        if names and answer.response.registration is not None:
            who = str(answer.response.registration.person)
        out.append(Example(text=answer.value.strip(), who=who, session=answer.response.session.title))
    return out
