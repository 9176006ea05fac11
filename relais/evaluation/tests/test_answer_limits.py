"""Answers are bounded whatever sends them (form, import, API): cooperation events, their countries and
named contacts have limits, and checking a long answer reads the countries once."""

from __future__ import annotations

from typing import Any

import pytest

from relais.evaluation.answers import MAX_CONTACTS, MAX_EVENTS, AnswerError, clean_value
from relais.evaluation.models import Item, ItemType

pytestmark = pytest.mark.django_db

EVENT = {"type": "joint_investigation", "countries": ["AL", "IT"], "date": "2025-01-01"}


def _item(kind: str) -> Item:
    return Item(type=kind, text="?")


def test_cooperation_events_are_capped_and_countries_read_once(django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(1):
        assert len(clean_value(_item(ItemType.COOPERATION), [EVENT] * MAX_EVENTS)) == MAX_EVENTS
    with pytest.raises(AnswerError):
        clean_value(_item(ItemType.COOPERATION), [EVENT] * (MAX_EVENTS + 1))
    with pytest.raises(AnswerError):
        clean_value(_item(ItemType.COOPERATION), [{**EVENT, "countries": ["AL"] * 50}])
    with pytest.raises(AnswerError):
        clean_value(_item(ItemType.COOPERATION), [{**EVENT, "countries": "AL"}])


def test_contacts_are_capped_and_deduplicated() -> None:
    item = _item(ItemType.CONTACTS)
    assert clean_value(item, {"people": [3, 2, 3, 2]}) == {"people": [3, 2], "organisations": []}
    with pytest.raises(AnswerError):
        clean_value(item, {"people": list(range(MAX_CONTACTS + 1))})
