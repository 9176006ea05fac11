"""The figures of the cooperation network for a scope, without the graph (the publications' network
section): the same figures as selectors_network.network_read gives without filters — ties,
cross-border and cross-profession ties, the share of participants with a cross-border tie, density,
cooperation events by type and the growth per month — read with aggregates in SQL instead of every
contact, person and organisation of the network (tests: test_network_figures.py check that both agree).

A fixed number of queries (5): the participants (one row per registration in scope), the
person-to-person contacts grouped by ordered pair with both people's country and profession, the
person-to-organisation contacts (distinct pairs), the cooperation events grouped by type and day.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, F, Min, Q

from relais.evaluation.models import CooperationType
from relais.evaluation.scoping import SMALL_N, ResultsScope
from relais.evaluation.selectors_network import (
    NetworkFigures,
    NetworkFilters,
    _contacts,
    _events,
    _month,
    differ,
    participant_ids,
)


@dataclass
class NetworkSummary:
    """What network_read gives of the figures: its `figures`, `events_by_type`, `growth`, `suppressed`."""

    figures: NetworkFigures
    events_by_type: list[tuple[str, str, int]]
    growth: list[tuple[dt.date, int, int]]  # (first day of month, ties so far, events so far)
    suppressed: bool


def _growth(tie_months: Counter[dt.date], event_months: Counter[dt.date]) -> list[tuple[dt.date, int, int]]:
    """As selectors_network._growth, from the counts per month."""
    months = sorted(set(tie_months) | set(event_months))
    if not months:
        return []
    out: list[tuple[dt.date, int, int]] = []
    month, last = months[0], months[-1]
    ties_so_far = events_so_far = 0
    while month <= last:
        ties_so_far += tie_months.get(month, 0)
        events_so_far += event_months.get(month, 0)
        out.append((month, ties_so_far, events_so_far))
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return out


def network_figures(*, scope: ResultsScope) -> NetworkSummary:
    """The network's figures as network_read(scope=scope) computes them (no filters)."""
    filters = NetworkFilters()
    contacts = _contacts(scope, filters)
    events = _events(scope, filters)
    focus = participant_ids(scope)  # everyone registered in scope is in the network's people

    # Person-to-person contacts, one row per ordered pair (its first report), with both ends' facts.
    first: dict[tuple[int, int], dt.date] = {}
    directions: Counter[tuple[int, int]] = Counter()
    facts: dict[int, tuple[int | None, int | None]] = {}
    rows = (
        contacts.filter(contact__isnull=False)
        .exclude(contact_id=F("person_id"))
        .values(
            "person_id",
            "contact_id",
            "person__country_id",
            "person__profession_id",
            "contact__country_id",
            "contact__profession_id",
        )
        .annotate(first=Min("reported_on"))
        .order_by()
        .values_list(
            "person_id",
            "contact_id",
            "person__country_id",
            "person__profession_id",
            "contact__country_id",
            "contact__profession_id",
            "first",
        )
    )
    for person_id, contact_id, p_country, p_profession, c_country, c_profession, day in rows:
        facts[person_id] = (p_country, p_profession)
        facts[contact_id] = (c_country, c_profession)
        pair = (min(person_id, contact_id), max(person_id, contact_id))
        directions[pair] += 1
        first[pair] = min(first.get(pair, day), day)

    tie_months: Counter[dt.date] = Counter()
    ends: set[int] = set()
    cross_ends: set[int] = set()
    mutual = cross_border = cross_profession = between = 0
    for (a, b), n in directions.items():
        (a_country, a_profession), (b_country, b_profession) = facts[a], facts[b]
        tie_months[_month(first[(a, b)])] += 1
        ends.update((a, b))
        mutual += n == 2
        if differ(a_country, b_country):
            cross_border += 1
            cross_ends.update((a, b))
        cross_profession += differ(a_profession, b_profession)
        between += a in focus and b in focus

    organisation_pairs = (
        contacts.filter(organisation__isnull=False)
        .filter(Q(contact__isnull=True) | Q(contact_id=F("person_id")))
        .values_list("person_id", "organisation_id")
        .distinct()
        .order_by()
    )
    organisation_contacts = set(organisation_pairs)

    by_type = Counter(dict(events.values("type").annotate(n=Count("id")).order_by().values_list("type", "n")))
    event_months: Counter[dt.date] = Counter()
    for day, n in events.values("date").annotate(n=Count("id")).order_by().values_list("date", "n"):
        event_months[_month(day)] += n

    n = len(focus)
    with_cross = len(focus & cross_ends)
    possible = n * (n - 1) // 2
    figures = NetworkFigures(
        participants=n,
        nodes=len(focus | ends),
        ties=len(directions),
        mutual_ties=mutual,
        cross_border_ties=cross_border,
        cross_profession_ties=cross_profession,
        with_cross_border=with_cross,
        share_cross_border=(with_cross / n) if n else None,
        ties_between_participants=between,
        possible_pairs=possible,
        density=(between / possible) if n > 1 else None,
        events=sum(by_type.values()),
        organisation_contacts=len(organisation_contacts),
        organisations_named=len({organisation for _person, organisation in organisation_contacts}),
    )
    return NetworkSummary(
        figures=figures,
        events_by_type=[(c.value, str(c.label), by_type[c.value]) for c in CooperationType if by_type[c.value]],
        growth=_growth(tie_months, event_months),
        suppressed=scope.suppress_small and n < SMALL_N,
    )
