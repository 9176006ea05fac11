"""Pseudonyms: stable, one per person, keyed by the secret, and saying nothing of the record number."""

from __future__ import annotations

import itertools
import re

from django.test import override_settings

from relais.core.pseudonyms import pseudonym

SHAPE = re.compile(r"^P-[A-Z2-7]{8}$")


def test_shape_and_stability() -> None:
    first = [pseudonym(n) for n in range(1, 200)]
    assert all(SHAPE.match(p) for p in first)
    assert first == [pseudonym(n) for n in range(1, 200)]


def test_one_pseudonym_per_person() -> None:
    many = {pseudonym(n) for n in range(1, 20_001)}
    assert len(many) == 20_000


def test_the_record_number_cannot_be_read() -> None:
    ids = list(range(1000, 1100))
    values = [pseudonym(n) for n in ids]
    assert all(str(n) not in p for n, p in zip(ids, values, strict=True))
    # Consecutive people get unrelated pseudonyms: their order says nothing of the order of registration.
    assert values != sorted(values) and values != sorted(values, reverse=True)
    rising = sum(1 for a, b in itertools.pairwise(values) if a < b)
    assert 25 < rising < 75
    # Neighbours share no more than chance: on average under two of eight characters in place.
    same = [sum(x == y for x, y in zip(a[2:], b[2:], strict=True)) for a, b in itertools.pairwise(values)]
    assert sum(same) / len(same) < 2
    assert pseudonym(1) != "P-1" and not pseudonym(1).endswith("1" * 8)


def test_depends_on_the_secret() -> None:
    ids = range(1, 50)
    with override_settings(SECRET_KEY="one secret of at least fifty characters for this test only"):
        one = [pseudonym(n) for n in ids]
    with override_settings(SECRET_KEY="another secret of at least fifty characters for this test"):
        other = [pseudonym(n) for n in ids]
    assert all(a != b for a, b in zip(one, other, strict=True))
    with override_settings(SECRET_KEY="one secret of at least fifty characters for this test only"):
        assert [pseudonym(n) for n in ids] == one
