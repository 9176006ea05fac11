"""Permission matrix entries of the API's pages (tokens, documentation) and the OpenAPI document."""

from typing import Any

from tests.matrix import ALL, Page


def _token(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"pk": ctx["api_token_of_manager"].pk}


PAGES: dict[str, Page] = {
    "api:tokens": Page(),
    "api:token_revoke": Page(kwargs=_token, may=frozenset({"admin", "manager"}), method="post"),
    "api:docs": Page(public=True),
    "api_v1:openapi-json": Page(public=True),
    "api_v1:api-root": Page(public=True, ok=frozenset({404})),
}


def context(ctx: dict[str, Any]) -> None:
    from relais.api.services import token_create

    token, _secret = token_create(actor=ctx["manager"], name="Matrix", scope="read", days=None)
    ctx["api_token_of_manager"] = token
    assert ALL
