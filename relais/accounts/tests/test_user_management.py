from __future__ import annotations

import re
from typing import Any

from django.core import mail
from django.urls import reverse

from relais.accounts.models import User
from relais.core.models import AuditEvent
from relais.programmes.models import ProgrammeRole


def test_administrator_creates_an_account_and_the_person_is_invited(
    admin_client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("users:new"),
            {"full_name": "Dragana Jovanović", "email": " Dragana.Jovanovic@Example.org", "language": "fr"},
        )
    user = User.objects.get(email="dragana.jovanovic@example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("users:detail", kwargs={"pk": user.pk})
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["dragana.jovanovic@example.org"]
    assert message.subject == "Votre compte Relais"  # in the person's own language
    assert "Bonjour Dragana Jovanović" in message.body
    event = AuditEvent.objects.get(action="user.created")
    assert event.object_id == str(user.pk) and event.actor_label == "admin@example.org"

    link = re.search(r"(/accounts/password-reset/\S+)", str(message.body))
    assert link is not None
    admin_client.logout()
    page = admin_client.get(link.group(1), follow=True)
    assert (
        "Choose a new password" in page.content.decode() or "Choisir un nouveau mot de passe" in page.content.decode()
    )


def test_duplicate_email_is_refused_next_to_the_field(admin_client: Any, personas: dict[str, Any]) -> None:
    response = admin_client.post(
        reverse("users:new"), {"full_name": "Clash", "email": "MANAGER@example.org", "language": "en"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Another account already uses this e-mail address." in html
    assert 'id="id_email_error"' in html and 'aria-invalid="true"' in html
    assert User.objects.filter(email="manager@example.org").count() == 1
    assert not AuditEvent.objects.filter(action="user.created").exists()


def test_edit_records_which_fields_changed(admin_client: Any, personas: dict[str, Any]) -> None:
    manager = personas["manager"]
    url = reverse("users:detail", kwargs={"pk": manager.pk})
    response = admin_client.post(url, {"full_name": "Mona M.", "email": manager.email, "language": "fr"})
    assert response.status_code == 302
    manager.refresh_from_db()
    assert (manager.full_name, manager.language) == ("Mona M.", "fr")
    event = AuditEvent.objects.get(action="user.updated")
    assert event.details == {"fields": ["full_name", "language"]}


def test_viewing_a_user_is_audited(admin_client: Any, personas: dict[str, Any]) -> None:
    admin_client.get(reverse("users:detail", kwargs={"pk": personas["trainer"].pk}))
    assert AuditEvent.objects.filter(action="user.viewed", object_id=str(personas["trainer"].pk)).count() == 1


def test_administrator_cannot_lock_themselves_out(admin_client: Any, personas: dict[str, Any]) -> None:
    admin = personas["admin"]
    admin_client.post(reverse("users:toggle_active", kwargs={"pk": admin.pk}))
    admin_client.post(
        reverse("users:detail", kwargs={"pk": admin.pk}),
        {"full_name": admin.full_name, "email": admin.email, "language": "en"},
    )
    admin.refresh_from_db()
    assert admin.is_active and admin.is_superuser


def test_deactivate_and_reactivate(admin_client: Any, personas: dict[str, Any]) -> None:
    trainer = personas["trainer"]
    url = reverse("users:toggle_active", kwargs={"pk": trainer.pk})
    admin_client.post(url)
    trainer.refresh_from_db()
    assert not trainer.is_active
    admin_client.post(url)
    trainer.refresh_from_db()
    assert trainer.is_active
    assert [e.action for e in AuditEvent.objects.order_by("id") if e.action.startswith("user.")][-2:] == [
        "user.deactivated",
        "user.activated",
    ]


def test_user_list_search_and_query_count(
    admin_client: Any, personas: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    response = admin_client.get(reverse("users:list"), {"q": "coordinator"})
    html = response.content.decode()
    assert "Arben Coordinator" in html and "Irene Coordinator" in html and "Mona Manager" not in html
    for i in range(30):
        User.objects.create_user(email=f"extra{i}@example.org", full_name=f"Extra {i}")
    # session, user, count, page: does not grow with the number of users
    with django_assert_max_num_queries(4):
        admin_client.get(reverse("users:list"))
    partial = admin_client.get(reverse("users:list"), {"q": "extra1"}, HTTP_HX_REQUEST="true")
    assert "<html" not in partial.content.decode() and "Extra 1" in partial.content.decode()


def test_give_and_remove_roles(admin_client: Any, personas: dict[str, Any], programme: Any) -> None:
    outsider = personas["outsider"]
    url = reverse("programmes:role_assign", kwargs={"user_pk": outsider.pk})
    it = programme.countries.get(code="IT")
    al = programme.countries.get(code="AL")

    refused = admin_client.post(url, {"programme": programme.pk, "role": "coordinator"})
    assert refused.status_code == 400
    assert "A country coordinator needs at least one country." in refused.content.decode()

    response = admin_client.post(url, {"programme": programme.pk, "role": "coordinator", "countries": [it.pk, al.pk]})
    assert response.status_code == 302
    role = ProgrammeRole.objects.get(user=outsider, programme=programme)
    assert sorted(c.code for c in role.countries.all()) == ["AL", "IT"]
    event = AuditEvent.objects.get(action="programme_role.assigned")
    assert event.details["countries"] == ["AL", "IT"]

    response = admin_client.post(url, {"programme": programme.pk, "role": "viewer", "countries": [it.pk]})
    assert "leave the countries empty" in response.content.decode()

    admin_client.post(reverse("programmes:role_remove", kwargs={"user_pk": outsider.pk, "pk": role.pk}))
    assert not ProgrammeRole.objects.filter(user=outsider).exists()
    assert AuditEvent.objects.filter(action="programme_role.removed").count() == 1


def test_countries_outside_the_programme_are_refused(
    admin_client: Any, personas: dict[str, Any], other_programme: Any, programme: Any
) -> None:
    from relais.core.models import Country

    other_programme.programme_countries.create(country=Country.objects.get(code="NL"), route_role="destination")
    nl = Country.objects.get(code="NL")
    url = reverse("programmes:role_assign", kwargs={"user_pk": personas["outsider"].pk})
    response = admin_client.post(url, {"programme": programme.pk, "role": "coordinator", "countries": [nl.pk]})
    assert response.status_code == 400
    assert "Not countries of this programme: Netherlands" in response.content.decode()
    assert not ProgrammeRole.objects.filter(user=personas["outsider"]).exists()


def test_invitation_can_be_sent_again_and_is_audited(
    admin_client: Any, personas: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    trainer = personas["trainer"]
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("users:send_invitation", kwargs={"pk": trainer.pk}))
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[trainer.email]]
    assert AuditEvent.objects.filter(action="user.invited", object_id=str(trainer.pk)).count() == 1


def test_invitation_task_skips_deactivated_accounts(personas: dict[str, Any]) -> None:
    from relais.accounts.tasks import send_invitation

    trainer = personas["trainer"]
    trainer.is_active = False
    trainer.save()
    send_invitation.call(trainer.pk, "https://relais.example.org")
    assert mail.outbox == []
