"""Replication kits (DESIGN.md §2): everything needed to run an activity again elsewhere, as one PDF
and a ZIP, built in the background like a report (relais.publications.tasks.run_build).

    build = kit_request(actor=user, design=design, language="fr", base_url="https://relais.example")
    build_kit(build, progress)          # the task calls it for builds of kind "kit"

The ZIP holds kit.pdf, the agenda (PDF and DOCX, from the design's exports), each questionnaire as
a Word form to print, the materials' files that may be shared (the current files of public documents
of the knowledge centre, and the design's own material files) and README.txt, which lists every
file and what was left out and why (internal documents never leave the programme).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import tempfile
import zipfile
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from relais.core.audit import audit_record
from relais.design.models import ActivityDesign, Material
from relais.knowledge.models import DocumentFile
from relais.publications import scoping
from relais.publications.models import BuildKind, BuildStatus, PublicationBuild

LANGUAGES = ("en", "fr")
Progress = Callable[[int, str], None]


# Reads ----------------------------------------------------------------------------------------------


def design_for_kit(*, user: Any, pk: int) -> ActivityDesign:
    """The design, for those who may build its programme's publications; 404 for everyone else."""
    design = ActivityDesign.objects.select_related("programme").filter(pk=pk).first()
    if design is None or not scoping.may_build(user, design.programme_id):
        raise Http404
    return design


def kit_builds(*, user: Any, design: ActivityDesign) -> QuerySet[PublicationBuild]:
    """The design's kit builds the user may see (scoping.builds_visible), newest first."""
    return scoping.builds_visible(user, design.programme_id).filter(kind=BuildKind.KIT, design=design)


def kit_title(design: ActivityDesign, language: str) -> str:
    with translation.override(language):
        return (_("Replication kit — %(title)s") % {"title": design.title})[:300]


def site_url(request: HttpRequest | None) -> str:
    """The site's address for the links printed in the kit: RELAIS_BASE_URL when set, else the request's."""
    configured = str(getattr(settings, "RELAIS_BASE_URL", "") or "").rstrip("/")
    if configured or request is None:
        return configured
    return request.build_absolute_uri("/")[:-1]


# Writes ---------------------------------------------------------------------------------------------


@transaction.atomic
def kit_request(
    *, actor: Any, design: ActivityDesign, language: str, base_url: str = "", request: HttpRequest | None = None
) -> PublicationBuild:
    """Record a kit build of `design` in `language` and run it in the background once committed."""
    if language not in LANGUAGES:
        raise ValidationError(_("The language must be English or French."))
    with translation.override(language):
        step = _("Waiting to start")
    build = PublicationBuild.objects.create(
        kind=BuildKind.KIT,
        programme_id=design.programme_id,
        design=design,
        title=kit_title(design, language),
        language=language,
        parameters={"design_id": design.pk, "base_url": base_url.rstrip("/")},
        status=BuildStatus.QUEUED,
        step=step,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        action="kit.request",
        obj=build,
        details={"design_id": design.pk, "programme_id": design.programme_id, "language": language},
        request=request,
    )
    from relais.publications.services import enqueue

    enqueue(build.pk)
    return build


# The build ------------------------------------------------------------------------------------------


def _stem(build: PublicationBuild) -> str:
    design = build.design
    slug = slugify(design.title)[:60].strip("-") if design else ""
    return f"kit-{slug or build.design_id}-{build.language}"


def build_kit(build: PublicationBuild, progress: Progress) -> None:
    """Write the kit's PDF (`build.pdf`) and ZIP (`build.archive`) and set `build.content_hash`; the
    caller (the task) saves the build and its status. Raises on failure (the task records it)."""
    from relais.design.exports.agenda_docx import agenda_docx
    from relais.design.exports.agenda_pdf import agenda_pdf
    from relais.publications.kit_archive import ArchiveWriter, readme_text, safe_name
    from relais.publications.kit_data import kit_canonical, kit_collect
    from relais.publications.kit_pdf import kit_pdf
    from relais.publications.kit_questionnaires import questionnaire_docx

    design = build.design
    if design is None:
        raise ValueError("a kit build needs a design")
    language = build.language or "en"
    base_url = str((build.parameters or {}).get("base_url") or "")
    today = timezone.localdate()
    with translation.override(language):
        progress(10, _("Reading the design"))
        kit = kit_collect(design, language=language, viewer=build.created_by, base_url=base_url)

        with tempfile.TemporaryFile() as spool:
            with zipfile.ZipFile(spool, "w", zipfile.ZIP_DEFLATED) as zf:
                writer = ArchiveWriter(zf)
                taken = writer.taken
                taken.update({"kit.pdf", "readme.txt", "agenda.pdf", "agenda.docx"})

                # Materials first: their names appear in the kit's list of materials.
                progress(20, _("Gathering the materials"))
                placed, failed, left_out = _materials(writer, kit, taken, safe_name)
                kit = _with_archive_names(kit, placed, failed)

                progress(35, _("Composing the kit's PDF"))
                pdf = kit_pdf(kit, generated_on=today)
                writer.add_bytes(
                    "kit.pdf",
                    pdf,
                    _("The replication kit: design, agenda, evaluation, materials, lessons, adaptation checklist."),
                )

                progress(55, _("Writing the agenda"))
                # The kit's own agenda: internal documents' titles are already left out of it.
                agenda = dataclasses.replace(kit.agenda, generated_on=today)
                writer.add_bytes("agenda.pdf", agenda_pdf(agenda), _("The agenda, to print."))
                writer.add_bytes("agenda.docx", agenda_docx(agenda), _("The agenda, to edit (Word)."))

                progress(70, _("Writing the questionnaires"))
                for questionnaire in kit.questionnaires:
                    name = safe_name(
                        f"{questionnaire.kind}.docx", fallback="questionnaire", taken=taken, folder="questionnaires"
                    )
                    writer.add_bytes(
                        name,
                        questionnaire_docx(questionnaire, design_title=kit.title),
                        _("%(kind)s: %(title)s — a form to print (Word).")
                        % {"kind": questionnaire.kind_label, "title": questionnaire.title},
                    )

                progress(85, _("Writing the archive"))
                # Material members go after the documents in the list; their order in the ZIP does not matter.
                ordered = [m for m in writer.members if not m.name.startswith("materials/")]
                ordered += [m for m in writer.members if m.name.startswith("materials/")]
                writer.add_bytes("README.txt", readme_text(kit, ordered, left_out).encode("utf-8"), "")
            files = [(m.name, m.sha256) for m in writer.members if m.name.startswith("materials/")]
            canonical = kit_canonical(kit) + json.dumps(sorted(files), separators=(",", ":"))
            build.content_hash = hashlib.sha256(canonical.encode("utf-8")).hexdigest()

            progress(95, _("Saving the files"))
            stem = _stem(build)
            build.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
            spool.seek(0)
            build.archive.save(f"{stem}.zip", File(spool), save=False)


def _materials(
    writer: Any, kit: Any, taken: set[str], safe_name: Any
) -> tuple[dict[int, str], dict[int, str], list[tuple[str, str]]]:
    """Put the files that may be shared into materials/; returns {index in kit.materials: name}, {index:
    reason} of the files that could not go in after all, and the (title, reason) of all that was left out."""
    from relais.publications.kit_data import internal_document_title

    doc_files = {
        f.pk: f
        for f in DocumentFile.objects.filter(
            pk__in=[m.document_file_id for m in kit.materials if m.document_file_id]
        ).select_related("document")
    }
    own = {m.pk: m for m in Material.objects.filter(pk__in=[m.material_id for m in kit.materials if m.material_id])}
    placed: dict[int, str] = {}
    done: dict[tuple[str, int], str] = {}  # the same file used by several modules goes in once
    left_out: list[tuple[str, str]] = []
    failed: dict[int, str] = {}

    def fail(index: int, title: str, reason: str) -> None:
        failed[index] = reason
        left_out.append((title, reason))

    for index, entry in enumerate(kit.materials):
        if not entry.shared:
            left_out.append((entry.title, entry.reason + (f" ({entry.url})" if entry.url else "")))
            continue
        key = ("doc", entry.document_file_id) if entry.document_file_id else ("own", entry.material_id)
        if key in done:
            placed[index] = done[key]
            continue
        if entry.document_file_id:
            doc_file = doc_files.get(entry.document_file_id)
            # Checked again here: only public documents' files leave the programme.
            if doc_file is None or not doc_file.document.is_public:
                fail(index, internal_document_title(), _("not included: internal document"))
                continue
            field, original = doc_file.file, doc_file.original_name
            description = _("%(title)s — public document of the knowledge centre.") % {"title": entry.title}
        else:
            material = own.get(entry.material_id or 0)
            if material is None or not material.file:
                fail(index, entry.title, _("not included: the file is missing"))
                continue
            field, original = material.file, entry.file_name or material.file.name
            description = _("%(title)s — material of module “%(module)s”.") % {
                "title": entry.title,
                "module": entry.module,
            }
        name = safe_name(original, fallback=entry.title or "material", taken=taken, folder="materials")
        try:
            with field.open("rb") as source:
                writer.add_stream(name, source, description)
        except OSError:
            taken.discard(name.lower())
            fail(index, entry.title, _("not included: the file could not be read"))
            continue
        placed[index] = name
        done[key] = name
    return placed, failed, left_out


def _with_archive_names(kit: Any, placed: dict[int, str], failed: dict[int, str]) -> Any:
    from relais.publications.kit_data import internal_document_title

    materials = []
    for i, m in enumerate(kit.materials):
        if i in placed:
            m = dataclasses.replace(m, archive_name=placed[i])
        elif i in failed:
            m = dataclasses.replace(m, shared=False, reason=failed[i])
            if m.source == "document" and failed[i] == _("not included: internal document"):
                m = dataclasses.replace(m, title=internal_document_title(), url="")
        materials.append(m)
    return dataclasses.replace(kit, materials=tuple(materials))
