"""The cooperation network drawn as SVG on the server (no chart script, strict CSP).

The SVG carries no script and no style attribute: colours are presentation attributes, the rest is
in static/evaluation/network.css. Each node is focusable (tabindex, aria-label) and carries a
<title>; its ties are lines with data-a / data-b, which static/evaluation/network.js highlights on
hover and focus. Cross-border ties are drawn dashed in their own colour.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from relais.evaluation.network_layout import HEIGHT, NODE_CAP, WIDTH, components, layout
from relais.evaluation.selectors_network import Network
from relais.evaluation.selectors_network_organisations import OrganisationNetwork

# Colours that stand out from white (3:1 or more) and from one another as far as 15 can.
PALETTE = [
    "#1f5f8b",
    "#c0392b",
    "#2e7d32",
    "#6a3d9a",
    "#b35900",
    "#00838f",
    "#ad1457",
    "#5d4037",
    "#6b6b00",
    "#283593",
    "#d84315",
    "#00695c",
    "#8e24aa",
    "#455a64",
    "#7a5c00",
]
OTHER = "#6c757d"
TIE = "#9aa5b1"
CROSS_BORDER = "#b0301c"


@dataclass(frozen=True)
class LegendEntry:
    code: str
    name: str
    colour: str


@dataclass
class Drawing:
    svg: SafeString
    legend: list[LegendEntry]
    nodes: int
    edges: int
    notes: list[str] = field(default_factory=list)
    named_only: int = 0  # people drawn who are not among the participants (rings)


def country_colours(countries: Iterable[tuple[str, str]]) -> tuple[dict[str, str], list[LegendEntry]]:
    """A colour per country code (in code order), and the legend; beyond the palette, grey."""
    names = dict(countries)
    colours: dict[str, str] = {}
    legend: list[LegendEntry] = []
    for n, code in enumerate(sorted(c for c in names if c)):
        colours[code] = PALETTE[n] if n < len(PALETTE) else OTHER
        legend.append(LegendEntry(code, names[code], colours[code]))
    if "" in names:
        colours[""] = OTHER
        legend.append(LegendEntry("", _("Country unknown"), OTHER))
    return colours, legend


def frame(n: int) -> tuple[int, int]:
    """The drawing's frame: smaller for small networks, so that their nodes are drawn larger (the
    SVG is scaled to the width of the page)."""
    if n <= 20:
        return WIDTH // 2, HEIGHT // 2
    if n <= 100:
        return WIDTH * 3 // 4, HEIGHT * 3 // 4
    return WIDTH, HEIGHT


def _svg(label: str, edges: list[str], nodes: list[str], size: tuple[int, int]) -> SafeString:
    # Every text inside is escaped by the callers below.
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="network-graph" viewBox="0 0 {size[0]} {size[1]}" '
        f'role="group" aria-label="{escape(label)}">'
        f'<g class="edges" aria-hidden="true">{"".join(edges)}</g>'
        f'<g class="nodes">{"".join(nodes)}</g></svg>'
    )


def _line(a: int, b: int, pa: tuple[float, float], pb: tuple[float, float], *, cross: bool, width: float) -> str:
    colour, extra = (CROSS_BORDER, ' stroke-dasharray="6 3"') if cross else (TIE, "")
    css = "edge cross-border" if cross else "edge"
    return (
        f'<line class="{css}" data-a="{a}" data-b="{b}" x1="{pa[0]}" y1="{pa[1]}" x2="{pb[0]}" y2="{pb[1]}" '
        f'stroke="{colour}" stroke-width="{width:g}"{extra}/>'
    )


def _node(pk: int, point: tuple[float, float], radius: float, colour: str, text: str, *, hollow: bool) -> str:
    """A focusable node; people named but not among the participants are drawn as rings."""
    fill, stroke, stroke_width = ("#ffffff", colour, 2.5) if hollow else (colour, "#ffffff", 1.5)
    css = "node named-only" if hollow else "node"
    return (
        f'<g class="{css}" data-node="{pk}" tabindex="0" role="img" aria-label="{escape(text)}">'
        f"<title>{escape(text)}</title>"
        f'<circle cx="{point[0]}" cy="{point[1]}" r="{radius:g}" fill="{fill}" stroke="{stroke}" '
        f'stroke-width="{stroke_width:g}"/></g>'
    )


def _ties_text(n: int) -> str:
    return ngettext("%(n)s tie", "%(n)s ties", n) % {"n": number_format(n)}


def people_drawing(network: Network, *, label: str) -> Drawing | None:
    """The people with at least one tie; None when even the largest component is over NODE_CAP (the
    caller then draws the organisations instead)."""
    ties = network.ties
    drawn = sorted({t.a for t in ties} | {t.b for t in ties})
    notes: list[str] = []
    if len(drawn) > NODE_CAP:
        largest = components(drawn, [(t.a, t.b) for t in ties])[0]
        if len(largest) > NODE_CAP:
            return None
        notes.append(
            _(
                "The network has more people than a readable drawing holds: only its largest connected "
                "group (%(n)s of %(total)s people) is drawn. The figures and the table cover everyone."
            )
            % {"n": number_format(len(largest)), "total": number_format(len(drawn))}
        )
        keep = set(largest)
        drawn = largest
        ties = [t for t in ties if t.a in keep]
    isolated = sum(1 for n in network.nodes.values() if n.degree == 0)
    if isolated:
        notes.append(
            ngettext(
                "%(n)s participant without a reported tie is not drawn.",
                "%(n)s participants without a reported tie are not drawn.",
                isolated,
            )
            % {"n": number_format(isolated)}
        )
    nodes = network.nodes
    colours, legend = country_colours((nodes[pk].country_code, nodes[pk].country_name) for pk in drawn)
    size = frame(len(drawn))
    positions = layout(drawn, [(t.a, t.b) for t in ties], width=size[0], height=size[1])
    edge_svg = [
        _line(t.a, t.b, positions[t.a], positions[t.b], cross=t.cross_border, width=2 if t.cross_border else 1.5)
        for t in ties
    ]
    pseudonyms = not network.names and not network.scope.suppress_small
    node_svg = []
    for pk in drawn:
        node = nodes[pk]
        who = node.name or (node.pseudonym if pseudonyms else "")
        text = f"{who}: {node.description}" if who else node.description
        text = f"{text} ({_ties_text(node.degree)})"
        radius = min(12.0, 4 + 1.6 * math.sqrt(node.degree))
        colour = colours.get(node.country_code, OTHER)
        node_svg.append(_node(pk, positions[pk], round(radius, 1), colour, text, hollow=not node.participant))
    named_only = sum(1 for pk in drawn if not nodes[pk].participant)
    return Drawing(_svg(label, edge_svg, node_svg, size), legend, len(drawn), len(ties), notes, named_only)


def organisation_drawing(orgs: OrganisationNetwork, *, label: str) -> Drawing:
    """Organisations linked by the ties of their people and the contacts named between them."""
    notes: list[str] = []
    edges = orgs.edges
    drawn = sorted(orgs.organisations)
    if len(drawn) > NODE_CAP:
        largest = set(components(drawn, [(e.a, e.b) for e in edges])[0][:NODE_CAP])
        notes.append(
            _("Only the largest connected group of organisations (%(n)s of %(total)s) is drawn.")
            % {"n": number_format(len(largest)), "total": number_format(len(drawn))}
        )
        drawn = sorted(largest)
        edges = [e for e in edges if e.a in largest and e.b in largest]
    if orgs.within or orgs.without_organisation:
        notes.append(
            _(
                "Not drawn: %(within)s ties or contacts within one organisation, %(without)s of people "
                "whose organisation is not recorded."
            )
            % {"within": number_format(orgs.within), "without": number_format(orgs.without_organisation)}
        )
    info = orgs.organisations
    colours, legend = country_colours((info[pk].country_code, info[pk].country_name) for pk in drawn)
    size = frame(len(drawn))
    positions = layout(drawn, [(e.a, e.b) for e in edges], width=size[0], height=size[1])
    weight: dict[int, int] = {pk: 0 for pk in drawn}
    edge_svg = []
    for e in edges:
        weight[e.a] += e.weight
        weight[e.b] += e.weight
        edge_svg.append(
            _line(e.a, e.b, positions[e.a], positions[e.b], cross=e.cross_border, width=1 + math.log2(e.weight))
        )
    node_svg = []
    for pk in drawn:
        org = info[pk]
        text = f"{org.name} — {org.country_name or '—'} ({_ties_text(weight[pk])})"
        radius = min(14.0, 4 + 1.8 * math.sqrt(weight[pk]))
        node_svg.append(
            _node(pk, positions[pk], round(radius, 1), colours.get(org.country_code, OTHER), text, hollow=False)
        )
    return Drawing(_svg(label, edge_svg, node_svg, size), legend, len(drawn), len(edges), notes)
