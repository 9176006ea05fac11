"""Answering through a personal link: language, pages, saving and resuming, required answers, used
and expired links."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone

from relais.core.models import AuditEvent
from relais.evaluation.models import Answer, QuestionnaireStatus, Response, ResponseStatus
from relais.evaluation.tests.permissions_answer import build_answer_world, invite

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(programme: Any, personas: dict[str, Any]) -> dict[str, Any]:
    return build_answer_world(programme, personas["trainer"])


def url(invitation: Any, suffix: str = "") -> str:
    return f"/q/{invitation.token}/{suffix}"


def page1(world: dict[str, Any], **extra: Any) -> dict[str, Any]:
    items = world["items"]
    data = {"page": "1", "action": "next", f"item-{items['single'].pk}": "a"}
    data.update(extra)
    return data


def test_an_unknown_token_is_404(client: Any, world: dict[str, Any]) -> None:
    assert client.get("/q/not-a-token-at-all-0123456789abcdef/").status_code == 404
    assert client.get("/q/not-a-token-at-all-0123456789abcdef/thanks/").status_code == 404


def test_the_page_is_in_the_participants_language(client: Any, world: dict[str, Any]) -> None:
    invitation = invite(world["pre"], world["regs"]["ana"], "fr")
    response = client.get(url(invitation))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr">' in html
    assert "Test de connaissances" in html and "Merci de répondre." in html
    assert "Le travail forcé est-il un crime ?" in html and ">Oui</label>" in html
    assert "Notions de base" in html
    assert response["Cache-Control"] == "private, no-store"
    assert "noindex" in response["X-Robots-Tag"]
    invitation.refresh_from_db()
    assert invitation.opened_at is not None


def test_untranslated_texts_fall_back_to_the_original(client: Any, world: dict[str, Any]) -> None:
    invitation = invite(world["pre"], world["regs"]["ana"], "fr")
    html = client.get(url(invitation) + "?page=2").content.decode()
    assert "Je me sens prêt à identifier des victimes." in html
    assert "Years in service" in html  # no French text: the original


def test_a_language_not_offered_falls_back_to_the_questionnaires(client: Any, world: dict[str, Any]) -> None:
    invitation = invite(world["pre"], world["regs"]["ana"], "sq")
    html = client.get(url(invitation)).content.decode()
    assert '<html lang="en">' in html and "Knowledge test" in html


def test_the_participant_switches_language(client: Any, world: dict[str, Any]) -> None:
    world["pre"].languages = ["fr", "sq"]
    world["pre"].save()
    invitation = invite(world["pre"], world["regs"]["ana"], "fr")
    html = client.get(url(invitation)).content.decode()
    assert '<nav class="answer-languages" aria-label="Langue du questionnaire">' in html
    assert 'href="?lang=sq" lang="sq" hreflang="sq">Shqip</a>' in html
    response = client.get(url(invitation) + "?lang=en")
    assert response.status_code == 302 and response["Location"] == url(invitation)
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    invitation.refresh_from_db()
    assert invitation.language == "en"
    html = client.get(url(invitation)).content.decode()
    assert "Is forced labour a crime?" in html
    assert client.get(url(invitation) + "?lang=de").status_code == 200  # not offered: ignored


def test_the_headers_switch_is_followed(client: Any, world: dict[str, Any]) -> None:
    invitation = invite(world["pre"], world["regs"]["besa"], "en")
    client.post("/accounts/language/", {"language": "fr", "next": url(invitation)})
    html = client.get(url(invitation)).content.decode()
    assert '<html lang="fr">' in html and "Test de connaissances" in html
    invitation.refresh_from_db()
    assert invitation.language == "en"  # a cookie may be anyone's: only a choice made on the page is kept


def test_likert_is_a_labelled_radiogroup_and_choices_are_fieldsets(client: Any, world: dict[str, Any]) -> None:
    invitation = invite(world["pre"], world["regs"]["besa"])
    html = client.get(url(invitation) + "?page=2").content.decode()
    likert = world["items"]["likert"].pk
    assert re.search(r'<fieldset role="radiogroup" aria-required="true">\s*<legend', html)
    assert f'for="item-{likert}-1">1 — Strongly disagree</label>' in html
    assert f'for="item-{likert}-3">3</label>' in html
    assert f'for="item-{likert}-5">5 — Strongly agree</label>' in html
    assert "Page 2 of 2" in html and "Send my answers" in html and "Previous page" in html


def test_save_and_continue_later_then_resume(client: Any, world: dict[str, Any]) -> None:
    invitation = invite(world["pre"], world["regs"]["besa"])
    items = world["items"]
    response = client.post(url(invitation), page1(world, action="save", **{f"item-{items['multiple'].pk}": ["a", "c"]}))
    assert response.status_code == 302 and response["Location"] == url(invitation) + "?page=1&saved=1"
    saved = Response.objects.get(questionnaire=world["pre"], registration=world["regs"]["besa"])
    assert saved.status == ResponseStatus.IN_PROGRESS and saved.invitation == invitation
    assert dict(Answer.objects.filter(response=saved).values_list("item_id", "value")) == {
        items["single"].pk: "a",
        items["multiple"].pk: ["a", "c"],
    }
    html = client.get(response["Location"]).content.decode()
    assert "Your answers are saved" in html
    assert re.search(rf'id="item-{items["single"].pk}-1" value="a" checked', html)
    # Coming back with the same link: straight to the first page with a required question open.
    html = client.get(url(invitation)).content.decode()
    assert "Page 2 of 2" in html
    # The invitations list counts the response as in progress (see test_invitations).


def test_next_and_previous_keep_answers(client: Any, world: dict[str, Any]) -> None:
    invitation = invite(world["pre"], world["regs"]["besa"])
    response = client.post(url(invitation), page1(world))
    assert response["Location"] == url(invitation) + "?page=2"
    likert = world["items"]["likert"].pk
    response = client.post(url(invitation), {"page": "2", "action": "previous", f"item-{likert}": "4"})
    assert response["Location"] == url(invitation) + "?page=1"
    stored = Response.objects.get(registration=world["regs"]["besa"], questionnaire=world["pre"])
    assert Answer.objects.get(response=stored, item_id=likert).value == 4


def test_a_wrong_value_is_shown_beside_its_question(client: Any, world: dict[str, Any]) -> None:
    invitation = invite(world["pre"], world["regs"]["besa"])
    number = world["items"]["number"].pk
    response = client.post(url(invitation), {"page": "2", "action": "next", f"item-{number}": "twelve"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<a href="#item-{number}">Question 4: Enter a number.</a>' in html
    assert f'id="item-{number}-error">Enter a number.</div>' in html
    assert f'aria-describedby="item-{number}-error"' in html and 'value="twelve"' in html
    assert not Response.objects.filter(registration=world["regs"]["besa"]).exists()


def test_submit_shows_missing_required_answers_where_they_are(client: Any, world: dict[str, Any]) -> None:
    invitation = invite(world["pre"], world["regs"]["besa"])
    likert = world["items"]["likert"].pk
    single = world["items"]["single"].pk
    # Page 2 sent without the Likert answer, page 1 never answered.
    response = client.post(url(invitation), {"page": "2", "action": "submit", f"item-{likert}": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Page 1 of 2" in html  # the first page with an error
    assert f'<a href="#item-{single}-1">Question 1: Please answer this question.</a>' in html
    # Listed at the top too, though on page 2, with a link to it.
    assert (
        f'<a href="{url(invitation)}?page=2#q-item-{likert}">Question 3 (page 2): Please answer this question.</a>'
        in html
    )
    assert f'aria-describedby="item-{single}-error"' in html
    saved = Response.objects.get(registration=world["regs"]["besa"], questionnaire=world["pre"])
    assert saved.status == ResponseStatus.IN_PROGRESS


def test_submit_then_the_link_is_used(client: Any, world: dict[str, Any]) -> None:
    invitation = invite(world["pre"], world["regs"]["besa"])
    client.post(url(invitation), page1(world))
    likert = world["items"]["likert"].pk
    response = client.post(url(invitation), {"page": "2", "action": "submit", f"item-{likert}": "5"})
    assert response.status_code == 302 and response["Location"] == url(invitation, "thanks/")
    saved = Response.objects.get(registration=world["regs"]["besa"], questionnaire=world["pre"])
    assert saved.status == ResponseStatus.SUBMITTED and saved.score == 1 and saved.likert_sum == 5
    assert AuditEvent.objects.filter(action="response.submit", object_id=str(saved.pk)).exists()
    thanks = client.get(url(invitation, "thanks/"))
    assert thanks.status_code == 200 and "Thank you for your answers" in thanks.content.decode()
    again = client.get(url(invitation))
    assert again.status_code == 410
    assert "You have already answered this questionnaire" in again.content.decode()
    post = client.post(url(invitation), {"page": "2", "action": "submit", f"item-{likert}": "1"})
    assert post.status_code == 410
    saved.refresh_from_db()
    assert saved.likert_sum == 5


def test_a_link_whose_date_has_passed_is_expired(client: Any, world: dict[str, Any]) -> None:
    invitation = invite(world["pre"], world["regs"]["besa"], expires_at=timezone.now() - dt.timedelta(minutes=1))
    response = client.get(url(invitation))
    assert response.status_code == 410 and "This link has expired" in response.content.decode()
    assert client.post(url(invitation), page1(world)).status_code == 410
    assert not Response.objects.filter(registration=world["regs"]["besa"]).exists()


@pytest.mark.parametrize(
    "change",
    [{"status": QuestionnaireStatus.CLOSED}, {"closes_on": dt.date(2020, 1, 1), "opens_on": dt.date(2019, 12, 1)}],
)
def test_a_closed_questionnaire_expires_its_links(client: Any, world: dict[str, Any], change: dict[str, Any]) -> None:
    invitation = invite(world["pre"], world["regs"]["besa"])
    type(world["pre"]).objects.filter(pk=world["pre"].pk).update(**change)
    response = client.get(url(invitation))
    assert response.status_code == 410 and "This link has expired" in response.content.decode()


@pytest.mark.parametrize(
    "change", [{"status": QuestionnaireStatus.DRAFT}, {"opens_on": timezone.localdate() + dt.timedelta(days=3)}]
)
def test_a_questionnaire_not_open_says_so(client: Any, world: dict[str, Any], change: dict[str, Any]) -> None:
    invitation = invite(world["pre"], world["regs"]["besa"])
    type(world["pre"]).objects.filter(pk=world["pre"].pk).update(**change)
    response = client.get(url(invitation))
    assert response.status_code == 200 and "This questionnaire is not open yet" in response.content.decode()
    assert client.post(url(invitation), page1(world)).status_code == 200
    assert not Response.objects.filter(registration=world["regs"]["besa"]).exists()


def test_a_paper_response_already_entered_makes_the_link_used(client: Any, world: dict[str, Any]) -> None:
    from relais.evaluation.tests.factories import submit

    items = world["items"]
    submit(world["pre"], world["regs"]["besa"], {items["single"].pk: "b", items["likert"].pk: 2})
    invitation = invite(world["pre"], world["regs"]["besa"])
    assert client.get(url(invitation)).status_code == 410
