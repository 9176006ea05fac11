"""Authentication of API requests: a personal token in `Authorization: Bearer <token>`.

The request then runs as the token's owner (request.user), so every selector applies the owner's
permissions and scopes; a read-only token is refused any writing method (403). Endpoints open to the
public (the knowledge centre's public documents) also admit requests with no Authorization header."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthorizationError
from ninja.security import HttpBearer

from relais.api.selectors import token_authenticate
from relais.api.services import token_used
from relais.core.audit import client_ip

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Anonymous:
    """request.auth of a request without a token (public endpoints only)."""

    user: Any
    pk: None = None
    may_write: bool = False


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = token_authenticate(token)
        if api_token is None:
            return None
        if request.method not in SAFE_METHODS and not api_token.may_write:
            raise AuthorizationError(403, _("This token may only read: create a read-and-write token to change data."))
        request.user = api_token.user
        token_used(token=api_token, ip=client_ip(request))
        return api_token


class PublicAccess:
    """Admits a request that sends no Authorization header at all (a wrong token stays a 401)."""

    openapi_type = ""

    def __call__(self, request: HttpRequest) -> Any:
        if request.META.get("HTTP_AUTHORIZATION"):
            return None
        request.user = AnonymousUser()
        return Anonymous(user=request.user)


token_auth = TokenAuth()
public_or_token = [token_auth, PublicAccess()]
