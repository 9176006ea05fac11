"""Results: the level 1–4 figures (DESIGN.md §4) of a session or of a programme, each with the number
of people it is computed over — the figures of the results pages, with the same rules.

- A session's results: whoever sees the session (administrators, the programme's managers and M&E
  officers, the coordinators of its country, its trainers); the others get 404.
- A programme's results: everyone in the programme, within what they may read (coordinators their
  countries, trainers their sessions); viewers get every figure over fewer than 5 people suppressed,
  as on the programme's results page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from relais.api.problems import ApiProblem, field_error
from relais.api.schemas import read
from relais.delivery.scoping import session_get
from relais.evaluation.forms_results import filter_choices
from relais.evaluation.scoping import SMALL_N, results_scope
from relais.evaluation.selectors_results import COUNT, Filters, Headline, Selection, Stat, headline, stat

router = Router(tags=["Results"])

STAT_DOC = (
    "A figure and the number of people it is computed over. `value`: a fraction from 0 to 1 for percentages "
    "(kind percent), 1–5 for means of agreement scales (mean), an effect size (ratio), a count (count); null when "
    f"there is nothing to measure or when suppressed. Figures over fewer than {SMALL_N} people are suppressed for "
    "the roles that see only aggregates (value and n null, suppressed true)."
)


class StatOut(Schema):
    __doc__ = STAT_DOC
    value: float | None
    n: int | None = Field(description="The number of people (or, for counts, of events) the figure is over")
    suppressed: bool
    kind: str = Field(description="percent, mean, ratio or count")


class ReactionOut(Schema):
    """Level 1: satisfaction questionnaires submitted."""

    share: StatOut = Field(description="Share of agreement-scale answers of 4 or 5")
    mean: StatOut = Field(description="Mean agreement-scale answer (1–5)")
    respondents: StatOut = Field(description="People who answered an agreement-scale question")


class LearningOut(Schema):
    """Level 2: participants with both the pre-test and the post-test submitted."""

    pairs: StatOut = Field(description="Participants with both tests")
    pre: StatOut = Field(description="Mean pre-test score (fraction of the maximum)")
    post: StatOut = Field(description="Mean post-test score (fraction of the maximum)")
    gain: StatOut = Field(
        description="Mean normalised gain (post − pre) / (1 − pre), over the pairs whose pre-test was below the maximum"
    )
    improved: StatOut = Field(description="Share of participants who scored higher after")
    effect: StatOut = Field(description="Paired effect size (mean difference / standard deviation of differences)")


class BehaviourOut(Schema):
    """Level 3: follow-up questionnaires submitted."""

    applying: StatOut = Field(description="Share applying what they learned, among those who said either way")
    respondents: StatOut = Field(description="Follow-up responses submitted")


class OutcomesOut(Schema):
    """Level 4: cooperation and contacts reported in follow-ups."""

    events: dict[str, StatOut] = Field(description="Cooperation events reported, by type code")
    events_total: StatOut
    contacts_people: StatOut = Field(description="Contacts named with co-participants")
    contacts_organisations: StatOut = Field(description="Contacts named with organisations")


class ResultsFiltersOut(Schema):
    start: dt.date | None = None
    end: dt.date | None = None
    country: str | None = None
    profession: str | None = None
    design_id: int | None = None


class ResultsOut(Schema):
    programme_id: int
    session_id: int | None = Field(None, description="The session, for a session's results")
    filters: ResultsFiltersOut = Field(description="The filters applied (programme results)")
    small_figures_suppressed: bool = Field(
        description=f"Whether figures over fewer than {SMALL_N} people are suppressed for the token's owner"
    )
    reaction: ReactionOut
    learning: LearningOut
    behaviour: BehaviourOut
    results: OutcomesOut


class ResultsFilters(Schema):
    start: dt.date | None = Field(None, description="Sessions whose last day is on or after (YYYY-MM-DD)")
    end: dt.date | None = Field(None, description="… and on or before")
    country: str | None = Field(
        None, max_length=10, description="Participants' country as registered (a code of the programme's countries)"
    )
    profession: str | None = Field(None, max_length=40, description="Participants' profession as registered (code)")
    design_id: int | None = Field(None, ge=1, description="A design with sessions the token's owner may read")


def stat_out(s: Stat) -> StatOut:
    if s.suppressed:
        return StatOut(value=None, n=None, suppressed=True, kind=s.kind)
    return StatOut(value=s.value, n=s.n, suppressed=False, kind=s.kind)


def _count(n: int, suppress: bool) -> StatOut:
    return stat_out(stat(float(n), n, COUNT, suppress=suppress))


def results_out(figures: Headline, *, programme_id: int, session_id: int | None, suppress: bool, **filters: Any) -> Any:
    r, lg, b, o = figures.reaction, figures.learning, figures.behaviour, figures.results
    assert o is not None
    return ResultsOut(
        programme_id=programme_id,
        session_id=session_id,
        filters=ResultsFiltersOut(**filters),
        small_figures_suppressed=suppress,
        reaction=ReactionOut(
            share=stat_out(r.share), mean=stat_out(r.mean), respondents=_count(r.respondents, suppress)
        ),
        learning=LearningOut(
            pairs=stat_out(lg.pairs),
            pre=stat_out(lg.pre),
            post=stat_out(lg.post),
            gain=stat_out(lg.gain),
            improved=stat_out(lg.improved),
            effect=stat_out(lg.effect),
        ),
        behaviour=BehaviourOut(applying=stat_out(b.applying), respondents=_count(b.respondents, suppress)),
        results=OutcomesOut(
            events={code: stat_out(s) for code, _label, s in o.events},
            events_total=stat_out(o.events_total),
            contacts_people=stat_out(o.contacts_people),
            contacts_organisations=stat_out(o.contacts_organisations),
        ),
    )


@router.get("/sessions/{session_id}/results", response=read(ResultsOut), summary="A session's results")
def session_results_read(request: HttpRequest, session_id: int) -> Any:
    """Levels 1–4 of one session, as its results page shows them (learning gains appear once a
    participant's pre-test and post-test are both submitted)."""
    session = session_get(user=request.user, pk=session_id)  # 404 for those who do not see it
    selection = Selection.of_session(session.pk)
    return results_out(
        headline(selection),
        programme_id=session.programme_id,
        session_id=session.pk,
        suppress=selection.suppress,
    )


def _filters(scope: Any, query: ResultsFilters) -> Filters:
    """The filters as the programme results page accepts them, each wrong one a 422 at its name."""
    choices = filter_choices(scope)
    errors = []
    if query.start and query.end and query.end < query.start:
        errors.append(field_error("end", _("The end of the period cannot come before its start."), "query"))
    country = profession = design = None
    if query.country:
        country = choices["countries"].filter(code__iexact=query.country).first()
        if country is None:
            errors.append(field_error("country", _("This is not a country of the programme."), "query"))
    if query.profession:
        profession = choices["professions"].filter(code=query.profession).first()
        if profession is None:
            errors.append(field_error("profession", _("This profession is not on the list."), "query"))
    if query.design_id is not None:
        design = choices["designs"].filter(pk=query.design_id).first()
        if design is None:
            errors.append(field_error("design_id", _("No session of this design is among your results."), "query"))
    if errors:
        raise ApiProblem(
            422,
            "invalid",
            _("The request has errors"),
            _("Correct the fields listed in errors and send the request again."),
            errors=errors,
        )
    return Filters(
        start=query.start,
        end=query.end,
        country=country.pk if country else None,
        profession=profession.pk if profession else None,
        design=design.pk if design else None,
    )


@router.get("/programmes/{programme_id}/results", response=read(ResultsOut), summary="A programme's results")
def programme_results_read(request: HttpRequest, programme_id: int, filters: Query[ResultsFilters]) -> Any:
    """Levels 1–4 of the programme within what the token's owner may read, narrowed by the filters of the
    programme results page."""
    scope = results_scope(user=request.user, programme_pk=programme_id)  # 404 for non-members
    chosen = _filters(scope, filters)
    selection = Selection.of_scope(scope, chosen)
    return results_out(
        headline(selection),
        programme_id=scope.programme.pk,
        session_id=None,
        suppress=selection.suppress,
        start=filters.start,
        end=filters.end,
        country=filters.country.upper() if filters.country else None,
        profession=filters.profession or None,
        design_id=filters.design_id,
    )
