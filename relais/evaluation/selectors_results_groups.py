"""Level 1–3 figures by group — session, design, country, profession, theme or programme — in one
aggregate query per level, plus the totals (one per level) and the groups' names (one). The number of
queries does not depend on how many groups or rows there are.

A response or learning score counts in the group of its session, its design, the participant's
country and profession as registered, and each theme of its design (so a design with two themes counts
in both, and the theme groups may add up to more than the total).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import F
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from relais.core.models import Country, Profession, Theme
from relais.delivery.models import Session
from relais.design.models import ActivityDesign
from relais.evaluation.selectors_results import (
    BEHAVIOUR_SUMS,
    LEARNING_FIELDS,
    LEARNING_SUMS,
    REACTION_SUMS,
    RESPONSE_FIELDS,
    Behaviour,
    Learning,
    Reaction,
    Selection,
    behaviour_from,
    behaviour_rows,
    learning_from,
    learning_rows,
    reaction_from,
    reaction_rows,
)
from relais.programmes.models import Programme

DIMENSIONS: list[tuple[str, Any]] = [
    ("country", gettext_lazy("Country")),
    ("profession", gettext_lazy("Profession")),
    ("design", gettext_lazy("Design")),
    ("session", gettext_lazy("Session")),
    ("theme", gettext_lazy("Theme")),
    ("programme", gettext_lazy("Programme")),
]
DEFAULT_BY = "country"


def dimension_label(by: str) -> str:
    return str(dict(DIMENSIONS).get(by, by))


@dataclass(frozen=True)
class Row:
    key: int | None
    label: str
    reaction: Reaction
    learning: Learning
    behaviour: Behaviour
    url: str | None = None  # the group's own results page (sessions)
    note: str = ""  # e.g. a session's dates

    @property
    def people(self) -> int:
        """The largest n of the row, to order groups in charts."""
        return max(self.reaction.respondents, self.learning.pairs.n, self.behaviour.applying.n)


@dataclass(frozen=True)
class ResultsTable:
    by: str
    rows: list[Row]
    total: Row

    @property
    def by_label(self) -> str:
        return dimension_label(self.by)


def _grouped(qs: Any, field: str, sums: dict[str, Any]) -> dict[Any, dict[str, Any]]:
    return {row["group"]: row for row in qs.values(group=F(field)).annotate(**sums).order_by()}


def _labels(by: str, keys: set[Any]) -> dict[Any, tuple[str, str | None, str]]:
    """(name, link, note) of each group key: one query."""
    ids = [k for k in keys if k is not None]
    out: dict[Any, tuple[str, str | None, str]] = {}
    if by == "session":
        for pk, title, start, end in Session.objects.filter(pk__in=ids).values_list(
            "pk", "title", "start_date", "end_date"
        ):
            dates = date_format(start, "DATE_FORMAT")
            if end != start:
                dates = f"{dates} – {date_format(end, 'DATE_FORMAT')}"
            out[pk] = (title, reverse("evaluation:session_results", kwargs={"pk": pk}), dates)
    elif by == "design":
        out = {
            pk: (title, None, "") for pk, title in ActivityDesign.objects.filter(pk__in=ids).values_list("pk", "title")
        }
    elif by == "programme":
        out = {p.pk: (p.title, None, "") for p in Programme.objects.filter(pk__in=ids)}
    else:
        model: Any = {"country": Country, "profession": Profession, "theme": Theme}[by]
        out = {item.pk: (item.name, None, "") for item in model.objects.filter(pk__in=ids)}
    missing = _("No theme") if by == "theme" else _("Not recorded")
    if None in keys:
        out[None] = (missing, None, "")
    return out


def results_table(selection: Selection, by: str) -> ResultsTable:
    """Levels 1–3 by group and in total: 7 queries whatever the data."""
    if by not in dict(DIMENSIONS):
        by = DEFAULT_BY
    suppress = selection.suppress
    reactions = _grouped(reaction_rows(selection), RESPONSE_FIELDS[by], REACTION_SUMS)
    learnings = _grouped(learning_rows(selection), LEARNING_FIELDS[by], LEARNING_SUMS)
    behaviours = _grouped(behaviour_rows(selection), RESPONSE_FIELDS[by], BEHAVIOUR_SUMS)
    keys = set(reactions) | set(learnings) | set(behaviours)
    labels = _labels(by, keys)
    rows = [
        Row(
            key=key,
            label=labels.get(key, (str(key), None, ""))[0],
            url=labels.get(key, ("", None, ""))[1],
            note=labels.get(key, ("", None, ""))[2],
            reaction=reaction_from(reactions.get(key, {}), suppress=suppress),
            learning=learning_from(learnings.get(key, {}), suppress=suppress),
            behaviour=behaviour_from(behaviours.get(key, {}), suppress=suppress),
        )
        for key in keys
    ]
    rows.sort(key=lambda r: (r.key is None, r.label.casefold(), r.key or 0))
    total = Row(
        key=None,
        label=_("All"),
        reaction=reaction_from(reaction_rows(selection).aggregate(**REACTION_SUMS), suppress=suppress),
        learning=learning_from(learning_rows(selection).aggregate(**LEARNING_SUMS), suppress=suppress),
        behaviour=behaviour_from(behaviour_rows(selection).aggregate(**BEHAVIOUR_SUMS), suppress=suppress),
    )
    return ResultsTable(by=by, rows=rows, total=total)
