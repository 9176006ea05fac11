"""The must-show of issue 7: the PDF's text, read back, holds the right figures (the analytics'),
and the DOCX opens with python-docx with its headings and tables — both from the real chain."""

from __future__ import annotations

import io
from typing import Any

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from relais.delivery.models import Session, SessionStatus
from relais.evaluation.scoping import ResultsScope
from relais.evaluation.selectors_results import Selection, behaviour, learning, reaction
from relais.evaluation.tests.factories_results import build_results_world
from relais.publications.content import SECTIONS
from relais.publications.content_build import build_content
from relais.publications.render_docx import render_docx
from relais.publications.render_pdf import render_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(programme: Any) -> dict[str, Any]:
    world = build_results_world(programme)
    Session.objects.filter(pk__in=[world["al"].pk, world["it"].pk]).update(status=SessionStatus.DELIVERED)
    return world


def _selection(programme: Any, world: dict[str, Any]) -> Selection:
    ids = frozenset([world["al"].pk, world["it"].pk])
    return Selection.of_scope(ResultsScope(programme, None, ids, suppress_small=True, names=False))


def _pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages).split())


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_pdf_text_holds_the_analytics_figures(world: dict[str, Any], programme: Any, language: str) -> None:
    from django.utils import translation

    pub = build_content(programme=programme, language=language, sections=list(SECTIONS))
    text = _pdf_text(render_pdf(pub))
    with translation.override(language):
        selection = _selection(programme, world)
        ln, r, b = learning(selection), reaction(selection), behaviour(selection)
        expected = [ln.pre.text, ln.post.text, ln.gain.text, ln.improved.text, ln.effect.text, r.share.text]
        expected += [r.mean.text, b.applying.text]
    for figure in expected:
        assert " ".join(figure.split()) in text, figure
    assert ("fewer than 5" if language == "en" else "moins de 5") in text
    assert (programme.title_en if language == "en" else programme.title_fr) in text


def test_the_docx_opens_with_its_headings_and_tables(world: dict[str, Any], programme: Any) -> None:
    pub = build_content(programme=programme, language="en", sections=list(SECTIONS))
    document = WordDocument(io.BytesIO(render_docx(pub)))
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert headings == [section.title for section in pub.sections]
    assert len(document.tables) >= 5
    text = " ".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert learning(_selection(programme, world)).gain.text in text


def test_network_growth_in_a_publication_leaves_out_months_of_small_counts() -> None:
    import datetime as dt

    from relais.publications.content_results import shown_growth

    growth = [(dt.date(2026, 1, 1), 0, 0), (dt.date(2026, 2, 1), 3, 0), (dt.date(2026, 3, 1), 6, 2)]
    growth += [(dt.date(2026, 4, 1), 9, 5)]
    assert shown_growth(growth) == [(dt.date(2026, 1, 1), 0, 0), (dt.date(2026, 4, 1), 9, 5)]


def test_the_same_example_from_two_people_is_printed_once() -> None:
    from relais.publications.content_results import distinct_texts

    said = ["We trained our team.", "We  trained our team.", "We froze two accounts."]
    assert distinct_texts(said) == ["We trained our team.", "We froze two accounts."]
