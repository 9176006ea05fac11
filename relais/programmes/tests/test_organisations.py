"""Organisations: who may see and change them, search across accents and alphabets, duplicates, partners."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from relais.core.models import AuditEvent, Country
from relais.programmes.models import Organisation, Programme
from relais.programmes.selectors_organisations import OrganisationFilters, organisation_list
from relais.programmes.services_organisations import organisation_create
from relais.programmes.text import search_key


def _org(name: str, country: str | None = "RS", **extra: Any) -> Organisation:
    values: dict[str, Any] = {"sector": "public", "kind": "labour_inspectorate"} | extra
    return organisation_create(
        actor=None,
        name=name,
        country=Country.objects.get(code=country) if country else None,
        **values,
    )


def test_search_key() -> None:
    assert search_key("Niš") == search_key("NIS") == search_key("Ниш") == "nis"
    assert search_key("Chișinău", "") == "chisinau"
    assert search_key("Đorđević") == search_key("Ђорђевић") == "dordevic"
    assert search_key("Inspektorati i Punës", "LIA") == "inspektorati i punes\nlia"


@pytest.mark.django_db
def test_search_ignores_accents_alphabets_and_case(personas: dict[str, Any]) -> None:
    nis = _org("Migrant Workers' Help Desk – Niš", kind="ngo", sector="civil_society")
    serbia = _org("Labour Inspectorate of Serbia", other_names="Инспекторат за рад")
    chisinau = _org("Chișinău Women's Rights Centre", country="MD", acronym="CWRC", kind="ngo")
    international = _org("Danube Network", country=None, sector="international", kind="international_body")
    user = personas["viewer"]

    def found(**filters: Any) -> set[Organisation]:
        return set(organisation_list(user=user, filters=OrganisationFilters(**filters)))

    assert found(query="nis") == {nis}
    assert found(query="NIŠ") == {nis}
    assert found(query="chisinau") == {chisinau}
    assert found(query="cwrc") == {chisinau}
    assert found(query="инспекторат") == {serbia}
    assert found(query="inspektorat") == {serbia}  # Cyrillic other name, typed in Latin letters
    assert found(country=Country.objects.get(code="RS").pk) == {nis, serbia}
    assert found(sector="international") == {international}
    assert found(kind="ngo") == {nis, chisinau}
    # Rows made without the services (by another app's factory) are still found by their name.
    raw = Organisation.objects.create(name="Raw Agency", sector="public", kind="ministry")
    assert found(query="raw agency") == {raw}


def test_list_is_paginated_and_its_queries_do_not_grow(client: Any, personas: dict[str, Any]) -> None:
    client.force_login(personas["coordinator_al"])
    url = reverse("programmes:organisations")

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, {"page": 2})
            assert response.status_code == 200
        return len(ctx.captured_queries)

    Organisation.objects.bulk_create(
        [Organisation(name=f"Org {i:03d}", sector="public", kind="police") for i in range(60)]
    )
    client.get(url)
    before = count()
    Organisation.objects.bulk_create([Organisation(name=f"More {i:03d}", sector="ngo", kind="ngo") for i in range(100)])
    after = count()
    assert before == after <= 8, (before, after)
    response = client.get(url, {"q": "org 05"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and "Org 050" in html and "Org 060" not in html


def test_menu_shows_organisations_to_people_with_a_role(client: Any, personas: dict[str, Any]) -> None:
    link = f'href="{reverse("programmes:organisations")}"'
    client.force_login(personas["trainer"])
    assert link in client.get("/").content.decode()
    client.force_login(personas["outsider"])
    assert link not in client.get("/").content.decode()


def test_coordinator_records_organisations_of_their_countries(client: Any, personas: dict[str, Any]) -> None:
    client.force_login(personas["coordinator_al"])
    url = reverse("programmes:organisation_create")
    page = client.get(url).content.decode()
    albania, italy = Country.objects.get(code="AL"), Country.objects.get(code="IT")
    assert f'<option value="{albania.pk}">' in page and f'<option value="{italy.pk}">' not in page
    data = {"name": "Shelter Tirana", "sector": "civil_society", "kind": "ngo", "country": italy.pk}
    response = client.post(url, data)
    assert response.status_code == 400 and not Organisation.objects.exists()
    response = client.post(url, {**data, "country": ""})
    assert response.status_code == 400 and not Organisation.objects.exists()
    response = client.post(url, {**data, "country": albania.pk})
    assert response.status_code == 302
    organisation = Organisation.objects.get()
    assert organisation.search_key == "shelter tirana"
    event = AuditEvent.objects.get(action="organisation.created")
    assert event.actor_label == "coord.al@example.org" and event.details == {"country": "AL"}
    # Coordinator of Italy may not edit it; the one of Albania may.
    edit = reverse("programmes:organisation_edit", args=[organisation.pk])
    client.force_login(personas["coordinator_it"])
    assert client.get(edit).status_code == 404
    client.force_login(personas["coordinator_al"])
    response = client.post(edit, {**data, "country": albania.pk, "acronym": "ST"})
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.acronym == "ST" and "st" in organisation.search_key.splitlines()
    assert AuditEvent.objects.get(action="organisation.updated").details == {"fields": ["acronym"]}


def test_manager_of_any_programme_records_any_organisation(
    client: Any, personas: dict[str, Any], other_programme: Programme
) -> None:
    client.force_login(personas["manager"])
    response = client.post(
        reverse("programmes:organisation_create"),
        {"name": "Regional Network", "sector": "international", "kind": "international_body"},
    )
    assert response.status_code == 302
    assert Organisation.objects.get().country is None


def test_duplicate_is_flagged_before_saving(client: Any, personas: dict[str, Any]) -> None:
    existing = _org("Labour Inspectorate of Serbia")
    client.force_login(personas["admin"])
    url = reverse("programmes:organisation_create")
    data = {
        "name": "labour inspectorate of SERBIA",
        "sector": "public",
        "kind": "labour_inspectorate",
        "country": existing.country_id,
    }
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "already recorded in this country" in html and "Save anyway" in html
    assert Organisation.objects.count() == 1
    # The same name in another country is not a duplicate; confirming saves a true homonym.
    assert client.post(url, {**data, "country": Country.objects.get(code="HU").pk}).status_code == 302
    assert client.post(url, {**data, "confirm_duplicate": "on"}).status_code == 302
    assert Organisation.objects.count() == 3
    # Editing an organisation does not flag it as its own duplicate.
    edit = reverse("programmes:organisation_edit", args=[existing.pk])
    response = client.post(edit, {**data, "name": existing.name, "website": "https://example.org"})
    assert response.status_code == 400  # the confirmed homonym is another row with this name


def test_partners_are_added_and_removed(client: Any, personas: dict[str, Any], programme: Programme) -> None:
    inspectorate = _org("Labour Inspectorate of Serbia")
    shelter = _org("Shelter Niš", kind="ngo", sector="civil_society")
    client.force_login(personas["manager"])
    url = reverse("programmes:partners", args=[programme.pk])
    html = client.get(url, {"q": "nis"}).content.decode()
    assert "Shelter Niš" in html and "Labour Inspectorate of Serbia" not in html
    response = client.post(
        reverse("programmes:partner_add", args=[programme.pk]), {"organisation": shelter.pk, "q": "nis"}
    )
    assert response["Location"] == f"{url}?q=nis"
    assert list(programme.partners.all()) == [shelter]
    html = client.get(url, {"q": "nis"}, HTTP_HX_REQUEST="true").content.decode()
    assert "No organisation matches" in html  # partners already added are not offered again
    client.post(reverse("programmes:partner_add", args=[programme.pk]), {"organisation": inspectorate.pk})
    client.post(reverse("programmes:partner_remove", args=[programme.pk]), {"organisation": shelter.pk})
    assert list(programme.partners.all()) == [inspectorate]
    actions = list(AuditEvent.objects.filter(action__startswith="programme.partner").values_list("action", flat=True))
    assert sorted(actions) == ["programme.partner_added", "programme.partner_added", "programme.partner_removed"]
    assert client.post(reverse("programmes:partner_add", args=[programme.pk]), {"organisation": "x"}).status_code == 404
