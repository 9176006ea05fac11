"""GET /designs, /designs/{id} and /designs/{id}/check: what the Designs pages show, to whom they show it."""

from __future__ import annotations

from typing import Any

import pytest

from relais.api.tests.factories import api_for
from relais.design.checker import check_design
from relais.design.models import DesignStatus, Material
from relais.design.tests.factories import make_complete_design, make_design
from relais.knowledge.tests.factories import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def design(programme: Any) -> Any:
    return make_complete_design(programme=programme)


def _ids(response: Any) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def _fields(response: Any) -> set[str]:
    return {e["field"] for e in response.json()["errors"]}


# --- The list -----------------------------------------------------------------------------------------


def test_list_gives_the_designs_the_owner_may_see(personas: dict[str, Any], design: Any, other_programme: Any) -> None:
    elsewhere = make_design(programme=other_programme, title="Elsewhere")
    assert _ids(api_for(personas["manager"]).get("/designs")) == [design.pk]
    assert _ids(api_for(personas["coordinator_al"]).get("/designs")) == [design.pk]
    assert _ids(api_for(personas["viewer"]).get("/designs")) == []
    assert _ids(api_for(personas["outsider"]).get("/designs")) == []
    assert _ids(api_for(personas["admin"]).get("/designs")) == [design.pk, elsewhere.pk]


def test_list_item(personas: dict[str, Any], design: Any) -> None:
    item = api_for(personas["trainer"]).get("/designs").json()["items"][0]
    assert item["programme_id"] == design.programme_id
    assert item["title"] == "Joint investigation training"
    assert item["type"] == "training"
    assert item["format"] == "transnational"
    assert item["status"] == "draft"
    assert sorted(item["themes"]) == ["police_investigation", "thb_labour"]
    assert sorted((c["code"], c["route_role"]) for c in item["countries"]) == [
        ("AL", "origin"),
        ("IT", "destination"),
    ]
    assert item["n_replications"] == 0
    assert item["replicated_from_id"] is None


def test_list_filters(personas: dict[str, Any], programme: Any, other_programme: Any) -> None:
    ready = make_complete_design(programme=programme, title="Ready one", status=DesignStatus.READY)
    draft = make_design(programme=programme, title="Draft workshop", type="workshop", summary="On cooperation")
    admin = api_for(personas["admin"])
    other = make_design(programme=other_programme, title="Other")
    assert _ids(admin.get("/designs", {"programme_id": other_programme.pk})) == [other.pk]
    assert _ids(admin.get("/designs", {"programme_id": programme.pk})) == [ready.pk, draft.pk]
    assert _ids(admin.get("/designs", {"status": "ready"})) == [ready.pk]
    assert _ids(admin.get("/designs", {"type": "workshop"})) == [draft.pk]
    assert _ids(admin.get("/designs", {"format": "transnational"})) == [ready.pk]
    ready.check_passed = True
    ready.save()
    assert _ids(admin.get("/designs", {"check": "passed"})) == [ready.pk]
    assert _ids(admin.get("/designs", {"check": "failed", "programme_id": programme.pk})) == [draft.pk]
    assert _ids(admin.get("/designs", {"q": "cooperation"})) == [draft.pk]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"status": "finished"}, "status"),
        ({"type": "lecture"}, "type"),
        ({"check": "maybe"}, "check"),
        ({"programme_id": "x"}, "programme_id"),
        ({"q": "x" * 201}, "q"),
        ({"limit": 0}, "limit"),
        ({"q": "a\x00"}, "q"),
        ({"programme_id": 10**20}, "programme_id"),
    ],
)
def test_list_refuses_bad_filters(personas: dict[str, Any], params: dict[str, Any], field: str) -> None:
    response = api_for(personas["manager"]).get("/designs", params)
    assert response.status_code == 422
    assert response.json()["errors"][0]["location"] == "query"
    assert _fields(response) == {field}


def test_list_pages(personas: dict[str, Any], programme: Any) -> None:
    ids = [make_design(programme=programme).pk for _ in range(3)]
    client = api_for(personas["manager"])
    first = client.get("/designs", {"limit": 2}).json()
    assert [i["id"] for i in first["items"]] == ids[:2]
    second = client.get("/designs", {"limit": 2, "cursor": first["next_cursor"]}).json()
    assert [i["id"] for i in second["items"]] == ids[2:]
    assert second["next_cursor"] is None


def test_list_queries_do_not_grow(personas: dict[str, Any], programme: Any, django_assert_max_num_queries: Any) -> None:
    client = api_for(personas["manager"])
    for _ in range(2):
        make_complete_design(programme=programme)
    client.get("/designs")  # warm up (the first request reads settings and caches)
    with django_assert_max_num_queries(12) as few:
        assert len(_ids(client.get("/designs"))) == 2
    for _ in range(18):
        make_complete_design(programme=programme)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(_ids(client.get("/designs"))) == 20


# --- One design ---------------------------------------------------------------------------------------


def test_read_gives_the_design_as_its_page(personas: dict[str, Any], design: Any) -> None:
    response = api_for(personas["coordinator_al"]).get(f"/designs/{design.pk}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["id"] == design.pk
    assert body["objectives"][0]["text"] == "Recognise indicators of labour exploitation"
    assert [day["title"] for day in body["agenda"]] == ["Understanding labour exploitation", "Working across borders"]
    assert [day["number"] for day in body["agenda"]] == [1, 2]
    first_day = body["agenda"][0]
    assert first_day["total_minutes"] == 240
    assert body["total_minutes"] == 480
    case_study = first_day["modules"][2]
    assert case_study["method"] == "case_study"
    assert case_study["duration_minutes"] == 120
    assert len(case_study["objective_ids"]) == 2
    assert case_study["materials"][0]["title"] == "Case file"
    assert case_study["materials"][0]["url"] == "https://example.org/case.pdf"
    assert body["evaluation_plan"] == {
        "pre_test": True,
        "post_test": True,
        "satisfaction": True,
        "follow_up": True,
        "follow_up_months": 4,
        "notes": "",
    }
    assert {"country": "AL", "profession": "police", "seats": 3} in body["seats"]
    assert [(c["code"], c["languages"]) for c in body["participating_countries"]] == [
        ("IT", ["it"]),
        ("AL", ["sq"]),
    ]
    assert body["working_languages"] == ["en"]
    assert sorted(body["interpretation_languages"]) == ["it", "sq"]
    assert body["needs_sources"][0]["title"] == "Needs survey 2025"
    assert body["sustainability"] == ["contact_list", "tot"]


def test_read_links_materials_to_their_documents(personas: dict[str, Any], design: Any) -> None:
    module = design.days.first().modules.first()
    handbook = make_document(title="Internal handbook", access="internal")
    gone = make_document(title="Withdrawn guide")
    Material.objects.create(module=module, title="Handbook", document=handbook)
    Material.objects.create(module=module, title="Withdrawn guide", document=gone)
    gone.delete()  # the material keeps its title, without a document (as on the page)
    body = api_for(personas["trainer"]).get(f"/designs/{design.pk}").json()
    materials = body["agenda"][0]["modules"][0]["materials"]
    assert [(m["title"], m["document_id"], m["has_file"]) for m in materials] == [
        ("Handbook", handbook.pk, False),
        ("Withdrawn guide", None, False),
    ]


def test_read_is_404_for_those_who_may_not_see_the_design(
    personas: dict[str, Any], design: Any, other_programme: Any
) -> None:
    for persona in ("viewer", "outsider"):
        response = api_for(personas[persona]).get(f"/designs/{design.pk}")
        assert response.status_code == 404, persona
        assert response["Content-Type"] == "application/problem+json"
    elsewhere = make_design(programme=other_programme)
    assert api_for(personas["manager"]).get(f"/designs/{elsewhere.pk}").status_code == 404
    assert api_for(personas["manager"]).get("/designs/999999").status_code == 404


def test_read_queries_are_bounded(personas: dict[str, Any], design: Any, django_assert_max_num_queries: Any) -> None:
    client = api_for(personas["manager"])
    client.get(f"/designs/{design.pk}")
    with django_assert_max_num_queries(30):
        assert client.get(f"/designs/{design.pk}").status_code == 200


# --- The check ----------------------------------------------------------------------------------------


def test_check_of_a_complete_design(personas: dict[str, Any], design: Any) -> None:
    response = api_for(personas["me_officer"]).get(f"/designs/{design.pk}/check")
    assert response.status_code == 200, response.content
    body = response.json()
    report = check_design(design)
    assert body["design_id"] == design.pk
    assert body["score"] == report.score == 100
    assert body["passed"] is True
    assert [r["code"] for r in body["rules"]] == [r.rule.code for r in report.results]
    assert body["n_rules"] == len(body["rules"])
    assert body["n_failing"] == 0


def test_check_of_an_incomplete_design_says_what_to_change(personas: dict[str, Any], programme: Any) -> None:
    design = make_design(programme=programme)
    body = api_for(personas["manager"]).get(f"/designs/{design.pk}/check").json()
    report = check_design(design)
    assert body["passed"] is False
    assert body["score"] == report.score
    assert body["n_required_failing"] == report.n_required_failing > 0
    failing = [r for r in body["rules"] if r["status"] == "fail"]
    assert failing and all(r["fix"] and r["message"] and r["title"] and r["reason"] for r in failing)
    md1 = next(r for r in body["rules"] if r["code"] == "MD-1")
    assert md1["severity"] == "required"
    assert md1["thresholds"] == {"min_groups": 3}


def test_check_speaks_the_requested_language(personas: dict[str, Any], programme: Any) -> None:
    design = make_design(programme=programme)
    english = api_for(personas["manager"]).get(f"/designs/{design.pk}/check").json()
    french = api_for(personas["manager"], language="fr").get(f"/designs/{design.pk}/check").json()
    assert english["rules"][0]["title"] != french["rules"][0]["title"]


def test_check_is_404_for_those_who_may_not_see_the_design(personas: dict[str, Any], design: Any) -> None:
    assert api_for(personas["viewer"]).get(f"/designs/{design.pk}/check").status_code == 404
