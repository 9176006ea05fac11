"""The import pages: template download → upload → preview (counts and every problem; nothing
written) → import; the file waits server-side for its uploader only; bad files never give a 500."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from relais.delivery.tests.spreadsheets import encrypted_workbook
from relais.evaluation.models import Response
from relais.evaluation.tests.import_sheets import HEADER, PEOPLE, build_world, fill_template, key, sheet_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(programme: Any, personas: dict[str, Any], settings: Any, tmp_path: Path) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path
    return {**build_world(programme, trainer=personas["trainer"]), "media": tmp_path, **personas}


def _upload(client: Any, questionnaire: Any, data: bytes, name: str = "answers.xlsx") -> Any:
    url = reverse("evaluation:import", kwargs={"pk": questionnaire.pk})
    return client.post(url, {"file": SimpleUploadedFile(name, data)})


def _filled(world: dict[str, Any]) -> bytes:
    regs = world["regs"]
    return fill_template(
        world["questionnaire"],
        {
            key(regs["ana"]): {1: "a", 2: "a;c", 3: 5},
            key(regs["besa"]): {1: "Oui", 2: "b", 3: 4},
            key(regs["drita"]): {1: "b", 2: "c", 3: 2},
        },
    )


def test_upload_preview_problems_then_corrected_file_and_import(client: Any, world: dict[str, Any]) -> None:
    questionnaire, regs = world["questionnaire"], world["regs"]
    client.force_login(world["coordinator_al"])
    page = client.get(reverse("evaluation:import", kwargs={"pk": questionnaire.pk}))
    html = page.content.decode()
    assert page.status_code == 200 and "Import paper answers" in html
    assert reverse("evaluation:import_template", kwargs={"pk": questionnaire.pk}) in html

    bad = sheet_xlsx(
        [
            HEADER,
            [key(regs["ana"]), "", "a", "a", 5],
            [key(regs["besa"]), "", "Maybe", "a", 5],
            ["R1x", "", "a", "a", 5],
        ]
    )
    response = _upload(client, questionnaire, bad, "réponses tirana.xlsx")
    assert response.status_code == 302
    preview = response["Location"]
    token = preview.rstrip("/").rsplit("/", 1)[-1]
    assert [p.parent.name for p in Path(world["media"], "imports").glob("*/upload.bin")] == [token]
    page = client.get(preview)
    html = page.content.decode()
    assert page.status_code == 200
    assert "2 problems: nothing will be imported until they are fixed." in html
    assert (
        "C (Q1 Is forced labour a crime in your country?)" in html
        and "“Maybe”: This choice is not on the list." in html
    )
    assert "“R1x” is not a participant reference" in html
    assert "réponses tirana.xlsx" in html and 'name="file"' not in html and "upload.bin" not in html
    assert "Import 1 response" not in html
    response = client.post(preview, {})
    assert response.status_code == 400 and "Nothing was imported: the sheet has problems." in response.content.decode()
    assert not Response.objects.exists()

    filled = _filled(world)
    preview = _upload(client, questionnaire, filled)["Location"]
    html = client.get(preview).content.decode()
    assert "Import 3 responses" in html and "To record" in html
    assert f"{key(regs['besa'])} — Besa Besason" in html
    assert "rows without answers (skipped)" in html
    response = client.post(preview, {})
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluation:import", kwargs={"pk": questionnaire.pk})
    page = client.get(response["Location"]).content.decode()
    assert "3 responses imported, 0 already there." in page
    assert "Files imported into this questionnaire" in page and "answers.xlsx" in page
    assert Response.objects.filter(questionnaire=questionnaire, entered_by=world["coordinator_al"]).count() == 3
    assert client.get(preview).status_code == 404  # used up: forgotten and deleted
    # Only the first upload (with problems, never imported) still waits, until it expires.
    assert [p.parent.name for p in Path(world["media"], "imports").glob("*/upload.bin")] == [token]

    preview = _upload(client, questionnaire, filled)["Location"]  # the same file again
    html = client.get(preview).content.decode()
    assert "This file was imported on" in html and "Every row is already recorded: importing changes nothing." in html
    assert client.post(preview, {}).status_code == 302
    assert Response.objects.count() == 3


def test_the_waiting_file_is_its_uploaders_only(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["coordinator_al"])
    preview = _upload(client, world["questionnaire"], _filled(world))["Location"]
    client.force_login(world["manager"])  # may import into this questionnaire, but the file is not theirs
    assert client.get(preview).status_code == 404
    assert client.post(preview, {}).status_code == 404
    client.force_login(world["me_officer"])
    assert client.get(preview).status_code == 404
    assert _upload(client, world["questionnaire"], _filled(world)).status_code == 404
    assert not Response.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7\n" + bytes(range(32)) * 40, "This file is not a spreadsheet"),
        (encrypted_workbook(), "The workbook is protected by a password"),
    ],
    ids=["pdf", "encrypted"],
)
def test_unreadable_files_are_refused_at_upload(client: Any, world: dict[str, Any], data: bytes, message: str) -> None:
    client.force_login(world["manager"])
    response = _upload(client, world["questionnaire"], data, "answers.xlsx")
    assert response.status_code == 400 and message in response.content.decode()
    assert not Path(world["media"], "imports").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [(sheet_xlsx([["First name", "Last name"], ["Ana", "Hoxha"]]), "No question columns found")],
    ids=["wrong-sheet"],
)
def test_bad_files_get_a_clear_message(client: Any, world: dict[str, Any], data: bytes, message: str) -> None:
    client.force_login(world["manager"])
    preview = _upload(client, world["questionnaire"], data, "answers.xlsx")["Location"]
    page = client.get(preview)
    assert page.status_code == 200 and message in page.content.decode()
    assert client.post(preview, {}).status_code == 400


def test_empty_and_too_large_uploads_are_refused_by_the_form(
    client: Any, world: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    client.force_login(world["manager"])
    response = _upload(client, world["questionnaire"], b"")
    assert response.status_code == 400 and "The submitted file is empty." in response.content.decode()
    monkeypatch.setattr("relais.evaluation.import_answers_forms.MAX_BYTES", 1024 * 1024)
    response = _upload(client, world["questionnaire"], b"x" * (1024 * 1024 + 1))
    assert response.status_code == 400 and "The file is too large: at most 1 MB." in response.content.decode()


def test_template_download(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["trainer"])
    response = client.get(reverse("evaluation:import_template", kwargs={"pk": world["questionnaire"].pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert (
        response["Content-Disposition"] == f'attachment; filename="answers-template-{world["questionnaire"].pk}.xlsx"'
    )
    assert response["Cache-Control"] == "private, no-store"
    sheet = load_workbook(io.BytesIO(response.content))["Answers"]
    assert [sheet.cell(row=r, column=2).value for r in range(2, 4)] == ["Anason, Ana", "Besason, Besa"]


def test_preview_queries_do_not_grow_with_the_rows(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["manager"])
    questionnaire, regs = world["questionnaire"], world["regs"]
    counts = []
    for names in (PEOPLE[:2], PEOPLE):
        data = fill_template(questionnaire, {key(regs[n]): {1: "a", 2: "a", 3: 4} for n in names})
        preview = _upload(client, questionnaire, data)["Location"]
        with CaptureQueriesContext(connection) as queries:
            assert client.get(preview).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[1] <= 16


def test_upload_page_says_which_questions_are_typed_in_from_the_paper_form(client: Any, world: dict[str, Any]) -> None:
    from relais.evaluation.models import ItemType, QuestionnaireKind
    from relais.evaluation.tests.factories import make_item, make_questionnaire

    follow_up = make_questionnaire(world["session"], QuestionnaireKind.FOLLOW_UP, title="Six months later")
    make_item(follow_up, ItemType.LIKERT, text="I use what I learned")
    make_item(follow_up, ItemType.COOPERATION, text="Cooperation undertaken", required=False)
    client.force_login(world["trainer"])
    html = client.get(reverse("evaluation:import", kwargs={"pk": follow_up.pk})).content.decode()
    assert "Q2 (cooperation undertaken) is not in the template: type those answers in from the paper form." in html
    assert f'href="/questionnaires/{follow_up.pk}/paper/"' in html
