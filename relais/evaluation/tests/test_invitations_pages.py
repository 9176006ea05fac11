"""The personal links page: the list, its actions, and a query count that does not grow with rows."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from relais.delivery.tests.factories import make_person, register
from relais.evaluation.models import Invitation, Response
from relais.evaluation.services_invitations import invitations_create
from relais.evaluation.tests.permissions_answer import build_answer_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(programme: Any, personas: dict[str, Any]) -> dict[str, Any]:
    return build_answer_world(programme, personas["trainer"])


def page_url(world: dict[str, Any], suffix: str = "") -> str:
    return f"/questionnaires/{world['pre'].pk}/invitations/{suffix}"


def test_the_list_before_any_link(client: Any, world: dict[str, Any], personas: dict[str, Any]) -> None:
    client.force_login(personas["coordinator_al"])
    html = client.get(page_url(world)).content.decode()
    assert "Create 3 personal links" in html and "Send 2 invitations by e-mail" in html
    assert html.index("Berisha, Drita") < html.index("Hoxha, Ana") < html.index("Krasniqi, Besa")
    assert "Waiting" not in html and "Gone" not in html
    assert html.count("No link yet") == 3 + 1  # three rows, and the summary


def test_links_are_listed_to_copy(client: Any, world: dict[str, Any], personas: dict[str, Any]) -> None:
    client.force_login(personas["trainer"])
    response = client.post(page_url(world, "create/"))
    assert response.status_code == 302
    html = client.get(page_url(world)).content.decode()
    assert "3 personal links created." in html
    ana = Invitation.objects.get(registration=world["regs"]["ana"])
    assert re.search(
        rf'<input type="text" class="form-control form-control-sm link-field" readonly '
        rf'value="http://testserver/q/{ana.token}/" aria-label="Personal link of Hoxha, Ana">',
        html,
    )
    assert "Français" in html  # Ana's link is in French
    # Drita has no e-mail address: listed to print.
    drita = Invitation.objects.get(registration=world["regs"]["drita"])
    section = html[html.index("Participants without an e-mail address") :]
    assert "Berisha, Drita" in section and drita.token in section and "Hoxha" not in section


def test_send_and_remind_from_the_page(
    client: Any, world: dict[str, Any], personas: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(personas["manager"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page_url(world, "send/"), follow=True)
    html = response.content.decode()
    assert "2 invitations are being sent." in html and len(mail.outbox) == 2
    assert html.count('text-bg-info">Sent</span>') == 2 and html.count('text-bg-secondary">Not sent</span>') == 1
    response = client.post(page_url(world, "remind/"), follow=True)
    assert "Nobody is due a reminder" in response.content.decode()


def test_statuses_follow_the_participants(client: Any, world: dict[str, Any], personas: dict[str, Any]) -> None:
    invitations_create(actor=personas["manager"], questionnaire=world["pre"])
    ana = Invitation.objects.get(registration=world["regs"]["ana"])
    client.get(f"/q/{ana.token}/")  # opened
    besa = Invitation.objects.get(registration=world["regs"]["besa"])
    client.post(f"/q/{besa.token}/", {"page": "1", "action": "save", f"item-{world['items']['single'].pk}": "a"})
    client.force_login(personas["manager"])
    html = client.get(page_url(world)).content.decode()
    assert ">Opened</span>" in html and ">In progress</span>" in html and ">Not sent</span>" in html


def test_a_new_link_from_the_page(client: Any, world: dict[str, Any], personas: dict[str, Any]) -> None:
    invitations_create(actor=personas["manager"], questionnaire=world["pre"])
    invitation = Invitation.objects.get(registration=world["regs"]["besa"])
    client.force_login(personas["manager"])
    response = client.post(page_url(world, f"{invitation.pk}/renew/"))
    assert response.status_code == 302 and response["Location"].endswith(f"#inv-{invitation.pk}")
    assert Invitation.objects.get(pk=invitation.pk).token != invitation.token
    other = build_answer_world(world["session"].programme, personas["trainer"])
    foreign = invitations_create(actor=personas["manager"], questionnaire=other["pre"])[0]
    assert client.post(page_url(world, f"{foreign.pk}/renew/")).status_code == 404


def test_an_anonymous_questionnaire_points_to_the_session_page(
    client: Any, world: dict[str, Any], personas: dict[str, Any]
) -> None:
    client.force_login(personas["manager"])
    html = client.get(f"/questionnaires/{world['satisfaction'].pk}/invitations/").content.decode()
    assert "This questionnaire is anonymous" in html and f"/q/s/{world['entry_token']}/" in html
    response = client.post(f"/questionnaires/{world['satisfaction'].pk}/invitations/create/", follow=True)
    assert "participants answer it from the session" in response.content.decode()
    assert not Invitation.objects.exists()


def test_the_query_count_does_not_grow_with_the_rows(
    client: Any, world: dict[str, Any], personas: dict[str, Any]
) -> None:
    client.force_login(personas["manager"])
    invitations_create(actor=personas["manager"], questionnaire=world["pre"])
    client.get(page_url(world))  # warm the caches of the first request
    with CaptureQueriesContext(connection) as few:
        assert client.get(page_url(world)).status_code == 200
    for n in range(12):
        register(world["session"], make_person("Extra", f"Person{n:02}", email=f"extra{n}@ex.org"))
    invitations_create(actor=personas["manager"], questionnaire=world["pre"])
    Response.objects.create(
        questionnaire=world["pre"],
        session=world["session"],
        programme=world["session"].programme,
        kind=world["pre"].kind,
        registration=world["regs"]["ana"],
    )
    with CaptureQueriesContext(connection) as many:
        html = client.get(page_url(world)).content.decode()
    assert html.count("link-field") == 15
    assert len(many.captured_queries) == len(few.captured_queries) <= 20


def test_links_in_e_mails_use_the_configured_address_not_the_request_host(
    client: Any, world: dict[str, Any], personas: dict[str, Any], settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.RELAIS_BASE_URL = "https://relais.example.org/"
    settings.ALLOWED_HOSTS = ["relais.example.org", "evil.example.net"]
    client.force_login(personas["manager"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page_url(world, "send/"), HTTP_HOST="evil.example.net")
    bodies = [m.body for m in mail.outbox]
    assert bodies and all("https://relais.example.org/q/" in b and "evil.example.net" not in b for b in bodies)
