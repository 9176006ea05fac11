"""Second-factor enforcement: users with an authenticator must use it; administrators must have one
(when RELAIS_REQUIRE_2FA is on, as in production; programme managers too)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from relais.accounts.selectors import second_factor_required
from relais.accounts.signals import SESSION_OTP_REQUIRED

EXEMPT_URL_NAMES = {"two_factor_setup", "two_factor_verify", "logout", "set_language"}


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: object, args: object, kwargs: object
    ) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match is not None and match.app_name == "accounts" and match.url_name in EXEMPT_URL_NAMES:
            return None
        if request.path.startswith(settings.STATIC_URL):
            return None
        if match is not None and match.namespace == "api_v1":
            return None  # the API authenticates each request by its token, never by this session
        if request.session.get(SESSION_OTP_REQUIRED):
            target = "accounts:two_factor_verify"
        elif second_factor_required(user):
            target = "accounts:two_factor_setup"
        else:
            return None
        return HttpResponseRedirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
