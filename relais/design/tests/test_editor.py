"""The design editor, section by section, with the live check beside it."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from relais.core.models import AuditEvent, Country, Language, Profession
from relais.design.models import ActivityDesign, AgendaModule, DesignFormat
from relais.design.tests.factories import make_complete_design


@pytest.fixture
def design(personas: dict[str, Any], programme: Any) -> ActivityDesign:
    return make_complete_design(programme=programme)


@pytest.fixture
def manager(client: Any, personas: dict[str, Any]) -> Any:
    client.force_login(personas["manager"])
    return client


def edit_url(design: ActivityDesign, section: str) -> str:
    return reverse("design:edit", kwargs={"pk": design.pk, "section": section})


def test_create_a_design_and_land_in_the_editor(manager: Any, programme: Any) -> None:
    response = manager.post(
        reverse("design:new"), {"programme": programme.pk, "title": "New one", "type": "workshop", "format": "national"}
    )
    design = ActivityDesign.objects.get(title="New one")
    assert response["Location"] == edit_url(design, "countries")
    assert design.created_by is not None and not design.check_passed
    assert AuditEvent.objects.filter(action="design.created", object_id=str(design.pk)).exists()


def test_every_section_renders_with_the_check(manager: Any, design: ActivityDesign) -> None:
    for section in (
        "general",
        "countries",
        "seats",
        "objectives",
        "agenda",
        "evaluation",
        "languages",
        "needs",
        "follow_up",
        "partners",
    ):
        response = manager.get(edit_url(design, section))
        assert response.status_code == 200, section
        html = response.content.decode()
        assert 'id="check-panel"' in html and "MD-1" in html, section
    assert manager.get(edit_url(design, "nonsense")).status_code == 404


def test_seats_change_the_check_live(manager: Any, design: ActivityDesign) -> None:
    professions = {p.code: p for p in Profession.objects.all()}
    al, it = Country.objects.get(code="AL"), Country.objects.get(code="IT")
    data = {f"s_{c.pk}_{professions['police'].pk}": 10 for c in (al, it)}  # police only: MD rules fail
    response = manager.post(edit_url(design, "seats"), data, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'hx-swap-oob="true"' in html and "<html" not in html
    design.refresh_from_db()
    assert not design.check_passed
    assert design.quotas.count() == 2
    bad = manager.post(edit_url(design, "seats"), {f"s_{al.pk}_{professions['police'].pk}": -3})
    assert bad.status_code == 400 and design.quotas.count() == 2


def test_countries_section_removes_seats_of_countries_that_leave(
    manager: Any, design: ActivityDesign, programme: Any
) -> None:
    al = Country.objects.get(code="AL")
    sq = Language.objects.get(code="sq")
    response = manager.post(
        edit_url(design, "countries"), {f"take_{al.pk}": "on", f"role_{al.pk}": "origin", f"languages_{al.pk}": [sq.pk]}
    )
    assert response.status_code == 302
    assert list(design.design_countries.values_list("country__code", flat=True)) == ["AL"]
    assert set(design.quotas.values_list("country__code", flat=True)) == {"AL"}


def test_general_section_validates_and_audits(manager: Any, design: ActivityDesign) -> None:
    response = manager.post(edit_url(design, "general"), {"title": "", "type": "training", "format": "bilateral"})
    assert response.status_code == 400 and 'aria-invalid="true"' in response.content.decode()
    response = manager.post(
        edit_url(design, "general"), {"title": "Renamed", "type": "training", "format": DesignFormat.BILATERAL}
    )
    assert response.status_code == 302
    design.refresh_from_db()
    assert design.title == "Renamed" and design.format == "bilateral"
    event = AuditEvent.objects.filter(action="design.updated").latest("id")
    assert set(event.details["fields"]) >= {"title", "format"}


def test_evaluation_section_refuses_follow_up_without_months(manager: Any, design: ActivityDesign) -> None:
    response = manager.post(edit_url(design, "evaluation"), {"plans_follow_up": "on", "follow_up_months": ""})
    assert response.status_code == 400
    assert "after how many months" in response.content.decode()


def test_agenda_builder_adds_moves_and_removes_modules(manager: Any, design: ActivityDesign) -> None:
    day1, day2 = list(design.days.all())
    url = reverse("design:module_add", kwargs={"pk": design.pk, "day_pk": day1.pk})
    response = manager.post(
        url,
        {
            f"m{day1.pk}-title": "Group work on indicators",
            f"m{day1.pk}-method": "group_work",
            f"m{day1.pk}-duration_minutes": 45,
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "Group work on indicators" in response.content.decode()
    added = AgendaModule.objects.get(title="Group work on indicators")
    assert added.day == day1 and added.position == 3

    move = reverse("design:module_move", kwargs={"pk": design.pk, "module_pk": added.pk})
    manager.post(move, {"action": "up"})
    assert [m.title for m in day1.modules.all()][2] == "Group work on indicators"
    manager.post(move, {"action": "down"})
    manager.post(move, {"action": "down"})  # past the last module of day 1: first of day 2
    added.refresh_from_db()
    assert added.day == day2 and added.position == 0
    assert [m.position for m in day1.modules.all()] == [0, 1, 2]
    manager.post(move, {"action": "delete"})
    assert not AgendaModule.objects.filter(pk=added.pk).exists()
    assert manager.post(move, {"action": "sideways"}).status_code == 404

    bad = manager.post(
        url, {f"m{day1.pk}-title": "", f"m{day1.pk}-method": "lecture", f"m{day1.pk}-duration_minutes": 2}
    )
    assert bad.status_code == 400
    assert day1.modules.count() == 3


def test_module_page_links_objectives_and_materials(manager: Any, design: ActivityDesign) -> None:
    module = AgendaModule.objects.get(title="Opening and pre-test")
    objective = design.objectives.first()
    assert objective is not None
    url = reverse("design:module", kwargs={"pk": design.pk, "module_pk": module.pk})
    response = manager.post(
        url,
        {
            "day": module.day_id,
            "title": "Opening",
            "method": "evaluation",
            "duration_minutes": 30,
            "objectives": [objective.pk],
        },
    )
    assert response.status_code == 302
    assert list(module.objectives.all()) == [objective]
    mat = reverse("design:material_add", kwargs={"pk": design.pk, "module_pk": module.pk})
    assert manager.post(mat, {"title": "No link, no file"}).status_code == 400
    assert manager.post(mat, {"title": "Guide", "url": "example.org/guide"}).status_code == 302
    assert module.materials.get().url == "https://example.org/guide"


def test_objectives_reorder_and_remove(manager: Any, design: ActivityDesign) -> None:
    first, second, third = list(design.objectives.all())
    url = reverse("design:objective_edit", kwargs={"pk": design.pk, "objective_pk": first.pk})
    manager.post(url, {"action": "down"})
    assert [o.pk for o in design.objectives.all()] == [second.pk, first.pk, third.pk]
    manager.post(url, {"action": "save", f"o{first.pk}-kind": "skill", f"o{first.pk}-text": "Changed"})
    first.refresh_from_db()
    assert (first.kind, first.text) == ("skill", "Changed")
    manager.post(url, {"action": "delete"})
    assert [o.position for o in design.objectives.all()] == [0, 1]


def test_list_filters_and_query_count(
    client: Any, personas: dict[str, Any], programme: Any, django_assert_max_num_queries: Any
) -> None:
    client.force_login(personas["coordinator_al"])
    make_complete_design(programme=programme, title="Passing one")
    failing = make_complete_design(programme=programme, title="Failing one")
    failing.quotas.all().delete()
    from relais.design.checker import design_check_refresh

    for d in ActivityDesign.objects.all():
        design_check_refresh(design=d)
    html = client.get(reverse("design:list"), {"check": "failed"}).content.decode()
    assert "Failing one" in html and "Passing one" not in html

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("design:list"))
        return len(ctx.captured_queries)

    before = count()
    for i in range(10):
        make_complete_design(programme=programme, title=f"More {i}")
    assert count() == before <= 10


def test_a_ready_design_that_stops_passing_goes_back_to_draft(
    manager: Any, personas: dict[str, Any], design: ActivityDesign
) -> None:
    from relais.design import services
    from relais.design.models import DesignStatus

    services.design_set_status(actor=personas["manager"], design=design, status=DesignStatus.READY)
    design.refresh_from_db()
    assert design.status == DesignStatus.READY
    manager.post(edit_url(design, "evaluation"), {"plans_pre_test": "on", "plans_post_test": "on"})  # no follow-up
    design.refresh_from_db()
    assert design.status == DesignStatus.DRAFT and not design.check_passed
