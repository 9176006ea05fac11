"""`Idempotency-Key` on creating requests: a retry with the same key gets the first response again
(with `Idempotent-Replayed: true`) and creates nothing; the same key with another request is refused;
two concurrent requests with one key create once (the second is told to retry: 409). Keys are kept a
day, per user."""

from __future__ import annotations

import functools
import hashlib
import inspect
import json
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja.responses import NinjaJSONEncoder, Status
from pydantic import BaseModel

from relais.api.problems import ApiProblem, field_error, invalid
from relais.api.selectors import idempotent_find
from relais.api.services import idempotent_store

HEADER = "Idempotency-Key"
MAX_KEY = 255

OPENAPI_HEADER = {
    "parameters": [
        {
            "in": "header",
            "name": HEADER,
            "required": False,
            "description": (
                "Any unique string (a UUID, say). Sending the request again with the same key returns the first "
                "response instead of creating twice; keys are kept for a day."
            ),
            "schema": {"type": "string", "minLength": 1, "maxLength": MAX_KEY},
        }
    ]
}


def _fingerprint(request: HttpRequest) -> str:
    digest = hashlib.sha256()
    digest.update(f"{request.method} {request.path}\n".encode())
    digest.update(request.body or b"")
    return digest.hexdigest()


def _invalid_key(detail: str) -> ApiProblem:
    return invalid([field_error(HEADER, detail, "header")])


def _body(result: Any) -> tuple[int, Any]:
    """The status and the JSON body the view's result becomes (encoded as ninja encodes it, so a replay
    is byte for byte the first response)."""
    if isinstance(result, Status):
        status, obj = result.status_code, result.value
    elif isinstance(result, tuple):
        status, obj = result
    else:
        status, obj = 200, result
    if isinstance(obj, BaseModel):
        obj = obj.model_dump(by_alias=True)
    return status, json.loads(json.dumps(obj, cls=NinjaJSONEncoder))


def idempotent(view: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        key = request.headers.get(HEADER)
        if key is None:
            return view(request, *args, **kwargs)
        key = key.strip()
        if not key or len(key) > MAX_KEY or not key.isprintable():
            raise _invalid_key(_("Send from 1 to 255 printable characters."))
        fingerprint = _fingerprint(request)
        earlier = idempotent_find(user=request.user, key=key)
        if earlier is not None:
            if earlier.fingerprint != fingerprint:
                raise _invalid_key(_("This key was used for another request: use a new key for a new request."))
            response = HttpResponse(
                json.dumps(earlier.body, ensure_ascii=False), status=earlier.status, content_type="application/json"
            )
            response["Idempotent-Replayed"] = "true"
            return response
        try:
            with transaction.atomic():
                result = view(request, *args, **kwargs)
                status, body = _body(result)
                if 200 <= status < 300:
                    with transaction.atomic():
                        idempotent_store(user=request.user, key=key, fingerprint=fingerprint, status=status, body=body)
        except IntegrityError:
            if idempotent_find(user=request.user, key=key) is None:
                raise
            raise ApiProblem(
                409,
                "idempotency-conflict",
                _("The same request is already being handled"),
                _(
                    "Another request with this Idempotency-Key was handled at the same time; "
                    "send it again to get its response."
                ),
            ) from None
        return result

    # ninja reads the view's parameters from this signature: resolve postponed annotations
    # (`from __future__ import annotations`) in the view's own module, not in this one.
    wrapper.__signature__ = inspect.signature(view, eval_str=True)  # type: ignore[attr-defined]
    return wrapper
