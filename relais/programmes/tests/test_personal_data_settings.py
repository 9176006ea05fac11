"""A programme's personal data settings: retention period and privacy notice (EN/FR) on the edit form,
saved by the service with an audit event, and shown on the programme's page."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from relais.core.models import AuditEvent
from relais.programmes import services
from relais.programmes.models import Programme
from relais.programmes.tests.test_programme_edit import _data, _edit_data

NOTICE_EN = "Who is responsible\nThe secretariat.\n\nYour rights\nWrite to privacy@example.org."
NOTICE_FR = "Qui est responsable\nLe secrétariat."


def _edit(client: Any, programme: Programme, **overrides: Any) -> Any:
    return client.post(reverse("programmes:edit", args=[programme.pk]), _edit_data(programme, **overrides))


def test_form_has_a_personal_data_fieldset_with_help(
    client: Any, personas: dict[str, Any], programme: Programme
) -> None:
    client.force_login(personas["manager"])
    html = client.get(reverse("programmes:edit", args=[programme.pk])).content.decode()
    assert '<legend class="h5">Personal data</legend>' in html
    for name in ("retention_months", "privacy_notice_en", "privacy_notice_fr"):
        assert f'name="{name}"' in html
    assert "From 1 to 240 months." in html
    assert "Empty: the standard notice of Relais is shown." in html
    assert 'min="1"' in html and 'max="240"' in html


def test_manager_sets_retention_and_notice(client: Any, personas: dict[str, Any], programme: Programme) -> None:
    client.force_login(personas["manager"])
    response = _edit(client, programme, retention_months="60", privacy_notice_en=NOTICE_EN, privacy_notice_fr=NOTICE_FR)
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.retention_months == 60
    assert (programme.privacy_notice_en, programme.privacy_notice_fr) == (NOTICE_EN, NOTICE_FR)
    event = AuditEvent.objects.get(action="programme.updated", object_id=str(programme.pk))
    assert event.details["fields"] == ["retention_months", "privacy_notice_en", "privacy_notice_fr"]
    assert event.details["retention_months"] == {"from": None, "to": 60}
    assert event.actor_label == personas["manager"].email
    # Emptied again: kept until erased on request, the standard notice.
    assert _edit(client, programme, retention_months="").status_code == 302
    programme.refresh_from_db()
    assert programme.retention_months is None and programme.privacy_notice_en == ""
    last = AuditEvent.objects.filter(action="programme.updated").latest("pk")
    assert last.details["retention_months"] == {"from": 60, "to": None}


@pytest.mark.parametrize("months", ["0", "241", "1000", "-3", "twelve"])
def test_retention_out_of_range_is_refused(
    client: Any, personas: dict[str, Any], programme: Programme, months: str
) -> None:
    client.force_login(personas["manager"])
    before = AuditEvent.objects.count()
    response = _edit(client, programme, retention_months=months, donor="Changed")
    assert response.status_code == 400
    assert "Nothing was saved" in response.content.decode()
    programme.refresh_from_db()
    assert programme.retention_months is None and programme.donor == "Test donor"
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize("months", ["1", "240"])
def test_retention_bounds_are_accepted(
    client: Any, personas: dict[str, Any], programme: Programme, months: str
) -> None:
    client.force_login(personas["manager"])
    assert _edit(client, programme, retention_months=months).status_code == 302
    programme.refresh_from_db()
    assert programme.retention_months == int(months)


def test_french_notice_needs_the_english_one(client: Any, personas: dict[str, Any], programme: Programme) -> None:
    client.force_login(personas["manager"])
    response = _edit(client, programme, privacy_notice_fr=NOTICE_FR)
    assert response.status_code == 400
    assert "Write the English notice too" in response.content.decode()


def test_the_service_refuses_a_bad_period_too(personas: dict[str, Any], programme: Programme) -> None:
    for months in (0, 241):
        with pytest.raises(ValidationError) as exc:
            services.programme_update(
                actor=personas["manager"],
                programme=programme,
                code=programme.code,
                title_en=programme.title_en,
                start_date=programme.start_date,
                end_date=programme.end_date,
                retention_months=months,
            )
        assert "retention_months" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.programme_create(
            actor=None,
            code="x-programme",
            title_en="X",
            start_date=programme.start_date,
            end_date=programme.end_date,
            retention_months=300,
        )


def test_administrator_creates_with_personal_data(admin_client: Any) -> None:
    response = admin_client.post(
        reverse("programmes:create"), _data(retention_months="36", privacy_notice_en=NOTICE_EN)
    )
    assert response.status_code == 302
    programme = Programme.objects.get(code="thb-new")
    assert programme.retention_months == 36 and programme.privacy_notice_en == NOTICE_EN
    event = AuditEvent.objects.get(action="programme.created", object_id=str(programme.pk))
    assert event.details["retention_months"] == 36 and event.details["privacy_notice"] == ["en"]


def test_programme_page_shows_retention_and_notice(client: Any, personas: dict[str, Any], programme: Programme) -> None:
    client.force_login(personas["viewer"])
    url = reverse("programmes:detail", args=[programme.pk])
    html = client.get(url).content.decode()
    assert "No period: kept until a person asks to be erased" in html
    assert "Not written: participants read the standard notice of Relais" in html
    Programme.objects.filter(pk=programme.pk).update(retention_months=60, privacy_notice_en=NOTICE_EN)
    html = client.get(url).content.decode()
    assert "60 months after a participant's last session" in html
    assert "Written in English (French pages show it in English)" in html
    Programme.objects.filter(pk=programme.pk).update(retention_months=1, privacy_notice_fr=NOTICE_FR)
    html = client.get(url).content.decode()
    assert "1 month after a participant's last session" in html and "Written in English and French" in html


def test_demo_programme_has_a_period_and_a_notice_in_both_languages() -> None:
    from relais.programmes.demo import PRIVACY_NOTICE_EN, PRIVACY_NOTICE_FR, RETENTION_MONTHS

    assert 1 <= RETENTION_MONTHS <= 240
    for notice, words in (
        (
            PRIVACY_NOTICE_EN,
            ["controller", "privacy@", "erased", "withdraw your consent", f"{RETENTION_MONTHS} months"],
        ),
        (PRIVACY_NOTICE_FR, ["responsable du traitement", "privacy@", "effacer", "retirer votre consentement"]),
    ):
        for word in words:
            assert word in notice
        assert "\n\n" in notice  # paragraphs


def test_notice_follows_the_language(programme: Programme) -> None:
    programme.privacy_notice_en, programme.privacy_notice_fr = NOTICE_EN, NOTICE_FR
    with translation.override("fr"):
        assert programme.privacy_notice == NOTICE_FR
    with translation.override("it"):
        assert programme.privacy_notice == NOTICE_EN
