"""The demo registrations: 20 to 28 people per session, statuses that fit the session's date, the mix
of professions following the design's seats."""

from __future__ import annotations

from collections import Counter

import pytest

from relais.core.demo import DemoContext, demo_steps
from relais.delivery.demo_registrations import build_registrations
from relais.delivery.models import Registration, RegistrationStatus, Session, SessionStatus


@pytest.mark.django_db
def test_demo_registrations() -> None:
    keys = [step.key for step in demo_steps()]
    assert keys.index("people") < keys.index("registrations") < keys.index("attendance")
    context = DemoContext()
    for step in demo_steps():
        if step.order <= 42:
            step.run(context)
    for session in Session.objects.all():
        statuses = Counter(session.registrations.values_list("status", flat=True))
        past = session.status in (SessionStatus.DELIVERED, SessionStatus.CLOSED)
        smallest = min(20, (session.capacity or 20) + 1) if past else 20  # a small room holds fewer
        assert smallest <= sum(statuses.values()) <= 31, session
        if session.status == SessionStatus.CANCELLED:
            assert set(statuses) == {RegistrationStatus.WITHDRAWN}
        elif past:
            assert set(statuses) <= {RegistrationStatus.REGISTERED, RegistrationStatus.WITHDRAWN}
            assert statuses[RegistrationStatus.REGISTERED] <= (session.capacity or 99)
        else:
            seated = statuses[RegistrationStatus.REGISTERED]
            assert seated <= (session.capacity or 99)
            assert not statuses[RegistrationStatus.WAITING] or seated == session.capacity
    assert Registration.objects.filter(status=RegistrationStatus.WAITING).exists()
    # The snapshot is the person's at the time, and the seats of the design shape the mix.
    registration = Registration.objects.select_related("person").first()
    assert registration is not None and registration.profession_id == registration.person.profession_id
    national = Session.objects.filter(design__format="national").first()
    assert national is not None
    professions = set(national.registrations.values_list("profession__code", flat=True))
    assert professions <= set(national.design.quotas.values_list("profession__code", flat=True)) | {None}


@pytest.mark.django_db
def test_nothing_without_people_or_sessions() -> None:
    build_registrations(DemoContext())
    assert not Registration.objects.exists()
