"""Writes of publication builds: request a report build, publish or take back a build, delete it —
each audited. The build itself runs in the background (tasks.run_build), enqueued once the request
is committed. Callers check who may (scoping.programme_for_building / build_for_managing)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from relais.core.audit import audit_record
from relais.delivery.models import Session
from relais.programmes.models import Programme
from relais.publications.content import SECTIONS
from relais.publications.models import BuildKind, BuildStatus, PublicationBuild, Visibility

LANGUAGES = ("en", "fr")
FORMATS = ("html", "pdf", "docx")
TITLE_MAX = 300
SUMMARY_MAX = 10_000


def default_title(programme: Programme, language: str) -> str:
    """ "Results report — <programme title>" in the publication's language."""
    with translation.override(language):
        return _("Results report — %(programme)s") % {"programme": programme.title}


def sections_normalise(sections: Iterable[str]) -> list[str]:
    """The chosen sections in the report's order, without duplicates; unknown keys refused."""
    chosen = set(sections)
    unknown = chosen - set(SECTIONS)
    if unknown:
        raise ValidationError(_("Unknown section: %(keys)s.") % {"keys": ", ".join(sorted(unknown))})
    if not chosen:
        raise ValidationError(_("Choose at least one section."))
    return [key for key in SECTIONS if key in chosen]


def session_ids_normalise(programme: Programme, session_ids: Iterable[int] | None) -> list[int] | None:
    """The chosen sessions (sorted, each of the programme), or None for every session."""
    if session_ids is None:
        return None
    ids = sorted({int(pk) for pk in session_ids})
    if not ids:
        return None
    found = set(Session.objects.filter(programme=programme, pk__in=ids).values_list("pk", flat=True))
    missing = [pk for pk in ids if pk not in found]
    if missing:
        raise ValidationError(
            _("These sessions are not sessions of the programme: %(ids)s.") % {"ids": ", ".join(map(str, missing))}
        )
    return ids


@transaction.atomic
def build_request(
    *,
    actor: Any,
    programme: Programme,
    language: str,
    sections: Iterable[str],
    session_ids: Iterable[int] | None,
    summary: str,
    title: str = "",
    formats: Iterable[str] = FORMATS,
    request: HttpRequest | None = None,
) -> PublicationBuild:
    """Record a report build with its parameters and run it in the background once committed."""
    if language not in LANGUAGES:
        raise ValidationError(_("The language must be English or French."))
    chosen_formats = [f for f in FORMATS if f in set(formats)]
    if "html" not in chosen_formats:
        chosen_formats.insert(0, "html")  # the preview is always made
    title = " ".join((title or "").split())[:TITLE_MAX]
    summary = (summary or "").replace("\r\n", "\n").replace("\r", "\n").strip()[:SUMMARY_MAX]
    parameters = {
        "sections": sections_normalise(sections),
        "session_ids": session_ids_normalise(programme, session_ids),
        "summary": summary,
        "title": title,
        "formats": chosen_formats,
    }
    build = PublicationBuild.objects.create(
        kind=BuildKind.REPORT,
        programme=programme,
        title=title or default_title(programme, language),
        language=language,
        parameters=parameters,
        status=BuildStatus.QUEUED,
        step=_queued_step(language),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        action="publication.request",
        obj=build,
        details={
            "programme_id": programme.pk,
            "language": language,
            "sections": parameters["sections"],
            "sessions": len(parameters["session_ids"] or []),
            "formats": chosen_formats,
        },
        request=request,
    )
    enqueue(build.pk)
    return build


def _queued_step(language: str) -> str:
    with translation.override(language):
        return _("Waiting to start")


def enqueue(build_id: int) -> None:
    """Run the build in the background once the current transaction commits."""
    from relais.publications import tasks

    transaction.on_commit(lambda: tasks.run_build.enqueue(build_id))


@transaction.atomic
def build_publish(
    *, actor: Any, build: PublicationBuild, visibility: str, request: HttpRequest | None = None
) -> PublicationBuild:
    """Publish a finished build to the programme (viewers see it) or to the public, or take it back
    to the team ("team")."""
    if visibility not in Visibility.values:
        raise ValidationError(_("Choose who may see the publication."))
    if visibility != Visibility.TEAM and build.status != BuildStatus.DONE:
        raise ValidationError(_("Only a finished build can be published."))
    before = build.visibility
    if visibility == before:
        return build
    build.visibility = visibility
    if visibility == Visibility.TEAM:
        build.published_at = None
    elif before == Visibility.TEAM or build.published_at is None:
        build.published_at = timezone.now()
    build.save(update_fields=["visibility", "published_at"])
    audit_record(
        actor=actor,
        action="publication.unpublish" if visibility == Visibility.TEAM else "publication.publish",
        obj=build,
        details={"from": before, "to": visibility},
        request=request,
    )
    return build


@transaction.atomic
def build_delete(*, actor: Any, build: PublicationBuild, request: HttpRequest | None = None) -> None:
    """Delete a build and, once committed, its files."""
    files = [f.name for f in (build.pdf, build.docx, build.archive) if f and f.name]
    storage = build.pdf.storage
    audit_record(
        actor=actor,
        action="publication.delete",
        obj=build,
        details={"kind": build.kind, "programme_id": build.programme_id, "visibility": build.visibility},
        request=request,
    )
    build.delete()

    def remove() -> None:
        for name in files:
            with contextlib.suppress(OSError):  # a file already gone is not an error
                storage.delete(name)

    transaction.on_commit(remove)
