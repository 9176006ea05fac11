"""The dashboard's key figures and charts: each chart a Vega-Lite specification (rendered on the
server, DESIGN.md §5) with its title, text alternative, data table, n and period. Suppressed figures
(viewers) are left out of the drawing and say "fewer than 5" in the table and the CSV.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format, number_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from relais.evaluation import charts
from relais.evaluation.charts_network import growth_spec
from relais.evaluation.scoping import SMALL_N
from relais.evaluation.selectors_results import Stat, rounded, small_text
from relais.publications.dashboard import Dashboard, Group

_INNER_ARIA = re.compile(r' (?:role|aria-roledescription|aria-label)="[^"]*"')
PLANNED_COLOUR = "#9aa5b1"
MAX_BARS = 25  # the largest groups are drawn; the table has them all

_LOCALES: dict[str, dict[str, Any]] = {
    "fr": {"decimal": ",", "thousands": "\u202f", "grouping": [3], "currency": ["", "\u00a0€"]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["", ""]},
}


@dataclass(frozen=True)
class DashChart:
    key: str
    title: str
    summary: str  # the text alternative, shown under the chart
    headers: list[str]
    rows: list[list[str]]
    spec: dict[str, Any] | None  # None: nothing to draw (the table says why)
    n_text: str
    period: str

    @property
    def svg(self) -> str:
        """One image with its label; Vega's inner roles removed (the data table carries the figures)."""
        if self.spec is None:
            return ""
        text = charts.inline_svg(self.spec, label=self.title).replace('class="marks"', 'class="marks img-fluid"', 1)
        head, _sep, body = text.partition(">")
        return head + ">" + _INNER_ARIA.sub("", body)


@dataclass(frozen=True)
class Figure:
    value: str
    label: str
    n_text: str


def _lang() -> str:
    return "fr" if (get_language() or "en")[:2] == "fr" else "en"


def _base(title: str, height: int) -> dict[str, Any]:
    spec = charts.base_spec(height=height)
    spec["config"]["locale"] = {"number": _LOCALES[_lang()]}
    spec["config"]["axisY"] = {"grid": False}  # no label limit (charts.base_spec): labels are cut by short_labels
    spec["padding"] = {"left": 48, "top": 5, "right": 12, "bottom": 5}
    spec["description"] = title
    return spec


def hours_text(value: Stat) -> str:
    if value.suppressed:
        return small_text()
    if value.value is None:
        return "—"
    return number_format(rounded(value.value, 0), decimal_pos=0, force_grouping=True)


def count_text(n: int, *, suppress: bool = False) -> str:
    """A count; "fewer than 5" when it is suppressed (viewers) and under SMALL_N."""
    if suppress and 0 < n < SMALL_N:
        return small_text()
    return number_format(n, force_grouping=True)


def period_text(dash: Dashboard) -> str:
    """The period the delivery figures cover: the filter's, or the selection's first to last day."""
    f = dash.filters
    if f.start and f.end:
        return _("Sessions ending from %(start)s to %(end)s") % {
            "start": date_format(f.start, "DATE_FORMAT"),
            "end": date_format(f.end, "DATE_FORMAT"),
        }
    if f.start:
        return _("Sessions ending from %(start)s") % {"start": date_format(f.start, "DATE_FORMAT")}
    if f.end:
        return _("Sessions ending until %(end)s") % {"end": date_format(f.end, "DATE_FORMAT")}
    d = dash.delivery
    if d.first_day and d.last_day:
        return _("Sessions from %(start)s to %(end)s") % {
            "start": date_format(d.first_day, "DATE_FORMAT"),
            "end": date_format(d.last_day, "DATE_FORMAT"),
        }
    return _("No session in this selection")


def key_figures(dash: Dashboard) -> list[Figure]:
    d = dash.delivery
    sessions_n = count_text(d.delivered + d.planned)
    figures = [
        Figure(count_text(d.delivered), _("sessions delivered"), sessions_n),
        Figure(count_text(d.planned), _("sessions planned or open"), sessions_n),
        Figure(count_text(d.countries), _("countries with a session delivered"), count_text(d.delivered)),
        Figure(d.trained.text, _("people trained"), d.trained.n_text),
        Figure(hours_text(d.hours), _("participant training hours"), d.hours.n_text),
    ]
    labels = {
        "female": _("women among the people trained"),
        "male": _("men among the people trained"),
        "other": _("other gender among the people trained"),
    }
    for group in d.shares:
        if group.key in labels:
            figures.append(Figure(group.value.text, labels[group.key], d.trained.n_text))
    return figures


def _bar_spec(title: str, values: list[dict[str, Any]], axis: str, *, stacked: bool = False) -> dict[str, Any]:
    groups = len({v["group"] for v in values})
    spec = _base(title, max(60, 24 * groups))
    spec["data"] = {"values": values}
    spec["mark"] = {"type": "bar", "tooltip": False}
    spec["encoding"] = {
        "y": {"field": "group", "type": "nominal", "title": None, "sort": None},
        "x": {
            "field": "value",
            "type": "quantitative",
            "title": axis,
            "axis": {"format": ",d", "tickMinStep": 1, "tickCount": 6},
        },
    }
    if stacked:
        names = list(dict.fromkeys(v["series"] for v in values))
        spec["encoding"]["color"] = {
            "field": "series",
            "type": "nominal",
            "title": None,
            "sort": names,
            "scale": {"domain": names, "range": [charts.ACCENT, PLANNED_COLOUR]},
            "legend": {"orient": "top"},
        }
        spec["encoding"]["order"] = {"field": "rank", "type": "quantitative"}
    return spec


def _drawn(groups: list[Group], pick: Callable[[Group], Stat], *, zeros: bool = False) -> list[Group]:
    kept = [g for g in groups if pick(g).shown and (zeros or (pick(g).value or 0) > 0)]
    return kept[:MAX_BARS]


def _more(groups: list[Group], drawn: list[Group]) -> str:
    hidden = len(groups) - len(drawn)
    if hidden <= 0:
        return ""
    return " " + ngettext(
        "%(n)s group without a figure to show, or among the smallest, is in the table only.",
        "%(n)s groups without a figure to show, or among the smallest, are in the table only.",
        hidden,
    ) % {"n": hidden}


def sessions_by_country(dash: Dashboard) -> DashChart:
    d = dash.delivery
    title = _("Sessions by country")
    delivered, planned = _("Delivered"), _("Planned or open")
    delivered_drawn, planned_drawn = charts.short_labels([delivered, planned])
    drawn = d.by_country[:MAX_BARS]
    values: list[dict[str, Any]] = []
    for g, group in zip(drawn, charts.short_labels([g.label for g in drawn]), strict=True):
        values.append({"group": group, "series": delivered_drawn, "value": g.value.n, "rank": 0})
        if g.extra is not None:
            values.append({"group": group, "series": planned_drawn, "value": g.extra.n, "rank": 1})
    if drawn:
        top = drawn[0]
        summary = ngettext(
            "%(delivered)s session delivered and %(planned)s planned in %(n)s country.",
            "%(delivered)s sessions delivered and %(planned)s planned in %(n)s countries; the most in %(top)s.",
            len(d.by_country),
        ) % {"delivered": d.delivered, "planned": d.planned, "n": len(d.by_country), "top": top.label}
    else:
        summary = _("No session in this selection.")
    return DashChart(
        key="sessions-country",
        title=title,
        summary=summary + _more(d.by_country, drawn),
        headers=[_("Country"), delivered, planned],
        rows=[[g.label, count_text(g.value.n), count_text(g.extra.n if g.extra else 0)] for g in d.by_country],
        spec=_bar_spec(title, values, _("Sessions"), stacked=True) if values else None,
        n_text=count_text(d.delivered + d.planned),
        period=period_text(dash),
    )


def _people_chart(dash: Dashboard, key: str, title: str, by: str, groups: list[Group], shares: bool) -> DashChart:
    d = dash.delivery
    drawn = _drawn(groups, lambda g: g.value, zeros=shares)
    labels = charts.short_labels([g.label or _("Not recorded") for g in drawn])
    values = [{"group": group, "value": g.value.n} for g, group in zip(drawn, labels, strict=True)]
    if drawn:
        top = max(drawn, key=lambda g: g.value.n)
        summary = _("%(n)s people trained; the largest group: %(group)s (%(value)s).") % {
            "n": d.trained.text,
            "group": top.label or _("Not recorded"),
            "value": top.value.text,
        }
    elif d.trained.suppressed:
        summary = _("Fewer than %(n)s people trained in this selection: the figures are not shown.") % {"n": SMALL_N}
    else:
        summary = _("No one trained in this selection yet.")
    headers = [by, _("People trained")]
    share_of = {g.key: g.value for g in d.shares}
    if shares:
        headers.append(_("Share"))
    rows = []
    for g in groups:
        row = [g.label or _("Not recorded"), g.value.text]
        if shares:
            row.append(share_of[g.key].text)
        rows.append(row)
    return DashChart(
        key=key,
        title=title,
        summary=summary + _more(groups, drawn),
        headers=headers,
        rows=rows,
        spec=_bar_spec(title, values, _("People trained")) if values else None,
        n_text=d.trained.n_text,
        period=period_text(dash),
    )


def people_by_profession(dash: Dashboard) -> DashChart:
    return _people_chart(
        dash,
        "people-profession",
        _("People trained by profession"),
        _("Profession"),
        dash.delivery.by_profession,
        shares=False,
    )


def people_by_gender(dash: Dashboard) -> DashChart:
    return _people_chart(
        dash, "people-gender", _("People trained by gender"), _("Gender"), dash.delivery.by_gender, shares=True
    )


def hours_by_month(dash: Dashboard) -> DashChart:
    d = dash.delivery
    title = _("Participant training hours by month")
    drawn = [g for g in d.hours_by_month if g.value.shown]
    values = [{"month": g.key.isoformat(), "value": round(g.value.value or 0)} for g in drawn]
    spec: dict[str, Any] | None = None
    if values:
        spec = _base(title, 220)
        spec["data"] = {"values": values}
        spec["mark"] = {"type": "bar", "tooltip": False}
        spec["encoding"] = {
            "x": {
                "field": "month",
                "type": "ordinal",
                "timeUnit": "yearmonth",
                "title": _("Month of the session's last day"),
                "axis": {"format": "%m/%Y", "labelAngle": -45 if len(values) > 8 else 0},
            },
            "y": {
                "field": "value",
                "type": "quantitative",
                "title": _("Hours"),
                "axis": {"format": ",d", "tickCount": 5},
            },
        }
    if drawn:
        summary = _("%(hours)s participant training hours over %(months)s months.") % {
            "hours": hours_text(d.hours),
            "months": len(d.hours_by_month),
        }
    else:
        summary = _("No training hours to show in this selection.")
    return DashChart(
        key="hours-month",
        title=title,
        summary=summary,
        headers=[_("Month"), _("Participant training hours"), _("Participations (people × sessions)")],
        rows=[[date_format(g.key, "YEAR_MONTH_FORMAT"), hours_text(g.value), g.value.n_text] for g in d.hours_by_month],
        spec=spec,
        n_text=d.hours.n_text,
        period=period_text(dash),
    )


def _decimal(value: Any) -> str:
    if value is None:
        return "—"
    return number_format(value.normalize() if hasattr(value, "normalize") else value, force_grouping=True)


def indicators_chart(dash: Dashboard) -> DashChart:
    title = _("Indicators: progress from baseline to target")
    rows_ = dash.indicators
    progressing = [r for r in rows_ if r.progress is not None]
    labels = charts.short_labels([f"{r.indicator.code} {r.indicator.name}" for r in progressing])
    values: list[dict[str, Any]] = [
        {"group": group, "value": max(0, min(150, r.progress.percent))}
        for r, group in zip(progressing, labels, strict=True)
        if r.progress is not None
    ]
    spec: dict[str, Any] | None = None
    if values:
        spec = _base(title, max(60, 24 * len(values)))
        spec["data"] = {"values": values}
        spec["layer"] = [
            {
                "mark": {"type": "bar", "tooltip": False},
                "encoding": {
                    "y": {"field": "group", "type": "nominal", "title": None, "sort": None},
                    "x": {
                        "field": "value",
                        "type": "quantitative",
                        "title": _("% of the way from baseline to target"),
                        "scale": {"domain": [0, max([100, *(v["value"] for v in values)])]},
                    },
                },
            },
            {"mark": {"type": "rule", "color": "#b35900", "strokeDash": [4, 3]}, "encoding": {"x": {"datum": 100}}},
        ]
    reached = sum(1 for r in rows_ if r.progress is not None and r.progress.reached)
    if rows_:
        summary = _("%(n)s indicators, %(with)s with a value and a target; %(reached)s reached their target.") % {
            "n": len(rows_),
            "with": len(values),
            "reached": reached,
        }
    else:
        summary = _("The programme has no indicator yet.")

    def period(r: Any) -> str:
        if r.as_of:
            return _("as of %(date)s") % {"date": date_format(r.as_of, "DATE_FORMAT")}
        return r.period.label if r.period else "—"

    return DashChart(
        key="indicators",
        title=title,
        summary=summary,
        headers=[
            _("Code"),
            _("Indicator"),
            _("Unit"),
            _("Baseline"),
            _("Target"),
            _("Latest value"),
            _("Period"),
            _("Progress"),
        ],
        rows=[
            [
                r.indicator.code,
                r.indicator.name,
                r.indicator.unit,
                _decimal(r.indicator.baseline),
                _decimal(r.indicator.target),
                small_text() if r.indicator.pk in dash.small_indicators else _decimal(r.actual),
                period(r),
                r.progress.text if r.progress else "—",
            ]
            for r in rows_
        ],
        spec=spec,
        n_text=count_text(len(rows_)),
        period=_("Latest reporting period of each indicator; the whole programme, whatever the filters"),
    )


def network_growth(dash: Dashboard) -> DashChart:
    network = dash.network
    title = _("Growth of the cooperation network: ties and cooperation events so far, month by month")
    if network.suppressed:
        return DashChart(
            key="network-growth",
            title=title,
            summary=_("Fewer than %(n)s participants in this selection: the figures are not shown.") % {"n": SMALL_N},
            headers=[_("Month"), _("Ties so far"), _("Cooperation events so far")],
            rows=[],
            spec=None,
            n_text=small_text(),
            period="—",
        )
    growth = network.growth
    suppress = dash.suppress
    # Viewers: the months when both counts are under SMALL_N are left out, and the counts under it not drawn.
    shown = [g for g in growth if not suppress or max(g[1], g[2]) >= SMALL_N]
    if growth:
        last = growth[-1]
        summary = _(
            "From %(start)s to %(end)s the network grew to %(ties)s ties and %(events)s cooperation events."
        ) % {
            "start": date_format((shown or growth)[0][0], "YEAR_MONTH_FORMAT"),
            "end": date_format(last[0], "YEAR_MONTH_FORMAT"),
            "ties": count_text(last[1], suppress=suppress),
            "events": count_text(last[2], suppress=suppress),
        }
    else:
        summary = _("No tie or cooperation event reported in this selection yet.")
    if network.reported_from and network.reported_to:
        period = _("Reported from %(start)s to %(end)s") % {
            "start": date_format(network.reported_from, "DATE_FORMAT"),
            "end": date_format(network.reported_to, "DATE_FORMAT"),
        }
    else:
        period = "—"
    return DashChart(
        key="network-growth",
        title=title,
        summary=summary,
        headers=[_("Month"), _("Ties so far"), _("Cooperation events so far")],
        rows=[
            [date_format(m, "YEAR_MONTH_FORMAT"), count_text(t, suppress=suppress), count_text(e, suppress=suppress)]
            for m, t, e in shown
        ],
        spec=_growth_drawing(shown, title, suppress=suppress) if len(shown) > 1 else None,
        n_text=_("%(n)s participants") % {"n": count_text(network.figures.participants)},
        period=period,
    )


def _growth_drawing(growth: list[tuple[Any, int, int]], title: str, *, suppress: bool) -> dict[str, Any]:
    spec = growth_spec(growth, title=title)
    if suppress:
        values = spec["data"]["values"]
        spec["data"]["values"] = [v for v in values if not 0 < v["value"] < SMALL_N]
    return spec


CHARTS: dict[str, Callable[[Dashboard], DashChart]] = {
    "sessions-country": sessions_by_country,
    "people-profession": people_by_profession,
    "people-gender": people_by_gender,
    "hours-month": hours_by_month,
    "indicators": indicators_chart,
    "network-growth": network_growth,
}


def all_charts(dash: Dashboard) -> list[DashChart]:
    return [build(dash) for build in CHARTS.values()]
