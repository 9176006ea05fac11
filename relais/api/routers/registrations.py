"""Registrations: people in sessions, as the session's Participants page shows and changes them.

Who reads them is the page's rule: the participant list of a session is for administrators, the
programme's managers, the session country's coordinators and the session's trainers (M&E officers
see counts only: 404 here). Adding, changing a status and removing are for those who manage the
session (trainers only read). Beyond the session's capacity a registration goes to the waiting list,
and a freed seat goes to the first person waiting, exactly as on the page."""

# No `from __future__ import annotations`: ninja reads the annotations of views wrapped by @idempotent
# in the wrapper's module, where string annotations would not resolve.
import datetime as dt
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from relais.api.idempotency import OPENAPI_HEADER, idempotent
from relais.api.pagination import PageParams, page_of, paginate
from relais.api.problems import ApiProblem, field_error
from relais.api.routers.people import (
    PERSONAL,
    NewPersonIn,
    duplicates_problem,
    invalid,
    person_values,
    personal,
    refused,
)
from relais.api.schemas import changed, code_of, created, deleted, read
from relais.delivery import scoping, services_registrations
from relais.delivery.models import Registration, RegistrationStatus
from relais.delivery.selectors_registrations import (
    person_for_adding,
    possible_duplicates,
    registration_for_managing,
    registrations_listed,
)

router = Router(tags=["Registrations"])

StatusCode = Literal["invited", "registered", "waiting", "attended", "no_show", "withdrawn"]
assert set(StatusCode.__args__) == set(RegistrationStatus.values)  # type: ignore[attr-defined]
STATUSES = "invited, registered, waiting (the waiting list), attended, no_show or withdrawn"


class RegistrationOut(Schema):
    id: int
    session_id: int
    person_id: int
    first_name: str | None = Field(description=PERSONAL)
    last_name: str | None = Field(description=PERSONAL)
    status: str = Field(description=STATUSES)
    country: str | None = Field(description="Country code of the person when registered")
    profession: str | None = Field(description="Profession code of the person when registered")
    organisation_id: int | None = Field(description="The person's organisation when registered")
    organisation_name: str = Field(description="The organisation's name when registered")
    position: str = Field(description="The person's position when registered")
    source: str = Field(description="manual (a page or the API) or import (a participant list)")
    registered_at: dt.datetime
    updated_at: dt.datetime


class RegistrationQuery(PageParams):
    session_id: int | None = Field(None, ge=1)
    person_id: int | None = Field(None, ge=1)
    status: StatusCode | None = Field(None, description=STATUSES)


class RegistrationIn(Schema):
    person_id: int | None = Field(None, ge=1, description="A person you may see (GET /people); or send person")
    person: NewPersonIn | None = Field(
        None,
        description="A person not recorded yet, recorded and registered at once; country defaults to the session's",
    )
    status: StatusCode = Field(
        "registered", description="Registered, attended or no_show beyond the capacity become waiting"
    )
    allow_duplicate: bool = Field(
        False, description="With person: record them even though people already recorded look like them"
    )


class RegistrationPatch(Schema):
    status: StatusCode = Field(
        description="registered (or attended, no_show) in a full session puts the person on the waiting list"
    )


def registration_out(r: Registration, personal: bool) -> RegistrationOut:
    return RegistrationOut(
        id=r.pk,
        session_id=r.session_id,
        person_id=r.person_id,
        first_name=r.person.first_name if personal else None,
        last_name=r.person.last_name if personal else None,
        status=r.status,
        country=code_of(r.country),
        profession=code_of(r.profession),
        organisation_id=r.organisation_id,
        organisation_name=r.organisation_name,
        position=r.position,
        source=r.source,
        registered_at=r.registered_at,
        updated_at=r.updated_at,
    )


def _listed(request: HttpRequest) -> Any:
    return registrations_listed(user=request.user).select_related("person", "country", "profession")


def _out(request: HttpRequest, pk: int) -> RegistrationOut:
    try:
        registration = _listed(request).get(pk=pk)
    except Registration.DoesNotExist:
        raise Http404 from None
    return registration_out(registration, personal(request))


def _for_managing(request: HttpRequest, registration_id: int) -> Registration:
    session_id = Registration.objects.filter(pk=registration_id).values_list("session_id", flat=True).first()
    if session_id is None:
        raise Http404
    return registration_for_managing(user=request.user, pk=session_id, registration_pk=registration_id)


def _conflict(exc: ValidationError, title: str, field: str = "") -> ApiProblem:
    detail = " ".join(exc.messages)
    errors = [field_error(field, detail)] if field else []
    return ApiProblem(409, "conflict", title, detail, errors=errors)


@router.get("/registrations", response=read(page_of(RegistrationOut)), summary="List registrations")
def registration_list(request: HttpRequest, filters: Query[RegistrationQuery]) -> dict[str, Any]:
    """The registrations of the sessions whose participant list the token's owner may read."""
    qs = _listed(request)
    if filters.session_id:
        qs = qs.filter(session_id=filters.session_id)
    if filters.person_id:
        qs = qs.filter(person_id=filters.person_id)
    if filters.status:
        qs = qs.filter(status=filters.status)
    names = personal(request)
    return paginate(qs, filters, lambda rows: [registration_out(r, names) for r in rows])


@router.post(
    "/sessions/{session_id}/registrations",
    response=created(RegistrationOut),
    openapi_extra=OPENAPI_HEADER,
    summary="Register a person in a session",
)
@idempotent
def registration_create(request: HttpRequest, session_id: int, payload: RegistrationIn) -> Status[RegistrationOut]:
    """Register a person already recorded (`person_id`) or a new one (`person`): exactly one of the two.
    In a full session the registration goes to the waiting list (its status says `waiting`). A new
    person who looks like people already recorded (same e-mail address, or a similar name in the same
    country or organisation) is refused with 409, their ids in `errors[].person_id` (field `person`):
    register one of them with `person_id`, or send `allow_duplicate: true`."""
    session = scoping.session_for_managing(user=request.user, pk=session_id)
    if (payload.person_id is None) == (payload.person is None):
        message = _("Send either person_id or person, not both.") if payload.person else _("Send person_id or person.")
        raise invalid([field_error("person_id", message), field_error("person", message)])
    if payload.person is not None:
        return Status(201, _out(request, _register_new(request, session, payload).pk))
    try:
        person = person_for_adding(user=request.user, pk=payload.person_id)
    except Http404:
        raise invalid([field_error("person_id", _("There is no person with this id that you may see."))]) from None
    try:
        registration = services_registrations.registration_add(
            actor=request.user, session=session, person=person, status=payload.status, request=request
        )
    except ValidationError as exc:  # already registered
        raise _conflict(exc, _("The person is already registered"), "person_id") from None
    return Status(201, _out(request, registration.pk))


def _register_new(request: HttpRequest, session: Any, payload: RegistrationIn) -> Registration:
    assert payload.person is not None
    given = payload.person.model_dump()
    if not given.get("country"):
        given["country"] = session.country.code
    values = person_values(given, prefix="person.")
    organisation = values["organisation"]
    if organisation is not None and organisation.country_id not in (None, session.country_id):
        message = _("Choose an organisation of the session's country, or an international one.")
        raise invalid([field_error("person.organisation_id", message)])
    if not payload.allow_duplicate:
        matches = possible_duplicates(user=request.user, **values)
        if matches:
            raise duplicates_problem(matches, "person")
    try:
        return services_registrations.registration_add_new_person(
            actor=request.user, session=session, status=payload.status, request=request, **values
        )
    except ValidationError as exc:
        raise refused(exc, "person.") from None


@router.get("/registrations/{registration_id}", response=read(RegistrationOut), summary="Read a registration")
def registration_read(request: HttpRequest, registration_id: int) -> RegistrationOut:
    return _out(request, registration_id)


@router.patch(
    "/registrations/{registration_id}", response=changed(RegistrationOut), summary="Change a registration's status"
)
def registration_update(request: HttpRequest, registration_id: int, payload: RegistrationPatch) -> RegistrationOut:
    """Change the status. Asking for a seat in a full session puts the person on the waiting list (the
    answer's status says `waiting`); a freed seat goes to the first person waiting."""
    registration = _for_managing(request, registration_id)
    services_registrations.registration_set_status(
        actor=request.user, registration=registration, status=payload.status, request=request
    )
    return _out(request, registration_id)


@router.delete("/registrations/{registration_id}", response=deleted(), summary="Remove a registration")
def registration_delete(request: HttpRequest, registration_id: int) -> Status[None]:
    """Remove a registration made by mistake. One with attendance or a certificate is kept (409): set
    its status to withdrawn instead. A freed seat goes to the first person waiting."""
    registration = _for_managing(request, registration_id)
    try:
        services_registrations.registration_remove(actor=request.user, registration=registration, request=request)
    except ValidationError as exc:
        raise _conflict(exc, _("The registration is kept")) from None
    return Status(204, None)
