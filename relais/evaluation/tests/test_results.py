"""The level 1–4 figures on the hand-made dataset of factories_results.py, worked out by hand.

Session "al" — the five pairs (pre → post, out of 4):
    Ana 1 → 3, Ben 2 → 4, Cora 4 → 3, Dan 0 → 2, Eva 2 → 2 (Fan has no post-test: not a pair).
    pre  = (.25 + .5 + 1 + 0 + .5) / 5 = 2.25 / 5 = 45 %
    post = (.75 + 1 + .75 + .5 + .5) / 5 = 3.5 / 5 = 70 %
    gain g = (post − pre) / (1 − pre), Cora left out (pre = max):
         Ana .5/.75 = .6667, Ben .5/.5 = 1, Dan .5/1 = .5, Eva 0/.5 = 0 → 2.1667 / 4 = .5417 → 54 % (n 4)
    improved: Ana, Ben, Dan → 3 / 5 = 60 %
    differences d = .5, .5, −.25, .5, 0: mean .25; deviations .25, .25, −.5, .25, −.25; Σ squares = .5;
         sample variance .5 / 4 = .125, sd = .35355 → effect size .25 / .35355 = 0.7071 → "0.71"
    satisfaction (q1, q2): Ana 5, 4 · Ben 3, 4 · Cora 2, 1 · Dan 4, 5 → 8 answers, 5 of 4 or 5 →
         62.5 % → "63%" (half up), mean 28 / 8 = 3.5, n 4
    follow-up: Ana yes, Ben no, Dan yes, Eva did not say → 2 / 3 → "67%", n 3
Session "it": Gil .25 → 1 (g 1, d .75); satisfaction 5, 5.
Whole programme: pre 2.5/6 = 41.67 %, post 4.5/6 = 75 %, gain (2.1667 + 1)/5 = .6333 → 63 %, improved 4/6 = 67 %,
    d mean 2/6 = .3333, Σ squared deviations .70833, variance .141667, sd .37639 → 0.8856 → "0.89";
    satisfaction 7 of 10 → 70 %, mean 3.8, n 5.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from relais.core.models import Profession
from relais.evaluation.scoping import results_scope
from relais.evaluation.selectors_results import Filters, Selection, behaviour, learning, reaction, results
from relais.evaluation.selectors_results_groups import results_table
from relais.evaluation.selectors_results_items import application_examples, likert_items, objective_figures
from relais.evaluation.tests.factories_results import build_results_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(programme: Any, personas: dict[str, Any]) -> dict[str, Any]:
    return build_results_world(programme, trainer=personas["trainer"])


def test_learning_of_a_session(world: dict[str, Any]) -> None:
    figures = learning(Selection.of_session(world["al"].pk))
    assert figures.pairs.n == 5
    assert figures.pre.value == pytest.approx(0.45)
    assert figures.post.value == pytest.approx(0.70)
    assert figures.gain.value == pytest.approx((2 / 3 + 1 + 0.5 + 0) / 4)
    assert figures.gain.n == 4  # Cora's pre-test was already the maximum
    assert figures.improved.value == pytest.approx(0.6)
    assert figures.effect.value == pytest.approx(0.7071067811865475)
    assert (figures.pre.text, figures.post.text, figures.gain.text, figures.improved.text, figures.effect.text) == (
        "45%",
        "70%",
        "54%",
        "60%",
        "0.71",
    )


def test_reaction_behaviour_and_results_of_a_session(world: dict[str, Any]) -> None:
    selection = Selection.of_session(world["al"].pk)
    r = reaction(selection)
    assert (r.respondents, r.answers) == (4, 8)
    assert r.share.value == pytest.approx(0.625)
    assert r.share.text == "63%"  # 62.5 rounded half up
    assert r.mean.value == pytest.approx(3.5)
    assert r.mean.text == "3.5"
    b = behaviour(selection)
    assert b.applying.n == 3 and b.respondents == 4
    assert b.applying.value == pytest.approx(2 / 3)
    assert b.applying.text == "67%"
    level4 = results(selection)
    assert level4.events_total.n == 1
    assert {value: count.n for value, _label, count in level4.events if count.n} == {"joint_investigation": 1}
    assert level4.contacts_people.n == 2 and level4.contacts_organisations.n == 0


def test_per_item_means_and_shares(world: dict[str, Any]) -> None:
    items = likert_items(session_id=world["al"].pk)
    assert [i.item.text for i in items] == ["The session met my needs", "I would recommend it to colleagues"]
    q1, q2 = items
    # q1: 5, 3, 2, 4 → mean 3.5, 4 or 5: 2 of 4; q2: 4, 4, 1, 5 → mean 3.5, 3 of 4
    assert (q1.n, q1.counts, q1.mean.value, q1.share.value) == (4, [0, 1, 1, 1, 1], 3.5, 0.5)
    assert (q2.n, q2.counts, q2.mean.value, q2.share.value) == (4, [1, 0, 0, 2, 1], 3.5, 0.75)


def test_programme_totals_for_a_manager(world: dict[str, Any], personas: dict[str, Any], programme: Any) -> None:
    scope = results_scope(user=personas["manager"], programme_pk=programme.pk)
    table = results_table(Selection.of_scope(scope), "country")
    total = table.total
    assert total.learning.pairs.n == 6
    assert total.learning.pre.value == pytest.approx(2.5 / 6)
    assert total.learning.post.value == pytest.approx(0.75)
    assert total.learning.gain.value == pytest.approx((2 / 3 + 1 + 0.5 + 0 + 1) / 5)
    assert total.learning.improved.value == pytest.approx(4 / 6)
    assert total.learning.effect.value == pytest.approx(0.8856148855400953)
    assert total.learning.effect.text == "0.89"
    assert total.reaction.share.value == pytest.approx(0.7) and total.reaction.respondents == 5
    assert total.reaction.mean.value == pytest.approx(3.8)


def test_grouping_by_profession(world: dict[str, Any], personas: dict[str, Any], programme: Any) -> None:
    scope = results_scope(user=personas["admin"], programme_pk=programme.pk)
    table = results_table(Selection.of_scope(scope), "profession")
    rows = {r.key: r for r in table.rows}
    police, prosecution, inspection = (
        Profession.objects.get(code=c).pk for c in ("police", "prosecution", "labour_inspection")
    )
    assert set(rows) == {police, prosecution, inspection}
    # police: Ana .25 → .75, Ben .5 → 1, Gil .25 → 1; d = .5, .5, .75: mean .5833, sd .14434 → 4.04
    p = rows[police].learning
    assert p.pairs.n == 3
    assert p.pre.value == pytest.approx(1 / 3) and p.post.value == pytest.approx(2.75 / 3)
    assert p.gain.value == pytest.approx((2 / 3 + 1 + 1) / 3) and p.improved.value == 1
    assert p.effect.value == pytest.approx(4.041451884327381)
    assert rows[police].reaction.share.value == pytest.approx(5 / 6)  # 5,4 · 3,4 · 5,5
    # prosecution: Cora 1 → .75 (no gain), Dan 0 → .5; d = −.25, .5 → .125 / .53033 = 0.2357
    q = rows[prosecution].learning
    assert (q.pairs.n, q.gain.n) == (2, 1)
    assert q.pre.value == pytest.approx(0.5) and q.post.value == pytest.approx(0.625) and q.post.text == "63%"
    assert q.gain.value == pytest.approx(0.5) and q.improved.value == pytest.approx(0.5)
    assert q.effect.value == pytest.approx(0.23570226039551587)
    assert rows[prosecution].reaction.share.value == pytest.approx(0.5)
    # labour inspection: Eva .5 → .5: no change, one pair, no effect size
    e = rows[inspection].learning
    assert (e.pairs.n, e.pre.value, e.post.value, e.gain.value, e.improved.value) == (1, 0.5, 0.5, 0.0, 0.0)
    assert e.effect.value is None and e.effect.text == "—"
    assert rows[inspection].reaction.respondents == 0 and rows[inspection].reaction.share.text == "—"
    assert [r.label for r in table.rows] == sorted((r.label for r in table.rows), key=str.casefold)


def test_grouping_by_session_theme_design_and_country(
    world: dict[str, Any], personas: dict[str, Any], programme: Any
) -> None:
    scope = results_scope(user=personas["admin"], programme_pk=programme.pk)
    selection = Selection.of_scope(scope)
    by_session = {r.key: r for r in results_table(selection, "session").rows}
    assert by_session[world["al"].pk].learning.pairs.n == 5 and by_session[world["it"].pk].learning.pairs.n == 1
    assert by_session[world["al"].pk].url == reverse("evaluation:session_results", kwargs={"pk": world["al"].pk})
    themes = results_table(selection, "theme").rows
    assert {r.label for r in themes} == {t.name for t in world["design"].themes.all()}
    assert all(r.learning.pairs.n == 6 for r in themes)  # one design, both themes hold every pair
    assert [r.learning.pairs.n for r in results_table(selection, "design").rows] == [6]
    by_country = {r.label: r.learning.pairs.n for r in results_table(selection, "country").rows}
    assert by_country == {"Albania": 4, "Italy": 2}  # Ben and Gil are Italian
    assert [r.learning.pairs.n for r in results_table(selection, "programme").rows] == [6]


def test_filters_period_country_profession(world: dict[str, Any], personas: dict[str, Any], programme: Any) -> None:
    import datetime as dt

    from relais.core.models import Country

    scope = results_scope(user=personas["admin"], programme_pk=programme.pk)

    def pairs(**filters: Any) -> int:
        return learning(Selection.of_scope(scope, Filters(**filters))).pairs.n

    assert pairs(start=dt.date(2026, 4, 1)) == 1  # only Rome ended after
    assert pairs(end=dt.date(2026, 3, 3)) == 5
    assert pairs(start=dt.date(2026, 3, 4), end=dt.date(2026, 5, 19)) == 0
    assert pairs(country=Country.objects.get(code="IT").pk) == 2
    assert pairs(profession=Profession.objects.get(code="prosecution").pk) == 2
    assert pairs(design=world["design"].pk) == 6


def test_coordinators_see_their_countries_only(world: dict[str, Any], personas: dict[str, Any], programme: Any) -> None:
    al = results_table(
        Selection.of_scope(results_scope(user=personas["coordinator_al"], programme_pk=programme.pk)), "session"
    )
    assert [r.key for r in al.rows] == [world["al"].pk]
    assert al.total.learning.pairs.n == 5 and al.total.learning.effect.value == pytest.approx(0.7071067811865475)
    it = results_table(
        Selection.of_scope(results_scope(user=personas["coordinator_it"], programme_pk=programme.pk)), "session"
    )
    assert [r.key for r in it.rows] == [world["it"].pk]
    assert it.total.learning.pairs.n == 1 and it.total.learning.effect.value is None
    assert it.total.reaction.share.value == 1.0
    # Trainers: the sessions they train (the trainer persona trains the Albanian one).
    trainer = results_scope(user=personas["trainer"], programme_pk=programme.pk)
    assert learning(Selection.of_scope(trainer)).pairs.n == 5


def test_viewers_get_small_figures_suppressed(
    client: Any, world: dict[str, Any], personas: dict[str, Any], programme: Any
) -> None:
    scope = results_scope(user=personas["viewer"], programme_pk=programme.pk)
    assert scope.suppress_small
    table = results_table(Selection.of_scope(scope), "profession")
    assert table.total.learning.pairs.n == 6 and not table.total.learning.gain.suppressed  # gain n 5: shown
    assert table.total.learning.gain.text == "63%"
    assert table.total.reaction.share.text == "70%"  # 5 respondents
    assert table.total.behaviour.applying.suppressed and table.total.behaviour.applying.text == "fewer than 5"
    assert table.total.behaviour.applying.n_text == "fewer than 5"
    for row in table.rows:  # every profession has fewer than 5 pairs
        assert row.learning.pre.suppressed and row.learning.pre.text == "fewer than 5"
        assert row.learning.pre.chart_value is None
    assert application_examples(Selection.of_scope(scope), names=False) == []
    response = client.get(reverse("evaluation:programme_results", kwargs={"pk": programme.pk}) + "?by=profession")
    assert response.status_code == 302  # not logged in yet
    client.force_login(personas["viewer"])
    page = client.get(reverse("evaluation:programme_results", kwargs={"pk": programme.pk}) + "?by=profession")
    html = page.content.decode()
    assert "fewer than 5" in html and "33%" not in html  # police's mean pre-test is hidden
    csv = client.get(reverse("evaluation:programme_results_csv", kwargs={"pk": programme.pk}) + "?by=profession")
    text = csv.content.decode("utf-8-sig")
    assert "fewer than 5" in text and "33%" not in text
    assert "We opened a joint case" not in html


def test_examples_with_names_only_for_those_who_see_names(world: dict[str, Any], personas: dict[str, Any]) -> None:
    selection = Selection.of_session(world["al"].pk)
    named = application_examples(selection, names=True)
    assert {(e.text, e.who) for e in named} == {
        ("We opened a joint case with the Italian police.", "Ana Tester"),
        ("I now check the contracts of seasonal workers.", "Dan Tester"),
        ("Nothing yet.", "Eva Tester"),
    }
    assert {e.who for e in application_examples(selection, names=False)} == {""}


def test_objectives_of_a_session(world: dict[str, Any]) -> None:
    from relais.evaluation.models import Item
    from relais.evaluation.services_responses import questionnaire_rescore

    objective = world["design"].objectives.order_by("position").first()
    for kind in ("pre", "post"):  # link the first two items of both tests to the objective
        Item.objects.filter(
            pk__in=list(world["q"][kind].items.order_by("position")[:2].values_list("pk", flat=True))
        ).update(objective=objective)
        questionnaire_rescore(questionnaire=world["q"][kind])
    figures = objective_figures(Selection.of_session(world["al"].pk))
    assert [f.objective_id for f in figures] == [objective.pk]
    # items 1–2: pre Ana 1, Ben 2, Cora 2, Dan 0, Eva 2 → (.5+1+1+0+1)/5 = .7;
    # post Ana 2, Ben 2, Cora 2, Dan 2, Eva 2 → 1
    assert figures[0].pre.value == pytest.approx(0.7) and figures[0].post.value == pytest.approx(1.0)
    assert figures[0].pre.n == 5
