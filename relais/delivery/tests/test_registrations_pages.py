"""The participants page: list and counts in a fixed number of queries, adding people found by name
key or new, status changes with htmx, the session page's panel, read-only for trainers."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.client import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from relais.delivery.models import Registration, RegistrationStatus
from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.tests.factories import make_complete_design


@pytest.fixture
def world(personas: dict[str, Any], programme: Any) -> dict[str, Any]:
    session = make_session(design=make_complete_design(programme=programme), country="AL", capacity=3)
    session.trainers.add(personas["trainer"])
    return {"session": session, **personas}


def _url(name: str, session: Any, **kwargs: Any) -> str:
    return reverse(f"delivery:{name}", kwargs={"pk": session.pk, **kwargs})


def test_list_queries_do_not_grow_with_the_list(client: Any, world: dict[str, Any]) -> None:
    session = world["session"]
    client.force_login(world["coordinator_al"])
    register(session, make_person("Ana", "Hoxha"))
    client.get(_url("registrations", session))  # the first request of a login writes its session
    with CaptureQueriesContext(connection) as few:
        assert client.get(_url("registrations", session)).status_code == 200
    for n in range(20):
        register(session, make_person(f"P{n}", organisation=None))
    with CaptureQueriesContext(connection) as many:
        response = client.get(_url("registrations", session))
    assert len(many) == len(few)
    assert response.content.decode().count('name="status"') == 21


def test_search_by_name_key_and_register(client: Any, world: dict[str, Any]) -> None:
    session = world["session"]
    djordjevic = make_person("Милан", "Ђорђевић", country="AL")
    make_person("Marco", "Rossi", country="IT")  # not visible to the Albanian coordinator
    client.force_login(world["coordinator_al"])
    response = client.get(
        _url("registrations", session), {"q": "djordjevic milan", "partial": "search"}, HTTP_HX_REQUEST="true"
    )
    assert "Ђорђевић" in response.content.decode()
    assert "Rossi" not in client.get(_url("registrations", session), {"q": "rossi"}).content.decode()
    response = client.post(_url("registration_add", session), {"person": djordjevic.pk, "q": "djordjevic"})
    assert response.status_code == 302 and response["Location"].endswith("?q=djordjevic#add")
    assert Registration.objects.filter(session=session, person=djordjevic).exists()
    italian = make_person("Luca", "Bianchi", country="IT")
    assert client.post(_url("registration_add", session), {"person": italian.pk}).status_code == 404
    # Ids are written without thousands separators (the site formats numbers: 12,345).
    make_person("Arta", "Gashi", country="AL", pk=12345)
    html = client.get(_url("registrations", session), {"q": "gashi"}).content.decode()
    assert 'name="person" value="12345"' in html


def test_new_person_page(client: Any, world: dict[str, Any]) -> None:
    session = world["session"]
    client.force_login(world["manager"])
    page = client.get(_url("registration_new_person", session), {"q": "Krasniqi"})
    assert 'value="Krasniqi"' in page.content.decode()
    assert client.post(_url("registration_new_person", session), {"first_name": "Besa"}).status_code == 400
    response = client.post(
        _url("registration_new_person", session),
        {"first_name": "Besa", "last_name": "Krasniqi", "gender": "female", "country": session.country_id},
    )
    assert response.status_code == 302
    assert Registration.objects.get(session=session).person.last_name == "Krasniqi"
    # Someone recorded already (duplicates.find_matches): offered first, recorded again only when asked.
    known = make_person("Dritan", "Shehu", country="AL")
    data = {"first_name": "Dritan", "last_name": "Shehu", "gender": "male", "country": session.country_id}
    response = client.post(_url("registration_new_person", session), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "These people may be the same person" in html and f'name="person" value="{known.pk}"' in html
    assert 'type="checkbox" name="record_anyway"' in html
    response = client.post(_url("registration_new_person", session), {**data, "record_anyway": "on"})
    assert response.status_code == 302
    assert Registration.objects.filter(session=session, person__last_name="Shehu").exclude(person=known).exists()


def test_status_change_with_htmx_says_who_moved_up(client: Any, world: dict[str, Any]) -> None:
    session = world["session"]
    client.force_login(world["coordinator_al"])
    regs = [register(session, make_person(f"P{n}", "Seat")) for n in range(3)]
    waiting = register(session, make_person("Wendy", "Waiting"), status=RegistrationStatus.WAITING)
    response = client.post(
        _url("registration_status", session, registration_pk=regs[0].pk),
        {"status": "withdrawn"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<div id="registrations-table">')
    assert 'hx-swap-oob="true"' in html
    assert "A seat was freed: Wendy Waiting moved from the waiting list to registered." in html
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.REGISTERED
    response = client.post(_url("registration_status", session, registration_pk=regs[1].pk), {"status": "nonsense"})
    assert response.status_code == 302
    other = make_session(design=session.design, country="AL")
    foreign = register(other, make_person())
    assert (
        client.post(
            _url("registration_status", session, registration_pk=foreign.pk), {"status": "withdrawn"}
        ).status_code
        == 404
    )


def test_remove(client: Any, world: dict[str, Any]) -> None:
    session = world["session"]
    client.force_login(world["coordinator_al"])
    registration = register(session, make_person("Ana", "Hoxha"))
    response = client.post(_url("registration_remove", session, registration_pk=registration.pk))
    assert response.status_code == 302
    assert not Registration.objects.exists()


def test_trainers_read_and_me_officers_do_not_see_names(client: Any, world: dict[str, Any]) -> None:
    session = world["session"]
    register(session, make_person("Ana", "Hoxha"))
    client.force_login(world["trainer"])
    html = client.get(_url("registrations", session)).content.decode()
    assert "Hoxha" in html and 'name="status"' not in html and "Add a person" not in html
    client.force_login(world["me_officer"])
    assert client.get(_url("registrations", session)).status_code == 404


@pytest.mark.parametrize(
    ("persona", "list_link", "import_link"),
    [("coordinator_al", True, True), ("trainer", True, False), ("me_officer", False, False)],
)
def test_panel_tag(world: dict[str, Any], persona: str, list_link: bool, import_link: bool) -> None:
    session = world["session"]
    register(session, make_person())
    register(session, make_person(), status=RegistrationStatus.WAITING)
    request = RequestFactory().get("/")
    request.user = world[persona]
    html = Template("{% include 'delivery/registrations/partials/session_panel.html' %}").render(
        Context({"session": session, "request": request})
    )
    assert "2 people on the list" in html and "1 waiting" in html
    assert (f'href="{_url("registrations", session)}"' in html) is list_link
    assert (f'href="{_url("registration_import", session)}"' in html) is import_link
    assert _url("registrations_summary", session, fmt="xlsx") in html
