"""Writes of the knowledge centre's documents. Each service is atomic, writes its audit event and a
row of the search change log (`search_changed`) in the same transaction, so no replica misses it.

Files are written by services_files.py, collections by services_collections.py."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.http import HttpRequest

from relais.core.audit import audit_record
from relais.core.models import Country, Profession, Theme
from relais.knowledge.models import Document, DocumentTitle, SearchChange, TranslationGroup
from relais.knowledge.text import sanitise_html

SCALAR_FIELDS = (
    "kind",
    "title",
    "abstract",
    "language",
    "languages",
    "authors",
    "publisher",
    "place",
    "year",
    "isbn",
    "doi",
    "url",
    "access",
)


def search_changed(*document_ids: int) -> None:
    """Record that these documents' index entries must be rewritten (or removed). Call inside the
    writing transaction; after commit, this process's replica applies the log at once (the others
    apply it before their next search)."""
    ids = sorted({int(i) for i in document_ids if i})
    if not ids:
        return
    SearchChange.objects.bulk_create([SearchChange(document_id=i) for i in ids])

    def _apply() -> None:
        from relais.knowledge.search.replica import apply_changes_quietly

        apply_changes_quietly()

    transaction.on_commit(_apply)


def normalise_doi(value: str) -> str:
    value = (value or "").strip()
    for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:"):
        if value.lower().startswith(prefix):
            value = value[len(prefix) :]
    return value.strip()


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    out = {k: values[k] for k in SCALAR_FIELDS if k in values}
    if "abstract" in out:
        out["abstract"] = sanitise_html(out["abstract"] or "")
    if "doi" in out:
        out["doi"] = normalise_doi(out["doi"])
    if "isbn" in out:
        out["isbn"] = (out["isbn"] or "").replace(" ", "").strip()
    if "authors" in out:
        out["authors"] = [a.strip() for a in out["authors"] or [] if a and a.strip()]
    if "languages" in out:
        out["languages"] = list(dict.fromkeys(code.strip().lower() for code in out["languages"] or [] if code))
    if "language" in out:
        out["language"] = (out["language"] or "").strip().lower()
    return out


def _set_relations(document: Document, values: dict[str, Any]) -> None:
    for name, model in (("themes", Theme), ("countries", Country), ("audiences", Profession)):
        if name in values:
            items: Iterable[Any] = values[name] or []
            objs = [i if not isinstance(i, str) else model.objects.get(code=i) for i in items]
            getattr(document, name).set(objs)


@transaction.atomic
def document_create(*, actor: Any, request: HttpRequest | None = None, **values: Any) -> Document:
    """Create a document. `values`: the fields of SCALAR_FIELDS, and themes/countries/audiences
    (objects or codes)."""
    document = Document(**_clean(values), created_by=actor if getattr(actor, "is_authenticated", False) else None)
    if not document.languages and document.language:
        document.languages = [document.language]
    document.full_clean(exclude=["created_by", "translation_group"])
    document.save()
    _set_relations(document, values)
    audit_record(actor=actor, action="document.create", obj=document, request=request)
    search_changed(document.pk)
    return document


@transaction.atomic
def document_update(*, actor: Any, document: Document, request: HttpRequest | None = None, **values: Any) -> Document:
    cleaned = _clean(values)
    changed = sorted(k for k, v in cleaned.items() if getattr(document, k) != v)
    for key, value in cleaned.items():
        setattr(document, key, value)
    document.full_clean(exclude=["created_by", "translation_group"])
    document.save()
    _set_relations(document, values)
    changed += [k for k in ("themes", "countries", "audiences") if k in values]
    audit_record(actor=actor, action="document.update", obj=document, details={"fields": changed}, request=request)
    search_changed(document.pk)
    return document


@transaction.atomic
def document_delete(*, actor: Any, document: Document, request: HttpRequest | None = None) -> None:
    """Delete a document, its titles and files (the stored files are removed after commit)."""
    pk = document.pk
    paths = [f.file.name for f in document.files.all() if f.file]
    group_id = Document.objects.filter(pk=pk).values_list("translation_group_id", flat=True).first()
    audit_record(actor=actor, action="document.delete", obj=document, request=request)
    document.delete()
    if group_id is not None:
        others = list(Document.objects.filter(translation_group_id=group_id).values_list("pk", flat=True))
        if len(others) < 2:
            Document.objects.filter(translation_group_id=group_id).update(translation_group=None)
            TranslationGroup.objects.filter(pk=group_id).delete()
        search_changed(*others)  # their entries list their translations
    search_changed(pk)

    def _remove_files() -> None:
        from django.core.files.storage import default_storage

        for path in paths:
            default_storage.delete(path)

    transaction.on_commit(_remove_files)


@transaction.atomic
def document_title_set(
    *, actor: Any, document: Document, language: str, title: str, abstract: str = "", request: HttpRequest | None = None
) -> DocumentTitle:
    """Add or replace the title and abstract in another language."""
    language = language.strip().lower()
    row, _created = DocumentTitle.objects.update_or_create(
        document=document, language=language, defaults={"title": title.strip(), "abstract": sanitise_html(abstract)}
    )
    audit_record(actor=actor, action="document.title", obj=document, details={"language": language}, request=request)
    search_changed(document.pk)
    return row


@transaction.atomic
def document_title_remove(*, actor: Any, document: Document, language: str, request: HttpRequest | None = None) -> None:
    DocumentTitle.objects.filter(document=document, language=language).delete()
    audit_record(
        actor=actor, action="document.title_remove", obj=document, details={"language": language}, request=request
    )
    search_changed(document.pk)


@transaction.atomic
def translation_link(*, actor: Any, document: Document, other: Document, request: HttpRequest | None = None) -> None:
    """Say that two documents are translations of one another; their groups merge. The groups are
    read from the database (locked), not from the objects passed, which may be stale."""
    if document.pk == other.pk:
        return
    rows = dict(
        Document.objects.select_for_update()
        .filter(pk__in=[document.pk, other.pk])
        .values_list("pk", "translation_group_id")
    )
    group_ids = sorted({g for g in rows.values() if g is not None})
    if len(group_ids) == 1 and None not in rows.values():
        return  # already translations of one another
    group = TranslationGroup.objects.get(pk=group_ids[0]) if group_ids else TranslationGroup.objects.create()
    members = {document.pk, other.pk} | set(
        Document.objects.filter(translation_group_id__in=group_ids).values_list("pk", flat=True)
    )
    Document.objects.filter(pk__in=members).update(translation_group=group)
    TranslationGroup.objects.filter(pk__in=group_ids[1:]).delete()
    document.translation_group = other.translation_group = group
    audit_record(
        actor=actor, action="document.translation_link", obj=document, details={"other": other.pk}, request=request
    )
    search_changed(*members)


@transaction.atomic
def translation_unlink(*, actor: Any, document: Document, request: HttpRequest | None = None) -> None:
    """Take a document out of its translation group (a group of one is dissolved)."""
    group_id = (
        Document.objects.select_for_update()
        .filter(pk=document.pk)
        .values_list("translation_group_id", flat=True)
        .first()
    )
    document.translation_group = None
    if group_id is None:
        return
    members = set(Document.objects.filter(translation_group_id=group_id).values_list("pk", flat=True))
    Document.objects.filter(pk=document.pk).update(translation_group=None)
    if len(members - {document.pk}) < 2:
        Document.objects.filter(translation_group_id=group_id).update(translation_group=None)
        TranslationGroup.objects.filter(pk=group_id).delete()
    audit_record(actor=actor, action="document.translation_unlink", obj=document, request=request)
    search_changed(*members)
