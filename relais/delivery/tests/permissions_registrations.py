"""Permission matrix entries of the registrations pages (merged into permissions.py).

The import preview answers only the user who uploaded the file (its token lives in their session):
in the matrix everyone gets 404 there; test_import_views checks that the uploader reaches it.
"""

import datetime as dt
from typing import Any

from tests.matrix import PROGRAMME_MEMBERS, Page

# The Albanian session of this module, trained by `trainer`.
SEES_LIST = frozenset({"admin", "manager", "coordinator_al", "trainer"})
SEES_SESSION = SEES_LIST | {"me_officer"}
MANAGES = frozenset({"admin", "manager", "coordinator_al"})
PERSONAL_DATA_ROLES = frozenset({"admin", "manager", "coordinator_al", "coordinator_it", "trainer"})


def _session(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"pk": ctx["registrations_session"].pk}


def _registration(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"pk": ctx["registrations_session"].pk, "registration_pk": ctx["registration"].pk}


def _export(fmt: str) -> Any:
    return lambda ctx: {"pk": ctx["registrations_session"].pk, "fmt": fmt}


def _programme(fmt: str) -> Any:
    return lambda ctx: {"pk": ctx["programme"].pk, "fmt": fmt}


PAGES: dict[str, Page] = {
    "delivery:registrations": Page(kwargs=_session, may=SEES_LIST),
    "delivery:registration_add": Page(
        kwargs=_session, may=MANAGES, method="post", data=lambda ctx: {"person": ctx["registrations_newcomer"].pk}
    ),
    "delivery:registration_new_person": Page(kwargs=_session, may=MANAGES),
    "delivery:registration_status": Page(
        kwargs=_registration, may=MANAGES, method="post", data=lambda ctx: {"status": "withdrawn"}
    ),
    "delivery:registration_remove": Page(kwargs=_registration, may=MANAGES, method="post"),
    "delivery:registration_import": Page(kwargs=_session, may=MANAGES),
    "delivery:registration_import_template": Page(kwargs=_session, may=MANAGES),
    "delivery:registration_import_preview": Page(
        kwargs=lambda ctx: {"pk": ctx["registrations_session"].pk, "token": "not-a-token-of-theirs"}, may=frozenset()
    ),
    "delivery:registrations_export": Page(kwargs=_export("xlsx"), may=SEES_LIST),
    "delivery:registrations_summary": Page(kwargs=_export("csv"), may=SEES_SESSION),
    "delivery:programme_participants_export": Page(kwargs=_programme("csv"), may=PERSONAL_DATA_ROLES),
    "delivery:programme_participants_summary": Page(kwargs=_programme("xlsx"), may=PROGRAMME_MEMBERS),
}


def context(ctx: dict[str, Any]) -> None:
    """Adds the objects the registrations pages need to the shared context."""
    from relais.delivery.tests.factories import make_person, make_session, register
    from relais.design.tests.factories import make_complete_design

    design = make_complete_design(programme=ctx["programme"], title="Registrations matrix design")
    session = make_session(design=design, country="AL", start_date=dt.date(2026, 4, 6), end_date=dt.date(2026, 4, 7))
    session.trainers.add(ctx["trainer"])
    ctx["registrations_session"] = session
    ctx["registration"] = register(session, make_person("Besa", "Krasniqi", country="AL"))
    ctx["registrations_newcomer"] = make_person("Dritan", "Shehu", country="AL")
