"""Chart labels in the dashboard and the publications: cut in Python and all different (charts.short_labels),
never cut by Vega (no label limit), and in full in the data tables."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import translation

from relais.evaluation import charts
from relais.evaluation.selectors_results import COUNT, Stat
from relais.publications.content_common import bar_chart
from relais.publications.dashboard import Dashboard, DashboardFilters, Delivery, Group
from relais.publications.dashboard_charts import people_by_profession, sessions_by_country

AIRPORTS = "Officers of the border police and immigration service at airports"
LAND = "Officers of the border police and immigration service at land borders"


def _bars(svg: str) -> set[str]:
    marks = re.search(r'<g class="mark-rect role-mark[^>]*>(.*?)</g>', svg, re.S)
    assert marks is not None
    return set(re.findall(r'<path[^>]* d="(M[^"]*)"', marks.group(1)))


def _dashboard(by_profession: list[Group], by_country: list[Group]) -> Dashboard:
    """A dashboard whose delivery figures are given (no database)."""
    dash = Dashboard.__new__(Dashboard)
    dash.filters = DashboardFilters()
    dash.__dict__["delivery"] = Delivery(
        sessions=[],
        delivered=12,
        planned=3,
        countries=len(by_country),
        trained=Stat(150, 150, COUNT),
        by_profession=by_profession,
        by_gender=[],
        shares=[],
        hours=Stat(900.0, 150, COUNT),
        participations=150,
        by_country=by_country,
        hours_by_month=[],
        first_day=dt.date(2026, 1, 5),
        last_day=dt.date(2026, 3, 20),
    )
    return dash


def test_publication_bar_chart_labels() -> None:
    rows: list[tuple[str, float | None, str]] = [(AIRPORTS, 40.0, "40"), (LAND, 25.0, "25"), ("Judges", 12.0, "12")]
    with translation.override("en"):
        chart = bar_chart("people", "People trained by profession", rows, group="Profession", measure="People", axis="")
        svg = charts.svg(chart.spec)
    groups = [v["group"] for v in chart.spec["data"]["values"]]
    assert len(set(groups)) == 3 and all(len(g) <= charts.LABEL_LIMIT for g in groups) and groups[2] == "Judges"
    assert len(_bars(svg)) == 3
    assert [r[0] for r in chart.table.rows] == [AIRPORTS, LAND, "Judges"]
    assert chart.spec["config"]["axis"]["labelLimit"] == 0 and "labelLimit" not in chart.spec["config"]["axisY"]


def test_dashboard_chart_labels() -> None:
    professions = [Group("a", AIRPORTS, Stat(80, 80, COUNT)), Group("l", LAND, Stat(70, 70, COUNT))]
    countries = [
        Group(1, "Saint Vincent and the Grenadines (training centre)", Stat(7, 7, COUNT), Stat(2, 2, COUNT)),
        Group(2, "Saint Vincent and the Grenadines (ministry)", Stat(5, 5, COUNT), Stat(1, 1, COUNT)),
    ]
    dash = _dashboard(professions, countries)
    with translation.override("en"):
        people, sessions = people_by_profession(dash), sessions_by_country(dash)
        people_svg, sessions_svg = people.svg, sessions.svg
    assert people.spec is not None and sessions.spec is not None
    assert len({v["group"] for v in people.spec["data"]["values"]}) == 2 and len(_bars(people_svg)) == 2
    assert len({v["group"] for v in sessions.spec["data"]["values"]}) == 2 and len(_bars(sessions_svg)) == 4
    assert all(len(v["group"]) <= charts.LABEL_LIMIT for v in sessions.spec["data"]["values"])
    assert [r[0] for r in people.rows] == [AIRPORTS, LAND]
    assert [r[0] for r in sessions.rows] == [g.label for g in countries]
    assert sessions.spec["encoding"]["color"]["scale"]["domain"] == ["Delivered", "Planned or open"]
    assert "labelLimit" not in sessions.spec["config"]["axisY"] and sessions.spec["config"]["axis"]["labelLimit"] == 0
