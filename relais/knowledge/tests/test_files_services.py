"""Writes of a document's files: add (checked, versioned, stored, audited, indexed), the text read in
the background or in-line, delete (the previous version becomes current), read again."""

from __future__ import annotations

import hashlib
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from relais.core.models import AuditEvent
from relais.knowledge import extract, services_files, tasks
from relais.knowledge.files import FileRefused
from relais.knowledge.models import Access, DocumentFile, SearchChange, TextStatus
from relais.knowledge.services_files import file_add, file_delete, file_extract, file_extract_again
from relais.knowledge.tests import samples
from relais.knowledge.tests.factories import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def manager(personas: dict[str, Any]) -> Any:
    return personas["manager"]


@pytest.fixture
def document() -> Any:
    return make_document(title="Guideline on labour inspection", access=Access.INTERNAL)


PDF_TEXT = ["Labour inspectors detect trafficking for labour exploitation.", "The second page names Ștefan."]


def test_file_add_keeps_the_file_and_reads_its_text_after_commit(
    manager: Any, document: Any, django_capture_on_commit_callbacks: Any
) -> None:
    data = samples.pdf_bytes(PDF_TEXT)
    changes_before = SearchChange.objects.filter(document_id=document.pk).count()
    with django_capture_on_commit_callbacks(execute=True):
        file = file_add(actor=manager, document=document, data=data, filename="C:\\docs\\guide.pdf", note="First")
        assert file.text_status == TextStatus.PENDING  # until the transaction commits
    file.refresh_from_db()
    sha = hashlib.sha256(data).hexdigest()
    assert (file.version, file.is_current, file.kind, file.size, file.sha256) == (1, True, "pdf", len(data), sha)
    assert file.original_name == "guide.pdf" and file.note == "First" and file.uploaded_by == manager
    assert file.file.name.startswith(f"knowledge/{document.pk}/{sha[:16]}") and file.file.name.endswith(".pdf")
    assert default_storage.open(file.file.name).read() == data
    assert file.text_status == TextStatus.DONE and file.text_error == ""
    assert "Labour inspectors detect trafficking" in file.text and "Ștefan" in file.text
    assert file.page_count == 2 and file.extracted_at is not None
    event = AuditEvent.objects.get(action="document.file_add")
    assert event.object_id == str(document.pk)
    assert event.details == {"version": 1, "name": "guide.pdf", "size": len(data), "kind": "pdf"}
    assert SearchChange.objects.filter(document_id=document.pk).count() >= changes_before + 2  # added, extracted


def test_extract_now_reads_the_text_in_line(
    manager: Any, document: Any, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    def no_task(*args: Any) -> None:
        raise AssertionError("no task when extracting now")

    monkeypatch.setattr(tasks, "extract_document_file", SimpleNamespace(enqueue=no_task))
    with django_capture_on_commit_callbacks(execute=True):
        file = file_add(
            actor=manager, document=document, data=samples.docx_bytes(["Forced labour indicators"]),
            filename="indicators.docx", extract_now=True,
        )  # fmt: skip
    assert file.text_status == TextStatus.DONE
    assert DocumentFile.objects.get(pk=file.pk).text == "Forced labour indicators"


def test_versions_the_new_one_is_current(manager: Any, document: Any) -> None:
    first = file_add(actor=manager, document=document, data=b"version one", filename="a.txt", extract_now=True)
    second = file_add(actor=manager, document=document, data=b"version two", filename="b.txt", note="Typos")
    first.refresh_from_db()
    assert (first.version, first.is_current) == (1, False)
    assert (second.version, second.is_current, second.note) == (2, True, "Typos")
    # Going back to the bytes of version 1 makes a version 3.
    third = file_add(actor=manager, document=document, data=b"version one", filename="a.txt")
    assert third.version == 3 and third.is_current
    assert third.file.name != first.file.name  # both stored
    assert list(document.files.values_list("version", "is_current")) == [(3, True), (2, False), (1, False)]


def test_the_same_bytes_as_the_current_version_are_refused(manager: Any, document: Any) -> None:
    file_add(actor=manager, document=document, data=b"same bytes", filename="a.txt")
    with pytest.raises(FileRefused) as info:
        file_add(actor=manager, document=document, data=b"same bytes", filename="again.txt")
    assert info.value.message == "again.txt is already the current version of this document."
    assert document.files.count() == 1


def test_a_refused_file_writes_nothing(manager: Any, document: Any, settings: Any) -> None:
    with pytest.raises(FileRefused):
        file_add(actor=manager, document=document, data=samples.ole_bytes(), filename="old.doc")
    assert not DocumentFile.objects.exists()
    assert not AuditEvent.objects.filter(action="document.file_add").exists()
    root = settings.MEDIA_ROOT
    assert not root.exists() or not any(p.is_file() for p in root.rglob("*"))


def test_delete_the_current_version_makes_the_previous_one_current(
    manager: Any, document: Any, django_capture_on_commit_callbacks: Any
) -> None:
    first = file_add(actor=manager, document=document, data=b"one", filename="a.txt")
    second = file_add(actor=manager, document=document, data=b"two", filename="b.txt")
    path = second.file.name
    assert default_storage.exists(path)
    with django_capture_on_commit_callbacks(execute=True):
        file_delete(actor=manager, file=second)
        assert default_storage.exists(path)  # removed only once committed
    assert not default_storage.exists(path)
    first.refresh_from_db()
    assert first.is_current
    event = AuditEvent.objects.get(action="document.file_delete")
    assert event.details == {"version": 2, "name": "b.txt", "was_current": True}
    assert SearchChange.objects.filter(document_id=document.pk).exists()


def test_delete_an_older_version_keeps_the_current_one(manager: Any, document: Any) -> None:
    first = file_add(actor=manager, document=document, data=b"one", filename="a.txt")
    second = file_add(actor=manager, document=document, data=b"two", filename="b.txt")
    file_delete(actor=manager, file=first)
    second.refresh_from_db()
    assert second.is_current and list(document.files.all()) == [second]
    file_delete(actor=manager, file=second)
    assert not document.files.exists()


def test_read_again(manager: Any, document: Any, django_capture_on_commit_callbacks: Any) -> None:
    file = file_add(actor=manager, document=document, data=b"Some words", filename="a.txt", extract_now=True)
    DocumentFile.objects.filter(pk=file.pk).update(text="", text_status=TextStatus.FAILED, text_error="x")
    with django_capture_on_commit_callbacks(execute=True):
        file_extract_again(actor=manager, file=file)
        assert DocumentFile.objects.get(pk=file.pk).text_status == TextStatus.PENDING
    file.refresh_from_db()
    assert (file.text_status, file.text, file.text_error) == (TextStatus.DONE, "Some words", "")
    assert AuditEvent.objects.filter(action="document.file_extract").exists()


# --- Extraction outcomes ------------------------------------------------------------------------


def _stored(document: Any, data: bytes, kind: str, name: str = "stored") -> DocumentFile:
    """A file stored without the upload check (a file accepted by an older check, say)."""
    file = DocumentFile(
        document=document, version=1, original_name=f"{name}.{kind}", kind=kind, size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )  # fmt: skip
    file.file.save(file.original_name, ContentFile(data), save=True)
    return file


def test_a_file_without_text_is_empty_with_the_reason(document: Any) -> None:
    file = file_extract(file=_stored(document, samples.pdf_bytes([""]), "pdf"))
    assert (file.text_status, file.text_error, file.page_count) == (TextStatus.EMPTY, extract.REASON_EMPTY, 1)


def test_a_bomb_fails_with_the_reason_and_never_raises(document: Any) -> None:
    file = file_extract(file=_stored(document, samples.pdf_bomb_bytes(), "pdf"))
    assert (file.text_status, file.text_error) == (TextStatus.FAILED, extract.REASON_BOMB)
    assert DocumentFile.objects.get(pk=file.pk).text_status == TextStatus.FAILED


def test_a_missing_stored_file_fails(document: Any) -> None:
    file = _stored(document, b"words", "txt")
    default_storage.delete(file.file.name)
    file = file_extract(file=file)
    assert (file.text_status, file.text_error) == (TextStatus.FAILED, extract.REASON_MISSING)


def test_nul_characters_never_reach_the_database(manager: Any, document: Any) -> None:
    """PostgreSQL refuses \\x00 in a text column: the extracted text is cleaned before it is saved."""
    file = file_add(
        actor=manager, document=document, data=samples.pdf_with_nul_bytes("exploitation"), filename="nul.pdf",
        extract_now=True,
    )  # fmt: skip
    text = DocumentFile.objects.get(pk=file.pk).text
    assert file.text_status == TextStatus.DONE
    assert "\x00" not in text and "HelloWorld" in text and "exploitation" in text


# --- The task ------------------------------------------------------------------------------------


def test_task_extracts_and_returns_the_status(document: Any) -> None:
    file = _stored(document, b"Task words", "txt")
    result = tasks.extract_document_file.enqueue(file.pk)  # ImmediateBackend: runs now
    assert result.return_value == "done"
    assert DocumentFile.objects.get(pk=file.pk).text == "Task words"


def test_task_of_a_deleted_file_does_nothing() -> None:
    assert tasks.extract_document_file.enqueue(999_999).return_value == "gone"


def test_task_never_fails_on_an_unexpected_error(document: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    file = _stored(document, b"words", "txt")

    def broken(**kwargs: Any) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(services_files, "file_extract", broken)
    result = tasks.extract_document_file.enqueue(file.pk)
    assert result.return_value == "failed"
    file.refresh_from_db()
    assert (file.text_status, file.text_error) == (TextStatus.FAILED, extract.REASON_DAMAGED)


def test_an_uploaded_pdf_is_found_by_a_phrase_of_its_body(
    manager: Any, document: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from relais.knowledge.search import SearchParams, search_documents

    with django_capture_on_commit_callbacks(execute=True):
        file_add(actor=manager, document=document, data=samples.pdf_bytes(PDF_TEXT), filename="guide.pdf")
    result = search_documents(SearchParams(q='"detect trafficking for labour"'), audience="internal")
    assert [hit.document_id for hit in result.hits] == [document.pk]
