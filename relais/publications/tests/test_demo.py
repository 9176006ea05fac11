"""The publications demo (step 70): the demo programme's results report built in English and published
to the public, in French and published to the programme, and a replication kit of the national
design — each built through the services and the task, with its files and content hash."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from relais.core.demo import DemoContext, demo_steps
from relais.design.demo import NATIONAL
from relais.programmes.models import ProgrammeRole, Role
from relais.publications import demo
from relais.publications.models import BuildKind, BuildStatus, PublicationBuild, Visibility


@pytest.fixture
def context(db: None, settings: object, tmp_path: Path) -> DemoContext:
    """The demo up to its evaluation (steps ≤ 54; the knowledge centre is not needed), then step 70."""
    settings.MEDIA_ROOT = str(tmp_path / "media")  # type: ignore[attr-defined]
    demo.register()
    keys = [step.key for step in demo_steps()]
    assert keys.index("knowledge") < keys.index("publications") == len(keys) - 1
    context = DemoContext()
    for step in demo_steps():
        if step.order <= 54:
            step.run(context)
    assert not demo_steps()[-1].is_loaded()
    for step in demo_steps():
        if step.key == "publications":
            step.run(context)
    return context


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def test_demo_publications(context: DemoContext) -> None:
    reports = list(PublicationBuild.objects.filter(kind=BuildKind.REPORT).order_by("pk"))
    assert [(b.language, b.visibility, b.status) for b in reports] == [
        ("en", Visibility.PUBLIC, BuildStatus.DONE),
        ("fr", Visibility.PROGRAMME, BuildStatus.DONE),
    ]
    programme = context.objects["programme"]
    for build in reports:
        assert build.programme == programme
        assert build.progress == 100 and build.published_at is not None and not build.error
        assert len(build.content_hash) == 64
        assert build.pdf.name and build.docx.name and build.html
        assert build.parameters["session_ids"] is None and build.parameters["summary"]
        assert set(build.parameters["sections"]) >= {"summary", "reach", "learning", "lessons", "replication"}
        assert build.pdf.read()[:5] == b"%PDF-"
        with zipfile.ZipFile(build.docx) as docx:
            assert "word/document.xml" in docx.namelist()
    en, fr = reports
    assert en.content_hash != fr.content_hash
    assert "demonstration programme" in en.html and "programme de démonstration" in fr.html
    en.pdf.seek(0)
    assert re.search(r"Page \d+ of \d+", _pdf_text(en.pdf.read()))

    kit = PublicationBuild.objects.get(kind=BuildKind.KIT)
    assert kit.status == BuildStatus.DONE and kit.visibility == Visibility.TEAM and kit.language == "en"
    assert kit.design is not None and kit.design.title == NATIONAL["title"] and kit.design.programme == programme
    assert kit.pdf.name and kit.archive.name and kit.content_hash
    with zipfile.ZipFile(kit.archive) as archive:
        names = archive.namelist()
    assert any(name.endswith("README.txt") for name in names)
    assert any(name.lower().endswith(".pdf") for name in names)

    assert demo_steps()[-1].is_loaded()
    assert context.objects["publications"] == reports and context.objects["replication_kit"] == kit

    # Who sees them (one test: the demo takes a while to build). The English report is on the public
    # list without logging in; the French one is not, but the programme's viewer sees it; the kit
    # stays with the team.
    public = Client().get(reverse("publications:public"))
    assert public.status_code == 200
    assert reverse("publications:public_build", args=[en.pk]) in public.content.decode()
    assert reverse("publications:public_build", args=[fr.pk]) not in public.content.decode()
    assert Client().get(reverse("publications:public_build", args=[fr.pk])).status_code == 404

    viewer = ProgrammeRole.objects.get(programme=context.objects["programme"], role=Role.VIEWER).user
    client = Client()
    client.force_login(viewer)
    assert client.get(reverse("publications:build", args=[fr.pk])).status_code == 200
    assert client.get(reverse("publications:build", args=[kit.pk])).status_code == 404
    manager = context.objects["user:manager"]
    client.force_login(manager)
    assert client.get(reverse("publications:build", args=[kit.pk])).status_code == 200
