"""Cursor pagination: lists are read in id order, a page at a time; `next_cursor` is an opaque string
to send back as `cursor` (null on the last page). A cursor stays valid while rows are added or
removed, so a partner's sync never skips or repeats a row the way page numbers would."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from ninja import Field, Schema

from relais.api.problems import field_error, invalid

T = TypeVar("T")
DEFAULT_LIMIT = 50
MAX_LIMIT = 200


class PageParams(Schema):
    cursor: str | None = Field(None, description="The next_cursor of the previous page; empty for the first page.")
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Rows per page (1 to 200).")


class Page(Schema, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(None, description="Send as cursor to read the next page; null on the last.")


_pages: dict[type, type] = {}


def page_of(item: type) -> Any:
    """The page schema of a list of `item`, named after it: SessionOut -> SessionPage."""
    if item not in _pages:
        name = item.__name__.removesuffix("Out") + "Page"
        _pages[item] = type(name, (Page[item],), {"__doc__": f"A page of {item.__name__} (cursor pagination)."})  # type: ignore[valid-type]
    return _pages[item]


def encode(after: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"after": after}).encode()).decode().rstrip("=")


def decode(cursor: str) -> int:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        after = value["after"]
        if not isinstance(after, int) or isinstance(after, bool) or after < 0:
            raise ValueError
        return after
    except (ValueError, KeyError, TypeError, UnicodeError, binascii.Error):
        raise invalid(
            [field_error("cursor", _("This cursor is not one this API gave; start again without it."), "query")]
        ) from None


def paginate(
    qs: QuerySet[Any],
    params: PageParams,
    out: Callable[[list[Any]], list[Any]] | None = None,
) -> dict[str, Any]:
    """One page of the queryset in id order. `out` turns the page's rows into items (for rows that
    need a batch lookup, such as names the reader may or may not see)."""
    qs = qs.order_by("pk")
    if params.cursor:
        qs = qs.filter(pk__gt=decode(params.cursor))
    rows = list(qs[: params.limit + 1])
    more = len(rows) > params.limit
    rows = rows[: params.limit]
    items = out(rows) if out is not None else rows
    return {"items": items, "next_cursor": encode(rows[-1].pk) if more and rows else None}
