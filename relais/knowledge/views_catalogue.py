"""The catalogue: search, a document's page, citations, collections (public and internal)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "knowledge/index.html", {})
