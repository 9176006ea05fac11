"""Who sees and who manages the knowledge centre (DESIGN.md §1).

- Public documents and collections: everyone, signed in or not.
- Internal ones: the staff of any programme (every role but viewer) and administrators. Viewers
  (donors, partners), accounts without a role and the public see public ones only; for them an
  internal document does not exist (404 in pages, absent from search, facets and counts).
- Managing the catalogue (documents, files, collections, imports): administrators and programme
  managers.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from relais.knowledge.models import Access, Collection, Document

PUBLIC = "public"
INTERNAL = "internal"


def _roles(user: Any) -> frozenset[str]:
    from relais.programmes.selectors import roles_held

    return roles_held(user)


def sees_internal(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "is_administrator", False):
        return True
    return bool(_roles(user) - {"viewer"})


def audience(user: Any) -> str:
    """What the search may return to this user: "internal" (everything) or "public"."""
    return INTERNAL if sees_internal(user) else PUBLIC


def may_manage(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(getattr(user, "is_administrator", False) or "manager" in _roles(user))


def documents_visible(user: Any) -> QuerySet[Document]:
    qs = Document.objects.all()
    return qs if sees_internal(user) else qs.filter(access=Access.PUBLIC)


def document_get(*, user: Any, pk: int) -> Document:
    try:
        return documents_visible(user).get(pk=pk)
    except Document.DoesNotExist:
        raise Http404 from None


def document_for_managing(*, user: Any, pk: int) -> Document:
    if not may_manage(user):
        raise Http404
    return document_get(user=user, pk=pk)


def collections_visible(user: Any) -> QuerySet[Collection]:
    qs = Collection.objects.all()
    return qs if sees_internal(user) else qs.filter(access=Access.PUBLIC)


def collection_get(*, user: Any, pk: int) -> Collection:
    try:
        return collections_visible(user).get(pk=pk)
    except Collection.DoesNotExist:
        raise Http404 from None


def collection_for_managing(*, user: Any, pk: int) -> Collection:
    if not may_manage(user):
        raise Http404
    return collection_get(user=user, pk=pk)
