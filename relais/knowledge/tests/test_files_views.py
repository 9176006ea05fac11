"""The files' pages: upload (with and without htmx), download headers and access, versions list,
delete and read again; the partial renders from files_context alone."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from relais.core.models import AuditEvent
from relais.knowledge.models import Access, DocumentFile, TextStatus
from relais.knowledge.services_files import file_add
from relais.knowledge.tests import samples
from relais.knowledge.tests.factories import make_document
from relais.knowledge.views_files import files_context
from tests.matrix import PERSONAS, PROGRAMME_STAFF

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def internal_doc() -> Any:
    return make_document(title="Internal study", access=Access.INTERNAL)


@pytest.fixture
def public_doc() -> Any:
    return make_document(title="Public guideline", access=Access.PUBLIC)


def add(document: Any, data: bytes = b"Labour inspectors", name: str = "notes.txt", **kw: Any) -> DocumentFile:
    return file_add(actor=None, document=document, data=data, filename=name, extract_now=True, **kw)


def upload_url(document: Any) -> str:
    return reverse("knowledge:file_add", kwargs={"pk": document.pk})


def file_url(name: str, file: DocumentFile) -> str:
    return reverse(f"knowledge:{name}", kwargs={"pk": file.document_id, "file_pk": file.pk})


# --- Upload --------------------------------------------------------------------------------------


def test_upload_without_htmx_redirects_to_the_document(
    client: Any, personas: dict[str, Any], internal_doc: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(personas["manager"])
    pdf = SimpleUploadedFile("guide.pdf", samples.pdf_bytes(["Referral of victims"]), "application/x-anything")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(upload_url(internal_doc), {"file": pdf, "note": "First edition"})
    assert response.status_code == 302
    assert response["Location"] == reverse("knowledge:document", kwargs={"pk": internal_doc.pk}) + "#kn-files"
    file = DocumentFile.objects.get(document=internal_doc)
    assert (file.kind, file.original_name, file.note, file.uploaded_by) == (
        "pdf", "guide.pdf", "First edition", personas["manager"],
    )  # fmt: skip
    assert file.text_status == TextStatus.DONE and "Referral of victims" in file.text
    page = client.get(response["Location"]).content.decode()
    assert "guide.pdf is now version 1." in page


def test_upload_with_htmx_answers_the_files_section(client: Any, personas: dict[str, Any], internal_doc: Any) -> None:
    client.force_login(personas["admin"])
    upload = SimpleUploadedFile("slides.pptx", samples.pptx_bytes(["Module one"]))
    response = client.post(upload_url(internal_doc), {"file": upload}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith("<section") or 'id="kn-files"' in html.split(">")[0]
    assert "slides.pptx" in html and "slides.pptx is now version 1." in html  # the message, out of band
    assert 'hx-swap-oob="true"' in html


def test_refused_upload_without_htmx_shows_the_reason(client: Any, personas: dict[str, Any], internal_doc: Any) -> None:
    client.force_login(personas["manager"])
    upload = SimpleUploadedFile("report.pdf", samples.docx_bytes(["x"]))
    response = client.post(upload_url(internal_doc), {"file": upload})
    assert response.status_code == 400
    html = response.content.decode()
    assert "The file was not added" in html
    assert "report.pdf is called a PDF but is a Word document (DOCX)" in html
    assert not DocumentFile.objects.exists()


def test_refused_upload_with_htmx_shows_the_reason_in_the_section(
    client: Any, personas: dict[str, Any], internal_doc: Any
) -> None:
    client.force_login(personas["manager"])
    upload = SimpleUploadedFile("old.doc", samples.ole_bytes())
    response = client.post(upload_url(internal_doc), {"file": upload}, **HTMX)
    assert response.status_code == 200  # htmx swaps successful answers only
    html = response.content.decode()
    assert 'role="alert"' in html and "old.doc is encrypted or in an old Office format" in html
    assert 'aria-invalid="true"' in html


def test_upload_over_the_limit_is_refused_before_reading(
    client: Any, personas: dict[str, Any], internal_doc: Any, settings: Any
) -> None:
    settings.RELAIS_DOCUMENT_MAX_BYTES = 1024
    client.force_login(personas["manager"])
    upload = SimpleUploadedFile("big.txt", b"x" * 4096)
    response = client.post(upload_url(internal_doc), {"file": upload})
    assert response.status_code == 400
    assert "files of more than" in response.content.decode()


def test_upload_without_a_file(client: Any, personas: dict[str, Any], internal_doc: Any) -> None:
    client.force_login(personas["manager"])
    assert client.post(upload_url(internal_doc), {}).status_code == 400


def test_same_file_twice_is_refused(client: Any, personas: dict[str, Any], public_doc: Any) -> None:
    add(public_doc, b"identical", "a.txt")
    client.force_login(personas["manager"])
    response = client.post(upload_url(public_doc), {"file": SimpleUploadedFile("a.txt", b"identical")})
    assert "a.txt is already the current version of this document." in response.content.decode()


# --- Download ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("builder", "name", "kind", "content_type"),
    [
        (lambda: samples.pdf_bytes(["x"]), "Guide (final).pdf", "pdf", "application/pdf"),
        (lambda: samples.html_bytes("x", script="alert(1)"), "page.html", "html", "text/html"),
        (lambda: "Ștefan".encode(), "Ștefan notes.txt", "txt", "text/plain"),
        (
            lambda: samples.xlsx_bytes([["x"]]),
            "figures.xlsx",
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ],
)
def test_download_is_an_attachment_with_the_type_found_by_content(
    client: Any, public_doc: Any, builder: Any, name: str, kind: str, content_type: str
) -> None:
    data = builder()
    file = add(public_doc, data, name)
    response = client.get(file_url("file_download", file))  # anonymous: the document is public
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert "private" not in response["Cache-Control"]


def test_download_name_is_the_original_name(client: Any, public_doc: Any) -> None:
    file = add(public_doc, b"words", "Rapport d'été.txt")
    disposition = client.get(file_url("file_download", file))["Content-Disposition"]
    assert "filename*=utf-8''Rapport%20d%27%C3%A9t%C3%A9.txt" in disposition


def test_internal_file_is_for_programme_staff_only(client: Any, personas: dict[str, Any], internal_doc: Any) -> None:
    file = add(internal_doc)
    url = file_url("file_download", file)
    for persona in PERSONAS:
        client.force_login(personas[persona])
        response = client.get(url)
        assert response.status_code == (200 if persona in PROGRAMME_STAFF else 404), persona
        if response.status_code == 200:
            assert response["Cache-Control"] == "private, no-store"
    client.logout()
    assert client.get(url).status_code == 404  # not a login page: it does not exist for the public


def test_download_of_a_file_of_another_document_is_404(client: Any, public_doc: Any) -> None:
    file = add(public_doc)
    other = make_document(access=Access.PUBLIC)
    url = reverse("knowledge:file_download", kwargs={"pk": other.pk, "file_pk": file.pk})
    assert client.get(url).status_code == 404


def test_download_of_a_missing_stored_file_is_404(client: Any, public_doc: Any) -> None:
    from django.core.files.storage import default_storage

    file = add(public_doc)
    default_storage.delete(file.file.name)
    assert client.get(file_url("file_download", file)).status_code == 404


# --- Delete, read again ------------------------------------------------------------------------


def test_delete_with_and_without_htmx(client: Any, personas: dict[str, Any], public_doc: Any) -> None:
    first = add(public_doc, b"one", "one.txt")
    second = add(public_doc, b"two", "two.txt")
    third = add(public_doc, b"three", "three.txt")
    client.force_login(personas["manager"])
    response = client.post(file_url("file_delete", third))
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.is_current
    response = client.post(file_url("file_delete", first), **HTMX)
    assert response.status_code == 200
    assert "one.txt" not in response.content.decode().split('id="messages"')[0]
    assert list(public_doc.files.all()) == [second]
    assert AuditEvent.objects.filter(action="document.file_delete").count() == 2


def test_read_again_view(
    client: Any, personas: dict[str, Any], internal_doc: Any, django_capture_on_commit_callbacks: Any
) -> None:
    file = add(internal_doc, b"Words to read", "a.txt")
    DocumentFile.objects.filter(pk=file.pk).update(text="", text_status=TextStatus.FAILED)
    client.force_login(personas["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(file_url("file_extract", file), **HTMX)
    assert response.status_code == 200
    file.refresh_from_db()
    assert (file.text_status, file.text) == (TextStatus.DONE, "Words to read")


def test_get_on_a_post_only_url_is_refused(client: Any, personas: dict[str, Any], public_doc: Any) -> None:
    file = add(public_doc)
    client.force_login(personas["manager"])
    assert client.get(file_url("file_delete", file)).status_code == 405
    assert public_doc.files.count() == 1


# --- The versions list ---------------------------------------------------------------------------


def _render(user: Any, document: Any) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return render_to_string("knowledge/partials/files.html", files_context(request, document), request=request)


def test_versions_list_for_a_manager(personas: dict[str, Any], internal_doc: Any) -> None:
    add(internal_doc, b"one", "one.txt", note="First draft")
    add(internal_doc, samples.pdf_bytes([""]), "scan.pdf", note="Scanned copy")
    html = _render(personas["manager"], internal_doc)
    assert html.index("scan.pdf") < html.index("one.txt")  # newest first
    assert "current" in html and "First draft" in html and "Scanned copy" in html
    assert "No text found" in html and "pictures of pages" in html  # the reason
    assert "Read the text again" in html and "Delete" in html and "Upload a new version" in html
    assert 'enctype="multipart/form-data"' in html


def test_versions_list_for_the_public_shows_no_people_nor_actions(personas: dict[str, Any], public_doc: Any) -> None:
    from django.contrib.auth.models import AnonymousUser

    file_add(actor=personas["manager"], document=public_doc, data=b"one", filename="one.txt", extract_now=True)
    file_add(actor=personas["manager"], document=public_doc, data=b"two", filename="two.txt", extract_now=True)
    html = _render(AnonymousUser(), public_doc)
    assert "two.txt" in html and "one.txt" in html
    assert personas["manager"].full_name not in html
    assert "Upload" not in html and "Delete" not in html and "Text for search" not in html
    staff = _render(personas["trainer"], public_doc)
    assert personas["manager"].full_name in staff and "Text for search" in staff and "Delete" not in staff


def test_a_document_without_files(personas: dict[str, Any], public_doc: Any) -> None:
    html = _render(personas["manager"], public_doc)
    assert "No file has been added" in html and "Add a file" in html


def test_files_context_queries_do_not_grow_with_versions(
    personas: dict[str, Any], public_doc: Any, django_assert_max_num_queries: Any
) -> None:
    for number in range(6):
        file_add(
            actor=personas["manager"], document=public_doc, data=f"v{number}".encode(), filename=f"{number}.txt",
            extract_now=True,
        )  # fmt: skip
    user = personas["manager"]
    with django_assert_max_num_queries(3):
        _render(user, public_doc)


def test_the_document_page_includes_the_files(client: Any, personas: dict[str, Any], public_doc: Any) -> None:
    add(public_doc, b"words", "guide.txt")
    html = client.get(reverse("knowledge:document", kwargs={"pk": public_doc.pk})).content.decode()
    assert 'id="kn-files"' in html and "guide.txt" in html


def test_templates_have_no_inline_script_or_style() -> None:
    folder = Path(__file__).resolve().parents[1] / "templates" / "knowledge"
    for path in [*folder.glob("partials/files*.html"), folder / "file_refused.html"]:
        text = path.read_text()
        assert "<script" not in text and "style=" not in text and not re.search(r"\son[a-z]+=", text), path
