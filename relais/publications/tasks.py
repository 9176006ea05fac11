"""Background work of publications (django-tasks): building a report (content, HTML preview, PDF,
DOCX) or a replication kit, with its progress kept on the build so the page can show it. A build
never raises: a failure is recorded on the build (status "failed", a readable message in the
build's language) and its traceback logged. Tests and the local demo run tasks at once
(ImmediateBackend).

The builders are imported inside the functions, so this module imports even while a renderer is
missing."""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.db import DatabaseError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from relais.publications.models import BuildKind, BuildStatus, PublicationBuild

if TYPE_CHECKING:
    from relais.programmes.models import Programme
    from relais.publications.content import Publication

logger = logging.getLogger(__name__)

DEFAULT_FORMATS = ("html", "pdf", "docx")


@dataclass(frozen=True)
class ReportRequest:
    """What a report is built from (the parameters of a build, or the command line's options)."""

    programme: Programme
    language: str
    sections: list[str]
    session_ids: list[int] | None = None
    summary: str = ""
    title: str = ""


def report_content(req: ReportRequest) -> Publication:
    from relais.publications.content_build import build_content

    with translation.override(req.language):
        return build_content(
            programme=req.programme,
            language=req.language,
            sections=list(req.sections),
            session_ids=req.session_ids,
            summary=req.summary,
            title=req.title,
        )


def report_render(publication: Publication, fmt: str) -> bytes:
    """The publication as a file: "html" (the preview, UTF-8), "pdf" or "docx"."""
    with translation.override(publication.language):
        if fmt == "html":
            from relais.publications.render_html import render_html

            return render_html(publication).encode("utf-8")
        if fmt == "pdf":
            from relais.publications.render_pdf import render_pdf

            return render_pdf(publication)
        if fmt == "docx":
            from relais.publications.render_docx import render_docx

            return render_docx(publication)
    raise ValueError(f"unknown format {fmt!r}")


def report_filename(programme: Programme, language: str, ext: str, day: Any = None) -> str:
    """report-<programme code>-<language>-<YYYY-MM-DD>.<ext>"""
    day = day or timezone.localdate()
    return f"report-{programme.code}-{language}-{day.isoformat()}.{ext}"


class _Progress:
    """Keeps the build's progress and step, in memory and in the database, as the build goes."""

    def __init__(self, build: PublicationBuild) -> None:
        self.build = build
        self.step_key = ""

    def __call__(self, percent: int, step: str) -> None:
        self.build.progress = max(0, min(100, int(percent)))
        self.build.step = str(step)[:200]
        self.step_key = str(step)
        _save(self.build, "progress", "step")


def _save(build: PublicationBuild, *fields: str) -> None:
    # update_fields: a build deleted meanwhile raises instead of coming back to life.
    build.save(update_fields=list(fields))


def _run_report(build: PublicationBuild, progress: _Progress) -> None:
    params = build.parameters or {}
    formats = params.get("formats") or list(DEFAULT_FORMATS)
    req = ReportRequest(
        programme=build.programme,
        language=build.language,
        sections=list(params.get("sections") or []),
        session_ids=params.get("session_ids") or None,
        summary=params.get("summary") or "",
        title=params.get("title") or build.title,
    )
    progress(10, _("Gathering the figures"))
    publication = report_content(req)
    from relais.publications.content import content_hash

    build.content_hash = content_hash(publication)
    progress(30, _("Figures gathered"))
    build.html = report_render(publication, "html").decode("utf-8")
    progress(40, _("Preview written"))
    day = timezone.localdate()
    if "pdf" in formats:
        progress(45, _("Composing the PDF"))
        data = report_render(publication, "pdf")
        build.pdf.save(report_filename(build.programme, build.language, "pdf", day), ContentFile(data), save=False)
        progress(70, _("PDF composed"))
    if "docx" in formats:
        progress(75, _("Writing the Word document"))
        data = report_render(publication, "docx")
        build.docx.save(report_filename(build.programme, build.language, "docx", day), ContentFile(data), save=False)
        progress(90, _("Word document written"))


def _run_kit(build: PublicationBuild, progress: _Progress) -> None:
    from relais.publications.kits import build_kit

    progress(5, _("Starting the replication kit"))
    build_kit(build, progress)


def failure_message(step: str) -> str:
    """What the build's page says when it failed (in the active language)."""
    if step:
        return _(
            "The build stopped at the step “%(step)s”. Try again; if it fails again, tell the administrator "
            "(the details are in the server's log)."
        ) % {"step": step}
    return _(
        "The build failed. Try again; if it fails again, tell the administrator (the details are in the server's log)."
    )


def _remove_files(build: PublicationBuild) -> None:
    for field in (build.pdf, build.docx, build.archive):
        if field and field.name:
            with contextlib.suppress(OSError):
                field.storage.delete(field.name)
            field.name = ""


@task()
def run_build(build_id: int) -> str:
    """Build one publication (report or kit); returns its final status ("gone" when deleted)."""
    build = PublicationBuild.objects.select_related("programme", "design").filter(pk=build_id).first()
    if build is None:
        return "gone"
    if build.status in (BuildStatus.DONE, BuildStatus.RUNNING):
        return str(build.status)  # already built, or being built by another worker
    with translation.override(build.language or "en"):
        progress = _Progress(build)
        try:
            build.status = BuildStatus.RUNNING
            build.started_at = timezone.now()
            build.finished_at = None
            build.error = ""
            build.progress = 0
            build.step = _("Starting")
            _save(build, "status", "started_at", "finished_at", "error", "progress", "step")
            if build.kind == BuildKind.KIT:
                _run_kit(build, progress)
            else:
                _run_report(build, progress)
            build.status = BuildStatus.DONE
            build.progress = 100
            build.step = _("Ready")
            build.finished_at = timezone.now()
            _save(
                build,
                "status",
                "progress",
                "step",
                "finished_at",
                "content_hash",
                "html",
                "pdf",
                "docx",
                "archive",
            )
            return str(BuildStatus.DONE)
        except Exception:
            logger.exception("Publication build %s failed", build_id)
            try:
                _remove_files(build)
                PublicationBuild.objects.filter(pk=build_id).update(
                    status=BuildStatus.FAILED,
                    error=failure_message(progress.step_key)[:500],
                    finished_at=timezone.now(),
                    pdf="",
                    docx="",
                    archive="",
                )
            except DatabaseError:  # pragma: no cover - the database itself is gone
                logger.exception("Recording the failure of publication build %s failed", build_id)
            return str(BuildStatus.FAILED)
