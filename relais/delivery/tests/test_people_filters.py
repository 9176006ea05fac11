"""The people page's filters offer only what can match: the organisations of the people the user
may see (of the chosen country)."""

from __future__ import annotations

import re
from typing import Any

from relais.core.models import Country
from relais.delivery.tests.factories import make_person
from relais.programmes.models import Organisation


def _organisations(html: str) -> set[str]:
    select = html[html.index('name="organisation"') :]
    select = select[: select.index("</select>")]
    return {name.strip() for name in re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)</option>", select)}


def test_the_organisation_filter_lists_the_employers_of_visible_people(client: Any, personas: dict[str, Any]) -> None:
    albania, italy = Country.objects.get(code="AL"), Country.objects.get(code="IT")
    police_al = Organisation.objects.create(name="State Police of Albania", country=albania)
    inspectorate_it = Organisation.objects.create(name="Ispettorato del lavoro", country=italy)
    Organisation.objects.create(name="Nobody works here", country=albania)
    make_person("Arta", "Hoxha", country="AL", organisation=police_al)
    make_person("Luca", "Rossi", country="IT", organisation=inspectorate_it)

    client.force_login(personas["admin"])
    assert _organisations(client.get("/people/").content.decode()) == {
        "State Police of Albania",
        "Ispettorato del lavoro",
    }
    narrowed = client.post("/people/", {"country": italy.pk}, HTTP_HX_REQUEST="true").content.decode()
    if 'name="organisation"' in narrowed:
        assert _organisations(narrowed) == {"Ispettorato del lavoro"}

    client.force_login(personas["coordinator_al"])
    assert _organisations(client.get("/people/").content.decode()) == {"State Police of Albania"}
