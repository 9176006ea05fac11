"""The cooperation network read between organisations (DESIGN.md §2): each tie between two people
counts between their organisations, and each contact a person reported with an organisation counts
from the person's organisation to the one named."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from relais.evaluation.selectors_network import Network, OrganisationInfo, differ


@dataclass(frozen=True)
class OrganisationEdge:
    a: int  # the smaller organisation id
    b: int
    ties: int  # ties between people of the two organisations
    named: int  # people of one naming the other as a contact
    cross_border: bool

    @property
    def weight(self) -> int:
        return self.ties + self.named


@dataclass
class OrganisationNetwork:
    organisations: dict[int, OrganisationInfo]
    edges: list[OrganisationEdge]
    within: int  # ties between people of the same organisation (not drawn)
    without_organisation: int  # ties or contacts whose person has no organisation (not drawn)


def organisation_network(network: Network) -> OrganisationNetwork:
    """The ties aggregated between organisations (each person's organisation), plus the contacts
    people reported with organisations (from their own organisation to the one they named)."""
    ties: Counter[tuple[int, int]] = Counter()
    named: Counter[tuple[int, int]] = Counter()
    within = without = 0
    for tie in network.ties:
        oa, ob = network.nodes[tie.a].organisation_id, network.nodes[tie.b].organisation_id
        if oa is None or ob is None:
            without += 1
        elif oa == ob:
            within += 1
        else:
            ties[(min(oa, ob), max(oa, ob))] += 1
    people = network.nodes
    for person_id, organisation_id, _day in network.organisation_contacts:
        node = people.get(person_id)
        own = node.organisation_id if node else None
        if own is None:
            without += 1
        elif own == organisation_id:
            within += 1
        else:
            named[(min(own, organisation_id), max(own, organisation_id))] += 1
    orgs = network.organisations
    edges = [
        OrganisationEdge(
            a=a,
            b=b,
            ties=ties[(a, b)],
            named=named[(a, b)],
            cross_border=differ(orgs[a].country_code or None, orgs[b].country_code or None),
        )
        for a, b in sorted(set(ties) | set(named))
        if a in orgs and b in orgs
    ]
    used = {e.a for e in edges} | {e.b for e in edges}
    return OrganisationNetwork(
        organisations={pk: orgs[pk] for pk in sorted(used)},
        edges=edges,
        within=within,
        without_organisation=without,
    )
