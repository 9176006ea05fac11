"""Reads of the item library: who sees which library items, who may remove them, and the filtered list.

- Seeing the library: administrators, and everyone holding a staff role in a programme (managers,
  coordinators, trainers, M&E officers) — viewers and outsiders get 404. Each sees the items shared
  with all programmes and those of the programmes they belong to.
- Removing an item: administrators; a programme's managers for that programme's items (not the items
  shared with all programmes). Marking an item standard: administrators only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from relais.evaluation.models import LibraryItem
from relais.programmes.models import Programme, ProgrammeRole, Role

STAFF_ROLES = (Role.MANAGER, Role.COORDINATOR, Role.TRAINER, Role.ME_OFFICER)


def may_use_library(*, user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_administrator or ProgrammeRole.objects.filter(user=user, role__in=STAFF_ROLES).exists())


def library_programmes(*, user: Any) -> QuerySet[Programme]:
    """Programmes whose library items the user sees."""
    if user.is_administrator:
        return Programme.objects.order_by("code")
    ids = ProgrammeRole.objects.filter(user=user).values("programme_id")
    return Programme.objects.filter(pk__in=ids).order_by("code")


def library_visible(*, user: Any) -> QuerySet[LibraryItem]:
    if not may_use_library(user=user):
        return LibraryItem.objects.none()
    if user.is_administrator:
        return LibraryItem.objects.all()
    ids = ProgrammeRole.objects.filter(user=user).values("programme_id")
    return LibraryItem.objects.filter(Q(programme__isnull=True) | Q(programme_id__in=ids))


def library_item_get(*, user: Any, pk: int) -> LibraryItem:
    try:
        return library_visible(user=user).select_related("programme").get(pk=pk)
    except LibraryItem.DoesNotExist:
        raise Http404 from None


def may_delete(*, user: Any, library_item: LibraryItem) -> bool:
    if user.is_administrator:
        return True
    if library_item.programme_id is None:
        return False
    return ProgrammeRole.objects.filter(user=user, programme_id=library_item.programme_id, role=Role.MANAGER).exists()


def managed_programme_ids(*, user: Any) -> set[int]:
    return set(ProgrammeRole.objects.filter(user=user, role=Role.MANAGER).values_list("programme_id", flat=True))


def library_item_for_deleting(*, user: Any, pk: int) -> LibraryItem:
    """A library item the user may remove (404 otherwise, even when they see it)."""
    item = library_item_get(user=user, pk=pk)
    if not may_delete(user=user, library_item=item):
        raise Http404
    return item


@dataclass(frozen=True)
class LibraryFilters:
    programme: str = ""  # "" any, "all" shared with all programmes, or a programme id
    kind: str = ""
    type: str = ""
    q: str = ""


def library_list(*, user: Any, filters: LibraryFilters) -> QuerySet[LibraryItem]:
    """The library items the user sees, filtered, with their programme and how often they are used."""
    qs = library_visible(user=user).select_related("programme").annotate(use_count=Count("uses"))
    if filters.programme == "all":
        qs = qs.filter(programme__isnull=True)
    elif filters.programme.isdigit():
        qs = qs.filter(programme_id=int(filters.programme))
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.type:
        qs = qs.filter(type=filters.type)
    if filters.q.strip():
        qs = qs.filter(text__icontains=filters.q.strip())
    return qs.order_by("kind", "text", "id")
