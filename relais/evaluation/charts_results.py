"""The results charts as Vega-Lite specifications (plain data, DESIGN.md §5), rendered on the server
with charts.inline_svg: pre- vs post-test by group, normalised gain by group, satisfaction by group,
and the Likert distribution of each satisfaction item. Each chart comes with its text alternative
and its data table; suppressed figures (viewers) are left out of the chart and say so in the table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from relais.evaluation import charts
from relais.evaluation.selectors_results_groups import Row
from relais.evaluation.selectors_results_items import LikertItem

_INNER_ARIA = re.compile(r' (?:role|aria-roledescription|aria-label)="[^"]*"')
MAX_GROUPS = 20  # charts show the largest groups; the table shows them all
PRE_COLOUR = "#9aa5b1"
LIKERT_COLOURS = ["#b2182b", "#ef8a62", "#d9d9d9", "#67a9cf", "#1f5f8b"]

# d3-format locales, so that axis numbers follow the user's language.
_LOCALES: dict[str, dict[str, Any]] = {
    "fr": {"decimal": ",", "thousands": "\u202f", "grouping": [3], "currency": ["", "\u00a0€"]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["", ""]},
}


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    summary: str  # the text alternative, shown under the chart
    headers: list[str]
    rows: list[list[str]]  # the data table
    spec: dict[str, Any]

    @property
    def empty(self) -> bool:
        return not self.spec.get("data", {}).get("values")

    @property
    def svg(self) -> str:
        """The chart as one image: its label on the root, the roles Vega gives to inner marks removed
        (they would be images without names for screen readers; the data table carries the figures).
        It scales down with its container (Bootstrap's img-fluid; the SVG has a viewBox)."""
        text = charts.inline_svg(self.spec, label=self.title).replace('class="marks"', 'class="marks img-fluid"', 1)
        head, _sep, body = text.partition(">")
        return head + ">" + _INNER_ARIA.sub("", body)


def _base(title: str, height: int) -> dict[str, Any]:
    spec = charts.base_spec(height=height)
    lang = "fr" if (get_language() or "en")[:2] == "fr" else "en"
    spec["config"]["locale"] = {"number": _LOCALES[lang]}
    spec["config"]["axisY"] = {"grid": False}  # no label limit (charts.base_spec): labels are cut by short_labels
    # Room on the left: browsers draw the labels in the page's font, often wider than the one Vega measures.
    spec["padding"] = {"left": 48, "top": 5, "right": 12, "bottom": 5}
    spec["description"] = title
    return spec


def _percent_axis(title: str) -> dict[str, Any]:
    return {"title": title, "format": "d", "values": [0, 20, 40, 60, 80, 100]}


def _largest(rows: list[Row], shown: Any) -> list[Row]:
    """The groups with a figure to draw, the largest first, at most MAX_GROUPS, then in table order."""
    kept = [r for r in rows if shown(r)]
    if len(kept) > MAX_GROUPS:
        top = {id(r) for r in sorted(kept, key=lambda r: -r.people)[:MAX_GROUPS]}
        kept = [r for r in kept if id(r) in top]
    return kept


def _more(rows: list[Row], drawn: list[Row]) -> str:
    hidden = len(rows) - len(drawn)
    if hidden <= 0:
        return ""
    return " " + ngettext(
        "%(n)s group without a figure to show, or among the smallest, is in the table only.",
        "%(n)s groups without a figure to show, or among the smallest, are in the table only.",
        hidden,
    ) % {"n": hidden}


def pre_post_chart(rows: list[Row], by_label: str) -> Chart:
    drawn = _largest(rows, lambda r: r.learning.pre.shown and r.learning.post.shown)
    pre_name, post_name = _("Pre-test"), _("Post-test")
    pre_drawn, post_drawn = charts.short_labels([pre_name, post_name])
    values = []
    for r, group in zip(drawn, charts.short_labels([r.label for r in drawn]), strict=True):
        values.append({"group": group, "test": pre_drawn, "score": r.learning.pre.chart_value})
        values.append({"group": group, "test": post_drawn, "score": r.learning.post.chart_value})
    title = _("Mean pre-test and post-test score by %(group)s") % {"group": by_label.lower()}
    spec = _base(title, max(60, 34 * len(drawn)))
    spec["data"] = {"values": values}
    spec["mark"] = {"type": "bar", "tooltip": False}
    spec["encoding"] = {
        "y": {"field": "group", "type": "nominal", "title": None, "sort": None},
        "yOffset": {"field": "test", "sort": [pre_drawn, post_drawn]},
        "x": {
            "field": "score",
            "type": "quantitative",
            "scale": {"domain": [0, 100]},
            "axis": _percent_axis(_("% of the maximum score")),
        },
        "color": {
            "field": "test",
            "type": "nominal",
            "title": None,
            "sort": [pre_drawn, post_drawn],
            "scale": {"domain": [pre_drawn, post_drawn], "range": [PRE_COLOUR, charts.ACCENT]},
            "legend": {"orient": "top"},
        },
    }
    higher = [r for r in drawn if (r.learning.post.value or 0) > (r.learning.pre.value or 0)]
    if drawn:
        best = max(drawn, key=lambda r: (r.learning.post.value or 0) - (r.learning.pre.value or 0))
        summary = _(
            "Post-test scores are above pre-test scores in %(higher)s of %(n)s groups. The largest rise: "
            "%(group)s, from %(pre)s to %(post)s."
        ) % {
            "higher": len(higher),
            "n": len(drawn),
            "group": best.label,
            "pre": best.learning.pre.text,
            "post": best.learning.post.text,
        }
    else:
        summary = _("No paired pre-test and post-test results to show.")
    return Chart(
        key="pre-post",
        title=title,
        summary=summary + _more(rows, drawn),
        headers=[by_label, _("Pairs"), pre_name, post_name],
        rows=[[r.label, r.learning.pairs.n_text, r.learning.pre.text, r.learning.post.text] for r in rows],
        spec=spec,
    )


def _single_bar(
    key: str, rows: list[Row], by_label: str, title: str, axis: str, pick: Any, n_pick: Any, column: str
) -> Chart:
    drawn = _largest(rows, lambda r: pick(r).shown)
    labels = charts.short_labels([r.label for r in drawn])
    values = [{"group": group, "value": pick(r).chart_value} for r, group in zip(drawn, labels, strict=True)]
    spec = _base(title, max(60, 24 * len(drawn)))
    spec["data"] = {"values": values}
    spec["mark"] = {"type": "bar", "tooltip": False}
    spec["encoding"] = {
        "y": {"field": "group", "type": "nominal", "title": None, "sort": None},
        "x": {"field": "value", "type": "quantitative", "scale": {"domain": [0, 100]}, "axis": _percent_axis(axis)},
    }
    if drawn:
        high = max(drawn, key=lambda r: pick(r).value or 0)
        low = min(drawn, key=lambda r: pick(r).value or 0)
        summary = ngettext(
            "%(n)s group: %(low)s (%(low_group)s).",
            "%(n)s groups, from %(low)s (%(low_group)s) to %(high)s (%(high_group)s).",
            len(drawn),
        ) % {
            "n": len(drawn),
            "low": pick(low).text,
            "low_group": low.label,
            "high": pick(high).text,
            "high_group": high.label,
        }
    else:
        summary = _("No figure to show.")
    return Chart(
        key=key,
        title=title,
        summary=summary + _more(rows, drawn),
        headers=[by_label, _("n"), column],
        rows=[[r.label, n_pick(r), pick(r).text] for r in rows],
        spec=spec,
    )


def gain_chart(rows: list[Row], by_label: str) -> Chart:
    return _single_bar(
        "gain",
        rows,
        by_label,
        _("Mean normalised gain by %(group)s") % {"group": by_label.lower()},
        _("normalised gain (%)"),
        lambda r: r.learning.gain,
        lambda r: r.learning.gain.n_text,
        _("Mean normalised gain"),
    )


def satisfaction_chart(rows: list[Row], by_label: str) -> Chart:
    return _single_bar(
        "satisfaction",
        rows,
        by_label,
        _("Satisfaction (answers of 4 or 5) by %(group)s") % {"group": by_label.lower()},
        _("% of answers of 4 or 5"),
        lambda r: r.reaction.share,
        lambda r: r.reaction.share.n_text,
        _("Answers of 4 or 5"),
    )


def likert_chart(items: list[LikertItem]) -> Chart:
    """Each satisfaction item's answers from 1 (disagree) to 5 (agree), as shares of its answers."""
    title = _("Answers to each satisfaction question, from 1 (strongly disagree) to 5 (strongly agree)")
    levels = [str(level) for level in range(1, 6)]
    values = []
    # Numbered as in the table (items without answers are in the table only).
    numbered = [(n, li) for n, li in enumerate(items, start=1) if li.n]
    drawn = [li for _n, li in numbered]
    labels = charts.short_labels([f"{n}. {li.item.text}" for n, li in numbered])
    for label, li in zip(labels, drawn, strict=True):
        for level, count in zip(levels, li.counts, strict=True):
            values.append({"item": label, "level": level, "share": round(100 * count / li.n, 1), "order": int(level)})
    spec = _base(title, max(60, 26 * len(drawn)))
    spec["data"] = {"values": values}
    spec["mark"] = {"type": "bar", "tooltip": False}
    spec["encoding"] = {
        "y": {"field": "item", "type": "nominal", "title": None, "sort": None},
        "x": {
            "field": "share",
            "type": "quantitative",
            "stack": "zero",
            "scale": {"domain": [0, 100]},
            "axis": _percent_axis(_("% of the answers")),
        },
        "color": {
            "field": "level",
            "type": "ordinal",
            "title": _("Answer"),
            "scale": {"domain": levels, "range": LIKERT_COLOURS},
            "legend": {"orient": "top", "direction": "horizontal"},
        },
        "order": {"field": "order", "type": "quantitative"},
    }
    if drawn:
        best = max(drawn, key=lambda i: i.share.value or 0)
        worst = min(drawn, key=lambda i: i.share.value or 0)
        summary = _(
            "%(n)s questions. Most agreement: “%(best)s” (%(best_share)s answer 4 or 5). Least: “%(worst)s” "
            "(%(worst_share)s)."
        ) % {
            "n": len(drawn),
            "best": best.item.text,
            "best_share": best.share.text,
            "worst": worst.item.text,
            "worst_share": worst.share.text,
        }
    else:
        summary = _("No answer to a satisfaction question yet.")
    return Chart(
        key="likert",
        title=title,
        summary=summary,
        headers=[_("Question"), _("Answers"), "1", "2", "3", "4", "5", _("Mean"), _("4 or 5")],
        rows=[
            [
                f"{n}. {li.item.text}",
                number_format(li.n),
                *[number_format(c) for c in li.counts],
                li.mean.text,
                li.share.text,
            ]
            for n, li in enumerate(items, start=1)
        ],
        spec=spec,
    )


def programme_charts(rows: list[Row], by_label: str) -> list[Chart]:
    return [pre_post_chart(rows, by_label), gain_chart(rows, by_label), satisfaction_chart(rows, by_label)]
