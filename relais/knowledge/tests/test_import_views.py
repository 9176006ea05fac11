"""The import pages: upload → preview → confirm, the template download, and who may use them."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from relais.core.models import AuditEvent
from relais.knowledge.import_documents_read import FIELDS, TEMPLATE_HEADERS, header_field
from relais.knowledge.models import Document, DocumentFile
from relais.knowledge.tests.test_import_documents import full_files, full_rows, row, sheet_xlsx, txt, zip_of

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def manager_client(client: Any, personas: dict[str, Any], settings: Any, tmp_path: Path) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(personas["manager"])
    return client


def upload(client: Any, sheet: bytes, files: bytes | None = None, *, sheet_name: str = "catalogue.xlsx") -> Any:
    data: dict[str, Any] = {"sheet": SimpleUploadedFile(sheet_name, sheet, content_type=XLSX)}
    if files is not None:
        data["archive"] = SimpleUploadedFile("files.zip", files, content_type="application/zip")
    return client.post(reverse("knowledge:import"), data)


def test_upload_preview_confirm(manager_client: Any, personas: dict[str, Any]) -> None:
    page = manager_client.get(reverse("knowledge:import"))
    assert page.status_code == 200
    assert reverse("knowledge:import_template") in page.content.decode()

    response = upload(manager_client, sheet_xlsx(full_rows()), zip_of(full_files()))
    assert response.status_code == 302
    preview_url = response["Location"]
    preview = manager_client.get(preview_url)
    html = preview.content.decode()
    assert preview.status_code == 200
    assert preview.context["checked"].to_create == 3 and preview.context["errors"] == []
    assert "Import 3 documents" in html and "catalogue.xlsx + files.zip" in html
    assert "guides/inspection-en.docx" in html
    assert Document.objects.count() == 0

    done = manager_client.post(preview_url)
    assert done.status_code == 302 and done["Location"] == reverse("knowledge:import")
    assert Document.objects.count() == 3 and DocumentFile.objects.count() == 2
    event = AuditEvent.objects.get(action="documents.import")
    assert event.actor == personas["manager"] and event.details["sheet"] == "catalogue.xlsx"
    page = manager_client.get(done["Location"])
    assert "3 documents added, 0 updated, 0 unchanged; 2 files added." in page.content.decode()
    assert "catalogue.xlsx" in page.content.decode()  # among the recent imports
    # The uploads are gone once imported.
    assert manager_client.get(preview_url).status_code == 404


def test_the_preview_lists_every_problem_and_confirming_writes_nothing(manager_client: Any) -> None:
    rows = [row(title="Fine", file="fine.txt"), row(kind="poem", year="19x0"), row(title="Missing", file="no.pdf")]
    response = upload(manager_client, sheet_xlsx(rows), zip_of({"fine.txt": txt("Fine"), "extra.txt": txt("X")}))
    preview = manager_client.get(response["Location"])
    html = preview.content.decode()
    assert preview.status_code == 200
    assert [(p.row, p.column) for p in preview.context["errors"]] == [(3, "B (Type)"), (3, "H (Year)"), (4, "Q (File)")]
    assert "3 problems: nothing will be imported until they are fixed." in html
    assert "Unknown type “poem”" in html and "“no.pdf” is not in the ZIP file." in html
    assert "extra.txt" in html and "1 warning (it does not stop the import)" in html
    assert "Import 1 document" not in html  # no button while there are problems
    refused = manager_client.post(response["Location"])
    assert refused.status_code == 400
    assert "Nothing was imported" in refused.content.decode()
    assert Document.objects.count() == 0 and not AuditEvent.objects.filter(action="documents.import").exists()


def test_a_zip_leading_outside_itself_is_refused_at_upload(manager_client: Any, settings: Any) -> None:
    response = upload(manager_client, sheet_xlsx([row()]), zip_of({"../../evil.txt": txt("evil")}))
    assert response.status_code == 400
    assert "The ZIP file holds a name that leads outside it (“../../evil.txt”): it is refused." in (
        response.content.decode()
    )
    assert Document.objects.count() == 0 and not Path(settings.MEDIA_ROOT, "imports").exists()


def test_a_metadata_only_import_needs_no_zip(manager_client: Any) -> None:
    response = upload(manager_client, sheet_xlsx([row(url="https://example.org/a")]))
    assert manager_client.post(response["Location"]).status_code == 302
    assert Document.objects.get().url == "https://example.org/a"


def test_the_upload_form_refuses_what_it_can_see_at_once(manager_client: Any, settings: Any) -> None:
    settings.RELAIS_IMPORT_ZIP_MAX_BYTES = 1024 * 1024
    big = zip_of({"big.bin": bytes(range(256)) * 8000})  # incompressible enough: over 1 MB
    response = upload(manager_client, sheet_xlsx([row()]), big + b"\x00" * (1024 * 1024))
    assert response.status_code == 400 and "The ZIP file is too large: at most 1 MB." in response.content.decode()
    response = upload(manager_client, sheet_xlsx([row()]), b"%PDF-1.7 not a zip")
    assert response.status_code == 400 and "This is not a ZIP file" in response.content.decode()
    response = manager_client.post(reverse("knowledge:import"), {})
    assert response.status_code == 400


def test_an_unreadable_sheet_is_refused_at_upload(manager_client: Any, settings: Any) -> None:
    response = upload(manager_client, b"\x00\x01binary\x00" * 100, sheet_name="catalogue.csv")
    assert response.status_code == 400
    assert "This file is not a spreadsheet: save it as XLSX or CSV and try again." in response.content.decode()
    assert not Path(settings.MEDIA_ROOT, "imports").exists()


def test_the_uploads_are_their_uploaders_only(manager_client: Any, client: Any, personas: dict[str, Any]) -> None:
    response = upload(manager_client, sheet_xlsx([row()]))
    url = response["Location"]
    manager_client.logout()
    manager_client.force_login(personas["admin"])
    assert manager_client.get(url).status_code == 404
    assert manager_client.post(url).status_code == 404
    assert Document.objects.count() == 0


def test_a_csv_can_be_read_again_with_another_character_set(manager_client: Any) -> None:
    sheet = "Title;Type;Language\nÉtude sur la traite;study;fr\n".encode("cp1250")
    response = upload(manager_client, sheet, sheet_name="catalogue.csv")
    preview = manager_client.get(response["Location"], {"encoding": "cp1252"})
    assert preview.context["checked"].rows[0].title == "Étude sur la traite"
    assert "Windows-1252" in preview.content.decode()
    done = manager_client.post(response["Location"], {"encoding": "cp1252"})
    assert done.status_code == 302
    assert Document.objects.get().title == "Étude sur la traite"


@pytest.mark.parametrize("persona", ["coordinator_al", "trainer", "me_officer", "viewer", "outsider"])
def test_others_get_404(client: Any, personas: dict[str, Any], persona: str) -> None:
    client.force_login(personas[persona])
    for name in ("knowledge:import", "knowledge:import_template"):
        assert client.get(reverse(name)).status_code == 404
    data = {"sheet": SimpleUploadedFile("c.xlsx", sheet_xlsx([row()]), content_type=XLSX)}
    assert client.post(reverse("knowledge:import"), data).status_code == 404


# --- The template ---------------------------------------------------------------------------------


def _workbook(response: Any) -> Any:
    return openpyxl.load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )


def test_the_template_has_the_headers_the_drop_downs_and_a_read_me(manager_client: Any) -> None:
    response = manager_client.get(reverse("knowledge:import_template"))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert "documents-template.xlsx" in response["Content-Disposition"]
    book = _workbook(response)
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    assert headers == TEMPLATE_HEADERS["en"]
    assert [header_field(h) for h in headers] == list(FIELDS)
    validations = {str(v.sqref).split(":")[0]: v for v in sheet.data_validations.dataValidation}
    assert set(validations) == {"B2", "P2"}
    assert validations["B2"].type == "list" and "Guideline" in validations["B2"].formula1
    assert validations["P2"].formula1 == '"public,internal"'
    readme = book.worksheets[1]
    text = "\n".join(str(c.value) for r in readme.iter_rows() for c in r if c.value)
    assert readme.title == "Read me"
    assert "thb_labour" in text and "labour_inspection" in text and "training_material" in text


def test_the_template_in_french_reads_back_as_the_same_columns(manager_client: Any, personas: dict[str, Any]) -> None:
    response = manager_client.get(reverse("knowledge:import_template"), HTTP_ACCEPT_LANGUAGE="fr")
    headers = [c.value for c in _workbook(response).worksheets[0][1]]
    assert headers == TEMPLATE_HEADERS["fr"]
    # The template, filled in, imports.
    book = _workbook(response)
    book.worksheets[0].append(["Étude", "Étude", "fr", "", "", "", "", "2020"])
    out = io.BytesIO()
    book.save(out)
    preview = manager_client.get(upload(manager_client, out.getvalue())["Location"])
    assert preview.context["errors"] == [] and preview.context["checked"].to_create == 1


def test_the_template_read_back_empty_says_there_is_no_document(manager_client: Any) -> None:
    template = manager_client.get(reverse("knowledge:import_template")).content
    preview = manager_client.get(upload(manager_client, template)["Location"])
    assert [p.message for p in preview.context["errors"]] == ["The sheet has a header row but no documents."]


def test_the_preview_says_what_an_update_changes(manager_client: Any) -> None:
    done = manager_client.post(upload(manager_client, sheet_xlsx(full_rows()), zip_of(full_files()))["Location"])
    assert done.status_code == 302
    rows = full_rows()
    rows[0]["abstract"] = "A new summary."
    files = {**full_files(), "guides/inspection-fr.txt": txt("Une version corrigée.")}
    preview = manager_client.get(upload(manager_client, sheet_xlsx(rows), zip_of(files))["Location"])
    html = preview.content.decode()
    assert (preview.context["checked"].to_update, preview.context["checked"].unchanged) == (2, 1)
    assert "Import 2 documents" in html
    assert html.count("To update") == 2 and "Abstract" in html and "new file version" in html
