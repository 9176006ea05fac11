"""Results through the API: the figures of the results pages with their n, scoped and suppressed as the
pages do; and the worked example's path — tests copied from an earlier session, opened, answered through
the API before and after, and the learning gain read from the session's results."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from relais.api.tests.factories import api_for
from relais.delivery.models import RegistrationStatus
from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.tests.factories import make_complete_design
from relais.evaluation.models import Questionnaire, QuestionnaireKind
from relais.evaluation.services_builder_copy import questionnaire_copy
from relais.evaluation.services_builder_settings import questionnaire_status_set
from relais.evaluation.tests.factories import make_test_pair
from relais.evaluation.tests.factories_results import build_results_world

pytestmark = pytest.mark.django_db


def _fields(response: Any) -> list[str]:
    assert response.status_code == 422, response.content
    return [e["field"] for e in response.json()["errors"]]


# --- The worked example's path ---------------------------------------------------------------------


def test_tests_answered_through_the_api_give_the_sessions_learning_gain(
    programme: Any, personas: dict[str, Any]
) -> None:
    """Pre-test right answers out of 4 → post-test: 1 → 3, 2 → 4, 0 → 3.
    gains (post − pre) / (1 − pre): .5/.75 = .6667, .5/.5 = 1, .75/1 = .75 → mean .8056;
    pre mean .25, post mean 10/12 = .8333, all improved; differences .5, .5, .75: mean .5833,
    sample sd .14434 → effect size 4.0415."""
    trainer = personas["trainer"]
    design = make_complete_design(programme=programme, title="Joint investigation training")
    earlier = make_session(design=design, country="AL", title="Earlier", start_date=dt.date(2025, 10, 6))
    make_test_pair(earlier, questions=4)
    session = make_session(design=design, country="AL", title="Tirana", start_date=dt.date(2026, 3, 2))
    session.trainers.add(trainer)
    for kind in (QuestionnaireKind.PRE_TEST, QuestionnaireKind.POST_TEST):
        source = Questionnaire.objects.get(session=earlier, kind=kind)
        copy = questionnaire_copy(actor=trainer, source=source, session=session)
        questionnaire_status_set(actor=trainer, questionnaire=copy, action="open")
    pre = Questionnaire.objects.get(session=session, kind=QuestionnaireKind.PRE_TEST)
    post = Questionnaire.objects.get(session=session, kind=QuestionnaireKind.POST_TEST)
    assert post.paired_with == pre
    regs = [
        register(session, make_person(name, "Tester"), RegistrationStatus.ATTENDED) for name in ("Ana", "Ben", "Dan")
    ]
    client = api_for(trainer)
    read = client.get(f"/sessions/{session.pk}/results").json()
    assert read["learning"]["pairs"] == {"value": 0.0, "n": 0, "suppressed": False, "kind": "count"}
    assert read["learning"]["gain"] == {"value": None, "n": 0, "suppressed": False, "kind": "percent"}

    def answers(questionnaire: Questionnaire, right: int) -> list[dict[str, Any]]:
        items = questionnaire.items.order_by("position", "id")
        return [{"item_id": item.pk, "value": "a" if n < right else "b"} for n, item in enumerate(items)]

    for questionnaire, rights in ((pre, (1, 2, 0)), (post, (3, 4, 3))):
        for registration, right in zip(regs, rights, strict=True):
            body = {"registration_id": registration.pk, "answers": answers(questionnaire, right)}
            response = client.post(f"/questionnaires/{questionnaire.pk}/responses", body)
            assert response.status_code == 201, response.content
            assert response.json()["score"] == right

    response = client.get(f"/sessions/{session.pk}/results")
    assert response.status_code == 200
    data = response.json()
    assert (data["programme_id"], data["session_id"], data["small_figures_suppressed"]) == (
        programme.pk,
        session.pk,
        False,
    )
    learning = data["learning"]
    assert learning["pairs"] == {"value": 3.0, "n": 3, "suppressed": False, "kind": "count"}
    assert learning["gain"]["value"] == pytest.approx((2 / 3 + 1 + 0.75) / 3)
    assert (learning["gain"]["n"], learning["gain"]["suppressed"], learning["gain"]["kind"]) == (3, False, "percent")
    assert learning["pre"]["value"] == pytest.approx(0.25)
    assert learning["post"]["value"] == pytest.approx(10 / 12)
    assert learning["improved"]["value"] == pytest.approx(1.0)
    assert learning["effect"]["value"] == pytest.approx(4.0414518843273814)
    assert data["reaction"]["share"] == {"value": None, "n": 0, "suppressed": False, "kind": "percent"}
    # M&E officers read the same figures; viewers do not see sessions (aggregates only).
    assert api_for(personas["me_officer"]).get(f"/sessions/{session.pk}/results").json()["learning"] == learning
    assert api_for(personas["viewer"]).get(f"/sessions/{session.pk}/results").status_code == 404


# --- The hand-made dataset of the results pages ------------------------------------------------------


@pytest.fixture
def world(programme: Any, personas: dict[str, Any]) -> dict[str, Any]:
    return build_results_world(programme, trainer=personas["trainer"])


def test_a_sessions_four_levels(world: dict[str, Any], personas: dict[str, Any]) -> None:
    data = api_for(personas["coordinator_al"]).get(f"/sessions/{world['al'].pk}/results").json()
    assert data["learning"]["pairs"]["n"] == 5
    assert data["learning"]["pre"]["value"] == pytest.approx(0.45)
    assert data["learning"]["gain"]["n"] == 4
    assert data["learning"]["effect"]["value"] == pytest.approx(0.7071067811865475)
    assert data["reaction"]["share"]["value"] == pytest.approx(0.625)
    assert data["reaction"]["mean"] == {"value": pytest.approx(3.5), "n": 4, "suppressed": False, "kind": "mean"}
    assert data["reaction"]["respondents"]["value"] == 4
    assert data["behaviour"]["applying"]["value"] == pytest.approx(2 / 3)
    assert data["behaviour"]["respondents"]["n"] == 4
    outcomes = data["results"]
    assert outcomes["events"]["joint_investigation"]["n"] == 1 and outcomes["events"]["mla_request"]["n"] == 0
    assert outcomes["events_total"]["value"] == 1
    assert (outcomes["contacts_people"]["n"], outcomes["contacts_organisations"]["n"]) == (2, 0)


def test_session_results_are_for_those_who_see_the_session(world: dict[str, Any], personas: dict[str, Any]) -> None:
    url = f"/sessions/{world['al'].pk}/results"
    for persona in ("admin", "manager", "coordinator_al", "trainer", "me_officer"):
        assert api_for(personas[persona]).get(url).status_code == 200, persona
    for persona in ("coordinator_it", "viewer", "outsider"):
        assert api_for(personas[persona]).get(url).status_code == 404, persona
    assert api_for(personas["admin"]).get("/sessions/99999999/results").status_code == 404


def test_programme_totals(world: dict[str, Any], personas: dict[str, Any], programme: Any) -> None:
    data = api_for(personas["manager"]).get(f"/programmes/{programme.pk}/results").json()
    assert (data["programme_id"], data["session_id"], data["small_figures_suppressed"]) == (programme.pk, None, False)
    assert data["learning"]["pairs"]["n"] == 6
    assert data["learning"]["gain"]["value"] == pytest.approx((2 / 3 + 1 + 0.5 + 0 + 1) / 5)
    assert data["learning"]["effect"]["value"] == pytest.approx(0.8856148855400953)
    assert data["reaction"]["share"]["value"] == pytest.approx(0.7)
    assert data["reaction"]["respondents"]["n"] == 5
    assert data["behaviour"]["applying"] == {
        "value": pytest.approx(2 / 3),
        "n": 3,
        "suppressed": False,
        "kind": "percent",
    }


def test_viewers_get_figures_over_fewer_than_5_people_suppressed(
    world: dict[str, Any], personas: dict[str, Any], programme: Any
) -> None:
    client = api_for(personas["viewer"])
    data = client.get(f"/programmes/{programme.pk}/results").json()
    assert data["small_figures_suppressed"] is True
    hidden = {"value": None, "n": None, "suppressed": True, "kind": "percent"}
    assert data["behaviour"]["applying"] == hidden  # 3 people
    assert data["behaviour"]["respondents"] == {**hidden, "kind": "count"}  # 4 follow-ups
    assert data["learning"]["gain"]["value"] == pytest.approx(0.6333333333333333)  # 5 pairs: shown
    assert data["learning"]["gain"]["n"] == 5 and data["reaction"]["respondents"]["n"] == 5
    assert data["results"]["events_total"] == {**hidden, "kind": "count"}  # one event
    assert data["results"]["events"]["mla_request"] == {"value": 0.0, "n": 0, "suppressed": False, "kind": "count"}
    narrowed = client.get(f"/programmes/{programme.pk}/results", {"country": "IT"}).json()
    assert narrowed["learning"]["pre"] == hidden and narrowed["learning"]["pairs"]["suppressed"]


def test_programme_results_within_what_each_may_read(
    world: dict[str, Any], personas: dict[str, Any], programme: Any, other_programme: Any
) -> None:
    url = f"/programmes/{programme.pk}/results"

    def pairs(persona: str) -> int:
        return int(api_for(personas[persona]).get(url).json()["learning"]["pairs"]["n"])

    assert (pairs("coordinator_al"), pairs("coordinator_it"), pairs("trainer"), pairs("me_officer")) == (5, 1, 5, 6)
    assert api_for(personas["outsider"]).get(url).status_code == 404
    assert api_for(personas["manager"]).get(f"/programmes/{other_programme.pk}/results").status_code == 404


def test_programme_filters(world: dict[str, Any], personas: dict[str, Any], programme: Any) -> None:
    client = api_for(personas["admin"])
    url = f"/programmes/{programme.pk}/results"

    def pairs(**params: Any) -> int:
        response = client.get(url, params)
        assert response.status_code == 200, response.content
        return int(response.json()["learning"]["pairs"]["n"])

    assert pairs(start="2026-04-01") == 1  # only Rome ended after
    assert pairs(end="2026-03-03") == 5
    assert pairs(start="2026-03-04", end="2026-05-19") == 0
    assert pairs(country="IT") == 2 and pairs(country="it") == 2
    assert pairs(profession="prosecution") == 2
    assert pairs(design_id=world["design"].pk) == 6
    echoed = client.get(url, {"country": "it", "design_id": world["design"].pk}).json()["filters"]
    assert echoed == {"start": None, "end": None, "country": "IT", "profession": None, "design_id": world["design"].pk}


def test_wrong_filters_are_refused_at_their_name(
    world: dict[str, Any], personas: dict[str, Any], programme: Any, other_programme: Any
) -> None:
    client = api_for(personas["admin"])
    url = f"/programmes/{programme.pk}/results"
    response = client.get(url, {"start": "2026-05-01", "end": "2026-04-01"})
    assert _fields(response) == ["end"] and response.json()["errors"][0]["location"] == "query"
    assert _fields(client.get(url, {"country": "ZZ"})) == ["country"]
    assert _fields(client.get(url, {"profession": "astronaut"})) == ["profession"]
    elsewhere = make_complete_design(programme=other_programme, title="Elsewhere")
    make_session(design=elsewhere, country="AL")
    assert _fields(client.get(url, {"design_id": elsewhere.pk})) == ["design_id"]
    assert _fields(client.get(url, {"start": "2026-13-01"})) == ["start"]
    both = client.get(url, {"country": "ZZ", "profession": "astronaut"})
    assert _fields(both) == ["country", "profession"]
