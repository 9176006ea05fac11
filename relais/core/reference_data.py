"""The reference data Relais starts with: countries, professions, themes and languages.

Loaded by a data migration and by `manage.py load_reference` (idempotent: existing rows keep the
names administrators gave them; missing rows are added).
"""

from __future__ import annotations

import gettext
from typing import Any

import pycountry

# Professional groups of DESIGN.md §1-2 (code, English, French).
PROFESSIONS: list[tuple[str, str, str]] = [
    ("labour_inspection", "Labour inspection", "Inspection du travail"),
    ("police", "Police", "Police"),
    ("specialised_investigation", "Specialised investigation", "Enquête spécialisée"),
    ("prosecution", "Prosecution", "Ministère public"),
    ("judiciary", "Judiciary", "Magistrature du siège"),
    ("civil_society", "Civil society", "Société civile"),
    ("social_services", "Social services", "Services sociaux"),
    ("government", "Government and policy", "Administration et politiques publiques"),
    ("private_sector", "Private sector", "Secteur privé"),
    ("other", "Other", "Autre"),
]

THEMES: list[tuple[str, str, str]] = [
    (
        "thb_labour",
        "Trafficking for labour exploitation",
        "Traite à des fins d'exploitation par le travail",
    ),
    (
        "judicial_cooperation",
        "Cross-border judicial cooperation",
        "Coopération judiciaire transfrontalière",
    ),
    (
        "police_investigation",
        "Transnational police investigation",
        "Enquête policière transnationale",
    ),
    (
        "victim_identification",
        "Victim identification and referral",
        "Identification et orientation des victimes",
    ),
    (
        "legal_framework",
        "European and international legal framework",
        "Cadre juridique européen et international",
    ),
    (
        "financial_investigation",
        "Financial investigation and asset recovery",
        "Enquête financière et recouvrement des avoirs",
    ),
    (
        "supply_chains",
        "Labour inspection and supply chains",
        "Inspection du travail et chaînes d'approvisionnement",
    ),
    (
        "victim_assistance",
        "Victim assistance and protection",
        "Assistance et protection des victimes",
    ),
    (
        "data_monitoring",
        "Data collection and monitoring",
        "Collecte de données et suivi",
    ),
]

# Short, usual names where the ISO name is formal or awkward in lists.
_COUNTRY_OVERRIDES: dict[str, tuple[str, str]] = {
    "MD": ("Moldova", "Moldavie"),
    "XK": ("Kosovo", "Kosovo"),
    "CZ": ("Czechia", "Tchéquie"),
    "RU": ("Russia", "Russie"),
    "TR": ("Türkiye", "Türkiye"),
    "GB": ("United Kingdom", "Royaume-Uni"),
    "US": ("United States", "États-Unis"),
    "VA": ("Holy See", "Saint-Siège"),
    "SY": ("Syria", "Syrie"),
    "IR": ("Iran", "Iran"),
    "KR": ("Republic of Korea", "République de Corée"),
    "KP": ("Democratic People's Republic of Korea", "République populaire démocratique de Corée"),
    "VN": ("Viet Nam", "Viet Nam"),
    "LA": ("Lao People's Democratic Republic", "République démocratique populaire lao"),
    "TW": ("Taiwan", "Taïwan"),
    "BO": ("Bolivia", "Bolivie"),
    "VE": ("Venezuela", "Venezuela"),
    "TZ": ("Tanzania", "Tanzanie"),
    "PS": ("Palestine", "Palestine"),
}


def countries() -> list[dict[str, Any]]:
    fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
    rows = []
    for c in pycountry.countries:
        en = getattr(c, "common_name", None) or c.name
        fr_name = fr.gettext(en)
        if fr_name == en:
            fr_name = fr.gettext(c.name)
        if c.alpha_2 in _COUNTRY_OVERRIDES:
            en, fr_name = _COUNTRY_OVERRIDES[c.alpha_2]
        rows.append({"code": c.alpha_2, "alpha3": c.alpha_3, "name_en": en, "name_fr": fr_name})
    en, fr_name = _COUNTRY_OVERRIDES["XK"]
    rows.append({"code": "XK", "alpha3": "XKX", "name_en": en, "name_fr": fr_name})
    return rows


def languages() -> list[dict[str, Any]]:
    fr = gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
    rows = []
    for lang in pycountry.languages:
        code = getattr(lang, "alpha_2", None)
        if not code:
            continue
        name_fr = fr.gettext(lang.name)
        rows.append({"code": code, "name_en": lang.name, "name_fr": name_fr[:1].upper() + name_fr[1:]})
    return rows


def load(*, Country: Any, Profession: Any, Theme: Any, Language: Any) -> dict[str, int]:
    """Add the reference rows that are missing. Model classes are passed so migrations can call it."""
    created: dict[str, int] = {}

    def add(model: Any, rows: list[dict[str, Any]], label: str) -> None:
        existing = set(model.objects.values_list("code", flat=True))
        new = [model(**row) for row in rows if row["code"] not in existing]
        model.objects.bulk_create(new)
        created[label] = len(new)

    add(Country, countries(), "countries")
    add(Language, languages(), "languages")
    add(
        Profession,
        [{"code": c, "name_en": en, "name_fr": fr, "position": i} for i, (c, en, fr) in enumerate(PROFESSIONS)],
        "professions",
    )
    add(
        Theme,
        [{"code": c, "name_en": en, "name_fr": fr, "position": i} for i, (c, en, fr) in enumerate(THEMES)],
        "themes",
    )
    return created
