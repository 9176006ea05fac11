"""Reads of the catalogue pages, scoped by `scoping` (an internal document or collection does not
exist for those who may not see it: not in lists, not in counts).

Each function reads a fixed number of queries, whatever the number of rows."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf.locale import LANG_INFO
from django.db.models import Count, Q, QuerySet
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from relais.core.models import Country, Language, Profession, Theme
from relais.knowledge.models import Access, Collection, CollectionItem, Document, DocumentKind, DocumentTitle
from relais.knowledge.scoping import collections_visible, documents_visible, sees_internal
from relais.knowledge.text import sanitise_html

FACET_LEGENDS = {
    "kind": gettext_lazy("Type"),
    "theme": gettext_lazy("Theme"),
    "language": gettext_lazy("Language"),
    "year": gettext_lazy("Year"),
    "country": gettext_lazy("Country"),
    "audience": gettext_lazy("Audience"),
}
FACET_SHOWN = 8  # options shown before "more"


def _french() -> bool:
    return (get_language() or "en")[:2] == "fr"


@dataclass(frozen=True)
class Reference:
    """Names of the reference codes a search returns, in the user's language (code -> name)."""

    themes: dict[str, str]
    countries: dict[str, str]
    audiences: dict[str, str]
    languages: dict[str, str]

    def language(self, code: str) -> str:
        if code in self.languages:
            return self.languages[code]
        info = LANG_INFO.get(code)
        if info and "name" in info:
            return _(info["name"])
        return code

    def label(self, facet: str, value: str) -> str:
        if facet == "kind":
            return str(DocumentKind(value).label) if value in DocumentKind.values else value
        if facet == "language":
            return self.language(value)
        table = {"theme": self.themes, "country": self.countries, "audience": self.audiences}.get(facet)
        return table.get(value, value) if table is not None else value

    def knows(self, facet: str, value: str) -> bool:
        table = {"theme": self.themes, "country": self.countries, "audience": self.audiences}[facet]
        return value in table


def _names(model: Any) -> dict[str, str]:
    french = _french()
    return {
        code: (fr if french and fr else en)
        for code, en, fr in model.objects.order_by().values_list("code", "name_en", "name_fr")
    }


def reference_labels() -> Reference:
    """Four small queries (the reference tables hold a few hundred rows at most)."""
    return Reference(
        themes=_names(Theme), countries=_names(Country), audiences=_names(Profession), languages=_names(Language)
    )


# Search results ------------------------------------------------------------------------------


def documents_for_hits(*, user: Any, ids: Iterable[int]) -> dict[int, Document]:
    """The Document rows of a page of hits, in ONE query, checked against what the user may see (a
    replica a moment behind the database never shows a document that is now internal)."""
    ids = list(ids)
    if not ids:
        return {}
    rows = (
        documents_visible(user)
        .filter(pk__in=ids)
        .only("id", "kind", "title", "language", "languages", "authors", "year", "access", "publisher")
    )
    return {d.pk: d for d in rows}


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    slug: str


@dataclass
class FacetGroup:
    name: str
    legend: str
    options: list[FacetOption] = field(default_factory=list)

    @property
    def shown(self) -> list[FacetOption]:
        # The selected ones stay in view even past the first few.
        head = self.options[:FACET_SHOWN]
        return head + [o for o in self.options[FACET_SHOWN:] if o.selected]

    @property
    def more(self) -> list[FacetOption]:
        return [o for o in self.options[FACET_SHOWN:] if not o.selected]

    @property
    def selected_count(self) -> int:
        return sum(1 for o in self.options if o.selected)


def _slug(name: str, value: str) -> str:
    return f"kn-f-{name}-" + re.sub(r"[^A-Za-z0-9_-]", "-", value)


def facet_groups(
    facets: dict[str, list[tuple[str, int]]], selected: dict[str, list[str]], reference: Reference
) -> list[FacetGroup]:
    """The search's facets as checkbox groups with names and counts; a selected value the search
    did not count (no document left with it) is still shown, checked, so it can be unticked."""
    groups = []
    for name, legend in FACET_LEGENDS.items():
        counts = dict(facets.get(name, []))
        chosen = selected.get(name, [])
        for value in chosen:
            counts.setdefault(value, 0)
        options = [
            FacetOption(
                value=value,
                label=reference.label(name, value),
                count=count,
                selected=value in chosen,
                slug=_slug(name, value),
            )
            for value, count in counts.items()
        ]
        if name == "year":
            options.sort(key=lambda o: o.value, reverse=True)
        else:
            options.sort(key=lambda o: (-o.count, o.label.casefold()))
        if options:
            groups.append(FacetGroup(name=name, legend=str(legend), options=options))
    return groups


# A document's page ---------------------------------------------------------------------------


@dataclass
class DocumentView:
    """What a document's page shows beside the document itself."""

    title: str
    title_lang: str  # the language of the title shown
    abstract: str  # stored sanitised HTML
    abstract_lang: str
    other_titles: list[tuple[str, str, str]]  # (language name, language code, title)
    languages: list[str]  # names
    themes: list[str]
    countries: list[str]
    audiences: list[str]
    translations: list[tuple[Document, str]]  # (document, language name)
    collections: list[Collection]


def document_view(*, user: Any, document: Document, reference: Reference) -> DocumentView:
    lang = (get_language() or "en")[:2]
    titles: list[DocumentTitle] = list(document.titles.all())
    own = next((t for t in titles if t.language == lang and lang != document.language), None)
    if own is not None:
        title, title_lang = own.title, own.language
        abstract, abstract_lang = (
            (own.abstract, own.language) if own.abstract else (document.abstract, document.language)
        )
        others = [(reference.language(document.language), document.language, document.title)]
    else:
        title, title_lang = document.title, document.language
        abstract, abstract_lang = document.abstract, document.language
        others = []
    others += [(reference.language(t.language), t.language, t.title) for t in titles if t is not own]
    translations: list[tuple[Document, str]] = []
    if document.translation_group_id:
        siblings = (
            documents_visible(user)
            .filter(translation_group_id=document.translation_group_id)
            .exclude(pk=document.pk)
            .only("id", "title", "language", "access")
            .order_by("language", "id")
        )
        translations = [(d, reference.language(d.language)) for d in siblings]
    collections = list(
        collections_visible(user).filter(items__document=document).distinct().only("id", "title", "access")
    )
    french = _french()

    def names(rows: Iterable[Any]) -> list[str]:
        return sorted(((r.name_fr if french and r.name_fr else r.name_en) for r in rows), key=str.casefold)

    return DocumentView(
        title=title,
        title_lang=title_lang,
        # Stored sanitised; cleaned again as it is shown, in case a row was written around the services.
        abstract=sanitise_html(abstract),
        abstract_lang=abstract_lang,
        other_titles=others,
        languages=[reference.language(code) for code in (document.languages or [document.language]) if code],
        themes=names(document.themes.all()),
        countries=names(document.countries.all()),
        audiences=names(document.audiences.all()),
        translations=translations,
        collections=collections,
    )


# Collections ---------------------------------------------------------------------------------


def _visible_items_filter(user: Any) -> Q | None:
    return None if sees_internal(user) else Q(items__document__access=Access.PUBLIC)


def collections_with_counts(*, user: Any) -> QuerySet[Collection]:
    """Collections the user may see, each with `n_documents`: the documents in it the user may see
    (a public collection may hold internal documents; they are not counted for the public)."""
    visible = _visible_items_filter(user)
    count = Count("items", filter=visible) if visible is not None else Count("items")
    return collections_visible(user).annotate(n_documents=count).order_by("title", "id")


def collection_documents(*, user: Any, collection: Collection) -> list[Document]:
    """The documents of a collection in their order, those the user may see only (one query)."""
    items = (
        CollectionItem.objects.filter(collection=collection, document__in=documents_visible(user))
        .select_related("document")
        .order_by("position", "id")
    )
    return [item.document for item in items]
