"""network_figures (the publications' cheaper path) gives the same figures as network_read without
filters, on the hand-made network of permissions_network.build_network, for every scope."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from relais.delivery.models import RegistrationStatus
from relais.delivery.tests.factories import make_person, make_session, register
from relais.evaluation.scoping import ResultsScope, results_scope
from relais.evaluation.selectors_network import network_read
from relais.evaluation.selectors_network_figures import network_figures
from relais.evaluation.tests.permissions_network import build_network, follow_up

pytestmark = pytest.mark.django_db

PERSONAS = ["manager", "coordinator_al", "coordinator_it", "trainer", "me_officer", "viewer"]


@pytest.fixture
def world(programme: Any, personas: dict[str, Any]) -> dict[str, Any]:
    return build_network(programme, personas["trainer"])


def _same(scope: ResultsScope) -> Any:
    network = network_read(scope=scope)
    summary = network_figures(scope=scope)
    assert summary.figures == network.figures
    assert summary.events_by_type == network.events_by_type
    assert summary.growth == network.growth
    assert summary.suppressed == network.suppressed
    return summary


@pytest.mark.parametrize("persona", PERSONAS)
def test_same_figures_as_network_read(
    world: dict[str, Any], personas: dict[str, Any], programme: Any, persona: str
) -> None:
    _same(results_scope(user=personas[persona], programme_pk=programme.pk))


def test_the_whole_programme(world: dict[str, Any], programme: Any) -> None:
    f = _same(ResultsScope(programme, None, None, suppress_small=False, names=True)).figures
    assert (f.participants, f.ties, f.mutual_ties, f.cross_border_ties, f.cross_profession_ties) == (6, 5, 2, 2, 4)
    assert (f.with_cross_border, f.ties_between_participants, f.events, f.organisation_contacts) == (4, 5, 3, 1)


def test_same_with_repeated_reports_outsiders_and_organisations(
    world: dict[str, Any], programme: Any, other_programme: Any
) -> None:
    """A tie reported again later counts from its first report; a person named who is not a
    participant is a node; organisations named twice count once; other programmes are not read."""
    from relais.design.tests.factories import make_complete_design

    p = world["people"]
    outsider = make_person("Out", "Sider")
    follow_up(world["rome"], p["p3"], [(p["p1"], dt.date(2026, 9, 3)), (outsider, dt.date(2026, 8, 1))])
    follow_up(world["rome"], p["p4"], [(world["ngo"], dt.date(2026, 7, 2)), (world["ngo"], dt.date(2026, 7, 9))])
    planned = make_session(design=world["design"], country="AL", title="Not yet held")
    register(planned, make_person("Only", "Registered"))
    register(planned, make_person("On", "Waiting"), RegistrationStatus.WAITING)
    elsewhere = make_session(design=make_complete_design(programme=other_programme), country="AL")
    register(elsewhere, p["p1"], RegistrationStatus.ATTENDED)
    follow_up(elsewhere, p["p1"], [(p["p6"], dt.date(2026, 4, 1))])
    f = _same(ResultsScope(programme, None, None, suppress_small=False, names=True)).figures
    assert f.ties == 6 and f.nodes == 8 and f.participants == 7 and f.organisation_contacts == 2
