"""Permission matrix entries of the people pages (merged into permissions.py).

People of Albania, one registered in a session of Albania trained by `trainer`: administrators,
the programme's manager and the coordinator of Albania see and change them; the trainer sees the
registered one; the coordinator of Italy, the M&E officer, the viewer and outsiders get 404."""

import datetime as dt
from typing import Any

from tests.matrix import Page

READS_PEOPLE = frozenset({"admin", "manager", "coordinator_al", "coordinator_it", "trainer"})
RECORDS_PEOPLE = frozenset({"admin", "manager", "coordinator_al", "coordinator_it"})
SEES_PERSON_AL = frozenset({"admin", "manager", "coordinator_al", "trainer"})
EDITS_PERSON_AL = frozenset({"admin", "manager", "coordinator_al"})


def _person(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"pk": ctx["people_al"].pk}


PAGES: dict[str, Page] = {
    "delivery:people": Page(may=READS_PEOPLE),
    "delivery:person_new": Page(may=RECORDS_PEOPLE),
    "delivery:person_organisations": Page(may=RECORDS_PEOPLE),
    "delivery:people_duplicates": Page(may=RECORDS_PEOPLE),
    "delivery:person": Page(kwargs=_person, may=SEES_PERSON_AL),
    "delivery:person_edit": Page(kwargs=_person, may=EDITS_PERSON_AL),
    "delivery:person_consent_add": Page(kwargs=_person, may=EDITS_PERSON_AL),
    "delivery:person_consent_withdraw": Page(
        kwargs=lambda ctx: {"pk": ctx["people_al"].pk, "consent_pk": ctx["people_consent"].pk},
        may=EDITS_PERSON_AL,
        method="post",
        data=lambda ctx: {"withdraw-withdrawn_on": dt.date.today().isoformat()},
    ),
    "delivery:people_merge": Page(
        kwargs=lambda ctx: {"a": ctx["people_al"].pk, "b": ctx["people_al_twin"].pk}, may=EDITS_PERSON_AL
    ),
}


def context(ctx: dict[str, Any]) -> None:
    """Two records of one Albanian (one registered in a session trained by `trainer`) and a consent."""
    from relais.delivery.models import Consent
    from relais.delivery.tests.factories import make_person, make_session, register
    from relais.design.tests.factories import make_complete_design

    design = make_complete_design(programme=ctx["programme"], title="People matrix design")
    session = make_session(design=design, country="AL")
    session.trainers.add(ctx["trainer"])
    person = make_person("Elira", "Shehu", country="AL", email="elira.shehu@police.example.al")
    register(session, person)
    ctx["people_al"] = person
    ctx["people_al_twin"] = make_person("Elira", "Shehu", country="AL")
    ctx["people_consent"] = Consent.objects.create(
        person=person, purpose="Registration data", given_on=dt.date(2025, 3, 1), method="paper"
    )
