"""Certificates of attendance: the list of a session, issuing, revoking, PDF and ZIP downloads, and
the public check of a verification code.

- List and downloads: whoever may record attendance of the session (its trainers included).
- Issuing and revoking: whoever may manage the session (administrators, the programme's managers,
  the coordinators of its country).
- verify/ and verify/<code>/: anyone, without logging in. They show whether the certificate is
  valid, the name as printed, the training, where and when — nothing else. Lookups are throttled
  per address (RELAIS_VERIFY_LIMIT lookups per RELAIS_VERIFY_WINDOW seconds, 30 per 10 minutes by default).
"""

from __future__ import annotations

import time
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from relais.core.audit import client_ip
from relais.core.forms import StyledForm
from relais.delivery.documents.certificate_pdf import certificate_pdf, certificates_build, certificates_zip
from relais.delivery.models import Certificate, Registration, RegistrationStatus, Session
from relais.delivery.names import name_key
from relais.delivery.scoping import may_manage, session_for_managing
from relais.delivery.selectors_attendance import present_days, session_days
from relais.delivery.services_attendance import FOLLOWING
from relais.delivery.services_certificates import (
    certifiable,
    certificate_revoke,
    certificates_issue,
    code_display,
    code_normalise,
    documents_downloaded,
)
from relais.delivery.views_attendance import session_for_attendance

PDF = "application/pdf"
ZIP = "application/zip"


def verification_url(request: HttpRequest, code: str) -> str:
    """The public address where anyone checks the certificate with this code."""
    return request.build_absolute_uri(reverse("delivery:verify_code", kwargs={"code": code_display(code)}))


def _download(content: bytes, content_type: str, filename: str, started: float) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename) or ""
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Server-Timing"] = f"build;dur={(time.perf_counter() - started) * 1000:.0f}"
    return response


def _entries(session: Session) -> list[dict[str, Any]]:
    """Who attended or holds a certificate, by last name, with days present and the certificate."""
    registrations = list(
        Registration.objects.filter(session=session)
        .filter(Q(status=RegistrationStatus.ATTENDED) | Q(certificate__isnull=False))
        .select_related("person", "certificate")
        .distinct()
    )
    registrations.sort(key=lambda r: (name_key(r.person.last_name), name_key(r.person.first_name), r.pk))
    days = present_days(registrations)
    entries = []
    for registration in registrations:
        certificate = getattr(registration, "certificate", None)
        entries.append(
            {
                "registration": registration,
                "present_days": len(days.get(registration.pk, [])),
                "certificate": certificate,
                "code": code_display(certificate.code) if certificate else "",
                "stale": certificate is not None
                and certificate.revoked_at is None
                and registration.status != RegistrationStatus.ATTENDED,
            }
        )
    return entries


@login_required
@require_GET
def certificate_list(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_for_attendance(request.user, pk)
    entries = _entries(session)
    context = {
        "session": session,
        "entries": entries,
        "day_count": len(session_days(session)),
        "may_manage": may_manage(user=request.user, session=session),
        "delivered": session.status in FOLLOWING,
        "to_issue": len(certifiable(session)),
        "valid_count": sum(1 for e in entries if e["certificate"] and e["certificate"].revoked_at is None),
        "verify_page": request.build_absolute_uri(reverse("delivery:verify")),
    }
    return render(request, "delivery/certificates/list.html", context)


@login_required
@require_POST
def certificates_issue_view(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_for_managing(user=request.user, pk=pk)
    try:
        made = certificates_issue(actor=request.user, session=session, language=get_language(), request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Certificates issued: %(count)d.") % {"count": len(made)})
    return redirect("delivery:certificates", pk=session.pk)


@login_required
@require_POST
def certificate_revoke_view(request: HttpRequest, pk: int, certificate_pk: int) -> HttpResponse:
    session = session_for_managing(user=request.user, pk=pk)
    certificate = get_object_or_404(
        Certificate.objects.select_related("registration__person"), pk=certificate_pk, registration__session=session
    )
    certificate_revoke(actor=request.user, certificate=certificate, request=request)
    messages.success(
        request, _("The certificate of %(name)s is revoked.") % {"name": str(certificate.registration.person)}
    )
    return redirect("delivery:certificates", pk=session.pk)


def _valid_certificates(session: Session) -> QuerySet[Certificate]:
    """Certificates that can be printed: not revoked, and of people not erased (no name to print)."""
    return Certificate.objects.filter(
        registration__session=session, revoked_at__isnull=True, registration__person__anonymised_at__isnull=True
    ).select_related("registration__person")


@login_required
@require_GET
def certificate_pdf_view(request: HttpRequest, pk: int, certificate_pk: int) -> HttpResponse:
    started = time.perf_counter()
    session = session_for_attendance(request.user, pk)
    certificate = get_object_or_404(_valid_certificates(session), pk=certificate_pk)
    (document,) = certificates_build(session, [certificate], verify_url=lambda c: verification_url(request, c))
    content = certificate_pdf(document)
    documents_downloaded(actor=request.user, session=session, what="certificate", count=1, request=request)
    return _download(content, PDF, document.filename, started)


@login_required
@require_GET
def certificates_zip_view(request: HttpRequest, pk: int) -> HttpResponse:
    started = time.perf_counter()
    session = session_for_attendance(request.user, pk)
    certificates = list(_valid_certificates(session).order_by("pk"))
    if not certificates:
        messages.info(request, _("No valid certificate to download yet."))
        return redirect("delivery:certificates", pk=session.pk)
    documents = certificates_build(session, certificates, verify_url=lambda c: verification_url(request, c))
    content = certificates_zip(documents)
    documents_downloaded(
        actor=request.user, session=session, what="certificates", count=len(documents), request=request
    )
    stem = slugify(session.title)[:60].strip("-") or f"session-{session.pk}"
    return _download(content, ZIP, f"certificates-{stem}.zip", started)


# --- Public check ----------------------------------------------------------------------------


class VerifyForm(StyledForm):
    code = forms.CharField(
        label=gettext_lazy("Verification code"),
        max_length=40,
        help_text=gettext_lazy("As printed on the certificate, for example 7KQ2-M9XD-4HTR-AB3C."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )


def _public(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _too_many_lookups(request: HttpRequest) -> bool:
    """A fixed window per client address, kept in the cache (shared by all web processes when the
    cache is): more than RELAIS_VERIFY_LIMIT lookups in RELAIS_VERIFY_WINDOW seconds are refused."""
    limit = int(getattr(settings, "RELAIS_VERIFY_LIMIT", 30))
    window = int(getattr(settings, "RELAIS_VERIFY_WINDOW", 600))
    key = f"relais:verify:{client_ip(request) or 'unknown'}"
    if cache.add(key, 1, timeout=window):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return False
    return count > limit


@require_GET
def verify(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        code = code_normalise(form.cleaned_data["code"])
        if code:
            return redirect("delivery:verify_code", code=code_display(code))
        form.add_error("code", _("Type the code printed on the certificate."))
    return _public(render(request, "delivery/certificates/verify.html", {"form": form}))


@require_GET
def verify_code(request: HttpRequest, code: str) -> HttpResponse:
    if _too_many_lookups(request):
        response = render(request, "delivery/certificates/verify_throttled.html", status=429)
        response["Retry-After"] = str(int(getattr(settings, "RELAIS_VERIFY_WINDOW", 600)))
        return _public(response)
    wanted = code_normalise(code)
    # One indexed lookup whether the code exists or not: the answer takes as long either way.
    certificate = (
        Certificate.objects.select_related(
            "registration__person", "registration__session__design", "registration__session__country"
        )
        .filter(code=wanted)
        .first()
    )
    context = {
        "certificate": certificate,
        "code": code_display(wanted),
        "form": VerifyForm(initial={"code": code_display(wanted)}),
    }
    status = 200 if certificate is not None else 404
    return _public(render(request, "delivery/certificates/verify_result.html", context, status=status))
