"""Publications: a finished build's files, as the build's page serves them (attachments, never
rendered by the browser, not cached). Mounted on the publications router (publications.py)."""

from __future__ import annotations

from typing import Literal

from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from ninja import Router

from relais.api.problems import ApiProblem
from relais.api.schemas import read
from relais.publications.models import BuildStatus, PublicationBuild
from relais.publications.scoping import build_get
from relais.publications.tasks import report_filename
from relais.publications.views_builds import FORMATS, file_response

router = Router()  # mounted on the publications router, whose tag it takes

FormatCode = Literal["pdf", "docx", "html", "zip"]
HTML_TYPE = "text/html; charset=utf-8"
BINARY = {"schema": {"type": "string", "format": "binary"}}
DOWNLOAD_DOC = {
    "responses": {
        200: {
            "description": "The file, as an attachment",
            "content": {
                **{content_type: BINARY for _attr, content_type, _label in FORMATS.values()},
                "text/html": BINARY,
            },
        }
    }
}


def html_filename(build: PublicationBuild) -> str:
    """The preview's file name, after the report's other files: report-<code>-<language>-<date>.html"""
    day = timezone.localdate(build.finished_at) if build.finished_at else None
    return report_filename(build.programme, build.language, "html", day)


def _absent(build: PublicationBuild, fmt: str) -> ApiProblem:
    if build.status == BuildStatus.FAILED:
        detail = _("The build failed, so it has no files. Ask for a new build.")
    elif build.status != BuildStatus.DONE:
        detail = _("The publication is not built yet: read it again until its status is “done”, then download it.")
    else:
        detail = _("This publication has no %(format)s file: its formats list the files it has.") % {"format": fmt}
    return ApiProblem(404, "not-found", _("Not found"), detail)


def _html_response(build: PublicationBuild) -> HttpResponse:
    response = HttpResponse(build.html.encode("utf-8"), content_type=HTML_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, html_filename(build)) or "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@router.get(
    "/publications/{publication_id}/download/{format}",
    response=read(None),
    openapi_extra=DOWNLOAD_DOC,
    summary="Download a file of a publication build",
)
def publication_download(request: HttpRequest, publication_id: int, format: FormatCode) -> HttpResponse | FileResponse:
    """One of the files listed in the build's `formats`: pdf, docx, html (the preview) or zip (a
    kit's archive). A build that is not done, or has no such file, answers 404."""
    build = build_get(user=request.user, pk=publication_id)  # 404 for what the user may not see
    if build.status != BuildStatus.DONE:
        raise _absent(build, format)
    if format == "html":
        if not build.html:
            raise _absent(build, format)
        return _html_response(build)
    file = getattr(build, FORMATS[format][0])
    if not file or not file.name:
        raise _absent(build, format)
    return file_response(build, format)
