"""Duplicate detection: each reason, what is not a duplicate, one name at a time and all pairs at once."""

from __future__ import annotations

from typing import Any

import pytest

from relais.core.models import Country
from relais.delivery.duplicates import (
    Candidate,
    Reason,
    duplicate_pairs,
    find_matches,
    one_edit_apart,
    split_key,
)
from relais.delivery.names import name_key
from relais.delivery.tests.factories import make_person
from relais.programmes.models import Organisation


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("popescu", "popesku", True),  # replaced
        ("horvat", "horvath", True),  # added
        ("esposito", "espsito", True),  # dropped
        ("petrovic", "petorvic", True),  # two neighbours swapped
        ("petrovic", "petrovic", False),  # equal is not "one edit"
        ("petrovic", "petrovski", False),  # two edits
        ("ab", "ba", True),
        ("novak", "novakova", False),
    ],
)
def test_one_edit_apart(a: str, b: str, expected: bool) -> None:
    assert one_edit_apart(a, b) is expected
    assert one_edit_apart(b, a) is expected


def test_split_key() -> None:
    assert split_key("Ana-Maria", name_key("Ana-Maria", "Popescu")) == ("ana maria", "popescu")
    assert split_key("Milan", name_key("Milan", "Đorđević")) == ("milan", "dordevic")
    assert split_key("Giulia", name_key("Giulia", "D'Angelo")) == ("giulia", "d angelo")


def _org(code: str = "RS") -> Organisation:
    return Organisation.objects.create(
        name=f"Inspectorate {code}", country=Country.objects.get(code=code), sector="public", kind="labour_inspectorate"
    )


def _reasons(first: str, last: str, email: str = "", country: str | None = "RS", org: Any = None) -> dict[int, Any]:
    country_id = Country.objects.get(code=country).pk if country else None
    return {m.person_id: m for m in find_matches(first, last, email, country_id, org.pk if org else None)}


@pytest.mark.django_db
def test_same_name_across_accents_and_alphabets() -> None:
    latin = make_person("Milan", "Đorđević", country="RS")
    cyrillic = make_person("Милан", "Ђорђевић", country="RS")
    found = _reasons("Milan", "Djordjevic")
    assert set(found) == {latin.pk, cyrillic.pk}
    assert {m.reason for m in found.values()} == {Reason.SAME_NAME}
    assert all(m.shared == ("country",) for m in found.values())
    stefan = make_person("Ștefan", "Popescu", country="RO")
    assert set(_reasons("Stefan", "POPESCU", country="RO")) == {stefan.pk}


@pytest.mark.django_db
def test_same_name_needs_the_same_country_or_organisation() -> None:
    make_person("Milan", "Đorđević", country="RS")
    assert _reasons("Milan", "Djordjevic", country="ME") == {}
    assert _reasons("Milan", "Djordjevic", country=None) == {}
    organisation = _org("RS")
    abroad = make_person("Milan", "Đorđević", country="AT", organisation=organisation)
    found = _reasons("Milan", "Djordjevic", country="HU", org=organisation)
    assert set(found) == {abroad.pk}
    assert found[abroad.pk].shared == ("organisation",)


@pytest.mark.django_db
def test_reordered_and_similar_names() -> None:
    swapped = make_person("Hoxha", "Besnik", country="AL")
    typo = make_person("Ioana", "Constantinesku", country="MD")
    short = make_person("Ana", "Popa", country="RO")
    found = _reasons("Besnik", "Hoxha", country="AL")
    assert found[swapped.pk].reason == Reason.REORDERED_NAME
    found = _reasons("Ioana", "Constantinescu", country="MD")
    assert found[typo.pk].reason == Reason.SIMILAR_NAME
    assert found[typo.pk].level == "low"
    # Short last names one letter apart are not flagged ("Popa" / "Pop"), nor other first names.
    assert _reasons("Ana", "Pop", country="RO") == {}
    assert _reasons("Elena", "Constantinescu", country="MD") == {}
    assert short.pk not in _reasons("Ana", "Popas", country="RO")


@pytest.mark.django_db
def test_same_email_whatever_the_name_and_country() -> None:
    arta = make_person("Arta", "Krasniqi", country="XK", email="arta.krasniqi@police.example.xk")
    found = _reasons("Arta", "Krasniqi-Berisha", "Arta.Krasniqi@police.example.xk ", country=None)
    assert set(found) == {arta.pk}
    assert found[arta.pk].reasons == (Reason.EMAIL,)
    assert found[arta.pk].strength == 0.9
    both = _reasons("Arta", "Krasniqi", "arta.krasniqi@police.example.xk", country="XK")
    assert both[arta.pk].reasons == (Reason.EMAIL, Reason.SAME_NAME)
    assert both[arta.pk].strength == 0.98 and both[arta.pk].level == "high"


@pytest.mark.django_db
def test_find_matches_narrows_and_excludes() -> None:
    a = make_person("Jelena", "Petrović", country="RS")
    b = make_person("Jelena", "Petrovic", country="RS")
    assert set(_reasons("Jelena", "Petrović")) == {a.pk, b.pk}
    matches = find_matches("Jelena", "Petrović", "", a.country_id, None, exclude=[a.pk])
    assert [m.person_id for m in matches] == [b.pk]
    from relais.delivery.models import Person

    only = find_matches("Jelena", "Petrović", "", a.country_id, None, people=Person.objects.filter(pk=a.pk))
    assert [m.person_id for m in only] == [a.pk]
    assert find_matches("", "", "", a.country_id, None) == []


def _row(pk: int, first: str, last: str, email: str = "", country: int | None = 1, org: int | None = None) -> Candidate:
    return Candidate(pk, first, last, name_key(first, last), email, country, org)


def test_duplicate_pairs_finds_every_reason() -> None:
    rows = [
        _row(1, "Milan", "Đorđević"),
        _row(2, "Milan", "Djordjevic"),
        _row(3, "Милан", "Ђорђевић"),
        _row(4, "Hoxha", "Besnik"),
        _row(5, "Besnik", "Hoxha"),
        _row(6, "Ioana", "Constantinescu", org=7),
        _row(7, "Ioana", "Constantinesku", country=2, org=7),
        _row(8, "Arta", "Krasniqi", "arta@example.org", country=3),
        _row(9, "Arta", "Berisha", "ARTA@example.org", country=4),
        _row(10, "Milan", "Đorđević", country=5),  # another country: not a pair
        _row(11, "Ana", "Popa"),
        _row(12, "Ana", "Pop"),  # short names: not a pair
        _row(13, "Marko", "Horvat", country=None, org=None),
        _row(14, "Marko", "Horvat", country=None, org=None),  # nothing shared: not a pair
    ]
    pairs = {(p.person_id, p.other_id): p for p in duplicate_pairs(rows)}
    assert set(pairs) == {(1, 2), (1, 3), (2, 3), (4, 5), (6, 7), (8, 9)}
    assert pairs[(1, 2)].reasons == (Reason.SAME_NAME,)
    assert pairs[(4, 5)].reasons == (Reason.REORDERED_NAME,)
    assert pairs[(6, 7)].reasons == (Reason.SIMILAR_NAME,)
    assert pairs[(6, 7)].shared == ("organisation",)
    assert pairs[(6, 7)].strength > 0.5  # the same organisation counts
    assert pairs[(8, 9)].reasons == (Reason.EMAIL,) and pairs[(8, 9)].shared == ()
    ordered = duplicate_pairs(rows)
    assert ordered[0].strength >= ordered[-1].strength


def test_duplicate_pairs_skips_huge_buckets() -> None:
    rows = [_row(i, f"Name{i}", f"Person{i}", "info@example.org") for i in range(1, 100)]
    assert duplicate_pairs(rows) == []


def test_duplicate_pairs_with_many_similar_last_names() -> None:
    """Large groups go through the deletion buckets; the result is the same as comparing all pairs."""
    lasts = ["kovacevic", "kovacevik", "kovacvic", "kovacevici", *[f"surname{i:02d}x" for i in range(30)]]
    rows = [_row(i, "Ivan", last) for i, last in enumerate(lasts, start=1)]
    pairs = {(p.person_id, p.other_id) for p in duplicate_pairs(rows)}
    expected = {
        (a.id, b.id)
        for a in rows
        for b in rows
        if a.id < b.id
        and one_edit_apart(split_key(a.first_name, a.name_key)[1], split_key(b.first_name, b.name_key)[1])
    }
    assert pairs == expected
    assert (1, 2) in pairs and (1, 3) in pairs and (1, 4) in pairs
