"""The cooperation network page and its CSV: names where allowed, suppression for viewers, filters
through GET and htmx, a graph with no script or style, the layout deterministic, the CSV safe, and
query counts that do not grow with the network."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from relais.core.models import AuditEvent, Country
from relais.core.pseudonyms import pseudonym
from relais.delivery.models import RegistrationStatus
from relais.delivery.tests.factories import make_person, register
from relais.evaluation import network_layout, network_svg
from relais.evaluation.network_layout import HEIGHT, WIDTH, clear_cache, components, layout
from relais.evaluation.tests.permissions_network import build_network, follow_up

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(programme: Any, personas: dict[str, Any]) -> dict[str, Any]:
    return build_network(programme, personas["trainer"])


def _url(programme: Any, name: str = "evaluation:network") -> str:
    return reverse(name, kwargs={"pk": programme.pk})


def _get(client: Any, user: Any, url: str, **kwargs: Any) -> Any:
    client.force_login(user)
    return client.get(url, **kwargs)


def _svgs(html: str) -> list[str]:
    return re.findall(r"<svg.*?</svg>", html, flags=re.S)


def _graph(html: str) -> str:
    (graph,) = [s for s in _svgs(html) if 'class="network-graph"' in s]
    return graph


def test_manager_sees_names_figures_graph_and_csv_link(client: Any, world: dict[str, Any], personas: Any) -> None:
    programme = world["design"].programme
    html = _get(client, personas["manager"], _url(programme)).content.decode()
    assert "<h1>Cooperation network</h1>" in html
    assert "Ana Hoxha: Albania · Police (2 ties)" in html
    graph = _graph(html)
    assert graph.count('class="node"') == 6
    assert graph.count('tabindex="0"') == 6
    assert graph.count("<title>") == 6
    assert graph.count('class="edge cross-border"') == 2
    assert graph.count('class="edge"') == 3
    assert ">Albania</li>" in html and ">Italy</li>" in html and ">Serbia</li>" in html  # the legend
    assert "67%" in html and "33.3%" in html  # share with a cross-border tie, density
    assert _url(programme, "evaluation:network_csv") in html
    assert "evaluation/network.js" in html and "Growth over time" in html


def test_graph_has_no_script_and_no_style(client: Any, world: dict[str, Any], personas: Any) -> None:
    programme = world["design"].programme
    for view in ("people", "organisations"):
        html = _get(client, personas["manager"], _url(programme), data={"view": view}).content.decode()
        for svg in _svgs(html):
            assert "<script" not in svg.lower()
            assert "style=" not in svg.lower()
            assert not re.search(r"\son\w+=", svg)
        assert "<script>" not in html and " style=" not in html


def test_names_are_escaped_in_the_graph(client: Any, world: dict[str, Any], personas: Any) -> None:
    p1 = world["people"]["p1"]
    p1.first_name = '<script>alert("x")</script>'
    p1.save()
    html = _get(client, personas["manager"], _url(world["design"].programme)).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in _graph(html)


def test_me_officer_sees_pseudonyms_not_names(client: Any, world: dict[str, Any], personas: Any) -> None:
    html = _get(client, personas["me_officer"], _url(world["design"].programme)).content.decode()
    for person in world["people"].values():
        assert person.last_name not in html
        assert pseudonym(person.pk) in html
    assert "Albania · Police" in _graph(html)


def test_viewer_reads_aggregates_only(client: Any, world: dict[str, Any], personas: Any) -> None:
    programme = world["design"].programme
    html = _get(client, personas["viewer"], _url(programme)).content.decode()
    for person in world["people"].values():
        assert person.last_name not in html
        assert pseudonym(person.pk) not in html
    assert "Ties between countries" in html
    assert "fewer than 5" in html  # one tie per pair of countries
    # Fewer than 5 cooperation events: neither by type nor in total.
    assert '<span class="value">fewer than 5</span><span class="label">cooperation events</span>' in html
    assert _url(programme, "evaluation:network_csv") not in html
    albania = Country.objects.get(code="AL").pk
    html = client.get(_url(programme), {"country": albania}).content.decode()
    assert "its figures are not shown" in html
    assert "network-graph" not in html and "Growth over time" not in html
    assert client.get(_url(programme, "evaluation:network_csv")).status_code == 404


def test_filters_work_without_javascript(client: Any, world: dict[str, Any], personas: Any) -> None:
    programme = world["design"].programme
    albania = Country.objects.get(code="AL").pk
    response = _get(client, personas["manager"], _url(programme), data={"country": albania})
    html = response.content.decode()
    assert "<html" in html
    assert '<span class="value">2</span><span class="label">participants (n)</span>' in html
    assert _graph(html).count('class="node"') == 2  # p1 and p2: p3, named by p1, drawn as a ring
    assert _graph(html).count('class="node named-only"') == 1
    assert f'<option value="{albania}" selected>' in html


def test_htmx_swaps_the_results_only(client: Any, world: dict[str, Any], personas: Any) -> None:
    programme = world["design"].programme
    client.force_login(personas["manager"])
    response = client.get(_url(programme), {"start": "2026-05-01", "end": "2026-05-31"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and "<form" not in html
    assert 'id="network-status"' in html and 'hx-swap-oob="true"' in html
    assert "Network updated: 6 participants, 2 ties." in html


def test_an_invalid_period_is_reported_and_left_out(client: Any, world: dict[str, Any], personas: Any) -> None:
    programme = world["design"].programme
    html = _get(
        client, personas["manager"], _url(programme), data={"start": "2026-06-01", "end": "2026-05-01"}
    ).content.decode()
    assert "The end of the period comes before its start." in html
    assert _graph(html).count("<line ") == 1  # from 1 June: p5–p6 only


def test_organisation_view(client: Any, world: dict[str, Any], personas: Any) -> None:
    p = world["people"]
    p["p2"].organisation = world["ngo"]
    p["p2"].save()
    html = _get(client, personas["manager"], _url(world["design"].programme), data={"view": "organisations"})
    html = html.content.decode()
    assert "The network between organisations" in html
    graph = _graph(html)
    assert graph.count('class="node"') == 2
    assert "Rete Antitratta" in graph and "State Police of Albania" in graph


def test_over_the_cap_the_largest_component_is_drawn(
    client: Any, world: dict[str, Any], personas: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    rome = world["rome"]
    a, b = make_person("Gino", "Verdi", country="IT"), make_person("Hana", "Meta", country="AL")
    register(rome, a, RegistrationStatus.ATTENDED)
    register(rome, b, RegistrationStatus.ATTENDED)
    follow_up(rome, a, [(b, dt.date(2026, 5, 20))])
    monkeypatch.setattr(network_svg, "NODE_CAP", 6)
    html = _get(client, personas["manager"], _url(world["design"].programme)).content.decode()
    assert "only its largest connected group (6 of 8 people) is drawn" in html
    assert _graph(html).count('class="node"') == 6
    monkeypatch.setattr(network_svg, "NODE_CAP", 5)  # even the largest group is too big: organisations
    html = client.get(_url(world["design"].programme)).content.decode()
    assert "it is drawn between their organisations" in html


def test_csv_has_names_for_managers_and_pseudonyms_for_me_officers(
    client: Any, world: dict[str, Any], personas: Any
) -> None:
    programme = world["design"].programme
    url = _url(programme, "evaluation:network_csv")
    response = _get(client, personas["manager"], url)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Person A", "Country A"]
    assert len(rows) == 6
    assert rows[1][0] == "Ana Hoxha" and rows[1][4] == "Besa Krasniqi" and rows[1][9] == "yes"
    event = AuditEvent.objects.get(action="network.export")
    assert event.details["rows"] == 5 and event.details["names"] is True

    rows = list(csv.reader(io.StringIO(_get(client, personas["me_officer"], url).content.decode("utf-8-sig"))))
    p = world["people"]
    assert rows[1][0] == pseudonym(p["p1"].pk) and rows[1][4] == pseudonym(p["p2"].pk)
    assert all("Hoxha" not in cell for row in rows for cell in row)


def test_csv_follows_the_filters_and_neutralises_formulas(client: Any, world: dict[str, Any], personas: Any) -> None:
    p1 = world["people"]["p1"]
    p1.first_name, p1.last_name = '=HYPERLINK("http://x")', "+1"
    p1.save()
    albania = Country.objects.get(code="AL").pk
    response = _get(
        client,
        personas["manager"],
        _url(world["design"].programme, "evaluation:network_csv"),
        data={"country": albania},
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 3  # p1–p2 and p1–p3
    assert rows[1][0].startswith("'=")


def _count_queries(client: Any, url: str, data: dict[str, Any] | None = None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, data or {}).status_code == 200
    return len(ctx.captured_queries)


def test_queries_do_not_grow_with_the_network(client: Any, world: dict[str, Any], personas: Any) -> None:
    programme = world["design"].programme
    url = _url(programme)
    client.force_login(personas["manager"])
    client.get(url)  # the first request of a session reads more (the user, their roles)
    before = {view: _count_queries(client, url, {"view": view}) for view in ("people", "organisations")}
    csv_before = _count_queries(client, _url(programme, "evaluation:network_csv"))
    rome, tirana = world["rome"], world["tirana"]
    people = [make_person(f"More{n}", f"Person{n}", country="IT" if n % 2 else "AL") for n in range(30)]
    for n, person in enumerate(people):
        register(rome if n % 2 else tirana, person, RegistrationStatus.ATTENDED)
    for n, person in enumerate(people):
        follow_up(
            rome if n % 2 else tirana,
            person,
            [(people[(n + 1) % 30], dt.date(2026, 7, 1)), (world["ngo"], dt.date(2026, 7, 2))],
            [("victim_referral", dt.date(2026, 7, 3))],
        )
    after = {view: _count_queries(client, url, {"view": view}) for view in ("people", "organisations")}
    assert after == before
    assert _count_queries(client, _url(programme, "evaluation:network_csv")) == csv_before
    assert before["people"] <= 20


def test_layout_is_deterministic_and_inside_the_frame() -> None:
    nodes = list(range(1, 41))
    edges = [(n, n + 1) for n in range(1, 40)] + [(1, 20), (5, 33), (12, 27)]
    clear_cache()
    first = layout(nodes, edges)
    clear_cache()
    second = layout(list(reversed(nodes)), [(b, a) for a, b in reversed(edges)])
    assert first == second
    assert layout(nodes, edges, seed=7) != first
    for x, y in first.values():
        assert network_layout.MARGIN - 0.1 <= x <= WIDTH - network_layout.MARGIN + 0.1
        assert network_layout.MARGIN - 0.1 <= y <= HEIGHT - network_layout.MARGIN + 0.1
    assert layout([], []) == {} and layout([3], []) == {3: (WIDTH / 2, HEIGHT / 2)}


def test_components_largest_first() -> None:
    assert components([1, 2, 3, 4, 5, 6], [(1, 2), (4, 5), (5, 6)]) == [[4, 5, 6], [1, 2], [3]]
