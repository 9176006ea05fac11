"""Who may see and change which sessions and people (DESIGN.md §1). Everything in delivery reads
through these functions, so a coordinator of country A never reaches country B — not in pages, not
in exports, not with a guessed id (404).

- Sessions: administrators see all; programme managers and M&E officers the sessions of their
  programmes; country coordinators those of their countries in their programmes; trainers the
  sessions they train. Viewers see none (aggregates only, elsewhere).
- Managing a session (edit, cancel, registrations, imports): administrators, the programme's
  managers, the coordinators of the session's country. Trainers record attendance of their sessions.
- People (personal data): administrators; managers: people registered in their programmes' sessions
  or from their programmes' countries; coordinators: people of their countries or registered in
  their sessions; trainers: people registered in the sessions they train (read only). M&E officers
  and viewers see no personal data.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from relais.delivery.models import Person, Registration, Session
from relais.programmes.models import ProgrammeCountry, ProgrammeRole, Role
from relais.programmes.selectors import roles_held, roles_with_countries


def _roles(user: Any) -> QuerySet[ProgrammeRole]:
    return ProgrammeRole.objects.filter(user=user)


def _coordinator_pairs(user: Any) -> list[tuple[int, int]]:
    """(programme_id, country_id) pairs a coordinator covers."""
    coordinating = [r for r in roles_with_countries(user) if r.role == Role.COORDINATOR]
    return [(r.programme_id, country) for r in coordinating for country in r.country_ids]


def _pairs_q(pairs: list[tuple[int, int]], prefix: str = "") -> Q:
    q = Q(pk__in=[])
    for programme_id, country_id in pairs:
        q |= Q(**{f"{prefix}programme_id": programme_id, f"{prefix}country_id": country_id})
    return q


def sessions_visible(*, user: Any) -> QuerySet[Session]:
    if not getattr(user, "is_authenticated", False):
        return Session.objects.none()
    if user.is_administrator:
        return Session.objects.all()
    whole = _roles(user).filter(role__in=[Role.MANAGER, Role.ME_OFFICER]).values("programme_id")
    q = Q(programme_id__in=whole) | Q(trainers=user) | _pairs_q(_coordinator_pairs(user))
    return Session.objects.filter(pk__in=Session.objects.filter(q).values("pk"))


def sessions_manageable(*, user: Any) -> QuerySet[Session]:
    if not getattr(user, "is_authenticated", False):
        return Session.objects.none()
    if user.is_administrator:
        return Session.objects.all()
    managed = _roles(user).filter(role=Role.MANAGER).values("programme_id")
    q = Q(programme_id__in=managed) | _pairs_q(_coordinator_pairs(user))
    return Session.objects.filter(pk__in=Session.objects.filter(q).values("pk"))


def session_get(*, user: Any, pk: int) -> Session:
    try:
        return sessions_visible(user=user).select_related("design", "programme", "country").get(pk=pk)
    except Session.DoesNotExist:
        raise Http404 from None


def session_for_managing(*, user: Any, pk: int) -> Session:
    try:
        return sessions_manageable(user=user).select_related("design", "programme", "country").get(pk=pk)
    except Session.DoesNotExist:
        raise Http404 from None


def may_manage(*, user: Any, session: Session) -> bool:
    return sessions_manageable(user=user).filter(pk=session.pk).exists()


def may_record_attendance(*, user: Any, session: Session) -> bool:
    return may_manage(user=user, session=session) or session.trainers.filter(pk=user.pk).exists()


def programmes_for_sessions(*, user: Any) -> QuerySet[Any]:
    """Programmes in which the user may create sessions (managers; coordinators for their countries)."""
    from relais.programmes.models import Programme

    if user.is_administrator:
        return Programme.objects.order_by("code")
    ids = _roles(user).filter(role__in=[Role.MANAGER, Role.COORDINATOR]).values("programme_id")
    return Programme.objects.filter(pk__in=ids).order_by("code")


def countries_for_sessions(*, user: Any, programme: Any) -> QuerySet[Any]:
    """Countries of a programme in which the user may create sessions."""
    from relais.core.models import Country

    countries = Country.objects.filter(pk__in=ProgrammeCountry.objects.filter(programme=programme).values("country_id"))
    if user.is_administrator or _roles(user).filter(role=Role.MANAGER, programme=programme).exists():
        return countries
    allowed = [c for p, c in _coordinator_pairs(user) if p == programme.pk]
    return countries.filter(pk__in=allowed)


def _registered(sessions: Q | QuerySet[Session]) -> Q:
    """People registered in these sessions, as `pk IN (subquery)`: joining every person to their
    registrations and sessions (then DISTINCT) scanned all of them at every search (size L: 75,000
    people, 75,000 registrations, 100–300 ms a query for a coordinator)."""
    sessions_qs = sessions if isinstance(sessions, QuerySet) else Session.objects.filter(sessions)
    return Q(pk__in=Registration.objects.filter(session__in=sessions_qs.values("pk")).values("person_id"))


def _people_q(user: Any, *, trained: bool) -> Q:
    managed = sorted({r.programme_id for r in roles_with_countries(user) if r.role == Role.MANAGER})
    pairs = _coordinator_pairs(user)
    q = Q(pk__in=[])
    if managed:
        q |= _registered(Q(programme_id__in=managed))
        q |= Q(country_id__in=ProgrammeCountry.objects.filter(programme_id__in=managed).values("country_id"))
    if pairs:
        q |= Q(country_id__in=sorted({c for _p, c in pairs}))
        q |= _registered(_pairs_q(pairs))
    if trained:
        q |= _registered(Session.objects.filter(trainers=user))
    return q


def people_visible(*, user: Any) -> QuerySet[Person]:
    if not getattr(user, "is_authenticated", False):
        return Person.objects.none()
    if user.is_administrator:
        return Person.objects.all()
    return Person.objects.filter(_people_q(user, trained=True))


def people_editable(*, user: Any) -> QuerySet[Person]:
    """People whose record the user may change: as visible, but trainers only read."""
    if not getattr(user, "is_authenticated", False):
        return Person.objects.none()
    if user.is_administrator:
        return Person.objects.all()
    if not roles_held(user) & {Role.MANAGER, Role.COORDINATOR}:
        return Person.objects.none()
    return Person.objects.filter(_people_q(user, trained=False))


def person_get(*, user: Any, pk: int) -> Person:
    try:
        return people_visible(user=user).select_related("country", "organisation", "profession").get(pk=pk)
    except Person.DoesNotExist:
        raise Http404 from None


def person_for_editing(*, user: Any, pk: int) -> Person:
    try:
        return people_editable(user=user).get(pk=pk)
    except Person.DoesNotExist:
        raise Http404 from None


def may_see_personal_data(*, user: Any) -> bool:
    """Roles that see names and contacts at all (M&E officers and viewers see aggregates only)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_administrator or roles_held(user) & {Role.MANAGER, Role.COORDINATOR, Role.TRAINER})


def registrations_visible(*, user: Any) -> QuerySet[Registration]:
    return Registration.objects.filter(session__in=sessions_visible(user=user))
