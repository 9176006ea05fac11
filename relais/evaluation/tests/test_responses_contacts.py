"""services_responses.response_save reads the programme-wide list of possible contacts only when a
contacts item is answered (it reads every organisation id), and still refuses names outside it."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from relais.delivery.tests.factories import make_person
from relais.evaluation.services_responses import response_save, response_start
from relais.evaluation.tests.permissions_answer import build_answer_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(programme: Any, personas: dict[str, Any]) -> dict[str, Any]:
    return build_answer_world(programme, personas["trainer"])


def test_saving_without_contacts_does_not_read_the_organisations(world: dict[str, Any]) -> None:
    response = response_start(questionnaire=world["pre"], registration=world["regs"]["ana"])
    with CaptureQueriesContext(connection) as queries:
        response_save(response=response, values={world["items"]["single"].pk: "a"}, submit=False)
    assert not any("programmes_organisation" in q["sql"] for q in queries.captured_queries)


def test_contacts_outside_the_programme_are_still_refused(world: dict[str, Any]) -> None:
    response = response_start(questionnaire=world["follow_up"], registration=world["regs"]["ana"])
    stranger = make_person("Sam", "Stranger")
    item = world["contacts_item"].pk
    with pytest.raises(ValidationError) as error:
        response_save(response=response, values={item: {"people": [stranger.pk], "organisations": []}}, submit=False)
    assert str(item) in error.value.message_dict
    besa = world["people"]["besa"].pk
    response_save(response=response, values={item: {"people": [besa], "organisations": []}}, submit=True)
