"""My account → API tokens: create (the secret shown once), list with last use, revoke."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from relais.api.forms import TokenForm
from relais.api.selectors import token_for_revoking, tokens_of
from relais.api.services import token_create, token_revoke

NEW_TOKEN = "api_new_token"  # noqa: S105 - a session key, not a secret


def _created(request: HttpRequest) -> dict[str, Any] | None:
    """The token just created, read once from the session (post, redirect, get: a reload cannot
    create a second token, and the secret leaves the session as soon as it is shown)."""
    new = request.session.pop(NEW_TOKEN, None)
    if not new:
        return None
    token = tokens_of(user=request.user).filter(pk=new.get("id")).first()
    return {"token": token, "secret": new.get("secret")} if token is not None else None


@never_cache
@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    created = _created(request) if request.method == "GET" else None
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = token_create(
                actor=request.user,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                days=form.cleaned_data["days"],
                request=request,
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            request.session[NEW_TOKEN] = {"id": token.pk, "secret": secret}
            return redirect("api:tokens")
    context = {
        "form": form,
        "created": created,
        "tokens": list(tokens_of(user=request.user)),
        "docs_url": reverse("api:docs"),
    }
    return render(request, "api/tokens.html", context, status=422 if form.errors else 200)


@require_POST
@login_required
def token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    token = token_for_revoking(user=request.user, pk=pk)
    token_revoke(actor=request.user, token=token, request=request)
    messages.success(request, _("The token “%(name)s” is revoked: it no longer opens the API.") % {"name": token.name})
    if token.user_id != request.user.pk:
        return redirect("users:detail", pk=token.user_id)
    return redirect("api:tokens")
