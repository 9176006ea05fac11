"""The people list and search, the person page: who sees what, search across accents and alphabets,
names never in URLs, audit of every view, query counts that do not grow with the rows."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from relais.core.models import AuditEvent, Country, Profession
from relais.delivery.models import Person, Registration
from relais.delivery.names import name_key
from relais.delivery.selectors_people import PeopleFilters, people_search
from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.tests.factories import make_complete_design
from relais.programmes.models import Organisation

URL = "/people/"


@pytest.fixture
def world(personas: dict[str, Any], programme: Any, other_programme: Any) -> dict[str, Any]:
    design = make_complete_design(programme=programme)
    al = make_session(design=design, country="AL")
    it = make_session(design=design, country="IT", city="Rome")
    al.trainers.add(personas["trainer"])
    inspectorate = Organisation.objects.create(
        name="Labour Inspectorate", country=Country.objects.get(code="AL"), sector="public", kind="labour_inspectorate"
    )
    people = {
        "djordjevic": make_person("Milan", "Djordjevic", country="AL", organisation=inspectorate),
        "stefan": make_person("Stefan", "Popescu", country="AL", profession="prosecution", email="s.popescu@x.example"),
        "cyrillic": make_person("Јелена", "Петровић", country="AL"),
        "ivana": make_person("Ivana", "Hoxha", country="AL"),
        "marco": make_person("Marco", "Rossi", country="IT"),
    }
    register(al, people["djordjevic"])
    register(it, people["marco"])
    return {**personas, **people, "al": al, "it": it, "inspectorate": inspectorate}


def _found(user: Any, query: str = "", **filters: Any) -> set[str]:
    return {str(p) for p in people_search(user=user, filters=PeopleFilters(query=query, **filters))}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Đorđević", {"Milan Djordjevic"}),  # the issue: accents typed, none stored
        ("Ștefan", {"Stefan Popescu"}),
        ("Ђорђевић", {"Milan Djordjevic"}),  # Cyrillic finds Latin
        ("petrovic", {"Јелена Петровић"}),  # and Latin finds Cyrillic
        ("ЈЕЛЕНА", {"Јелена Петровић"}),
        ("milan DJORDJ", {"Milan Djordjevic"}),  # several words, any case, beginnings of words
        ("dordevic milan", {"Milan Djordjevic"}),  # any order
        ("ana", set()),  # beginnings of words: "ana" does not find Ivana
        ("s.popescu@", {"Stefan Popescu"}),  # an e-mail address
        ("s.pop", {"Stefan Popescu"}),
        ("x.example", set()),  # inside an address, only once an @ is typed
        ("popescu", {"Stefan Popescu"}),
        ("@x.example", {"Stefan Popescu"}),
        ("rossi", set()),  # a person of Italy, out of the coordinator's reach
    ],
)
def test_search(world: dict[str, Any], typed: str, expected: set[str]) -> None:
    assert _found(world["coordinator_al"], typed) == expected


def test_filters(world: dict[str, Any]) -> None:
    admin = world["admin"]
    assert _found(admin, country=Country.objects.get(code="IT").pk) == {"Marco Rossi"}
    assert _found(admin, organisation=world["inspectorate"].pk) == {"Milan Djordjevic"}
    assert _found(admin, profession=Profession.objects.get(code="prosecution").pk) == {"Stefan Popescu"}
    assert _found(world["trainer"]) == {"Milan Djordjevic"}  # registered in the session they train


def test_search_page_posts_the_name_and_ignores_names_in_urls(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["coordinator_al"])
    response = client.post(URL, {"q": "Ђорђевић"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Djordjevic" in html and "Hoxha" not in html
    assert 'method="post"' in html and "hx-push-url" not in html
    # A name in the query string is not used (nor kept): the whole list is shown.
    html = client.get(URL, {"q": "Djordjevic"}).content.decode()
    assert "Hoxha" in html and 'value="Djordjevic"' not in html
    # Filters by id may come in a link.
    html = client.get(URL, {"organisation": world["inspectorate"].pk}).content.decode()
    assert "Djordjevic" in html and "Hoxha" not in html
    partial = client.post(URL, {"q": "stefan"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and "Popescu" in partial


@pytest.mark.parametrize("who", ["me_officer", "viewer", "outsider"])
def test_roles_without_personal_data_get_404(client: Any, world: dict[str, Any], who: str) -> None:
    client.force_login(world[who])
    assert client.get(URL).status_code == 404
    assert client.post(URL, {"q": "milan"}).status_code == 404
    assert client.get(reverse("delivery:person", kwargs={"pk": world["djordjevic"].pk})).status_code == 404


def test_list_queries_do_not_grow(client: Any, world: dict[str, Any]) -> None:
    organisation = world["inspectorate"]
    albania = Country.objects.get(code="AL")
    police = Profession.objects.get(code="police")

    def add(n: int, start: int) -> None:
        made = Person.objects.bulk_create(
            [
                Person(
                    first_name="Agim",
                    last_name=f"Kola{i}",
                    name_key=name_key("Agim", f"Kola{i}"),
                    country=albania,
                    organisation=organisation,
                    profession=police,
                )
                for i in range(start, start + n)
            ]
        )
        Registration.objects.bulk_create([Registration(session=world["al"], person=p) for p in made])

    for who in ("admin", "coordinator_al", "trainer"):
        client.force_login(world[who])

        def count() -> int:
            with CaptureQueriesContext(connection) as ctx:
                assert client.post(URL, {"q": "", "page": "1"}).status_code == 200
            return len(ctx.captured_queries)

        add(10, 0 if who == "admin" else 1000 * len(who))
        count()  # the session and the user, saved once after logging in
        before = count()
        add(120, 100 + 1000 * len(who))
        after = count()
        assert before == after <= 18, (who, before, after)


def test_pagination_is_posted_with_the_search(client: Any, world: dict[str, Any]) -> None:
    albania = Country.objects.get(code="AL")
    Person.objects.bulk_create(
        [
            Person(
                first_name="Agim", last_name=f"Kola{i:03d}", name_key=name_key("Agim", f"Kola{i:03d}"), country=albania
            )
            for i in range(60)
        ]
    )
    client.force_login(world["coordinator_al"])
    html = client.post(URL, {"q": "agim"}).content.decode()
    assert 'name="page" value="2"' in html and "Kola049" in html and "Kola050" not in html
    html = client.post(URL, {"q": "agim", "page": "2"}).content.decode()
    assert "Kola050" in html and "Kola049" not in html


def test_person_page_is_audited_and_scoped(client: Any, world: dict[str, Any]) -> None:
    person = world["djordjevic"]
    url = reverse("delivery:person", kwargs={"pk": person.pk})
    client.force_login(world["trainer"])
    html = client.get(url).content.decode()
    assert "Milan Djordjevic" in html and world["al"].title in html
    assert "Labour Inspectorate" in html
    assert "Record a consent" not in html  # trainers read only
    client.get(url)
    events = AuditEvent.objects.filter(action="person.viewed", object_id=str(person.pk))
    assert events.count() == 2
    assert [(e.actor, e.details) for e in events] == [(world["trainer"], {"page": "person"})] * 2
    # Registrations show only in sessions the viewer may see.
    register(world["it"], person)
    client.force_login(world["coordinator_al"])
    html = client.get(url).content.decode()
    assert world["al"].title in html and world["it"].title not in html
    assert "Record a consent" in html


def test_coordinator_of_a_never_reaches_people_of_b(client: Any, world: dict[str, Any]) -> None:
    """Every page with a person in it, for a person of Italy and for ids that do not exist."""
    marco, milan = world["marco"], world["djordjevic"]
    client.force_login(world["coordinator_al"])
    missing = Person.objects.order_by("-pk").first().pk + 1000  # type: ignore[union-attr]
    for pk in (marco.pk, missing):
        for name in ("delivery:person", "delivery:person_edit", "delivery:person_consent_add"):
            assert client.get(reverse(name, kwargs={"pk": pk})).status_code == 404, (name, pk)
        assert client.post(reverse("delivery:person_edit", kwargs={"pk": pk}), {"first_name": "X"}).status_code == 404
        consent_url = reverse("delivery:person_consent_withdraw", kwargs={"pk": pk, "consent_pk": 1})
        assert client.post(consent_url).status_code == 404
        for a, b in ((milan.pk, pk), (pk, milan.pk)):
            assert client.get(reverse("delivery:people_merge", kwargs={"a": a, "b": b})).status_code == 404
            assert client.post(reverse("delivery:people_merge", kwargs={"a": a, "b": b})).status_code == 404
    assert client.get(reverse("delivery:people_merge", kwargs={"a": milan.pk, "b": milan.pk})).status_code == 404
    assert not AuditEvent.objects.filter(action="person.viewed", object_id=str(marco.pk)).exists()
    html = client.post(URL, {"q": "marco"}).content.decode()
    assert "Rossi" not in html
