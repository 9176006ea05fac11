"""The agenda of a design, downloaded as PDF or DOCX in the user's language (DESIGN.md §5)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from relais.design.exports.agenda import Agenda, agenda_build, parse_start
from relais.design.exports.agenda_docx import agenda_docx as render_docx
from relais.design.exports.agenda_pdf import agenda_pdf as render_pdf
from relais.design.models import ActivityDesign
from relais.programmes.models import Role
from relais.programmes.selectors import programme_scope

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Who may see a design: administrators, and in its programme everyone but viewers (donors, partners).
DESIGN_READERS = (Role.MANAGER, Role.COORDINATOR, Role.TRAINER, Role.ME_OFFICER)


def design_for_viewing(user: Any, pk: int) -> ActivityDesign:
    """The design if `user` may see it, else Http404 (never a hint that it exists)."""
    try:
        design = ActivityDesign.objects.select_related("programme").get(pk=pk)
    except ActivityDesign.DoesNotExist:
        raise Http404 from None
    if not programme_scope(user=user, programme=design.programme).has(*DESIGN_READERS):
        raise Http404
    return design


def _export(
    request: HttpRequest, pk: int, render: Callable[[Agenda], bytes], content_type: str, ext: str
) -> HttpResponse:
    design = design_for_viewing(request.user, pk)
    try:
        start = parse_start(request.GET.get("start"))
    except ValueError:
        message = _("The start time must be written as HH:MM on a 24-hour clock, for example 09:00 or 13:30.")
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    agenda = agenda_build(
        design,
        start=start,
        generated_on=timezone.localdate(),
        base_url=f"{request.scheme}://{request.get_host()}",
    )
    response = HttpResponse(render(agenda), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, f"{agenda.filename_stem}.{ext}") or ""
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def agenda_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _export(request, pk, render_pdf, PDF, "pdf")


@login_required
def agenda_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _export(request, pk, render_docx, DOCX, "docx")
