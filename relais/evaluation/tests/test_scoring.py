"""The totals of a response (scoring.py) and the paired learning result, on hand-made answers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from relais.evaluation.models import Item, ItemRole, ItemType
from relais.evaluation.scoring import applies, compute_totals, item_points, learning_pair


def item(pk: int, type: str = ItemType.SINGLE, **fields: object) -> Item:
    values: dict[str, object] = {"options": [{"value": v, "label": v} for v in "abc"], "correct": [], "points": 0}
    values.update(fields)
    values["points"] = Decimal(str(values["points"]))
    return Item(pk=pk, type=type, text=f"Q{pk}", **values)


def test_single_choice_scores_its_points_only_when_correct() -> None:
    q = item(1, correct=["b"], points=2)
    assert item_points(q, "b") == Decimal(2)
    assert item_points(q, "a") == 0
    assert item_points(q, None) == 0


def test_multiple_choice_scores_only_the_exact_set() -> None:
    q = item(1, ItemType.MULTIPLE, correct=["a", "c"], points=1)
    assert item_points(q, ["c", "a"]) == 1
    assert item_points(q, ["a"]) == 0
    assert item_points(q, ["a", "b", "c"]) == 0


def test_items_without_points_or_key_are_not_scored() -> None:
    assert item_points(item(1, correct=["a"]), "a") is None
    assert item_points(item(2, points=1), "a") is None
    assert item_points(item(3, ItemType.LONG_TEXT), "text") is None


def test_totals_of_a_test_with_objectives() -> None:
    items = [
        item(1, correct=["a"], points=1, objective_id=10),
        item(2, correct=["a"], points=1, objective_id=10),
        item(3, correct=["a"], points=2, objective_id=11),
        item(4, ItemType.LONG_TEXT),
    ]
    totals = compute_totals(items, {1: "a", 2: "b", 3: "a", 4: "free text"})
    assert (totals.score, totals.max_score) == (Decimal(3), Decimal(4))
    assert totals.objective_scores == {"10": [1.0, 2.0], "11": [2.0, 2.0]}
    # Unanswered scored items count nothing but their points stay in the maximum.
    assert compute_totals(items, {}).score == 0 and compute_totals(items, {}).max_score == 4


def test_likert_totals_leave_out_the_use_of_learning_item() -> None:
    items = [
        item(1, ItemType.LIKERT),
        item(2, ItemType.LIKERT),
        item(3, ItemType.LIKERT),
        item(4, ItemType.LIKERT, role=ItemRole.APPLICATION),
    ]
    totals = compute_totals(items, {1: 5, 2: 4, 3: 2, 4: 3})
    assert (totals.likert_count, totals.likert_sum, totals.likert_high) == (3, 11, 2)
    assert totals.applies_learning is False
    assert totals.score is None and totals.max_score is None
    assert compute_totals(items, {4: 4}).applies_learning is True
    assert compute_totals(items, {}).applies_learning is None


def test_use_of_learning_by_choice() -> None:
    yes_no = item(1, ItemType.SINGLE, role=ItemRole.APPLICATION, correct=["a"])
    assert applies(yes_no, "a") is True and applies(yes_no, "b") is False and applies(yes_no, None) is None


@pytest.mark.parametrize(
    ("pre", "post", "expected"),
    [
        # pre 2/8 = 0.25, post 6/8 = 0.75: g = 0.5 / 0.75
        ((2, 8), (6, 8), (0.25, 0.75, 0.5, 2 / 3, True)),
        # already at the maximum: no gain is defined
        ((8, 8), (7, 8), (1.0, 0.875, -0.125, None, False)),
        # different maxima are compared as fractions
        ((1, 4), (5, 10), (0.25, 0.5, 0.25, 1 / 3, True)),
    ],
)
def test_learning_pair(pre: tuple[int, int], post: tuple[int, int], expected: tuple[object, ...]) -> None:
    pair = learning_pair(Decimal(pre[0]), Decimal(pre[1]), Decimal(post[0]), Decimal(post[1]))
    assert pair is not None
    got = (pair.pre, pair.post, pair.difference, pair.gain, pair.improved)
    assert got[:3] == pytest.approx(expected[:3])
    assert (got[3] is None) == (expected[3] is None)
    if expected[3] is not None:
        assert got[3] == pytest.approx(expected[3])
    assert got[4] is expected[4]


def test_no_pair_without_a_maximum() -> None:
    assert learning_pair(Decimal(0), Decimal(0), Decimal(1), Decimal(2)) is None
