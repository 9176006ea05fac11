"""The REST API, version 1 (django-ninja), mounted at /api/v1/."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI, Router
from ninja.responses import NinjaJSONEncoder

from relais.api import problems
from relais.api.auth import token_auth
from relais.api.schemas import Term, Vocabularies, read
from relais.api.throttles import ReadThrottle, WriteThrottle

DESCRIPTION = """The Relais API gives partners' systems what the pages give people, with the same rules.

* **Authentication**: a personal token (My account → API tokens) in `Authorization: Bearer <token>`. It acts
  with its owner's permissions; a read-only token may not write.
* **Lists** are read a page at a time with `cursor` and `limit`; `next_cursor` is null on the last page.
* **Errors** are problem details (RFC 9457, `application/problem+json`), each bad field with its place.
* **Creating requests** accept an `Idempotency-Key` header: a retry with the same key creates nothing twice.
* **Rate limits**: over them, `429` with `Retry-After` in seconds.

A worked example: docs/api.md."""


class RelaisAPI(NinjaAPI):
    _schemas: dict[str, Any] = {}

    def get_openapi_operation_id(self, operation: Any) -> str:
        return str(operation.view_func.__name__)

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """Built once per process and prefix (it depends only on the code), then copied: building it
        takes about half a second, and the document and its documentation page are public."""
        key = repr((args, sorted(kwargs.items())))
        if key not in self._schemas:
            self._schemas[key] = json.dumps(self._build_schema(*args, **kwargs), cls=NinjaJSONEncoder)
        return json.loads(self._schemas[key])

    def _build_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        content["application/problem+json"] = content.pop("application/json")
        return schema


api = RelaisAPI(
    title="Relais API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api_v1",
    docs_url=None,
    auth=token_auth,
    throttle=[ReadThrottle(), WriteThrottle()],
)
problems.install(api)

meta = Router(tags=["Vocabularies"])


@meta.get("/vocabularies", response=read(Vocabularies), summary="Codes of countries, professions, themes, languages")
def vocabularies(request: HttpRequest) -> dict[str, Any]:
    """The codes that other resources use for countries, professions, themes and languages."""
    from relais.core.models import Country, Language, Profession, Theme

    def terms(model: Any) -> list[Term]:
        return [Term(code=t.code, name_en=t.name_en, name_fr=t.name_fr) for t in model.objects.filter(is_active=True)]

    return {
        "countries": terms(Country),
        "professions": terms(Profession),
        "themes": terms(Theme),
        "languages": terms(Language),
    }


api.add_router("", meta)


def _mount() -> None:
    from relais.api.routers import ROUTERS

    for prefix, router in ROUTERS:
        api.add_router(prefix, router)


_mount()
