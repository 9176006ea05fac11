"""The catalogue's search form. Whatever the address holds, it reads what it can use and ignores the
rest (an unknown facet value, a page number that is not one, a sort that does not exist): a search
page never fails on its query string."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from relais.core.forms import StyledForm
from relais.knowledge.models import DocumentKind
from relais.knowledge.search import FACETS, SearchParams
from relais.knowledge.selectors import Reference

MAX_QUERY = 200  # characters of a query kept
MAX_PAGE = 500  # deeper pages are not offered: the filters narrow the list
MAX_VALUES = 20  # values kept per facet
PER_PAGE = 20

SORT_CHOICES = [
    ("relevance", _("Relevance")),
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
    ("added", _("Recently added")),
]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")
_YEAR = re.compile(r"^[12][0-9]{3}$")


class SearchForm(StyledForm):
    """The search box and the sort (the facets are checkbox groups drawn from the search's counts)."""

    q = forms.CharField(
        label=_("Search the catalogue"),
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "maxlength": MAX_QUERY, "autocomplete": "off", "spellcheck": "false"}
        ),
    )
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["id"] = "kn-q"
        self.fields["sort"].widget.attrs["id"] = "kn-sort"


@dataclass
class CatalogueQuery:
    """A search page's query string, cleaned."""

    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1

    @property
    def is_front_page(self) -> bool:
        """No query and no filter: the catalogue's front page (the newest documents)."""
        return not self.q and not any(self.filters.values())

    def params(self, *, per_page: int = PER_PAGE) -> SearchParams:
        params = SearchParams(q=self.q, sort=self.sort, page=self.page, per_page=per_page)
        for name in FACETS:
            setattr(params, name, list(self.filters.get(name, [])))
        return params

    def form(self) -> SearchForm:
        return SearchForm(initial={"q": self.q, "sort": self.sort})

    def without(self, name: str, value: str) -> str:
        """This query string with one filter value removed (and back to page 1)."""
        query = QueryDict(mutable=True)
        if self.q:
            query["q"] = self.q
        for facet, values in self.filters.items():
            query.setlist(facet, [v for v in values if not (facet == name and v == value)])
        if self.sort != "relevance":
            query["sort"] = self.sort
        return query.urlencode()

    def query_string(self) -> str:
        return self.without("", "")


def _valid(name: str, value: str, reference: Reference) -> bool:
    if name == "kind":
        return value in DocumentKind.values
    if name == "year":
        return bool(_YEAR.match(value))
    if name == "language":
        return bool(_LANGUAGE.match(value))
    return reference.knows(name, value)


def read_query(data: QueryDict, reference: Reference) -> CatalogueQuery:
    q = " ".join(_CONTROL.sub(" ", data.get("q", "") or "").split())[:MAX_QUERY].strip()
    filters: dict[str, list[str]] = {}
    for name in FACETS:
        values = [v.strip() for v in data.getlist(name) if v and v.strip()]
        kept = [v for v in dict.fromkeys(values) if len(v) <= 40 and _valid(name, v, reference)]
        if kept:
            filters[name] = kept[:MAX_VALUES]
    sort = data.get("sort", "")
    if sort not in dict(SORT_CHOICES):
        sort = "relevance"  # without words to rank by, the engine lists the newest first
    try:
        page = int(data.get("page", "1"))
    except (TypeError, ValueError):
        page = 1
    return CatalogueQuery(q=q, filters=filters, sort=sort, page=min(max(page, 1), MAX_PAGE))
