"""What evaluation gives to a person's data export (relais/evaluation/personal_data.py)."""

from __future__ import annotations


def test_a_persons_export_shows_choices_by_their_labels() -> None:
    from relais.evaluation.models import Answer, Item
    from relais.evaluation.personal_data import _value

    item = Item(options=[{"value": "a", "label": "Forced labour"}, {"value": "b", "label": "Debt bondage"}])
    assert _value(Answer(item=item, value="b")) == "Debt bondage"
    assert _value(Answer(item=item, value=["a", "b"])) == "Forced labour, Debt bondage"
    assert _value(Answer(item=Item(options=[]), value=4)) == "4"
