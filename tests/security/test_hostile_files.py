"""Every hostile file of tests/security/hostile.py sent to every endpoint that takes a file, as a
persona allowed to use it: never a 5xx; a refusal is a 400 with a message next to the field, nothing
kept in MEDIA_ROOT and no row written; the few files an endpoint accepts by their content (a CSV
named .xlsx is a CSV for an import; a real PDF under a hostile name is a PDF) go through the
preview and confirmation without a 5xx, land inside MEDIA_ROOT under a clean name, and write all or
nothing. The decompression bombs are refused in a blink, without being inflated.

The endpoints: the participant import of a session, the import of paper answers, the catalogue
import (its sheet and its ZIP of files), a document's new file version, a design module's material.
The API takes no file (a test below fails the day it does, to add it here).
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from django.utils.text import capfirst

from relais.delivery.tests.factories import make_session
from relais.design.tests.factories import make_complete_design
from relais.evaluation.tests.import_sheets import build_world
from relais.knowledge.tests.factories import make_document
from relais.knowledge.tests.test_import_documents import row, sheet_xlsx
from tests.security.conftest import row_counts, stored_files
from tests.security.hostile import HOSTILE, Hostile, zip_of

pytestmark = pytest.mark.django_db

World = dict[str, Any]


def _form_errors(key: str, *fields: str) -> Callable[[Any], list[str]]:
    def errors(response: Any) -> list[str]:
        form = response.context[key]
        return [str(e) for name in (*fields, "__all__") for e in form.errors.get(name, [])]

    return errors


def _context_errors(response: Any) -> list[str]:
    return [str(e) for e in response.context["errors"]]


@dataclass(frozen=True)
class Endpoint:
    id: str
    persona: str
    url: Callable[[World], str]
    files: Callable[[Hostile], dict[str, Any]]  # the form's data, the hostile file included
    errors: Callable[[Any], list[str]]  # the refusal's messages, from the page's context
    accepts: frozenset[str] = field(default_factory=frozenset)  # hostile files valid by their content
    imports: bool = False  # upload → preview → confirm


def _upload(h: Hostile) -> SimpleUploadedFile:
    return SimpleUploadedFile(h.name, h.data, content_type="application/octet-stream")


ENDPOINTS = [
    Endpoint(
        "participants-import",
        "coordinator_al",
        lambda w: reverse("delivery:registration_import", kwargs={"pk": w["session"].pk}),
        lambda h: {"file": _upload(h)},
        _form_errors("form", "file"),
        accepts=frozenset({"csv-as-xlsx"}),
        imports=True,
    ),
    Endpoint(
        "answers-import",
        "coordinator_al",
        lambda w: reverse("evaluation:import", kwargs={"pk": w["questionnaire"].pk}),
        lambda h: {"file": _upload(h)},
        _form_errors("form", "file"),
        accepts=frozenset({"csv-as-xlsx"}),
        imports=True,
    ),
    Endpoint(
        "documents-import-sheet",
        "manager",
        lambda w: reverse("knowledge:import"),
        lambda h: {"sheet": _upload(h)},
        _form_errors("form", "sheet"),
        accepts=frozenset({"csv-as-xlsx"}),
        imports=True,
    ),
    Endpoint(
        "documents-import-zip",
        "manager",
        lambda w: reverse("knowledge:import"),
        lambda h: {"sheet": SimpleUploadedFile("catalogue.xlsx", sheet_xlsx([row()])), "archive": _upload(h)},
        _form_errors("form", "archive"),
        accepts=frozenset({"zip-as-xlsx", "zip-as-docx", "zip-as-pdf"}),  # a ZIP of files, whatever its name
        imports=True,
    ),
    Endpoint(
        "document-file",
        "manager",
        lambda w: reverse("knowledge:file_add", kwargs={"pk": w["document"].pk}),
        lambda h: {"file": _upload(h), "note": ""},
        _context_errors,
        accepts=frozenset({"name-traversal", "name-nul"}),
    ),
    Endpoint(
        "design-material",
        "manager",
        lambda w: reverse("design:material_add", kwargs={"pk": w["design"].pk, "module_pk": w["module"].pk}),
        lambda h: {"file": _upload(h), "title": "Slides", "url": ""},
        _form_errors("material_form", "file"),
        accepts=frozenset({"name-traversal", "name-nul"}),
    ),
]


@pytest.fixture
def world(programme: Any, personas: dict[str, Any], media: Path) -> World:
    answers = build_world(programme)
    design = make_complete_design(programme=programme)
    day = design.days.first()
    assert day is not None
    return {
        **personas,
        "media": media,
        "session": make_session(design=design, country="AL"),
        "questionnaire": answers["questionnaire"],
        "document": make_document(title="Handbook on joint investigations"),
        "design": design,
        "module": day.modules.first(),
    }


def _client(world: World, endpoint: Endpoint) -> Client:
    client = Client()
    client.force_login(world[endpoint.persona])
    return client


def _assert_refused(endpoint: Endpoint, response: Any, before: dict[str, int], world: World) -> None:
    assert response.status_code == 400, response.status_code
    messages = endpoint.errors(response)
    html = response.content.decode()
    assert messages, "refused without a message"
    for message in messages:
        assert len(message) > 15 and escape(message) in html, message
    assert stored_files(world["media"]) == []
    assert row_counts() == before


def _assert_accepted(endpoint: Endpoint, client: Client, response: Any, before: dict[str, int], world: World) -> None:
    media = world["media"].resolve()
    if endpoint.imports:  # kept for its preview, then confirmed: every row or none
        assert response.status_code == 302, response.status_code
        preview = client.get(response["Location"])
        assert preview.status_code == 200
        assert row_counts() == before
        confirmed = client.post(response["Location"], {})
        assert confirmed.status_code in (302, 400)
        after = row_counts()
        if confirmed.status_code == 400:
            assert after == before
    else:  # a real PDF under a hostile name: kept under a clean name, inside MEDIA_ROOT
        assert response.status_code == 302, response.status_code
        files = stored_files(world["media"])
        assert len(files) == 1
        stored = files[0].resolve()
        assert stored.is_relative_to(media) and ".." not in stored.parts
        assert "\x00" not in str(stored) and "passwd" not in str(stored.parent)
    for path in stored_files(world["media"]):
        assert path.resolve().is_relative_to(media)


@pytest.mark.parametrize("hostile", HOSTILE, ids=[h.id for h in HOSTILE])
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[e.id for e in ENDPOINTS])
def test_each_hostile_file_at_each_endpoint(world: World, endpoint: Endpoint, hostile: Hostile) -> None:
    client = _client(world, endpoint)
    hostile.data  # noqa: B018 - built before the clock starts
    before = row_counts()
    started = time.monotonic()
    response = client.post(endpoint.url(world), endpoint.files(hostile))
    elapsed = time.monotonic() - started
    assert response.status_code < 500
    assert elapsed < 5, f"{elapsed:.1f} s"
    if hostile.id in endpoint.accepts:
        _assert_accepted(endpoint, client, response, before, world)
    else:
        _assert_refused(endpoint, response, before, world)


BOMBS = [h for h in HOSTILE if "bomb" in h.id]


@pytest.mark.parametrize("hostile", BOMBS, ids=[h.id for h in BOMBS])
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[e.id for e in ENDPOINTS])
def test_bombs_are_refused_without_being_inflated(world: World, endpoint: Endpoint, hostile: Hostile) -> None:
    """2 GiB of zeros held in 2 MB: refused in well under a second, the memory used staying within a
    small multiple of the file (inflating it would take 2 GiB)."""
    client = _client(world, endpoint)
    data = endpoint.files(hostile)
    tracemalloc.start()
    try:
        started = time.monotonic()
        response = client.post(endpoint.url(world), data)
        elapsed = time.monotonic() - started
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert response.status_code == 400
    assert elapsed < 3, f"{elapsed:.1f} s"
    assert peak < 64 * 1024 * 1024, f"{peak / 1024 / 1024:.0f} MB"


def test_the_api_takes_no_file() -> None:
    """No operation of the API has a multipart or binary request body: the day one does, it joins
    ENDPOINTS above (with its problem+json refusals)."""
    from relais.api.main import api

    schema = api.get_openapi_schema()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            content = (operation.get("requestBody") or {}).get("content", {})
            assert not any(t.startswith(("multipart/", "application/octet-stream")) for t in content), (method, path)


MEMBERS = [h for h in HOSTILE if not h.id.startswith("name-")]


@pytest.mark.parametrize("hostile", MEMBERS, ids=[h.id for h in MEMBERS])
def test_each_hostile_file_inside_the_zip_of_a_catalogue_import(world: World, hostile: Hostile) -> None:
    """Inside a readable ZIP, a hostile file is a problem of the row that names it (its column "File"):
    the preview says so, confirming writes nothing, and no document file is kept."""
    client = _client(world, ENDPOINTS[3])
    name = f"files/{hostile.name}"
    sheet = SimpleUploadedFile("catalogue.xlsx", sheet_xlsx([row(file=name)]))
    archive = SimpleUploadedFile("files.zip", zip_of({name: hostile.data}))
    before = row_counts()
    response = client.post(reverse("knowledge:import"), {"sheet": sheet, "archive": archive})
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert preview.status_code == 200
    errors = preview.context["errors"]
    assert [(p.row, p.column.split(" ")[0]) for p in errors] == [(2, "Q")], [str(p) for p in errors]
    assert escape(capfirst(errors[0].message)) in preview.content.decode()
    confirmed = client.post(response["Location"])
    assert confirmed.status_code == 400 and row_counts() == before
    kept = [p.relative_to(world["media"]).parts[0] for p in stored_files(world["media"])]
    assert set(kept) == {"imports"}  # only the two uploads waiting for their preview
