"""The floor page of the benchmarks: the base layout rendered with no query (no session, no user,
no data). Every page's cost is read against it, measured in the same run on the same server.
Mounted only when RELAIS_BENCH is on (config/urls_bench.py)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def floor(request: HttpRequest) -> HttpResponse:
    return render(request, "core/floor.html")
