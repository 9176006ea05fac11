"""The document picker of the design editor: "Find in the knowledge centre" when adding a material,
a source of the needs assessment or a reference to a design.

`knowledge:pick?q=…&target=…` returns a partial of at most ten matching documents that the user may
see, as radio buttons named `document`, for htmx to swap into the editor's form. Without JavaScript,
the design editor renders the same partial itself with `pick_context()` (its "Find" button reloads
the editor's page with `?q=`). An internal tool: login required; 404 for those who may edit no design
(the design app's editors are the administrators and the programmes' managers, the same people as
`scoping.may_manage`: this app may not ask the design app).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from relais.knowledge import scoping
from relais.knowledge.models import Document, DocumentTitle

logger = logging.getLogger(__name__)

PICK_LIMIT = 10
MAX_WORDS = 8
_TARGET = re.compile(r"^[a-z][a-z0-9-]{0,29}$")
_DOI = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)?(10\.\S+)$", re.IGNORECASE)


def may_pick(user: Any) -> bool:
    """Whoever may edit some design: administrators and programme managers."""
    return scoping.may_manage(user)


def user_language() -> str:
    return (get_language() or "en").split("-")[0].lower()


def localise_titles(documents: Iterable[Document], language: str | None = None) -> None:
    """Set `display_title` on each document: its title in `language` (default: the active one) when
    it has one (DocumentTitle), else its own title. One query."""
    documents = list(documents)
    language = language or user_language()
    others = {d.pk for d in documents if d.language != language}  # a document already in this language needs no look-up
    titles = (
        dict(
            DocumentTitle.objects.filter(document_id__in=others, language=language).values_list("document_id", "title")
        )
        if others
        else {}
    )
    for d in documents:
        d.display_title = titles.get(d.pk) or d.title  # type: ignore[attr-defined]


def _found_by_search(*, user: Any, query: str, limit: int) -> list[int]:
    """Ids of the documents the search engine finds, best first (accents, case, stemming and the
    titles in every language taken care of); none when the replica cannot answer."""
    from relais.knowledge.search import SearchParams, search_documents

    try:
        result = search_documents(SearchParams(q=query, per_page=limit), audience=scoping.audience(user))
    except Exception:  # a replica missing or being rebuilt: the database answers alone
        logger.warning("document picker: search unavailable, database only", exc_info=True)
        return []
    return [hit.document_id for hit in result.hits]


def _found_in_database(qs: QuerySet[Document], query: str) -> QuerySet[Document]:
    """Documents whose title (in any language) or authors hold every word of `query`, or whose DOI it is."""
    doi = _DOI.match(query)
    if doi:
        return qs.filter(doi__iexact=doi[1])
    for word in query.split()[:MAX_WORDS]:
        other_title = DocumentTitle.objects.filter(document=OuterRef("pk"), title__icontains=word)
        qs = qs.filter(Q(title__icontains=word) | Q(authors__icontains=word) | Exists(other_title))
    return qs


def documents_matching(*, user: Any, query: str, limit: int = PICK_LIMIT) -> tuple[list[Document], bool]:
    """Documents the user may see that match `query`: first those the search engine finds (best
    first), then those whose title, author or DOI matches in the database (newest first: documents
    not indexed yet are found too). At most `limit`, and whether there are more."""
    query = " ".join((query or "").split())[:200]
    if not query:
        return [], False
    visible: QuerySet[Document] = scoping.documents_visible(user)
    ids = [] if _DOI.match(query) else _found_by_search(user=user, query=query, limit=limit + 1)
    by_id = {d.pk: d for d in visible.filter(pk__in=ids)} if ids else {}
    rows = [by_id[i] for i in ids if i in by_id]
    if len(rows) <= limit:
        more = _found_in_database(visible, query).exclude(pk__in=list(by_id)).order_by("-year", "title", "id")
        rows += list(more[: limit + 1 - len(rows)])
    return rows[:limit], len(rows) > limit


def clean_target(value: str | None) -> str:
    """The prefix of the radio buttons' ids (several pickers may share a page)."""
    value = (value or "").strip().lower()
    return value if _TARGET.match(value) else "pick"


def pick_context(*, user: Any, query: str, target: str, selected: Document | None = None) -> dict[str, Any]:
    """What knowledge/partials/pick.html needs, under the key `pick`. `selected` (a document chosen
    before a form came back with an error) is listed first and checked."""
    query = " ".join((query or "").split())[:200]
    documents, more = documents_matching(user=user, query=query)
    if selected is not None:
        documents = [selected, *(d for d in documents if d.pk != selected.pk)]
    localise_titles(documents)
    return {
        "pick": {
            "q": query,
            "target": clean_target(target),
            "documents": documents,
            "more": more,
            "limit": PICK_LIMIT,
            "selected": selected.pk if selected is not None else None,
        }
    }


@login_required
@require_GET
def pick(request: HttpRequest) -> HttpResponse:
    if not may_pick(request.user):
        raise Http404
    context = pick_context(user=request.user, query=request.GET.get("q", ""), target=request.GET.get("target", ""))
    return render(request, "knowledge/partials/pick.html", context)
