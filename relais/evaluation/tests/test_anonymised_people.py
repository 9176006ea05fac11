"""Once a person is erased, the evaluation pages that name people no longer can: invitations and paper
entry show the anonymised label, other participants no longer find them among their contacts, and
the network shows their pseudonym."""

from __future__ import annotations

from typing import Any

import pytest

from relais.delivery.services_anonymise import person_anonymise
from relais.evaluation.selectors_answer import contact_choices_for
from relais.evaluation.tests.permissions_answer import build_answer_world


@pytest.fixture
def world(programme: Any, personas: dict[str, Any]) -> dict[str, Any]:
    world = build_answer_world(programme, personas["trainer"])
    person_anonymise(actor=personas["manager"], person=world["people"]["ana"], reason="request")
    return world


def test_invitations_show_the_anonymised_label(client: Any, world: dict[str, Any], personas: dict[str, Any]) -> None:
    client.force_login(personas["coordinator_al"])
    html = client.get(f"/questionnaires/{world['pre'].pk}/invitations/").content.decode()
    ana = world["people"]["ana"]
    assert f"Anonymised person (no. {ana.pk})" in html
    assert "Hoxha" not in html and ", Ana" not in html


def test_others_no_longer_find_them_among_their_contacts(world: dict[str, Any]) -> None:
    choices = contact_choices_for(world["follow_up"], world["regs"]["besa"])
    offered = {p.pk for p in choices.people}
    assert world["people"]["ana"].pk not in offered
    assert world["people"]["drita"].pk in offered
