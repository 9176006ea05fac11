from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from relais.core.registry import nav_items


def relais(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    entries: list[dict[str, Any]] = []
    if user is not None and user.is_authenticated:
        for item in nav_items(user):
            try:
                url = reverse(item.url_name)
            except NoReverseMatch:  # an app whose pages are not mounted in this configuration
                continue
            matches = request.path == url if url == "/" else request.path.startswith(url)
            entries.append({"label": item.label, "url": url, "current": matches})
        # Only the most specific entry is current (/programmes/organisations/ is Organisations, not Programmes).
        best = max((e for e in entries if e["current"]), key=lambda e: len(str(e["url"])), default=None)
        for e in entries:
            e["current"] = e is best
    return {"nav_items": entries, "relais_demo": settings.RELAIS_DEMO}
