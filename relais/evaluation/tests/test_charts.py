"""Chart labels: long labels are cut in Python (charts.short_labels) before they go into a chart's data,
all different so that no two bars merge, and Vega never cuts them itself (no label limit: measuring
text to cut it made a results chart take close to a second). The tables and text alternatives beside
the charts keep the full texts."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from relais.evaluation import charts
from relais.evaluation.charts_results import likert_chart, pre_post_chart, satisfaction_chart
from relais.evaluation.models import Item
from relais.evaluation.selectors_results import COUNT, MEAN, Behaviour, Learning, Reaction, Stat
from relais.evaluation.selectors_results_groups import Row
from relais.evaluation.selectors_results_items import LikertItem

LIMIT = charts.LABEL_LIMIT
PREFIX = "Identifying and protecting victims of trafficking in human beings at borders"
DAKAR, BAMAKO = f"{PREFIX} — Dakar, May 2025", f"{PREFIX} — Bamako, June 2025"


# --- The helper --------------------------------------------------------------------------------------


def test_short_labels_are_left_as_they_are() -> None:
    labels = ["Senegal", "Police officers", "x" * LIMIT, "Not  recorded", ""]
    assert charts.short_labels(labels) == labels


def test_a_long_label_is_cut_at_a_word_boundary_with_an_ellipsis() -> None:
    text = "The content of the sessions was relevant to my daily work as an official"
    short = charts.short_label(text)
    assert short == "The content of the sessions was…"
    assert len(short) <= LIMIT and short.endswith("…")
    assert text.startswith(short[:-1]) and text[len(short) - 1] == " "  # whole words only
    # No word boundary in reach: cut within the word rather than keep a few characters.
    assert charts.short_label("Supercalifragilisticexpialidocious-antidisestablishmentarianism") == (
        "Supercalifragilisticexpialidocious-an…"
    )
    # No dangling punctuation before the ellipsis.
    assert charts.short_label("Protecting children on the move, and their rights under the law", 33) == (
        "Protecting children on the move…"
    )


def test_accents_and_cyrillic() -> None:
    french = "Élaboration des enquêtes financières et recouvrement des avoirs criminels"
    russian = "Защита детей, находящихся в пути, и их права — Дакар, май 2025"
    assert charts.short_labels([french, russian]) == [
        "Élaboration des enquêtes financières…",
        "Защита детей, находящихся в пути, и…",
    ]
    # Decomposed accents (e + combining acute) are composed first: never cut between a letter and its accent.
    decomposed = unicodedata.normalize("NFD", "é" * 60)
    short = charts.short_label(decomposed)
    assert short == "é" * (LIMIT - 1) + "…" and unicodedata.is_normalized("NFC", short)


def test_labels_sharing_their_start_stay_different() -> None:
    short = charts.short_labels([DAKAR, BAMAKO])
    assert short[0] != short[1]
    assert all(len(s) <= LIMIT for s in short)
    # The end that tells them apart is kept.
    assert short == ["Identifying and … Dakar, May 2025", "Identifying and … Bamako, June 2025"]


def test_equal_labels_are_numbered() -> None:
    assert charts.short_labels(["Dakar", "Dakar", "Dakar (2)", "Dakar"]) == [
        "Dakar",
        "Dakar (3)",
        "Dakar (2)",
        "Dakar (4)",
    ]
    short = charts.short_labels([DAKAR, DAKAR])
    assert short[0] != short[1] and short[1].endswith(" (2)") and len(short[1]) <= LIMIT


@given(
    st.lists(st.text(alphabet="ab é\u0301—,", max_size=70), max_size=25),
    st.integers(min_value=12, max_value=60),
)
def test_short_labels_are_unique_short_and_in_order(labels: list[str], limit: int) -> None:
    short = charts.short_labels(labels, limit)
    assert len(short) == len(labels)
    assert len(set(short)) == len(short)
    assert all(len(s) <= limit for s in short)
    singles = [charts.short_label(t, limit) for t in labels]
    if len(set(singles)) == len(singles):
        assert short == singles  # nothing to tell apart: each label cut on its own, short ones untouched


# --- The specifications ------------------------------------------------------------------------------


def _stat(value: float | None, n: int = 20, kind: str = "percent") -> Stat:
    return Stat(value, n, kind)


def _row(key: int, label: str, pre: float = 0.4, post: float = 0.7) -> Row:
    return Row(
        key=key,
        label=label,
        reaction=Reaction(share=_stat(0.8), mean=_stat(4.1, kind=MEAN), respondents=20, answers=160),
        learning=Learning(
            pairs=_stat(20, kind=COUNT),
            pre=_stat(pre),
            post=_stat(post),
            gain=_stat(0.5),
            improved=_stat(0.8),
            effect=_stat(1.1, kind=MEAN),
        ),
        behaviour=Behaviour(applying=_stat(0.5), respondents=20),
    )


def _label_limits(node: Any) -> list[Any]:
    if isinstance(node, dict):
        found = [node["labelLimit"]] if "labelLimit" in node else []
        return found + [x for v in node.values() for x in _label_limits(v)]
    if isinstance(node, list):
        return [x for v in node for x in _label_limits(v)]
    return []


def _bars(svg: str) -> list[str]:
    """The bars drawn: the paths of the rect marks, by their position."""
    marks = re.search(r'<g class="mark-rect role-mark[^>]*>(.*?)</g>', svg, re.S)
    assert marks is not None
    return re.findall(r'<path[^>]* d="(M[^"]*)"', marks.group(1))


def test_two_long_labels_sharing_their_start_are_two_bars_and_the_table_keeps_them() -> None:
    with translation.override("en"):
        chart = satisfaction_chart([_row(1, DAKAR), _row(2, BAMAKO)], "Session")
        svg = chart.svg
    groups = [v["group"] for v in chart.spec["data"]["values"]]
    assert len(set(groups)) == 2 and all(len(g) <= LIMIT for g in groups)
    assert len(set(_bars(svg))) == 2
    assert [r[0] for r in chart.rows] == [DAKAR, BAMAKO]
    assert DAKAR in chart.summary or BAMAKO in chart.summary  # the text alternative names the full title


def test_pre_post_chart_draws_a_pair_of_bars_per_group() -> None:
    with translation.override("en"):
        chart = pre_post_chart([_row(1, DAKAR), _row(2, BAMAKO, 0.5, 0.6)], "Session")
        svg = chart.svg
    assert len(set(_bars(svg))) == 4
    assert [r[0] for r in chart.rows] == [DAKAR, BAMAKO]
    assert chart.spec["encoding"]["color"]["scale"]["domain"] == ["Pre-test", "Post-test"]
    assert {v["test"] for v in chart.spec["data"]["values"]} == {"Pre-test", "Post-test"}


def test_no_label_limit_makes_vega_cut_labels() -> None:
    wide = "W" * LIMIT  # some 400 pixels: Vega's default limit (180) would cut it
    with translation.override("en"):
        chart = satisfaction_chart([_row(1, wide), _row(2, "Mali")], "Country")
        svg = chart.svg
    assert chart.spec["config"]["axis"]["labelLimit"] == 0 and chart.spec["config"]["legend"]["labelLimit"] == 0
    assert set(_label_limits(chart.spec)) == {0}
    assert f">{wide}</text>" in svg


def test_likert_labels_are_short_numbered_as_the_table_and_the_table_keeps_the_items() -> None:
    texts = [
        "The objectives of the training were clearly explained at the start and followed throughout the week",
        "Nobody answered this question about the interpretation between the languages of the session",
        "The content of the sessions was relevant to my daily work as a law enforcement or justice official",
    ]
    items = [
        LikertItem(
            item=Item(pk=i, text=text),
            n=sum(counts),
            mean=_stat(3.5, kind=MEAN),
            share=_stat((counts[3] + counts[4]) / (sum(counts) or 1)),
            counts=counts,
        )
        for i, (text, counts) in enumerate(zip(texts, [[1, 2, 3, 4, 5], [0] * 5, [0, 0, 2, 5, 8]], strict=True))
    ]
    with translation.override("en"):
        chart = likert_chart(items)
        svg = chart.svg
    labels = list(dict.fromkeys(v["item"] for v in chart.spec["data"]["values"]))
    assert labels == ["1. The objectives of the training…", "3. The content of the sessions was…"]
    assert len(_bars(svg)) == 10  # 2 items × 5 levels
    assert [r[0] for r in chart.rows] == [f"{n}. {t}" for n, t in enumerate(texts, start=1)]
    assert texts[0] in chart.summary and texts[2] in chart.summary
