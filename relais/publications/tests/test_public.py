"""The public pages of publications: no login, only builds published to the public (finished),
the public header (Knowledge centre, Publications, Log in), downloads checked on visibility."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from relais.publications.models import BuildStatus, PublicationBuild, Visibility
from relais.publications.tests.permissions_builds import make_build

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def test_public_list_shows_public_builds_only_with_the_public_header(client: Any, programme: Any) -> None:
    make_build(programme, title="Open report", visibility=Visibility.PUBLIC)
    make_build(programme, title="Programme report", visibility=Visibility.PROGRAMME)
    make_build(programme, title="Team report")
    page = client.get(reverse("publications:public"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Open report" in html and "Programme report" not in html and "Team report" not in html
    assert reverse("knowledge:index") in html and "Log in" in html
    assert f'href="{reverse("publications:public")}"' in html


def test_public_page_shows_the_preview_and_public_downloads_only(client: Any, programme: Any) -> None:
    build = make_build(programme, title="Open report", visibility=Visibility.PUBLIC)
    html = client.get(reverse("publications:public_build", kwargs={"pk": build.pk})).content.decode()
    assert "<h2>Open report</h2>" in html  # the preview, rendered by the app
    assert reverse("publications:public_download", kwargs={"pk": build.pk, "fmt": "pdf"}) in html
    assert reverse("publications:download", kwargs={"pk": build.pk, "fmt": "pdf"}) not in html
    assert "Requested by" not in html


@pytest.mark.parametrize("visibility", [Visibility.TEAM, Visibility.PROGRAMME])
def test_builds_not_public_are_404_for_everyone_on_the_public_urls(
    client: Any, personas: dict[str, Any], programme: Any, visibility: str
) -> None:
    build = make_build(programme, visibility=visibility)
    urls = [
        reverse("publications:public_build", kwargs={"pk": build.pk}),
        reverse("publications:public_download", kwargs={"pk": build.pk, "fmt": "pdf"}),
    ]
    for user in (None, personas["admin"], personas["manager"]):
        if user:
            client.force_login(user)
        assert [client.get(url).status_code for url in urls] == [404, 404]


def test_a_public_build_not_finished_is_not_shown(client: Any, programme: Any) -> None:
    build = PublicationBuild.objects.create(
        programme=programme, title="Half", language="en", status=BuildStatus.RUNNING, visibility=Visibility.PUBLIC
    )
    assert client.get(reverse("publications:public_build", kwargs={"pk": build.pk})).status_code == 404
    assert "Half" not in client.get(reverse("publications:public")).content.decode()


def test_public_list_query_count_does_not_grow(client: Any, programme: Any, django_assert_max_num_queries: Any) -> None:
    make_build(programme, visibility=Visibility.PUBLIC)
    client.get(reverse("publications:public"))
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("publications:public"))
    for i in range(10):
        make_build(programme, title=f"P{i}", visibility=Visibility.PUBLIC)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "P9" in client.get(reverse("publications:public")).content.decode()
