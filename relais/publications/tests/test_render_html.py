"""The HTML preview: every section, escaped text, figures, accessible charts and tables, no script."""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser

import pytest

from relais.publications.content import Block, Chart, Figure, Publication, Section, Table
from relais.publications.render_html import render_html
from relais.publications.tests.samples import sample_publication


class _Outline(HTMLParser):
    """Headings in order, ids, and the text of elements by tag."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[int, str]] = []
        self.ids: list[str] = []
        self.links: list[str] = []
        self.tags: list[str] = []
        self._level = 0
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(values["id"] or "")
        href = values.get("href") or ""
        if tag == "a" and href.startswith("#"):
            self.links.append(href[1:])
        if re.fullmatch(r"h[1-6]", tag):
            self._level, self._text = int(tag[1]), []

    def handle_data(self, data: str) -> None:
        if self._level:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag) and self._level:
            self.headings.append((self._level, "".join(self._text).strip()))
            self._level = 0


def _outline(html: str) -> _Outline:
    parser = _Outline()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def english() -> tuple[Publication, str]:
    publication = sample_publication("en")
    return publication, render_html(publication)


def test_every_section_with_contents_links_and_headings_in_order(english: tuple[Publication, str]) -> None:
    publication, html = english
    outline = _outline(html)
    h2 = [text for level, text in outline.headings if level == 2]
    assert h2 == ["Contents", *[s.title for s in publication.sections]]
    assert "h1" not in outline.tags and "html" not in outline.tags
    # Headings never skip a level (h2 then h3).
    levels = [level for level, _ in outline.headings]
    assert levels[0] == 2 and all(b - a <= 1 for a, b in itertools.pairwise(levels))
    assert len(outline.ids) == len(set(outline.ids))
    assert outline.links and set(outline.links) <= set(outline.ids)
    assert len(outline.links) == len(publication.sections)


def test_figures_charts_and_tables(english: tuple[Publication, str]) -> None:
    publication, html = english
    assert "<dt>People trained</dt>" in html and '<dd class="pub-figure-value">1,230</dd>' in html
    assert "fewer than 5" in html and publication.small_n_note in html
    charts = [b.chart for s in publication.sections for b in s.blocks if b.chart]
    svgs = re.findall(r"<svg[^>]*>", html)
    assert len(svgs) == len(charts)
    for tag in svgs:
        assert 'role="img"' in tag and re.search(r'aria-label="[^"]+"', tag)
    assert html.count("<details") == len(charts)
    assert html.count("<table") == len(charts) + sum(1 for s in publication.sections for b in s.blocks if b.table)
    assert '<th scope="col" class="num">People trained</th>' in html
    assert '<th scope="row">S-001</th>' in html
    assert "<caption" in html and "<figcaption" in html
    assert "<script" not in html.lower() and "style=" not in html and " on" + "click" not in html


def test_user_text_is_escaped() -> None:
    evil = "<script>alert(1)</script>"
    publication = Publication(
        title=evil,
        subtitle=evil,
        language="en",
        programme_title=evil,
        organisation="A & B",
        period="",
        scope="",
        date="",
        sections=[
            Section(
                key="summary",
                title=f"Summary {evil}",
                blocks=[
                    Block(
                        heading=evil,
                        paragraphs=[f"First {evil}\n\nSecond"],
                        figures=[Figure(label=evil, value="12", n="n = 12")],
                        bullets=[evil],
                        table=Table(caption=evil, columns=[evil, "n"], rows=[[evil, "3"]], numeric=[False, True]),
                    )
                ],
            ),
            Section(
                key="reach",
                title="Reach",
                blocks=[
                    Block(
                        chart=Chart(
                            key="k",
                            title=evil,
                            alt=f'"quoted" {evil}',
                            spec={
                                "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
                                "data": {"values": [{"a": "x", "b": 1}]},
                                "mark": "bar",
                                "encoding": {
                                    "x": {"field": "a", "type": "nominal"},
                                    "y": {"field": "b", "type": "quantitative"},
                                },
                            },
                            table=Table(caption=evil, columns=["a", "b"], rows=[["x", "1"]], numeric=[False, True]),
                        )
                    )
                ],
            ),
        ],
    )
    html = render_html(publication)
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "A &amp; B" in html
    assert "<p>First &lt;script&gt;alert(1)&lt;/script&gt;</p>" in html and "<p>Second</p>" in html
    assert 'aria-label="&quot;quoted&quot; &lt;script&gt;' in html
    assert html.count('id="pub-summary"') == 1 and 'href="#pub-reach"' in html


def test_french() -> None:
    html = render_html(sample_publication("fr"))
    assert 'lang="fr"' in html
    assert "<dt>Période</dt>" in html
    assert "Les données de ce graphique" in html
    assert "Résumé" in html and "1\u00a0230" in html
