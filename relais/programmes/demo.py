"""The demo programme of DESIGN.md §5b: 15 countries on a South-East Europe → EU route, and its team."""

from __future__ import annotations

import datetime as dt

from relais.core.demo import DEMO_DOMAIN, DEMO_PASSWORD, DemoContext, DemoStep, register_demo_step
from relais.core.models import Country, Theme
from relais.programmes.models import Organisation, Programme, ProgrammeRole, Role, RouteRole
from relais.programmes.services import programme_create

ROUTE = {
    RouteRole.ORIGIN: ["AL", "BA", "BG", "XK", "MD", "MK", "RO", "RS"],
    RouteRole.TRANSIT: ["HR", "HU", "ME"],
    RouteRole.DESTINATION: ["AT", "CZ", "IT", "NL"],
}

OBJECTIVES_EN = [
    "Strengthen the capacity of labour inspectors, police, prosecutors, judges and civil society to identify "
    "trafficking for labour exploitation and refer presumed victims.",
    "Improve cross-border judicial cooperation and transnational police investigations in labour-trafficking cases.",
    "Build lasting multidisciplinary partnerships between public agencies, employers and civil society "
    "along the route.",
    "Make the training replicable: a model, trained national trainers and a kit for each activity.",
]
OBJECTIVES_FR = [
    "Renforcer la capacité des inspecteurs du travail, policiers, procureurs, juges et de la société civile à "
    "identifier la traite à des fins d'exploitation par le travail et à orienter les victimes présumées.",
    "Améliorer la coopération judiciaire transfrontalière et les enquêtes policières transnationales dans les "
    "affaires de traite par le travail.",
    "Bâtir des partenariats pluridisciplinaires durables entre administrations, employeurs et société civile "
    "le long de la route.",
    "Rendre les formations reproductibles : un modèle, des formateurs relais nationaux et un kit par activité.",
]

# (key, e-mail local part, full name, role, countries, administrator)
TEAM: list[tuple[str, str, str, str | None, list[str]]] = [
    ("admin", "Hélène Martin", "admin", None, []),
    ("manager", "Jonas Weber", "manager", Role.MANAGER, []),
    ("coordinator.al", "Elira Hoxha", "coordinator_al", Role.COORDINATOR, ["AL", "XK"]),
    ("coordinator.ro", "Andrei Popescu", "coordinator_ro", Role.COORDINATOR, ["RO", "MD"]),
    ("coordinator.it", "Giulia Romano", "coordinator_it", Role.COORDINATOR, ["IT"]),
    ("trainer", "Milan Đorđević", "trainer", Role.TRAINER, []),
    ("me", "Sofia Janssen", "me_officer", Role.ME_OFFICER, []),
    ("viewer", "Peter Novák", "viewer", Role.VIEWER, []),
]


def build_programme(context: DemoContext) -> None:
    from relais.accounts.models import User

    countries = {c.code: c for c in Country.objects.filter(code__in=[c for cs in ROUTE.values() for c in cs])}
    programme = programme_create(
        actor=None,
        code="thb-labour-demo",
        title_en="Intensifying the fight against trafficking for labour exploitation",
        title_fr="Intensifier la lutte contre la traite à des fins d'exploitation par le travail",
        summary_en=(
            "A fictional demonstration programme: multidisciplinary training on trafficking for labour "
            "exploitation, cross-border judicial cooperation and transnational police investigations in "
            "fifteen countries of a South-East Europe to EU route."
        ),
        summary_fr=(
            "Programme de démonstration fictif : formations pluridisciplinaires sur la traite à des fins "
            "d'exploitation par le travail, la coopération judiciaire transfrontalière et les enquêtes "
            "policières transnationales dans quinze pays d'une route de l'Europe du Sud-Est vers l'UE."
        ),
        donor="Demonstration Fund (fictional)",
        objectives_en="\n".join(OBJECTIVES_EN),
        objectives_fr="\n".join(OBJECTIVES_FR),
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2027, 6, 30),
        countries=[(countries[code], role) for role, codes in ROUTE.items() for code in codes],
        themes=Theme.objects.filter(
            code__in=["thb_labour", "judicial_cooperation", "police_investigation", "victim_identification"]
        ),
    )
    context.objects["programme"] = programme
    context.objects["countries"] = countries

    for local, name, key, role, codes in TEAM:
        user = User.objects.create_user(
            email=f"{local}@{DEMO_DOMAIN}",
            password=DEMO_PASSWORD,
            full_name=name,
            is_superuser=role is None,
            language="fr" if key == "coordinator_it" else "en",
        )
        context.objects[f"user:{key}"] = user
        if role is not None:
            assignment = ProgrammeRole.objects.create(user=user, programme=programme, role=role)
            assignment.countries.set([countries[c] for c in codes])


def register() -> None:
    from relais.programmes.demo_results import build_results

    register_demo_step(DemoStep(key="programme", order=10, run=build_programme, is_loaded=Programme.objects.exists))
    register_demo_step(
        DemoStep(key="programme_results", order=11, run=build_results, is_loaded=Organisation.objects.exists)
    )
