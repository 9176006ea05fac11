"""Exports: participant lists (personal data, audited) whose cells can never run as formulas, and
aggregates with the rule of small numbers, per session and per programme, each for whom it is meant."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from relais.core.models import AuditEvent
from relais.delivery.exports_participants import neutralise, shown
from relais.delivery.models import Gender, RegistrationStatus
from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.tests.factories import make_complete_design

EVIL = ['=HYPERLINK("http://evil.example","x")', "+1+2", "-3+4", "@SUM(A1)"]


@pytest.fixture
def world(personas: dict[str, Any], programme: Any) -> dict[str, Any]:
    design = make_complete_design(programme=programme)
    al = make_session(design=design, country="AL", title="Tirana training")
    it = make_session(design=design, country="IT", city="Rome", title="Rome training")
    al.trainers.add(personas["trainer"])
    evil = make_person(EVIL[0], EVIL[1], position=EVIL[2], email="x@example.org", phone=EVIL[3])
    register(al, evil)
    for n in range(6):
        register(al, make_person("Police", f"Officer{n}", profession="police", gender=Gender.MALE))
    register(al, make_person("Only", "Judge", profession="judiciary", gender=Gender.FEMALE))
    register(al, make_person("Gone", "Away"), status=RegistrationStatus.WITHDRAWN)
    register(it, make_person("Marco", "Rossi", country="IT"))
    return {"al": al, "it": it, **personas}


def _get(client: Any, name: str, **kwargs: Any) -> Any:
    return client.get(reverse(f"delivery:{name}", kwargs=kwargs))


def test_neutralise_and_small_numbers() -> None:
    assert [neutralise(v) for v in [*EVIL, "Ana", "", "\tx"]] == [f"'{v}" for v in EVIL] + ["Ana", "", "'\tx"]
    assert [shown(n) for n in (0, 1, 4, 5, 12)] == ["0", "<5", "<5", "5", "12"]


def test_session_list_as_csv_is_neutralised_and_audited(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["coordinator_al"])
    response = _get(client, "registrations_export", pk=world["al"].pk, fmt="csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="participants-tirana-training-')
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffFirst name,Last name,Gender,Country")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 10
    evil = next(r for r in rows if r[7] == "x@example.org")
    assert evil[0] == "'" + EVIL[0] and evil[1] == "'+1+2" and evil[6] == "'-3+4" and evil[8] == "'@SUM(A1)"
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    event = AuditEvent.objects.get(action="registration.exported")
    assert event.details == {"format": "csv", "rows": 9} and event.actor == world["coordinator_al"]


def test_session_list_as_xlsx_holds_text_never_formulas(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["trainer"])
    response = _get(client, "registrations_export", pk=world["al"].pk, fmt="xlsx")
    book = load_workbook(io.BytesIO(response.content))  # formulas would read back as "=…" with data_type "f"
    sheet = book.worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type == "s" for c in cells)
    evil = [c for c in cells if c.value in EVIL]
    assert len(evil) == 4 and all(c.quotePrefix for c in evil)


def test_french_csv_uses_semicolons(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["manager"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    text = _get(client, "registrations_export", pk=world["al"].pk, fmt="csv").content.decode("utf-8")
    assert text.startswith("\ufeffPrénom;Nom;")


def test_summary_hides_counts_under_five(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["me_officer"])  # sees the session, not the people
    assert _get(client, "registrations_export", pk=world["al"].pk, fmt="csv").status_code == 404
    response = _get(client, "registrations_summary", pk=world["al"].pk, fmt="csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8").lstrip("\ufeff"))))
    assert rows[0] == ["Counted by", "Value", "People"]
    body = {(r[0], r[1]): r[2] for r in rows[1:]}
    assert body[("Status", "Registered")] == "8" and body[("Status", "Withdrawn")] == "<5"
    assert body[("Status", "Total (n)")] == "9"
    assert body[("Profession", "Police")] == "7"  # the six officers and the person of the first row
    assert body[("Profession", "Judiciary")] == "<5"
    assert body[("Gender", "Man")] == "6" and body[("Gender", "Woman")] == "<5"
    assert body[("Country", "Albania")] == "8"
    assert not any("Hoxha" in cell or "Officer" in cell for row in rows for cell in row)
    assert not AuditEvent.objects.filter(action="registration.exported").exists()
    book = load_workbook(io.BytesIO(_get(client, "registrations_summary", pk=world["al"].pk, fmt="xlsx").content))
    assert book.sheetnames == ["By status", "By profession", "By country", "By gender", "About"]


def test_programme_list_holds_only_the_users_sessions(client: Any, world: dict[str, Any], programme: Any) -> None:
    def people(persona: str) -> set[str]:
        client.force_login(world[persona])
        response = _get(client, "programme_participants_export", pk=programme.pk, fmt="csv")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8").lstrip("\ufeff"))))
        assert rows[0][-3:] == ["Status", "Session", "First day"]
        return {r[1] for r in rows[1:]}

    assert "Rossi" in people("manager") and "Officer0" in people("manager")
    assert people("coordinator_it") == {"Rossi"}
    assert "Rossi" not in people("coordinator_al") and "Officer0" in people("trainer")
    client.force_login(world["viewer"])
    assert _get(client, "programme_participants_export", pk=programme.pk, fmt="csv").status_code == 404
    response = _get(client, "programme_participants_summary", pk=programme.pk, fmt="csv")
    body = {tuple(r[:2]): r[2] for r in csv.reader(io.StringIO(response.content.decode("utf-8").lstrip("\ufeff")))}
    assert body[("Status", "Total (n)")] == "10"
    assert body[("Country", "Italy")] == "<5"


def test_unknown_format_is_404(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["admin"])
    assert _get(client, "registrations_export", pk=world["al"].pk, fmt="pdf").status_code == 404
