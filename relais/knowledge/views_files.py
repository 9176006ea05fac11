"""A document's files: the versions list on the document page (files_context + the partial
knowledge/partials/files.html), upload a new version, download, delete a version, read its text
again. Downloads follow the document's access (public: anyone; internal: 404 for whoever may not
see it); the other actions are for those who may manage the catalogue (404 for the others).

Every file is served as a download (never shown inline), with the type found by its content, and a
Content-Security-Policy that sandboxes it should a browser open it anyway."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from relais.core.forms import StyledForm
from relais.core.http import is_htmx
from relais.knowledge import scoping, services_files
from relais.knowledge.files import MB, FileRefused, accepted_types, check_size, clean_name
from relais.knowledge.models import Document, DocumentFile, FileKind, TextStatus

CONTENT_TYPES = {
    FileKind.PDF: "application/pdf",
    FileKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileKind.PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    FileKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileKind.ODT: "application/vnd.oasis.opendocument.text",
    FileKind.TXT: "text/plain",
    FileKind.HTML: "text/html",
}
# For the file picker only: the content decides, not the name.
ACCEPT = ".pdf,.docx,.odt,.pptx,.xlsx,.txt,.htm,.html"


class FileUploadForm(StyledForm):
    file = forms.FileField(label=gettext_lazy("File"), allow_empty_file=True)
    note = forms.CharField(
        label=gettext_lazy("What changed"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("For a new version: what is different from the previous one (optional)."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "kn-file-%s")  # ids that no other form of the document page uses
        super().__init__(*args, **kwargs)
        field = self.fields["file"]
        field.widget.attrs["accept"] = ACCEPT
        limit = number_format(settings.RELAIS_DOCUMENT_MAX_BYTES // MB)
        field.help_text = _("%(types)s; up to %(limit)s MB. The type is checked from the content, not the name.") % {
            "types": accepted_types(),
            "limit": limit,
        }


def _document_url(document: Document) -> str:
    return reverse("knowledge:document", kwargs={"pk": document.pk}) + "#kn-files"


def files_context(request: HttpRequest, document: Document, *, form: FileUploadForm | None = None) -> dict[str, Any]:
    """What knowledge/partials/files.html needs (one query for the versions, uploaders included;
    the text itself is never loaded). Who uploaded and the text status are shown to those who see
    internal documents; the actions to those who manage."""
    user = request.user
    manager = scoping.may_manage(user)
    versions = list(
        DocumentFile.objects.filter(document=document).defer("text").select_related("uploaded_by").order_by("-version")
    )
    return {
        "document": document,
        "files_versions": versions,
        "files_current": next((f for f in versions if f.is_current), None),
        "files_may_manage": manager,
        "files_details": scoping.sees_internal(user),
        "files_form": (form or FileUploadForm()) if manager else None,
        "files_statuses": TextStatus,
    }


def _partial(request: HttpRequest, document: Document, **extra: Any) -> HttpResponse:
    form = extra.pop("form", None)
    context = {**files_context(request, document, form=form), **extra}
    return render(request, "knowledge/partials/files.html", context)


def _done(request: HttpRequest, document: Document, notice: str) -> HttpResponse:
    """After a change: the notice in the page's messages (announced: that region is a live one);
    with htmx the files' section comes back and the messages with it (out of band)."""
    messages.success(request, notice)
    if is_htmx(request):
        return _partial(request, document, files_htmx=True)
    return redirect(_document_url(document))


@login_required
@require_POST
def file_add(request: HttpRequest, pk: int) -> HttpResponse:
    document = scoping.document_for_managing(user=request.user, pk=pk)
    form = FileUploadForm(request.POST, request.FILES)
    added = None
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check_size(upload.size or 0, clean_name(upload.name or ""))  # before reading it into memory
            added = services_files.file_add(
                actor=request.user,
                document=document,
                data=upload.read(),
                filename=upload.name or "",
                note=form.cleaned_data["note"],
                request=request,
            )
        except FileRefused as refusal:
            form.add_error("file", refusal.message)
    if added is not None:
        notice = _("%(name)s is now version %(version)s. Its text is read in the background for search.") % {
            "name": added.original_name,
            "version": added.version,
        }
        return _done(request, document, notice)
    if is_htmx(request):  # htmx swaps only successful answers: the errors come with a 200
        return _partial(request, document, form=form, files_htmx=True)
    # Without htmx: a page of its own, the reasons on top and a fresh form to try another file.
    errors = [str(e) for name in ("file", "note") for e in form.errors.get(name, [])]
    retry = FileUploadForm(initial={"note": (request.POST.get("note") or "")[:300]})
    context = {"document": document, "errors": errors, "form": retry, "back": _document_url(document)}
    return render(request, "knowledge/file_refused.html", context, status=400)


def _file(document: Document, file_pk: int) -> DocumentFile:
    return get_object_or_404(DocumentFile.objects.defer("text"), pk=file_pk, document=document)


@require_safe
def file_download(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    """The file as a download, for whoever may see the document (no login for public ones)."""
    document = scoping.document_get(user=request.user, pk=pk)
    file = _file(document, file_pk)
    try:
        handle = file.file.open("rb")
    except (OSError, ValueError):
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=file.original_name, content_type=CONTENT_TYPES[FileKind(file.kind)]
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "public, max-age=300" if document.is_public else "private, no-store"
    if not document.is_public:
        response["Vary"] = "Cookie"
    return response


@login_required
@require_POST
def file_delete(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    document = scoping.document_for_managing(user=request.user, pk=pk)
    file = _file(document, file_pk)
    services_files.file_delete(actor=request.user, file=file, request=request)
    notice = _("Version %(version)s (%(name)s) is deleted.") % {"version": file.version, "name": file.original_name}
    return _done(request, document, notice)


@login_required
@require_POST
def file_extract(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    document = scoping.document_for_managing(user=request.user, pk=pk)
    file = _file(document, file_pk)
    services_files.file_extract_again(actor=request.user, file=file, request=request)
    notice = _("The text of %(name)s (version %(version)s) is being read again.") % {
        "name": file.original_name,
        "version": file.version,
    }
    return _done(request, document, notice)
