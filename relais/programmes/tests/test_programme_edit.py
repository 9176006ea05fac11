"""Creating and editing programmes: clean refusals, nothing half-written, every change audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from relais.core.models import AuditEvent, Country, Theme
from relais.programmes import services
from relais.programmes.models import Programme, RouteRole


def _ids(*codes: str) -> list[int]:
    return list(Country.objects.filter(code__in=codes).values_list("pk", flat=True))


def _data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": "thb-new",
        "title_en": "A new programme",
        "title_fr": "Un nouveau programme",
        "summary_en": "",
        "summary_fr": "",
        "donor": "A donor",
        "start_date": "2026-01-01",
        "end_date": "2027-12-31",
        "reporting_period": "half_year",
        "themes": list(Theme.objects.filter(code="thb_labour").values_list("pk", flat=True)),
        "objectives_en": "First objective\n\nSecond objective\n",
        "objectives_fr": "",
        "origin": _ids("AL", "RS"),
        "transit": _ids("HU"),
        "destination": _ids("AT"),
    }
    data.update(overrides)
    return data


def _edit_data(programme: Programme, **overrides: Any) -> dict[str, Any]:
    route: dict[str, list[int]] = {"origin": [], "transit": [], "destination": []}
    for pc in programme.programme_countries.all():
        route[pc.route_role].append(pc.country_id)
    data = _data(
        code=programme.code,
        title_en=programme.title_en,
        title_fr=programme.title_fr,
        donor=programme.donor,
        start_date=programme.start_date.isoformat(),
        end_date=programme.end_date.isoformat(),
        themes=list(programme.themes.values_list("pk", flat=True)),
        objectives_en="",
        **route,
    )
    data.update(overrides)
    return data


def test_administrator_creates_a_programme(admin_client: Any) -> None:
    response = admin_client.post(reverse("programmes:create"), _data())
    programme = Programme.objects.get(code="thb-new")
    assert response.status_code == 302 and response["Location"] == reverse("programmes:detail", args=[programme.pk])
    assert dict(programme.programme_countries.values_list("country__code", "route_role")) == {
        "AL": "origin",
        "RS": "origin",
        "HU": "transit",
        "AT": "destination",
    }
    assert programme.objectives == ["First objective", "Second objective"]
    event = AuditEvent.objects.get(action="programme.created", object_id=str(programme.pk))
    assert event.actor_label == "admin@example.org" and event.details["countries"] == ["AL", "AT", "HU", "RS"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (lambda: {"end_date": "2025-12-31"}, "The end comes before the start"),
        (lambda: {"transit": _ids("HU", "AL")}, "Already chosen with another role on the route: Albania."),
        (lambda: {"title_en": ""}, "This field is required."),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(admin_client: Any, overrides: Any, message: str) -> None:
    before = (Programme.objects.count(), AuditEvent.objects.count())
    response = admin_client.post(reverse("programmes:create"), _data(**overrides()))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "Nothing was saved" in html
    assert (Programme.objects.count(), AuditEvent.objects.count()) == before


def test_code_must_be_unique(admin_client: Any, programme: Programme) -> None:
    response = admin_client.post(reverse("programmes:create"), _data(code=programme.code))
    assert response.status_code == 400
    assert "already exists" in response.content.decode()
    with pytest.raises(ValidationError) as exc:
        services.programme_create(
            actor=None, code=programme.code, title_en="X", start_date=programme.start_date, end_date=programme.end_date
        )
    assert "code" in exc.value.message_dict


def test_only_administrators_create(personas: dict[str, Any], programme: Programme) -> None:
    with pytest.raises(PermissionError):
        services.programme_create(
            actor=personas["manager"],
            code="x",
            title_en="X",
            start_date=programme.start_date,
            end_date=programme.end_date,
        )


def test_manager_edits_facts_and_route(client: Any, personas: dict[str, Any], programme: Programme) -> None:
    client.force_login(personas["manager"])
    url = reverse("programmes:edit", args=[programme.pk])
    page = client.get(url).content.decode()
    assert 'value="Test donor"' in page and "Chosen" in page
    # Kosovo leaves, Serbia joins as origin, Hungary becomes a destination.
    data = _edit_data(
        programme,
        donor="New donor",
        origin=_ids("AL", "RS"),
        transit=[],
        destination=_ids("IT", "HU"),
    )
    response = client.post(url, data, follow=True)
    assert response.redirect_chain[-1][0] == reverse("programmes:detail", args=[programme.pk])
    html = response.content.decode()
    assert "Countries added: Serbia." in html and "Countries removed: Kosovo." in html
    assert "Role on the route changed: Hungary." in html
    programme.refresh_from_db()
    assert programme.donor == "New donor"
    assert dict(programme.programme_countries.values_list("country__code", "route_role")) == {
        "AL": RouteRole.ORIGIN,
        "RS": RouteRole.ORIGIN,
        "HU": RouteRole.DESTINATION,
        "IT": RouteRole.DESTINATION,
    }
    event = AuditEvent.objects.get(action="programme.updated")
    assert event.details == {
        "fields": ["donor"],
        "countries_added": ["RS"],
        "countries_removed": ["XK"],
        "countries_moved": ["HU"],
    }


def test_countries_of_coordinators_are_not_dropped(client: Any, personas: dict[str, Any], programme: Programme) -> None:
    """Removing Albania and Italy would leave two coordinators outside the programme: the whole change is refused."""
    client.force_login(personas["manager"])
    url = reverse("programmes:edit", args=[programme.pk])
    data = _edit_data(programme, donor="Changed donor", origin=_ids("XK"), destination=[])
    response = client.post(url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Arben Coordinator (Albania)" in html and "Irene Coordinator (Italy)" in html
    programme.refresh_from_db()
    assert programme.donor == "Test donor"  # nothing of the refused change was written
    assert set(programme.countries.values_list("code", flat=True)) == {"AL", "XK", "HU", "IT"}
    assert not AuditEvent.objects.filter(action="programme.updated").exists()


def test_unchanged_programme_writes_no_event(client: Any, personas: dict[str, Any], programme: Programme) -> None:
    client.force_login(personas["manager"])
    response = client.post(reverse("programmes:edit", args=[programme.pk]), _edit_data(programme), follow=True)
    assert "Nothing to save" in response.content.decode()
    assert not AuditEvent.objects.filter(action="programme.updated").exists()


def test_inactive_theme_stays_when_editing(client: Any, personas: dict[str, Any], programme: Programme) -> None:
    theme = programme.themes.get(code="judicial_cooperation")
    Theme.objects.filter(pk=theme.pk).update(is_active=False)
    client.force_login(personas["manager"])
    url = reverse("programmes:edit", args=[programme.pk])
    assert f'value="{theme.pk}"' in client.get(url).content.decode()
    client.post(url, _edit_data(programme, donor="x"))
    assert programme.themes.filter(pk=theme.pk).exists()


def test_others_may_not_update(personas: dict[str, Any], programme: Programme, other_programme: Programme) -> None:
    from django.http import Http404

    for name in ("coordinator_al", "viewer"):
        with pytest.raises(PermissionError):
            services.programme_update(
                actor=personas[name],
                programme=programme,
                code=programme.code,
                title_en="Hijacked",
                start_date=programme.start_date,
                end_date=programme.end_date,
            )
    with pytest.raises(Http404):  # a manager of another programme does not even see it
        services.programme_update(
            actor=personas["manager"],
            programme=other_programme,
            code=other_programme.code,
            title_en="Hijacked",
            start_date=other_programme.start_date,
            end_date=other_programme.end_date,
        )
    programme.refresh_from_db()
    assert programme.title_en != "Hijacked"


def test_programme_page_shows_objectives_partners_and_manager_links(
    client: Any, personas: dict[str, Any], programme: Programme
) -> None:
    programme.objectives_en = "Train inspectors\nLink prosecutors"
    programme.save()
    client.force_login(personas["viewer"])
    html = client.get(reverse("programmes:detail", args=[programme.pk])).content.decode()
    assert "<li>Train inspectors</li>" in html and "No partner organisation recorded yet." in html
    assert reverse("programmes:edit", args=[programme.pk]) not in html
    client.force_login(personas["manager"])
    html = client.get(reverse("programmes:detail", args=[programme.pk])).content.decode()
    assert reverse("programmes:edit", args=[programme.pk]) in html
    assert reverse("programmes:team", args=[programme.pk]) in html
