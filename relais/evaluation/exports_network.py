"""The ties of the cooperation network as CSV (DESIGN.md §4, §7).

- Names only for roles that see personal data; M&E officers get pseudonyms (relais.core.pseudonyms:
  the same as on the page and in the API), never names.
- Viewers (donors, partners) get no file at all (404): the ties are one row per pair of people,
  which no small-number rule can make aggregate; they read the suppressed figures on the page.
- No cell can carry a formula (delivery.exports_participants.to_csv neutralises every cell).
"""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from relais.delivery.exports_participants import Table, to_csv
from relais.evaluation.selectors_network import Network, Node

CSV = "text/csv; charset=utf-8"


def _who(node: Node, names: bool) -> str:
    return node.name if names and node.name else node.pseudonym


def _yes(value: bool) -> str:
    return _("yes") if value else _("no")


def ties_table(network: Network) -> Table:
    names = network.names
    headers = [
        _("Person A"),
        _("Country A"),
        _("Profession A"),
        _("Organisation A"),
        _("Person B"),
        _("Country B"),
        _("Profession B"),
        _("Organisation B"),
        _("First reported"),
        _("Named by both"),
        _("Cross-border"),
        _("Cross-profession"),
    ]
    rows = []
    for tie in network.ties:
        a, b = network.nodes[tie.a], network.nodes[tie.b]
        rows.append(
            [
                _who(a, names),
                a.country_name,
                a.profession_name,
                a.organisation_name,
                _who(b, names),
                b.country_name,
                b.profession_name,
                b.organisation_name,
                date_format(tie.first_reported, "Y-m-d"),
                _yes(tie.mutual),
                _yes(tie.cross_border),
                _yes(tie.cross_profession),
            ]
        )
    return Table(title=_("Ties"), headers=headers, rows=rows)


def ties_csv(network: Network) -> bytes:
    return to_csv(ties_table(network))
