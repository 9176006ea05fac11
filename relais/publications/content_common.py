"""What the parts of `build_content` share: the sessions a publication covers, its evaluation
selection (suppression always on), and helpers for texts, tables and charts.

The sessions covered: with no choice, the programme's sessions held (delivered or closed); with a
choice, the chosen sessions of the programme (cancelled ones left out). Every figure — delivery,
evaluation, network, lessons, designs — is restricted to these sessions. The evaluation figures use a
results scope narrowed to their ids (`ResultsScope.session_ids`), with figures over fewer than five
people suppressed whoever builds the publication.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import date_format, number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from relais.delivery.models import Session, SessionStatus
from relais.evaluation import charts
from relais.evaluation.scoping import SMALL_N, ResultsScope
from relais.evaluation.selectors_results import Selection, small_text
from relais.programmes.models import Programme
from relais.publications.content import Chart, Table

HELD = (SessionStatus.DELIVERED, SessionStatus.CLOSED)

_LOCALES: dict[str, dict[str, Any]] = {
    "fr": {"decimal": ",", "thousands": "\u202f", "grouping": [3], "currency": ["", "\u00a0€"]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["", ""]},
}


@dataclass(frozen=True)
class SessionInfo:
    pk: int
    title: str
    design_id: int
    country_id: int
    country: str
    start: dt.date
    end: dt.date

    @property
    def dates(self) -> str:
        return dates_text(self.start, self.end)


@dataclass
class Context:
    """The publication's programme, sessions and selection, read once and shared by the sections."""

    programme: Programme
    sessions: list[SessionInfo]  # ordered by start date, title, pk
    chosen: bool  # the user chose the sessions
    scope: ResultsScope
    selection: Selection
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def session_ids(self) -> list[int]:
        return [s.pk for s in self.sessions]

    @property
    def design_ids(self) -> list[int]:
        return sorted({s.design_id for s in self.sessions})


def french() -> bool:
    return (get_language() or "en")[:2] == "fr"


def read_context(programme: Programme, session_ids: list[int] | None) -> Context:
    """The sessions covered (one query) and the suppressed selection over them."""
    qs = Session.objects.filter(programme=programme)
    if session_ids is None:
        qs = qs.filter(status__in=HELD)
    else:
        qs = qs.filter(pk__in=sorted(set(session_ids))).exclude(status=SessionStatus.CANCELLED)
    fr = french()
    sessions = [
        SessionInfo(
            pk=pk,
            title=title,
            design_id=design_id,
            country_id=country_id,
            country=((name_fr if fr else "") or name_en),
            start=start,
            end=end,
        )
        for pk, title, design_id, country_id, name_en, name_fr, start, end in qs.order_by(
            "start_date", "title", "pk"
        ).values_list(
            "pk", "title", "design_id", "country_id", "country__name_en", "country__name_fr", "start_date", "end_date"
        )
    ]
    scope = ResultsScope(programme, None, frozenset(s.pk for s in sessions), suppress_small=True, names=False)
    return Context(
        programme=programme,
        sessions=sessions,
        chosen=session_ids is not None,
        scope=scope,
        selection=Selection.of_scope(scope),
    )


# --- Texts -------------------------------------------------------------------------------------------


def count_text(n: int) -> str:
    """A number of people as a publication may print it: from 1 to 4 it is "fewer than 5"."""
    return small_text() if 0 < n < SMALL_N else number_format(n)


def n_text(n: int) -> str:
    return _("n = %(n)s") % {"n": count_text(n)}


def dates_text(start: dt.date, end: dt.date) -> str:
    first = date_format(start, "DATE_FORMAT")
    return first if end == start else f"{first} – {date_format(end, 'DATE_FORMAT')}"


def sort_key(label: str, pk: Any = 0) -> tuple[str, str]:
    return (label.casefold(), str(pk))


# --- Charts ------------------------------------------------------------------------------------------


def base(title: str, height: int) -> dict[str, Any]:
    spec = charts.base_spec(height=height)
    spec["config"]["locale"] = {"number": _LOCALES["fr" if french() else "en"]}
    spec["config"]["axisY"] = {"grid": False}  # no label limit (charts.base_spec): labels are cut by short_labels
    spec["padding"] = {"left": 48, "top": 5, "right": 12, "bottom": 5}
    spec["description"] = title
    return spec


def bar_chart(
    key: str,
    title: str,
    rows: list[tuple[str, float | None, str]],
    *,
    group: str,
    measure: str,
    axis: str,
    percent: bool = False,
    note: str = "",
) -> Chart:
    """A horizontal bar chart of (label, value or None when not shown, text) with its data table. The
    rows come in the order to show; values that are None (suppressed) are left out of the chart."""
    drawn = [(label, value) for label, value, _text in rows if value is not None]
    spec = base(title, max(60, 24 * len(drawn)))
    labels = charts.short_labels([label for label, _value in drawn])  # the table keeps the full labels
    spec["data"] = {
        "values": [{"group": short, "value": value} for short, (_label, value) in zip(labels, drawn, strict=True)]
    }
    spec["mark"] = {"type": "bar", "tooltip": False}
    x: dict[str, Any] = {"field": "value", "type": "quantitative", "title": axis}
    if percent:
        x["scale"] = {"domain": [0, 100]}
        x["axis"] = {"title": axis, "format": "d", "values": [0, 20, 40, 60, 80, 100]}
    else:
        x["axis"] = {"title": axis, "format": ",d", "tickMinStep": 1}
    spec["encoding"] = {"y": {"field": "group", "type": "nominal", "title": None, "sort": None}, "x": x}
    if drawn:
        top = max(rows, key=lambda r: r[1] if r[1] is not None else -1)
        alt = _("%(title)s: %(n)s groups; the largest is %(group)s (%(value)s).") % {
            "title": title,
            "n": number_format(len(rows)),
            "group": top[0],
            "value": top[2],
        }
    else:
        alt = _("%(title)s: no figure to show.") % {"title": title}
    hidden = len(rows) - len(drawn)
    if hidden:
        alt += " " + _("Groups of fewer than %(n)s people are in the table only.") % {"n": SMALL_N}
    table = Table(
        caption=title, columns=[group, measure], rows=[[label, text] for label, _v, text in rows], numeric=[False, True]
    )
    table.note = note
    return Chart(key=key, title=title, alt=alt, spec=spec, table=table)
