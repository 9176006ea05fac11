from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from relais.core.registry import nav_items


def relais(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    entries = []
    if user is not None and user.is_authenticated:
        for item in nav_items(user):
            url = reverse(item.url_name)
            current = request.path == url if url == "/" else request.path.startswith(url)
            entries.append({"label": item.label, "url": url, "current": current})
    return {"nav_items": entries, "relais_demo": settings.RELAIS_DEMO}
