"""People through the API: the People pages' scoping, search and duplicate check, logged reads."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from relais.api.routers import people as people_router
from relais.api.tests.factories import api_for
from relais.core.models import AuditEvent, Country
from relais.delivery.models import Person
from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.tests.factories import make_complete_design
from relais.programmes.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_counters() -> None:
    cache.clear()


def _org(code: str | None = "AL", name: str = "Labour Inspectorate") -> Organisation:
    country = Country.objects.get(code=code) if code else None
    return Organisation.objects.create(name=name, country=country, sector="public", kind="labour_inspectorate")


@pytest.fixture
def world(personas: dict[str, Any], programme: Any) -> dict[str, Any]:
    """An Albanian registered in a session trained by `trainer`, an Albanian not registered, an Italian."""
    session = make_session(design=make_complete_design(programme=programme), country="AL")
    session.trainers.add(personas["trainer"])
    registered = make_person("Milan", "Đorđević", country="AL", email="milan@example.al", phone="+355 4 222 3333")
    register(session, registered)
    return {
        "session": session,
        "registered": registered,
        "albanian": make_person("Besa", "Hoxha", country="AL", profession="labour_inspection"),
        "italian": make_person("Giulia", "Rossi", country="IT"),
    }


def _ids(response: Any) -> set[int]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


# Reading --------------------------------------------------------------------------------------------


def test_list_is_scoped_like_the_people_page(personas: dict[str, Any], world: dict[str, Any]) -> None:
    everyone = {world["registered"].pk, world["albanian"].pk, world["italian"].pk}
    assert _ids(api_for(personas["admin"]).get("/people")) == everyone
    assert _ids(api_for(personas["manager"]).get("/people")) == everyone
    assert _ids(api_for(personas["coordinator_al"]).get("/people")) == {world["registered"].pk, world["albanian"].pk}
    assert _ids(api_for(personas["coordinator_it"]).get("/people")) == {world["italian"].pk}
    assert _ids(api_for(personas["trainer"]).get("/people")) == {world["registered"].pk}
    for persona in ("me_officer", "viewer", "outsider"):
        assert api_for(personas[persona]).get("/people").status_code == 404, persona


def test_list_filters(personas: dict[str, Any], world: dict[str, Any]) -> None:
    client = api_for(personas["admin"])
    inspectorate = _org()
    Person.objects.filter(pk=world["albanian"].pk).update(organisation=inspectorate)
    # The name key: case, accents and alphabet ignored, each word beginning a word of the name.
    assert _ids(client.get("/people", {"q": "djordjevic"})) == {world["registered"].pk}
    assert _ids(client.get("/people", {"q": "Ђорђевић"})) == {world["registered"].pk}
    assert _ids(client.get("/people", {"q": "milan@example.al"})) == {world["registered"].pk}
    assert _ids(client.get("/people", {"q": "ossi"})) == set()
    assert _ids(client.get("/people", {"country": "IT"})) == {world["italian"].pk}
    assert _ids(client.get("/people", {"profession": "labour_inspection"})) == {world["albanian"].pk}
    assert _ids(client.get("/people", {"organisation_id": inspectorate.pk})) == {world["albanian"].pk}
    for field, value in (("country", "ZZ"), ("profession", "astronaut")):
        response = client.get("/people", {field: value})
        assert response.status_code == 422
        assert response.json()["errors"] == [
            {"location": "query", "field": field, "pointer": None, "detail": "Unknown code: see GET /vocabularies."}
        ]
    assert client.get("/people", {"q": "x" * 101}).json()["errors"][0]["field"] == "q"


def test_list_pages_through_everyone_once(personas: dict[str, Any], world: dict[str, Any]) -> None:
    client = api_for(personas["admin"])
    seen: list[int] = []
    cursor = None
    while True:
        body = client.get("/people", {"limit": 2, **({"cursor": cursor} if cursor else {})}).json()
        assert len(body["items"]) <= 2
        seen += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == sorted(Person.objects.values_list("pk", flat=True))


def test_list_queries_do_not_grow_with_the_rows(
    personas: dict[str, Any], programme: Any, django_assert_max_num_queries: Any
) -> None:
    client = api_for(personas["manager"])
    organisation = _org()

    def add(n: int) -> None:
        for i in range(n):
            person = make_person("Ana", f"Batch{i}", country="AL", organisation=organisation)
            person.languages.set(person.languages.model.objects.filter(code__in=["sq", "en"]))

    add(2)
    with django_assert_max_num_queries(40) as few:
        assert len(client.get("/people").json()["items"]) == 2
    add(18)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get("/people").json()["items"]) == 20


def test_read_gives_the_record_and_logs_the_reading(personas: dict[str, Any], world: dict[str, Any]) -> None:
    person = world["registered"]
    person.languages.set(person.languages.model.objects.filter(code__in=["sq", "en"]))
    response = api_for(personas["trainer"]).get(f"/people/{person.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["first_name"] == "Milan" and body["last_name"] == "Đorđević"
    assert body["country"] == "AL" and body["profession"] == "police" and body["gender"] == "undisclosed"
    assert body["email"] == "milan@example.al" and body["phone"] == "+355 4 222 3333"
    assert body["languages"] == ["en", "sq"]
    event = AuditEvent.objects.get(action="person.viewed")
    assert event.details == {"page": "api"} and event.actor == personas["trainer"]
    assert event.object_type.lower().endswith("person") and event.object_id == str(person.pk)


def test_read_of_a_person_out_of_reach_is_404(personas: dict[str, Any], world: dict[str, Any]) -> None:
    url = f"/people/{world['albanian'].pk}"
    assert api_for(personas["coordinator_it"]).get(url).status_code == 404
    assert api_for(personas["trainer"]).get(url).status_code == 404  # not in a session they train
    assert api_for(personas["me_officer"]).get(url).status_code == 404
    assert api_for(personas["admin"]).get("/people/999999").status_code == 404
    assert not AuditEvent.objects.filter(action="person.viewed").exists()


def test_contacts_are_null_for_a_role_that_may_not_see_them(
    personas: dict[str, Any], world: dict[str, Any], monkeypatch: Any
) -> None:
    monkeypatch.setattr(people_router, "personal", lambda request: False)
    body = api_for(personas["admin"]).get(f"/people/{world['registered'].pk}").json()
    assert body["email"] is None and body["phone"] is None and body["last_name"] == "Đorđević"
    items = api_for(personas["admin"]).get("/people").json()["items"]
    assert {item["email"] for item in items} == {None}


# Recording ------------------------------------------------------------------------------------------


def test_create_records_a_person(personas: dict[str, Any], world: dict[str, Any]) -> None:
    organisation = _org()
    body = {
        "first_name": "  Arta ",
        "last_name": "Krasniqi",
        "gender": "female",
        "country": "AL",
        "organisation_id": organisation.pk,
        "profession": "prosecution",
        "position": "Prosecutor",
        "email": "Arta.Krasniqi@Example.AL",
        "phone": "+355 69 123 4567",
        "languages": ["sq", "en", "sq"],
    }
    response = api_for(personas["coordinator_al"]).post("/people", body)
    assert response.status_code == 201, response.content
    made = response.json()
    person = Person.objects.get(pk=made["id"])
    assert made["first_name"] == "Arta" and made["email"] == "arta.krasniqi@example.al"
    assert made["organisation_id"] == organisation.pk and made["organisation_name"] == "Labour Inspectorate"
    assert made["languages"] == ["en", "sq"] and made["profession"] == "prosecution"
    assert person.name_key == "arta krasniqi"
    assert AuditEvent.objects.filter(action="person.created", actor=personas["coordinator_al"]).count() == 1


def test_create_is_idempotent(personas: dict[str, Any], world: dict[str, Any]) -> None:
    client = api_for(personas["manager"])
    body = {"first_name": "Dritan", "last_name": "Gashi", "country": "XK"}
    first = client.post("/people", body, **{"Idempotency-Key": "person-1"})
    again = client.post("/people", body, **{"Idempotency-Key": "person-1"})
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true" and again.json()["id"] == first.json()["id"]
    assert Person.objects.filter(last_name="Gashi").count() == 1


def test_create_refuses_a_likely_duplicate_unless_told(personas: dict[str, Any], world: dict[str, Any]) -> None:
    client = api_for(personas["coordinator_al"])
    body = {"first_name": "Milan", "last_name": "Djordjevic", "country": "AL"}
    response = client.post("/people", body)
    assert response.status_code == 409
    problem = response.json()
    assert problem["type"].endswith("problem-conflict")
    assert [(e["field"], e["person_id"]) for e in problem["errors"]] == [("", world["registered"].pk)]
    assert str(world["registered"].pk) in problem["errors"][0]["detail"]
    # The same e-mail address, whatever the name.
    response = client.post(
        "/people", {"first_name": "M", "last_name": "D", "country": "AL", "email": "MILAN@example.al"}
    )
    assert response.status_code == 409
    assert not Person.objects.filter(last_name__in=["Djordjevic", "D"]).exists()
    assert client.post("/people", {**body, "allow_duplicate": True}).status_code == 201
    # People out of reach are never hinted at: coordinator_al does not see the Italian.
    Person.objects.filter(pk=world["italian"].pk).update(email="giulia@example.it")
    same_address = {"first_name": "G", "last_name": "R", "country": "AL", "email": "giulia@example.it"}
    assert api_for(personas["manager"]).post("/people", same_address).status_code == 409
    assert client.post("/people", same_address).status_code == 201


@pytest.mark.parametrize(
    "change, field",
    [
        ({"first_name": "123"}, "first_name"),
        ({"first_name": ""}, "first_name"),
        ({"last_name": "x" * 151}, "last_name"),
        ({"gender": "unknown"}, "gender"),
        ({"email": "not an address"}, "email"),
        ({"phone": "call me"}, "phone"),
        ({"phone": "+3"}, "phone"),
        ({"country": "ZZ"}, "country"),
        ({"country": None}, "country"),  # required of everyone but administrators
        ({"country": "IT"}, "country"),  # not one of coordinator_al's countries
        ({"profession": "astronaut"}, "profession"),
        ({"languages": ["sq", "klingon"]}, "languages.1"),
        ({"languages": ["sq"] * 51}, "languages"),
        ({"organisation_id": 999999}, "organisation_id"),
        ({"organisation_id": 0}, "organisation_id"),
    ],
)
def test_create_validation(personas: dict[str, Any], change: dict[str, Any], field: str) -> None:
    body = {"first_name": "Arta", "last_name": "Krasniqi", "country": "AL", **change}
    response = api_for(personas["coordinator_al"]).post("/people", body)
    assert response.status_code == 422, response.content
    assert field in [e["field"] for e in response.json()["errors"]]
    assert not Person.objects.exists()


def test_create_refuses_an_organisation_of_another_country(personas: dict[str, Any]) -> None:
    italian = _org("IT", "Ispettorato")
    body = {"first_name": "Arta", "last_name": "Krasniqi", "country": "AL", "organisation_id": italian.pk}
    response = api_for(personas["manager"]).post("/people", body)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["organisation_id"]
    international = _org(None, "International Labour Organization")
    assert (
        api_for(personas["manager"]).post("/people", {**body, "organisation_id": international.pk}).status_code == 201
    )


def test_create_is_for_those_who_record_people(personas: dict[str, Any]) -> None:
    body = {"first_name": "Arta", "last_name": "Krasniqi", "country": "IT"}
    for persona in ("trainer", "me_officer", "viewer", "outsider"):
        assert api_for(personas[persona]).post("/people", body).status_code == 404, persona
    assert api_for(personas["coordinator_it"]).post("/people", body).status_code == 201
    assert api_for(personas["admin"]).post("/people", {"first_name": "No", "last_name": "Country"}).status_code == 201


# Changing -------------------------------------------------------------------------------------------


def test_patch_changes_the_fields_sent(personas: dict[str, Any], world: dict[str, Any]) -> None:
    person = world["registered"]
    person.languages.set(person.languages.model.objects.filter(code__in=["sq"]))
    client = api_for(personas["coordinator_al"])
    response = client.patch(f"/people/{person.pk}", {"position": "Chief inspector", "languages": ["en", "it"]})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["position"] == "Chief inspector" and body["languages"] == ["en", "it"]
    assert body["email"] == "milan@example.al" and body["profession"] == "police" and body["country"] == "AL"
    event = AuditEvent.objects.get(action="person.updated")
    assert sorted(event.details["fields"]) == ["languages", "position"]
    # null empties a field; the languages stay when not sent.
    body = client.patch(f"/people/{person.pk}", {"phone": None, "profession": None}).json()
    assert body["phone"] == "" and body["profession"] is None and body["languages"] == ["en", "it"]


@pytest.mark.parametrize(
    "change, field",
    [
        ({"first_name": None}, "first_name"),
        ({"last_name": "  "}, "last_name"),
        ({"country": None}, "country"),
        ({"country": "IT"}, "country"),
        ({"email": "nope"}, "email"),
        ({"languages": ["zz"]}, "languages.0"),
    ],
)
def test_patch_validation(personas: dict[str, Any], world: dict[str, Any], change: dict[str, Any], field: str) -> None:
    person = world["registered"]
    response = api_for(personas["coordinator_al"]).patch(f"/people/{person.pk}", change)
    assert response.status_code == 422, response.content
    assert [e["field"] for e in response.json()["errors"]] == [field]
    person.refresh_from_db()
    assert person.first_name == "Milan" and person.country.code == "AL"


def test_patch_refuses_a_likely_duplicate_unless_told(personas: dict[str, Any], world: dict[str, Any]) -> None:
    client = api_for(personas["manager"])
    url = f"/people/{world['albanian'].pk}"
    response = client.patch(url, {"first_name": "Milan", "last_name": "Djordjević"})
    assert response.status_code == 409
    assert [e["person_id"] for e in response.json()["errors"]] == [world["registered"].pk]
    assert (
        client.patch(url, {"first_name": "Milan", "last_name": "Djordjević", "allow_duplicate": True}).status_code
        == 200
    )
    # A change of other fields does not look again.
    assert client.patch(url, {"position": "Inspector"}).status_code == 200


def test_patch_is_for_those_who_edit_the_person(personas: dict[str, Any], world: dict[str, Any]) -> None:
    url = f"/people/{world['registered'].pk}"
    for persona in ("trainer", "coordinator_it", "me_officer", "viewer", "outsider"):
        assert api_for(personas[persona]).patch(url, {"position": "x"}).status_code == 404, persona
    assert api_for(personas["admin"]).patch("/people/999999", {"position": "x"}).status_code == 404
    assert not AuditEvent.objects.filter(action="person.updated").exists()


def test_lists_leave_telephone_gender_and_languages_to_the_audited_person(personas: dict[str, Any]) -> None:
    person = make_person("Drita", "Listed", phone="+355 4 222 3333", gender="female")
    client = api_for(personas["coordinator_al"])
    listed = [p for p in client.get("/people").json()["items"] if p["id"] == person.pk]
    assert listed and not {"phone", "gender", "languages"} & listed[0].keys()
    assert not AuditEvent.objects.filter(action="person.viewed").exists()
    one = client.get(f"/people/{person.pk}").json()
    assert one["phone"] == "+355 4 222 3333" and one["gender"] == "female"
    assert AuditEvent.objects.filter(action="person.viewed").count() == 1
