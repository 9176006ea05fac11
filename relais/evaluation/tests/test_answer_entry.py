"""The session's page for participants (QR code): anonymous questionnaires, personal links by e-mail
with a neutral answer and throttling; anonymous answering resumed by cookie; the staff preview."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache

from relais.evaluation.models import Invitation, QuestionnaireStatus, Response, ResponseStatus
from relais.evaluation.tests.factories import make_questionnaire
from relais.evaluation.tests.permissions_answer import build_answer_world
from relais.evaluation.views_answer_entry import resume_cookie

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    cache.clear()


@pytest.fixture
def world(programme: Any, personas: dict[str, Any]) -> dict[str, Any]:
    return build_answer_world(programme, personas["trainer"])


def entry_url(world: dict[str, Any]) -> str:
    return f"/q/s/{world['entry_token']}/"


def anonymous_url(world: dict[str, Any], suffix: str = "") -> str:
    return f"/q/a/{world['entry_token']}/{world['satisfaction'].pk}/{suffix}"


def test_the_entry_page_shows_the_session_and_its_anonymous_questionnaires(client: Any, world: dict[str, Any]) -> None:
    make_questionnaire(world["session"], "satisfaction", title="Draft survey", anonymous=True)
    response = client.get(entry_url(world))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Joint investigation training — Tirana" in html and "Tirana, Albania" in html
    assert f'href="{anonymous_url(world)}"' in html and "Answer anonymously" in html
    assert "Draft survey" not in html
    assert "2 questionnaires of this session are answered with a personal link." in html
    assert client.get("/q/s/unknown-token-unknown-token-unknown/").status_code == 404


def _ask(client: Any, world: dict[str, Any], email: str, capture: Any) -> Any:
    with capture(execute=True):
        return client.post(entry_url(world), {"email": email})


def test_a_known_address_receives_its_links(
    client: Any, world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    response = _ask(client, world, "ANA@ex.org", django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response["Location"] == entry_url(world) + "?sent=1"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana@ex.org"]
    invitations = Invitation.objects.filter(registration=world["regs"]["ana"]).order_by("questionnaire__kind")
    assert [i.questionnaire.title for i in invitations] == ["Follow-up", "Knowledge test"]
    assert all(i.sent_at is not None for i in invitations)
    for invitation in invitations:
        assert f"http://testserver/q/{invitation.token}/" in message.body
    assert "Satisfaction" not in message.body  # anonymous: no personal link
    html = client.get(response["Location"]).content.decode()
    assert "If this address belongs to a participant of this session" in html


def test_an_unknown_address_gets_the_same_answer_and_nothing(
    client: Any, world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    known = _ask(client, world, "besa@ex.org", django_capture_on_commit_callbacks)
    unknown = _ask(client, world, "nobody@ex.org", django_capture_on_commit_callbacks)
    waiting = _ask(client, world, "w@ex.org", django_capture_on_commit_callbacks)  # on the waiting list
    assert known.status_code == unknown.status_code == waiting.status_code == 302
    assert known["Location"] == unknown["Location"] == waiting["Location"]
    assert [m.to for m in mail.outbox] == [["besa@ex.org"]]
    assert not Invitation.objects.filter(registration=world["regs"]["waiting"]).exists()


def test_an_address_is_throttled(client: Any, world: dict[str, Any], django_capture_on_commit_callbacks: Any) -> None:
    for _ in range(7):
        response = _ask(client, world, "besa@ex.org", django_capture_on_commit_callbacks)
        assert response.status_code == 302
    assert len(mail.outbox) == 5


def test_a_connection_is_throttled(client: Any, world: dict[str, Any], django_capture_on_commit_callbacks: Any) -> None:
    for n in range(20):
        assert _ask(client, world, f"x{n}@ex.org", django_capture_on_commit_callbacks).status_code == 302
    response = _ask(client, world, "besa@ex.org", django_capture_on_commit_callbacks)
    assert response.status_code == 429 and "Too many requests" in response.content.decode()
    assert mail.outbox == []


def test_a_wrong_address_is_refused_by_the_form(client: Any, world: dict[str, Any]) -> None:
    response = client.post(entry_url(world), {"email": "not an address"})
    assert response.status_code == 200 and "Enter a valid email address." in response.content.decode()


def test_anonymous_answers_resume_from_the_same_browser(client: Any, world: dict[str, Any]) -> None:
    satisfaction = world["satisfaction"]
    likert, comment = list(satisfaction.items.order_by("position"))
    assert client.get(anonymous_url(world)).status_code == 200
    assert not Response.objects.filter(questionnaire=satisfaction).exists()  # nothing until saved
    response = client.post(anonymous_url(world), {"page": "1", "action": "save", f"item-{likert.pk}": "4"})
    assert response.status_code == 302
    saved = Response.objects.get(questionnaire=satisfaction)
    assert saved.registration is None and len(saved.resume_key) >= 32
    cookie = client.cookies[resume_cookie(satisfaction)]
    assert cookie.value == saved.resume_key and cookie["httponly"]
    html = client.get(anonymous_url(world)).content.decode()
    assert f'id="item-{likert.pk}-4" value="4" checked' in html
    response = client.post(
        anonymous_url(world),
        {"page": "1", "action": "submit", f"item-{likert.pk}": "4", f"item-{comment.pk}": "More cases"},
    )
    assert response["Location"] == anonymous_url(world, "thanks/")
    saved.refresh_from_db()
    assert saved.status == ResponseStatus.SUBMITTED and saved.likert_sum == 4
    assert client.get(anonymous_url(world, "thanks/")).status_code == 200
    again = client.get(anonymous_url(world))
    assert again.status_code == 410 and "You have already answered this questionnaire" in again.content.decode()
    # Another browser starts afresh.
    client.cookies.clear()
    assert client.get(anonymous_url(world)).status_code == 200
    assert client.get(anonymous_url(world, "thanks/")).status_code == 302


def test_anonymous_answering_needs_an_anonymous_questionnaire_of_that_session(
    client: Any, world: dict[str, Any]
) -> None:
    assert client.get(f"/q/a/{world['entry_token']}/{world['pre'].pk}/").status_code == 404
    other = build_answer_world(world["session"].programme, world["session"].trainers.first())
    assert client.get(f"/q/a/{world['entry_token']}/{other['satisfaction'].pk}/").status_code == 404
    world["satisfaction"].status = QuestionnaireStatus.CLOSED
    world["satisfaction"].save()
    assert client.get(anonymous_url(world)).status_code == 410


def test_anonymous_page_follows_the_language_chosen(client: Any, world: dict[str, Any]) -> None:
    response = client.get(anonymous_url(world) + "?lang=fr")
    assert response.status_code == 302
    html = client.get(anonymous_url(world)).content.decode()
    assert '<html lang="fr">' in html and "Satisfaction (fr)" in html


def test_the_preview_shows_the_questionnaire_without_saving(
    client: Any, world: dict[str, Any], personas: dict[str, Any]
) -> None:
    client.force_login(personas["me_officer"])
    url = f"/questionnaires/{world['pre'].pk}/preview/"
    html = client.get(url + "?lang=fr").content.decode()
    assert "Test de connaissances" in html and "Aperçu." in html
    assert f'href="{url}?lang=fr&amp;page=2"' in html
    assert 'name="action"' not in html
    page2 = client.get(url + "?lang=fr&page=2").content.decode()
    assert "Avis" in page2
    assert client.post(url, {"page": "1"}).status_code == 405
    assert not Response.objects.exists()
