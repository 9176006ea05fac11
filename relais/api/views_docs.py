"""The API's documentation page: every operation and model, read from the OpenAPI document and shown
as a plain page (no script, so the CSP stays strict), public like the document itself."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from relais.api.docs import models, operations_by_tag
from relais.api.main import api


def docs(request: HttpRequest) -> HttpResponse:
    schema = api.get_openapi_schema(path_prefix=reverse("api_v1:api-root"))
    context = {
        "info": schema["info"],
        "tags": operations_by_tag(schema),
        "models": models(schema),
        "openapi_url": reverse("api_v1:openapi-json"),
        "public_page": True,
    }
    return render(request, "api/docs.html", context)


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any address under /api/v1/ that is no operation: a problem document, not an HTML page."""
    from django.utils.translation import gettext as _

    from relais.api.problems import problem_response

    return problem_response(
        request,
        status=404,
        slug="not-found",
        title=_("Not found"),
        detail=_("There is no such operation; the list is at /api/v1/docs/."),
    )
