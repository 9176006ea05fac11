"""Sessions: the ones the token's owner may see (as on the Sessions pages); made from a design, changed,
cancelled through the same services as the pages, with the same checks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.responses import Status

from relais.accounts.models import User
from relais.api.idempotency import OPENAPI_HEADER, idempotent
from relais.api.pagination import page_of, paginate
from relais.api.problems import ApiProblem, django_errors, field_error
from relais.api.problems import invalid as _problem
from relais.api.routers.sessions_schemas import (
    CancelIn,
    SessionFiltersIn,
    SessionIn,
    SessionOut,
    SessionPatch,
    registration_counts,
    session_out,
    sessions_out,
    with_output_relations,
)
from relais.api.schemas import changed, created, read
from relais.core.models import Country, Language, Theme
from relais.delivery import services_sessions as services
from relais.delivery.models import Session, SessionStatus
from relais.delivery.scoping import session_for_managing, session_get
from relais.delivery.selectors_sessions import (
    SessionFilters,
    design_seats,
    designs_for_sessions,
    session_list,
    trainers_of,
)

router = Router(tags=["Sessions"])

# The services' field names that the API spells otherwise.
API_FIELDS = {"trainers": "trainer_ids", "design": "design_id"}


def _refused(exc: ValidationError) -> ApiProblem:
    """A service's ValidationError, its fields named as in the API."""
    errors, general = django_errors(exc)
    for error in errors:
        name = API_FIELDS.get(error["field"])
        if name:
            error.update(field_error(name, error["detail"]))
    return _problem(errors, general)


def _country(code: str, errors: list[dict[str, Any]], location: str = "body") -> Country | None:
    country = Country.objects.filter(code=code.strip().upper()).first()
    if country is None:
        errors.append(field_error("country", _("Unknown country code: see /vocabularies."), location))
    return country


def _languages(codes: Sequence[str], errors: list[dict[str, Any]]) -> list[Language]:
    found = {lang.code: lang for lang in Language.objects.filter(is_active=True, code__in=list(codes))}
    for i, code in enumerate(codes):
        if code not in found:
            errors.append(field_error(f"languages.{i}", _("Unknown language code: see /vocabularies.")))
    return list({code: found[code] for code in codes if code in found}.values())


def _trainers(ids: Sequence[int], allowed: QuerySet[Any], errors: list[dict[str, Any]]) -> list[Any]:
    """The trainers among the users that the session form offers (unknown ids are refused the same way)."""
    found = {u.pk: u for u in allowed.filter(pk__in=list(ids))}
    for i, pk in enumerate(ids):
        if pk not in found:
            errors.append(field_error(f"trainer_ids.{i}", _("Trainers must hold the trainer role in the programme.")))
    return list({pk: found[pk] for pk in ids if pk in found}.values())


def _warnings(session: Session) -> list[str]:
    warnings = []
    if not session.design.check_passed:
        warnings.append(_("The design of this session does not pass its check: see the rules that fail."))
    dates = services.dates_warning(design=session.design, start_date=session.start_date, end_date=session.end_date)
    if dates:
        warnings.append(dates)
    return warnings


def _one(pk: int) -> SessionOut:
    session = with_output_relations(Session.objects.filter(pk=pk)).get()
    return session_out(session, registration_counts([pk]).get(pk, {}), _warnings(session))


@router.get("/sessions", response=read(page_of(SessionOut)), summary="List sessions")
def session_list_api(request: HttpRequest, filters: Query[SessionFiltersIn]) -> dict[str, Any]:
    """The sessions the token's owner may see, with the Sessions page's filters. A period keeps the
    sessions that overlap it, even partly."""
    errors: list[dict[str, Any]] = []
    country = _country(filters.country, errors, "query") if filters.country else None
    theme = None
    if filters.theme:
        theme = Theme.objects.filter(is_active=True, code=filters.theme).first()
        if theme is None:
            errors.append(field_error("theme", _("Unknown theme code: see /vocabularies."), "query"))
    if filters.date_from and filters.date_to and filters.date_to < filters.date_from:
        errors.append(field_error("date_to", _("The end of the period cannot come before its start."), "query"))
    if errors:
        raise _problem(errors)
    selection = SessionFilters(
        programme=filters.programme_id,
        country=country.pk if country else None,
        theme=theme.pk if theme else None,
        status=filters.status or "",
        date_from=filters.date_from,
        date_to=filters.date_to,
        query=filters.q.strip(),
    )
    qs = session_list(user=request.user, filters=selection)
    if filters.design_id:
        qs = qs.filter(design_id=filters.design_id)
    return paginate(with_output_relations(qs), filters, sessions_out)


@router.post(
    "/sessions",
    response=created(SessionOut),
    openapi_extra=OPENAPI_HEADER,
    summary="Create a session",
)
@idempotent
def session_create(request: HttpRequest, payload: SessionIn) -> Status[SessionOut]:
    """A session of a design, in a country where the token's owner may hold the design programme's
    sessions (a country coordinator: their countries). Left out, the capacity and languages are the
    design's, as the new session page proposes them. The design's check may fail: the session is still
    made, with a warning."""
    designs = designs_for_sessions(user=request.user)
    if not designs.exists():
        raise Http404  # as the new session page: for those who may make sessions only
    errors: list[dict[str, Any]] = []
    design = designs.filter(pk=payload.design_id).first()
    if design is None:
        errors.append(field_error("design_id", _("Choose a design you may make sessions from.")))
    country = _country(payload.country, errors)
    sent = payload.model_fields_set
    languages = _languages(payload.languages, errors) if "languages" in sent else None
    trainers = _trainers(payload.trainer_ids, trainers_of(programme=design.programme), errors) if design else []
    if errors or design is None or country is None:
        raise _problem(errors)
    if languages is None:
        languages = [*design.working_languages.all(), *design.interpretation_languages.all()]
    try:
        session = services.session_create(
            actor=request.user,
            design=design,
            country=country,
            city=payload.city,
            start_date=payload.start_date,
            end_date=payload.end_date,
            venue=payload.venue,
            capacity=payload.capacity if "capacity" in sent else design_seats(design=design),
            languages=languages,
            trainers=trainers,
            status=payload.status,
            title=payload.title,
            notes=payload.notes,
            request=request,
        )
    except ValidationError as exc:
        raise _refused(exc) from None
    except PermissionError:
        raise Http404 from None
    return Status(201, _one(session.pk))


@router.get("/sessions/{session_id}", response=read(SessionOut), summary="Read a session")
def session_read(request: HttpRequest, session_id: int) -> SessionOut:
    session = session_get(user=request.user, pk=session_id)  # 404 for what the owner may not see
    return _one(session.pk)


def _current_or(sent: Iterable[str], name: str, value: Any, current: Any) -> Any:
    return value if name in sent else current


@router.patch("/sessions/{session_id}", response=changed(SessionOut), summary="Change a session")
def session_update(request: HttpRequest, session_id: int, payload: SessionPatch) -> SessionOut:
    """Changes the fields sent; the others stay. For those who manage the session (administrators, the
    programme's managers, the coordinators of its country). A cancelled session is reopened by giving it
    a status."""
    session = session_for_managing(user=request.user, pk=session_id)
    sent = payload.model_fields_set
    errors: list[dict[str, Any]] = []
    if session.status == SessionStatus.CANCELLED and "status" not in sent:
        errors.append(field_error("status", _("This session is cancelled: give it a status to reopen it.")))
    country = _country(payload.country or "", errors) if "country" in sent else session.country
    languages = _languages(payload.languages or [], errors) if "languages" in sent else list(session.languages.all())
    if "trainer_ids" in sent:
        # A session keeps its trainers even if they have left the programme since, as on the edit page.
        allowed = User.objects.filter(
            Q(pk__in=trainers_of(programme=session.programme).values("pk")) | Q(pk__in=session.trainers.values("pk"))
        )
        trainers = _trainers(payload.trainer_ids or [], allowed, errors)
    else:
        trainers = list(session.trainers.all())
    if errors or country is None:
        raise _problem(errors)
    try:
        services.session_update(
            actor=request.user,
            session=session,
            country=country,
            city=_current_or(sent, "city", payload.city, session.city),
            start_date=_current_or(sent, "start_date", payload.start_date, session.start_date),
            end_date=_current_or(sent, "end_date", payload.end_date, session.end_date),
            status=_current_or(sent, "status", payload.status, session.status),
            venue=_current_or(sent, "venue", payload.venue, session.venue),
            capacity=_current_or(sent, "capacity", payload.capacity, session.capacity),
            languages=languages,
            trainers=trainers,
            title=_current_or(sent, "title", payload.title, session.title),
            notes=_current_or(sent, "notes", payload.notes, session.notes),
            request=request,
        )
    except ValidationError as exc:
        raise _refused(exc) from None
    except PermissionError:
        raise Http404 from None
    return _one(session.pk)


@router.post("/sessions/{session_id}/cancel", response=changed(SessionOut), summary="Cancel a session")
def session_cancel(request: HttpRequest, session_id: int, payload: CancelIn) -> SessionOut:
    """Cancels the session, saying why. It stays listed, marked cancelled; its registrations are kept.
    A session already cancelled gives 409."""
    session = session_for_managing(user=request.user, pk=session_id)
    if session.status == SessionStatus.CANCELLED:
        raise ApiProblem(409, "conflict", _("This session is already cancelled."))
    try:
        services.session_cancel(actor=request.user, session=session, reason=payload.reason, request=request)
    except ValidationError as exc:
        raise _refused(exc) from None
    except PermissionError:
        raise Http404 from None
    return _one(session.pk)
