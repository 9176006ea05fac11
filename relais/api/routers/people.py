"""People: the professionals trained, as the People pages show them.

Who sees whom is the pages' rule (relais.delivery.scoping): administrators everyone; programme
managers the people of their programmes' countries or sessions; coordinators the people of their
countries or sessions; trainers the people registered in the sessions they train (read only). M&E
officers and viewers see no personal data: 404. Reading one person is logged (person.viewed, page
"api"), as the person page does. Recording someone who looks like a person already recorded is
refused (409) unless the request says `allow_duplicate: true`."""

# No `from __future__ import annotations`: ninja reads the annotations of views wrapped by @idempotent
# in the wrapper's module, where string annotations would not resolve.
import datetime as dt
import re
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Prefetch
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.responses import Status
from pydantic import field_validator

from relais.api.idempotency import OPENAPI_HEADER, idempotent
from relais.api.pagination import PageParams, page_of, paginate
from relais.api.problems import ApiProblem, field_error, invalid
from relais.api.schemas import changed, code_of, created, read
from relais.core.models import Country, Language, Profession
from relais.delivery import scoping
from relais.delivery import selectors_people as sel
from relais.delivery import services_people as services
from relais.delivery.duplicates import find_matches
from relais.delivery.models import Gender, Person
from relais.delivery.selectors_registrations import possible_duplicates
from relais.programmes.models import Organisation

router = Router(tags=["People"])

GenderCode = Literal["female", "male", "other", "undisclosed"]
assert set(GenderCode.__args__) == set(Gender.values)  # type: ignore[attr-defined]

MAX_LANGUAGES = 50
PERSONAL = "Personal data: null for roles that may not see personal data (M&E officers, viewers)."
_PHONE = re.compile(r"^\+?[0-9 ()./\-]+$")  # as the person form (relais.delivery.forms_people)
# The service's field names that are not the API's.
SERVICE_FIELDS = {"organisation": "organisation_id"}
# A change of these looks for duplicates again, as the person form does.
WATCHED = ("first_name", "last_name", "email", "country", "organisation")


# Schemas --------------------------------------------------------------------------------------------


def _name(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    if not any(ch.isalpha() for ch in value):
        raise ValueError(_("Enter a name with at least one letter."))
    return value


def _email(value: str | None) -> str | None:
    value = (value or "").strip()
    if value:
        try:
            validate_email(value)
        except ValidationError:
            raise ValueError(_("Enter a valid e-mail address.")) from None
    return value


def _phone(value: str | None) -> str | None:
    phone = " ".join((value or "").split())
    if phone and (not _PHONE.match(phone) or sum(ch.isdigit() for ch in phone) < 6):
        raise ValueError(
            _("This is not a telephone number: use digits, spaces and + ( ) - only, with the country code.")
        )
    return phone


class NewPersonIn(Schema):
    first_name: str = Field(min_length=1, max_length=150, description="As the person writes it, with its accents")
    last_name: str = Field(min_length=1, max_length=150)
    gender: GenderCode = Field("undisclosed", description="female, male, other or undisclosed")
    country: str | None = Field(
        None, max_length=2, description="Country code (see /vocabularies); required except for administrators"
    )
    organisation_id: int | None = Field(
        None, ge=1, description="An organisation of the person's country, or an international one"
    )
    profession: str | None = Field(None, max_length=40, description="Profession code (see /vocabularies)")
    position: str | None = Field("", max_length=200)
    email: str | None = Field("", max_length=254, description="A work address; imports recognise people by it")
    phone: str | None = Field("", max_length=40, description="With the country code: +355 4 222 3333")
    languages: list[str] = Field([], max_length=MAX_LANGUAGES, description="Language codes (see /vocabularies)")

    check_names = field_validator("first_name", "last_name")(_name)
    check_email = field_validator("email")(_email)
    check_phone = field_validator("phone")(_phone)


class PersonIn(NewPersonIn):
    allow_duplicate: bool = Field(
        False,
        description="Record the person even though people already recorded look like them (409 otherwise)",
    )


class PersonPatch(Schema):
    """The fields to change; the others stay. null empties a field (the names cannot be emptied; a null
    gender keeps the current one)."""

    first_name: str | None = Field(None, min_length=1, max_length=150)
    last_name: str | None = Field(None, min_length=1, max_length=150)
    gender: GenderCode | None = None
    country: str | None = Field(None, max_length=2, description="Country code; required except for administrators")
    organisation_id: int | None = Field(None, ge=1)
    profession: str | None = Field(None, max_length=40)
    position: str | None = Field(None, max_length=200)
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=40)
    languages: list[str] | None = Field(None, max_length=MAX_LANGUAGES, description="Replaces the languages")
    allow_duplicate: bool = Field(False, description="Save even though the new name or e-mail looks like another's")

    check_names = field_validator("first_name", "last_name")(_name)
    check_email = field_validator("email")(_email)
    check_phone = field_validator("phone")(_phone)


class PersonSummaryOut(Schema):
    """A person as the People list shows them: telephone, gender and languages are on the person
    (GET /people/{id}, whose reading is recorded in the audit log), not in lists."""

    id: int
    first_name: str
    last_name: str
    country: str | None = Field(description="Country code")
    organisation_id: int | None
    organisation_name: str | None
    profession: str | None = Field(description="Profession code")
    position: str
    email: str | None = Field(description=PERSONAL)
    created_at: dt.datetime
    updated_at: dt.datetime


class PersonOut(PersonSummaryOut):
    """One person: the list's fields, and gender, telephone and languages (reading it is audited)."""

    gender: str = Field(description="female, male, other or undisclosed")
    phone: str | None = Field(description=PERSONAL)
    languages: list[str] = Field(description="Language codes")


class PeopleQuery(PageParams):
    q: str = Field(
        "",
        max_length=100,
        description="Name or e-mail address, as on the People page: case, accents and alphabet do not matter",
    )
    country: str | None = Field(None, max_length=2, description="Country code")
    profession: str | None = Field(None, max_length=40, description="Profession code")
    organisation_id: int | None = Field(None, ge=1)


# Input and output -----------------------------------------------------------------------------------


def refused(exc: ValidationError, prefix: str = "") -> ApiProblem:
    """A service's ValidationError, with the API's field names."""
    messages = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
    errors, general = [], []
    for key, texts in messages.items():
        for text in texts:
            if key in ("", "__all__"):
                general.append(text)
            else:
                errors.append(field_error(prefix + SERVICE_FIELDS.get(key, key), text))
    return invalid(errors, " ".join(general))


def _by_code(
    model: Any, code: str | None, current: Any, field: str, errors: list[dict[str, Any]], location: str = "body"
) -> Any:
    if not code:
        return None
    if current is not None and current.code == code:
        return current
    found = model.objects.filter(code=code, is_active=True).first()
    if found is None:
        errors.append(field_error(field, _("Unknown code: see GET /vocabularies."), location))
    return found


def person_values(given: dict[str, Any], prefix: str = "", current: Person | None = None) -> dict[str, Any]:
    """The service's arguments from the request's fields (codes and ids resolved); 422 for unknown ones.
    `given` holds the fields sent; the others keep the current person's values (or their defaults)."""
    errors: list[dict[str, Any]] = []
    values: dict[str, Any] = {}
    for name in ("first_name", "last_name"):
        if name in given and given[name] is None:
            errors.append(field_error(prefix + name, _("This field is required.")))
        values[name] = given[name] if given.get(name) is not None else getattr(current, name, "")
    values["gender"] = given.get("gender") or getattr(current, "gender", Gender.UNDISCLOSED)
    for name in ("position", "email", "phone"):
        values[name] = (given[name] or "") if name in given else getattr(current, name, "")
    for name, model in (("country", Country), ("profession", Profession)):
        now = getattr(current, name) if current is not None else None
        values[name] = _by_code(model, given[name], now, prefix + name, errors) if name in given else now
    if "organisation_id" in given:
        values["organisation"] = None
        if given["organisation_id"] is not None:
            values["organisation"] = Organisation.objects.filter(pk=given["organisation_id"]).first()
            if values["organisation"] is None:
                errors.append(field_error(prefix + "organisation_id", _("There is no organisation with this id.")))
    else:
        values["organisation"] = current.organisation if current is not None else None
    if given.get("languages") is not None:
        codes = list(dict.fromkeys(given["languages"]))
        found = {lang.code: lang for lang in Language.objects.filter(code__in=codes, is_active=True)}
        for i, code in enumerate(given["languages"]):
            if code not in found:
                errors.append(field_error(f"{prefix}languages.{i}", _("Unknown code: see GET /vocabularies.")))
        values["languages"] = [found[c] for c in codes if c in found]
    if errors:
        raise invalid(errors)
    return values


def duplicates_problem(matches: list[tuple[Person, Any]], field: str) -> ApiProblem:
    """409: people already recorded may be this person; each error names one (its `person_id` too)."""
    errors = []
    for person, match in matches:
        reasons = ", ".join(str(label) for label in match.labels)
        text = _("Person %(id)s may be this person: %(reasons)s.") % {"id": person.pk, "reasons": reasons}
        errors.append({**field_error(field, text), "person_id": person.pk})
    return ApiProblem(
        409,
        "conflict",
        _("This person may already be recorded"),
        _(
            "People you may see look like this person (listed in errors, with their ids). Use one of them, or "
            "send the request again with allow_duplicate: true if this is another person."
        ),
        errors=errors,
    )


def _people() -> Any:
    return Person.objects.select_related("country", "organisation", "profession").prefetch_related(
        Prefetch("languages", queryset=Language.objects.order_by("code"))
    )


def person_out(p: Person, personal: bool) -> PersonOut:
    return PersonOut(
        **person_summary_out(p, personal).model_dump(),
        gender=p.gender,
        phone=p.phone if personal else None,
        languages=[lang.code for lang in p.languages.all()],
    )


def person_summary_out(p: Person, personal: bool) -> PersonSummaryOut:
    return PersonSummaryOut(
        id=p.pk,
        first_name=p.first_name,
        last_name=p.last_name,
        country=code_of(p.country),
        organisation_id=p.organisation_id,
        organisation_name=p.organisation.name if p.organisation is not None else None,
        profession=code_of(p.profession),
        position=p.position,
        email=p.email if personal else None,
        created_at=p.created_at,
        updated_at=p.updated_at,
    )


def personal(request: HttpRequest) -> bool:
    """Whether the token's owner sees contacts (every role that reaches people today; kept as a guard)."""
    return scoping.may_see_personal_data(user=request.user)


def _out(request: HttpRequest, pk: int) -> PersonOut:
    return person_out(_people().get(pk=pk), personal(request))


def _reader(request: HttpRequest) -> None:
    if not sel.may_read_people(user=request.user):
        raise Http404


# Endpoints ------------------------------------------------------------------------------------------


@router.get("/people", response=read(page_of(PersonSummaryOut)), summary="List people")
def person_list(request: HttpRequest, filters: Query[PeopleQuery]) -> dict[str, Any]:
    """The people the token's owner may see, filtered as on the People page (q searches the names
    whatever their case, accents or alphabet, or the e-mail address)."""
    _reader(request)
    errors: list[dict[str, Any]] = []
    country = _by_code(Country, filters.country, None, "country", errors, "query")
    profession = _by_code(Profession, filters.profession, None, "profession", errors, "query")
    if errors:
        raise invalid(errors)
    found = sel.people_search(
        user=request.user,
        filters=sel.PeopleFilters(
            query=filters.q,
            country=country.pk if country else None,
            organisation=filters.organisation_id,
            profession=profession.pk if profession else None,
        ),
    )
    contacts = personal(request)
    return paginate(found, filters, lambda rows: [person_summary_out(p, contacts) for p in rows])


@router.post("/people", response=created(PersonOut), openapi_extra=OPENAPI_HEADER, summary="Record a person")
@idempotent
def person_create(request: HttpRequest, payload: PersonIn) -> Status[PersonOut]:
    """Record a person (administrators, programme managers and coordinators, for the countries they
    cover). When people you may see look like this one (same e-mail address, or a similar name in the
    same country or organisation), the answer is 409 with their ids in `errors[].person_id`: use one
    of them, or send `allow_duplicate: true`."""
    if not sel.may_record_people(user=request.user):
        raise Http404
    values = person_values(payload.model_dump(exclude={"allow_duplicate"}))
    if not payload.allow_duplicate:
        matches = possible_duplicates(user=request.user, **values)
        if matches:
            raise duplicates_problem(matches, "")
    try:
        person = services.person_create(actor=request.user, request=request, **values)
    except ValidationError as exc:
        raise refused(exc) from None
    return Status(201, _out(request, person.pk))


@router.get("/people/{person_id}", response=read(PersonOut), summary="Read a person")
def person_read(request: HttpRequest, person_id: int) -> PersonOut:
    """One person; the reading is logged (person.viewed), as the person page does."""
    _reader(request)
    person = scoping.person_get(user=request.user, pk=person_id)
    services.person_viewed(actor=request.user, person=person, page="api", request=request)
    return _out(request, person.pk)


@router.patch("/people/{person_id}", response=changed(PersonOut), summary="Change a person")
def person_update(request: HttpRequest, person_id: int, payload: PersonPatch) -> PersonOut:
    """Change the fields sent (trainers only read). A new name, e-mail address, country or organisation
    that looks like another person's gives 409, as on creation, unless `allow_duplicate: true`."""
    _reader(request)
    person = scoping.person_for_editing(user=request.user, pk=person_id)
    given = payload.model_dump(exclude_unset=True, exclude={"allow_duplicate"})
    values = person_values(given, current=person)
    moved = [f for f in WATCHED if values[f] != getattr(person, f)]
    if moved and not payload.allow_duplicate:
        matches = find_matches(
            values["first_name"],
            values["last_name"],
            values["email"],
            values["country"].pk if values["country"] else None,
            values["organisation"].pk if values["organisation"] else None,
            exclude=[person.pk],
            people=scoping.people_visible(user=request.user),
        )[:10]
        found = Person.objects.in_bulk([m.person_id for m in matches])
        if matches:
            raise duplicates_problem([(found[m.person_id], m) for m in matches if m.person_id in found], "")
    try:
        services.person_update(actor=request.user, person=person, request=request, **values)
    except ValidationError as exc:
        raise refused(exc) from None
    return _out(request, person.pk)
