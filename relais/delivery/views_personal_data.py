"""A person's data on request — export (ZIP of JSON and PDF), erasure (anonymisation) — and a
programme's retention preview. Thin: find what the user may reach (404 otherwise), call one
service, redirect or render. Export and erasure: those who may edit the person; the retention
preview: the programme's managers and administrators."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from relais.core.audit import audit_record
from relais.delivery import services_anonymise
from relais.delivery.forms_personal_data import EraseForm
from relais.delivery.models import Person
from relais.delivery.personal_data_export import export_filename, person_data_zip
from relais.delivery.scoping import person_for_editing
from relais.delivery.selectors_retention import SOON_DAYS
from relais.delivery.selectors_retention import programme_retention as retention_preview
from relais.programmes.selectors import programme_get_managed

PAGE_SIZE = 50


@login_required
@require_GET
def person_data_export(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_for_editing(user=request.user, pk=pk)
    language = translation.get_language() or "en"
    body = person_data_zip(person, language=language)
    with transaction.atomic():
        audit_record(
            actor=request.user,
            action="person.data_exported",
            obj=person,
            details={"language": language, "bytes": len(body)},
            request=request,
        )
    response = HttpResponse(body, content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(True, export_filename(person)) or ""
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def person_anonymise(request: HttpRequest, pk: int) -> HttpResponse:
    person: Person = person_for_editing(user=request.user, pk=pk)
    form = EraseForm(request.POST if request.method == "POST" else None, number=person.pk)
    if person.anonymised_at is None and request.method == "POST" and form.is_valid():
        services_anonymise.person_anonymise(actor=request.user, person=person, reason="request", request=request)
        messages.success(
            request,
            _("The person's identity was erased. Their sessions, attendance and answers still count in the figures."),
        )
        return redirect("delivery:person", pk=person.pk)
    status = 400 if form.errors else 200
    return render(request, "delivery/people/erase.html", {"person": person, "form": form}, status=status)


@login_required
@require_GET
def programme_retention(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_get_managed(user=request.user, pk=pk)
    today = timezone.localdate()
    preview = retention_preview(programme=programme, today=today)
    now_page = Paginator(preview.due_now, PAGE_SIZE).get_page(request.GET.get("page"))
    soon_page = Paginator(preview.due_soon, PAGE_SIZE).get_page(request.GET.get("soon"))
    # Only the record number and country are shown: enough to find the person, no name.
    people = Person.objects.select_related("country").in_bulk([d.person_id for d in (*now_page, *soon_page)])
    context = {
        "programme": programme,
        "preview": preview,
        "now_page": now_page,
        "now_rows": [(d, people.get(d.person_id)) for d in now_page],
        "soon_page": soon_page,
        "soon_rows": [(d, people.get(d.person_id)) for d in soon_page],
        "soon_links": _page_links(request, "soon", soon_page),
        "soon_days": SOON_DAYS,
        "today": today,
    }
    return render(request, "delivery/retention/programme.html", context)


def _page_links(request: HttpRequest, param: str, page: Page) -> dict[str, str]:
    """Previous / next addresses of the second list of the page (its own page number parameter)."""
    links = {}
    for key, number in (
        ("previous", page.previous_page_number() if page.has_previous() else None),
        ("next", page.next_page_number() if page.has_next() else None),
    ):
        if number is not None:
            query = request.GET.copy()
            query[param] = str(number)
            links[key] = "?" + query.urlencode()
    return links
