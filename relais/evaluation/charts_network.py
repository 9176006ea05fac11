"""The growth of the cooperation network as a Vega-Lite line chart (plain data, DESIGN.md §5),
rendered on the server with charts.inline_svg, with its text alternative and data table."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format, number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from relais.evaluation import charts

TIES_COLOUR = charts.ACCENT
EVENTS_COLOUR = "#b35900"

_LOCALES: dict[str, dict[str, Any]] = {
    "fr": {"decimal": ",", "thousands": "\u202f", "grouping": [3], "currency": ["", "\u00a0€"]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["", ""]},
}
_MONTHS = {
    "fr": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}


@dataclass(frozen=True)
class GrowthChart:
    title: str
    summary: str  # the text alternative, shown under the chart
    headers: list[str]
    rows: list[list[str]]
    spec: dict[str, Any] | None

    @property
    def svg(self) -> str:
        return charts.inline_svg(self.spec, label=self.title) if self.spec else ""


def _lang() -> str:
    return "fr" if (get_language() or "en")[:2] == "fr" else "en"


def growth_spec(growth: list[tuple[dt.date, int, int]], *, title: str) -> dict[str, Any]:
    """Cumulative ties and cooperation events at the end of each month."""
    ties, events = _("Ties"), _("Cooperation events")
    values: list[dict[str, Any]] = []
    for month, n_ties, n_events in growth:
        values.append({"month": month.isoformat(), "series": ties, "value": n_ties})
        values.append({"month": month.isoformat(), "series": events, "value": n_events})
    spec = charts.base_spec(height=220)
    lang = _lang()
    spec["config"]["locale"] = {
        "number": _LOCALES[lang],
        "time": {
            "dateTime": "%x, %X",
            "date": "%d/%m/%Y",
            "time": "%H:%M:%S",
            "periods": ["AM", "PM"],
            "days": ["", "", "", "", "", "", ""],
            "shortDays": ["", "", "", "", "", "", ""],
            "months": _MONTHS[lang],
            "shortMonths": _MONTHS[lang],
        },
    }
    spec["description"] = title
    spec["data"] = {"values": values}
    spec["mark"] = {"type": "line", "point": True}
    spec["encoding"] = {
        "x": {
            "field": "month",
            "type": "temporal",
            "timeUnit": "yearmonth",
            "title": _("Month"),
            "axis": {"format": "%b %Y", "labelAngle": 0, "tickCount": {"interval": "month", "step": 1}},
        },
        "y": {
            "field": "value",
            "type": "quantitative",
            "title": _("So far"),
            "axis": {"format": "d", "tickMinStep": 1},
        },
        "color": {
            "field": "series",
            "type": "nominal",
            "title": None,
            "scale": {"domain": [ties, events], "range": [TIES_COLOUR, EVENTS_COLOUR]},
            "legend": {"orient": "top"},
        },
        "strokeDash": {
            "field": "series",
            "type": "nominal",
            "scale": {"domain": [ties, events], "range": [[1, 0], [6, 3]]},
            "legend": None,
        },
    }
    if len(growth) > 12:
        spec["encoding"]["x"]["axis"]["tickCount"] = {"interval": "month", "step": 3}
    return spec


def growth_chart(growth: list[tuple[dt.date, int, int]]) -> GrowthChart | None:
    """The chart over two months or more (a single month is only the table's row)."""
    if not growth:
        return None
    title = _("Growth of the network: ties and cooperation events so far, month by month")
    last_month, ties, events = growth[-1]
    summary = _(
        "From %(start)s to %(end)s the network grew to %(ties)s ties and %(events)s cooperation events. "
        "The table below gives the figures of each month."
    ) % {
        "start": date_format(growth[0][0], "F Y"),
        "end": date_format(last_month, "F Y"),
        "ties": number_format(ties),
        "events": number_format(events),
    }
    rows = [[date_format(m, "F Y"), number_format(t), number_format(e)] for m, t, e in growth]
    return GrowthChart(
        title=title,
        summary=summary,
        headers=[_("Month"), _("Ties so far"), _("Cooperation events so far")],
        rows=rows,
        spec=growth_spec(growth, title=title) if len(growth) > 1 else None,
    )
