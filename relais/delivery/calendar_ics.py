"""Sessions as iCalendar (RFC 5545) files, written with the `icalendar` package.

One all-day event per session, from its first to its last day, with the agenda by day in the
description and the place in the location. The UID is made of the session's id only, so that a
calendar that imports the file again updates the event instead of adding a copy. Text typed by users
(titles, venues, agenda) is escaped by icalendar: commas, semicolons and line breaks cannot end a field
or start a new one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vText

from relais.delivery.models import Session, SessionStatus
from relais.delivery.selectors_sessions import SessionDay
from relais.design.exports.agenda import time_range

PRODID = "-//Relais//Training sessions//EN"
UID_DOMAIN = "sessions.relais"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_STATUS = {
    SessionStatus.PLANNED: "TENTATIVE",
    SessionStatus.OPEN: "CONFIRMED",
    SessionStatus.DELIVERED: "CONFIRMED",
    SessionStatus.CLOSED: "CONFIRMED",
    SessionStatus.CANCELLED: "CANCELLED",
}


def _clean(text: str) -> str:
    """Control characters have no place in a calendar (and some clients stop reading at them)."""
    return _CONTROL.sub("", text)


def session_uid(session: Session) -> str:
    return f"session-{session.pk}@{UID_DOMAIN}"


def location(session: Session) -> str:
    return ", ".join(part for part in (session.venue, session.city, session.country.name) if part)


def agenda_text(days: Iterable[SessionDay]) -> str:
    """Day 1 — Monday 2 March 2026 — Title, then one line per module: 09:00–09:30 Opening."""
    blocks = []
    for day in days:
        when = date_format(day.date, "l j F Y") if day.within else _("after the last day of the session")
        head = _("Day %(number)d — %(date)s") % {"number": day.number, "date": when}
        if day.title:
            head = f"{head} — {day.title}"
        lines = [head] + [f"{time_range(m.start, m.end)} {m.module.title}" for m in day.modules]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _event(session: Session, days: Iterable[SessionDay], url: str, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", stamp)
    event.add("dtstart", session.start_date)
    event.add("dtend", session.end_date + dt.timedelta(days=1))  # all-day events end the day after
    event.add("summary", _clean(session.title))
    event.add("location", _clean(location(session)))
    description = [_clean(agenda_text(days))]
    if session.status == SessionStatus.CANCELLED:
        reason = _clean(session.cancellation_reason)
        description.insert(0, _("Cancelled: %(reason)s") % {"reason": reason} if reason else _("Cancelled."))
    if url:
        description.append(url)
    event.add("description", "\n\n".join(part for part in description if part))
    event.add("status", _STATUS.get(SessionStatus(session.status), "CONFIRMED"))
    event.add("last-modified", session.updated_at)
    if url:
        event.add("url", url)
    return event


def sessions_calendar(
    sessions: Iterable[Session],
    agendas: Mapping[int, Iterable[SessionDay]],
    *,
    name: str,
    urls: Mapping[int, str] | None = None,
) -> bytes:
    """The .ics file of these sessions (their countries loaded), agendas by session pk."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # A calendar's name is one line; icalendar escapes it only when told it is text.
    cal.add("x-wr-calname", vText(" ".join(_clean(name).split())))
    stamp = timezone.now().replace(microsecond=0)
    for session in sessions:
        cal.add_component(_event(session, agendas.get(session.pk, []), (urls or {}).get(session.pk, ""), stamp))
    return bytes(cal.to_ical())
