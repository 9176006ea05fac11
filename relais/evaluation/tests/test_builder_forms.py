"""The question form reads numbers the way the user's language writes them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import translation

from relais.evaluation.forms_builder import ItemForm
from relais.evaluation.models import QuestionnaireKind
from relais.evaluation.tests.factories import make_questionnaire
from relais.evaluation.tests.permissions_builder import build_world


def test_points_with_a_decimal_comma_in_french(programme: Any) -> None:
    world = build_world(programme)
    q = make_questionnaire(world["session"], QuestionnaireKind.PRE_TEST)
    data = {"type": "single", "text": "Q", "options": "Oui\nNon", "correct": "a", "points": "1,5"}
    with translation.override("fr"):
        form = ItemForm(data, questionnaire=q)
        assert form.is_valid(), form.errors
    assert form.item_data().points == Decimal("1.5")
    assert form.item_data().options == [{"value": "a", "label": "Oui"}, {"value": "b", "label": "Non"}]
