"""Report builds: the request (parameters, audit, enqueued on commit), the task (progress and step
as it goes, files named report-<code>-<lang>-<date>, content hash, finished), the failure path
(status failed with a readable, translated message, never raising), kits through kits.build_kit,
the pages (builder form, build page polled by htmx while it runs, downloads as attachments,
publishing, deleting) and the end-to-end chain with the real content and renderers."""

from __future__ import annotations

import os
import re
import sys
import types
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from relais.core.models import AuditEvent
from relais.delivery.models import Session, SessionStatus
from relais.delivery.tests.factories import make_session
from relais.design.tests.factories import make_design
from relais.publications import tasks
from relais.publications.content import SECTIONS, Publication
from relais.publications.models import BuildKind, BuildStatus, PublicationBuild, Visibility
from relais.publications.services import build_publish, build_request
from relais.publications.tests.permissions_builds import make_build

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _publication(title: str = "Report", language: str = "en") -> Publication:
    return Publication(
        title=title,
        subtitle="",
        language=language,
        programme_title="Fighting labour trafficking",
        organisation="Relais",
        period="2025–2026",
        scope="all sessions",
        date="1 January 2026",
    )


class Fakes:
    """Stand-ins for the content builder and renderers, recording the build's state at each step."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, build_id: list[int]) -> None:
        self.seen: list[tuple[str, str, int]] = []
        self.build_id = build_id
        self.calls: list[dict[str, Any]] = []
        monkeypatch.setattr("relais.publications.content_build.build_content", self.content)
        monkeypatch.setattr("relais.publications.render_html.render_html", self.html)
        monkeypatch.setattr("relais.publications.render_pdf.render_pdf", self.pdf)
        monkeypatch.setattr("relais.publications.render_docx.render_docx", self.docx)

    def _see(self, what: str) -> None:
        if self.build_id:
            b = PublicationBuild.objects.get(pk=self.build_id[0])
            self.seen.append((what, b.status, b.progress))

    def content(self, **kwargs: Any) -> Publication:
        self.calls.append(kwargs)
        self._see("content")
        return _publication(kwargs["title"], kwargs["language"])

    def html(self, pub: Publication) -> str:
        self._see("html")
        return f"<h2>{pub.title}</h2><p>&lt;b&gt;escaped&lt;/b&gt;</p>"

    def pdf(self, pub: Publication) -> bytes:
        self._see("pdf")
        return b"%PDF-1.7\n" + pub.title.encode()

    def docx(self, pub: Publication) -> bytes:
        self._see("docx")
        return b"PK\x03\x04docx"


def _request(manager: Any, programme: Any, capture: Any, **kwargs: Any) -> PublicationBuild:
    values: dict[str, Any] = {
        "language": "en",
        "sections": ["reach", "summary", "programme"],
        "session_ids": None,
        "summary": "Our summary.",
    }
    values.update(kwargs)
    with capture(execute=True):
        build = build_request(actor=manager, programme=programme, **values)
    build.refresh_from_db()
    return build


def test_request_keeps_parameters_audits_and_runs_on_commit(
    personas: dict[str, Any], programme: Any, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    ids: list[int] = []
    fakes = Fakes(monkeypatch, ids)
    original = PublicationBuild.objects.create

    def create(**kwargs: Any) -> PublicationBuild:
        build = original(**kwargs)
        ids.append(build.pk)
        return build

    monkeypatch.setattr(PublicationBuild.objects, "create", create)
    build = _request(personas["manager"], programme, django_capture_on_commit_callbacks, title="")
    assert build.parameters == {
        "sections": ["summary", "programme", "reach"],  # the report's order
        "session_ids": None,
        "summary": "Our summary.",
        "title": "",
        "formats": ["html", "pdf", "docx"],
    }
    assert build.title == "Results report — Fighting labour trafficking"
    assert build.created_by == personas["manager"]
    assert AuditEvent.objects.filter(action="publication.request", object_id=str(build.pk)).exists()
    # Progress: queued before the task, then running with rising progress, done at 100.
    assert fakes.seen == [
        ("content", BuildStatus.RUNNING, 10),
        ("html", BuildStatus.RUNNING, 30),
        ("pdf", BuildStatus.RUNNING, 45),
        ("docx", BuildStatus.RUNNING, 75),
    ]
    assert build.status == BuildStatus.DONE and build.progress == 100 and build.step == "Ready"
    assert build.finished_at and build.started_at and build.finished_at >= build.started_at
    assert build.html.startswith("<h2>Results report")
    assert re.fullmatch(
        rf"publications/{programme.pk}/{build.pk}/report-{programme.code}-en-\d{{4}}-\d\d-\d\d\.pdf", build.pdf.name
    )
    assert build.docx.name.endswith(".docx") and build.pdf.read().startswith(b"%PDF")
    assert len(build.content_hash) == 64
    assert fakes.calls[0]["sections"] == ["summary", "programme", "reach"]
    assert fakes.calls[0]["summary"] == "Our summary."


def test_request_refuses_sessions_of_another_programme_and_unknown_sections(
    personas: dict[str, Any], programme: Any, other_programme: Any
) -> None:
    from django.core.exceptions import ValidationError

    other = make_session(design=make_design(programme=other_programme))
    with pytest.raises(ValidationError):
        build_request(
            actor=personas["manager"], programme=programme, language="en", sections=["reach"],
            session_ids=[other.pk], summary="",
        )  # fmt: skip
    with pytest.raises(ValidationError):
        build_request(
            actor=personas["manager"], programme=programme, language="en", sections=["nope"], session_ids=None,
            summary="",
        )  # fmt: skip
    assert not PublicationBuild.objects.exists()


def test_failure_is_recorded_translated_and_never_raises(
    personas: dict[str, Any],
    programme: Any,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
    caplog: pytest.LogCaptureFixture,
) -> None:
    Fakes(monkeypatch, [])

    def broken(pub: Publication) -> bytes:
        raise RuntimeError("typst exploded")

    monkeypatch.setattr("relais.publications.render_pdf.render_pdf", broken)
    build = _request(personas["manager"], programme, django_capture_on_commit_callbacks, language="fr")
    assert build.status == BuildStatus.FAILED
    assert "PDF" in build.error and build.progress == 45  # the step it stopped at
    assert "typst exploded" not in build.error  # no internals on the page
    assert not build.pdf and not build.docx and build.finished_at
    assert "Publication build" in caplog.text and "typst exploded" in caplog.text
    # Run again: still failed, still no exception.
    assert tasks.run_build.call(build.pk) == BuildStatus.FAILED
    assert tasks.run_build.call(999_999) == "gone"


def test_failure_message_is_in_the_builds_language(
    personas: dict[str, Any], programme: Any, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    def broken(**kwargs: Any) -> Publication:
        raise ValueError("no data")

    monkeypatch.setattr("relais.publications.content_build.build_content", broken)
    en = _request(personas["manager"], programme, django_capture_on_commit_callbacks, language="en")
    assert en.status == BuildStatus.FAILED and "Gathering the figures" in en.error
    assert en.progress == 10


def test_kit_builds_call_build_kit_with_a_progress_callback(
    personas: dict[str, Any], programme: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    design = make_design(programme=programme)
    seen: list[int] = []

    def build_kit(build: PublicationBuild, progress: Any) -> None:
        progress(50, "Half way")
        seen.append(PublicationBuild.objects.get(pk=build.pk).progress)
        build.pdf.save("kit.pdf", ContentFile(b"%PDF-kit"), save=False)
        build.archive.save("kit.zip", ContentFile(b"PK\x03\x04"), save=False)
        build.content_hash = "a" * 64

    try:
        import relais.publications.kits  # noqa: F401
    except ImportError:  # the kits module is not there yet
        monkeypatch.setitem(sys.modules, "relais.publications.kits", types.ModuleType("relais.publications.kits"))
    monkeypatch.setattr(sys.modules["relais.publications.kits"], "build_kit", build_kit, raising=False)
    build = PublicationBuild.objects.create(
        kind=BuildKind.KIT, programme=programme, design=design, title="Kit", language="en"
    )
    assert tasks.run_build.call(build.pk) == BuildStatus.DONE
    build.refresh_from_db()
    assert seen == [50] and build.status == BuildStatus.DONE and build.progress == 100
    assert build.archive.name.endswith(".zip") and build.content_hash == "a" * 64


def test_builder_form_lists_sections_checked_and_delivered_sessions(
    client: Any, personas: dict[str, Any], programme: Any
) -> None:
    design = make_design(programme=programme, title="Labour inspection")
    make_session(design=design, country="IT", title="Rome session", status=SessionStatus.DELIVERED)
    make_session(design=design, title="Planned session", status=SessionStatus.PLANNED)
    client.force_login(personas["me_officer"])
    html = client.get(reverse("publications:new", kwargs={"pk": programme.pk})).content.decode()
    for key in SECTIONS:
        assert re.search(rf'<input type="checkbox" name="sections" value="{key}"[^>]*checked', html), key
    assert "Rome session" in html and "Planned session" not in html
    assert 'name="sessions"' in html and "multiple" in html and "<optgroup" in html
    assert 'name="summary"' in html and 'value="fr"' in html


def test_builder_post_creates_a_build_and_redirects(
    client: Any,
    personas: dict[str, Any],
    programme: Any,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    Fakes(monkeypatch, [])
    design = make_design(programme=programme)
    session = make_session(design=design, status=SessionStatus.DELIVERED)
    client.force_login(personas["manager"])
    data = {"language": "fr", "title": "Mon rapport", "sections": ["reach", "lessons"], "sessions": [session.pk]}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("publications:new", kwargs={"pk": programme.pk}), {**data, "summary": ""})
    build = PublicationBuild.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "publications:build", kwargs={"pk": build.pk}
    )
    assert build.language == "fr" and build.title == "Mon rapport"
    assert build.parameters["session_ids"] == [session.pk] and build.parameters["sections"] == ["reach", "lessons"]
    assert build.status == BuildStatus.DONE


def test_builder_refuses_a_session_not_delivered(client: Any, personas: dict[str, Any], programme: Any) -> None:
    design = make_design(programme=programme)
    make_session(design=design, status=SessionStatus.DELIVERED)
    planned = make_session(design=design)
    client.force_login(personas["manager"])
    response = client.post(
        reverse("publications:new", kwargs={"pk": programme.pk}),
        {"language": "en", "sections": ["reach"], "sessions": [planned.pk]},
    )
    assert response.status_code == 200 and not PublicationBuild.objects.exists()
    assert 'aria-invalid="true"' in response.content.decode()


def test_build_page_polls_while_running_and_stops_when_done(
    client: Any, personas: dict[str, Any], programme: Any
) -> None:
    build = PublicationBuild.objects.create(
        programme=programme, title="Running", language="en", status=BuildStatus.RUNNING, progress=40, step="Preview"
    )
    client.force_login(personas["trainer"])
    url = reverse("publications:build", kwargs={"pk": build.pk})
    page = client.get(url).content.decode()
    assert 'hx-trigger="every 2s"' in page and '<progress id="build-progress"' in page and 'value="40"' in page
    assert f'href="{url}">Refresh</a>' in page and 'role="status"' in page
    partial = client.get(url, headers={"HX-Request": "true"})
    assert "<html" not in partial.content.decode() and 'hx-trigger="every 2s"' in partial.content.decode()
    assert 'hx-swap-oob="innerHTML"' in partial.content.decode()
    assert "HX-Request" in partial["Vary"]
    PublicationBuild.objects.filter(pk=build.pk).update(status=BuildStatus.DONE, progress=100, html="<h2>Done</h2>")
    done = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "every 2s" not in done and "<h2>Done</h2>" in done and "The publication is ready." in done
    # Trainers see builds but may not publish or delete them.
    assert "publications/build/" not in done.replace(url, "") or "publish" not in done


def test_failed_build_shows_its_error(client: Any, personas: dict[str, Any], programme: Any) -> None:
    build = PublicationBuild.objects.create(
        programme=programme, title="Broken", language="en", status=BuildStatus.FAILED, error="It stopped & failed."
    )
    client.force_login(personas["manager"])
    page = client.get(reverse("publications:build", kwargs={"pk": build.pk})).content.decode()
    assert "It stopped &amp; failed." in page and "every 2s" not in page


def test_download_is_an_attachment_with_nosniff(client: Any, personas: dict[str, Any], programme: Any) -> None:
    build = make_build(programme)
    client.force_login(personas["me_officer"])
    response = client.get(reverse("publications:download", kwargs={"pk": build.pk, "fmt": "pdf"}))
    assert response.status_code == 200
    assert (
        response["Content-Disposition"].startswith("attachment;")
        and "report-test-en" in response["Content-Disposition"]
    )
    assert response["X-Content-Type-Options"] == "nosniff" and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert client.get(reverse("publications:download", kwargs={"pk": build.pk, "fmt": "docx"})).status_code == 404
    assert client.get(reverse("publications:download", kwargs={"pk": build.pk, "fmt": "exe"})).status_code == 404


def test_viewer_sees_a_build_once_published_to_the_programme_and_the_public_once_public(
    client: Any, personas: dict[str, Any], programme: Any
) -> None:
    build = make_build(programme, title="To publish")
    team_url = reverse("publications:build", kwargs={"pk": build.pk})
    public_url = reverse("publications:public_build", kwargs={"pk": build.pk})
    public_pdf = reverse("publications:public_download", kwargs={"pk": build.pk, "fmt": "pdf"})
    client.force_login(personas["viewer"])
    assert client.get(team_url).status_code == 404
    assert "To publish" not in client.get(reverse("publications:index")).content.decode()

    build_publish(actor=personas["manager"], build=build, visibility=Visibility.PROGRAMME)
    assert client.get(team_url).status_code == 200
    assert "To publish" in client.get(reverse("publications:index")).content.decode()
    client.logout()
    assert client.get(public_url).status_code == 404 and client.get(public_pdf).status_code == 404
    assert "To publish" not in client.get(reverse("publications:public")).content.decode()

    build_publish(actor=personas["manager"], build=build, visibility=Visibility.PUBLIC)
    page = client.get(public_url)
    assert page.status_code == 200 and "To publish" in page.content.decode() and public_pdf in page.content.decode()
    assert "Log in" in page.content.decode() and reverse("publications:public") in page.content.decode()
    listing = client.get(reverse("publications:public")).content.decode()
    assert "To publish" in listing and public_pdf in listing
    response = client.get(public_pdf)
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")

    build_publish(actor=personas["manager"], build=build, visibility=Visibility.TEAM)
    assert client.get(public_url).status_code == 404 and client.get(public_pdf).status_code == 404
    build.refresh_from_db()
    assert build.published_at is None
    actions = list(AuditEvent.objects.filter(object_id=str(build.pk)).values_list("action", flat=True))
    assert actions.count("publication.publish") == 2 and actions.count("publication.unpublish") == 1


def test_publish_through_the_page_and_unfinished_builds_cannot_be_published(
    client: Any, personas: dict[str, Any], programme: Any
) -> None:
    build = make_build(programme)
    client.force_login(personas["manager"])
    url = reverse("publications:publish", kwargs={"pk": build.pk})
    assert client.post(url, {"visibility": "public"}).status_code == 302
    build.refresh_from_db()
    assert build.visibility == Visibility.PUBLIC and build.published_at
    running = PublicationBuild.objects.create(programme=programme, title="R", language="en", status=BuildStatus.RUNNING)
    client.post(reverse("publications:publish", kwargs={"pk": running.pk}), {"visibility": "public"})
    running.refresh_from_db()
    assert running.visibility == Visibility.TEAM


def test_delete_removes_the_build_and_its_files(
    client: Any, personas: dict[str, Any], programme: Any, django_capture_on_commit_callbacks: Any
) -> None:
    build = make_build(programme)
    path = build.pdf.path
    client.force_login(personas["manager"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("publications:delete", kwargs={"pk": build.pk}))
    assert response.status_code == 302 and not PublicationBuild.objects.filter(pk=build.pk).exists()
    assert not os.path.exists(path)
    assert AuditEvent.objects.filter(action="publication.delete", object_id=str(build.pk)).exists()


def test_index_lists_programmes_and_builds_in_a_fixed_number_of_queries(
    client: Any, personas: dict[str, Any], programme: Any, other_programme: Any, django_assert_max_num_queries: Any
) -> None:
    make_build(programme, title="First")
    client.force_login(personas["admin"])
    url = reverse("publications:index")
    client.get(url)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for i in range(15):
        make_build(other_programme if i % 2 else programme, title=f"Build {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert "Build 14" in page and reverse("publications:new", kwargs={"pk": programme.pk}) in page


def test_the_real_chain_builds_a_report_with_the_same_hash_twice(
    personas: dict[str, Any], programme: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """End to end: the real content builder and renderers (A, B, C)."""
    from relais.evaluation.tests.factories_results import build_results_world

    world = build_results_world(programme)
    Session.objects.filter(pk__in=[world["al"].pk, world["it"].pk]).update(status=SessionStatus.DELIVERED)
    first = _request(personas["manager"], programme, django_capture_on_commit_callbacks, sections=list(SECTIONS))
    second = _request(personas["manager"], programme, django_capture_on_commit_callbacks, sections=list(SECTIONS))
    assert first.status == BuildStatus.DONE, first.error
    assert first.pdf.read().startswith(b"%PDF") and first.docx.read().startswith(b"PK")
    assert "Fighting labour trafficking" in first.html and "<script" not in first.html
    assert first.content_hash == second.content_hash and len(first.content_hash) == 64
    third = _request(
        personas["manager"],
        programme,
        django_capture_on_commit_callbacks,
        sections=list(SECTIONS),
        session_ids=[world["al"].pk],
    )
    assert third.status == BuildStatus.DONE and third.content_hash != first.content_hash
