"""The participants' pages (no account): the session entry page and personal links."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from relais.evaluation.models import SessionEntry


def entry(request: HttpRequest, token: str) -> HttpResponse:
    """The page the QR code of the sign-in sheet leads to."""
    entry = get_object_or_404(SessionEntry.objects.select_related("session"), token=token)
    return render(request, "evaluation/answer/entry.html", {"session": entry.session})
