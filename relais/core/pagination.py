"""Pagination for tables that grow without bound (the audit log): the count stops at a cap, so a page
never counts millions of rows; past the cap the filters narrow the list."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.utils.functional import cached_property

COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    cap = COUNT_CAP

    @cached_property
    def count(self) -> int:
        return min(self.object_list[: self.cap + 1].count(), self.cap + 1)  # type: ignore[attr-defined]

    @property
    def capped(self) -> bool:
        return self.count > self.cap

    def page(self, number: Any) -> Any:
        page = super().page(number)
        page.capped = self.capped  # type: ignore[attr-defined]
        return page
