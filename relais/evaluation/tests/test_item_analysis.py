"""Item analysis on hand-made answers: difficulty, point-biserial discrimination, flags, distributions."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.tests.factories import make_complete_design
from relais.evaluation.item_analysis import analyse, pearson
from relais.evaluation.models import ItemType, QuestionnaireKind
from relais.evaluation.tests.factories import make_item, make_questionnaire, submit
from relais.evaluation.tests.factories_results import build_results_world

pytestmark = pytest.mark.django_db


def test_pearson() -> None:
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert pearson([1, 1, 1], [1, 2, 3]) is None  # no variation
    assert pearson([1], [1]) is None


def test_pre_test_of_the_hand_dataset(programme: Any, personas: dict[str, Any]) -> None:
    """Pre-test scores (first `right` items correct): Ana 1, Ben 2, Cora 4, Dan 0, Eva 2, Fan 2.

    item 1: right for all but Dan → x = 1 1 1 0 1 1, rest = total − x = 0 1 3 0 1 1
        difficulty 5/6 = .833; mean x 5/6, mean rest 1; Σ dx·dr = 1, Σ dx² = 5/6, Σ dr² = 6
        → r = 1 / √5 = 0.4472
    item 2: Ben, Cora, Eva, Fan → x = 0 1 1 0 1 1, rest = 1 1 3 0 1 1 → difficulty 4/6,
        Σ dx·dr = 4/3, Σ dx² = 4/3, Σ dr² = 29/6 → r = √(8/29) = 0.5252
    items 3 and 4: Cora only → x = 0 0 1 0 0 0, rest = 1 2 3 0 2 2 → difficulty 1/6 (too hard),
        Σ dx·dr = 4/3, Σ dx² = 5/6, Σ dr² = 16/3 → r = √0.4 = 0.6325
    """
    world = build_results_world(programme)
    analysis = analyse(world["q"]["pre"])
    assert analysis.responses == 6 and analysis.judged
    assert analysis.mean_score == pytest.approx((1 + 2 + 4 + 0 + 2 + 2) / 24)
    i1, i2, i3, i4 = analysis.items
    assert i1.difficulty == pytest.approx(5 / 6) and i1.discrimination == pytest.approx(5**-0.5)
    assert i2.difficulty == pytest.approx(4 / 6) and i2.discrimination == pytest.approx((8 / 29) ** 0.5)
    for item in (i3, i4):
        assert item.difficulty == pytest.approx(1 / 6) and item.discrimination == pytest.approx(0.4**0.5)
        assert [f.code for f in item.flags] == ["too_hard"]
    assert i1.flags == [] and i2.flags == []
    # Answer distribution of item 1: "a" (correct) 5, "b" 1, "c" 0
    assert [(o.value, o.count, o.correct) for o in i1.options] == [("a", 5, True), ("b", 1, False), ("c", 0, False)]
    assert i1.options[0].share == pytest.approx(5 / 6)


def test_an_item_that_does_not_discriminate_and_one_too_easy(programme: Any) -> None:
    """Items A, B, D (1 point each, correct "a"), five respondents:
        r1 A B · r2 A B · r3 A D · r4 D · r5 D   (✓ listed) → totals 2 2 2 1 1
    A: x = 1 1 1 0 0, rest = 1 1 1 1 1: the rest does not vary → no discrimination figure
    B: x = 1 1 0 0 0, rest = 1 1 2 1 1: Σ dx·dr = −.4, Σ dx² = 1.2, Σ dr² = .8 → r = −.4/√.96 = −0.4082
    D: x = 0 0 1 1 1, rest = 2 2 1 0 0: Σ dx·dr = −2, Σ dx² = 1.2, Σ dr² = 4 → r = −2/√4.8 = −0.9129
    E: everyone right → difficulty 1, too easy (and no variation: no r).
    """
    session = make_session(design=make_complete_design(programme=programme))
    test = make_questionnaire(session, QuestionnaireKind.POST_TEST)
    a, b, d, e = (make_item(test, ItemType.SINGLE, correct=["a"], points=1) for _ in range(4))
    likert = make_item(test, ItemType.LIKERT, text="The test was clear", required=False)
    right = [{a, b}, {a, b}, {a, d}, {d}, {d}]
    for n, items in enumerate(right):
        reg = register(session, make_person(f"P{n}", "Q"))
        values: dict[int, Any] = {i.pk: ("a" if i in items or i == e else "b") for i in (a, b, d, e)}
        values[likert.pk] = 1 + n % 5
        submit(test, reg, values)
    analysis = analyse(test)
    by_item = {x.item.pk: x for x in analysis.items}
    assert by_item[a.pk].difficulty == pytest.approx(0.6) and by_item[a.pk].discrimination is None
    assert by_item[a.pk].flags == []
    assert by_item[b.pk].discrimination == pytest.approx(-0.4 / 0.96**0.5)
    assert by_item[d.pk].discrimination == pytest.approx(-2 / 4.8**0.5)
    assert [f.code for f in by_item[d.pk].flags] == ["no_discrimination"]
    assert [f.code for f in by_item[b.pk].flags] == ["no_discrimination"]
    assert [f.code for f in by_item[e.pk].flags] == ["too_easy"]
    assert by_item[likert.pk].difficulty is None
    assert [o.count for o in by_item[likert.pk].options] == [1, 1, 1, 1, 1]
    assert by_item[likert.pk].mean == 3 and by_item[likert.pk].agree == pytest.approx(0.4)  # 1 2 3 4 5


def test_fewer_than_five_responses_are_not_judged(programme: Any) -> None:
    session = make_session(design=make_complete_design(programme=programme))
    test = make_questionnaire(session, QuestionnaireKind.PRE_TEST)
    item = make_item(test, ItemType.SINGLE, correct=["a"], points=1)
    for n in range(3):
        submit(test, register(session, make_person(f"P{n}", "Q")), {item.pk: "b"})
    analysis = analyse(test)
    assert not analysis.judged and analysis.items[0].difficulty == 0 and analysis.items[0].flags == []


def test_page(client: Any, programme: Any, personas: dict[str, Any]) -> None:
    world = build_results_world(programme, trainer=personas["trainer"])
    client.force_login(personas["trainer"])
    html = client.get(reverse("evaluation:item_analysis", kwargs={"pk": world["q"]["pre"].pk})).content.decode()
    assert "Too hard." in html and "0.45" in html and "0.63" in html and "0.17" in html
    html = client.get(
        reverse("evaluation:item_analysis", kwargs={"pk": world["q"]["satisfaction"].pk})
    ).content.decode()
    assert "The session met my needs" in html and "difficulty" not in html
    assert "3.5" in html and "75%" in html  # item 2: 4, 4, 1, 5 → mean 3.5, 3 of 4 agree
