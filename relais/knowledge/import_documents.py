"""Bulk import of a catalogue: a metadata sheet (XLSX or CSV, one row per document) and a ZIP or
folder of files → documents, file versions, translations and collections.

- `documents_check` reads and checks everything and says what importing would do, writing nothing:
  every problem by row and column (import_documents_check), then each row matched with the
  documents Relais holds — by DOI, else ISBN, else title + year + language (case-insensitive) —
  as "create", "update" (a filled cell differs, a new file, a translation or collection to add) or
  "unchanged". An empty cell leaves the current value as it is.
- `documents_import` checks again and writes ALL rows or NONE, in one transaction, through the
  services (document_create / document_update / translation_link, services_files.file_add with
  extraction queued, services_collections), plus one "documents.import" audit event. Files stored
  by an import that fails are removed. Importing the same sheet twice creates nothing new.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Lower, Replace, Upper
from django.http import HttpRequest
from django.utils.translation import gettext as _

from relais.core.audit import audit_record
from relais.knowledge.import_documents_check import (
    DocumentRow,
    Problem,
    RowChecker,
    doi_key,
    isbn_key,
    isbn_variants,
    load_references,
)
from relais.knowledge.import_documents_files import FileSource
from relais.knowledge.import_documents_read import MAX_ROWS, SheetRefused, Table, find_columns, read_table
from relais.knowledge.models import Collection, CollectionItem, Document, DocumentFile, document_file_path
from relais.knowledge.text import sanitise_html

IMPORT_ACTION = "documents.import"
CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"
RELATIONS = ("themes", "countries", "audiences")
_CHUNK = 500


@dataclass
class Checked:
    """Everything the preview shows: the sheet, the rows and what importing each would do, the problems."""

    table: Table | None = None
    rows: list[DocumentRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    new_collections: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def to_create(self) -> int:
        return self.count(CREATE)

    @property
    def to_update(self) -> int:
        return self.count(UPDATE)

    @property
    def unchanged(self) -> int:
        return self.count(UNCHANGED)

    @property
    def files_to_add(self) -> int:
        return sum(1 for r in self.rows if "file" in r.changes or (r.status == CREATE and r.entry is not None))


class ImportRefused(Exception):
    """Nothing was imported: the sheet, a row or a file has problems."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


@dataclass
class ImportOutcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    files_added: int = 0
    collections_created: int = 0
    documents: list[Document] = field(default_factory=list)


# --- Check --------------------------------------------------------------------------------------


def documents_check(*, sheet: bytes, files: FileSource | None = None, encoding: str | None = None) -> Checked:
    """Read and check the sheet and its files, match the rows with the documents Relais holds, and
    say what importing would do. Writes nothing."""
    checked = Checked()
    try:
        checked.table = table = read_table(sheet, encoding=encoding)
    except SheetRefused as exc:
        checked.problems.append(Problem(None, "", "", exc.message))
        return checked
    find_columns(table)
    if table.header_row is None:
        message = _("No header row found: the first row should name the columns (title, type, language…).")
        checked.problems.append(Problem(None, "", "", message))
        return checked
    checked.problems += _column_problems(table)
    if checked.errors:
        return checked
    body = table.body()
    if table.too_many_rows or len(body) > MAX_ROWS:
        message = _("The sheet has more than %(max)s rows: split it into several imports.") % {"max": f"{MAX_ROWS:,}"}
        checked.problems.append(Problem(None, "", "", message))
        return checked
    checked.rows, problems = RowChecker(table, load_references(), files).run()
    checked.problems += problems
    if not checked.rows and not checked.errors:
        checked.problems.append(Problem(None, "", "", _("The sheet has a header row but no documents.")))
    _plan(checked)
    return checked


def _column_problems(table: Table) -> list[Problem]:
    problems = []
    seen: dict[str, Any] = {}
    for column in table.columns:
        if not column.field:
            if column.header:
                message = _("this column is not one Relais imports: it is left out.")
                problems.append(Problem(table.header_row, column.label, column.header, message, warning=True))
            continue
        if column.field in seen:
            message = _("this column and column %(other)s hold the same thing: keep one.")
            problems.append(
                Problem(table.header_row, column.label, column.header, message % {"other": seen[column.field].label})
            )
        else:
            seen[column.field] = column
    for name, label in (("title", _("Title")), ("kind", _("Type")), ("language", _("Language"))):
        if name not in seen:
            message = _("no column holds the “%(field)s”: it is required.")
            problems.append(Problem(table.header_row, "", "", message % {"field": label}))
    return problems


def _chunks(values: Iterable[Any]) -> Iterable[list[Any]]:
    items = sorted(values, key=str)
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


@dataclass
class _Known:
    """The documents the rows may be, read for the whole sheet in a few queries."""

    by_doi: dict[str, list[int]] = field(default_factory=dict)
    by_isbn: dict[str, list[int]] = field(default_factory=dict)
    by_title: dict[tuple[str, int | None, str], list[int]] = field(default_factory=dict)
    keys: dict[int, tuple[str, str]] = field(default_factory=dict)  # pk → (doi key, isbn key)

    @classmethod
    def for_rows(cls, rows: list[DocumentRow]) -> _Known:
        known = cls()
        base = Document.objects.order_by("pk")
        dois = {r.doi_key for r in rows if r.doi_key}
        for chunk in _chunks(dois):
            for pk, doi, isbn in base.annotate(k=Lower("doi")).filter(k__in=chunk).values_list("pk", "doi", "isbn"):
                known._add(pk, doi, isbn)
        isbns = {v for r in rows if r.isbn_key for v in isbn_variants(r.isbn_key)}
        digits = Upper(Replace(Replace("isbn", Value("-"), Value("")), Value(" "), Value("")))
        for chunk in _chunks(isbns):
            for pk, doi, isbn in base.annotate(k=digits).filter(k__in=chunk).values_list("pk", "doi", "isbn"):
                known._add(pk, doi, isbn)
        # Titles: SQLite's lower() folds ASCII only, so candidates are read by language and year
        # and their titles compared here.
        languages = {r.values.get("language", "") for r in rows}
        years = {r.values.get("year") for r in rows}
        titles = {r.title.casefold() for r in rows}
        candidates = base.filter(language__in=languages)
        with_year = [y for y in years if y is not None]
        if None in years:
            candidates = candidates.filter(year__isnull=True) | candidates.filter(year__in=with_year)
        else:
            candidates = candidates.filter(year__in=with_year)
        for pk, title, year, language, doi, isbn in candidates.values_list(
            "pk", "title", "year", "language", "doi", "isbn"
        ).iterator(chunk_size=2000):
            if title.casefold() in titles:
                known.by_title.setdefault((title.casefold(), year, language), []).append(pk)
                known._add(pk, doi, isbn)
        return known

    def _add(self, pk: int, doi: str, isbn: str) -> None:
        if pk in self.keys:
            return
        keys = (doi_key(doi), isbn_key(isbn))
        self.keys[pk] = keys
        if keys[0]:
            self.by_doi.setdefault(keys[0], []).append(pk)
        if keys[1]:
            self.by_isbn.setdefault(keys[1], []).append(pk)

    def match(self, row: DocumentRow) -> tuple[int | None, str]:
        """The document for this row and how it was found; a candidate whose DOI or ISBN differs from
        the row's is another document (another edition, another translation)."""

        def agrees(pk: int) -> bool:
            doi, isbn = self.keys[pk]
            return not (row.doi_key and doi and doi != row.doi_key) and not (
                row.isbn_key and isbn and isbn != row.isbn_key
            )

        for how, pks in (
            ("doi", self.by_doi.get(row.doi_key, []) if row.doi_key else []),
            ("isbn", self.by_isbn.get(row.isbn_key, []) if row.isbn_key else []),
            ("title", self.by_title.get(row.title_key, [])),
        ):
            found = [pk for pk in pks if agrees(pk)]
            if found:
                return found[0], how
        return None, ""


def _plan(checked: Checked) -> None:
    """Match each row with a document of Relais and say what importing it would change."""
    rows = checked.rows
    if not rows:
        return
    known = _Known.for_rows(rows)
    matched: dict[int, DocumentRow] = {}
    for row in list(rows):
        pk, how = known.match(row)
        if pk is None:
            continue
        if pk in matched:
            column = {"doi": "doi", "isbn": "isbn"}.get(how, "title")
            message = _("the same document as row %(row)s: both match “%(title)s”, already in Relais.")
            checked.problems.append(
                Problem(
                    row.row, _label(checked, column), row.title, message % {"row": matched[pk].row, "title": row.title}
                )
            )
            rows.remove(row)
            continue
        matched[pk] = row
        row.matched_by = how
    documents = Document.objects.prefetch_related("themes", "countries", "audiences").in_bulk(list(matched))
    current = dict(
        DocumentFile.objects.filter(document_id__in=list(matched), is_current=True).values_list("document_id", "sha256")
    )
    for pk, row in matched.items():
        row.document = documents[pk]
        row.changes = _changes(row, row.document, current.get(pk, ""))
    _plan_translations(rows)
    checked.new_collections = _plan_collections(rows)
    for row in rows:
        row.status = CREATE if row.document is None else UPDATE if row.changes else UNCHANGED


def _label(checked: Checked, name: str) -> str:
    column = checked.table.column(name) if checked.table else None
    return column.label if column else ""


def _changes(row: DocumentRow, document: Document, current_sha256: str) -> list[str]:
    changes = []
    for name, value in row.values.items():
        now = getattr(document, name)
        if name == "abstract":
            same = sanitise_html(value) == now
        elif name == "doi":
            same = doi_key(value) == doi_key(now)
        elif name == "isbn":
            same = isbn_key(value) == isbn_key(now)
        else:
            same = value == now
        if not same:
            changes.append(name)
    for name in RELATIONS:
        if name in row.relations:
            now_ids = {obj.pk for obj in getattr(document, name).all()}
            if set(row.relations[name]) != now_ids:
                changes.append(name)
    if row.entry is not None and row.file_sha256 != current_sha256:
        changes.append("file")
    return changes


def _plan_translations(rows: list[DocumentRow]) -> None:
    groups: dict[str, list[DocumentRow]] = {}
    for row in rows:
        if row.translation_key:
            groups.setdefault(row.translation_key.casefold(), []).append(row)
    for members in groups.values():
        if len(members) < 2:
            continue
        ids = {r.document.translation_group_id if r.document else None for r in members}
        if len(ids) == 1 and None not in ids:
            continue  # already translations of one another
        for row in members:
            if row.document is not None and "translations" not in row.changes:
                row.changes.append("translations")


def _plan_collections(rows: list[DocumentRow]) -> list[str]:
    titles = {r.collection.casefold() for r in rows if r.collection}
    if not titles:
        return []
    existing = _collections_by_title(titles)
    inside = set(
        CollectionItem.objects.filter(
            collection_id__in=[c.pk for c in existing.values()],
            document_id__in=[r.document.pk for r in rows if r.document],
        ).values_list("collection_id", "document_id")
    )
    new: list[str] = []
    for row in rows:
        if not row.collection:
            continue
        collection = existing.get(row.collection.casefold())
        if collection is None and row.collection.casefold() not in {t.casefold() for t in new}:
            new.append(row.collection)
        if row.document is not None and (collection is None or (collection.pk, row.document.pk) not in inside):
            row.changes.append("collection")
    return new


def _collections_by_title(titles: set[str]) -> dict[str, Collection]:
    """The existing collection for each title (case-insensitive; the oldest when several share it)."""
    found: dict[str, Collection] = {}
    for collection in Collection.objects.order_by("pk").iterator(chunk_size=1000):
        key = collection.title.casefold()
        if key in titles:
            found.setdefault(key, collection)
    return found


# --- Import -------------------------------------------------------------------------------------


class _StoredFiles:
    """The files written to storage during an import, so that a failed one leaves none behind."""

    def __init__(self) -> None:
        self.before: dict[str, set[str]] = {}
        self.paths: set[str] = set()

    @staticmethod
    def folder(document: Document) -> str:
        sample = DocumentFile(document_id=document.pk, sha256="0" * 64, kind="txt")
        return os.path.dirname(document_file_path(sample, "x"))

    @staticmethod
    def _listdir(folder: str) -> set[str]:
        try:
            return set(default_storage.listdir(folder)[1])
        except (OSError, NotImplementedError):
            return set()

    def watch(self, document: Document) -> None:
        folder = self.folder(document)
        if folder not in self.before:
            self.before[folder] = self._listdir(folder)

    def remove_new(self) -> None:
        """After a rollback: delete the files written since `watch` that no version refers to."""
        candidates = set(self.paths)
        for folder, names in self.before.items():
            candidates |= {f"{folder}/{n}" for n in self._listdir(folder) - names}
        kept = set(DocumentFile.objects.filter(file__in=list(candidates)).values_list("file", flat=True))
        for path in candidates - kept:
            with contextlib.suppress(OSError, NotImplementedError):
                default_storage.delete(path)
        for folder in self.before:
            with contextlib.suppress(OSError, NotImplementedError, ValueError):
                if not self._listdir(folder) and not default_storage.listdir(folder)[0]:
                    os.rmdir(default_storage.path(folder))


def _problems_of(row: DocumentRow, checked: Checked, error: ValidationError) -> list[Problem]:
    messages = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
    out = []
    for name, texts in messages.items():
        field_name = {"kind": "kind", "__all__": ""}.get(name, name)
        value = str(row.values.get(field_name, ""))[:120]
        out += [Problem(row.row, _label(checked, field_name), value, str(t)) for t in texts]
    return out


def documents_import(
    *,
    actor: Any,
    sheet: bytes,
    sheet_name: str,
    files: FileSource | None = None,
    encoding: str | None = None,
    request: HttpRequest | None = None,
) -> ImportOutcome:
    """Import the sheet: every row or none (ImportRefused lists every problem)."""
    stored = _StoredFiles()
    try:
        with transaction.atomic():
            checked = documents_check(sheet=sheet, files=files, encoding=encoding)
            if checked.errors:
                raise ImportRefused(checked.errors)
            outcome = _write(actor=actor, checked=checked, stored=stored, request=request)
            audit_record(
                actor=actor,
                action=IMPORT_ACTION,
                details={
                    "sheet": sheet_name[:255],
                    "sha256": hashlib.sha256(sheet).hexdigest(),
                    "files": files.label[:255] if files is not None else "",
                    "rows": len(checked.rows),
                    "created": outcome.created,
                    "updated": outcome.updated,
                    "unchanged": outcome.unchanged,
                    "files_added": outcome.files_added,
                    "collections_created": outcome.collections_created,
                },
                request=request,
            )
            # The change log again, last: ids taken just before the commit, so a replica cannot
            # take this long transaction's earlier rows for a gap that never fills (PostgreSQL).
            from relais.knowledge.services import search_changed

            search_changed(*{d.pk for d in outcome.documents})
    except BaseException:
        stored.remove_new()
        raise
    return outcome


def _write(*, actor: Any, checked: Checked, stored: _StoredFiles, request: HttpRequest | None) -> ImportOutcome:
    from relais.knowledge import services, services_files

    outcome = ImportOutcome()
    problems: list[Problem] = []
    for row in checked.rows:
        values = dict(row.values)
        try:
            if row.status == CREATE:
                row.document = services.document_create(actor=actor, request=request, **values, **row.relations)
                outcome.created += 1
            elif row.status == UPDATE:
                assert row.document is not None
                fields = {k: v for k, v in values.items() if k in row.changes}
                fields.update({k: v for k, v in row.relations.items() if k in row.changes})
                if fields:
                    services.document_update(actor=actor, document=row.document, request=request, **fields)
                outcome.updated += 1
            else:
                outcome.unchanged += 1
        except ValidationError as error:
            problems += _problems_of(row, checked, error)
            continue
        assert row.document is not None
        outcome.documents.append(row.document)
        if row.entry is not None and (row.status == CREATE or "file" in row.changes):
            stored.watch(row.document)
            data = row.entry.read()
            if hashlib.sha256(data).hexdigest() != row.file_sha256:  # the folder changed since the check
                message = _("“%(name)s” changed while it was being imported: import again.") % {"name": row.entry.name}
                problems.append(Problem(row.row, _label(checked, "file"), row.file_name, message))
                continue
            from relais.knowledge.files import FileRefused

            try:
                version = services_files.file_add(
                    actor=actor,
                    document=row.document,
                    data=data,
                    filename=row.entry.basename,
                    request=request,
                    extract_now=False,
                )
            except FileRefused as exc:
                problems.append(Problem(row.row, _label(checked, "file"), row.file_name, str(exc.message)))
                continue
            if version.file:
                stored.paths.add(version.file.name)
            outcome.files_added += 1
    if problems:
        raise ImportRefused(problems)
    _link_translations(actor=actor, rows=checked.rows, request=request)
    outcome.collections_created = _fill_collections(actor=actor, rows=checked.rows, request=request)
    return outcome


def _link_translations(*, actor: Any, rows: list[DocumentRow], request: HttpRequest | None) -> None:
    from relais.knowledge.services import translation_link

    groups: dict[str, list[Document]] = {}
    for row in rows:
        if row.translation_key and row.document is not None:
            groups.setdefault(row.translation_key.casefold(), []).append(row.document)
    for documents in groups.values():
        if len(documents) < 2:
            continue
        first = documents[0]
        for other in documents[1:]:
            first.refresh_from_db(fields=["translation_group"])
            other.refresh_from_db(fields=["translation_group"])
            if first.translation_group_id is None or first.translation_group_id != other.translation_group_id:
                translation_link(actor=actor, document=first, other=other, request=request)


def _fill_collections(*, actor: Any, rows: list[DocumentRow], request: HttpRequest | None) -> int:
    from relais.knowledge.services_collections import collection_create, collection_item_add

    titles = {r.collection.casefold() for r in rows if r.collection}
    if not titles:
        return 0
    collections = _collections_by_title(titles)
    created = 0
    inside = set(
        CollectionItem.objects.filter(collection_id__in=[c.pk for c in collections.values()]).values_list(
            "collection_id", "document_id"
        )
    )
    for row in rows:
        if not row.collection or row.document is None:
            continue
        key = row.collection.casefold()
        if key not in collections:
            collections[key] = collection_create(actor=actor, title=row.collection, request=request)
            created += 1
        collection = collections[key]
        if (collection.pk, row.document.pk) not in inside:
            collection_item_add(actor=actor, collection=collection, document=row.document, request=request)
            inside.add((collection.pk, row.document.pk))
    return created
