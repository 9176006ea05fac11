"""The API's documentation page: every operation and model, read from the OpenAPI document and shown
as a plain page (no script, so the CSP stays strict), public like the document itself."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy

from relais.api.docs import models, operations_by_tag
from relais.api.main import api

# The resources' headings in the reader's language (the OpenAPI document itself is in English).
TAG_LABELS = {
    "Vocabularies": gettext_lazy("Vocabularies"),
    "Programmes": gettext_lazy("Programmes"),
    "Designs": gettext_lazy("Designs"),
    "Sessions": gettext_lazy("Sessions"),
    "People": gettext_lazy("People"),
    "Registrations": gettext_lazy("Registrations"),
    "Attendance": gettext_lazy("Attendance"),
    "Questionnaires": gettext_lazy("Questionnaires"),
    "Responses": gettext_lazy("Responses"),
    "Results": gettext_lazy("Results"),
    "Knowledge centre": gettext_lazy("Knowledge centre"),
    "Publications": gettext_lazy("Publications"),
}


def docs(request: HttpRequest) -> HttpResponse:
    schema = api.get_openapi_schema(path_prefix=reverse("api_v1:api-root"))
    tags = operations_by_tag(schema)
    for tag in tags:
        tag.label = str(TAG_LABELS.get(tag.name, tag.name))
    context = {
        "info": schema["info"],
        "tags": tags,
        "models": models(schema),
        "openapi_url": reverse("api_v1:openapi-json"),
        "public_page": True,
    }
    return render(request, "api/docs.html", context)


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any address under /api/v1/ that is no operation: a problem document, not an HTML page."""
    from django.utils.translation import gettext as _

    from relais.api.problems import not_found_response

    return not_found_response(request, _("There is no such operation; the list is at /api/v1/docs/."))
