"""The demo people: about 1,100 in the 15 countries, fictional addresses, consents, deterministic, and
the deliberate near-duplicates that the duplicates page shows."""

from __future__ import annotations

from collections import Counter

import pytest

from relais.core.demo import DemoContext, demo_steps
from relais.delivery.demo_people import COUNTRIES, TWINS, build_people
from relais.delivery.duplicates import CANDIDATE_FIELDS, Candidate, Reason, duplicate_pairs
from relais.delivery.models import Consent, Person
from relais.delivery.names import name_key


@pytest.mark.django_db
def test_demo_people() -> None:
    keys = [step.key for step in demo_steps()]
    assert keys.index("people") > keys.index("sessions")
    context = DemoContext()
    for step in demo_steps():
        if step.order <= 41:
            step.run(context)
    people = context.objects["people"]
    assert len(people) == Person.objects.count() == sum(c[0] for c in COUNTRIES.values()) + 2 * len(TWINS)
    assert 1_050 <= len(people) <= 1_200
    assert set(Person.objects.values_list("country__code", flat=True)) == set(COUNTRIES)
    for person in Person.objects.select_related("organisation", "country", "profession")[:400]:
        assert person.name_key == name_key(person.first_name, person.last_name)
        assert ".example." in person.email and person.profession is not None
        if person.organisation is not None:
            assert person.organisation.country_id == person.country_id
    assert Person.objects.filter(organisation__isnull=False).count() > 200
    cyrillic = Person.objects.filter(last_name__regex=r"[А-Яа-яЂђЈјЉљЊњЋћЏџЃѓЌќ]")
    assert set(cyrillic.values_list("country__code", flat=True)) == {"RS", "MK", "BG"}
    assert Person.objects.filter(last_name="Đorđević").exists() and Person.objects.filter(first_name="Ștefan").exists()
    assert Consent.objects.filter(person__in=Person.objects.all(), method="paper").count() == len(people)
    assert Counter(p.gender for p in people)["female"] > 400

    pairs = duplicate_pairs(Candidate(*row) for row in Person.objects.values_list(*CANDIDATE_FIELDS))
    assert len(pairs) == len(TWINS)  # the deliberate ones, and no accidental ones
    reasons = Counter(p.reason for p in pairs)
    assert reasons[Reason.SAME_NAME] == 4 and reasons[Reason.EMAIL] == 2
    assert reasons[Reason.REORDERED_NAME] == 1 and reasons[Reason.SIMILAR_NAME] == 3


@pytest.mark.django_db
def test_demo_people_are_deterministic() -> None:
    build_people(DemoContext())
    first = list(Person.objects.order_by("pk").values_list("first_name", "last_name", "email", "country__code"))
    Consent.objects.all().delete()
    Person.objects.all().delete()
    build_people(DemoContext())
    again = list(Person.objects.order_by("pk").values_list("first_name", "last_name", "email", "country__code"))
    assert first == again
