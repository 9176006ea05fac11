"""The team page: a programme's managers give and remove roles in their own programme."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from relais.accounts.tests.factories import make_user
from relais.core.models import AuditEvent, Country
from relais.programmes.models import Programme, ProgrammeRole, Role


def test_manager_gives_a_coordinator_role_by_exact_email(
    client: Any, personas: dict[str, Any], programme: Programme
) -> None:
    client.force_login(personas["manager"])
    page = client.get(reverse("programmes:team", args=[programme.pk])).content.decode()
    assert personas["outsider"].email not in page  # accounts are not listed to managers
    hungary = Country.objects.get(code="HU")
    url = reverse("programmes:team_assign", args=[programme.pk])
    response = client.post(url, {"email": " Outsider@Example.org ", "role": "coordinator", "countries": [hungary.pk]})
    assert response.status_code == 302
    role = ProgrammeRole.objects.get(user=personas["outsider"], programme=programme)
    assert role.role == Role.COORDINATOR and list(role.countries.all()) == [hungary]
    event = AuditEvent.objects.get(action="programme_role.assigned")
    assert event.actor_label == "manager@example.org"
    assert event.details == {"user": "outsider@example.org", "role": "coordinator", "countries": ["HU"]}


def test_bad_requests_are_refused(client: Any, personas: dict[str, Any], programme: Programme) -> None:
    make_user(email="gone@example.org", is_active=False)
    client.force_login(personas["manager"])
    url = reverse("programmes:team_assign", args=[programme.pk])
    austria = Country.objects.get(code="AT")  # not a country of the programme
    albania = Country.objects.get(code="AL")
    for data, message in [
        ({"email": "nobody@example.org", "role": "viewer"}, "No active account has this e-mail address."),
        ({"email": "gone@example.org", "role": "viewer"}, "No active account has this e-mail address."),
        ({"email": "outsider@example.org", "role": "coordinator"}, "A country coordinator needs at least one country."),
        ({"email": "outsider@example.org", "role": "viewer", "countries": [albania.pk]}, "leave the countries empty"),
        ({"email": "outsider@example.org", "role": "trainer", "countries": [austria.pk]}, "Select a valid choice"),
        ({"email": "outsider@example.org", "role": ""}, "This field is required."),
    ]:
        response = client.post(url, data)
        assert response.status_code == 400, data
        assert message in response.content.decode(), data
    assert not ProgrammeRole.objects.filter(user=personas["outsider"]).exists()


def test_manager_removes_roles_but_not_their_own(client: Any, personas: dict[str, Any], programme: Programme) -> None:
    client.force_login(personas["manager"])
    viewer_role = ProgrammeRole.objects.get(user=personas["viewer"], programme=programme)
    own = ProgrammeRole.objects.get(user=personas["manager"], programme=programme)
    response = client.post(reverse("programmes:team_remove", args=[programme.pk, own.pk]), follow=True)
    assert "You cannot remove your own manager role" in response.content.decode()
    assert ProgrammeRole.objects.filter(pk=own.pk).exists()
    client.post(reverse("programmes:team_remove", args=[programme.pk, viewer_role.pk]))
    assert not ProgrammeRole.objects.filter(pk=viewer_role.pk).exists()
    assert AuditEvent.objects.filter(action="programme_role.removed").count() == 1


def test_roles_of_another_programme_are_out_of_reach(
    client: Any, personas: dict[str, Any], programme: Programme, other_programme: Programme
) -> None:
    foreign = ProgrammeRole.objects.create(user=personas["outsider"], programme=other_programme, role=Role.VIEWER)
    client.force_login(personas["manager"])
    # Through this programme's page: the role is not found in it.
    assert client.post(reverse("programmes:team_remove", args=[programme.pk, foreign.pk])).status_code == 404
    assert client.get(reverse("programmes:team", args=[other_programme.pk])).status_code == 404
    assert ProgrammeRole.objects.filter(pk=foreign.pk).exists()
