from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from relais.core.models import AuditEvent, Country, Language, Profession, Theme


@pytest.mark.django_db
def test_reference_data_is_loaded_with_french_names() -> None:
    assert Country.objects.count() == 250  # ISO 3166-1 and Kosovo
    kosovo = Country.objects.get(code="XK")
    assert kosovo.name_en == kosovo.name_fr == "Kosovo"
    assert Country.objects.get(code="MK").name_fr == "Macédoine du Nord"
    assert Country.objects.get(code="MD").name_en == "Moldova"
    assert Country.objects.get(code="DE").name_fr == "Allemagne"
    assert Language.objects.get(code="sr").name_fr == "Serbe"
    assert list(Profession.objects.order_by("position").values_list("code", flat=True)[:6]) == [
        "labour_inspection",
        "police",
        "specialised_investigation",
        "prosecution",
        "judiciary",
        "civil_society",
    ]
    assert Theme.objects.filter(code="thb_labour").exists()
    for model in (Country, Language, Profession, Theme):
        assert not model.objects.filter(name_fr="").exists(), model


@pytest.mark.django_db
def test_names_follow_the_active_language() -> None:
    it = Country.objects.get(code="IT")
    with translation.override("fr"):
        assert str(it) == "Italie"
    with translation.override("en"):
        assert str(it) == "Italy"


@pytest.mark.django_db
def test_loading_twice_adds_nothing_and_keeps_edits() -> None:
    from django.core.management import call_command

    Country.objects.filter(code="CZ").update(name_en="Czech Republic")
    call_command("load_reference", stdout=None)
    assert Country.objects.count() == 250
    assert Country.objects.get(code="CZ").name_en == "Czech Republic"


def test_administrator_edits_a_theme_and_it_is_audited(admin_client: Any) -> None:
    theme = Theme.objects.get(code="thb_labour")
    url = reverse("core:reference_edit", kwargs={"kind": "themes", "pk": theme.pk})
    data = {
        "code": "thb_labour",
        "name_en": "Labour trafficking",
        "name_fr": "Traite par le travail",
        "position": 0,
    }
    response = admin_client.post(url, data)  # is_active unticked: retired
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.name_en == "Labour trafficking" and not theme.is_active
    event = AuditEvent.objects.get(action="reference.updated")
    assert set(event.details["fields"]) == {"name_en", "name_fr", "is_active"}


def test_new_item_needs_a_unique_code_and_both_names(admin_client: Any) -> None:
    url = reverse("core:reference_new", kwargs={"kind": "professions"})
    response = admin_client.post(url, {"code": "police", "name_en": "", "name_fr": "", "position": 1})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Profession with this Code already exists." in html
    assert html.count('aria-invalid="true"') == 3
    response = admin_client.post(
        url, {"code": "border_guard", "name_en": "Border guard", "name_fr": "Garde-frontière", "position": 11}
    )
    assert response.status_code == 302
    assert Profession.objects.filter(code="border_guard", is_active=False).exists()


def test_reference_search_finds_names_in_both_languages(admin_client: Any) -> None:
    url = reverse("core:reference", kwargs={"kind": "countries"})
    assert "Hungary" in admin_client.get(url, {"q": "Hongrie"}).content.decode()
    assert "Kosovo" in admin_client.get(url, {"q": "xk"}).content.decode()
