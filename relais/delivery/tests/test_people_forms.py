"""Recording and editing people, consents, the organisation list of the form, the duplicates page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from relais.core.models import AuditEvent, Country, Language, Profession
from relais.delivery import services_people
from relais.delivery.models import Consent, Person
from relais.delivery.tests.factories import make_person
from relais.programmes.models import Organisation


@pytest.fixture
def orgs(db: None) -> dict[str, Organisation]:
    al, it = Country.objects.get(code="AL"), Country.objects.get(code="IT")
    return {
        "al": Organisation.objects.create(name="Albanian State Police", country=al, sector="public", kind="police"),
        "al_ngo": Organisation.objects.create(name="Tirana Shelter", country=al, sector="civil_society", kind="ngo"),
        "it": Organisation.objects.create(name="Carabinieri", country=it, sector="public", kind="police"),
        "intl": Organisation.objects.create(name="Danube Network", sector="international", kind="international_body"),
    }


def _data(**values: Any) -> dict[str, Any]:
    data = {
        "first_name": "Ștefan",
        "last_name": "Đorđević",
        "gender": "male",
        "country": Country.objects.get(code="AL").pk,
        "organisation": "",
        "profession": Profession.objects.get(code="police").pk,
        "position": "Police inspector",
        "email": "Stefan.Dordevic@Police.example.al",
        "phone": "+355 4 222 3333",
        "languages": [Language.objects.get(code="sq").pk, Language.objects.get(code="en").pk],
    }
    data.update(values)
    return {k: v for k, v in data.items() if v is not None}


def test_record_a_person(client: Any, personas: dict[str, Any], orgs: dict[str, Organisation]) -> None:
    client.force_login(personas["coordinator_al"])
    response = client.post(reverse("delivery:person_new"), _data(organisation=orgs["al"].pk))
    person = Person.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/people/{person.pk}/"
    assert person.name_key == "stefan dordevic"
    assert person.email == "stefan.dordevic@police.example.al"
    assert {lang.code for lang in person.languages.all()} == {"sq", "en"}
    event = AuditEvent.objects.get(action="person.created")
    assert event.actor == personas["coordinator_al"] and event.object_id == str(person.pk)
    assert "Đorđević" not in str(event.details) and "police.example" not in str(event.details)


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"country": "IT"}, "country", "Select a valid choice"),  # not one of the coordinator's countries
        ({"country": ""}, "country", "This field is required"),
        ({"organisation": "it"}, "organisation", "Select a valid choice"),  # of another country
        ({"email": "not an address"}, "email", "valid email"),
        ({"phone": "call me"}, "phone", "not a telephone number"),
        ({"first_name": "  "}, "first_name", "This field is required"),
        ({"last_name": "--"}, "last_name", "at least one letter"),
    ],
)
def test_messages_next_to_fields(
    client: Any,
    personas: dict[str, Any],
    orgs: dict[str, Organisation],
    values: dict[str, str],
    field: str,
    message: str,
) -> None:
    client.force_login(personas["coordinator_al"])
    data = _data()
    for key, value in values.items():
        if key == "country" and value:
            data[key] = Country.objects.get(code=value).pk
        elif key == "organisation":
            data[key] = orgs[value].pk
        else:
            data[key] = value
    response = client.post(reverse("delivery:person_new"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html and message in html, html[html.find("invalid-feedback") - 200 :][:600]
    assert not Person.objects.exists()


def test_international_organisation_and_options(client: Any, personas: dict[str, Any], orgs: dict[str, Any]) -> None:
    client.force_login(personas["coordinator_al"])
    response = client.post(reverse("delivery:person_new"), _data(organisation=orgs["intl"].pk))
    assert response.status_code == 302
    url = reverse("delivery:person_organisations")
    al = Country.objects.get(code="AL").pk
    html = client.get(url, {"country": al}).content.decode()
    assert "Albanian State Police" in html and "Danube Network" in html and "Carabinieri" not in html
    html = client.get(url, {"country": al, "organisation_search": "shelter"}).content.decode()
    assert "Tirana Shelter" in html and "Albanian State Police" not in html
    html = client.get(url, {"country": al, "organisation_search": "shelter", "organisation": orgs["al"].pk})
    assert f'value="{orgs["al"].pk}" selected' in html.content.decode()  # the current choice stays


def test_possible_duplicate_is_shown_then_confirmed(client: Any, personas: dict[str, Any]) -> None:
    known = make_person("Stefan", "Djordjevic", country="AL")
    hidden = make_person("Ștefan", "Đorđević", country="IT", email="stefan.dordevic@police.example.al")
    client.force_login(personas["coordinator_al"])
    response = client.post(reverse("delivery:person_new"), _data())
    html = response.content.decode()
    assert response.status_code == 400 and "may already be recorded" in html
    assert f"/people/{known.pk}/" in html and f"/people/{hidden.pk}/" not in html  # out of reach: no hint
    assert "Save anyway" in html
    response = client.post(reverse("delivery:person_new"), _data(confirm_duplicate="on"))
    assert response.status_code == 302 and Person.objects.count() == 3


def test_edit_recomputes_the_key_and_audits_fields(client: Any, personas: dict[str, Any]) -> None:
    person = make_person("Jelena", "Petrovic", country="AL")
    client.force_login(personas["manager"])
    url = reverse("delivery:person_edit", kwargs={"pk": person.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, _data(first_name="Јелена", last_name="Петровић", confirm_duplicate="on"))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.name_key == "jelena petrovic" and person.last_name == "Петровић"
    event = AuditEvent.objects.get(action="person.updated")
    assert set(event.details["fields"]) >= {"first_name", "last_name", "email", "languages"}
    client.force_login(personas["coordinator_it"])
    assert client.get(url).status_code == 404
    client.force_login(personas["trainer"])
    assert client.get(url).status_code == 404


def test_service_refuses_people_out_of_scope(personas: dict[str, Any]) -> None:
    person = make_person("Marco", "Rossi", country="IT")
    with pytest.raises(PermissionError):
        services_people.person_update(actor=personas["coordinator_al"], person=person, first_name="M", last_name="R")
    with pytest.raises(ValidationError) as exc:
        services_people.person_create(
            actor=personas["coordinator_al"], first_name="A", last_name="B", country=Country.objects.get(code="IT")
        )
    assert "country" in exc.value.message_dict


def test_consents(client: Any, personas: dict[str, Any]) -> None:
    person = make_person("Arben", "Kola", country="AL")
    client.force_login(personas["coordinator_al"])
    add = reverse("delivery:person_consent_add", kwargs={"pk": person.pk})
    data = {"consent-purpose": "Evaluation data", "consent-given_on": "2026-01-15", "consent-method": "paper"}
    response = client.post(add, data)
    assert response.status_code == 302 and response["Location"].endswith("#consents")
    consent = Consent.objects.get()
    assert (consent.purpose, consent.method, consent.recorded_by) == (
        "Evaluation data",
        "paper",
        personas["coordinator_al"],
    )
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    response = client.post(add, {**data, "consent-given_on": future})
    assert response.status_code == 400 and "cannot be in the future" in response.content.decode()

    withdraw = reverse("delivery:person_consent_withdraw", kwargs={"pk": person.pk, "consent_pk": consent.pk})
    client.post(withdraw, {"withdraw-withdrawn_on": "2026-01-10"})  # before it was given: refused
    consent.refresh_from_db()
    assert consent.withdrawn_on is None
    client.post(withdraw, {"withdraw-withdrawn_on": "2026-02-01"})
    consent.refresh_from_db()
    assert consent.withdrawn_on == dt.date(2026, 2, 1)
    html = client.get(reverse("delivery:person", kwargs={"pk": person.pk})).content.decode()
    assert "Withdrawn on 1 Feb 2026" in html
    actions = list(AuditEvent.objects.filter(object_id=str(person.pk)).values_list("action", flat=True))
    assert {"person.consent_recorded", "person.consent_withdrawn"} <= set(actions)
    # A consent of someone else cannot be reached through this person.
    other = make_person("Ana", "Leka", country="AL")
    url = reverse("delivery:person_consent_withdraw", kwargs={"pk": other.pk, "consent_pk": consent.pk})
    assert client.post(url, {"withdraw-withdrawn_on": "2026-02-01"}).status_code == 404


def test_duplicates_page(client: Any, personas: dict[str, Any]) -> None:
    a = make_person("Milan", "Đorđević", country="AL")
    b = make_person("Milan", "Djordjevic", country="AL")
    make_person("Marco", "Rossi", country="IT", email="m.rossi@example.org")
    make_person("Marco", "Rossi", country="IT", email="M.Rossi@example.org")
    url = reverse("delivery:people_duplicates")
    client.force_login(personas["coordinator_al"])
    html = client.get(url).content.decode()
    assert "Same name, written alike or in another alphabet" in html
    assert reverse("delivery:people_merge", kwargs={"a": a.pk, "b": b.pk}) in html
    assert "Rossi" not in html
    client.force_login(personas["coordinator_it"])
    html = client.get(url).content.decode()
    assert "Rossi" in html and "Same e-mail address" in html and "Milan" not in html
    client.force_login(personas["admin"])
    html = client.get(url, {"country": Country.objects.get(code="IT").pk}).content.decode()
    assert "Rossi" in html and "Milan" not in html


def test_duplicates_page_asks_for_a_country_in_a_large_scope(
    client: Any, personas: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from relais.delivery import selectors_people

    monkeypatch.setattr(selectors_people, "DUPLICATES_WHOLE_SCOPE_LIMIT", 2)
    for _ in range(2):
        make_person("Milan", "Đorđević", country="AL")
    make_person("Marco", "Rossi", country="IT")
    client.force_login(personas["admin"])
    url = reverse("delivery:people_duplicates")
    html = client.get(url).content.decode()
    assert "choose a country" in html and "Đorđević" not in html
    html = client.get(url, {"country": Country.objects.get(code="AL").pk}).content.decode()
    assert "Đorđević" in html
