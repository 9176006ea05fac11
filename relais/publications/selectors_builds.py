"""Reads of publication builds for the pages: the index (programmes the user sees, with the builds
they may see, in a fixed number of queries), a build's parameters as the page shows them, and the
builds published to the public. Who sees what: scoping.py (DESIGN.md §1)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from relais.delivery.models import Session
from relais.programmes.models import Programme, ProgrammeRole
from relais.publications.models import BuildStatus, PublicationBuild, Visibility
from relais.publications.scoping import BUILDERS, is_admin

INDEX_BUILDS_CAP = 300  # newest builds listed on the index, over all programmes
SESSIONS_SHOWN = 30

# What a list needs of a build (never the preview's HTML).
LIST_FIELDS = (
    "pk",
    "kind",
    "programme_id",
    "design_id",
    "title",
    "language",
    "status",
    "progress",
    "visibility",
    "published_at",
    "created_at",
    "finished_at",
)


@dataclass
class ProgrammeBuilds:
    programme: Programme
    may_build: bool
    builds: list[PublicationBuild] = field(default_factory=list)


def index_rows(*, user: Any) -> list[ProgrammeBuilds]:
    """The programmes `user` sees, each with the builds `user` may see (newest first): the staff
    see every build, viewers the published ones."""
    if not getattr(user, "is_authenticated", False):
        return []
    roles: dict[int, set[str]] = {}
    if is_admin(user):
        programmes = list(Programme.objects.order_by("-start_date", "code"))
        for p in programmes:
            roles[p.pk] = {"admin"}
    else:
        for programme_id, role in ProgrammeRole.objects.filter(user=user).values_list("programme_id", "role"):
            roles.setdefault(programme_id, set()).add(role)
        programmes = list(Programme.objects.filter(pk__in=roles).order_by("-start_date", "code"))
    staff = [pk for pk, held in roles.items() if held - {"viewer"}]
    viewing = [pk for pk, held in roles.items() if not held - {"viewer"}]
    builds = (
        PublicationBuild.objects.filter(
            Q(programme_id__in=staff)
            | Q(programme_id__in=viewing, visibility__in=[Visibility.PROGRAMME, Visibility.PUBLIC])
        )
        .only(*LIST_FIELDS)
        .order_by("-created_at", "-id")[:INDEX_BUILDS_CAP]
    )
    rows = {p.pk: ProgrammeBuilds(programme=p, may_build=bool(roles[p.pk] & {"admin", *BUILDERS})) for p in programmes}
    for build in builds:
        rows[build.programme_id].builds.append(build)
    return list(rows.values())


def build_sessions(build: PublicationBuild) -> tuple[list[Session], int]:
    """The sessions a build was restricted to (the first SESSIONS_SHOWN, by date) and how many."""
    ids = (build.parameters or {}).get("session_ids") or []
    if not ids:
        return [], 0
    sessions = list(
        Session.objects.filter(programme_id=build.programme_id, pk__in=ids)
        .select_related("country")
        .order_by("start_date", "pk")[:SESSIONS_SHOWN]
    )
    return sessions, len(ids)


def public_builds() -> QuerySet[PublicationBuild]:
    return (
        PublicationBuild.objects.filter(visibility=Visibility.PUBLIC, status=BuildStatus.DONE)
        .select_related("programme")
        .only(*LIST_FIELDS, "programme__code", "programme__title_en", "programme__title_fr", "pdf", "docx", "archive")
        .order_by("-published_at", "-id")
    )


def public_build_get(*, pk: int) -> PublicationBuild:
    """A build published to the public, else Http404 (whoever asks)."""
    try:
        return (
            PublicationBuild.objects.select_related("programme", "design")
            .filter(visibility=Visibility.PUBLIC, status=BuildStatus.DONE)
            .get(pk=pk)
        )
    except PublicationBuild.DoesNotExist:
        raise Http404 from None
