"""A person's data on request: a ZIP of person.json (everything held) and person.pdf (the same,
readable, in the requester's language), no name in the file name, audited, for editors only."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from typing import Any

import pypdf
import pytest
from django.urls import reverse
from django.utils import translation

from relais.core.models import AuditEvent, Language
from relais.delivery import services_people
from relais.delivery.models import Attendance, Certificate, Consent, RegistrationStatus
from relais.delivery.personal_data_export import person_data_sections, person_data_typst_source
from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.tests.factories import make_complete_design
from relais.evaluation.models import ItemType, QuestionnaireKind, QuestionnaireStatus
from relais.evaluation.tests.factories import make_item, make_questionnaire, submit


@pytest.fixture
def world(programme: Any, personas: dict[str, Any]) -> dict[str, Any]:
    design = make_complete_design(programme=programme)
    session = make_session(
        design=design,
        country="AL",
        title="Joint investigations — Tirana",
        start_date=dt.date(2025, 3, 2),
        end_date=dt.date(2025, 3, 3),
    )
    session.trainers.add(personas["trainer"])  # sees Ana, may not edit her
    # User text that means something to Typst: it must show literally, never run.
    ana = make_person("Ana #set", "Hoxha *bold* $x$", country="AL", email="ana.hoxha@police.example.al")
    ana.languages.set(Language.objects.filter(code__in=["sq"]))
    friend = make_person("Besa", "Krasniqi", country="AL")
    reg = register(session, ana, RegistrationStatus.ATTENDED)
    friend_reg = register(session, friend, RegistrationStatus.ATTENDED)
    Attendance.objects.create(registration=reg, day=dt.date(2025, 3, 2), present=True)
    Attendance.objects.create(registration=reg, day=dt.date(2025, 3, 3), present=False)
    Certificate.objects.create(registration=reg, code="7KQ2M9XD4HTRAB3C")
    Consent.objects.create(
        person=ana, purpose="Photographs in publications", given_on=dt.date(2025, 3, 1), method="paper"
    )
    satisfaction = make_questionnaire(session, QuestionnaireKind.SATISFACTION, status=QuestionnaireStatus.OPEN)
    useful = make_item(satisfaction, ItemType.LIKERT, text="The training was useful")
    submit(satisfaction, reg, {useful.pk: 4})
    follow_up = make_questionnaire(session, QuestionnaireKind.FOLLOW_UP, status=QuestionnaireStatus.OPEN)
    contacts = make_item(follow_up, ItemType.CONTACTS, required=False)
    submit(follow_up, friend_reg, {contacts.pk: {"people": [ana.pk], "organisations": []}})
    services_people.person_viewed(actor=personas["coordinator_al"], person=ana)
    return {**personas, "ana": ana, "friend": friend, "session": session}


def _download(client: Any, person: Any) -> Any:
    return client.get(reverse("delivery:person_data_export", kwargs={"pk": person.pk}))


def _unzip(content: bytes) -> tuple[dict[str, Any], str]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert sorted(archive.namelist()) == ["person.json", "person.pdf"]
        data = json.loads(archive.read("person.json"))
        reader = pypdf.PdfReader(io.BytesIO(archive.read("person.pdf")))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    return data, text


def test_the_archive_holds_everything(world: dict[str, Any], client: Any) -> None:
    ana = world["ana"]
    client.force_login(world["manager"])
    response = _download(client, ana)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == f'attachment; filename="relais-person-{ana.pk}.zip"'
    assert "private" in response["Cache-Control"]
    data, text = _unzip(response.content)

    assert data["person"]["last_name"] == "Hoxha *bold* $x$" and data["person"]["email"] == ana.email
    assert data["languages"] == [{"code": "sq", "name": "Albanian"}]
    assert data["consents"][0]["purpose"] == "Photographs in publications"
    [registration] = data["registrations"]
    assert registration["session"]["title"] == "Joint investigations — Tirana"
    assert registration["programme"]["code"] == world["session"].programme.code
    assert registration["status"] == "attended" and registration["session"]["end_date"] == "2025-03-03"
    assert registration["attendance"] == [
        {"day": "2025-03-02", "present": True},
        {"day": "2025-03-03", "present": False},
    ]
    assert registration["certificate"]["number"] == "7KQ2-M9XD-4HTR-AB3C"
    assert registration["certificate"]["revoked_at"] is None
    [answered] = data["questionnaire_responses"]
    assert answered["answers"] == [{"question": "The training was useful", "answer": 4}]
    # The tie Besa reported names Ana; who reported it is Besa's data, not Ana's.
    assert data["network"]["ties"] == [
        {
            "direction": "named_by_another_participant",
            "with_person": None,
            "with_organisation": None,
            "reported_on": data["network"]["ties"][0]["reported_on"],
        }
    ]
    viewed = [e for e in data["audit_events"] if e["action"] == "person.viewed"]
    assert viewed and viewed[0]["actor"] == "coord.al@example.org"

    # The PDF shows the same, the user's text literally.
    for shown in ("Ana #set", "Hoxha *bold* $x$", "ana.hoxha@police.example.al", "Joint investigations — Tirana"):
        assert shown in text
    for shown in ("7KQ2-M9XD-4HTR-AB3C", "The training was useful", "Person's page viewed", "another participant"):
        assert shown in text
    assert "Krasniqi" not in text
    # Making it is audited, without the name.
    event = AuditEvent.objects.get(action="person.data_exported")
    assert event.actor == world["manager"] and event.object_id == str(ana.pk)
    assert "Hoxha" not in json.dumps(event.details)


def test_the_pdf_is_in_the_requesters_language(world: dict[str, Any], client: Any) -> None:
    client.force_login(world["manager"])
    with translation.override("fr"):
        response = client.get(
            reverse("delivery:person_data_export", kwargs={"pk": world["ana"].pk}), HTTP_ACCEPT_LANGUAGE="fr"
        )
    _data, text = _unzip(response.content)
    assert "Prénom" in text and "First name" not in text


def test_typst_source_escapes_user_text(world: dict[str, Any]) -> None:
    ana = world["ana"]
    source = person_data_typst_source(ana, person_data_sections(ana), dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert "Ana \\#set" in source and "\\*bold\\* \\$x\\$" in source


def test_only_those_who_may_edit(world: dict[str, Any], client: Any) -> None:
    for persona in ("trainer", "coordinator_it", "me_officer", "viewer", "outsider"):
        client.force_login(world[persona])
        assert _download(client, world["ana"]).status_code == 404, persona
    assert not AuditEvent.objects.filter(action="person.data_exported").exists()
    client.force_login(world["coordinator_al"])
    assert _download(client, world["ana"]).status_code == 200


def test_the_person_page_offers_it_to_editors_only(world: dict[str, Any], client: Any) -> None:
    url = reverse("delivery:person", kwargs={"pk": world["ana"].pk})
    export = reverse("delivery:person_data_export", kwargs={"pk": world["ana"].pk})
    client.force_login(world["manager"])
    assert export in client.get(url).content.decode()
    client.force_login(world["trainer"])
    page = client.get(url)
    assert page.status_code == 200 and export not in page.content.decode()
