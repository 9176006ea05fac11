"""Permission matrix entries of the attendance and certificate pages (merged into permissions.py),
and the small world the attendance tests share.

- Attendance, sign-in sheet, certificate list and downloads: whoever may record attendance of the
  session — administrators, the programme's managers, the coordinators of its country and its
  trainers. M&E officers see the session elsewhere but not these pages (names): 404.
- Issuing and revoking certificates: whoever may manage the session (not its trainers).
- The certificate check (verify/): public.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from relais.core.models import Language
from relais.delivery.models import Attendance, Certificate, RegistrationStatus, SessionStatus
from relais.delivery.services_certificates import code_display
from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.tests.factories import make_complete_design
from relais.programmes.models import Organisation
from tests.matrix import Page

RECORDERS = frozenset({"admin", "manager", "coordinator_al", "trainer"})
MANAGERS = frozenset({"admin", "manager", "coordinator_al"})
POSTED = frozenset({200, 302})
FIRST_DAY = dt.date(2026, 3, 2)


def build_world(programme: Any, trainer: Any, *, status: str = SessionStatus.DELIVERED) -> dict[str, Any]:
    """A two-day session in Albania trained by `trainer`: three people expected (one of whom
    attended and holds a certificate), one on the waiting list and one who withdrew."""
    design = make_complete_design(programme=programme, title="Joint investigation training")
    session = make_session(
        design=design,
        country="AL",
        title="Joint investigation training — Tirana",
        city="Tirana",
        venue="Hotel Tirana International",
        start_date=FIRST_DAY,
        end_date=FIRST_DAY + dt.timedelta(days=1),
        status=status,
    )
    session.trainers.add(trainer)
    inspectorate = Organisation.objects.create(
        name="State Labour Inspectorate", sector="public", kind="labour_inspectorate"
    )
    ana = make_person("Ana", "Hoxha", profession="labour_inspection", organisation=inspectorate, email="ana@ex.org")
    ana.languages.set(Language.objects.filter(code__in=["sq", "fr"]))
    besa = make_person("Besa", "Krasniqi", profession="prosecution")
    drita = make_person("Drita", "Berisha", profession="police")
    waiting = make_person("Wendy", "Waiting")
    gone = make_person("Gezim", "Gone")
    regs = {
        "ana": register(session, ana, RegistrationStatus.ATTENDED),
        "besa": register(session, besa),
        "drita": register(session, drita),
        "waiting": register(session, waiting, RegistrationStatus.WAITING),
        "gone": register(session, gone, RegistrationStatus.WITHDRAWN),
    }
    Attendance.objects.create(registration=regs["ana"], day=FIRST_DAY, present=True)
    certificate = Certificate.objects.create(registration=regs["ana"], code="7KQ2M9XD4HTRAB3C", language="fr")
    return {"design": design, "session": session, "certificate": certificate, "regs": regs}


def context(ctx: dict[str, Any]) -> None:
    """Adds the objects the attendance pages need to the shared context."""
    world = build_world(ctx["programme"], ctx["trainer"])
    ctx["att_session"] = world["session"]
    ctx["att_registration"] = world["regs"]["besa"]
    ctx["att_certificate"] = world["certificate"]


def _s(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"pk": ctx["att_session"].pk}


def _day(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"pk": ctx["att_session"].pk, "day": FIRST_DAY.isoformat()}


def _certificate(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"pk": ctx["att_session"].pk, "certificate_pk": ctx["att_certificate"].pk}


PAGES: dict[str, Page] = {
    "delivery:attendance": Page(kwargs=_s, may=RECORDERS),
    "delivery:attendance_mark": Page(
        kwargs=_day,
        may=RECORDERS,
        method="post",
        data=lambda ctx: {"registration": ctx["att_registration"].pk, "present": "1"},
        ok=POSTED,
    ),
    "delivery:attendance_all_present": Page(kwargs=_day, may=RECORDERS, method="post", ok=POSTED),
    "delivery:attendance_close": Page(kwargs=_s, may=RECORDERS, method="post", ok=POSTED),
    "delivery:attendance_signin_pdf": Page(kwargs=_day, may=RECORDERS),
    "delivery:certificates": Page(kwargs=_s, may=RECORDERS),
    "delivery:certificates_issue": Page(kwargs=_s, may=MANAGERS, method="post", ok=POSTED),
    "delivery:certificates_zip": Page(kwargs=_s, may=RECORDERS),
    "delivery:certificate_pdf": Page(kwargs=_certificate, may=RECORDERS),
    "delivery:certificate_revoke": Page(kwargs=_certificate, may=MANAGERS, method="post", ok=POSTED),
    "delivery:verify": Page(public=True, ok=frozenset({200})),
    "delivery:verify_code": Page(
        kwargs=lambda ctx: {"code": code_display(ctx["att_certificate"].code)}, public=True, ok=frozenset({200})
    ),
}
