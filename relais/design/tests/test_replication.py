"""Replication round trip: replicate into another programme, adapt, check, see the lineage both ways."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from relais.core.models import AuditEvent, Country, Language
from relais.design import services, services_replication
from relais.design.models import ActivityDesign, AdaptationTopic, DesignStatus
from relais.design.selectors import lineage
from relais.design.tests.factories import make_complete_design
from relais.programmes.models import Role, RouteRole
from relais.programmes.tests.factories import give_role, make_programme


@pytest.fixture
def source(personas: dict[str, Any], programme: Any) -> ActivityDesign:
    return make_complete_design(programme=programme)


@pytest.fixture
def pilot(personas: dict[str, Any]) -> Any:
    pilot = make_programme(
        title_en="Pilot", route={"ME": RouteRole.ORIGIN, "HR": RouteRole.TRANSIT, "AT": RouteRole.DESTINATION}
    )
    give_role(personas["manager"], pilot, Role.MANAGER)
    return pilot


def test_replicate_adapt_check_and_lineage(
    client: Any, personas: dict[str, Any], source: ActivityDesign, pilot: Any
) -> None:
    client.force_login(personas["manager"])
    me, at = Country.objects.get(code="ME"), Country.objects.get(code="AT")
    response = client.post(
        reverse("design:replicate", kwargs={"pk": source.pk}),
        {"programme": pilot.pk, "title": "Joint investigation training — ME/AT", "countries": [me.pk, at.pk]},
    )
    copy = ActivityDesign.objects.get(title="Joint investigation training — ME/AT")
    assert response.status_code == 302 and response["Location"] == reverse("design:detail", kwargs={"pk": copy.pk})
    assert copy.programme == pilot and copy.replicated_from == source and copy.status == DesignStatus.DRAFT
    # Countries keep their role on the new programme's route; seats carried over by role.
    assert dict(copy.design_countries.values_list("country__code", "route_role")) == {
        "ME": "origin",
        "AT": "destination",
    }
    assert copy.quotas.filter(country=me).count() == source.quotas.filter(country__code="AL").count()
    # Agenda, objectives and their links are copied, not shared.
    assert copy.days.count() == source.days.count() == 2
    assert [o.text for o in copy.objectives.all()] == [o.text for o in source.objectives.all()]
    first_day = copy.days.first()
    assert first_day is not None
    copied_module = first_day.modules.get(title="Case study: agricultural workers")
    assert {o.design_id for o in copied_module.objectives.all()} == {copy.pk}
    assert copied_module.materials.get().url == "https://example.org/case.pdf"
    # Local things start empty and the checklist asks for them.
    assert not copy.needs_assessment and not copy.partners.exists()
    assert sorted(copy.adaptation_items.values_list("topic", flat=True)) == sorted(AdaptationTopic.values)
    assert AuditEvent.objects.filter(action="design.replicated", object_id=str(copy.pk)).exists()

    # The check sees what is missing: no needs assessment, languages of the new countries not recorded.
    page = client.get(reverse("design:detail", kwargs={"pk": copy.pk})).content.decode()
    assert "NA-1" in page and "LG-1" in page
    copy.refresh_from_db()
    assert not copy.check_passed

    # Adapt: record the needs and languages, tick off the checklist.
    services.design_update(actor=personas["manager"], design=copy, fields={"needs_assessment": "Local survey"})
    services.needs_source_add(actor=personas["manager"], design=copy, title="Survey of Montenegrin inspectors")
    for dc in copy.design_countries.all():
        dc.participant_languages.set(Language.objects.filter(code__in=["sr", "de"]))
    services.design_update(
        actor=personas["manager"],
        design=copy,
        fields={},
        m2m={"interpretation_languages": Language.objects.filter(code__in=["sr", "de"])},
    )
    copy.refresh_from_db()
    assert copy.check_passed, copy.check_score
    with pytest.raises(ValidationError):
        services.design_set_status(actor=personas["manager"], design=copy, status=DesignStatus.READY)
    for item in copy.adaptation_items.all():
        client.post(
            reverse("design:adaptation_item", kwargs={"pk": copy.pk, "item_pk": item.pk}),
            {"done": "on", "note": "Adapted"},
        )
    assert copy.adaptation_items.filter(done=True, done_by=personas["manager"]).count() == 5
    services.design_set_status(actor=personas["manager"], design=copy, status=DesignStatus.READY)

    # Lineage both ways.
    down = lineage(user=personas["manager"], design=source)
    assert [d.pk for d in down["children"][source.pk]] == [copy.pk]
    up = lineage(user=personas["manager"], design=copy)
    assert [d.pk for d in up["ancestors"]] == [source.pk]
    assert (
        "Joint investigation training — ME/AT"
        in client.get(reverse("design:detail", kwargs={"pk": source.pk})).content.decode()
    )


def test_lineage_hides_designs_of_programmes_one_may_not_see(
    personas: dict[str, Any], source: ActivityDesign, pilot: Any
) -> None:
    copy = services_replication.design_replicate(
        actor=personas["admin"],
        source=source,
        programme=pilot,
        title="Copy",
        countries=[(Country.objects.get(code="ME"), "origin")],
    )
    coordinator = personas["coordinator_al"]  # sees the source's programme, not the pilot
    view = lineage(user=coordinator, design=source)
    assert view["children"] == {} and view["hidden_descendants"] == 1
    assert copy.pk not in {d.pk for ds in view["children"].values() for d in ds}


def test_replicating_needs_rights_in_the_target_programme(
    client: Any, personas: dict[str, Any], source: ActivityDesign, other_programme: Any
) -> None:
    with pytest.raises(PermissionError):
        services_replication.design_replicate(
            actor=personas["manager"],
            source=source,
            programme=other_programme,
            title="X",
            countries=[(Country.objects.get(code="AL"), "origin")],
        )
    client.force_login(personas["manager"])
    response = client.post(
        reverse("design:replicate", kwargs={"pk": source.pk}),
        {"programme": other_programme.pk, "title": "X", "countries": [Country.objects.get(code="AL").pk]},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not ActivityDesign.objects.filter(title="X").exists()


def test_countries_must_belong_to_the_target_programme(
    client: Any, personas: dict[str, Any], source: ActivityDesign, pilot: Any
) -> None:
    client.force_login(personas["manager"])
    al = Country.objects.get(code="AL")  # a country of the first programme, not of the pilot
    response = client.post(
        reverse("design:replicate", kwargs={"pk": source.pk}),
        {"programme": pilot.pk, "title": "Y", "countries": [al.pk]},
    )
    assert "Not countries of this programme: Albania." in response.content.decode()
    assert not ActivityDesign.objects.filter(title="Y").exists()


def test_design_formulas_feed_the_results_framework(
    personas: dict[str, Any], source: ActivityDesign, pilot: Any, programme: Any
) -> None:
    import datetime as dt

    from relais.design.checker import design_check_refresh
    from relais.programmes.indicators import formula_get, formula_value

    design_check_refresh(design=source)
    passing = formula_get("design.designs_passing")
    replicated = formula_get("design.replications_elsewhere")
    assert passing is not None and replicated is not None
    today = dt.date.today()
    assert formula_value(passing, programme, programme.start_date, today) == 1
    assert formula_value(replicated, programme, programme.start_date, today) == 0
    services_replication.design_replicate(
        actor=personas["admin"],
        source=source,
        programme=pilot,
        title="Copy",
        countries=[(Country.objects.get(code="ME"), "origin")],
    )
    assert formula_value(replicated, programme, programme.start_date, today) == 1
    assert formula_value(replicated, programme, programme.start_date, dt.date(2000, 1, 1)) == 0
