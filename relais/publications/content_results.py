"""The evaluation sections of a publication: learning (levels 1–2), change (level 3) and the
cooperation network with the results framework (level 4). Figures come from relais.evaluation's
selectors on the publication's selection (suppression on), so they equal the analytics' own."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from relais.evaluation.charts_network import growth_chart
from relais.evaluation.charts_results import gain_chart
from relais.evaluation.scoping import SMALL_N
from relais.evaluation.selectors_network_figures import network_figures
from relais.evaluation.selectors_results import Selection, percent_text
from relais.evaluation.selectors_results_groups import ResultsTable, Row, dimension_label, results_table
from relais.evaluation.selectors_results_items import application_examples
from relais.programmes.indicators import plain_decimal
from relais.programmes.selectors_results import results_framework
from relais.publications.content import Block, Chart, Figure, Section, Table
from relais.publications.content_common import Context, bar_chart, count_text, n_text

EXAMPLES = 5


def table_by(ctx: Context, by: str) -> ResultsTable:
    """Levels 1–3 by group (7 queries), read once per publication."""
    key = f"table-{by}"
    if key not in ctx.cache:
        ctx.cache[key] = results_table(ctx.selection, by)
    table: ResultsTable = ctx.cache[key]
    return table


def _row_cells(row: Row) -> list[str]:
    r, ln = row.reaction, row.learning
    return [
        r.share.text,
        r.mean.text,
        r.share.n_text,
        ln.pre.text,
        ln.post.text,
        ln.gain.text,
        ln.improved.text,
        ln.effect.text,
        ln.pairs.n_text,
    ]


def results_columns(group: str) -> list[str]:
    return [
        group,
        _("Satisfaction (4 or 5)"),
        _("Mean satisfaction (1–5)"),
        _("n (satisfaction)"),
        _("Mean pre-test"),
        _("Mean post-test"),
        _("Normalised gain"),
        _("Improved"),
        _("Effect size"),
        _("n (pairs)"),
    ]


def group_table(table: ResultsTable) -> Table:
    rows = [[r.label, *_row_cells(r)] for r in table.rows]
    rows.append([_("All"), *_row_cells(table.total)])
    return Table(
        caption=_("Satisfaction and learning by %(group)s") % {"group": table.by_label.lower()},
        columns=results_columns(table.by_label),
        rows=rows,
        numeric=[False] + [True] * 9,
    )


def content_chart(chart: Any, key: str) -> Chart:
    """An evaluation chart (charts_results.Chart) as publication content."""
    return Chart(
        key=key,
        title=chart.title,
        alt=chart.summary,
        spec=chart.spec,
        table=Table(
            caption=chart.title,
            columns=list(chart.headers),
            rows=[list(r) for r in chart.rows],
            numeric=[False] + [True] * (len(chart.headers) - 1),
        ),
    )


def learning_section(ctx: Context) -> Section:
    by_design = table_by(ctx, "design")
    total = by_design.total
    r, ln = total.reaction, total.learning
    reaction = [
        Figure(_("Satisfied (answers of 4 or 5)"), r.share.text, n_text(r.respondents)),
        Figure(_("Mean satisfaction (1–5)"), r.mean.text, n_text(r.respondents)),
    ]
    learning = [
        Figure(_("Mean pre-test score"), ln.pre.text, n_text(ln.pairs.n)),
        Figure(_("Mean post-test score"), ln.post.text, n_text(ln.pairs.n)),
        Figure(_("Mean normalised gain"), ln.gain.text, n_text(ln.gain.n)),
        Figure(_("Improved their score"), ln.improved.text, n_text(ln.pairs.n)),
        Figure(_("Effect size"), ln.effect.text, n_text(ln.pairs.n)),
    ]
    intro = _(
        "Satisfaction is the share of answers of 4 or 5 to the satisfaction questions (1 to 5) and their mean. "
        "Learning compares each participant's pre-test and post-test (only participants with both): scores in "
        "percent of the maximum; the normalised gain is (post − pre) / (maximum − pre), over those below the "
        "maximum before; the effect size is the mean difference over its standard deviation."
    )
    blocks = [
        Block(heading=_("Satisfaction"), paragraphs=[intro], figures=reaction),
        Block(heading=_("Learning"), figures=learning),
        Block(
            heading=_("By design"),
            chart=content_chart(gain_chart(by_design.rows, by_design.by_label), "gain-by-design"),
        ),
        Block(table=group_table(by_design)),
    ]
    for by in ("country", "profession"):
        table = table_by(ctx, by)
        blocks.append(
            Block(heading=_("By %(group)s") % {"group": dimension_label(by).lower()}, table=group_table(table))
        )
    return Section(key="learning", title=_("What participants learned"), blocks=blocks)


def distinct_texts(texts: Iterable[str]) -> list[str]:
    """The same words from two people are one example in print."""
    return list(dict.fromkeys(" ".join(t.split()) for t in texts))


def change_section(ctx: Context) -> Section:
    total = table_by(ctx, "design").total
    b = total.behaviour
    figures = [Figure(_("Apply what they learned"), b.applying.text, n_text(b.applying.n))]
    blocks = [
        Block(
            paragraphs=[
                _(
                    "Some months after each session, a follow-up questionnaire asks participants whether they apply "
                    "what they learned, and for an example."
                )
            ],
            figures=figures,
        )
    ]
    if b.respondents >= SMALL_N:
        # The examples M&E officers read on the results pages: texts only, never names.
        unsuppressed = Selection(scope=ctx.scope, suppress=False)
        examples = application_examples(unsuppressed, names=False, limit=EXAMPLES)
        if examples:
            blocks.append(Block(heading=_("Examples"), bullets=distinct_texts(e.text for e in examples)))
    return Section(key="change", title=_("What changed after the training"), blocks=blocks)


def _events_chart(events: list[tuple[str, str, int]], hidden: bool) -> Chart:
    rows = [
        (label, None if hidden or n < SMALL_N else float(n), count_text(n) if not hidden else count_text(1))
        for _code, label, n in events
    ]
    return bar_chart(
        "events-by-type",
        _("Cooperation events by type"),
        rows,
        group=_("Type"),
        measure=_("Events"),
        axis=_("events"),
    )


def shown_growth(growth: list[tuple[Any, int, int]]) -> list[tuple[Any, int, int]]:
    """The months a publication may show: none whose ties or events so far number 1 to 4 (counts
    that only grow: the small ones are the first months)."""
    return [(m, t, e) for m, t, e in growth if not (0 < t < SMALL_N or 0 < e < SMALL_N)]


def network_section(ctx: Context) -> Section:
    network = network_figures(scope=ctx.scope)  # network_read's figures, aggregated in SQL
    f = network.figures
    hidden = network.suppressed
    small = count_text(1)
    people = n_text(f.participants)

    def num(value: int) -> str:
        return small if hidden else number_format(value)

    share = small if hidden or f.share_cross_border is None else percent_text(f.share_cross_border)
    density = small if hidden or f.density is None else percent_text(f.density, 1)
    if f.share_cross_border is None and not hidden:
        share = "—"
    if f.density is None and not hidden:
        density = "—"
    figures = [
        Figure(_("Ties between people"), num(f.ties), people),
        Figure(_("Cross-border ties"), num(f.cross_border_ties), people),
        Figure(_("Cross-profession ties"), num(f.cross_profession_ties), people),
        Figure(_("Participants with a cross-border tie"), share, people),
        Figure(_("Density"), density, people),
    ]
    blocks = [
        Block(
            paragraphs=[
                _(
                    "Ties are the contacts participants report in follow-up questionnaires (A naming B and B naming A "
                    "is one tie). A tie is cross-border when the two people's countries differ. Density is the share "
                    "of the possible ties between participants that exist."
                )
            ],
            figures=figures,
        ),
        Block(heading=_("Cooperation events by type"), chart=_events_chart(network.events_by_type, hidden)),
    ]
    growth = None if hidden else growth_chart(shown_growth(network.growth))
    if growth is not None:
        table = Table(
            caption=growth.title,
            columns=list(growth.headers),
            rows=[list(r) for r in growth.rows],
            numeric=[False, True, True],
        )
        chart = (
            Chart(key="network-growth", title=growth.title, alt=growth.summary, spec=growth.spec, table=table)
            if growth.spec
            else None
        )
        blocks.append(Block(heading=_("Growth of the network"), chart=chart, table=None if chart else table))
    blocks.append(indicators_block(ctx))
    return Section(key="network", title=_("The cooperation network and the results framework"), blocks=blocks)


def _decimal(value: Any) -> str:
    if value is None:
        return "—"
    value = plain_decimal(value)
    digits = max(0, -value.as_tuple().exponent)
    return number_format(value, decimal_pos=min(digits, 2))


def indicators_block(ctx: Context) -> Block:
    """The programme's indicators against baseline and target, with the latest value and its period."""
    framework = results_framework(programme=ctx.programme)
    rows = []
    for outcome in framework.outcomes:
        items = list(outcome.indicators) + [i for output in outcome.outputs for i in output.indicators]
        for row in items:
            indicator = row.indicator
            period = row.period.label if row.period else ""
            rows.append(
                [
                    indicator.code,
                    indicator.name,
                    indicator.unit,
                    _decimal(indicator.baseline),
                    _decimal(indicator.target),
                    _decimal(row.actual),
                    period,
                    row.progress.text if row.progress else "—",
                ]
            )
    table = Table(
        caption=_("Indicators of the results framework"),
        columns=[
            _("Code"),
            _("Indicator"),
            _("Unit"),
            _("Baseline"),
            _("Target"),
            _("Latest value"),
            _("Period"),
            _("Progress"),
        ],
        rows=rows,
        numeric=[False, False, False, True, True, True, False, False],
        note=_("Indicators cover the whole programme, whichever sessions the report covers."),
    )
    return Block(heading=_("Indicators against targets"), table=table)
