"""Who may see and change what in evaluation (DESIGN.md §1). Every evaluation page reads through
these functions; what a user may not see is 404.

- A session's questionnaires and results: whoever sees the session (delivery.scoping) — managers,
  M&E officers, the coordinators of its country, its trainers, administrators.
- Building questionnaires, inviting, typing in paper answers, importing answers: whoever manages the
  session (administrators, the programme's managers, the coordinators of its country) and its trainers.
- Who answered what (names): roles that see personal data (not M&E officers: they see pseudonyms).
- Programme results, network and lessons: administrators, managers, M&E officers and viewers of the
  programme (viewers with figures over fewer than 5 people suppressed); coordinators for their
  countries; trainers for the sessions they train.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from relais.delivery.models import Session
from relais.delivery.scoping import sessions_manageable, sessions_visible
from relais.evaluation.models import Questionnaire
from relais.programmes.models import Programme, ProgrammeRole, Role
from relais.programmes.selectors import roles_with_countries

SMALL_N = 5  # figures over fewer people are not shown where they leave the platform (DESIGN.md §4)


def sessions_for_evaluating(*, user: Any) -> QuerySet[Session]:
    """Sessions whose questionnaires the user may build, distribute and enter answers for."""
    if not getattr(user, "is_authenticated", False):
        return Session.objects.none()
    if user.is_administrator:
        return Session.objects.all()
    managed = sessions_manageable(user=user).values("pk")
    return Session.objects.filter(Q(pk__in=managed) | Q(pk__in=Session.objects.filter(trainers=user).values("pk")))


def may_evaluate(*, user: Any, session: Session) -> bool:
    return sessions_for_evaluating(user=user).filter(pk=session.pk).exists()


def questionnaires_visible(*, user: Any) -> QuerySet[Questionnaire]:
    return Questionnaire.objects.filter(session__in=sessions_visible(user=user).values("pk"))


def questionnaires_manageable(*, user: Any) -> QuerySet[Questionnaire]:
    return Questionnaire.objects.filter(session__in=sessions_for_evaluating(user=user).values("pk"))


def questionnaire_get(*, user: Any, pk: int) -> Questionnaire:
    """A questionnaire the user may see (404 otherwise)."""
    try:
        return questionnaires_visible(user=user).select_related("session", "session__design", "programme").get(pk=pk)
    except Questionnaire.DoesNotExist:
        raise Http404 from None


def questionnaire_for_managing(*, user: Any, pk: int) -> Questionnaire:
    """A questionnaire the user may change (404 otherwise, even when they may see it)."""
    try:
        return (
            questionnaires_manageable(user=user)
            .select_related("session", "session__design", "session__country", "programme")
            .get(pk=pk)
        )
    except Questionnaire.DoesNotExist:
        raise Http404 from None


def session_for_evaluating(*, user: Any, pk: int) -> Session:
    try:
        return sessions_for_evaluating(user=user).select_related("design", "programme", "country").get(pk=pk)
    except Session.DoesNotExist:
        raise Http404 from None


NAME_ROLES = frozenset({Role.MANAGER, Role.COORDINATOR, Role.TRAINER})


def may_see_names(*, user: Any, programme_id: int) -> bool:
    """Whether the user sees who answered, in this programme: administrators, and its managers,
    coordinators and trainers. M&E officers and viewers see pseudonyms or aggregates — even when they
    hold another role in another programme."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_administrator:
        return True
    return ProgrammeRole.objects.filter(user=user, programme_id=programme_id, role__in=NAME_ROLES).exists()


@dataclass(frozen=True)
class ResultsScope:
    """What part of a programme's evaluation a user may read."""

    programme: Programme
    country_ids: frozenset[int] | None  # None: every country
    session_ids: frozenset[int] | None  # None: every session (trainers: the sessions they train)
    suppress_small: bool  # viewers: figures over fewer than SMALL_N people are hidden
    names: bool  # may see who answered

    def sessions(self) -> QuerySet[Session]:
        qs = Session.objects.filter(programme=self.programme)
        if self.country_ids is not None:
            qs = qs.filter(country_id__in=self.country_ids)
        if self.session_ids is not None:
            qs = qs.filter(pk__in=self.session_ids)
        return qs

    def filter(self, qs: QuerySet[Any], prefix: str = "") -> QuerySet[Any]:
        """Narrow a queryset that has `<prefix>session` and `<prefix>programme` to this scope."""
        qs = qs.filter(**{f"{prefix}programme": self.programme})
        if self.country_ids is not None:
            qs = qs.filter(**{f"{prefix}session__country_id__in": self.country_ids})
        if self.session_ids is not None:
            qs = qs.filter(**{f"{prefix}session_id__in": self.session_ids})
        return qs


def results_scope(*, user: Any, programme_pk: int) -> ResultsScope:
    """The programme and what of it the user may read, or 404."""
    programme = Programme.objects.filter(pk=programme_pk).first()
    if programme is None or not getattr(user, "is_authenticated", False):
        raise Http404
    if user.is_administrator:
        return ResultsScope(programme, None, None, suppress_small=False, names=True)
    roles = [r for r in roles_with_countries(user) if r.programme_id == programme.pk]
    if not roles:
        raise Http404
    held = {r.role for r in roles}
    # Names within this programme only: an M&E officer here who trains elsewhere still sees pseudonyms.
    names = bool(held & NAME_ROLES)
    if held & {Role.MANAGER, Role.ME_OFFICER}:
        return ResultsScope(programme, None, None, suppress_small=False, names=names)
    if Role.COORDINATOR in held:
        countries = frozenset(c for r in roles if r.role == Role.COORDINATOR for c in r.country_ids)
        return ResultsScope(programme, countries, None, suppress_small=False, names=names)
    if Role.TRAINER in held:
        trained = frozenset(Session.objects.filter(programme=programme, trainers=user).values_list("pk", flat=True))
        return ResultsScope(programme, None, trained, suppress_small=False, names=names)
    if Role.VIEWER in held:
        return ResultsScope(programme, None, None, suppress_small=True, names=False)
    raise Http404


def programmes_for_results(*, user: Any) -> QuerySet[Programme]:
    """Programmes whose evaluation the user may read (the Evaluation menu's list)."""
    if not getattr(user, "is_authenticated", False):
        return Programme.objects.none()
    if user.is_administrator:
        return Programme.objects.order_by("code")
    ids = ProgrammeRole.objects.filter(user=user).values("programme_id")
    return Programme.objects.filter(pk__in=ids).order_by("code")
