"""The import pages: upload → preview with every problem (nothing written) → confirm; the file waits
server-side for its uploader only; the template to fill in."""

from __future__ import annotations

import io
import time
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from relais.core import uploads
from relais.delivery.models import ImportRecord, Person, Registration
from relais.delivery.tests.factories import make_session
from relais.delivery.tests.spreadsheets import HEADERS_EN, csv_bytes, xlsx
from relais.delivery.tests.test_import_service import CLEAN, messy_with_problems
from relais.design.tests.factories import make_complete_design


@pytest.fixture
def world(personas: dict[str, Any], programme: Any, settings: Any, tmp_path: Path) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path
    session = make_session(design=make_complete_design(programme=programme), country="AL")
    return {"session": session, "media": tmp_path, **personas}


def _upload(client: Any, session: Any, data: bytes, name: str = "list.xlsx") -> Any:
    url = reverse("delivery:registration_import", kwargs={"pk": session.pk})
    return client.post(url, {"file": SimpleUploadedFile(name, data)})


def test_upload_preview_problems_then_corrected_file_and_confirm(client: Any, world: dict[str, Any]) -> None:
    session = world["session"]
    client.force_login(world["coordinator_al"])
    response = _upload(client, session, messy_with_problems(), "liste participants.xlsx")
    assert response.status_code == 302
    preview = response["Location"]
    token = preview.rstrip("/").rsplit("/", 1)[-1]
    stored = list(Path(world["media"], "imports").glob("*/upload.bin"))
    assert [p.parent.name for p in stored] == [token]  # kept server-side, under a random name

    page = client.get(preview)
    html = page.content.decode()
    assert page.status_code == 200
    assert "7 problems: nothing will be imported until they are fixed." in html
    assert "Unknown country “Kosova Republic”" in html
    assert "F (Country)" in html and "is not an e-mail address" in html
    assert 'name="file"' not in html and "upload.bin" not in html  # the file is never in the page
    assert "Import 7" not in html

    # Confirming a list with problems writes nothing.
    response = client.post(preview, {})
    assert response.status_code == 400
    assert not Registration.objects.exists() and not Person.objects.exists()

    corrected = xlsx(CLEAN)
    response = _upload(client, session, corrected)
    preview = response["Location"]
    html = client.get(preview).content.decode()
    assert "Import 7 people" in html and "New person" in html
    response = client.post(preview, {f"col_{i}": f for i, f in enumerate(
        ["first_name", "last_name", "gender", "country", "organisation", "profession", "position", "email", "phone"]
    )})  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == reverse("delivery:registrations", kwargs={"pk": session.pk})
    assert Registration.objects.filter(session=session).count() == 7
    follow = client.get(response["Location"])
    assert "7 added, 0 already there." in follow.content.decode()
    assert client.get(preview).status_code == 404  # used up: forgotten and deleted
    assert not list(Path(world["media"], "imports").glob("*/upload.bin"))[1:]

    preview = _upload(client, session, corrected)["Location"]  # the same file again
    html = client.get(preview).content.decode()
    assert "This file was imported on" in html and "already registered" in html
    client.post(preview, {})
    assert (
        "0 added, 7 already there."
        in client.get(reverse("delivery:registrations", kwargs={"pk": session.pk})).content.decode()
    )
    assert ImportRecord.objects.count() == 1  # nothing changed: no second record


def test_unknown_headings_are_mapped_by_hand(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["manager"])
    data = csv_bytes([["Ime", "Prezime", "Država"], ["Milan", "Đorđević", "RS"]], encoding="cp1250", delimiter=";")
    preview = _upload(client, world["session"], data, "lista.csv")["Location"]
    html = client.get(preview).content.decode()
    assert "say what each column holds" in html
    assert "Windows-1250" in html and "“;”" in html
    html = client.get(preview, {"col_0": "first_name", "col_1": "last_name", "col_2": "country"}).content.decode()
    assert "Import 1 person" in html
    client.post(preview, {"col_0": "first_name", "col_1": "last_name", "col_2": "country"})
    person = Registration.objects.get().person
    assert person.country is not None and person.country.code == "RS"
    assert (person.first_name, person.last_name) == ("Milan", "Đorđević")


def test_not_a_spreadsheet_is_explained_at_upload_and_not_kept(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["manager"])
    response = _upload(client, world["session"], b"%PDF-1.7\n" + bytes(range(256)) * 40, "list.xlsx")
    assert response.status_code == 400
    assert "This file is not a spreadsheet: save it as XLSX or CSV and try again." in response.content.decode()
    assert not Path(world["media"], "imports").exists()


def test_too_large_is_refused_at_upload(client: Any, world: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from relais.delivery import forms_registrations

    monkeypatch.setattr(forms_registrations, "MAX_BYTES", 100)
    client.force_login(world["manager"])
    response = _upload(client, world["session"], csv_bytes([HEADERS_EN] * 20), "big.csv")
    assert response.status_code == 400
    assert "The file is too large" in response.content.decode()
    assert not Path(world["media"], "imports").exists()


def test_the_waiting_file_belongs_to_its_uploader_and_expires(
    client: Any, world: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    session = world["session"]
    client.force_login(world["coordinator_al"])
    preview = _upload(client, session, xlsx(CLEAN))["Location"]
    assert client.get(preview).status_code == 200
    client.force_login(world["manager"])  # may manage the session, but did not upload the file
    assert client.get(preview).status_code == 404
    assert client.post(preview, {}).status_code == 404
    client.force_login(world["coordinator_al"])
    other = make_session(design=session.design, country="AL")
    assert client.get(preview.replace(f"/sessions/{session.pk}/", f"/sessions/{other.pk}/")).status_code == 404
    assert client.get(preview.replace("/import/", "/import/../")).status_code == 404
    later = time.time() + uploads.TOKEN_TTL + 1
    monkeypatch.setattr(uploads.time, "time", lambda: later)
    assert client.get(preview).status_code == 404
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("language", "first", "example"), [("en", "First name", "Example"), ("fr", "Prénom", "Exemple")]
)
def test_template_in_the_users_language(
    client: Any, world: dict[str, Any], language: str, first: str, example: str
) -> None:
    client.force_login(world["coordinator_al"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("delivery:registration_import_template", kwargs={"pk": world["session"].pk}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    assert next(sheet.iter_rows(max_row=1, values_only=True))[0] == first
    assert {str(v.sqref).split(":")[0] for v in sheet.data_validations.dataValidation} == {"C2", "D2", "F2"}
    assert book["Lists"].sheet_state == "hidden"
    assert [ws.title for ws in book.worksheets if ws.sheet_state == "visible"][1] in (example, "Example")
    # The template, filled in as it is, imports.
    filled = load_workbook(io.BytesIO(response.content))
    rows = list(filled.worksheets[-1].iter_rows(min_row=1, max_row=2, values_only=True))
    filled.worksheets[0].append(list(rows[1]))
    out = io.BytesIO()
    filled.save(out)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    preview = _upload(client, world["session"], out.getvalue())["Location"]
    assert "Import 1 person" in client.get(preview).content.decode()
