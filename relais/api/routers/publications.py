"""Publications: builds of a programme's results report and of a design's replication kit.

Who sees what is the publications pages' rule (relais.publications.scoping): the programme's staff
see all its builds, viewers the ones published to the programme or the public; anyone with a token
reads a build published to the public. Administrators, the programme's managers and M&E officers
ask for builds. A build runs in the background: read it again until `status` is "done" (or
"failed"), then download its `formats`."""

# No `from __future__ import annotations` here: ninja resolves the annotations of an @idempotent view
# in the decorator's module, where "ReportIn" would be unknown.
import datetime as dt
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.responses import Status
from pydantic import field_validator

from relais.api.idempotency import OPENAPI_HEADER, idempotent
from relais.api.pagination import PageParams, page_of, paginate
from relais.api.problems import django_errors, field_error
from relais.api.problems import invalid as _invalid
from relais.api.routers import publications_files
from relais.api.routers.publications_files import HTML_TYPE, html_filename
from relais.api.schemas import created, read
from relais.delivery.models import Session
from relais.programmes.models import ProgrammeRole
from relais.publications import kits
from relais.publications.content import SECTIONS
from relais.publications.forms import DELIVERED
from relais.publications.models import BuildStatus, PublicationBuild, Visibility
from relais.publications.scoping import build_get, is_admin, programme_for_building
from relais.publications.services import SUMMARY_MAX, TITLE_MAX, build_request
from relais.publications.views_builds import FORMATS

router = Router(tags=["Publications"])

MAX_SESSIONS = 500
MAX_ID = 2_147_483_647
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
SectionCode = Literal[
    "summary", "programme", "reach", "learning", "change", "network", "lessons", "replication", "annex"
]
assert set(SectionCode.__args__) == set(SECTIONS)  # type: ignore[attr-defined]  # the report's sections


# Schemas --------------------------------------------------------------------------------------------


class RequesterOut(Schema):
    id: int
    name: str


class FormatOut(Schema):
    format: str = Field(description="pdf, docx, html (the preview) or zip (a kit's archive)")
    content_type: str
    filename: str
    download_path: str = Field(description="GET it (with the token) for the file")


class ParametersOut(Schema):
    sections: list[str] = Field(description="Section codes of a report, in the report's order")
    session_ids: list[Id] | None = Field(description="The sessions a report covers; null for the whole programme")
    summary: str = Field(description="The executive summary written for a report")


class PublicationOut(Schema):
    id: int
    kind: str = Field(description="report or kit")
    programme_id: int
    design_id: int | None = Field(description="The design of a replication kit")
    title: str
    language: str
    status: str = Field(description="queued, running, done or failed")
    progress: int = Field(description="Percent done (0-100)")
    step: str = Field(description="What the build is doing, in the publication's language")
    error: str = Field(description="Why a failed build stopped")
    content_hash: str = Field(description="Same data and parameters give the same hash")
    visibility: str = Field(description="team, programme or public")
    parameters: ParametersOut
    formats: list[FormatOut] = Field(description="The files ready to download (none until done)")
    requested_by: RequesterOut | None = Field(description="Shown to the programme's staff, as on the build's page")
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    published_at: dt.datetime | None


class PublicationFilters(PageParams):
    programme_id: int | None = Field(None, ge=1, le=MAX_ID)
    design_id: int | None = Field(None, ge=1, le=MAX_ID, description="Kits of this design")
    kind: Literal["report", "kit"] | None = None
    status: Literal["queued", "running", "done", "failed"] | None = None
    visibility: Literal["team", "programme", "public"] | None = None


class ReportIn(Schema):
    language: Literal["en", "fr"] = Field(description="The report's language")
    title: str = Field("", max_length=TITLE_MAX, description="Empty: “Results report — ” and the programme's title")
    sections: list[SectionCode] | None = Field(
        None, max_length=len(SECTIONS) * 4, description="Section codes; omitted: every section"
    )
    session_ids: list[Id] | None = Field(
        None,
        max_length=MAX_SESSIONS,
        description="Delivered (or closed) sessions of the programme; omitted or empty: the whole programme",
    )
    summary: str = Field("", max_length=SUMMARY_MAX, description="The executive summary (plain text)")

    @field_validator("sections")
    @classmethod
    def _some_sections(cls, value: list[str] | None) -> list[str] | None:
        if value is not None and not value:
            raise ValueError(_("Choose at least one section."))
        return value


class KitIn(Schema):
    language: Literal["en", "fr"] = Field(description="The kit's language")


# Reading --------------------------------------------------------------------------------------------


def _builds() -> QuerySet[PublicationBuild]:
    has_html = ExpressionWrapper(~Q(html=""), output_field=BooleanField())
    return PublicationBuild.objects.select_related("programme", "created_by").defer("html").annotate(has_html=has_html)


def _staff_programmes(user: Any) -> tuple[bool, set[int], set[int]]:
    """(administrator, programmes where the user is staff, programmes where the user only views)."""
    if is_admin(user):
        return True, set(), set()
    roles: dict[int, set[str]] = {}
    for programme_id, role in ProgrammeRole.objects.filter(user=user).values_list("programme_id", "role"):
        roles.setdefault(programme_id, set()).add(role)
    staff = {pk for pk, held in roles.items() if held - {"viewer"}}
    return False, staff, set(roles) - staff


def _download_path(build: PublicationBuild, fmt: str) -> str:
    return reverse("api_v1:publication_download", kwargs={"publication_id": build.pk, "format": fmt})


def _formats(build: PublicationBuild) -> list[FormatOut]:
    if build.status != BuildStatus.DONE:
        return []
    out = []
    for fmt, (attr, content_type, _label) in FORMATS.items():
        file = getattr(build, attr)
        if file and file.name:
            out.append(
                FormatOut(
                    format=fmt,
                    content_type=content_type,
                    filename=file.name.rsplit("/", 1)[-1],
                    download_path=_download_path(build, fmt),
                )
            )
    if getattr(build, "has_html", False):
        out.append(
            FormatOut(
                format="html",
                content_type=HTML_TYPE,
                filename=html_filename(build),
                download_path=_download_path(build, "html"),
            )
        )
    return out


def publication_out(build: PublicationBuild, *, staff: bool) -> PublicationOut:
    params = build.parameters or {}
    requester = build.created_by
    return PublicationOut(
        id=build.pk,
        kind=build.kind,
        programme_id=build.programme_id,
        design_id=build.design_id,
        title=build.title,
        language=build.language,
        status=build.status,
        progress=build.progress,
        step=build.step,
        error=build.error,
        content_hash=build.content_hash,
        visibility=build.visibility,
        parameters=ParametersOut(
            sections=list(params.get("sections") or []),
            session_ids=params.get("session_ids") or None,
            summary=params.get("summary") or "",
        ),
        formats=_formats(build),
        requested_by=RequesterOut(id=requester.pk, name=requester.full_name or requester.email)
        if staff and requester is not None
        else None,
        created_at=build.created_at,
        started_at=build.started_at,
        finished_at=build.finished_at,
        published_at=build.published_at,
    )


def _one(request: HttpRequest, pk: int) -> PublicationOut:
    build_get(user=request.user, pk=pk)  # 404 for what the user may not see
    admin, staff, _viewing = _staff_programmes(request.user)
    build = _builds().get(pk=pk)
    return publication_out(build, staff=admin or build.programme_id in staff)


@router.get("/publications", response=read(page_of(PublicationOut)), summary="List publication builds")
def publication_list(request: HttpRequest, filters: Query[PublicationFilters]) -> dict[str, Any]:
    """The builds of the programmes the token's owner holds a role in, as on the Publications page:
    all of them for the programme's staff, those published to the programme or the public for viewers."""
    admin, staff, viewing = _staff_programmes(request.user)
    qs = _builds()
    if not admin:
        qs = qs.filter(
            Q(programme_id__in=staff)
            | Q(programme_id__in=viewing, visibility__in=[Visibility.PROGRAMME, Visibility.PUBLIC])
        )
    for name in ("programme_id", "design_id", "kind", "status", "visibility"):
        value = getattr(filters, name)
        if value is not None:
            qs = qs.filter(**{name: value})
    return paginate(
        qs, filters, lambda rows: [publication_out(b, staff=admin or b.programme_id in staff) for b in rows]
    )


@router.get("/publications/{publication_id}", response=read(PublicationOut), summary="Read a publication build")
def publication_read(request: HttpRequest, publication_id: int) -> PublicationOut:
    """The build's status and progress while it runs; once done, its content hash and the formats
    ready to download."""
    return _one(request, publication_id)


# Asking for builds ----------------------------------------------------------------------------------


def _check_sessions(programme_id: int, session_ids: list[int]) -> None:
    """As the builder form: only delivered (or closed) sessions of the programme."""
    found = dict(Session.objects.filter(programme_id=programme_id, pk__in=set(session_ids)).values_list("pk", "status"))
    errors = []
    for index, pk in enumerate(session_ids):
        if pk not in found:
            errors.append(field_error(f"session_ids.{index}", _("This is not a session of the programme.")))
        elif found[pk] not in DELIVERED:
            errors.append(
                field_error(f"session_ids.{index}", _("Only delivered sessions can be reported on; this one is not."))
            )
    if errors:
        raise _invalid(errors)


@router.post(
    "/programmes/{programme_id}/publications",
    response=created(PublicationOut),
    openapi_extra=OPENAPI_HEADER,
    summary="Ask for a results report",
)
@idempotent
def publication_request(request: HttpRequest, programme_id: int, payload: ReportIn) -> Status[PublicationOut]:
    """Queue a build of the programme's results report (HTML preview, PDF and Word). The answer is the
    queued build: read it again until its status is "done" or "failed"."""
    programme = programme_for_building(user=request.user, pk=programme_id)
    session_ids = payload.session_ids or []
    _check_sessions(programme.pk, session_ids)
    try:
        build = build_request(
            actor=request.user,
            programme=programme,
            language=payload.language,
            sections=payload.sections or list(SECTIONS),
            session_ids=session_ids or None,
            summary=payload.summary,
            title=payload.title,
            request=request,
        )
    except ValidationError as error:
        errors, general = django_errors(error)
        raise _invalid(errors, general) from None
    return Status(201, _one(request, build.pk))


@router.post(
    "/designs/{design_id}/kits",
    response=created(PublicationOut),
    openapi_extra=OPENAPI_HEADER,
    summary="Ask for a replication kit",
)
@idempotent
def design_kit_request(request: HttpRequest, design_id: int, payload: KitIn) -> Status[PublicationOut]:
    """Queue a build of the design's replication kit (a PDF and a ZIP of everything needed to run the
    activity again). The answer is the queued build, a publication of kind "kit"."""
    design = kits.design_for_kit(user=request.user, pk=design_id)
    try:
        build = kits.kit_request(
            actor=request.user,
            design=design,
            language=payload.language,
            base_url=kits.site_url(request),
            request=request,
        )
    except ValidationError as error:
        errors, general = django_errors(error)
        raise _invalid(errors, general) from None
    return Status(201, _one(request, build.pk))


router.add_router("", publications_files.router)
