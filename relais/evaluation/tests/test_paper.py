"""Paper entry: choosing the participant, typing codes, saving and moving on, correcting."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import QueryDict

from relais.core.models import AuditEvent
from relais.evaluation.forms_answer import PaperData, paper_codes
from relais.evaluation.models import Answer, ItemType, Response, ResponseSource, ResponseStatus
from relais.evaluation.tests.factories import make_item, make_questionnaire, submit
from relais.evaluation.tests.permissions_answer import build_answer_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(programme: Any, personas: dict[str, Any]) -> dict[str, Any]:
    return build_answer_world(programme, personas["trainer"])


def paper_url(world: dict[str, Any], registration: Any = None) -> str:
    url = f"/questionnaires/{world['pre'].pk}/paper/"
    return f"{url}?registration={registration.pk}" if registration is not None else url


def typed(world: dict[str, Any], registration: Any, **codes: str) -> dict[str, str]:
    items = world["items"]
    data = {"registration": str(registration.pk)}
    data.update({f"item-{items[name].pk}": value for name, value in codes.items()})
    return data


def test_codes_are_the_short_values_or_positions() -> None:
    class FakeItem:
        type = ItemType.SINGLE
        options = [{"value": "a"}, {"value": "B"}]

    assert paper_codes(FakeItem()) == [("a", "a"), ("B", "B")]  # type: ignore[arg-type]
    FakeItem.options = [{"value": "agree"}, {"value": "disagree"}]
    assert paper_codes(FakeItem()) == [("1", "agree"), ("2", "disagree")]  # type: ignore[arg-type]


def test_typed_codes_become_form_values(world: dict[str, Any]) -> None:
    items = list(world["pre"].items.all())
    single, multiple = world["items"]["single"], world["items"]["multiple"]
    data = QueryDict(mutable=True)
    data.update({f"item-{single.pk}": "A", f"item-{multiple.pk}": "a, c  b"})
    paper = PaperData(data, items)
    assert paper.getlist(f"item-{single.pk}") == ["a"]
    assert paper.getlist(f"item-{multiple.pk}") == ["a", "c", "b"]
    data[f"item-{single.pk}"] = "a b"
    assert paper.getlist(f"item-{single.pk}") == ["a b"]  # two codes for one choice: refused later


def test_the_participants_to_choose(client: Any, world: dict[str, Any], personas: dict[str, Any]) -> None:
    items = world["items"]
    submit(world["pre"], world["regs"]["besa"], {items["single"].pk: "a", items["likert"].pk: 3})
    client.force_login(personas["trainer"])
    html = client.get(paper_url(world)).content.decode()
    todo = html[html.index('label="Without answers"') : html.index('label="Answers entered (to correct)"')]
    assert todo.index("Berisha, Drita") < todo.index("Hoxha, Ana")
    assert "Krasniqi" not in todo and "Waiting" not in html
    assert 'id="paper-registration" autofocus' in html
    assert 'name="item-' not in html  # nobody chosen yet


def test_the_form_of_one_participant(client: Any, world: dict[str, Any], personas: dict[str, Any]) -> None:
    client.force_login(personas["trainer"])
    html = client.get(paper_url(world, world["regs"]["drita"])).content.decode()
    single = world["items"]["single"].pk
    assert "Answers of Berisha, Drita" in html
    assert f'name="item-{single}" id="item-{single}" value="" autocomplete="off"' in html
    assert html.count(" autofocus") == 1 and f'aria-describedby="item-{single}-codes" aria-required="true"' in html
    assert "<kbd>a</kbd> Yes" in html and "<kbd>5</kbd> Strongly agree</span>" in html and "<kbd>3</kbd></span>" in html
    assert "Page 1 of" not in html and "Opinions" not in html  # one page, no sections


def test_save_and_next_participant(client: Any, world: dict[str, Any], personas: dict[str, Any]) -> None:
    client.force_login(personas["trainer"])
    drita = world["regs"]["drita"]
    response = client.post(paper_url(world), typed(world, drita, single="b", multiple="a c", likert="4", number="12,5"))
    assert response.status_code == 302
    assert response["Location"] == paper_url(world, world["regs"]["ana"])  # next in name order
    saved = Response.objects.get(registration=drita, questionnaire=world["pre"])
    assert saved.status == ResponseStatus.SUBMITTED and saved.source == ResponseSource.PAPER
    assert saved.entered_by == personas["trainer"] and saved.score == 0
    items = world["items"]
    assert dict(Answer.objects.filter(response=saved).values_list("item_id", "value")) == {
        items["single"].pk: "b",
        items["multiple"].pk: ["a", "c"],
        items["likert"].pk: 4,
        items["number"].pk: 12.5,
    }
    assert AuditEvent.objects.filter(action="response.enter", actor=personas["trainer"]).count() == 1
    html = client.get(response["Location"]).content.decode()
    assert "Answers of Berisha, Drita saved." in html and "Answers of Hoxha, Ana" in html


def test_wrong_codes_are_shown_as_typed(client: Any, world: dict[str, Any], personas: dict[str, Any]) -> None:
    client.force_login(personas["trainer"])
    drita = world["regs"]["drita"]
    response = client.post(paper_url(world), typed(world, drita, single="z", multiple="a q", likert=""))
    html = response.content.decode()
    single = world["items"]["single"].pk
    assert response.status_code == 200
    assert f'<a href="#item-{single}">Question 1: This choice is not on the list.</a>' in html
    assert 'value="z"' in html and 'value="a q"' in html
    assert not Response.objects.filter(registration=drita).exists()
    # A question left blank on paper stays unanswered: staff do not have to invent an answer.
    response = client.post(paper_url(world), typed(world, drita, single="a", likert=""))
    assert response.status_code == 302
    entered = Response.objects.get(registration=drita)
    assert entered.status == "submitted" and not entered.answers.filter(item=world["items"]["likert"]).exists()


def test_correcting_answers_already_entered(client: Any, world: dict[str, Any], personas: dict[str, Any]) -> None:
    items = world["items"]
    besa = world["regs"]["besa"]
    submit(world["pre"], besa, {items["single"].pk: "b", items["likert"].pk: 2})
    client.force_login(personas["manager"])
    html = client.get(paper_url(world, besa)).content.decode()
    assert "Correct the answers of Krasniqi, Besa" in html
    assert f'name="item-{items["single"].pk}" id="item-{items["single"].pk}" value="b"' in html
    response = client.post(paper_url(world), typed(world, besa, single="a", likert="5"))
    assert response["Location"] == paper_url(world, world["regs"]["drita"])
    saved = Response.objects.get(registration=besa, questionnaire=world["pre"])
    assert saved.score == 1 and saved.likert_sum == 5 and saved.entered_by == personas["manager"]


def test_someone_of_another_session_is_404(client: Any, world: dict[str, Any], personas: dict[str, Any]) -> None:
    other = build_answer_world(world["session"].programme, personas["trainer"])
    client.force_login(personas["manager"])
    assert client.get(paper_url(world, other["regs"]["ana"])).status_code == 404
    assert client.post(paper_url(world), typed(world, other["regs"]["ana"], single="a")).status_code == 404
    assert client.get(paper_url(world) + "?registration=abc").status_code == 404


def test_anonymous_paper_forms(client: Any, world: dict[str, Any], personas: dict[str, Any]) -> None:
    questionnaire = make_questionnaire(world["session"], "satisfaction", anonymous=True, status="open")
    likert = make_item(questionnaire, ItemType.LIKERT)
    client.force_login(personas["manager"])
    url = f"/questionnaires/{questionnaire.pk}/paper/"
    assert "A new anonymous response" in client.get(url).content.decode()
    for value in ("4", "2"):
        assert client.post(url, {f"item-{likert.pk}": value})["Location"] == url
    assert Response.objects.filter(questionnaire=questionnaire, source="paper", registration=None).count() == 2


def test_answers_entered_against_the_wrong_person_can_be_deleted(
    client: Any, world: dict[str, Any], personas: dict[str, Any]
) -> None:
    items = world["items"]
    besa = world["regs"]["besa"]
    submit(world["pre"], besa, {items["single"].pk: "b", items["likert"].pk: 2})
    client.force_login(personas["trainer"])
    html = client.get(paper_url(world, besa)).content.decode()
    assert "Delete the answers of Krasniqi, Besa" in html
    response = client.post(paper_url(world), {"registration": besa.pk, "action": "delete"})
    assert response.status_code == 302
    assert not Response.objects.filter(registration=besa).exists() and not Answer.objects.exists()
    event = AuditEvent.objects.get(action="response.delete")
    assert event.actor == personas["trainer"] and event.details["registration"] == besa.pk
    # Nothing to delete any more: no error, nothing written.
    client.post(paper_url(world), {"registration": besa.pk, "action": "delete"})
    assert AuditEvent.objects.filter(action="response.delete").count() == 1
    # Someone who may not evaluate the session cannot.
    submit(world["pre"], besa, {items["single"].pk: "b", items["likert"].pk: 2})
    client.force_login(personas["me_officer"])
    assert client.post(paper_url(world), {"registration": besa.pk, "action": "delete"}).status_code == 404
    assert Response.objects.filter(registration=besa).exists()
