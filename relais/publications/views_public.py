"""The public pages of publications (no login): the builds published to the public, one of them
(its preview and downloads) and its files. Anything not published to the public is 404, whoever asks."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from relais.core.pagination import CappedPaginator
from relais.publications.selectors_builds import public_build_get, public_builds
from relais.publications.views_builds import build_parameters, downloads, file_response

PER_PAGE = 20


@require_GET
def public_list(request: HttpRequest) -> HttpResponse:
    page = CappedPaginator(public_builds(), PER_PAGE).get_page(request.GET.get("page"))
    rows = [(build, downloads(build, "publications:public_download")) for build in page]
    return render(request, "publications/public_list.html", {"public_page": True, "page": page, "rows": rows})


@require_GET
def public_build(request: HttpRequest, pk: int) -> HttpResponse:
    build = public_build_get(pk=pk)
    ctx = {
        "public_page": True,
        "build": build,
        "programme": build.programme,
        "params": build_parameters(build),
        "downloads": downloads(build, "publications:public_download"),
    }
    return render(request, "publications/public_build.html", ctx)


@require_GET
def public_download(request: HttpRequest, pk: int, fmt: str) -> FileResponse:
    return file_response(public_build_get(pk=pk), fmt, public=True)
