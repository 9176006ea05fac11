"""Permission matrix entries of the sessions pages (merged into permissions.py)."""

import datetime as dt
from typing import Any

from tests.matrix import Page

SEES_SESSIONS = frozenset({"admin", "manager", "coordinator_al", "coordinator_it", "trainer", "me_officer"})
CREATES = frozenset({"admin", "manager", "coordinator_al", "coordinator_it"})
# The Albanian session, trained by `trainer`.
SEES_AL = frozenset({"admin", "manager", "coordinator_al", "trainer", "me_officer"})
MANAGES_AL = frozenset({"admin", "manager", "coordinator_al"})


def _session(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"pk": ctx["sessions_al"].pk}


PAGES: dict[str, Page] = {
    "delivery:sessions": Page(may=SEES_SESSIONS),
    "delivery:sessions_calendar": Page(may=SEES_SESSIONS),
    "delivery:session_new": Page(may=CREATES),
    "delivery:session": Page(kwargs=_session, may=SEES_AL),
    "delivery:session_edit": Page(kwargs=_session, may=MANAGES_AL),
    "delivery:session_cancel": Page(
        kwargs=_session, may=MANAGES_AL, method="post", data=lambda ctx: {"reason": "The venue closed."}
    ),
    "delivery:session_duplicate": Page(
        kwargs=_session,
        may=MANAGES_AL,
        method="post",
        data=lambda ctx: {"start_date": "2026-05-04", "end_date": "2026-05-05"},
    ),
    "delivery:session_ics": Page(kwargs=_session, may=SEES_AL),
    "delivery:programme_sessions_ics": Page(kwargs=lambda ctx: {"pk": ctx["programme"].pk}, may=SEES_SESSIONS),
}


def context(ctx: dict[str, Any]) -> None:
    """Adds the objects the sessions pages need to the shared context."""
    from relais.delivery.tests.factories import make_session
    from relais.design.tests.factories import make_complete_design

    design = make_complete_design(programme=ctx["programme"], title="Sessions matrix design")
    session = make_session(design=design, country="AL", start_date=dt.date(2026, 3, 2), end_date=dt.date(2026, 3, 3))
    session.trainers.add(ctx["trainer"])
    ctx["sessions_design"] = design
    ctx["sessions_al"] = session
