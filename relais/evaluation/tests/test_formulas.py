"""Evaluation's indicator formulas on the hand-made dataset (factories_results.py), by hand.

First half of 2026 (both sessions: Tirana ended 3 March, Rome 20 May):
- knowledge gain: Ana .6667, Ben 1, Dan .5, Eva 0, Gil 1 (Cora's pre-test was the maximum)
  → 3.1667 / 5 = 63.3 %
- satisfied: Tirana 5 of 8 answers of 4 or 5, Rome 2 of 2 → 7 / 10 = 70.0 %
- applying: Tirana's follow-up, answered on 15 June 2026: Ana yes, Ben no, Dan yes (Eva did not say)
  → 2 / 3 = 66.7 %
- cross-border contact: seven attended (Ana … Fan, Gil); Ana (AL) named Ben (IT): both count; Dan (AL)
  named Eva (AL): same country → 2 / 7 = 28.6 %
- cooperation events: Ana's joint investigation of 4 May 2026 → 1
Second quarter of 2026 (Rome's session; Tirana's follow-up answered in June, Ana's cooperation in
May): gain 100.0, satisfied 100.0, applying 66.7, cross-border 0 / 1 = 0.0, events 1.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from relais.delivery.models import SessionStatus
from relais.evaluation import formulas
from relais.evaluation.tests.factories_results import build_results_world
from relais.programmes.indicators import formula_get

pytestmark = pytest.mark.django_db

H1 = (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
Q2 = (dt.date(2026, 4, 1), dt.date(2026, 6, 30))
H2 = (dt.date(2026, 7, 1), dt.date(2026, 12, 31))


def test_values_by_hand(programme: Any) -> None:
    build_results_world(programme)
    assert formulas.knowledge_gain(programme, *H1) == Decimal("63.3")
    assert formulas.share_satisfied(programme, *H1) == Decimal("70.0")
    assert formulas.share_applying(programme, *H1) == Decimal("66.7")
    assert formulas.share_cross_border(programme, *H1) == Decimal("28.6")
    assert formulas.cooperation_events(programme, *H1) == 1

    assert formulas.knowledge_gain(programme, *Q2) == Decimal("100.0")
    assert formulas.share_satisfied(programme, *Q2) == Decimal("100.0")
    assert formulas.share_applying(programme, *Q2) == Decimal("66.7")
    assert formulas.share_cross_border(programme, *Q2) == Decimal("0.0")
    assert formulas.cooperation_events(programme, *Q2) == 1
    first_quarter = (dt.date(2026, 1, 1), dt.date(2026, 3, 31))  # Tirana's session, before its follow-up
    assert formulas.share_applying(programme, *first_quarter) is None
    assert formulas.cooperation_events(programme, *first_quarter) == 0

    for compute in (formulas.knowledge_gain, formulas.share_satisfied, formulas.share_applying):
        assert compute(programme, *H2) is None
    assert formulas.share_cross_border(programme, *H2) is None
    assert formulas.cooperation_events(programme, *H2) == 0


def test_cancelled_sessions_do_not_count(programme: Any) -> None:
    world = build_results_world(programme)
    world["it"].status = SessionStatus.CANCELLED
    world["it"].save()
    assert formulas.knowledge_gain(programme, *Q2) is None
    assert formulas.share_satisfied(programme, *H1) == Decimal("62.5")  # 5 of 8


def test_registered(programme: Any) -> None:
    formulas.register()
    formulas.register()  # twice is harmless
    for code in (
        "evaluation.knowledge_gain",
        "evaluation.share_satisfied",
        "evaluation.share_applying",
        "evaluation.share_cross_border",
        "evaluation.cooperation_events",
    ):
        formula = formula_get(code)
        assert formula is not None and formula.per_period


def test_a_session_moved_to_another_period_takes_its_learning_with_it(programme: Any) -> None:
    """Learning scores are read through their session's dates as they are now, like every other
    figure: moving the Rome session into the second half of 2026 moves Gil's gain with it."""
    world = build_results_world(programme)
    rome = world["it"]
    rome.start_date, rome.end_date = dt.date(2026, 9, 1), dt.date(2026, 9, 2)
    rome.save()
    assert formulas.knowledge_gain(programme, *Q2) is None
    assert formulas.knowledge_gain(programme, *H2) == Decimal("100.0")
    assert formulas.share_satisfied(programme, *H2) == Decimal("100.0")
