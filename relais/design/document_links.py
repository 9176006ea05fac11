"""Turning the references of designs (module materials, sources of needs assessments) that point at a
document of the knowledge centre into links to that document; those that point elsewhere stay as
they are.

A reference is linked when its link is the document's page (`/knowledge/<pk>/` or
`/knowledge/documents/<pk>/` on any host), its DOI (`https://doi.org/…`, `doi:…`) or the document's
own web address, or else when its title is the title of exactly one document (in any of its
languages; case, accents' composition and spacing aside).

The logic takes the model classes as arguments, so that the data migration runs it on historical
models and `services.references_link_documents()` on the current ones.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote, urlsplit

_KNOWLEDGE_PATH = re.compile(r"^(?:/[a-z]{2}(?:-[a-z0-9]+)?)?/knowledge/(?:documents/)?(\d+)(?:/|$)", re.IGNORECASE)
_DOI_HOSTS = frozenset({"doi.org", "dx.doi.org", "www.doi.org"})
_DOI_PREFIX = re.compile(r"^(?:doi:\s*|https?://(?:dx\.|www\.)?doi\.org/)", re.IGNORECASE)
AMBIGUOUS = 0  # a title shared by several documents links to none of them


def normalise_title(value: str) -> str:
    return " ".join(unicodedata.normalize("NFC", value or "").split()).casefold()


def normalise_doi(value: str) -> str:
    """ "10.1234/ABC" for "https://doi.org/10.1234/abc", "doi:10.1234/abc" or "10.1234/abc" (DOIs
    ignore case)."""
    value = unquote((value or "").strip())
    value = _DOI_PREFIX.sub("", value).strip()
    return value.casefold() if value.startswith("10.") else ""


def normalise_url(value: str) -> str:
    """The address with its scheme and host in lower case and without a trailing slash."""
    value = (value or "").strip()
    if not value:
        return ""
    parts = urlsplit(value)
    if not parts.scheme or not parts.netloc:
        return value.rstrip("/")
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{path}{query}"


def _knowledge_pk(url: str) -> int | None:
    parts = urlsplit((url or "").strip())
    match = _KNOWLEDGE_PATH.match(parts.path or "")
    return int(match[1]) if match else None


def _doi_of_url(url: str) -> str:
    value = (url or "").strip()
    if value.lower().startswith("doi:"):
        return normalise_doi(value)
    parts = urlsplit(value)
    if parts.netloc.lower() in _DOI_HOSTS:
        return normalise_doi(parts.path.lstrip("/"))
    return ""


class DocumentMatcher:
    """What identifies each document: its id, DOI, web address and titles."""

    def __init__(
        self,
        rows: Iterable[tuple[int, str, str, str]],
        other_titles: Iterable[tuple[int, str]] = (),
    ) -> None:
        self.ids: set[int] = set()
        self.by_doi: dict[str, int] = {}
        self.by_url: dict[str, int] = {}
        self.by_title: dict[str, int] = {}
        for pk, title, doi, url in rows:
            self.ids.add(pk)
            if key := normalise_doi(doi):
                self.by_doi.setdefault(key, pk)
            if key := normalise_url(url):
                self.by_url.setdefault(key, pk)
            self._add_title(title, pk)
        for pk, title in other_titles:
            self._add_title(title, pk)

    def _add_title(self, title: str, pk: int) -> None:
        key = normalise_title(title)
        if key:
            known = self.by_title.get(key)
            self.by_title[key] = pk if known in (None, pk) else AMBIGUOUS

    @classmethod
    def from_models(cls, document_model: Any, title_model: Any) -> DocumentMatcher:
        return cls(
            document_model.objects.values_list("id", "title", "doi", "url").order_by("id").iterator(),
            title_model.objects.values_list("document_id", "title").order_by("id").iterator(),
        )

    def match(self, *, title: str, url: str) -> int | None:
        """The id of the document this reference points at, or None."""
        if url:
            pk = _knowledge_pk(url)
            if pk is not None and pk in self.ids:
                return pk
            doi = _doi_of_url(url)
            if doi and doi in self.by_doi:
                return self.by_doi[doi]
            key = normalise_url(url)
            if key and key in self.by_url:
                return self.by_url[key]
        return self.by_title.get(normalise_title(title)) or None


def link_references(*, document_model: Any, title_model: Any, material_model: Any, source_model: Any) -> dict[str, int]:
    """Link the materials and needs sources not yet linked that point at a document; returns how many
    of each were linked. Those already linked, and those pointing elsewhere, are left as they are."""
    if not document_model.objects.exists():
        return {"materials": 0, "sources": 0}
    matcher = DocumentMatcher.from_models(document_model, title_model)
    counts = {}
    for key, model in (("materials", material_model), ("sources", source_model)):
        changed = []
        for row in model.objects.filter(document__isnull=True).only("id", "title", "url").order_by("id").iterator():
            pk = matcher.match(title=row.title, url=row.url)
            if pk:
                row.document_id = pk
                changed.append(row)
        model.objects.bulk_update(changed, ["document"], batch_size=500)
        counts[key] = len(changed)
    return counts
