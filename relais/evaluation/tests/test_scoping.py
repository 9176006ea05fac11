"""What part of a programme's evaluation each role reads (scoping.results_scope)."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import Http404

from relais.evaluation.scoping import results_scope
from relais.programmes.models import ProgrammeRole


def test_each_role_reads_its_part(personas: dict[str, Any], programme: Any, other_programme: Any) -> None:
    def scope(persona: str) -> Any:
        return results_scope(user=personas[persona], programme_pk=programme.pk)

    assert scope("admin").names and scope("admin").country_ids is None
    assert scope("manager").names and not scope("manager").suppress_small
    assert not scope("me_officer").names and scope("me_officer").country_ids is None
    assert scope("coordinator_al").country_ids is not None and scope("coordinator_al").names
    assert scope("trainer").session_ids == frozenset()
    assert scope("viewer").suppress_small and not scope("viewer").names
    with pytest.raises(Http404):
        scope("outsider")
    with pytest.raises(Http404):
        results_scope(user=personas["manager"], programme_pk=other_programme.pk)


def test_an_m_and_e_officer_who_trains_elsewhere_still_sees_pseudonyms_here(
    personas: dict[str, Any], programme: Any, other_programme: Any
) -> None:
    officer = personas["me_officer"]
    ProgrammeRole.objects.create(user=officer, programme=other_programme, role="trainer")
    assert not results_scope(user=officer, programme_pk=programme.pk).names
    assert results_scope(user=officer, programme_pk=other_programme.pk).names


def test_session_results_show_names_by_role_in_the_sessions_programme(
    client: Any, personas: dict[str, Any], programme: Any, other_programme: Any
) -> None:
    from relais.evaluation.tests.factories_results import build_results_world

    world = build_results_world(programme)
    address = f"/sessions/{world['al'].pk}/results/"
    officer = personas["me_officer"]
    ProgrammeRole.objects.create(user=officer, programme=other_programme, role="trainer")
    client.force_login(officer)
    page = client.get(address).content.decode()
    assert "We opened a joint case with the Italian police." in page and "Ana Tester" not in page
    client.force_login(personas["manager"])
    assert "Ana Tester" in client.get(address).content.decode()


def test_contacts_are_named_among_the_session_only(programme: Any) -> None:
    """A participant names people they met: another session's participants (whom the staff of this
    session may not see) are refused, on the web, on paper and in imports alike."""
    from django.core.exceptions import ValidationError

    from relais.delivery.tests.factories import make_person, make_session, register
    from relais.design.tests.factories import make_complete_design
    from relais.evaluation.models import ItemType, QuestionnaireKind
    from relais.evaluation.tests.factories import make_item, make_questionnaire, submit

    design = make_complete_design(programme=programme)
    tirana, rome = make_session(design=design, country="AL"), make_session(design=design, country="IT")
    ana = register(tirana, make_person("Ana", "Hoxha"), "attended")
    besa = register(tirana, make_person("Besa", "Krasniqi"), "attended")
    giulia = register(rome, make_person("Giulia", "Rossi", country="IT"), "attended")
    follow_up = make_questionnaire(tirana, QuestionnaireKind.FOLLOW_UP)
    contacts = make_item(follow_up, ItemType.CONTACTS)
    with pytest.raises(ValidationError):
        submit(follow_up, ana, {contacts.pk: {"people": [giulia.person_id], "organisations": []}})
    response = submit(follow_up, ana, {contacts.pk: {"people": [besa.person_id], "organisations": []}})
    assert list(response.contacts.values_list("contact_id", flat=True)) == [besa.person_id]


def test_the_answers_template_download_is_audited(client: Any, personas: dict[str, Any], programme: Any) -> None:
    from relais.core.models import AuditEvent
    from relais.delivery.tests.factories import make_session
    from relais.design.tests.factories import make_complete_design
    from relais.evaluation.tests.factories import make_test

    session = make_session(design=make_complete_design(programme=programme), country="AL")
    questionnaire = make_test(session)
    client.force_login(personas["coordinator_al"])
    assert client.get(f"/questionnaires/{questionnaire.pk}/import/template.xlsx").status_code == 200
    event = AuditEvent.objects.get(action="registration.exported")
    assert event.actor == personas["coordinator_al"] and event.details["source"] == "answers_template"
