"""Cooperation network figures on a hand-made dataset (exact values), filters, scoping and
suppression (DESIGN.md §4, level 4). The dataset is described in permissions_network.build_network."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from relais.core.models import Country, Profession
from relais.core.pseudonyms import pseudonym
from relais.delivery.models import RegistrationStatus
from relais.delivery.tests.factories import make_person, make_session, register
from relais.evaluation.scoping import ResultsScope, results_scope
from relais.evaluation.selectors_network import NetworkFilters, network_read, participant_ids
from relais.evaluation.selectors_network_organisations import organisation_network
from relais.evaluation.tests.permissions_network import build_network, follow_up

pytestmark = pytest.mark.django_db


def _persona(name: str) -> Any:
    @pytest.fixture(name=name)
    def fixture(personas: dict[str, Any]) -> Any:
        return personas[name]

    return fixture


manager = _persona("manager")
coordinator_al = _persona("coordinator_al")
coordinator_it = _persona("coordinator_it")
trainer = _persona("trainer")
me_officer = _persona("me_officer")
viewer = _persona("viewer")


@pytest.fixture
def world(programme: Any, personas: dict[str, Any]) -> dict[str, Any]:
    return build_network(programme, personas["trainer"])


def _read(user: Any, programme: Any, **filters: Any) -> Any:
    return network_read(scope=results_scope(user=user, programme_pk=programme.pk), filters=NetworkFilters(**filters))


def _pairs(network: Any, world: dict[str, Any]) -> set[tuple[str, str]]:
    names = {p.pk: key for key, p in world["people"].items()}
    return {tuple(sorted((names[t.a], names[t.b]))) for t in network.ties}


def test_figures_of_the_whole_programme(world: dict[str, Any], manager: Any, programme: Any) -> None:
    network = _read(manager, programme)
    f = network.figures
    assert _pairs(network, world) == {("p1", "p2"), ("p1", "p3"), ("p3", "p4"), ("p4", "p5"), ("p5", "p6")}
    assert f.participants == 6
    assert f.nodes == 6
    assert f.ties == 5
    assert f.mutual_ties == 2  # p1↔p2 and p5↔p6 are each one tie
    assert f.cross_border_ties == 2  # p1–p3 (AL–IT) and p4–p5 (IT–RS)
    assert f.cross_profession_ties == 4  # all but p1–p3 (police–police)
    assert f.with_cross_border == 4  # p1, p3, p4, p5
    assert f.share_cross_border == pytest.approx(4 / 6)
    assert f.ties_between_participants == 5
    assert f.density == pytest.approx(5 / 15)
    assert f.events == 3
    assert network.events_by_type == [
        ("information_exchange", "Information exchange", 1),
        ("joint_investigation", "Joint investigation", 1),
        ("mla_request", "Mutual legal assistance request", 1),
    ]
    assert f.organisation_contacts == 1
    assert [(o.name, n) for o, n in network.organisations_named] == [("Rete Antitratta", 1)]
    assert network.reported_from == dt.date(2026, 4, 10)
    assert network.reported_to == dt.date(2026, 6, 15)
    assert not network.suppressed


def test_growth_is_cumulative_per_month(world: dict[str, Any], manager: Any, programme: Any) -> None:
    network = _read(manager, programme)
    # April: p1–p2, p1–p3 and one event; May: p3–p4, p4–p5 and one event; June: p5–p6 and one event.
    assert network.growth == [
        (dt.date(2026, 4, 1), 2, 1),
        (dt.date(2026, 5, 1), 4, 2),
        (dt.date(2026, 6, 1), 5, 3),
    ]


def test_growth_fills_months_without_reports(world: dict[str, Any], manager: Any, programme: Any) -> None:
    p = world["people"]
    follow_up(world["rome"], world["people"]["p3"], [(p["p6"], dt.date(2026, 9, 3))])
    growth = _read(manager, programme).growth
    assert [(m.month, t, e) for m, t, e in growth] == [(4, 2, 1), (5, 4, 2), (6, 5, 3), (7, 5, 3), (8, 5, 3), (9, 6, 3)]


def test_country_filter_focuses_on_its_people_and_their_ties(
    world: dict[str, Any], manager: Any, programme: Any
) -> None:
    albania = Country.objects.get(code="AL").pk
    network = _read(manager, programme, country=albania)
    f = network.figures
    assert _pairs(network, world) == {("p1", "p2"), ("p1", "p3")}
    assert f.participants == 2  # p1, p2
    assert f.nodes == 3  # and p3, named by p1
    assert f.cross_border_ties == 1
    assert f.with_cross_border == 1
    assert f.share_cross_border == pytest.approx(1 / 2)
    assert f.ties_between_participants == 1
    assert f.density == pytest.approx(1.0)
    assert f.events == 1  # p1's information exchange
    assert f.organisations_named == 1  # p2 named the NGO


def test_profession_filter(world: dict[str, Any], manager: Any, programme: Any) -> None:
    police = Profession.objects.get(code="police").pk
    network = _read(manager, programme, profession=police)
    f = network.figures
    assert _pairs(network, world) == {("p1", "p2"), ("p1", "p3"), ("p3", "p4"), ("p5", "p6")}
    assert f.participants == 3  # p1, p3, p6
    assert f.ties_between_participants == 1  # p1–p3
    assert f.density == pytest.approx(1 / 3)
    assert f.with_cross_border == 2  # p1 and p3 (p6's only tie, with p5, stays in Serbia)
    assert f.events == 3


def test_period_filter_reads_reported_on(world: dict[str, Any], manager: Any, programme: Any) -> None:
    network = _read(manager, programme, start=dt.date(2026, 5, 1), end=dt.date(2026, 5, 31))
    assert _pairs(network, world) == {("p3", "p4"), ("p4", "p5")}
    assert network.figures.events == 1  # the joint investigation of 10 May
    assert network.figures.participants == 6  # the participants do not depend on the period
    assert network.figures.cross_border_ties == 1
    assert network.figures.organisations_named == 0


def test_a_tie_counts_from_its_first_report(world: dict[str, Any], manager: Any, programme: Any) -> None:
    network = _read(manager, programme, start=dt.date(2026, 6, 2))
    (tie,) = network.ties  # p5→p6 was reported on 1 June, p6→p5 on 2 June: one tie, one direction read
    assert tie.first_reported == dt.date(2026, 6, 2)
    assert not tie.mutual


def test_coordinator_sees_the_sessions_of_their_country(
    world: dict[str, Any], coordinator_al: Any, programme: Any
) -> None:
    network = _read(coordinator_al, programme)
    f = network.figures
    # Tirana's follow-ups: p1→p2, p2→p1, p1→p3, p5→p6 (and p2 → the NGO).
    assert _pairs(network, world) == {("p1", "p2"), ("p1", "p3"), ("p5", "p6")}
    assert f.participants == 3  # p1, p2, p5
    assert f.nodes == 5
    assert f.cross_border_ties == 1
    assert f.cross_profession_ties == 2
    assert f.with_cross_border == 1
    assert f.density == pytest.approx(1 / 3)
    assert f.events == 1
    assert network.names


def test_trainer_sees_the_sessions_they_train(world: dict[str, Any], trainer: Any, programme: Any) -> None:
    network = _read(trainer, programme)
    assert network.figures.participants == 3
    assert _pairs(network, world) == {("p1", "p2"), ("p1", "p3"), ("p5", "p6")}


def test_other_coordinator_sees_rome(world: dict[str, Any], coordinator_it: Any, programme: Any) -> None:
    network = _read(coordinator_it, programme)
    assert _pairs(network, world) == {("p3", "p4"), ("p4", "p5"), ("p5", "p6")}
    assert network.figures.participants == 3


def test_me_officer_sees_everything_without_names(world: dict[str, Any], me_officer: Any, programme: Any) -> None:
    network = _read(me_officer, programme)
    assert network.figures.ties == 5
    assert not network.names
    assert all(node.name == "" for node in network.nodes.values())
    assert {n.label for n in network.nodes.values()} == {pseudonym(p.pk) for p in world["people"].values()}


def test_viewer_figures_are_suppressed_under_five_participants(
    world: dict[str, Any], viewer: Any, programme: Any
) -> None:
    whole = _read(viewer, programme)
    assert not whole.suppressed and whole.figures.participants == 6
    assert all(node.name == "" for node in whole.nodes.values())
    albania = _read(viewer, programme, country=Country.objects.get(code="AL").pk)
    assert albania.figures.participants == 2 and albania.suppressed


def test_participants_are_attendees_or_registered_where_no_attendance(programme: Any, world: dict[str, Any]) -> None:
    design = world["design"]
    planned = make_session(design=design, country="AL", title="Not yet held")
    held = make_session(design=design, country="AL", title="Held, partly recorded")
    people = [make_person(f"Extra{n}", f"Person{n}") for n in range(4)]
    register(planned, people[0])  # registered, in a session where no one is marked attended: counts
    register(planned, people[1], RegistrationStatus.WAITING)  # on the waiting list: never counts
    register(held, people[2], RegistrationStatus.ATTENDED)
    register(held, people[3])  # registered where others attended: did not come
    ids = participant_ids(ResultsScope(programme, None, None, suppress_small=False, names=True))
    assert people[0].pk in ids and people[2].pk in ids
    assert people[1].pk not in ids and people[3].pk not in ids
    assert len(ids) == 8  # the six of the network and these two


def test_organisation_view_aggregates_ties(world: dict[str, Any], manager: Any, programme: Any) -> None:
    p = world["people"]
    ngo, police = world["ngo"], world["police_al"]
    p["p2"].organisation = ngo  # p1 (Albanian police) and p2 (now of the NGO) are tied
    p["p2"].save()
    orgs = organisation_network(_read(manager, programme))
    assert set(orgs.organisations) == {ngo.pk, police.pk}
    (edge,) = orgs.edges
    assert (edge.a, edge.b) == (min(ngo.pk, police.pk), max(ngo.pk, police.pk))
    assert edge.ties == 1
    assert edge.named == 0  # p2 named the NGO, their own organisation: within
    assert orgs.within == 1
    assert edge.cross_border is False  # neither organisation has a country recorded
    assert orgs.without_organisation == 4  # the ties of people without an organisation


def test_other_programmes_contacts_are_not_read(
    world: dict[str, Any], manager: Any, programme: Any, other_programme: Any
) -> None:
    from relais.design.tests.factories import make_complete_design

    elsewhere = make_session(design=make_complete_design(programme=other_programme), country="AL")
    p = world["people"]
    register(elsewhere, p["p1"], RegistrationStatus.ATTENDED)
    follow_up(elsewhere, p["p1"], [(p["p6"], dt.date(2026, 4, 1))])
    assert _read(manager, programme).figures.ties == 5
