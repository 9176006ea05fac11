"""Permission matrix entries of the cooperation network pages, and the small hand-made network the
network tests share.

- The network page: whoever may read the programme's results (scoping.results_scope) — everyone
  in the programme (viewers with small figures suppressed); outsiders get 404.
- The CSV of ties: the same people but viewers (one row per pair of people is not an aggregate).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from relais.delivery.models import Person, RegistrationStatus, Session
from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.tests.factories import make_complete_design
from relais.evaluation.models import Contact, CooperationEvent, QuestionnaireKind, Response, ResponseStatus
from relais.evaluation.tests.factories import make_questionnaire
from relais.programmes.models import Organisation
from tests.matrix import PROGRAMME_MEMBERS, Page

READERS = PROGRAMME_MEMBERS
DOWNLOADERS = PROGRAMME_MEMBERS - {"viewer"}


def _day(month: int, day: int) -> dt.date:
    return dt.date(2026, month, day)


def follow_up(session: Session, person: Person, contacts: list[tuple[Any, dt.date]], events: Any = ()) -> Response:
    """A submitted follow-up response of `person` naming people or organisations (on given days);
    called again for the same person, it adds to their response."""
    questionnaire = session.questionnaires.filter(kind=QuestionnaireKind.FOLLOW_UP).first() or make_questionnaire(
        session, QuestionnaireKind.FOLLOW_UP
    )
    registration = session.registrations.get(person=person)
    response, _created = Response.objects.get_or_create(
        questionnaire=questionnaire,
        registration=registration,
        defaults={
            "session": session,
            "programme_id": session.programme_id,
            "kind": QuestionnaireKind.FOLLOW_UP,
            "status": ResponseStatus.SUBMITTED,
            "submitted_at": timezone.now(),
        },
    )
    for target, day in contacts:
        field = "organisation" if isinstance(target, Organisation) else "contact"
        Contact.objects.create(
            response=response, programme_id=session.programme_id, person=person, reported_on=day, **{field: target}
        )
    for kind, day in events:
        CooperationEvent.objects.create(
            response=response, programme_id=session.programme_id, person=person, type=kind, date=day
        )
    return response


def build_network(programme: Any, trainer: Any) -> dict[str, Any]:
    """Six people in three countries and four professions, over two sessions (Tirana, trained by
    `trainer`, and Rome):

        p1 Albania police, p2 Albania prosecution, p5 Serbia labour inspection — Tirana
        p3 Italy police, p4 Italy judiciary, p6 Serbia police — Rome

    Contacts: p1↔p2 (both ways), p1→p3, p3→p4, p4→p5, p5↔p6 (both ways); p2 names an Italian NGO.
    Ties: {1,2} {1,3} {3,4} {4,5} {5,6} = 5; cross-border {1,3} {4,5} = 2; cross-profession all but
    {1,3} = 4; participants with a cross-border tie p1 p3 p4 p5 = 4 of 6; density 5 / 15.
    Events: p1 information exchange (April), p3 joint investigation (May), p6 MLA request (June).
    """
    design = make_complete_design(programme=programme, title="Transnational investigation training")
    tirana = make_session(design=design, country="AL", title="Network session — Tirana", city="Tirana")
    rome = make_session(design=design, country="IT", title="Network session — Rome", city="Rome")
    tirana.trainers.add(trainer)
    police_al = Organisation.objects.create(name="State Police of Albania", sector="public", kind="police")
    ngo = Organisation.objects.create(name="Rete Antitratta", sector="civil_society", kind="ngo")
    people = {
        "p1": make_person("Ana", "Hoxha", country="AL", profession="police", organisation=police_al),
        "p2": make_person("Besa", "Krasniqi", country="AL", profession="prosecution"),
        "p3": make_person("Carlo", "Rossi", country="IT", profession="police"),
        "p4": make_person("Dario", "Bianchi", country="IT", profession="judiciary"),
        "p5": make_person("Ema", "Petrovic", country="RS", profession="labour_inspection"),
        "p6": make_person("Filip", "Jovanovic", country="RS", profession="police"),
    }
    for key in ("p1", "p2", "p5"):
        register(tirana, people[key], RegistrationStatus.ATTENDED)
    for key in ("p3", "p4", "p6"):
        register(rome, people[key], RegistrationStatus.ATTENDED)
    p = people
    follow_up(
        tirana,
        p["p1"],
        [(p["p2"], _day(4, 10)), (p["p3"], _day(4, 10))],
        [("information_exchange", _day(4, 20))],
    )
    follow_up(tirana, p["p2"], [(p["p1"], _day(4, 12)), (ngo, _day(4, 12))])
    follow_up(tirana, p["p5"], [(p["p6"], _day(6, 1))])
    follow_up(rome, p["p3"], [(p["p4"], _day(5, 5))], [("joint_investigation", _day(5, 10))])
    follow_up(rome, p["p4"], [(p["p5"], _day(5, 5))])
    follow_up(rome, p["p6"], [(p["p5"], _day(6, 2))], [("mla_request", _day(6, 15))])
    return {"design": design, "tirana": tirana, "rome": rome, "people": people, "ngo": ngo, "police_al": police_al}


def context(ctx: dict[str, Any]) -> None:
    ctx["network"] = build_network(ctx["programme"], ctx["trainer"])


def _programme(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"pk": ctx["programme"].pk}


PAGES: dict[str, Page] = {
    "evaluation:network": Page(kwargs=_programme, may=READERS, ok=frozenset({200})),
    "evaluation:network_csv": Page(kwargs=_programme, may=DOWNLOADERS, ok=frozenset({200})),
}
