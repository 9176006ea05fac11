"""Demo, second part: partner organisations, the results framework with values, and a second programme.

Every organisation is fictional (each name says so). Values are entered by the demo programme's
manager through the services, so the audit log of the demo reads like real use.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from relais.core.demo import DEMO_DOMAIN, DEMO_PASSWORD, DemoContext
from relais.core.models import Country, Theme
from relais.programmes import services, services_organisations, services_results
from relais.programmes.models import Organisation, Programme, ProgrammeRole, Role, RouteRole

# (key, name, acronym, other names, country, sector, kind)
ORGANISATIONS: list[tuple[str, str, str, str, str | None, str, str]] = [
    ("al_inspectorate", "Labour Inspectorate of Albania (fictional)", "LIA", "Inspektorati i Punës (fiktiv)", "AL",
     "public", "labour_inspectorate"),
    ("al_ngo", "Tirana Centre for Migrant Workers (fictional)", "TCMW", "", "AL", "civil_society", "ngo"),
    ("xk_police", "Kosovo Police Anti-Trafficking Directorate (fictional)", "", "", "XK", "public", "police"),
    ("ba_prosecution", "Sarajevo Cantonal Prosecutor's Office (fictional)", "", "Kantonalno tužilaštvo (fiktivno)",
     "BA", "public", "prosecution"),
    ("ro_prosecution", "Romanian Prosecution Office for Organised Crime (fictional)", "POOC",
     "Parchetul pentru criminalitate organizată (fictiv)", "RO", "public", "prosecution"),
    ("md_ngo", "Chișinău Women's Rights Centre (fictional)", "", "", "MD", "civil_society", "ngo"),
    ("rs_inspectorate", "Labour Inspectorate of Serbia (fictional)", "", "Инспекторат за рад (фиктивно)", "RS",
     "public", "labour_inspectorate"),
    ("rs_ngo", "Migrant Workers' Help Desk – Niš (fictional)", "", "", "RS", "civil_society", "ngo"),
    ("hr_court", "Zagreb County Court (fictional)", "", "Županijski sud u Zagrebu (fiktivno)", "HR", "public",
     "court"),
    ("hu_police", "Hungarian Police, Trafficking Unit (fictional)", "", "", "HU", "public", "police"),
    ("at_police", "Austrian Financial Police (fictional)", "", "Finanzpolizei (fiktiv)", "AT", "public", "police"),
    ("at_ngo", "Vienna Labour Rights Counselling (fictional)", "", "", "AT", "civil_society", "ngo"),
    ("it_inspectorate", "Italian Labour Inspectorate (fictional)", "", "Ispettorato del lavoro (fittizio)", "IT",
     "public", "labour_inspectorate"),
    ("it_union", "Apulia Farmworkers' Union (fictional)", "", "Sindacato dei braccianti (fittizio)", "IT",
     "civil_society", "trade_union"),
    ("nl_inspectorate", "Dutch Labour Authority (fictional)", "", "Arbeidsinspectie (fictief)", "NL", "public",
     "labour_inspectorate"),
    ("cz_employers", "Czech Fair Recruitment Employers' Forum (fictional)", "", "", "CZ", "private", "employer"),
    ("network", "Danube Anti-Trafficking Network (fictional)", "DATN", "", None, "international",
     "international_body"),
]  # fmt: skip

PARTNERS = [key for key, *_rest in ORGANISATIONS if key not in ("ba_prosecution", "rs_ngo")]

# Outcomes and outputs: (code, English, French)
OUTCOMES = [
    ("1", "Front-line professionals identify presumed victims of trafficking for labour exploitation and refer them "
     "more effectively.", "Les professionnels de terrain identifient et orientent plus efficacement les victimes "
     "présumées de traite à des fins d'exploitation par le travail."),
    ("2", "Cross-border judicial and police cooperation in labour-trafficking cases increases along the route.",
     "La coopération judiciaire et policière transfrontalière dans les affaires de traite par le travail "
     "s'intensifie le long de la route."),
]  # fmt: skip
OUTPUTS = [
    ("1", "1.1", "Labour inspectors, police officers and civil-society workers trained in multidisciplinary "
     "identification of labour exploitation.", "Inspecteurs du travail, policiers et acteurs de la société civile "
     "formés à l'identification pluridisciplinaire de l'exploitation par le travail."),
    ("1", "1.2", "National referral mechanisms reviewed with labour inspectorates and civil society.",
     "Mécanismes nationaux d'orientation révisés avec les inspections du travail et la société civile."),
    ("2", "2.1", "Prosecutors, judges and specialised investigators trained in cross-border judicial cooperation "
     "and transnational investigations.", "Procureurs, juges et enquêteurs spécialisés formés à la coopération "
     "judiciaire transfrontalière et aux enquêtes transnationales."),
    ("2", "2.2", "Partnerships between agencies, employers and civil society established across sectors.",
     "Partenariats établis entre administrations, employeurs et société civile, dans tous les secteurs."),
]  # fmt: skip

H1_2025 = (dt.date(2025, 1, 1), dt.date(2025, 6, 30))
H2_2025 = (dt.date(2025, 7, 1), dt.date(2025, 12, 31))
H1_2026 = (dt.date(2026, 1, 1), dt.date(2026, 6, 30))

# (parent code, code, English, French, unit, baseline, target, formula or values per period, means of verification)
INDICATORS: list[tuple[str, str, str, str, str, int, int, Any, str]] = [
    ("1", "1.a", "Trained professionals applying the referral procedure six months after training",
     "Professionnels formés appliquant la procédure d'orientation six mois après la formation", "%", 20, 60,
     [22, 31, 42], "Follow-up questionnaire, 3 to 6 months after each session"),
    ("1.1", "1.1.a", "Professionals trained in identifying labour exploitation",
     "Professionnels formés à l'identification de l'exploitation par le travail", "people", 0, 900,
     [180, 410, 640], "Attendance lists of the sessions"),
    ("1.2", "1.2.a", "National referral guidelines updated with a labour-exploitation chapter",
     "Lignes directrices nationales d'orientation complétées d'un chapitre sur l'exploitation par le travail",
     "guidelines", 2, 10, [3, 5, 7], "Published guidelines, collected by the country coordinators"),
    ("1.2", "1.2.b", "Countries with a national focal point", "Pays dotés d'un point focal national",
     "countries", 0, 15, "programmes.countries_with_focal_point", "Team of the programme in Relais"),
    ("2", "2.a", "Joint investigations and mutual legal assistance requests reported by trained professionals",
     "Enquêtes communes et demandes d'entraide judiciaire signalées par les professionnels formés", "cases", 4,
     30, [5, 9, 14], "Follow-up questionnaire; confirmation by the prosecution services"),
    ("2.1", "2.1.a", "Prosecutors, judges and investigators trained", "Procureurs, juges et enquêteurs formés",
     "people", 0, 450, [60, 150, 260], "Attendance lists of the sessions"),
    ("2.2", "2.2.a", "Partner organisations engaged", "Organisations partenaires engagées", "organisations", 0,
     40, "programmes.partner_organisations", "Partners of the programme in Relais"),
    ("2.2", "2.2.b", "Sectors among the partners (public, private, civil society, international)",
     "Secteurs représentés parmi les partenaires", "sectors", 1, 4, "programmes.partner_sectors",
     "Partners of the programme in Relais"),
]  # fmt: skip

REPLICATION_ROUTE = {
    "AL": RouteRole.ORIGIN,
    "BA": RouteRole.ORIGIN,
    "RS": RouteRole.TRANSIT,
    "ME": RouteRole.DESTINATION,
}


def _organisations(admin: Any) -> dict[str, Organisation]:
    countries = {c.code: c for c in Country.objects.filter(code__in=[o[4] for o in ORGANISATIONS if o[4]])}
    made = {}
    for key, name, acronym, other, country, sector, kind in ORGANISATIONS:
        made[key] = services_organisations.organisation_create(
            actor=admin,
            name=name,
            acronym=acronym,
            other_names=other,
            country=countries[country] if country else None,
            sector=sector,
            kind=kind,
        )
    return made


def _framework(programme: Programme, manager: Any) -> None:
    parents: dict[str, Any] = {}
    for code, en, fr in OUTCOMES:
        parents[code] = services_results.outcome_create(
            actor=manager, programme=programme, code=code, statement_en=en, statement_fr=fr
        )
    for outcome, code, en, fr in OUTPUTS:
        parents[code] = services_results.output_create(
            actor=manager, outcome=parents[outcome], code=code, statement_en=en, statement_fr=fr
        )
    for parent, code, en, fr, unit, baseline, target, source, verification in INDICATORS:
        computed = isinstance(source, str)
        indicator = services_results.indicator_create(
            actor=manager,
            programme=programme,
            parent=parents[parent],
            code=code,
            name_en=en,
            name_fr=fr,
            unit=unit,
            baseline=Decimal(baseline),
            target=Decimal(target),
            source="computed" if computed else "manual",
            formula=source if computed else "",
            disaggregation="" if computed else "By country, sex and profession",
            means_of_verification=verification,
        )
        if not computed:
            for (start, end), value in zip((H1_2025, H2_2025, H1_2026), source, strict=True):
                services_results.indicator_value_save(
                    actor=manager, indicator=indicator, period_start=start, period_end=end, value=Decimal(value)
                )


def _replication(context: DemoContext, admin: Any, organisations: dict[str, Organisation]) -> Programme:
    from relais.accounts.models import User

    countries = {c.code: c for c in Country.objects.filter(code__in=REPLICATION_ROUTE)}
    programme = services.programme_create(
        actor=admin,
        code="thb-replication-demo",
        title_en="Pilot replication in the Western Balkans",
        title_fr="Réplication pilote dans les Balkans occidentaux",
        summary_en=(
            "A fictional follow-on programme: national trainers replicate the joint investigation training of the "
            "demonstration programme in four countries of the Western Balkans."
        ),
        summary_fr=(
            "Programme de suite fictif : des formateurs relais nationaux reproduisent la formation aux enquêtes "
            "communes du programme de démonstration dans quatre pays des Balkans occidentaux."
        ),
        donor="Demonstration Fund (fictional)",
        objectives_en=(
            "Replicate the joint investigation training with national trainers.\n"
            "Embed the training in the curricula of the national police and judicial academies."
        ),
        objectives_fr=(
            "Reproduire la formation aux enquêtes communes avec des formateurs relais nationaux.\n"
            "Intégrer la formation aux cursus des académies nationales de police et de magistrature."
        ),
        start_date=dt.date(2026, 7, 1),
        end_date=dt.date(2027, 12, 31),
        countries=[(countries[code], role) for code, role in REPLICATION_ROUTE.items()],
        themes=Theme.objects.filter(code__in=["thb_labour", "police_investigation", "judicial_cooperation"]),
        partners=[organisations["al_inspectorate"], organisations["rs_inspectorate"], organisations["ba_prosecution"]],
    )
    manager = User.objects.create_user(
        email=f"manager2@{DEMO_DOMAIN}", password=DEMO_PASSWORD, full_name="Lejla Hadžić", language="en"
    )
    ProgrammeRole.objects.create(user=manager, programme=programme, role=Role.MANAGER)
    context.objects["user:manager2"] = manager
    context.objects["programme:replication"] = programme
    outcome = services_results.outcome_create(
        actor=manager,
        programme=programme,
        code="1",
        statement_en="Joint investigation training is delivered by national trainers without outside experts.",
        statement_fr="La formation aux enquêtes communes est dispensée par des formateurs relais nationaux.",
    )
    services_results.indicator_create(
        actor=manager,
        programme=programme,
        parent=outcome,
        code="1.a",
        name_en="National trainers certified",
        name_fr="Formateurs relais nationaux certifiés",
        unit="people",
        baseline=Decimal(0),
        target=Decimal(12),
        means_of_verification="Certificates of the training of trainers",
    )
    services_results.indicator_create(
        actor=manager,
        programme=programme,
        parent=outcome,
        code="1.b",
        name_en="Partner organisations engaged",
        name_fr="Organisations partenaires engagées",
        unit="organisations",
        target=Decimal(8),
        source="computed",
        formula="programmes.partner_organisations",
    )
    return programme


def build_results(context: DemoContext) -> None:
    programme: Programme = context.objects["programme"]
    admin = context.objects["user:admin"]
    manager = context.objects["user:manager"]
    organisations = _organisations(admin)
    context.objects["organisations"] = organisations
    for key in PARTNERS:
        services.programme_partner_add(actor=manager, programme=programme, organisation=organisations[key])
    _framework(programme, manager)
    _replication(context, admin, organisations)
