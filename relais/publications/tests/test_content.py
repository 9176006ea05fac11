"""build_content on the hand-made evaluation of relais/evaluation/tests/factories_results.py: the
publication's figures equal the analytics' (the same Selection), small figures say "fewer than 5",
French uses French words and numbers, the hash follows the data, the session choice restricts the
figures, and the number of queries does not grow with the sessions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from relais.delivery.formulas import people_trained as delivery_people_trained
from relais.delivery.formulas import training_hours as delivery_training_hours
from relais.delivery.models import RegistrationStatus, Session, SessionStatus
from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.rules import RULES
from relais.evaluation.models import LessonLearned, LessonStatus
from relais.evaluation.scoping import ResultsScope, results_scope
from relais.evaluation.selectors_results import Selection, behaviour, learning, reaction
from relais.evaluation.tests.factories_results import build_results_world
from relais.publications.content import SECTIONS, canonical_json, content_hash
from relais.publications.content_build import build_content, paragraphs

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(programme: Any) -> dict[str, Any]:
    world = build_results_world(programme)
    Session.objects.filter(pk__in=[world["al"].pk, world["it"].pk]).update(status=SessionStatus.DELIVERED)
    return world


def _build(programme: Any, language: str = "en", **kwargs: Any) -> Any:
    return build_content(programme=programme, language=language, sections=list(SECTIONS), **kwargs)


def _figures(pub: Any, key: str) -> dict[str, Any]:
    section = next(s for s in pub.sections if s.key == key)
    return {f.label: f for b in section.blocks for f in b.figures}


def _section(pub: Any, key: str) -> Any:
    return next(s for s in pub.sections if s.key == key)


def test_every_section_in_order(world: dict[str, Any], programme: Any) -> None:
    pub = build_content(programme=programme, language="en", sections=["annex", "summary", "learning", "nonsense"])
    assert [s.key for s in pub.sections] == ["summary", "learning", "annex"]
    pub = _build(programme, summary="First line\nsame paragraph.\n\n\nSecond.")
    assert [s.key for s in pub.sections] == list(SECTIONS)
    assert _section(pub, "summary").blocks[0].paragraphs == ["First line same paragraph.", "Second."]
    assert paragraphs("") == []
    assert pub.scope == "2 sessions in 2 countries"


def test_figures_equal_the_analytics(world: dict[str, Any], programme: Any, personas: dict[str, Any]) -> None:
    pub = _build(programme)
    # The manager's programme results (no suppression) over the same sessions, with suppression on.
    scope = results_scope(user=personas["manager"], programme_pk=programme.pk)
    selection = Selection.of_scope(
        ResultsScope(programme, None, frozenset([world["al"].pk, world["it"].pk]), suppress_small=True, names=False)
    )
    ln, r, b = learning(selection), reaction(selection), behaviour(selection)
    assert learning(Selection.of_scope(scope)).gain.value == ln.gain.value
    fig = _figures(pub, "learning")
    assert fig["Mean pre-test score"].value == ln.pre.text == "42%"
    assert fig["Mean post-test score"].value == ln.post.text == "75%"
    assert fig["Mean normalised gain"].value == ln.gain.text == "63%"
    assert fig["Improved their score"].value == ln.improved.text == "67%"
    assert fig["Effect size"].value == ln.effect.text == "0.89"
    assert fig["Mean pre-test score"].n == "n = 6"
    assert fig["Satisfied (answers of 4 or 5)"].value == r.share.text == "70%"
    assert fig["Mean satisfaction (1–5)"].value == r.mean.text == "3.8"
    # Follow-up: 3 said either way → fewer than 5.
    change = _figures(pub, "change")["Apply what they learned"]
    assert change.value == b.applying.text == "fewer than 5"
    assert change.n == "n = fewer than 5"
    # Reach: 7 people attended (delivery's own formula agrees), hours = 2 sessions × 8 h.
    reach = _figures(pub, "reach")
    assert (
        reach["People trained"].value
        == "7"
        == str(delivery_people_trained(programme, dt.date(2025, 1, 1), dt.date(2026, 12, 31)))
    )
    assert reach["Hours of training"].value == "16.0"
    assert delivery_training_hours(programme, programme.start_date, programme.end_date) == 16


def test_small_groups_say_fewer_than_5(world: dict[str, Any], programme: Any) -> None:
    pub = _build(programme)
    reach = _section(pub, "reach")
    by_profession = next(b.chart for b in reach.blocks if b.chart and b.chart.key == "people-by-profession")
    rows = dict((r[0], r[1]) for r in by_profession.table.rows)
    assert rows == {
        "Labour inspector": "fewer than 5",
        "Police officer": "fewer than 5",
        "Prosecutor": "fewer than 5",
    } or all(v == "fewer than 5" for v in rows.values())
    assert by_profession.spec["data"]["values"] == []  # nothing under 5 is drawn
    # Network: 7 participants, 2 ties: shown (participants ≥ 5); events of one type: fewer than 5.
    network = _section(pub, "network")
    events = next(b.chart for b in network.blocks if b.chart and b.chart.key == "events-by-type")
    assert [r[1] for r in events.table.rows] == ["fewer than 5"]
    # Annex: the Italian session has one participant.
    annex = _section(pub, "annex")
    assert annex.blocks[0].table.rows[1][3] == "fewer than 5"
    assert annex.blocks[1].table.rows[1][1] == "fewer than 5"
    # No names anywhere.
    text = canonical_json(pub)
    assert "Tester" not in text and "Ana " not in text


def test_french_words_and_numbers(world: dict[str, Any], programme: Any) -> None:
    pub = _build(programme, language="fr")
    assert pub.programme_title == "Combattre la traite par le travail"
    assert pub.language == "fr"
    assert pub.period == "janvier 2025 – décembre 2026"
    fig = _figures(pub, "learning")
    values = [f.value for f in fig.values()]
    assert "0,89" in values and "63 %" in values
    assert "moins de 5" in _figures(pub, "change").popitem()[1].value
    assert _figures(pub, "reach").popitem()[1].value == "16,0"
    sessions = _section(pub, "annex").blocks[0].table.rows
    assert sessions[0][2] == "2 mars 2026 – 3 mars 2026"


def test_same_data_same_hash(world: dict[str, Any], programme: Any) -> None:
    first = content_hash(_build(programme, summary="Text"))
    assert content_hash(_build(programme, summary="Text")) == first
    register(world["it"], make_person("Hal", "Tester", country="IT"), RegistrationStatus.ATTENDED)
    assert content_hash(_build(programme, summary="Text")) != first


def test_session_choice_restricts_figures(world: dict[str, Any], programme: Any) -> None:
    pub = _build(programme, session_ids=[world["al"].pk])
    assert pub.scope == "1 chosen session"
    assert _figures(pub, "reach")["People trained"].value == "6"
    ln = learning(Selection.of_session(world["al"].pk, suppress=True))
    assert _figures(pub, "learning")["Mean normalised gain"].value == ln.gain.text == "fewer than 5"  # n 4
    assert _figures(pub, "learning")["Improved their score"].value == ln.improved.text == "60%"
    assert [r[0] for r in _section(pub, "annex").blocks[0].table.rows] == ["Tirana training"]
    # A session of another programme is ignored.
    assert _build(programme, session_ids=[999999]).scope == "0 chosen sessions"


def test_lessons_and_replication(world: dict[str, Any], programme: Any) -> None:
    design = world["design"]
    LessonLearned.objects.create(
        programme=programme, design=design, title="Interpreters early", what_happened="Late booking.",
        recommendation="Book them first.", tags=["interpretation"], status=LessonStatus.VALIDATED,
    )  # fmt: skip
    LessonLearned.objects.create(
        programme=programme, session=world["al"], title="Draft idea", what_happened="x", status=LessonStatus.OBSERVED
    )
    pub = _build(programme)
    lessons = _section(pub, "lessons")
    titles = [t for b in lessons.blocks for t in b.bullets]
    assert titles == ["Interpreters early"]
    assert any("Book them first." in p for b in lessons.blocks for p in b.paragraphs)
    replication = _section(pub, "replication")
    assert [r[0] for r in replication.blocks[0].table.rows] == [r.code for r in RULES]
    assert len(RULES) == 13
    facts = dict(replication.blocks[2].table.rows)
    assert facts["Format"] == "Transnational"
    assert facts["Agenda"] == "2 days, 6 modules, 8.0 hours; 56% of the time in interactive methods"


def _more_sessions(programme: Any, design: Any, count: int) -> None:
    for n in range(count):
        session = make_session(design=design, country="IT" if n % 2 else "AL", status=SessionStatus.CLOSED)
        for k in range(3):
            register(session, make_person(f"P{n}{k}", "Extra", country="AL"), RegistrationStatus.ATTENDED)
        LessonLearned.objects.create(
            programme=programme, session=session, title=f"L{n}", what_happened="x", status=LessonStatus.APPLIED
        )


def test_queries_do_not_grow_with_sessions(world: dict[str, Any], programme: Any) -> None:
    _build(programme)  # warm caches (content types, rule settings defaults…)
    with CaptureQueriesContext(connection) as few:
        _build(programme)
    _more_sessions(programme, world["design"], 6)
    with CaptureQueriesContext(connection) as many:
        pub = _build(programme)
    assert pub.scope == "8 sessions in 2 countries"
    assert len(many) == len(few)
