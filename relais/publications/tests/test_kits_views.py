"""Replication kits: the design page's panel and asking for a kit (publications:kit_new)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from relais.core.models import AuditEvent
from relais.design.tests.factories import make_complete_design
from relais.publications.models import BuildKind, BuildStatus, PublicationBuild

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def design(programme: Any) -> Any:
    return make_complete_design(programme=programme, title="Joint investigation training")


def test_a_builder_asks_for_a_kit(
    client: Any, personas: dict[str, Any], design: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(personas["me_officer"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("publications:kit_new", kwargs={"pk": design.pk}), {"language": "fr"})
    build = PublicationBuild.objects.get(kind=BuildKind.KIT)
    assert response.status_code == 302 and response["Location"] == reverse(
        "publications:build", kwargs={"pk": build.pk}
    )
    assert build.design == design and build.language == "fr" and build.programme == design.programme
    assert build.title == "Kit de réplication — Joint investigation training"  # in the kit's language
    assert build.parameters["base_url"] == "http://testserver"
    assert AuditEvent.objects.filter(action="kit.request").count() == 1
    build.refresh_from_db()  # the task ran at commit (ImmediateBackend)
    assert build.status == BuildStatus.DONE, build.error
    assert build.pdf and build.archive and build.content_hash


def test_a_wrong_language_changes_nothing(client: Any, personas: dict[str, Any], design: Any) -> None:
    client.force_login(personas["manager"])
    response = client.post(reverse("publications:kit_new", kwargs={"pk": design.pk}), {"language": "de"})
    assert response.status_code == 302 and not PublicationBuild.objects.exists()


@pytest.mark.parametrize("who", ["coordinator_al", "trainer", "viewer", "outsider"])
def test_others_get_404(client: Any, personas: dict[str, Any], design: Any, who: str) -> None:
    client.force_login(personas[who])
    response = client.post(reverse("publications:kit_new", kwargs={"pk": design.pk}), {"language": "en"})
    assert response.status_code == 404 and not PublicationBuild.objects.exists()


def test_get_is_refused(client: Any, personas: dict[str, Any], design: Any) -> None:
    client.force_login(personas["manager"])
    assert client.get(reverse("publications:kit_new", kwargs={"pk": design.pk})).status_code == 405


def _kit(design: Any, **fields: Any) -> PublicationBuild:
    values = {"kind": BuildKind.KIT, "programme": design.programme, "design": design, "title": "Kit", "language": "en"}
    values.update(fields)
    return PublicationBuild.objects.create(**values)


def test_the_design_page_shows_the_form_and_the_kits(client: Any, personas: dict[str, Any], design: Any) -> None:
    done = _kit(
        design,
        title="Done kit",
        status=BuildStatus.DONE,
        pdf="publications/x/kit.pdf",
        archive="publications/x/kit.zip",
    )
    _kit(design, title="Queued kit")
    client.force_login(personas["manager"])
    html = client.get(reverse("design:detail", kwargs={"pk": design.pk})).content.decode()
    assert "Build a replication kit" in html
    assert reverse("publications:kit_new", kwargs={"pk": design.pk}) in html
    assert "Done kit" in html and "Queued kit" in html
    assert reverse("publications:download", kwargs={"pk": done.pk, "fmt": "zip"}) in html
    assert reverse("publications:download", kwargs={"pk": done.pk, "fmt": "pdf"}) in html


def test_readers_who_may_not_build_see_the_kits_without_the_form(
    client: Any, personas: dict[str, Any], design: Any
) -> None:
    _kit(design, title="Done kit", status=BuildStatus.DONE)
    client.force_login(personas["trainer"])
    html = client.get(reverse("design:detail", kwargs={"pk": design.pk})).content.decode()
    assert "Done kit" in html and "Build a replication kit" not in html


def test_the_panel_is_hidden_when_there_is_nothing_to_show(client: Any, personas: dict[str, Any], design: Any) -> None:
    client.force_login(personas["trainer"])
    html = client.get(reverse("design:detail", kwargs={"pk": design.pk})).content.decode()
    assert "h-kits" not in html


def test_the_panel_query_count_does_not_grow(
    client: Any, personas: dict[str, Any], design: Any, django_assert_max_num_queries: Any
) -> None:
    from django.test import RequestFactory

    from relais.publications.panels_kits import design_block

    request = RequestFactory().get("/")
    request.user = personas["manager"]
    for n in range(12):
        _kit(design, title=f"Kit {n}")
    with django_assert_max_num_queries(3):
        block = design_block(request, design)
    assert block is not None and len(block["kit_builds"]) == 10 and block["more"]
