"""The knowledge centre: documents, their files, and the search (documents_search.py).

Open without a token: a request with no Authorization header sees the public catalogue exactly as an
anonymous visitor of the pages does; with a token, its owner's view (internal documents for
programme staff and administrators, as on the pages). An internal document does not exist for the
others: absent from lists and search, 404 for itself and its files. The extracted text of a file is
never given out (the search finds by it)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, TextField, prefetch_related_objects
from django.db.models.functions import Cast
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from relais.api.auth import public_or_token
from relais.api.pagination import PageParams, page_of, paginate
from relais.api.routers.documents_search import FacetFilters, check_codes, needs_reference
from relais.api.routers.documents_search import router as search_router
from relais.api.schemas import READ_ERRORS, read
from relais.core.models import Country, Profession, Theme
from relais.knowledge import citations, views_files
from relais.knowledge.models import Document, DocumentFile, FileKind, SearchChange
from relais.knowledge.scoping import document_get, documents_visible
from relais.knowledge.selectors import document_view, reference_labels
from relais.knowledge.views_files import CONTENT_TYPES, files_context

router = Router(tags=["Knowledge centre"])
router.add_router("", search_router)


class DocumentOut(Schema):
    id: int
    kind: str = Field(description="study, guideline, manual, training_material, report, legal_text, case_law")
    title: str = Field(description="The title in the document's own language (`language`)")
    language: str = Field(description="Language of the title and abstract (ISO 639-1)")
    languages: list[str] = Field(description="Languages of the content")
    authors: list[str]
    publisher: str
    place: str
    year: int | None
    isbn: str
    doi: str
    url: str
    access: str = Field(description="public or internal (internal ones only for programme staff)")
    themes: list[str] = Field(description="Theme codes (see /vocabularies)")
    countries: list[str] = Field(description="Country codes")
    audiences: list[str] = Field(description="Profession codes of the audience")
    created_at: dt.datetime
    updated_at: dt.datetime


class TitleOut(Schema):
    language: str
    title: str
    abstract: str = Field(description="Sanitised HTML; empty when not translated")


class TranslationOut(Schema):
    id: int
    title: str
    language: str


class CollectionRefOut(Schema):
    id: int
    title: str


class FileOut(Schema):
    id: int
    version: int
    is_current: bool
    name: str = Field(description="The file name as uploaded")
    type: str = Field(description="pdf, docx, odt, pptx, xlsx, txt or html (found from the content)")
    content_type: str
    size: int = Field(description="Bytes")
    page_count: int | None
    note: str = Field(description="What changed in this version")
    uploaded_at: dt.datetime
    uploaded_by: str | None = Field(description="Who added it (programme staff only, as on the page)")
    text_status: str | None = Field(description="pending, done, empty or failed (programme staff only)")
    text_error: str | None = Field(description="Why the text could not be read (programme staff only)")
    download: str = Field(description="Path of the file's download")


class CitationOut(Schema):
    apa: str
    bibtex: str
    ris: str
    doi_url: str


class DocumentDetailOut(DocumentOut):
    abstract: str = Field(description="Sanitised HTML (paragraphs, lists, emphasis, links)")
    other_titles: list[TitleOut] = Field(description="The title and abstract in other languages")
    translations: list[TranslationOut] = Field(description="Also available in: the translations the reader sees")
    collections: list[CollectionRefOut] = Field(description="The collections holding it that the reader sees")
    current_file_id: int | None
    files: list[FileOut] = Field(description="Every version, newest first")
    citation: CitationOut


class DocumentFilters(PageParams, FacetFilters):
    access: Literal["public", "internal"] | None = Field(None, description="public or internal")
    updated_since: dt.datetime | None = Field(
        None, description="Documents whose metadata, titles, translations or files changed at or after this time"
    )


def _codes(rows: Any) -> list[str]:
    return sorted(r.code for r in rows)


def document_out(d: Document) -> DocumentOut:
    return DocumentOut(**_fields(d))


def _fields(d: Document) -> dict[str, Any]:
    return {
        "id": d.pk,
        "kind": d.kind,
        "title": d.title,
        "language": d.language,
        "languages": list(d.languages or [d.language]),
        "authors": [str(a) for a in d.authors or []],
        "publisher": d.publisher,
        "place": d.place,
        "year": d.year,
        "isbn": d.isbn,
        "doi": d.doi,
        "url": d.url,
        "access": d.access,
        "themes": _codes(d.themes.all()),
        "countries": _codes(d.countries.all()),
        "audiences": _codes(d.audiences.all()),
        "created_at": d.created_at,
        "updated_at": d.updated_at,
    }


def _code_prefetches() -> list[Prefetch[Any]]:
    return [
        Prefetch("themes", queryset=Theme.objects.only("id", "code")),
        Prefetch("countries", queryset=Country.objects.only("id", "code")),
        Prefetch("audiences", queryset=Profession.objects.only("id", "code")),
    ]


def _filtered(qs: QuerySet[Document], f: DocumentFilters) -> QuerySet[Document]:
    if f.kind:
        qs = qs.filter(kind__in=[k.value for k in f.kind])
    if f.theme:
        themes = Document.themes.through.objects.filter(theme__code__in=f.theme)
        qs = qs.filter(pk__in=themes.values("document_id"))
    if f.country:
        countries = Document.countries.through.objects.filter(country__code__in=f.country)
        qs = qs.filter(pk__in=countries.values("document_id"))
    if f.audience:
        audiences = Document.audiences.through.objects.filter(profession__code__in=f.audience)
        qs = qs.filter(pk__in=audiences.values("document_id"))
    if f.language:
        # As the search's language facet: the title's language or one of the content's (a JSON list).
        qs = qs.annotate(languages_text=Cast("languages", TextField()))
        match = Q(language__in=f.language)
        for code in f.language:
            match |= Q(languages_text__icontains=f'"{code}"')
        qs = qs.filter(match)
    if f.year:
        qs = qs.filter(year__in=f.year)
    if f.access:
        qs = qs.filter(access=f.access)
    if f.updated_since is not None:
        since = f.updated_since
        if timezone.is_naive(since):
            since = timezone.make_aware(since)
        changed = SearchChange.objects.filter(document_id=OuterRef("pk"), created_at__gte=since)
        qs = qs.filter(Q(updated_at__gte=since) | Exists(changed))
    return qs


@router.get("/documents", response=read(page_of(DocumentOut)), auth=public_or_token, summary="List documents")
def document_list(request: HttpRequest, filters: Query[DocumentFilters]) -> dict[str, Any]:
    """The documents the reader may see, in id order (cursor pagination), with the catalogue's
    facets as filters plus access and updated_since (for a partner's sync). Without a token: the
    public documents only."""
    if needs_reference(filters):
        check_codes(filters, reference_labels())
    qs = _filtered(documents_visible(request.user), filters).prefetch_related(*_code_prefetches())
    return paginate(qs, filters, lambda rows: [document_out(d) for d in rows])


def _download_path(document_id: int, file_id: int) -> str:
    return f"{reverse('api_v1:api-root')}documents/{document_id}/files/{file_id}"


def file_out(f: DocumentFile, *, details: bool) -> FileOut:
    uploader = f.uploaded_by
    return FileOut(
        id=f.pk,
        version=f.version,
        is_current=f.is_current,
        name=f.original_name,
        type=f.kind,
        content_type=CONTENT_TYPES[FileKind(f.kind)],
        size=f.size,
        page_count=f.page_count,
        note=f.note,
        uploaded_at=f.uploaded_at,
        uploaded_by=(uploader.full_name or uploader.email) if details and uploader is not None else None,
        text_status=f.text_status if details else None,
        text_error=(_(f.text_error) if f.text_error else "") if details else None,
        download=_download_path(f.document_id, f.pk),
    )


@router.get(
    "/documents/{int:document_id}",
    response=read(DocumentDetailOut),
    auth=public_or_token,
    summary="Read a document",
)
def document_read(request: HttpRequest, document_id: int) -> DocumentDetailOut:
    """A document's page as data: its metadata, titles and abstracts in other languages, the
    translations and collections the reader sees, its files (every version) and how to cite it. 404
    for an internal document without a token or for a reader who may not see it."""
    document = document_get(user=request.user, pk=document_id)
    prefetch_related_objects([document], *_code_prefetches(), "titles")
    view = document_view(user=request.user, document=document, reference=reference_labels())
    files = files_context(request, document)
    current = files["files_current"]
    return DocumentDetailOut(
        **_fields(document),
        abstract=document.abstract,
        other_titles=[TitleOut(language=t.language, title=t.title, abstract=t.abstract) for t in document.titles.all()],
        translations=[TranslationOut(id=d.pk, title=d.title, language=d.language) for d, _name in view.translations],
        collections=[CollectionRefOut(id=c.pk, title=c.title) for c in view.collections],
        current_file_id=current.pk if current is not None else None,
        files=[file_out(f, details=files["files_details"]) for f in files["files_versions"]],
        citation=CitationOut(
            apa=citations.apa(document).text,
            bibtex=citations.bibtex(document),
            ris=citations.ris(document),
            doi_url=citations.doi_url(document),
        ),
    )


FILE_RESPONSE = {
    "responses": {
        200: {
            "description": "The file as a download (Content-Disposition: attachment), of its own type",
            "content": {
                content_type: {"schema": {"type": "string", "format": "binary"}}
                for content_type in dict.fromkeys(CONTENT_TYPES.values())
            },
        }
    }
}


@router.get(
    "/documents/{int:document_id}/files/{int:file_id}",
    response={200: None, **READ_ERRORS},
    auth=public_or_token,
    openapi_extra=FILE_RESPONSE,
    summary="Download a document's file",
)
def document_file_download(request: HttpRequest, document_id: int, file_id: int) -> HttpResponseBase:
    """A version of the document's file (the current one or an older one) served by the page's
    download itself: an attachment of the type found from its content, nosniff, a sandboxing
    Content-Security-Policy, and `Cache-Control: private, no-store` for an internal document's file
    (`public, max-age=300` for a public one). 404 for whoever may not see the document."""
    response = views_files.file_download(request, pk=document_id, file_pk=file_id)
    if "Vary" in response:  # the page varies by its session cookie; here the token decides
        patch_vary_headers(response, ["Authorization"])
    return response
