"""Permission-aware reads of programmes. Whoever may not see a programme gets 404 (Http404).

Scopes (DESIGN.md §1): administrators see every programme; everyone else sees the programmes in
which they hold a role; country coordinators are further limited to their countries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, Prefetch, Q, QuerySet, Value, When
from django.http import Http404

from relais.core.models import Country
from relais.core.request_memo import remember
from relais.programmes.models import Programme, ProgrammeCountry, ProgrammeRole, Role, RouteRole

ADMINISTRATOR = "administrator"
# Roles in the order people expect them: who runs the programme first.
ROLE_RANK = Case(*(When(role=role, then=Value(i)) for i, role in enumerate(Role.values)), default=Value(99))


@dataclass(frozen=True)
class Scope:
    """What one user may do in one programme."""

    roles: frozenset[str]
    countries: frozenset[int] | None  # None: every country of the programme

    @property
    def is_manager(self) -> bool:
        return bool(self.roles & {ADMINISTRATOR, Role.MANAGER})

    def has(self, *roles: str) -> bool:
        return bool(self.roles & set(roles)) or ADMINISTRATOR in self.roles

    def covers_country(self, country_id: int) -> bool:
        return self.countries is None or country_id in self.countries


def roles_held(user: Any) -> frozenset[str]:
    """The roles a user holds in any programme, read once per request (cached on the user object),
    for the menu and the home page, which ask several times. Kept on the object rather than in the
    request memo (roles_with_countries) so that templates rendered outside a request ask once too."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_relais_roles_held", None)
    if cached is None:
        cached = frozenset(ProgrammeRole.objects.filter(user=user).values_list("role", flat=True).distinct())
        user._relais_roles_held = cached
    return cached


@dataclass(frozen=True)
class HeldRole:
    programme_id: int
    role: str
    country_ids: frozenset[int]


def roles_with_countries(user: Any) -> tuple[HeldRole, ...]:
    """Every role the user holds, with its countries (one query, once per request: the scoping
    functions of every panel on a page ask)."""

    def read() -> tuple[HeldRole, ...]:
        rows = (
            ProgrammeRole.objects.filter(user=user)
            .order_by("pk")
            .values_list("pk", "programme_id", "role", "countries")
        )
        grouped: dict[int, tuple[int, str, set[int]]] = {}
        for pk, programme_id, role, country_id in rows:
            entry = grouped.setdefault(pk, (programme_id, role, set()))
            if country_id is not None:
                entry[2].add(country_id)
        return tuple(HeldRole(p, r, frozenset(c)) for p, r, c in grouped.values())

    return remember(("roles_with_countries", user.pk), read)


def _visible_programme_ids(user: Any) -> QuerySet[Any]:
    return ProgrammeRole.objects.filter(user=user).values("programme_id")


def programme_list(*, user: Any, query: str = "") -> QuerySet[Programme]:
    """Programmes this user may see, with the figures the lists show (a fixed number of queries)."""
    if not user.is_authenticated:
        return Programme.objects.none()
    qs = Programme.objects.all()
    if not user.is_administrator:
        qs = qs.filter(pk__in=_visible_programme_ids(user))
    if query:
        qs = qs.filter(
            Q(title_en__icontains=query)
            | Q(title_fr__icontains=query)
            | Q(code__icontains=query)
            | Q(donor__icontains=query)
        )
    return (
        qs.annotate(
            n_countries=Count("programme_countries", distinct=True),
            n_origin=Count(
                "programme_countries",
                filter=Q(programme_countries__route_role=RouteRole.ORIGIN),
                distinct=True,
            ),
            n_transit=Count(
                "programme_countries",
                filter=Q(programme_countries__route_role=RouteRole.TRANSIT),
                distinct=True,
            ),
            n_destination=Count(
                "programme_countries",
                filter=Q(programme_countries__route_role=RouteRole.DESTINATION),
                distinct=True,
            ),
        )
        .prefetch_related(
            "themes",
            Prefetch("roles", queryset=ProgrammeRole.objects.filter(user=user), to_attr="my_roles"),
        )
        .order_by("-start_date", "code")
    )  # explicit: Meta.ordering is dropped from GROUP BY queries


def programme_get(*, user: Any, pk: int) -> Programme:
    try:
        return programme_list(user=user).get(pk=pk)
    except Programme.DoesNotExist:
        raise Http404 from None


def programme_get_managed(*, user: Any, pk: int) -> Programme:
    """A programme this user manages (administrators and the programme's managers); 404 for everyone else."""
    programme = programme_get(user=user, pk=pk)
    if not programme_scope(user=user, programme=programme).is_manager:
        raise Http404
    return programme


def user_has_programme_role(user: Any) -> bool:
    """Whether the user holds a role in some programme (administrators count as holding them all).

    Asked by the menu on every page: remembered on the user object for the rest of the request.
    """
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(getattr(user, "is_administrator", False) or roles_held(user))


def programme_scope(*, user: Any, programme: Programme) -> Scope:
    if getattr(user, "is_administrator", False):
        return Scope(roles=frozenset({ADMINISTRATOR}), countries=None)
    roles = [r for r in roles_with_countries(user) if r.programme_id == programme.pk]
    if not roles:
        raise Http404
    names = frozenset(r.role for r in roles)
    if names & {Role.MANAGER, Role.ME_OFFICER, Role.VIEWER}:
        return Scope(roles=names, countries=None)
    # Coordinators (and trainers given countries) reach their countries; a trainer without countries
    # reaches no country as a whole, only the sessions they train (checked where sessions are read).
    return Scope(roles=names, countries=frozenset(c for r in roles for c in r.country_ids))


def programme_countries(*, programme: Programme) -> dict[str, list[ProgrammeCountry]]:
    """The programme's countries grouped by their role on the route, in route order."""
    grouped: dict[str, list[ProgrammeCountry]] = {r.value: [] for r in RouteRole}
    rows = ProgrammeCountry.objects.filter(programme=programme).select_related("country")
    for pc in sorted(rows, key=lambda pc: pc.country.name):
        grouped[pc.route_role].append(pc)
    return grouped


def roles_limited_to(*, programme: Programme, country_ids: set[int]) -> list[tuple[str, str]]:
    """(person, country) for the roles in the programme limited to one of these countries."""
    through = ProgrammeRole.countries.through
    rows = (
        through.objects.filter(programmerole__programme=programme, country_id__in=country_ids)
        .select_related("programmerole__user", "country")
        .order_by("programmerole__user__full_name", "country__name_en")
    )
    return [(str(row.programmerole.user), row.country.name) for row in rows]


def programme_team(*, user: Any, programme: Programme, scope: Scope | None = None) -> QuerySet[ProgrammeRole] | None:
    """The people holding roles in the programme: shown to its managers and administrators only."""
    if not (scope or programme_scope(user=user, programme=programme)).is_manager:
        return None
    return (
        ProgrammeRole.objects.filter(programme=programme, user__is_active=True)
        .select_related("user")
        .prefetch_related("countries")
        .alias(rank=ROLE_RANK)
        .order_by("rank", "user__full_name")
    )


def roles_of_user(*, actor: Any, subject: Any) -> QuerySet[ProgrammeRole]:
    """A user's roles, for the administrators' user page."""
    from relais.core.selectors import ensure_administrator

    ensure_administrator(actor)
    return (
        ProgrammeRole.objects.filter(user=subject)
        .select_related("programme")
        .prefetch_related("countries")
        .order_by("programme__code", "role")
    )


def countries_in_programmes() -> QuerySet[Country]:
    return Country.objects.filter(programmes__isnull=False, is_active=True).distinct().order_by(Country.order_field())


def active_user_by_email(email: str) -> Any:
    """The active account with exactly this e-mail address (ignoring case), or None."""
    from relais.accounts.models import User, normalise_email

    return User.objects.filter(email__iexact=normalise_email(email), is_active=True).first()
