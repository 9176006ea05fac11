"""The programme results table as CSV: the same groups, filters and figures as the page, with each
figure's n. Figures over fewer than 5 people are "fewer than 5" for viewers (they leave the platform);
no cell can carry a spreadsheet formula (delivery.exports_participants.to_csv neutralises them)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from relais.delivery.exports_participants import Table, to_csv
from relais.evaluation.selectors_results_groups import ResultsTable, Row

CSV = "text/csv; charset=utf-8"


def headers(by_label: str) -> list[str]:
    return [
        by_label,
        _("Satisfaction: answers of 4 or 5"),
        _("Satisfaction: mean (1–5)"),
        _("Satisfaction: respondents"),
        _("Learning: pairs"),
        _("Learning: mean pre-test"),
        _("Learning: mean post-test"),
        _("Learning: mean normalised gain"),
        _("Learning: n for the gain"),
        _("Learning: improved"),
        _("Learning: effect size"),
        _("Use of learning: applying"),
        _("Use of learning: n"),
    ]


def row_cells(row: Row) -> list[str]:
    r, lr, b = row.reaction, row.learning, row.behaviour
    return [
        row.label,
        r.share.text,
        r.mean.text,
        r.share.n_text,
        lr.pairs.n_text,
        lr.pre.text,
        lr.post.text,
        lr.gain.text,
        lr.gain.n_text,
        lr.improved.text,
        lr.effect.text,
        b.applying.text,
        b.applying.n_text,
    ]


def results_csv(table: ResultsTable, *, title: str) -> bytes:
    rows = [row_cells(r) for r in table.rows]
    total = row_cells(table.total)
    total[0] = _("All")
    return to_csv(Table(title=title, headers=headers(table.by_label), rows=[*rows, total]))
