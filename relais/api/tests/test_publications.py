"""Publications through the API: asking for a report (queued, then built by the background task),
reading a build as it goes, downloading its files with the page's headers, replication kits, and
the publications pages' rules (staff see every build, viewers the published ones, builders ask)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from relais.api.tests.factories import api_for
from relais.core.models import AuditEvent
from relais.delivery.models import SessionStatus
from relais.delivery.tests.factories import make_session
from relais.design.tests.factories import make_complete_design, make_design
from relais.programmes.models import Role
from relais.programmes.tests.factories import give_role
from relais.publications.content import SECTIONS
from relais.publications.models import BuildKind, BuildStatus, PublicationBuild, Visibility
from relais.publications.tests.permissions_builds import make_build
from relais.publications.tests.test_builds import Fakes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _url(programme: Any) -> str:
    return f"/programmes/{programme.pk}/publications"


def _fields(response: Any) -> list[str]:
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    return [e["field"] for e in response.json()["errors"]]


# Asking for a report ---------------------------------------------------------------------------------


def test_a_builder_asks_for_a_report_which_is_queued_then_built(
    personas: dict[str, Any], programme: Any, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    Fakes(monkeypatch, [])
    delivered = make_session(design=make_design(programme=programme), status=SessionStatus.DELIVERED)
    client = api_for(personas["me_officer"])
    body = {
        "language": "fr",
        "title": "Mon rapport",
        "sections": ["reach", "summary", "reach"],
        "session_ids": [delivered.pk],
        "summary": "Notre résumé.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(programme), body)
    assert response.status_code == 201, response.content
    queued = response.json()
    build = PublicationBuild.objects.get()
    assert queued["id"] == build.pk and queued["kind"] == "report" and queued["programme_id"] == programme.pk
    assert queued["status"] == "queued" and queued["progress"] == 0 and queued["formats"] == []
    assert queued["title"] == "Mon rapport" and queued["language"] == "fr" and queued["design_id"] is None
    assert queued["parameters"] == {
        "sections": ["summary", "reach"],  # the report's order, once each
        "session_ids": [delivered.pk],
        "summary": "Notre résumé.",
    }
    assert queued["requested_by"] == {"id": personas["me_officer"].pk, "name": "Emma Evaluator"}
    assert AuditEvent.objects.filter(action="publication.request", object_id=str(build.pk)).count() == 1

    # The task ran once the request was committed: the build is done, with its files.
    done = client.get(f"/publications/{build.pk}").json()
    assert done["status"] == "done" and done["progress"] == 100 and len(done["content_hash"]) == 64
    assert done["finished_at"] and done["started_at"] and done["error"] == ""
    formats = {f["format"]: f for f in done["formats"]}
    assert set(formats) == {"pdf", "docx", "html"}
    assert formats["pdf"]["download_path"] == f"/api/v1/publications/{build.pk}/download/pdf"
    assert formats["pdf"]["filename"].startswith(f"report-{programme.code}-fr-")
    assert formats["html"]["filename"].endswith(".html") and formats["html"]["content_type"].startswith("text/html")

    pdf = client.get(formats["pdf"]["download_path"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("attachment;")
    assert formats["pdf"]["filename"] in pdf["Content-Disposition"]
    assert pdf["X-Content-Type-Options"] == "nosniff" and pdf["Cache-Control"] == "private, no-store"
    assert b"".join(pdf.streaming_content) == b"%PDF-1.7\nMon rapport"
    html = client.get(formats["html"]["download_path"])
    assert html.status_code == 200 and html["Content-Type"] == "text/html; charset=utf-8"
    assert html["Content-Disposition"].startswith("attachment;") and html["X-Content-Type-Options"] == "nosniff"
    assert html.content.decode() == "<h2>Mon rapport</h2><p>&lt;b&gt;escaped&lt;/b&gt;</p>"
    docx = client.get(formats["docx"]["download_path"])
    assert docx.status_code == 200 and docx["Content-Disposition"].startswith("attachment;")


def test_defaults_every_section_the_whole_programme_and_the_default_title(
    personas: dict[str, Any], programme: Any
) -> None:
    response = api_for(personas["manager"]).post(_url(programme), {"language": "en", "session_ids": []})
    assert response.status_code == 201, response.content
    out = response.json()
    assert out["parameters"] == {"sections": list(SECTIONS), "session_ids": None, "summary": ""}
    assert out["title"] == "Results report — Fighting labour trafficking"
    assert out["step"] == "Waiting to start" and out["visibility"] == "team"


def test_each_bad_field_is_named(personas: dict[str, Any], programme: Any, other_programme: Any) -> None:
    client = api_for(personas["manager"])
    design = make_design(programme=programme)
    delivered = make_session(design=design, status=SessionStatus.DELIVERED)
    closed = make_session(design=design, status=SessionStatus.CLOSED)
    planned = make_session(design=design, status=SessionStatus.PLANNED)
    elsewhere = make_session(design=make_design(programme=other_programme), status=SessionStatus.DELIVERED)
    url = _url(programme)
    assert _fields(client.post(url, {"language": "en", "sections": ["reach", "nope"]})) == ["sections.1"]
    empty = client.post(url, {"language": "en", "sections": []})
    assert _fields(empty) == ["sections"] and "at least one section" in empty.json()["errors"][0]["detail"]
    wrong = client.post(
        url, {"language": "en", "session_ids": [delivered.pk, elsewhere.pk, closed.pk, planned.pk, 999_999]}
    )
    assert _fields(wrong) == ["session_ids.1", "session_ids.3", "session_ids.4"]
    assert "delivered" in wrong.json()["errors"][1]["detail"]
    assert _fields(client.post(url, {"language": "en", "session_ids": [delivered.pk, 10**30]})) == ["session_ids.1"]
    assert _fields(client.post(url, {"language": "de"})) == ["language"]
    assert _fields(client.post(url, {})) == ["language"]
    assert _fields(client.post(url, {"language": "en", "title": "x" * 301})) == ["title"]
    assert _fields(client.post(url, {"language": "en", "summary": "x" * 10_001})) == ["summary"]
    assert _fields(client.post(url, {"language": "en", "session_ids": list(range(1, 502))})) == ["session_ids"]
    assert not PublicationBuild.objects.exists()


@pytest.mark.parametrize("who", ["coordinator_al", "trainer", "viewer", "outsider"])
def test_only_builders_ask_for_reports(personas: dict[str, Any], programme: Any, who: str) -> None:
    response = api_for(personas[who]).post(_url(programme), {"language": "en"})
    assert response.status_code == 404 and not PublicationBuild.objects.exists()


def test_a_manager_of_another_programme_gets_404(
    personas: dict[str, Any], programme: Any, other_programme: Any
) -> None:
    assert api_for(personas["manager"]).post(_url(other_programme), {"language": "en"}).status_code == 404
    give_role(personas["manager"], other_programme, Role.MANAGER)
    assert api_for(personas["manager"]).post(_url(other_programme), {"language": "en"}).status_code == 201


def test_asking_twice_with_one_key_builds_once(personas: dict[str, Any], programme: Any) -> None:
    client = api_for(personas["manager"])
    first = client.post(_url(programme), {"language": "en"}, **{"Idempotency-Key": "report-1"})
    again = client.post(_url(programme), {"language": "en"}, **{"Idempotency-Key": "report-1"})
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true" and again.json()["id"] == first.json()["id"]
    assert PublicationBuild.objects.count() == 1
    other = client.post(_url(programme), {"language": "fr"}, **{"Idempotency-Key": "report-1"})
    assert _fields(other) == ["Idempotency-Key"] and PublicationBuild.objects.count() == 1


# Reading builds --------------------------------------------------------------------------------------


def test_a_build_is_read_as_the_page_shows_it(personas: dict[str, Any], programme: Any) -> None:
    running = PublicationBuild.objects.create(
        programme=programme,
        title="Running",
        language="en",
        status=BuildStatus.RUNNING,
        progress=45,
        step="Composing the PDF",
        created_by=personas["manager"],
    )
    out = api_for(personas["trainer"]).get(f"/publications/{running.pk}").json()
    assert out["status"] == "running" and out["progress"] == 45 and out["step"] == "Composing the PDF"
    assert out["formats"] == [] and out["requested_by"]["name"] == "Mona Manager"
    failed = PublicationBuild.objects.create(
        programme=programme, title="Broken", language="en", status=BuildStatus.FAILED, error="It stopped."
    )
    assert api_for(personas["manager"]).get(f"/publications/{failed.pk}").json()["error"] == "It stopped."


def test_viewers_read_published_builds_without_the_requester(personas: dict[str, Any], programme: Any) -> None:
    build = make_build(programme)
    build.created_by = personas["manager"]
    build.save()
    viewer, outsider = api_for(personas["viewer"]), api_for(personas["outsider"])
    path = f"/publications/{build.pk}"
    assert viewer.get(path).status_code == 404 and outsider.get(path).status_code == 404
    assert viewer.get(f"{path}/download/pdf").status_code == 404
    PublicationBuild.objects.filter(pk=build.pk).update(visibility=Visibility.PROGRAMME)
    out = viewer.get(path).json()
    assert out["visibility"] == "programme" and out["requested_by"] is None
    assert viewer.get(f"{path}/download/pdf").status_code == 200
    assert outsider.get(path).status_code == 404
    PublicationBuild.objects.filter(pk=build.pk).update(visibility=Visibility.PUBLIC)
    assert outsider.get(path).json()["requested_by"] is None  # anyone with a token reads a public build
    assert outsider.get(f"{path}/download/pdf").status_code == 200


def test_another_programmes_staff_get_404(personas: dict[str, Any], programme: Any, other_programme: Any) -> None:
    build = make_build(other_programme)
    for who in ("manager", "coordinator_al", "trainer"):
        client = api_for(personas[who])
        assert client.get(f"/publications/{build.pk}").status_code == 404
        assert client.get(f"/publications/{build.pk}/download/pdf").status_code == 404
        assert client.get("/publications").json()["items"] == []
    assert api_for(personas["admin"]).get(f"/publications/{build.pk}").status_code == 200


def test_files_not_built_answer_404_with_the_reason(personas: dict[str, Any], programme: Any) -> None:
    client = api_for(personas["manager"])
    build = make_build(programme)  # a PDF only
    path = f"/publications/{build.pk}/download"
    assert [f["format"] for f in client.get(f"/publications/{build.pk}").json()["formats"]] == ["pdf", "html"]
    missing = client.get(f"{path}/docx")
    assert missing.status_code == 404 and "no docx file" in missing.json()["detail"]
    assert client.get(f"{path}/zip").status_code == 404
    PublicationBuild.objects.filter(pk=build.pk).update(status=BuildStatus.RUNNING)
    running = client.get(f"{path}/pdf")
    assert running.status_code == 404 and "not built yet" in running.json()["detail"]
    PublicationBuild.objects.filter(pk=build.pk).update(status=BuildStatus.FAILED)
    assert "failed" in client.get(f"{path}/pdf").json()["detail"]
    unknown = client.get(f"{path}/exe")
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "format"
    assert client.get("/publications/999999/download/pdf").status_code == 404


def test_the_list_follows_the_index_and_filters(personas: dict[str, Any], programme: Any, other_programme: Any) -> None:
    team = make_build(programme, title="Team")
    shared = make_build(programme, title="Shared", visibility=Visibility.PROGRAMME)
    public = make_build(programme, title="Public", visibility=Visibility.PUBLIC)
    design = make_design(programme=programme)
    kit = PublicationBuild.objects.create(
        kind=BuildKind.KIT, programme=programme, design=design, title="Kit", language="fr", status=BuildStatus.QUEUED
    )
    elsewhere = make_build(other_programme, title="Elsewhere", visibility=Visibility.PUBLIC)

    def ids(who: str, **params: Any) -> list[int]:
        response = api_for(personas[who]).get("/publications", params)
        assert response.status_code == 200, response.content
        return [item["id"] for item in response.json()["items"]]

    assert ids("trainer") == [team.pk, shared.pk, public.pk, kit.pk]
    assert ids("viewer") == [shared.pk, public.pk]  # published builds only
    assert ids("outsider") == []  # as the index: programmes one holds a role in
    assert ids("admin") == [team.pk, shared.pk, public.pk, kit.pk, elsewhere.pk]
    assert ids("admin", programme_id=other_programme.pk) == [elsewhere.pk]
    assert ids("manager", kind="kit") == [kit.pk]
    assert ids("manager", design_id=design.pk) == [kit.pk]
    assert ids("manager", status="queued") == [kit.pk]
    assert ids("manager", visibility="public") == [public.pk]
    assert ids("viewer", visibility="team") == []
    bad = api_for(personas["manager"]).get("/publications", {"kind": "poster"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "kind"
    kit_out = api_for(personas["manager"]).get("/publications", {"kind": "kit"}).json()["items"][0]
    assert kit_out["design_id"] == design.pk and kit_out["parameters"]["sections"] == []


def test_the_list_is_read_a_page_at_a_time(personas: dict[str, Any], programme: Any) -> None:
    builds = [make_build(programme, title=f"Build {n}") for n in range(5)]
    client = api_for(personas["me_officer"])
    seen: list[int] = []
    cursor = None
    while True:
        page = client.get("/publications", {"limit": 2, **({"cursor": cursor} if cursor else {})}).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [b.pk for b in builds]


def test_the_list_costs_the_same_queries_for_2_or_20_builds(
    personas: dict[str, Any], programme: Any, other_programme: Any, django_assert_max_num_queries: Any
) -> None:
    give_role(personas["trainer"], other_programme, Role.VIEWER)
    for n in range(2):
        build = make_build(programme, title=f"Build {n}")
        PublicationBuild.objects.filter(pk=build.pk).update(created_by=personas["manager"])
    client = api_for(personas["trainer"])
    with CaptureQueriesContext(connection) as few:
        assert len(client.get("/publications").json()["items"]) == 2
    for n in range(18):
        build = make_build(programme if n % 2 else other_programme, title=f"More {n}", visibility=Visibility.PUBLIC)
        PublicationBuild.objects.filter(pk=build.pk).update(created_by=personas["manager"])
    with django_assert_max_num_queries(len(few)):
        items = client.get("/publications").json()["items"]
    assert len(items) == 20
    assert {i["requested_by"] is None for i in items if i["programme_id"] == other_programme.pk} == {True}
    assert {i["requested_by"]["name"] for i in items if i["programme_id"] == programme.pk and i["requested_by"]} == {
        "Mona Manager"
    }


# Replication kits ------------------------------------------------------------------------------------


def test_a_builder_asks_for_a_kit(personas: dict[str, Any], programme: Any) -> None:
    design = make_complete_design(programme=programme, title="Joint investigation training")
    client = api_for(personas["manager"])
    response = client.post(f"/designs/{design.pk}/kits", {"language": "fr"}, **{"Idempotency-Key": "kit-1"})
    assert response.status_code == 201, response.content
    out = response.json()
    assert out["kind"] == "kit" and out["design_id"] == design.pk and out["programme_id"] == programme.pk
    assert out["status"] == "queued" and out["title"] == "Kit de réplication — Joint investigation training"
    build = PublicationBuild.objects.get(kind=BuildKind.KIT)
    assert build.parameters["base_url"] == "http://testserver"
    assert AuditEvent.objects.filter(action="kit.request").count() == 1
    again = client.post(f"/designs/{design.pk}/kits", {"language": "fr"}, **{"Idempotency-Key": "kit-1"})
    assert again["Idempotent-Replayed"] == "true" and PublicationBuild.objects.count() == 1
    assert _fields(client.post(f"/designs/{design.pk}/kits", {"language": "de"})) == ["language"]
    assert PublicationBuild.objects.count() == 1


@pytest.mark.parametrize("who", ["coordinator_al", "trainer", "viewer", "outsider"])
def test_only_builders_ask_for_kits(personas: dict[str, Any], programme: Any, who: str) -> None:
    design = make_design(programme=programme)
    response = api_for(personas[who]).post(f"/designs/{design.pk}/kits", {"language": "en"})
    assert response.status_code == 404 and not PublicationBuild.objects.exists()
    assert api_for(personas["manager"]).post("/designs/999999/kits", {"language": "en"}).status_code == 404


def test_a_finished_kit_offers_its_pdf_and_archive(personas: dict[str, Any], programme: Any) -> None:
    from django.core.files.base import ContentFile

    design = make_design(programme=programme)
    kit = PublicationBuild.objects.create(
        kind=BuildKind.KIT, programme=programme, design=design, title="Kit", language="en", status=BuildStatus.DONE
    )
    kit.pdf.save("kit-design-en.pdf", ContentFile(b"%PDF-kit"), save=False)
    kit.archive.save("kit-design-en.zip", ContentFile(b"PK\x03\x04"), save=True)
    client = api_for(personas["trainer"])
    formats = {f["format"]: f for f in client.get(f"/publications/{kit.pk}").json()["formats"]}
    assert set(formats) == {"pdf", "zip"} and formats["zip"]["content_type"] == "application/zip"
    archive = client.get(formats["zip"]["download_path"])
    assert archive.status_code == 200 and archive["Content-Type"] == "application/zip"
    assert archive["Content-Disposition"].startswith("attachment;") and b"".join(archive.streaming_content) == (
        b"PK\x03\x04"
    )
