"""python manage.py build_publication: synchronous, no build kept, the file written in the format
asked; the PDF's text holds the programme's title (in the language asked)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from relais.delivery.models import Session, SessionStatus
from relais.evaluation.tests.factories_results import build_results_world
from relais.publications.models import PublicationBuild

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(programme: Any) -> dict[str, Any]:
    world = build_results_world(programme)
    Session.objects.filter(pk__in=[world["al"].pk, world["it"].pk]).update(status=SessionStatus.DELIVERED)
    return world


def _text(path: Path) -> str:
    return " ".join((page.extract_text() or "") for page in PdfReader(str(path)).pages)


def test_pdf_in_french_holds_the_programme_title(programme: Any, world: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "rapport.pdf"
    stdout = io.StringIO()
    call_command(
        "build_publication", str(programme.pk), "--lang", "fr", "--format", "pdf", "-o", str(out), stdout=stdout
    )
    assert out.read_bytes().startswith(b"%PDF")
    assert "Combattre la traite par le travail" in " ".join(_text(out).split())
    assert str(out) in stdout.getvalue()
    assert not PublicationBuild.objects.exists()


def test_docx_and_html_with_sections_and_sessions(programme: Any, world: dict[str, Any], tmp_path: Path) -> None:
    docx = tmp_path / "r.docx"
    call_command(
        "build_publication", str(programme.pk), "--format", "docx", "-o", str(docx), "--sections", "programme,reach",
        "--sessions", str(world["al"].pk), stdout=io.StringIO(),
    )  # fmt: skip
    assert docx.read_bytes().startswith(b"PK")
    html = tmp_path / "r.html"
    call_command("build_publication", str(programme.pk), "--format", "html", "-o", str(html), stdout=io.StringIO())
    assert "Fighting labour trafficking" in html.read_text(encoding="utf-8")


def test_bad_arguments_are_clear_errors(programme: Any, other_programme: Any, world: dict[str, Any]) -> None:
    with pytest.raises(CommandError, match="No programme"):
        call_command("build_publication", "999999", stdout=io.StringIO())
    with pytest.raises(CommandError, match="Unknown section"):
        call_command("build_publication", str(programme.pk), "--sections", "reach,nope", stdout=io.StringIO())
    with pytest.raises(CommandError, match="not sessions of the programme"):
        call_command(
            "build_publication", str(other_programme.pk), "--sessions", str(world["al"].pk), stdout=io.StringIO()
        )
    with pytest.raises(CommandError, match="--sessions"):
        call_command("build_publication", str(programme.pk), "--sessions", "a,b", stdout=io.StringIO())
