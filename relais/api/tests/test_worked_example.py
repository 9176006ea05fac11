"""The worked example of docs/api.md, sent as written to a running server over real HTTP.

Each step's request is read from the guide (placeholders filled in from earlier answers), sent to
pytest-django's live server, and its answer compared with the guide: the status, the headers shown,
and every literal value of the body. When the API changes, this test fails until the guide says the
same as the server (see worked_example.py for the conventions of the guide's blocks)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from relais.api.tests.factories import make_token
from relais.api.tests.worked_example import Replay, match, parse_expected, parse_request, run, steps
from relais.delivery.models import SessionStatus
from relais.delivery.tests.factories import make_session
from relais.design.checker import design_check_refresh
from relais.design.models import DesignStatus
from relais.design.tests.factories import make_complete_design
from relais.evaluation.models import ItemType, QuestionnaireKind, QuestionnaireStatus
from relais.evaluation.tests.factories import make_item, make_questionnaire

GUIDE = Path(__file__).resolve().parents[3] / "docs" / "api.md"

# The earlier session's tests: the questions the guide shows, each with its correct answer.
QUESTIONS = [
    (
        "Which of these is an indicator of forced labour?",
        [
            "The workers keep their identity documents",
            "The employer keeps the wages to repay a debt",
            "The wages are paid by bank transfer",
        ],
        "b",
    ),
    (
        "Does the consent of an adult victim to the intended exploitation matter once deception was used?",
        ["Yes: there is no trafficking", "No: it is irrelevant", "Only for labour exploitation"],
        "b",
    ),
    (
        "Which instrument lets investigators of two countries work on one case as one team?",
        ["A joint investigation team", "A letter rogatory", "A European arrest warrant"],
        "a",
    ),
    (
        "A labour inspector finds indicators of trafficking at a workplace. What comes first?",
        [
            "Refer the workers as the national referral mechanism says",
            "Fine the employer",
            "Ask to see the workers' residence permits",
        ],
        "a",
    ),
]

# The live server reads what the test wrote: committed rows (the reference data are put back afterwards).
LIVE = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _test(session: Any, kind: str, title: str, **fields: Any) -> Any:
    questionnaire = make_questionnaire(session, kind, title=title, status=QuestionnaireStatus.CLOSED, **fields)
    for text, labels, correct in QUESTIONS:
        options = [{"value": value, "label": label} for value, label in zip("abc", labels, strict=True)]
        make_item(questionnaire, ItemType.SINGLE, text=text, options=options, correct=[correct], points=1)
    return questionnaire


@pytest.fixture
def manager_token(personas: dict[str, Any], programme: Any) -> str:
    """The server's data before the example: a ready design whose earlier session (Tirana, in March)
    had a pre-test and a post-test, and the programme manager's read-and-write token."""
    design = make_complete_design(
        programme=programme, title="Joint investigation of labour exploitation", status=DesignStatus.READY
    )
    design_check_refresh(design=design)
    earlier = make_session(
        design=design,
        country="AL",
        city="Tirana",
        title="Joint investigation of labour exploitation — Tirana",
        start_date=dt.date(2026, 3, 2),
        end_date=dt.date(2026, 3, 3),
        status=SessionStatus.DELIVERED,
    )
    pre = _test(earlier, QuestionnaireKind.PRE_TEST, "Pre-test: joint investigation")
    _test(earlier, QuestionnaireKind.POST_TEST, "Post-test: joint investigation", paired_with=pre)
    return make_token(personas["manager"])


def _server(live_server: Any) -> tuple[str, int]:
    address = urlsplit(live_server.url)
    assert address.hostname is not None and address.port is not None
    return address.hostname, address.port


@LIVE
def test_the_worked_example_runs_as_written(live_server: Any, manager_token: str) -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    host, port = _server(live_server)
    replay = run(guide, host, port, {"token": manager_token})
    assert replay.wrong == [], replay.report()
    # Every step ran (a failing step stops the run), down to the learning gain.
    assert "elira_registration_id" in replay.values and "post_q4" in replay.values
    assert replay.values["session_id"] != replay.values["earlier_session_id"]


@LIVE
def test_the_error_example_is_what_the_server_answers(live_server: Any, manager_token: str) -> None:
    host, port = _server(live_server)
    replay = run(GUIDE.read_text(encoding="utf-8"), host, port, {"token": manager_token}, heading="### Errors")
    assert replay.wrong == [], replay.report()


def test_the_guide_walks_through_the_whole_example() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    requests = [step.request.splitlines()[0] for step in steps(guide)]
    assert requests[0].startswith("GET /api/v1/designs?q=")
    for operation in (
        "POST /api/v1/sessions ",
        "GET /api/v1/questionnaires?design_id=",
        "POST /api/v1/sessions/{session_id}/questionnaires ",
        "POST /api/v1/questionnaires/{pre_id}/status ",
        "POST /api/v1/sessions/{session_id}/registrations ",
        "GET /api/v1/questionnaires/{pre_id} ",
        "POST /api/v1/questionnaires/{post_id}/responses ",
    ):
        assert any(r.startswith(operation) for r in requests), operation
    assert requests[-1] == "GET /api/v1/sessions/{session_id}/results HTTP/1.1"
    assert 'curl -H "Authorization: Bearer $RELAIS_TOKEN" "https://relais.example.org/api/v1/designs?q=' in guide


def test_a_guide_that_disagrees_with_the_server_is_caught() -> None:
    """The comparison itself: placeholders bind then must hold, literals must be equal, lists are whole
    unless they end with "…", objects may leave fields out."""
    expected = parse_expected(
        'HTTP/1.1 201 Created\n\n{"id": {session_id}, "title": "{title}", "counts": {"total": 0},'
        ' "languages": ["sq", "…"], "trainers": [], "score": 2.0}'
    )
    assert expected.status == 201
    replay = Replay()
    server = {"id": 7, "title": "T", "counts": {"total": 0, "waiting": 0}, "languages": ["sq", "en"], "trainers": []}
    match(expected.body, {**server, "score": 2}, "step", replay)
    assert replay.wrong == [] and replay.values == {"session_id": 7, "title": "T"}
    match(expected.body, {**server, "id": 8, "score": 2.5, "trainers": [{"id": 1}]}, "step", replay)
    assert replay.wrong == [
        "step.id: {session_id} was 7 before, the server says 8",
        "step.trainers: the guide shows 0 entries, the server gives 1",
        "step.score: the guide says 2.0, the server 2.5",
    ]
    replay = Replay()
    match(expected.body, {"id": 1, "title": "T", "counts": {}, "languages": [], "trainers": []}, "s", replay)
    assert replay.wrong == [
        "s.counts.total: in the guide, not in the server's answer",
        "s.languages: the guide shows 1 entries, the server gives 0",
        "s.score: in the guide, not in the server's answer",
    ]


def test_a_request_is_sent_with_the_values_found_before() -> None:
    request = parse_request(
        "POST /api/v1/sessions/{session_id}/registrations HTTP/1.1\nHost: relais.example.org\n"
        'Authorization: Bearer {token}\n\n{"person_id": {person_id}}',
        {"session_id": 3, "token": "relais_x", "person_id": 9},
    )
    assert (request.method, request.path, request.body) == (
        "POST",
        "/api/v1/sessions/3/registrations",
        '{"person_id": 9}',
    )
    assert request.headers["Authorization"] == "Bearer relais_x"
    with pytest.raises(KeyError):
        parse_request("GET /api/v1/sessions/{session_id} HTTP/1.1", {})
