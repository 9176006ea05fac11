"""The results pages: what they show, the htmx swap, the CSV export, the blocks on the session and
programme pages, and query counts that do not grow with the data."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from relais.delivery.models import RegistrationStatus
from relais.delivery.tests.factories import make_person, make_session, register
from relais.evaluation import formulas, panels_results
from relais.evaluation.tests.factories import answer_test, submit
from relais.evaluation.tests.factories_results import build_results_world

pytestmark = pytest.mark.django_db

SESSION_QUERIES = 25  # bounds (21 and 20 today, with login, session and menu); the real check: no growth
PROGRAMME_QUERIES = 25
ANALYSIS_QUERIES = 12


@pytest.fixture
def world(programme: Any, personas: dict[str, Any]) -> dict[str, Any]:
    return build_results_world(programme, trainer=personas["trainer"])


@pytest.fixture
def panels() -> None:
    panels_results.register()
    formulas.register()


def _grow(world: dict[str, Any], n: int) -> None:
    """More participants with answers in both sessions and one more session with answers."""
    q = world["q"]
    for i in range(n):
        for session, qs in ((world["al"], q), (world["it"], world["q_it"])):
            reg = register(session, make_person(f"More{i}", "Person", country="HU", profession="judiciary"))
            answer_test(qs["pre"], reg, i % 4)
            answer_test(qs["post"], reg, 4)
            submit(qs["satisfaction"], reg, {qs["q1"].pk: 1 + i % 5, qs["q2"].pk: 5})
            submit(qs["follow_up"], reg, {qs["applies"].pk: "yes", qs["example"].pk: f"Example {i}"})
    make_session(design=world["design"], country="AL", title="Durrës training")


def _count(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)


def test_session_results_page(client: Any, world: dict[str, Any], personas: dict[str, Any]) -> None:
    client.force_login(personas["coordinator_al"])
    response = client.get(reverse("evaluation:session_results", kwargs={"pk": world["al"].pk}))
    html = response.content.decode()
    for text in ("45%", "70%", "54%", "0.71", "63%", "67%", "The session met my needs", "Joint investigation"):
        assert text in html, text
    assert "Ana Tester" in html  # coordinators see names with the examples
    assert html.count("<svg") >= 2 and 'role="img"' in html and "style=" not in html.split("<main", 1)[1]
    assert reverse("evaluation:item_analysis", kwargs={"pk": world["q"]["pre"].pk}) in html


def test_me_officer_sees_examples_without_names(client: Any, world: dict[str, Any], personas: dict[str, Any]) -> None:
    client.force_login(personas["me_officer"])
    html = client.get(reverse("evaluation:session_results", kwargs={"pk": world["al"].pk})).content.decode()
    assert "We opened a joint case" in html and "Ana Tester" not in html


def test_programme_page_groups_and_swaps_with_htmx(
    client: Any, world: dict[str, Any], personas: dict[str, Any], programme: Any
) -> None:
    client.force_login(personas["manager"])
    url = reverse("evaluation:programme_results", kwargs={"pk": programme.pk})
    page = client.get(url)
    html = page.content.decode()
    assert "<form" in html and 'hx-get="' in html and 'id="results"' in html
    assert "Albania" in html and "Italy" in html  # grouped by country by default
    partial = client.get(url, {"by": "session"}, headers={"HX-Request": "true"})
    body = partial.content.decode()
    assert "<html" not in body and "Tirana training" in body and "Rome training" in body
    assert body.count("<svg") == 3  # pre vs post, gain, satisfaction
    assert reverse("evaluation:session_results", kwargs={"pk": world["al"].pk}) in body
    wrong = client.get(url, {"date_from": "2026-06-01", "date_to": "2026-01-01"})
    assert "cannot come before" in wrong.content.decode()


def test_programme_page_with_a_design_shows_objectives(
    client: Any, world: dict[str, Any], personas: dict[str, Any], programme: Any
) -> None:
    client.force_login(personas["me_officer"])
    url = reverse("evaluation:programme_results", kwargs={"pk": programme.pk})
    html = client.get(url, {"design": world["design"].pk, "by": "profession"}).content.decode()
    assert "Learning by objective" in html


def test_csv_export(client: Any, world: dict[str, Any], personas: dict[str, Any], programme: Any) -> None:
    world["al"].title = "=HYPERLINK(1)"
    world["al"].save()
    client.force_login(personas["manager"])
    url = reverse("evaluation:programme_results_csv", kwargs={"pk": programme.pk})
    response = client.get(url, {"by": "session"})
    assert response["Content-Type"].startswith("text/csv")
    assert "results-" in response["Content-Disposition"] and "by-session.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Session" and rows[0][1] == "Satisfaction: answers of 4 or 5"
    by_name = {r[0]: r for r in rows[1:]}
    assert by_name["'=HYPERLINK(1)"][4:12] == ["5", "45%", "70%", "54%", "4", "60%", "0.71", "67%"]
    assert by_name["All"][4] == "6"


def test_french_numbers(client: Any, world: dict[str, Any], personas: dict[str, Any]) -> None:
    client.force_login(personas["manager"])
    html = client.get(
        reverse("evaluation:session_results", kwargs={"pk": world["al"].pk}), headers={"Accept-Language": "fr"}
    ).content.decode()
    assert "0,71" in html and "3,5" in html
    assert "63 %" in html or "63\u202f%" in html or "63\xa0%" in html  # French: a space before %


def test_index_lists_programmes_with_their_pages(client: Any, world: dict[str, Any], personas: dict[str, Any]) -> None:
    client.force_login(personas["viewer"])
    html = client.get(reverse("evaluation:index")).content.decode()
    assert reverse("evaluation:programme_results", kwargs={"pk": world["design"].programme_id}) in html
    client.force_login(personas["outsider"])
    assert "no role in a programme" in client.get(reverse("evaluation:index")).content.decode()


def test_blocks_on_the_session_and_programme_pages(
    client: Any, world: dict[str, Any], personas: dict[str, Any], programme: Any, panels: None
) -> None:
    client.force_login(personas["manager"])
    session_page = client.get(reverse("delivery:session", kwargs={"pk": world["al"].pk})).content.decode()
    assert reverse("evaluation:session_results", kwargs={"pk": world["al"].pk}) in session_page
    assert "45% → 70%" in session_page
    programme_page = client.get(reverse("programmes:detail", kwargs={"pk": programme.pk})).content.decode()
    assert reverse("evaluation:programme_results", kwargs={"pk": programme.pk}) in programme_page
    assert "41.7%" not in programme_page and "42% → 75%" in programme_page
    client.force_login(personas["viewer"])
    programme_page = client.get(reverse("programmes:detail", kwargs={"pk": programme.pk})).content.decode()
    assert "fewer than 5" in programme_page  # applying: 3 follow-up respondents


def test_query_counts_do_not_grow(client: Any, world: dict[str, Any], personas: dict[str, Any], programme: Any) -> None:
    client.force_login(personas["coordinator_al"])
    client.get(reverse("evaluation:index"))  # the first request after logging in also renews the session
    session_url = reverse("evaluation:session_results", kwargs={"pk": world["al"].pk})
    programme_url = reverse("evaluation:programme_results", kwargs={"pk": programme.pk})
    analysis_url = reverse("evaluation:item_analysis", kwargs={"pk": world["q"]["pre"].pk})

    def counts() -> tuple[int, dict[str, int], int]:
        programme_pages = {by: _count(client, f"{programme_url}?by={by}") for by in ("country", "session", "theme")}
        return _count(client, session_url), programme_pages, _count(client, analysis_url)

    before = counts()
    _grow(world, 12)
    assert counts() == before
    session, programme_pages, analysis = before
    assert session <= SESSION_QUERIES
    assert max(programme_pages.values()) <= PROGRAMME_QUERIES
    assert analysis <= ANALYSIS_QUERIES


def test_registrations_that_did_not_attend_still_answer(world: dict[str, Any]) -> None:
    """Figures count responses, whatever the registration's status (a no-show can fill a pre-test)."""
    from relais.evaluation.selectors_results import Selection, learning

    reg = register(world["al"], make_person("Late", "Comer", profession="police"), RegistrationStatus.NO_SHOW)
    answer_test(world["q"]["pre"], reg, 0)
    answer_test(world["q"]["post"], reg, 4)
    assert learning(Selection.of_session(world["al"].pk)).pairs.n == 6
