"""Errors as RFC 9457 problem details (`application/problem+json`), each bad field with its place.

{"type": "/api/v1/docs#problem-invalid", "title": "The request has errors", "status": 422,
 "detail": "…", "instance": "/api/v1/sessions",
 "errors": [{"location": "body", "field": "participants.0.email", "pointer": "#/participants/0/email",
             "detail": "Enter a valid e-mail address."}]}
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

logger = logging.getLogger(__name__)

PROBLEM_TYPE = "application/problem+json"
TYPES_BASE = "/api/v1/docs#problem-"


class FieldProblem(Schema):
    location: str  # body, query, path or header
    field: str  # dotted path: "participants.0.email"; "" for the whole body
    pointer: str | None = None  # JSON Pointer into the body (RFC 6901), for body errors
    detail: str
    person_id: int | None = Field(None, description="For a possible duplicate: the id of the person it may be")


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[FieldProblem] = []


class ApiProblem(Exception):
    """Raised by endpoints for a problem that is not a field's (a conflict, a refused action)."""

    def __init__(
        self,
        status: int,
        slug: str,
        title: str,
        detail: str = "",
        errors: Iterable[Mapping[str, Any]] = (),
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail or title)
        self.status, self.slug, self.title, self.detail = status, slug, title, detail or title
        self.errors = [dict(e) for e in errors]
        self.headers = dict(headers or {})


def invalid(errors: Iterable[Mapping[str, Any]], detail: str = "") -> ApiProblem:
    """The 422 problem of a request with bad fields (nothing was written)."""
    return ApiProblem(
        422,
        "invalid",
        _("The request has errors"),
        detail or _("Correct the fields listed in errors and send the request again."),
        errors=errors,
    )


def field_error(field: str, detail: str, location: str = "body") -> dict[str, Any]:
    parts = [p for p in field.split(".") if p != ""]
    pointer = None
    if location == "body":  # RFC 6901 in a URI fragment; "#" is the whole body
        pointer = "#" + "".join("/" + p.replace("~", "~0").replace("/", "~1") for p in parts)
    return {"location": location, "field": field, "pointer": pointer, "detail": str(detail)}


def problem_response(
    request: HttpRequest,
    *,
    status: int,
    slug: str,
    title: str,
    detail: str = "",
    errors: Iterable[Mapping[str, Any]] = (),
    headers: Mapping[str, str] | None = None,
) -> HttpResponse:
    body = {
        "type": TYPES_BASE + slug,
        "title": str(title),
        "status": status,
        "detail": str(detail or title),
        "instance": request.path,
        "errors": [dict(e) for e in errors],
    }
    response = HttpResponse(json.dumps(body, ensure_ascii=False), status=status, content_type=PROBLEM_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def not_found_response(request: HttpRequest, detail: str = "") -> HttpResponse:
    return problem_response(
        request,
        status=404,
        slug="not-found",
        title=_("Not found"),
        detail=detail or _("There is nothing here, or you may not see it."),
    )


def invalid_response(request: HttpRequest, errors: Iterable[Mapping[str, Any]], detail: str = "") -> HttpResponse:
    return problem_response(
        request,
        status=422,
        slug="invalid",
        title=_("The request has errors"),
        detail=detail or _("Correct the fields listed in errors and send the request again."),
        errors=errors,
    )


# Pydantic's messages are English; these say the same in the user's language.
MESSAGES = {
    "missing": gettext_lazy("This field is required."),
    "int_parsing": gettext_lazy("Enter a whole number."),
    "int_type": gettext_lazy("Enter a whole number."),
    "int_from_float": gettext_lazy("Enter a whole number."),
    "float_parsing": gettext_lazy("Enter a number."),
    "float_type": gettext_lazy("Enter a number."),
    "bool_parsing": gettext_lazy("Enter true or false."),
    "bool_type": gettext_lazy("Enter true or false."),
    "date_parsing": gettext_lazy("Enter a date as YYYY-MM-DD."),
    "date_from_datetime_parsing": gettext_lazy("Enter a date as YYYY-MM-DD."),
    "date_type": gettext_lazy("Enter a date as YYYY-MM-DD."),
    "datetime_parsing": gettext_lazy("Enter a date and time (ISO 8601)."),
    "string_type": gettext_lazy("Enter text."),
    "string_too_long": gettext_lazy("This text is too long."),
    "string_too_short": gettext_lazy("This text is too short."),
    "list_type": gettext_lazy("Enter a list."),
    "dict_type": gettext_lazy("Enter an object."),
    "model_type": gettext_lazy("Enter an object."),
    "model_attributes_type": gettext_lazy("Enter an object."),
    "literal_error": gettext_lazy("This value is not one of the choices."),
    "enum": gettext_lazy("This value is not one of the choices."),
    "greater_than_equal": gettext_lazy("This number is too small."),
    "greater_than": gettext_lazy("This number is too small."),
    "less_than_equal": gettext_lazy("This number is too large."),
    "less_than": gettext_lazy("This number is too large."),
    "too_long": gettext_lazy("This list has too many entries."),
    "too_short": gettext_lazy("This list has too few entries."),
    "extra_forbidden": gettext_lazy("This field is not expected here."),
    "json_invalid": gettext_lazy("The body is not valid JSON."),
    "value_error": gettext_lazy("This value is not valid."),
    "uuid_parsing": gettext_lazy("This value is not valid."),
}


def _message(error: Mapping[str, Any]) -> str:
    kind = str(error.get("type", ""))
    if kind == "value_error" and error.get("msg"):
        # Our own validators raise ValueError with a translated message: "Value error, <message>".
        return str(error["msg"]).removeprefix("Value error, ")
    text = MESSAGES.get(kind)
    return str(text) if text is not None else str(error.get("msg", _("This value is not valid.")))


def _place(loc: Iterable[Any], param_names: set[str]) -> tuple[str, str]:
    parts = [str(p) for p in loc]
    location = parts[0] if parts else "body"
    rest = parts[1:]
    # ninja puts the view's parameter name after "body" (body -> payload -> field): leave it out.
    if location == "body" and rest and rest[0] in param_names:
        rest = rest[1:]
    if location in {"query", "path", "header", "cookie"} and len(rest) > 1 and rest[0] in param_names:
        rest = rest[1:]
    return location, ".".join(rest)


def _param_names(request: HttpRequest) -> set[str]:
    return set(getattr(request, "_api_param_names", ())) | {"payload", "data", "body", "filters", "query", "params"}


def validation_errors(request: HttpRequest, errors: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    names = _param_names(request)
    out = []
    for error in errors:
        location, field = _place(error.get("loc", ()), names)
        out.append(field_error(field, _message(error), location))
    return out


def django_errors(error: DjangoValidationError, prefix: str = "") -> tuple[list[dict[str, Any]], str]:
    """Field errors and the general message of a service's ValidationError."""
    fields: list[dict[str, Any]] = []
    general: list[str] = []
    if hasattr(error, "error_dict"):
        for key, items in error.message_dict.items():
            for message in items:
                if key in ("__all__", ""):
                    general.append(message)
                else:
                    fields.append(field_error(f"{prefix}{key}", message))
    else:
        general.extend(error.messages)
    return fields, " ".join(general)


def install(api: NinjaAPI) -> None:
    @api.exception_handler(NinjaValidationError)
    def _invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        return invalid_response(request, validation_errors(request, exc.errors))

    @api.exception_handler(DjangoValidationError)
    def _refused(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        errors, general = django_errors(exc)
        return invalid_response(request, errors, general)

    @api.exception_handler(ApiProblem)
    def _problem(request: HttpRequest, exc: ApiProblem) -> HttpResponse:
        return problem_response(
            request,
            status=exc.status,
            slug=exc.slug,
            title=exc.title,
            detail=exc.detail,
            errors=exc.errors,
            headers=exc.headers,
        )

    @api.exception_handler(Http404)
    def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return not_found_response(request)

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
        return problem_response(
            request,
            status=401,
            slug="unauthenticated",
            title=_("A valid token is needed"),
            detail=_("Send a personal API token in the header Authorization: Bearer <token>."),
            headers={"WWW-Authenticate": 'Bearer realm="relais"'},
        )

    @api.exception_handler(Throttled)
    def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        return problem_response(
            request,
            status=429,
            slug="rate-limited",
            title=_("Too many requests"),
            detail=_("Wait for the number of seconds in the Retry-After header, then try again."),
        )

    @api.exception_handler(AuthorizationError)
    @api.exception_handler(PermissionDenied)
    def _forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
        return problem_response(
            request,
            status=403,
            slug="forbidden",
            title=_("Not allowed"),
            detail=str(exc) if str(exc) and str(exc) != "Forbidden" else _("This token may not do this."),
        )

    @api.exception_handler(HttpError)
    def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400:  # ninja could not read the body
            return problem_response(
                request,
                status=422,
                slug="invalid",
                title=_("The request has errors"),
                detail=_("Correct the fields listed in errors and send the request again."),
                errors=[field_error("", str(MESSAGES["json_invalid"]), "body")],
            )
        return problem_response(request, status=exc.status_code, slug="error", title=str(exc.message))

    @api.exception_handler(Exception)
    def _crash(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API error on %s %s", request.method, request.path)
        from django.conf import settings

        if settings.DEBUG or getattr(settings, "TESTING", False):
            raise exc
        return problem_response(
            request,
            status=500,
            slug="server-error",
            title=_("Server error"),
            detail=_("Something went wrong on our side; it has been logged."),
        )
