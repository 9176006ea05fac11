"""Who sees and who builds publications (DESIGN.md §1).

- The dashboard of a programme: everyone with a role in it (viewers see aggregates with small
  figures suppressed: `relais.evaluation.scoping.results_scope` decides).
- Building a report or a kit: administrators, the programme's managers and M&E officers.
- A build: the programme's staff (every role but viewer) see all its builds; viewers see the
  builds published to the programme or to the public; the public (no login) sees builds published
  to the public only. Everyone else gets 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from relais.programmes.models import Programme
from relais.publications.models import PublicationBuild, Visibility

BUILDERS = ("manager", "me_officer")


def _roles_in(user: Any, programme_id: int) -> frozenset[str]:
    from relais.programmes.models import ProgrammeRole

    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cache: dict[int, frozenset[str]] = user.__dict__.setdefault("_relais_pub_roles", {})
    if programme_id not in cache:
        cache[programme_id] = frozenset(
            ProgrammeRole.objects.filter(user=user, programme_id=programme_id).values_list("role", flat=True)
        )
    return cache[programme_id]


def is_admin(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_administrator", False))


def may_see_programme(user: Any, programme_id: int) -> bool:
    return is_admin(user) or bool(_roles_in(user, programme_id))


def may_build(user: Any, programme_id: int) -> bool:
    return is_admin(user) or bool(_roles_in(user, programme_id) & set(BUILDERS))


def is_staff_of(user: Any, programme_id: int) -> bool:
    return is_admin(user) or bool(_roles_in(user, programme_id) - {"viewer"})


def programme_for_dashboard(*, user: Any, pk: int) -> Programme:
    if not may_see_programme(user, pk):
        raise Http404
    try:
        return Programme.objects.get(pk=pk)
    except Programme.DoesNotExist:
        raise Http404 from None


def programme_for_building(*, user: Any, pk: int) -> Programme:
    if not may_build(user, pk):
        raise Http404
    try:
        return Programme.objects.get(pk=pk)
    except Programme.DoesNotExist:
        raise Http404 from None


def builds_visible(user: Any, programme_id: int) -> QuerySet[PublicationBuild]:
    qs = PublicationBuild.objects.filter(programme_id=programme_id)
    if is_staff_of(user, programme_id):
        return qs
    if may_see_programme(user, programme_id):
        return qs.filter(visibility__in=[Visibility.PROGRAMME, Visibility.PUBLIC])
    return qs.filter(visibility=Visibility.PUBLIC)


def build_get(*, user: Any, pk: int) -> PublicationBuild:
    try:
        build = PublicationBuild.objects.select_related("programme", "design").get(pk=pk)
    except PublicationBuild.DoesNotExist:
        raise Http404 from None
    if build.visibility == Visibility.PUBLIC:
        return build
    if build.visibility == Visibility.PROGRAMME and may_see_programme(user, build.programme_id):
        return build
    if is_staff_of(user, build.programme_id):
        return build
    raise Http404


def build_for_managing(*, user: Any, pk: int) -> PublicationBuild:
    build = build_get(user=user, pk=pk)
    if not may_build(user, build.programme_id):
        raise Http404
    return build
