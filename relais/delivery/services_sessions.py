"""Writes of sessions: create from a design, edit, cancel, duplicate. Each is atomic, checks that the
actor may do it, refuses bad input with a ValidationError before writing anything, and leaves an
audit event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from relais.core.audit import audit_record
from relais.core.models import Country, Language
from relais.delivery.models import Session, SessionStatus
from relais.delivery.scoping import countries_for_sessions, may_manage
from relais.delivery.selectors_sessions import designs_for_sessions, trainers_of
from relais.design.models import ActivityDesign, AgendaDay
from relais.programmes.models import Programme

# Statuses chosen in the session form; cancelling has its own action, with a reason.
FORM_STATUSES = (SessionStatus.PLANNED, SessionStatus.OPEN, SessionStatus.DELIVERED, SessionStatus.CLOSED)
_EDITABLE = ("title", "city", "venue", "start_date", "end_date", "capacity", "status", "notes")


def default_title(design: ActivityDesign, city: str) -> str:
    return f"{design.title} — {city}"[:300]


def dates_warning(*, design: ActivityDesign, start_date: dt.date, end_date: dt.date) -> str:
    """A warning when the session has fewer days than the design's agenda (empty when it has enough)."""
    needed = AgendaDay.objects.filter(design=design).count()
    length = (end_date - start_date).days + 1
    if length >= needed:
        return ""
    return ngettext(
        "The session lasts %(length)d day but the design's agenda has %(needed)d: some days of the agenda "
        "will not be held.",
        "The session lasts %(length)d days but the design's agenda has %(needed)d: some days of the agenda "
        "will not be held.",
        length,
    ) % {"length": length, "needed": needed}


MAX_SESSION_DAYS = 366  # attendance sheets, agendas and calendars have a day per column or row


def _validate(
    *,
    actor: Any,
    programme: Programme,
    country: Country,
    start_date: dt.date,
    end_date: dt.date,
    status: str,
    trainers: Iterable[Any],
    city: str,
    keep_country: Country | None = None,
) -> None:
    errors: dict[str, list[str]] = {}
    if end_date < start_date:
        errors.setdefault("end_date", []).append(_("The last day cannot come before the first day."))
    elif (end_date - start_date).days >= MAX_SESSION_DAYS:
        errors.setdefault("end_date", []).append(
            _("A session lasts at most %(days)d days: split a longer programme into sessions.")
            % {"days": MAX_SESSION_DAYS}
        )
    allowed = countries_for_sessions(user=actor, programme=programme)
    if not allowed.filter(pk=country.pk).exists() and (keep_country is None or keep_country.pk != country.pk):
        errors.setdefault("country", []).append(_("You may not hold sessions of this programme in this country."))
    if status not in FORM_STATUSES:
        errors.setdefault("status", []).append(_("Choose a status from the list; a session is cancelled apart."))
    elif status in (SessionStatus.DELIVERED, SessionStatus.CLOSED) and start_date > timezone.localdate():
        errors.setdefault("status", []).append(_("A session that has not started yet cannot be delivered or closed."))
    trainer_ids = {t.pk for t in trainers}
    known = set(trainers_of(programme=programme).filter(pk__in=trainer_ids).values_list("pk", flat=True))
    if trainer_ids - known:
        errors.setdefault("trainers", []).append(_("Trainers must hold the trainer role in the programme."))
    if not city.strip():
        errors.setdefault("city", []).append(_("Give the city."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def session_create(
    *,
    actor: Any,
    design: ActivityDesign,
    country: Country,
    city: str,
    start_date: dt.date,
    end_date: dt.date,
    venue: str = "",
    capacity: int | None = None,
    languages: Iterable[Language] = (),
    trainers: Iterable[Any] = (),
    status: str = SessionStatus.PLANNED,
    title: str = "",
    notes: str = "",
    request: HttpRequest | None = None,
) -> Session:
    """A session of `design` (its programme's), held in `country`. The design's check may fail: the
    session is still made, and the caller warns."""
    if not designs_for_sessions(user=actor).filter(pk=design.pk).exists():
        raise PermissionError(_("You may not make sessions from this design."))
    trainers = list(trainers)
    _validate(
        actor=actor,
        programme=design.programme,
        country=country,
        start_date=start_date,
        end_date=end_date,
        status=status,
        trainers=trainers,
        city=city,
    )
    session = Session.objects.create(
        design=design,
        programme_id=design.programme_id,
        title=title.strip() or default_title(design, city.strip()),
        country=country,
        city=city.strip(),
        venue=venue.strip(),
        start_date=start_date,
        end_date=end_date,
        capacity=capacity,
        status=status,
        notes=notes,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    session.languages.set(list(languages))
    session.trainers.set(trainers)
    audit_record(
        actor=actor,
        action="session.created",
        obj=session,
        details={"design": design.pk, "design_check_passed": design.check_passed, "country": country.code},
        request=request,
    )
    return session


@transaction.atomic
def session_update(
    *,
    actor: Any,
    session: Session,
    country: Country,
    city: str,
    start_date: dt.date,
    end_date: dt.date,
    status: str,
    venue: str = "",
    capacity: int | None = None,
    languages: Iterable[Language] = (),
    trainers: Iterable[Any] = (),
    title: str = "",
    notes: str = "",
    request: HttpRequest | None = None,
) -> Session:
    """Change a session. Choosing a status again for a cancelled session reopens it."""
    if not may_manage(user=actor, session=session):
        raise PermissionError(_("You may not change this session."))
    trainers = list(trainers)
    current_trainers = set(session.trainers.values_list("pk", flat=True))
    _validate(
        actor=actor,
        programme=session.programme,
        country=country,
        start_date=start_date,
        end_date=end_date,
        status=status,
        # Trainers already on the session stay even if their role has ended since.
        trainers=[t for t in trainers if t.pk not in current_trainers],
        city=city,
        keep_country=session.country,
    )
    before = {name: getattr(session, name) for name in (*_EDITABLE, "country_id")}
    reopened = session.status == SessionStatus.CANCELLED
    session.title = title.strip() or default_title(session.design, city.strip())
    session.country = country
    session.city = city.strip()
    session.venue = venue.strip()
    session.start_date, session.end_date = start_date, end_date
    session.capacity = capacity
    session.status = status
    session.notes = notes
    if reopened:
        session.cancellation_reason = ""
    session.save()
    session.languages.set(list(languages))
    session.trainers.set(trainers)
    after = {name: getattr(session, name) for name in (*_EDITABLE, "country_id")}
    changed = sorted(name for name in before if before[name] != after[name])
    audit_record(
        actor=actor,
        action="session.reopened" if reopened else "session.updated",
        obj=session,
        details={"changed": changed},
        request=request,
    )
    return session


@transaction.atomic
def session_cancel(*, actor: Any, session: Session, reason: str, request: HttpRequest | None = None) -> Session:
    """Cancel a session, saying why. It stays listed, marked cancelled; its registrations are kept."""
    if not may_manage(user=actor, session=session):
        raise PermissionError(_("You may not cancel this session."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the session is cancelled.")]})
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError(_("This session is already cancelled."))
    previous = session.status
    session.status = SessionStatus.CANCELLED
    session.cancellation_reason = reason[:500]
    session.save(update_fields=["status", "cancellation_reason", "updated_at"])
    audit_record(
        actor=actor,
        action="session.cancelled",
        obj=session,
        details={"reason": session.cancellation_reason, "previous_status": previous},
        request=request,
    )
    return session


@transaction.atomic
def session_duplicate(
    *,
    actor: Any,
    session: Session,
    start_date: dt.date,
    end_date: dt.date,
    title: str = "",
    request: HttpRequest | None = None,
) -> Session:
    """A new planned session like `session` on new dates: place, capacity, languages, trainers and notes
    are copied; registrations and attendance are not."""
    if not may_manage(user=actor, session=session):
        raise PermissionError(_("You may not duplicate this session."))
    if end_date < start_date:
        raise ValidationError({"end_date": [_("The last day cannot come before the first day.")]})
    if (end_date - start_date).days >= MAX_SESSION_DAYS:
        raise ValidationError(
            {
                "end_date": [
                    _("A session lasts at most %(days)d days: split a longer programme into sessions.")
                    % {"days": MAX_SESSION_DAYS}
                ]
            }
        )
    if start_date == session.start_date and end_date == session.end_date:
        raise ValidationError({"start_date": [_("Choose new dates: the copy cannot fall on the same days.")]})
    copy = Session.objects.create(
        design_id=session.design_id,
        programme_id=session.programme_id,
        title=(title.strip() or session.title)[:300],
        country_id=session.country_id,
        city=session.city,
        venue=session.venue,
        start_date=start_date,
        end_date=end_date,
        capacity=session.capacity,
        status=SessionStatus.PLANNED,
        notes=session.notes,
        duplicated_from=session,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    copy.languages.set(list(session.languages.all()))
    copy.trainers.set(list(session.trainers.all()))
    audit_record(
        actor=actor,
        action="session.duplicated",
        obj=copy,
        details={"from": session.pk, "start_date": start_date.isoformat()},
        request=request,
    )
    return copy
