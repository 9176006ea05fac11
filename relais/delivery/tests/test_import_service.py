"""Importing a list: refused with every problem and nothing written; the corrected file imports every
row in one transaction; the same file again changes nothing; known people are matched, not duplicated."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from relais.core.models import AuditEvent, Country, Profession
from relais.delivery import services_registrations
from relais.delivery.models import ImportRecord, Person, Registration, RegistrationStatus
from relais.delivery.services_registrations import ImportRefused, participants_import
from relais.delivery.tests.factories import make_person, make_session, register
from relais.delivery.tests.spreadsheets import HEADERS_EN, messy_xlsx, xlsx
from relais.design.tests.factories import make_complete_design

CLEAN = [
    HEADERS_EN,
    ["Ana", "Hoxha", "F", "Albania", "State Labour Inspectorate", "Labour inspection", "Inspector", "ana@example.org",
     "+355 69 000 0001"],
    ["Besa", "Krasniqi", "Woman", "Kosovo*", "Kosovo Police", "Police", "Sergeant", "besa@example.org", ""],
    ["Dritan", "Shehu", "M", "AL", "", "Prosecution", "Prosecutor", "", ""],
    ["Marco", "Rossi", "M", "Italy", "Carabinieri", "Police", "", "marco.rossi@example.it", ""],
    ["Milan", "Đorđević", "M", "Serbia", "", "Judiciary", "Judge", "", ""],
    ["Elira", "Dervishi", "F", "ALB", "Different & Equal", "NGO", "Lawyer", "elira@example.org", ""],
    ["Genti", "Leka", "Man", "Albanie", "", "Labour inspection", "", "", "0692222222"],
]  # fmt: skip


def messy_with_problems() -> bytes:
    rows = [list(r) for r in CLEAN]
    rows[1][0] = ""  # missing required value (first name)
    rows[2][3] = "Kosova Republic"  # unknown country
    rows[3][5] = "Astronaut"  # unknown profession
    rows[4][2] = "?"  # unknown gender
    rows[6][7] = "elira(at)example.org"  # malformed e-mail
    rows.append(["Marco", "Rossi", "M", "IT", "", "", "", "", ""])  # same person twice in the file
    return messy_xlsx(rows)


@pytest.fixture
def world(personas: dict[str, Any], programme: Any) -> dict[str, Any]:
    session = make_session(design=make_complete_design(programme=programme), country="AL", capacity=25)
    return {"session": session, **personas}


def _import(world: dict[str, Any], data: bytes, name: str = "list.xlsx") -> services_registrations.ImportOutcome:
    return participants_import(actor=world["coordinator_al"], session=world["session"], data=data, filename=name)


def test_the_messy_file_is_refused_with_every_problem_and_nothing_written(world: dict[str, Any]) -> None:
    people, events = Person.objects.count(), AuditEvent.objects.count()
    with pytest.raises(ImportRefused) as refused:
        _import(world, messy_with_problems())
    # The table starts in column B on row 4, with an empty column E after the gender (messy_xlsx).
    assert [str(p) for p in refused.value.problems] == [
        "row 5, column B (First name): a value is required.",
        "row 6, column F (Country): unknown country “Kosova Republic”: write its name in English or French, "
        "or its ISO code.",
        "row 8, column H (Profession): unknown profession “Astronaut”: use a profession of the template's list.",
        "row 9, column D (Gender): unknown gender “?”: write F, M or other.",
        "row 12, column J (E-mail): “elira(at)example.org” is not an e-mail address.",
        "row 14, column C (Last name): the same person as row 9.",
        "row 17: only one cell is filled (“Total”): complete the row or delete it.",
    ]
    assert Person.objects.count() == people
    assert not Registration.objects.exists()
    assert not ImportRecord.objects.exists()
    assert AuditEvent.objects.count() == events


def test_corrected_file_imports_every_row_and_again_changes_nothing(world: dict[str, Any]) -> None:
    session = world["session"]
    known_by_email = make_person("Anna", "Hoxha", country="AL", email="ana@example.org")  # spelt otherwise
    known_by_name = make_person("Milan", "Djordjevic", country="RS", profession="judiciary")
    corrected = messy_xlsx(CLEAN, total=False)  # the same messy layout, the problems fixed
    outcome = _import(world, corrected)
    assert (outcome.added, outcome.already, outcome.people_created, outcome.people_matched) == (7, 0, 5, 2)
    registrations = Registration.objects.filter(session=session).select_related("person")
    assert registrations.count() == 7
    assert {r.person_id for r in registrations} >= {known_by_email.pk, known_by_name.pk}
    assert Person.objects.count() == 7
    ana = registrations.get(person=known_by_email)
    assert ana.person.first_name == "Anna"  # a known person is matched, not changed…
    assert ana.position == "Inspector"  # …and the registration keeps what the file says
    assert ana.profession == Profession.objects.get(code="labour_inspection")
    assert ana.organisation_name == "State Labour Inspectorate" and ana.source == "import"
    besa = registrations.get(person__last_name="Krasniqi")
    assert besa.country == Country.objects.get(code="XK") and besa.person.gender == "female"
    assert registrations.get(person__last_name="Leka").person.phone == "0692222222"
    record = ImportRecord.objects.get()
    assert (record.rows, record.registrations_created, record.people_created) == (7, 7, 5)
    assert len(record.sha256) == 64 and record.imported_by == world["coordinator_al"]
    event = AuditEvent.objects.get(action="registration.imported")
    assert event.details["added"] == 7 and event.actor == world["coordinator_al"]

    again = _import(world, corrected)
    assert (again.added, again.already, again.people_created) == (0, 7, 0)
    assert Registration.objects.filter(session=session).count() == 7
    assert Person.objects.count() == 7
    assert ImportRecord.objects.count() == 1  # nothing changed: no second record


def test_beyond_capacity_people_go_to_the_waiting_list(world: dict[str, Any]) -> None:
    session = world["session"]
    session.capacity = 4
    session.save()
    register(session, make_person("Already", "There", country="AL"))
    outcome = _import(world, xlsx(CLEAN))
    assert (outcome.added, outcome.waiting) == (7, 4)
    statuses = list(
        Registration.objects.filter(session=session, source="import").order_by("pk").values_list("status", flat=True)
    )
    assert statuses == ["registered"] * 3 + ["waiting"] * 4


def test_the_write_is_all_or_nothing(world: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(**kwargs: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(services_registrations.ImportRecord.objects, "create", broken)
    with pytest.raises(RuntimeError):
        _import(world, xlsx(CLEAN))
    assert not Person.objects.exists()
    assert not Registration.objects.exists()


def test_two_rows_matching_one_known_person_are_a_problem(world: dict[str, Any]) -> None:
    make_person("Ana", "Hoxha", country="AL", email="ana@example.org")
    rows = [HEADERS_EN, ["Ana", "Hoxha", "", "AL"], ["Anna", "Hoxhaj", "", "AL", "", "", "", "ana@example.org"]]
    with pytest.raises(ImportRefused) as refused:
        _import(world, xlsx(rows))
    assert [str(p) for p in refused.value.problems] == ["row 3: the same person as row 2 (already known to Relais)."]


def test_a_namesake_with_another_address_is_another_person(world: dict[str, Any]) -> None:
    other = make_person("Ana", "Hoxha", country="AL", email="ana.hoxha@police.al")
    outcome = _import(world, xlsx([HEADERS_EN, ["Ana", "Hoxha", "", "AL", "", "", "", "ana@shelter.al"]]))
    assert outcome.people_created == 1
    assert not Registration.objects.filter(person=other).exists()


def test_command_line_dry_run_then_commit(world: dict[str, Any], tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(messy_with_problems())
    out = StringIO()
    with pytest.raises(CommandError, match="7 problem"):
        call_command("import_participants", str(bad), session=world["session"].pk, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "row 5, column B (First name): a value is required."
    assert "row 14, column C (Last name): the same person as row 9." in lines
    assert not Registration.objects.exists()

    good = tmp_path / "good.xlsx"
    good.write_bytes(xlsx(CLEAN))
    out = StringIO()
    call_command("import_participants", str(good), session=world["session"].pk, stdout=out)
    assert "7 rows: 7 to register (7 new people, 0 already known), 0 already registered, 0 to the waiting list." in (
        out.getvalue()
    )
    assert "Dry run" in out.getvalue()
    assert not Registration.objects.exists()
    out = StringIO()
    call_command("import_participants", str(good), session=world["session"].pk, commit=True, stdout=out)
    assert "7 added, 0 already there" in out.getvalue()
    out = StringIO()
    call_command("import_participants", str(good), session=world["session"].pk, commit=True, stdout=out)
    assert "0 added, 7 already there" in out.getvalue()
    assert Registration.objects.filter(status=RegistrationStatus.REGISTERED).count() == 7
