"""A coordinator of country A can neither see nor change sessions or people of country B."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import Http404

from relais.delivery import scoping
from relais.delivery.names import name_key, query_tokens
from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.tests.factories import make_complete_design


@pytest.fixture
def world(personas: dict[str, Any], programme: Any, other_programme: Any) -> dict[str, Any]:
    design = make_complete_design(programme=programme)
    al = make_session(design=design, country="AL")
    it = make_session(design=design, country="IT", city="Rome")
    elsewhere = make_session(design=make_complete_design(programme=other_programme), country="AL")
    al.trainers.add(personas["trainer"])
    ana = make_person("Ana", "Hoxha", country="AL")
    marco = make_person("Marco", "Rossi", country="IT")
    register(al, ana)
    register(it, marco)
    return {"al": al, "it": it, "elsewhere": elsewhere, "ana": ana, "marco": marco, **personas}


def test_sessions_by_role(world: dict[str, Any]) -> None:
    def ids(who: str) -> set[int]:
        return set(scoping.sessions_visible(user=world[who]).values_list("pk", flat=True))

    al, it, elsewhere = world["al"].pk, world["it"].pk, world["elsewhere"].pk
    assert ids("admin") == {al, it, elsewhere}
    assert ids("manager") == ids("me_officer") == {al, it}
    assert ids("coordinator_al") == {al}
    assert ids("coordinator_it") == {it}
    assert ids("trainer") == {al}
    assert ids("viewer") == ids("outsider") == set()
    with pytest.raises(Http404):
        scoping.session_get(user=world["coordinator_al"], pk=it)
    assert set(scoping.sessions_manageable(user=world["coordinator_it"]).values_list("pk", flat=True)) == {it}
    assert not scoping.sessions_manageable(user=world["trainer"]).exists()


def test_people_by_role(world: dict[str, Any]) -> None:
    def names(who: str) -> set[str]:
        return {str(p) for p in scoping.people_visible(user=world[who])}

    assert names("admin") == {"Ana Hoxha", "Marco Rossi"}
    assert names("manager") == {"Ana Hoxha", "Marco Rossi"}
    assert names("coordinator_al") == {"Ana Hoxha"}
    assert names("coordinator_it") == {"Marco Rossi"}
    assert names("trainer") == {"Ana Hoxha"}
    assert names("me_officer") == names("viewer") == names("outsider") == set()
    with pytest.raises(Http404):
        scoping.person_get(user=world["coordinator_al"], pk=world["marco"].pk)
    assert not scoping.people_editable(user=world["trainer"]).exists()


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        (("Milan", "Đorđević"), "djordjevic"),
        (("Milan", "Đorđević"), "Dordevic milan"),
        (("Милан", "Ђорђевић"), "Milan Djordjevic"),
        (("Ștefan", "Popescu"), "stefan"),
        (("Jelena", "Petrović"), "PETROVIC"),
        (("Ľubica", "Nováková"), "lubica novakova"),
    ],
)
def test_name_key_ignores_case_accents_and_alphabet(stored: tuple[str, str], typed: str) -> None:
    key = name_key(*stored)
    assert all(token in key for token in query_tokens(typed)), (key, query_tokens(typed))
