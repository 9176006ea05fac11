"""The demo sessions: 45 sessions of the demo designs in the 15 countries, statuses that fit their dates."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.core.management import call_command

from relais.core.demo import DemoContext, demo_steps
from relais.delivery.demo_sessions import DEMO_TODAY, status_for
from relais.delivery.models import Session, SessionStatus
from relais.programmes.models import Programme


def test_status_follows_the_dates() -> None:
    assert status_for(dt.date(2025, 3, 4), dt.date(2025, 3, 5)) == SessionStatus.CLOSED
    assert status_for(dt.date(2026, 10, 20), dt.date(2026, 10, 21)) == SessionStatus.DELIVERED
    assert status_for(dt.date(2026, 12, 1), dt.date(2026, 12, 2)) == SessionStatus.OPEN
    assert status_for(dt.date(2027, 3, 1), dt.date(2027, 3, 2)) == SessionStatus.PLANNED


@pytest.mark.django_db
def test_demo_sessions(capsys: pytest.CaptureFixture[str]) -> None:
    keys = [step.key for step in demo_steps()]
    assert keys.index("designs") < keys.index("sessions")
    context = DemoContext()
    for step in demo_steps():
        if step.order <= 40:
            step.run(context)
    sessions = context.objects["sessions"]
    assert len(sessions) == Session.objects.count() == 45
    demo = Programme.objects.get(code="thb-labour-demo")
    in_demo = Session.objects.filter(programme=demo)
    assert in_demo.count() == 43
    assert set(in_demo.values_list("country__code", flat=True)) == set(
        demo.programme_countries.values_list("country__code", flat=True)
    )
    assert Session.objects.filter(programme__code="thb-replication-demo").count() == 2
    national = context.objects["designs"][0]
    origin = {"AL", "BA", "BG", "XK", "MD", "MK", "RO", "RS"}
    assert origin <= set(in_demo.filter(design=national).values_list("country__code", flat=True))
    for session in Session.objects.select_related("design"):
        # Every session in a country of its design's programme, within 2025–2026, as long as its agenda.
        assert session.programme_id == session.design.programme_id
        assert dt.date(2025, 1, 1) <= session.start_date and session.end_date <= dt.date(2026, 12, 31)
        assert (session.end_date - session.start_date).days + 1 == session.design.days.count()
        assert session.start_date.weekday() < 5 and session.end_date.weekday() < 5
        assert session.trainers.exists() and session.languages.exists() and session.venue
        if session.status == SessionStatus.CANCELLED:
            assert session.cancellation_reason
        elif session.end_date < DEMO_TODAY:
            assert session.status in (SessionStatus.DELIVERED, SessionStatus.CLOSED)
        else:
            assert session.status in (SessionStatus.PLANNED, SessionStatus.OPEN)
    statuses = Counter(Session.objects.values_list("status", flat=True))
    assert statuses["cancelled"] == 1 and statuses["open"] + statuses["planned"] >= 4
    assert Session.objects.filter(trainers=context.objects["user:trainer"]).count() >= 15


@pytest.mark.django_db
def test_seed_demo_with_sessions(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("seed_demo", "--quiet-accounts")
    assert Session.objects.count() >= 45
