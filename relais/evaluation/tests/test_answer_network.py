"""The contacts and cooperation items of a follow-up, answered through a personal link: whom the list
offers (the session's co-participants, their organisations and the design's partners), and that
nobody outside it can be named."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from relais.delivery.tests.factories import make_person, make_session, register
from relais.evaluation.models import Contact, CooperationEvent, Response, ResponseStatus
from relais.evaluation.selectors_answer import contact_choices_for
from relais.evaluation.tests.permissions_answer import build_answer_world, invite
from relais.programmes.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(programme: Any, personas: dict[str, Any]) -> dict[str, Any]:
    return build_answer_world(programme, personas["trainer"])


def test_the_list_holds_co_participants_their_organisations_and_the_partners(world: dict[str, Any]) -> None:
    # Someone of another session of the same programme: allowed by the service, not offered here.
    other = make_session(design=world["design"], country="AL", title="Another session")
    register(
        other,
        make_person(
            "Olga", "Other", organisation=Organisation.objects.create(name="Elsewhere", sector="public", kind="police")
        ),
    )
    with translation.override("en"):
        choices = contact_choices_for(world["follow_up"], world["regs"]["ana"])
    assert [p.name for p in choices.people] == ["Drita Berisha", "Besa Krasniqi"]
    assert choices.people[0].organisation == "State Police" and choices.people[0].country == "Albania"
    assert [o.name for o in choices.organisations] == ["Regional Anti-Trafficking Centre", "State Police"]
    anonymous = contact_choices_for(world["follow_up"], None)
    assert anonymous.people == [] and [o.name for o in anonymous.organisations] == ["Regional Anti-Trafficking Centre"]


def test_the_page_shows_checkboxes_and_a_select(client: Any, world: dict[str, Any]) -> None:
    invitation = invite(world["follow_up"], world["regs"]["ana"])
    html = client.get(f"/q/{invitation.token}/").content.decode()
    item = world["contacts_item"].pk
    besa = world["people"]["besa"].pk
    assert f'name="item-{item}-people" id="item-{item}-p2" value="{besa}"' in html
    assert "Besa Krasniqi" in html and "Ana Hoxha" not in html and "Wendy" not in html
    assert (
        f'<select class="form-select" name="item-{item}-organisations" id="item-{item}-organisations" multiple' in html
    )
    assert "State Labour Inspectorate" not in html  # Ana's own organisation: nobody else is from it
    coop = world["cooperation_item"].pk
    assert f'name="item-{coop}-0-type"' in html and f'name="item-{coop}-2-description"' in html
    assert f'name="item-{coop}-3-type"' not in html


@pytest.mark.parametrize("outside", ["waiting", "another_org"])
def test_nobody_outside_the_list_can_be_named(client: Any, world: dict[str, Any], outside: str) -> None:
    invitation = invite(world["follow_up"], world["regs"]["ana"])
    item = world["contacts_item"].pk
    if outside == "waiting":
        data = {f"item-{item}-people": str(world["regs"]["waiting"].person_id)}
    else:
        elsewhere = Organisation.objects.create(name="Elsewhere", sector="public", kind="police")
        data = {f"item-{item}-organisations": str(elsewhere.pk)}
    response = client.post(f"/q/{invitation.token}/", {"page": "1", "action": "submit", **data})
    assert response.status_code == 200
    assert "This choice is not on the list." in response.content.decode()
    assert not Response.objects.filter(questionnaire=world["follow_up"]).exists()


def test_contacts_and_cooperation_are_recorded_on_submit(client: Any, world: dict[str, Any]) -> None:
    invitation = invite(world["follow_up"], world["regs"]["ana"])
    item = world["contacts_item"].pk
    coop = world["cooperation_item"].pk
    data = {
        "page": "1",
        "action": "submit",
        f"item-{item}-people": [str(world["people"]["besa"].pk), str(world["people"]["drita"].pk)],
        f"item-{item}-organisations": str(world["orgs"]["partner"].pk),
        f"item-{coop}-0-type": "joint_investigation",
        f"item-{coop}-0-countries": ["IT", "AT"],
        f"item-{coop}-0-date": "2026-05-04",
        f"item-{coop}-0-description": "Joint case with Italy",
    }
    response = client.post(f"/q/{invitation.token}/", data)
    assert response.status_code == 302
    saved = Response.objects.get(questionnaire=world["follow_up"])
    assert saved.status == ResponseStatus.SUBMITTED
    ana = world["people"]["ana"]
    assert set(Contact.objects.filter(person=ana).values_list("contact_id", "organisation_id")) == {
        (world["people"]["besa"].pk, None),
        (world["people"]["drita"].pk, None),
        (None, world["orgs"]["partner"].pk),
    }
    event = CooperationEvent.objects.get(person=ana)
    assert event.type == "joint_investigation" and str(event.date) == "2026-05-04"
    assert sorted(event.countries.values_list("code", flat=True)) == ["AT", "IT"]


def test_a_cooperation_row_with_a_wrong_date_is_refused(client: Any, world: dict[str, Any]) -> None:
    invitation = invite(world["follow_up"], world["regs"]["ana"])
    coop = world["cooperation_item"].pk
    data = {
        "page": "1",
        "action": "save",
        f"item-{coop}-0-type": "victim_referral",
        f"item-{coop}-0-date": "2999-01-01",
    }
    html = client.post(f"/q/{invitation.token}/", data).content.decode()
    assert "The date of the cooperation must be in the past." in html
    assert 'value="2999-01-01"' in html and '<option value="victim_referral" selected>' in html
