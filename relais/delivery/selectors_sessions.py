"""Reads of the sessions pages: the filtered list, the month calendar, a session's agenda mapped to its
dates, its registrations in figures, the designs and trainers a session may be made from and given.

Every read starts from relais.delivery.scoping (sessions_visible, programmes_for_sessions…), so a
user never reaches a session they may not see.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.http import Http404

from relais.core.models import Country, Theme
from relais.delivery.models import Registration, RegistrationStatus, Session
from relais.delivery.scoping import countries_for_sessions, programmes_for_sessions, sessions_visible
from relais.design.exports.agenda import DEFAULT_START, time_range
from relais.design.models import ActivityDesign, AgendaDay, AgendaModule, DesignStatus, SeatQuota
from relais.design.selectors import designs_visible
from relais.programmes.models import Programme, ProgrammeRole, Role
from relais.programmes.selectors import programme_scope, roles_held

# Registrations that hold a seat (the waiting list does not).
SEATED = (RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED, RegistrationStatus.NO_SHOW)
SESSION_READERS = (Role.MANAGER, Role.COORDINATOR, Role.TRAINER, Role.ME_OFFICER)


# --- The list ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionFilters:
    programme: int | None = None
    country: int | None = None
    theme: int | None = None
    status: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    query: str = ""


def _filtered(qs: QuerySet[Session], f: SessionFilters) -> QuerySet[Session]:
    if f.programme:
        qs = qs.filter(programme_id=f.programme)
    if f.country:
        qs = qs.filter(country_id=f.country)
    if f.theme:
        # Through a subquery: joining the design's themes would repeat sessions.
        qs = qs.filter(
            design_id__in=ActivityDesign.themes.through.objects.filter(theme_id=f.theme).values("activitydesign_id")
        )
    if f.status:
        qs = qs.filter(status=f.status)
    # The period keeps sessions that overlap it, even partly.
    if f.date_from:
        qs = qs.filter(end_date__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(start_date__lte=f.date_to)
    if f.query:
        q = f.query
        qs = qs.filter(
            Q(title__icontains=q) | Q(city__icontains=q) | Q(venue__icontains=q) | Q(design__title__icontains=q)
        )
    return qs


def session_list(*, user: Any, filters: SessionFilters | None = None) -> QuerySet[Session]:
    """The sessions this user may see, filtered, newest first. Page it, then give the page its figures
    with `with_registration_counts`: counting every visible session's registrations before cutting a
    page scanned all of them (75,000 registrations at size L for a page of 50)."""
    qs = _filtered(sessions_visible(user=user), filters or SessionFilters())
    return qs.select_related("programme", "country", "design").order_by("-start_date", "-id")


def with_registration_counts(sessions: Iterable[Session]) -> list[Session]:
    """Set `n_seated` and `n_waiting` on each session (one query for all of them)."""
    rows = list(sessions)
    counts = {
        r["session_id"]: r
        for r in Registration.objects.filter(session_id__in=[s.pk for s in rows])
        .order_by()
        .values("session_id")
        .annotate(
            n_seated=Count("id", filter=Q(status__in=SEATED)),
            n_waiting=Count("id", filter=Q(status=RegistrationStatus.WAITING)),
        )
    }
    for session in rows:
        found = counts.get(session.pk, {})
        session.n_seated = found.get("n_seated", 0)  # type: ignore[attr-defined]
        session.n_waiting = found.get("n_waiting", 0)  # type: ignore[attr-defined]
    return rows


def filter_choices(*, user: Any) -> dict[str, QuerySet[Any]]:
    """What the filters offer: the programmes and countries of the sessions this user may see, the themes."""
    visible = sessions_visible(user=user)
    return {
        "programmes": Programme.objects.filter(pk__in=visible.values("programme_id")).order_by("code"),
        "countries": Country.objects.filter(pk__in=visible.values("country_id")).order_by(Country.order_field()),
        "themes": Theme.objects.filter(is_active=True).order_by("position", Theme.order_field()),
    }


# --- The month calendar -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarEntry:
    session: Session
    day: int  # the day of the session, 1 on its first day
    opens_row: bool  # its first day, or the Monday a session running on from the week before shows again


@dataclass
class CalendarDay:
    date: dt.date
    in_month: bool
    entries: list[CalendarEntry] = field(default_factory=list)

    @property
    def sessions(self) -> list[Session]:
        return [e.session for e in self.entries]


@dataclass(frozen=True)
class MonthCalendar:
    first: dt.date  # the first day of the month
    weeks: list[list[CalendarDay]]

    @property
    def previous(self) -> dt.date:
        return (self.first - dt.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> dt.date:
        return (self.first + dt.timedelta(days=32)).replace(day=1)

    @property
    def busy_days(self) -> list[CalendarDay]:
        """The days of the month that have sessions (the list shown on small screens)."""
        return [d for week in self.weeks for d in week if d.in_month and d.sessions]

    @property
    def n_sessions(self) -> int:
        return len({s.pk for d in self.busy_days for s in d.sessions})


def parse_month(value: str | None, *, today: dt.date) -> dt.date:
    """2026-03 → 1 March 2026; the current month when missing or malformed."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        if 1900 <= year <= 2200:
            return dt.date(year, month, 1)
    except ValueError:
        pass
    return today.replace(day=1)


def month_calendar(*, user: Any, month: dt.date, filters: SessionFilters | None = None) -> MonthCalendar:
    """The weeks (Monday first) of the month, each day with the sessions held on it (one query)."""
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(month.year, month.month)
    first_shown, last_shown = weeks[0][0], weeks[-1][-1]
    qs = (
        _filtered(sessions_visible(user=user), filters or SessionFilters())
        .filter(start_date__lte=last_shown, end_date__gte=first_shown)
        .select_related("country")
        .order_by("start_date", "title", "id")
    )
    by_day: dict[dt.date, list[CalendarEntry]] = defaultdict(list)
    for session in qs:
        day = max(session.start_date, first_shown)
        while day <= min(session.end_date, last_shown):
            opens = day == session.start_date or day == first_shown or day.weekday() == calendar.MONDAY
            by_day[day].append(CalendarEntry(session, (day - session.start_date).days + 1, opens))
            day += dt.timedelta(days=1)
    grid = [[CalendarDay(d, d.month == month.month, by_day.get(d, [])) for d in week] for week in weeks]
    return MonthCalendar(first=month, weeks=grid)


# --- One session --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimedModule:
    module: AgendaModule
    start: int  # minutes after midnight
    end: int

    @property
    def times(self) -> str:
        return time_range(self.start, self.end)


@dataclass(frozen=True)
class SessionDay:
    number: int
    date: dt.date
    title: str
    modules: tuple[TimedModule, ...]
    within: bool  # False when the session ends before this day of the design's agenda

    @property
    def minutes(self) -> int:
        return sum(m.end - m.start for m in self.modules)


def _day_items(days: Iterable[AgendaDay], start: dt.date, end: dt.date) -> list[SessionDay]:
    items = []
    for n, day in enumerate(days, start=1):
        clock = DEFAULT_START
        timed = []
        for module in day.modules.all():
            timed.append(TimedModule(module, clock, clock + module.duration_minutes))
            clock += module.duration_minutes
        date = start + dt.timedelta(days=n - 1)
        items.append(SessionDay(n, date, day.title, tuple(timed), date <= end))
    return items


def session_agenda(*, session: Session) -> list[SessionDay]:
    """The design's days mapped to the session's dates (day 1 = the first day), modules timed from 09:00
    as in the agenda export, with their materials (3 queries)."""
    days = AgendaDay.objects.filter(design_id=session.design_id).prefetch_related(
        Prefetch("modules", queryset=AgendaModule.objects.prefetch_related("materials").order_by("position", "id"))
    )
    return _day_items(days, session.start_date, session.end_date)


@dataclass(frozen=True)
class SessionAgendaView:
    """What the session's page shows of its design: the days on the session's dates, their length,
    and the modules' materials."""

    days: list[SessionDay]
    total_minutes: int
    materials: list[tuple[Any, Any]]  # (module, material)

    @classmethod
    def of(cls, session: Session) -> SessionAgendaView:
        days = session_agenda(session=session)
        return cls(
            days=days,
            total_minutes=sum(d.minutes for d in days),
            materials=[(m.module, mat) for day in days for m in day.modules for mat in m.module.materials.all()],
        )


def agendas_for(sessions: Iterable[Session]) -> dict[int, list[SessionDay]]:
    """The agendas of many sessions, by session pk, in two queries whatever their number."""
    sessions = list(sessions)
    days_by_design: dict[int, list[AgendaDay]] = defaultdict(list)
    modules = AgendaModule.objects.order_by("position", "id")
    for day in (
        AgendaDay.objects.filter(design_id__in={s.design_id for s in sessions})
        .order_by("position", "id")
        .prefetch_related(Prefetch("modules", queryset=modules))
    ):
        days_by_design[day.design_id].append(day)
    return {s.pk: _day_items(days_by_design.get(s.design_id, []), s.start_date, s.end_date) for s in sessions}


def session_length(session: Session) -> int:
    return (session.end_date - session.start_date).days + 1


@dataclass(frozen=True)
class RegistrationSummary:
    by_status: list[tuple[str, str, int]]  # (status, label, count), every status, in order
    capacity: int | None
    seated: int
    waiting: int

    @property
    def total(self) -> int:
        return sum(n for _s, _l, n in self.by_status)

    @property
    def seats_left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.seated, 0)

    @property
    def over_capacity(self) -> bool:
        return self.capacity is not None and self.seated > self.capacity


def registration_summary(*, session: Session) -> RegistrationSummary:
    counts = dict(
        Registration.objects.filter(session=session)
        .values("status")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("status", "n")
    )
    return RegistrationSummary(
        by_status=[(value, str(label), counts.get(value, 0)) for value, label in RegistrationStatus.choices],
        capacity=session.capacity,
        seated=sum(counts.get(s, 0) for s in SEATED),
        waiting=counts.get(RegistrationStatus.WAITING, 0),
    )


def design_visible_to(*, user: Any, design: ActivityDesign) -> bool:
    """Whether the design's page may be linked (a trainer of one session may not see its programme's designs)."""
    return designs_visible(user=user).filter(pk=design.pk).exists()


# --- What a session is made from ------------------------------------------------------------------------


def designs_for_sessions(*, user: Any) -> QuerySet[ActivityDesign]:
    """Designs a session may be made from: those the user sees, not archived, in programmes where the user
    may create sessions."""
    return (
        designs_visible(user=user)
        .filter(programme__in=programmes_for_sessions(user=user))
        .exclude(status=DesignStatus.ARCHIVED)
        .select_related("programme")
        .order_by("programme__code", "title", "id")
    )


def design_for_sessions(*, user: Any, pk: Any) -> ActivityDesign:
    try:
        return designs_for_sessions(user=user).get(pk=int(pk))
    except (ActivityDesign.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


def design_seats(*, design: ActivityDesign) -> int | None:
    """The seats of the design's quotas, added up (the capacity a new session starts with)."""
    return SeatQuota.objects.filter(design=design).aggregate(n=Sum("seats"))["n"]


def suggested_country(*, user: Any, design: ActivityDesign) -> int | None:
    """The country a new session most likely takes place in: the only one the user may choose, or the
    design's first participating country if the user may choose it."""
    allowed = countries_for_sessions(user=user, programme=design.programme)
    ids = list(allowed.values_list("pk", flat=True)[:2])
    if len(ids) == 1:
        return ids[0]
    first = design.design_countries.order_by("id").values_list("country_id", flat=True).first()
    return first if first is not None and allowed.filter(pk=first).exists() else None


def trainers_of(*, programme: Programme) -> QuerySet[Any]:
    """Active accounts holding the trainer role in the programme."""
    from relais.accounts.models import User

    ids = ProgrammeRole.objects.filter(programme=programme, role=Role.TRAINER).values("user_id")
    return User.objects.filter(pk__in=ids, is_active=True).order_by("full_name", "email")


def programme_for_calendar(*, user: Any, pk: int) -> Programme:
    """A programme whose sessions the user may export (those who see sessions in it); 404 otherwise."""
    try:
        programme = Programme.objects.get(pk=pk)
    except Programme.DoesNotExist:
        raise Http404 from None
    if not programme_scope(user=user, programme=programme).has(*SESSION_READERS):
        raise Http404
    return programme


def programme_sessions(*, user: Any, programme: Programme) -> QuerySet[Session]:
    return (
        sessions_visible(user=user)
        .filter(programme=programme)
        .select_related("country", "programme")
        .order_by("start_date", "id")
    )


def may_read_sessions(*, user: Any) -> bool:
    """The sessions pages are for administrators and the roles that see sessions (not viewers)."""
    return bool(getattr(user, "is_administrator", False) or roles_held(user) & set(SESSION_READERS))
