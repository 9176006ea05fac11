"""Every operation of the OpenAPI document, tried with requests generated from the document itself
(schemathesis): whatever is sent, the API answers no 5xx, and answers with a status, a content type
and a body that the document declares.

The document is read from the WSGI application (/api/v1/openapi.json), so it is the one partners get.
The database holds a small world (a complete design, sessions with registrations and attendance, a
pre-test and post-test with items and answers, a satisfaction questionnaire, documents with files, a
report build) and the generated requests are steered towards it: path parameters, filters and body
fields named like ids take the ids of real rows most of the time, and fields holding codes
(country, profession, language) take real codes, so the requests reach past the 404s and 422s into
the code that reads and writes. Each request runs in a savepoint that is rolled back, so every
operation finds the same world whatever ran before it.

Two passes: an administrator's read-and-write token (sees and may do everything) and a country
coordinator's (sees part of it: the scoping paths). Examples are derandomized: a run is reproducible.

Schemathesis' own pytest integration for a schema built in a fixture (`schemathesis.pytest.from_fixture`)
does not run on pytest 9.2 (it sets `request.node._nodeid`, gone from pytest), and loading the document
at import time would query the application while tests are collected. So the test builds the
document's per-operation tests with schemathesis (`get_all_tests`, as that integration does) and runs
each as a subtest of its own.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup, as_reported_failure
from schemathesis.core.result import Ok
from schemathesis.pytest.lazy import get_all_tests
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from relais.api.tests.factories import make_token
from relais.delivery.models import Attendance, RegistrationStatus, SessionStatus
from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.models import DesignStatus
from relais.design.tests.factories import make_complete_design, make_design
from relais.evaluation.models import ItemType, QuestionnaireKind
from relais.evaluation.tests.factories import answer_test, make_item, make_questionnaire, make_test_pair, submit
from relais.knowledge.models import Access
from relais.knowledge.tests.factories import make_document
from relais.knowledge.tests.permissions_files import make_file
from relais.programmes.models import Organisation
from relais.publications.tests.permissions_builds import make_build

OPENAPI = "/api/v1/openapi.json"
# Generated requests per operation and pass, besides schemathesis' coverage cases; more for a deeper
# search now and then: RELAIS_SCHEMATHESIS_EXAMPLES=200 pytest relais/api/tests/test_schemathesis.py
EXAMPLES = int(os.environ.get("RELAIS_SCHEMATHESIS_EXAMPLES", "12"))
# Whose tokens; others of conftest.py's personas for a deeper search: RELAIS_SCHEMATHESIS_PERSONAS=viewer,trainer
PERSONAS = os.environ.get("RELAIS_SCHEMATHESIS_PERSONAS", "admin,coordinator_al").split(",")
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
FIRST_DAY = dt.date(2026, 3, 2)


# Schemathesis' phases: its coverage cases (boundary values of each parameter, valid ones only: the
# invalid ones come from fuzzing) for the administrator; fuzzing, positive and negative, for both.
# The coverage cases do not go through the hooks, so they would mostly try a coordinator on ids that
# do not exist: the coordinator's pass fuzzes only.
def config_for(persona: str) -> dict[str, Any]:
    coverage = {"enabled": persona == "admin", "unexpected-methods": [], "generation": {"mode": "positive"}}
    return {"seed": 2026, "generation": {"deterministic": True}, "phases": {"coverage": coverage}}


@dataclass
class World:
    """What the generated requests are steered towards."""

    choices: dict[str, list[Any]] = field(default_factory=dict)  # field name -> ids of real rows, real codes
    combos: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # path -> parameters that go together
    tokens: dict[str, str] = field(default_factory=dict)  # persona -> read-and-write token


def build_world(personas: dict[str, Any], programme: Any, other_programme: Any) -> World:
    design = make_complete_design(programme=programme, status=DesignStatus.READY)
    draft = make_design(programme=programme, title="Draft workshop")
    other_design = make_complete_design(programme=other_programme, title="Elsewhere")
    delivered = make_session(
        design=design,
        country="AL",
        title="Joint investigation training — Tirana",
        venue="Hotel Tirana International",
        start_date=FIRST_DAY,
        end_date=FIRST_DAY + dt.timedelta(days=1),
        status=SessionStatus.DELIVERED,
    )
    delivered.trainers.add(personas["trainer"])
    planned = make_session(design=design, country="IT", city="Rome", status=SessionStatus.OPEN)
    elsewhere = make_session(design=other_design, country="AL", status=SessionStatus.OPEN)

    inspectorate = Organisation.objects.create(
        name="State Labour Inspectorate", sector="public", kind="labour_inspectorate"
    )
    people = [
        make_person("Ana", "Hoxha", profession="labour_inspection", organisation=inspectorate, email="ana@ex.org"),
        make_person("Besa", "Krasniqi", profession="prosecution"),
        make_person("Drita", "Berisha", profession="police"),
        make_person("Wendy", "Waiting"),
        make_person("Gezim", "Gone"),
    ]
    italians = [make_person("Giulia", "Rossi", country="IT"), make_person("Marco", "Bianchi", country="IT")]
    statuses = [
        RegistrationStatus.ATTENDED,
        RegistrationStatus.ATTENDED,
        RegistrationStatus.ATTENDED,
        RegistrationStatus.WAITING,
        RegistrationStatus.WITHDRAWN,
    ]
    regs = [register(delivered, p, s) for p, s in zip(people, statuses, strict=True)]
    regs += [register(planned, p) for p in italians]
    regs.append(register(elsewhere, make_person("Olta", "Other")))
    for reg in regs[:3]:
        Attendance.objects.create(registration=reg, day=FIRST_DAY, present=True)
        Attendance.objects.create(registration=reg, day=FIRST_DAY + dt.timedelta(days=1), present=reg != regs[2])

    pre, post = make_test_pair(delivered, questions=4)
    responses = []
    for reg, (before, after) in zip(regs[:3], [(1, 3), (2, 4), (2, 2)], strict=True):
        responses.append(answer_test(pre, reg, before))
        responses.append(answer_test(post, reg, after))
    satisfaction = make_questionnaire(delivered, QuestionnaireKind.SATISFACTION)
    liked = make_item(satisfaction, ItemType.LIKERT, text="The training was useful")
    remark = make_item(satisfaction, ItemType.LONG_TEXT, text="What would you change?", required=False)
    responses.append(submit(satisfaction, regs[0], {liked.pk: 5, remark.pk: "More case studies"}))
    draft_test = make_questionnaire(planned, QuestionnaireKind.PRE_TEST)
    make_item(draft_test, ItemType.SINGLE, correct=["a"], points=1)
    other_pre, _other_post = make_test_pair(elsewhere, questions=2)

    public = make_document(title="Guideline on labour inspection", access=Access.PUBLIC, themes=["thb_labour"])
    internal = make_document(title="Internal study of referrals", access=Access.INTERNAL, countries=["AL"])
    public_file, internal_file = make_file(public), make_file(internal)
    build = make_build(programme)
    other_build = make_build(other_programme, title="Another report")

    questionnaires = [pre, post, satisfaction, draft_test, other_pre]
    items = [i.pk for q in questionnaires for i in q.items.all()]
    return World(
        choices={
            "programme_id": [programme.pk, other_programme.pk],
            "design_id": [design.pk, draft.pk, other_design.pk],
            "session_id": [delivered.pk, planned.pk, elsewhere.pk],
            "person_id": [r.person_id for r in regs],
            "registration_id": [r.pk for r in regs],
            "questionnaire_id": [q.pk for q in questionnaires],
            "copy_from": [pre.pk, post.pk, other_pre.pk],
            "paired_with": [pre.pk],
            "item_id": items,
            "response_id": [r.pk for r in responses],
            "document_id": [public.pk, internal.pk],
            "file_id": [public_file.pk, internal_file.pk],
            "publication_id": [build.pk, other_build.pk],
            "organisation_id": [inspectorate.pk],
            "trainer_id": [personas["trainer"].pk],
            "trainer_ids": [[personas["trainer"].pk]],
            "country": ["AL", "IT", "XK"],
            "countries": [["AL"], ["AL", "IT"]],
            "profession": ["police", "prosecution", "labour_inspection"],
            "language": ["en", "fr", "sq"],
            "languages": [["en"], ["en", "fr"], ["sq", "it"]],
            "start_date": [FIRST_DAY.isoformat(), "2026-06-01"],
            "end_date": [(FIRST_DAY + dt.timedelta(days=1)).isoformat(), "2026-06-03"],
            "date_from": ["2026-01-01"],
            "date_to": ["2026-12-31"],
            "start": ["2026-01-01"],
            "end": ["2026-12-31"],
            "day": [FIRST_DAY.isoformat()],
            "value": ["a", "b"],
            "q": ["labour", "joint investigation", "Tirana"],
        },
        combos={
            "/api/v1/documents/{document_id}/files/{file_id}": [
                {"document_id": public.pk, "file_id": public_file.pk},
                {"document_id": internal.pk, "file_id": internal_file.pk},
            ],
        },
    )


def _same_kind(generated: Any, real: Any) -> bool:
    """Whether a real value may replace the generated one: ids for whole numbers, codes for strings,
    lists for lists (a value of another type, made to be wrong, stays wrong)."""
    if isinstance(generated, bool) or isinstance(real, bool):
        return False
    return any(isinstance(generated, kind) and isinstance(real, kind) for kind in (int, str, list))


def steer(value: Any, world: World, pick: Callable[[list[Any]], Any]) -> Any:
    """The generated value with its ids and codes replaced by real ones (recursively)."""
    if isinstance(value, list):
        return [steer(v, world, pick) for v in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key, v in value.items():
        choices = world.choices.get(key)
        out[key] = pick(choices) if choices and _same_kind(v, choices[0]) else steer(v, world, pick)
    return out


def steering(value: Any, world: World, combos: list[dict[str, Any]] | None = None) -> Any:
    """A strategy that gives the generated value with real ids and codes three times in four, and as
    generated otherwise."""

    @st.composite
    def draw(data: Any) -> Any:
        if data(st.integers(0, 3)) == 3:
            return value

        def pick(choices: list[Any]) -> Any:
            return data(st.sampled_from(choices))

        out = steer(value, world, pick)
        if combos and isinstance(out, dict) and all(_same_kind(out.get(k), v) for k, v in combos[0].items()):
            out = {**out, **pick(combos)}
        return out

    return draw()


def attach(schema: Any, world: World) -> None:
    """Hooks that steer the path parameters, queries and bodies of the fuzzing phase towards the world
    (flatmap hooks see the plain values, also of negative cases)."""

    @schema.hook("flatmap_path_parameters")
    def _path(context: Any, value: Any) -> Any:
        return steering(value, world, world.combos.get(context.operation.path))

    @schema.hook("flatmap_query")
    def _query(context: Any, value: Any) -> Any:
        return steering(value, world)

    @schema.hook("flatmap_body")
    def _body(context: Any, value: Any) -> Any:
        return steering(value, world)


@pytest.fixture(params=PERSONAS)
def persona(request: Any) -> str:
    return str(request.param)


@pytest.fixture
def api_world(
    personas: dict[str, Any], programme: Any, other_programme: Any, settings: Any, tmp_path: Any, persona: str
) -> World:
    settings.RELAIS_API_RATE_READ = settings.RELAIS_API_RATE_WRITE = "1000000/min"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    world = build_world(personas, programme, other_programme)
    world.tokens[persona] = make_token(personas[persona])
    return world


@pytest.fixture
def in_process() -> Iterator[None]:
    """The WSGI application is called in the test's thread, on the test's database connection (inside
    its transaction): keep Django from closing that connection at the end of each request, as its own
    test client does (PostgreSQL would lose the test's transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(api_world: World, persona: str, in_process: None) -> Any:
    from config.wsgi import application

    config = schemathesis.Config.from_dict(config_for(persona))
    schema = schemathesis.openapi.from_wsgi(OPENAPI, application, config=config)
    attach(schema, api_world)
    return schema


SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def test_api_answers_as_its_document_says(
    api_schema: Any, api_world: World, persona: str, subtests: Any, caplog: Any
) -> None:
    """Each operation in turn, a subtest each so that one failure does not hide the others."""
    caplog.set_level(logging.ERROR, logger="django.request")  # 4xx by the thousand; 5xx stay logged
    headers = {"Authorization": f"Bearer {api_world.tokens[persona]}"}
    statuses: dict[str, set[int]] = defaultdict(set)

    def check(case: Any) -> None:
        with transaction.atomic():
            response = case.call(headers=headers)
            transaction.set_rollback(True)
        statuses[f"{case.method.upper()} {case.path}"].add(response.status_code)
        case.validate_response(response, checks=CHECKS, headers=headers)

    schema = api_schema.clone(test_function=check)
    operations = []
    for result in get_all_tests(schema=schema, test_func=check, settings=SETTINGS, given_kwargs={}):
        if not isinstance(result, Ok):
            with subtests.test(msg=str(result.err())):
                raise result.err()
            continue
        operation, test = result.ok()
        operations.append(operation.label)
        with subtests.test(msg=operation.label):
            try:
                test()
            except FailureGroup as exc:
                raise as_reported_failure(exc) from None
    assert len(operations) > 40
    if persona == "admin":
        # The requests reached the world: every read found something at least once.
        missed = [label for label in operations if label.startswith("GET ") and 200 not in statuses[label]]
        assert missed == []
