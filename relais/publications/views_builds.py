"""The publications index and report builds: the builder form, a build's page (progress polled by
htmx while it runs, the preview and downloads when ready), publishing and deleting.

- Index: everyone with a role in a programme (and any signed-in user: an empty list).
- Builder, publish, delete: administrators, the programme's managers and M&E officers.
- A build and its downloads: the programme's staff; viewers once published to the programme; anyone
  signed in once published to the public (scoping.build_get). Everyone else gets 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from relais.core.http import is_htmx
from relais.publications.forms import LANGUAGE_CHOICES, SECTION_LABELS, BuildForm, PublishForm
from relais.publications.models import BuildStatus, PublicationBuild, Visibility
from relais.publications.scoping import (
    build_for_managing,
    build_get,
    is_staff_of,
    may_build,
    programme_for_building,
)
from relais.publications.selectors_builds import build_sessions, index_rows
from relais.publications.services import build_delete, build_publish, build_request

FORMATS = {
    # fmt: (field, content type, label)
    "pdf": ("pdf", "application/pdf", "PDF"),
    "docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word (DOCX)"),
    "zip": ("archive", "application/zip", "ZIP"),
}
POLLING = (BuildStatus.QUEUED, BuildStatus.RUNNING)


@dataclass(frozen=True)
class Download:
    fmt: str
    label: str
    url: str
    filename: str


def downloads(build: PublicationBuild, url_name: str) -> list[Download]:
    """The build's files, each with its address under `url_name` (team or public)."""
    if build.status != BuildStatus.DONE:
        return []
    out = []
    for fmt, (attr, _type, label) in FORMATS.items():
        file = getattr(build, attr)
        if file and file.name:
            out.append(
                Download(
                    fmt=fmt,
                    label=label,
                    url=reverse(url_name, kwargs={"pk": build.pk, "fmt": fmt}),
                    filename=file.name.rsplit("/", 1)[-1],
                )
            )
    return out


def file_response(build: PublicationBuild, fmt: str, *, public: bool = False) -> FileResponse:
    """The build's file as an attachment (never rendered by the browser)."""
    if fmt not in FORMATS or build.status != BuildStatus.DONE:
        raise Http404
    attr, content_type, _label = FORMATS[fmt]
    file = getattr(build, attr)
    if not file or not file.name:
        raise Http404
    try:
        handle = file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=file.name.rsplit("/", 1)[-1], content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
    return response


def dashboard_url(programme_id: int) -> str | None:
    """The programme's dashboard, when the dashboard pages are installed."""
    try:
        return reverse("publications:dashboard", kwargs={"pk": programme_id})
    except NoReverseMatch:
        return None


def build_parameters(build: PublicationBuild) -> dict[str, Any]:
    """What the build was asked for, as the page shows it."""
    params = build.parameters or {}
    sessions, n_sessions = build_sessions(build)
    return {
        "sections": [SECTION_LABELS.get(key, key) for key in params.get("sections") or []],
        "sessions": sessions,
        "n_sessions": n_sessions,
        "more_sessions": n_sessions - len(sessions),
        "language": dict(LANGUAGE_CHOICES).get(build.language, build.language),
        "summary": params.get("summary") or "",
    }


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    rows = index_rows(user=request.user)
    for row in rows:
        row.dashboard_url = dashboard_url(row.programme.pk)  # type: ignore[attr-defined]
    return render(request, "publications/index.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def build_new(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_for_building(user=request.user, pk=pk)
    form = BuildForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            build = build_request(
                actor=request.user,
                programme=programme,
                language=data["language"],
                sections=data["sections"],
                session_ids=data["sessions"] or None,
                summary=data["summary"],
                title=data["title"],
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The publication is being built. This page shows how far it has got."))
            return redirect("publications:build", pk=build.pk)
    return render(request, "publications/build_form.html", {"form": form, "programme": programme})


def _build_context(request: HttpRequest, build: PublicationBuild) -> dict[str, Any]:
    manager = may_build(request.user, build.programme_id)
    return {
        "build": build,
        "programme": build.programme,
        "may_manage": manager,
        "show_requester": is_staff_of(request.user, build.programme_id),
        "polling": build.status in POLLING,
        "downloads": downloads(build, "publications:download"),
        "publish_form": PublishForm(initial={"visibility": build.visibility}) if manager else None,
        "params": build_parameters(build),
        "public_url": reverse("publications:public_build", kwargs={"pk": build.pk})
        if build.visibility == Visibility.PUBLIC
        else None,
    }


@login_required
@require_GET
def build_detail(request: HttpRequest, pk: int) -> HttpResponse:
    build = build_get(user=request.user, pk=pk)
    ctx = _build_context(request, build)
    if is_htmx(request):
        response = render(request, "publications/partials/build_output.html", {**ctx, "oob": True})
    else:
        response = render(request, "publications/build.html", ctx)
    patch_vary_headers(response, ["HX-Request"])
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def download(request: HttpRequest, pk: int, fmt: str) -> FileResponse:
    return file_response(build_get(user=request.user, pk=pk), fmt)


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    build = build_for_managing(user=request.user, pk=pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose who may see the publication."))
        return redirect("publications:build", pk=build.pk)
    try:
        build_publish(actor=request.user, build=build, visibility=form.cleaned_data["visibility"], request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        text = {
            Visibility.TEAM: _("The publication is back with the programme team only."),
            Visibility.PROGRAMME: _("The publication is published to the programme: its viewers see it."),
            Visibility.PUBLIC: _("The publication is published to the public: anyone may read it."),
        }[Visibility(build.visibility)]
        messages.success(request, text)
    return redirect("publications:build", pk=build.pk)


@login_required
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    build = build_for_managing(user=request.user, pk=pk)
    build_delete(actor=request.user, build=build, request=request)
    messages.success(request, _("The build is deleted."))
    return redirect("publications:index")
