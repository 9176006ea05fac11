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

RETENTION_MONTHS = 60

PRIVACY_NOTICE_EN = f"""\
Who is responsible for your data
The secretariat of the programme "Intensifying the fight against trafficking for labour exploitation" \
(a fictional demonstration programme) is the controller of the personal data recorded in Relais about \
the participants of its trainings. Contact: privacy@{DEMO_DOMAIN}.

What we record and why
When you register for a training we record your name, your profession, your organisation and country, \
your e-mail address and, if you give it, your telephone number; then your attendance, your answers to \
the questionnaires and the certificate you receive. We use them to organise the trainings, to send you \
your certificate and your questionnaire links, and to measure what the trainings achieve. The legal \
basis is your consent, given at registration, and the public interest of the programme's work against \
trafficking in human beings.

Who sees your data
Only the programme's managers, the coordinators of your country and your trainers see your name and \
contact details. The monitoring and evaluation staff see pseudonyms (such as P-7KQ3M2XA), never names. \
Reports, donors and partners receive figures only, and never a figure about fewer than five people. \
Anonymous questionnaires are not linked to you. Your data is not sold nor used for anything else.

How long we keep it
Your name and contact details are kept for 60 months after your last training in the programme. \
Then they are erased: your answers stay in the statistics without anything that identifies you.

Your rights
You may at any time ask for a copy of your data, have it corrected, have it erased (we then remove your \
name and contact details and keep only anonymous statistics), or withdraw your consent, without any \
effect on your work. Write to privacy@{DEMO_DOMAIN} or tell the coordinator of your country; we answer \
within one month. You may also complain to the data protection authority of your country.
"""

PRIVACY_NOTICE_FR = f"""\
Qui est responsable de vos données
Le secrétariat du programme « Intensifier la lutte contre la traite à des fins d'exploitation par le \
travail » (programme de démonstration fictif) est responsable du traitement des données personnelles \
enregistrées dans Relais sur les participants à ses formations. Contact : privacy@{DEMO_DOMAIN}.

Ce que nous enregistrons et pourquoi
Lors de votre inscription à une formation, nous enregistrons votre nom, votre profession, votre \
organisation et votre pays, votre adresse électronique et, si vous le donnez, votre numéro de téléphone ; \
puis votre présence, vos réponses aux questionnaires et l'attestation qui vous est délivrée. Nous les \
utilisons pour organiser les formations, vous envoyer votre attestation et vos liens vers les \
questionnaires, et mesurer ce que les formations apportent. La base légale est votre consentement, donné \
à l'inscription, et l'intérêt public de l'action du programme contre la traite des êtres humains.

Qui voit vos données
Seuls les responsables du programme, les coordinateurs de votre pays et vos formateurs voient votre nom \
et vos coordonnées. Les chargés de suivi-évaluation voient des pseudonymes (comme P-7KQ3M2XA), jamais \
de noms. Les rapports, les bailleurs et les partenaires ne reçoivent que des chiffres, et jamais un \
chiffre portant sur moins de cinq personnes. Les questionnaires anonymes ne sont pas reliés à vous. Vos \
données ne sont ni vendues ni utilisées à d'autres fins.

Combien de temps nous les conservons
Votre nom et vos coordonnées sont conservés 60 mois après votre dernière formation dans le programme. \
Ils sont ensuite effacés : vos réponses restent dans les statistiques sans rien qui vous identifie.

Vos droits
Vous pouvez à tout moment demander une copie de vos données, les faire rectifier, les faire effacer \
(nous retirons alors votre nom et vos coordonnées et ne gardons que des statistiques anonymes) ou \
retirer votre consentement, sans aucune conséquence pour votre travail. Écrivez à privacy@{DEMO_DOMAIN} \
ou adressez-vous au coordinateur de votre pays ; nous répondons dans un délai d'un mois. Vous pouvez \
aussi saisir l'autorité de protection des données de votre pays.
"""

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
        retention_months=RETENTION_MONTHS,
        privacy_notice_en=PRIVACY_NOTICE_EN,
        privacy_notice_fr=PRIVACY_NOTICE_FR,
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
