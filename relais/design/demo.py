"""The demo designs (DESIGN.md §5b): the three designs of the brief, one that deliberately fails two
rules of the design model, and a replication into the second, smaller demo programme."""

from __future__ import annotations

from typing import Any

from relais.core.demo import DemoContext, DemoStep, register_demo_step
from relais.core.models import Country, Language, Profession, Theme
from relais.design.models import (
    ActivityDesign,
    AdaptationTopic,
    AgendaDay,
    AgendaModule,
    DesignCountry,
    DesignFormat,
    DesignType,
    LearningObjective,
    Material,
    NeedsSource,
    SeatQuota,
)
from relais.programmes.models import Organisation, Programme

# (title, method, minutes, objectives served by their index in the design's list, trainer profile)
Module = tuple[str, str, int, list[int], str]

NATIONAL = {
    "title": "National multidisciplinary training on trafficking for labour exploitation",
    "summary": (
        "Two days that bring together labour inspectors, police officers, prosecutors, judges, social workers "
        "and NGOs of one country to recognise labour exploitation, refer presumed victims and build cases that "
        "hold in court."
    ),
    "type": DesignType.TRAINING,
    "format": DesignFormat.NATIONAL,
    "themes": ["thb_labour", "victim_identification", "legal_framework"],
    "countries": [("RS", "origin", ["sr"])],
    "seats": {
        "RS": {
            "labour_inspection": 6,
            "police": 5,
            "prosecution": 4,
            "judiciary": 2,
            "civil_society": 4,
            "social_services": 2,
        }
    },
    "working": ["sr"],
    "interpretation": [],
    "objectives": [
        ("knowledge", "Recognise the ILO indicators of forced labour in inspections and investigations"),
        ("knowledge", "Know the national and European legal framework on trafficking for labour exploitation"),
        ("skill", "Carry out a joint inspection with the police and record evidence usable in court"),
        ("skill", "Refer a presumed victim to assistance through the national referral mechanism"),
        ("attitude", "Adopt a victim-centred, trauma-informed approach with exploited workers"),
    ],
    "days": [
        (
            "Recognising labour exploitation",
            [
                ("Opening, introductions and pre-test", "evaluation", 30, [], "Course director"),
                (
                    "Forced labour indicators and the legal framework",
                    "lecture",
                    90,
                    [0, 1],
                    "Prosecutor specialised in THB",
                ),
                (
                    "Case study: seasonal workers in agriculture",
                    "case_study",
                    120,
                    [0, 4],
                    "Labour inspector and NGO lawyer",
                ),
                ("Who does what in the national referral mechanism", "panel", 60, [3], "Social services coordinator"),
            ],
        ),
        (
            "From detection to prosecution",
            [
                ("Simulation: a joint labour and police inspection", "simulation", 150, [2, 0], "Police investigator"),
                ("Interviewing presumed victims", "role_play", 90, [4, 3], "Psychologist of a victim support NGO"),
                ("Building the case: evidence for prosecutors", "group_work", 90, [1, 2], "Prosecutor"),
                ("Post-test, evaluation and closing", "evaluation", 45, [], "Course director"),
            ],
        ),
    ],
    "materials": {
        "Forced labour indicators and the legal framework": [
            ("ILO indicators of forced labour", "https://www.ilo.org/publications/ilo-indicators-forced-labour")
        ]
    },
    "needs": (
        "A 2025 consultation of the labour inspectorate, the police and the prosecution service found that "
        "inspectors rarely refer suspected cases and that prosecutors receive files without usable evidence."
    ),
    "sources": [
        ("Needs survey of 84 practitioners (fictional)", "", "Inspectors do not know the referral steps"),
        ("Case statistics 2022–2024 (fictional)", "", "3 prosecutions out of 41 reported cases"),
    ],
    "follow_up": "Follow-up questionnaire after four months; contact list shared on the second day.",
    "sustainability": ["contact_list", "curriculum"],
    "evaluation": {"pre": True, "post": True, "satisfaction": True, "follow_up": True, "months": 4},
}

REGIONAL = {
    "title": "Regional training on cross-border judicial cooperation in labour trafficking cases",
    "summary": (
        "Prosecutors and judges of countries of origin and destination, with specialised investigators and "
        "victim lawyers, practise mutual legal assistance, joint investigation teams and the hearing of victims "
        "abroad."
    ),
    "type": DesignType.TRAINING,
    "format": DesignFormat.REGIONAL,
    "themes": ["judicial_cooperation", "legal_framework", "thb_labour"],
    "countries": [
        ("AL", "origin", ["sq"]),
        ("MD", "origin", ["ro", "ru"]),
        ("RO", "origin", ["ro"]),
        ("IT", "destination", ["it"]),
        ("AT", "destination", ["de", "en"]),
        ("NL", "destination", ["nl", "en"]),
    ],
    "seats": {
        c: {
            "prosecution": 2,
            "judiciary": 2,
            "specialised_investigation": 1,
            "civil_society": 1,
            **({"labour_inspection": 1} if c in ("IT", "AT", "NL") else {}),
        }
        for c in ("AL", "MD", "RO", "IT", "AT", "NL")
    },
    "working": ["en"],
    "interpretation": ["sq", "ro", "it"],
    "objectives": [
        ("knowledge", "Know the instruments of mutual legal assistance and their time limits"),
        ("knowledge", "Know how a joint investigation team is set up and financed"),
        ("skill", "Draft a request for mutual legal assistance that the receiving country can execute"),
        ("skill", "Organise the hearing of a victim who lives in another country"),
        ("attitude", "Trust counterparts across the route and use direct contacts"),
    ],
    "days": [
        (
            "Instruments of cooperation",
            [
                ("Opening and pre-test", "evaluation", 30, [], "Course director"),
                ("Mutual legal assistance and European instruments", "lecture", 90, [0], "Judge of an appeal court"),
                ("Joint investigation teams: how and when", "panel", 75, [1], "Eurojust national member (invited)"),
                (
                    "Case study: recruitment in the origin country, exploitation in the destination country",
                    "case_study",
                    120,
                    [0, 1, 4],
                    "Prosecutors of an origin and a destination country",
                ),
            ],
        ),
        (
            "Cooperation in practice",
            [
                ("Drafting a request for mutual legal assistance", "group_work", 120, [2], "Prosecutor"),
                ("Hearing victims abroad: videoconference and protection", "lecture", 60, [3], "Victim lawyer"),
                ("Mock trial: evidence gathered abroad", "mock_trial", 150, [2, 3, 4], "Judge and defence lawyer"),
                ("Post-test, evaluation and exchange of contacts", "evaluation", 45, [], "Course director"),
            ],
        ),
    ],
    "materials": {},
    "needs": (
        "Prosecutors of origin and destination countries report requests for assistance that are returned as "
        "incomplete, and victims who cannot testify because they have returned home."
    ),
    "sources": [("Survey of prosecution services on the route (fictional)", "", "Two thirds of requests delayed")],
    "follow_up": "Follow-up questionnaire after five months on requests sent and contacts used.",
    "sustainability": ["contact_list", "network"],
    "evaluation": {"pre": True, "post": True, "satisfaction": True, "follow_up": True, "months": 5},
}

BILATERAL = {
    "title": "Bilateral training on transnational police investigation (Romania – Italy)",
    "summary": (
        "Police investigators, labour inspectors and prosecutors of Romania and Italy follow one case from the "
        "first report to a joint operation, with a study visit to an inspection in the destination country."
    ),
    "type": DesignType.TRAINING,
    "format": DesignFormat.BILATERAL,
    "themes": ["police_investigation", "thb_labour", "financial_investigation"],
    "countries": [("RO", "origin", ["ro"]), ("IT", "destination", ["it"])],
    "seats": {
        c: {"police": 5, "specialised_investigation": 3, "prosecution": 2, "labour_inspection": 2, "civil_society": 1}
        for c in ("RO", "IT")
    },
    "working": ["en"],
    "interpretation": ["ro", "it"],
    "objectives": [
        ("knowledge", "Know the channels of police cooperation (liaison officers, Europol, SIENA)"),
        ("skill", "Plan a parallel financial investigation of a labour exploitation network"),
        ("skill", "Coordinate a joint action day across two countries"),
        ("attitude", "Treat labour exploitation cases as organised crime, not as labour disputes"),
    ],
    "days": [
        (
            "The case and its channels",
            [
                ("Opening, pre-test and the case file", "evaluation", 45, [], "Course director"),
                ("Police cooperation channels", "lecture", 75, [0], "Liaison officer"),
                ("Following the money", "case_study", 120, [1], "Financial investigator"),
                ("Group work: mapping the network", "group_work", 90, [1, 3], "Police investigator"),
            ],
        ),
        (
            "Working on both sides",
            [
                (
                    "Study visit: an agricultural inspection with the Carabinieri labour unit",
                    "study_visit",
                    240,
                    [2, 3],
                    "Labour inspector and Carabinieri officer",
                ),
                ("Debriefing of the visit", "discussion", 60, [3], "Course director"),
            ],
        ),
        (
            "The joint action day",
            [
                ("Simulation: a joint action day", "simulation", 180, [2], "Police investigators of both countries"),
                ("Post-test, evaluation and next steps", "evaluation", 45, [], "Course director"),
            ],
        ),
    ],
    "materials": {},
    "needs": "Both police services asked for joint training after two cases that collapsed for lack of coordination.",
    "sources": [("Letter of the two police directorates (fictional)", "", "Request for joint training")],
    "follow_up": "Follow-up questionnaire after three months; a joint meeting after six months.",
    "sustainability": ["contact_list", "follow_up_meeting", "joint_procedures"],
    "evaluation": {"pre": True, "post": True, "satisfaction": True, "follow_up": True, "months": 3},
}

FAILING = {
    "title": "Awareness seminar on labour exploitation in construction",
    "summary": (
        "A one-day seminar of presentations for inspectors, police, prosecutors and NGOs. Kept in the demo to "
        "show the design check at work: its agenda has no interactive method and no follow-up is planned."
    ),
    "type": DesignType.WORKSHOP,
    "format": DesignFormat.NATIONAL,
    "themes": ["thb_labour", "supply_chains"],
    "countries": [("BG", "origin", ["bg"])],
    "seats": {"BG": {"labour_inspection": 5, "police": 4, "prosecution": 3, "civil_society": 4}},
    "working": ["bg"],
    "interpretation": [],
    "objectives": [
        ("knowledge", "Know the risks of labour exploitation in subcontracting chains"),
        ("knowledge", "Know the offences that apply to exploitative employers"),
    ],
    "days": [
        (
            "Seminar",
            [
                ("Opening and pre-test", "evaluation", 30, [], "Ministry representative"),
                ("Subcontracting chains in construction", "lecture", 90, [0], "Researcher"),
                ("The criminal law of labour exploitation", "lecture", 90, [1], "Prosecutor"),
                ("Panel of inspectors and NGOs", "panel", 90, [0, 1], "Labour inspector and NGO"),
                ("Post-test and closing", "evaluation", 30, [], "Ministry representative"),
            ],
        ),
    ],
    "materials": {},
    "needs": "The labour inspectorate asked for awareness raising after accidents on construction sites.",
    "sources": [("Inspectorate annual report (fictional)", "", "Accidents involving undeclared workers")],
    "follow_up": "",
    "sustainability": ["network"],
    "evaluation": {"pre": True, "post": True, "satisfaction": True, "follow_up": False, "months": None},
}


def build_design(programme: Programme, spec: dict[str, Any], user: Any) -> ActivityDesign:
    ev = spec["evaluation"]
    design = ActivityDesign.objects.create(
        programme=programme,
        title=spec["title"],
        summary=spec["summary"],
        type=spec["type"],
        format=spec["format"],
        plans_pre_test=ev["pre"],
        plans_post_test=ev["post"],
        plans_satisfaction=ev["satisfaction"],
        plans_follow_up=ev["follow_up"],
        follow_up_months=ev["months"],
        needs_assessment=spec["needs"],
        follow_up_plan=spec["follow_up"],
        sustainability=spec["sustainability"],
        created_by=user,
    )
    design.themes.set(Theme.objects.filter(code__in=spec["themes"]))
    languages = {lang.code: lang for lang in Language.objects.all()}
    countries = {c.code: c for c in Country.objects.filter(code__in=[c for c, _r, _l in spec["countries"]])}
    for code, role, langs in spec["countries"]:
        dc = DesignCountry.objects.create(design=design, country=countries[code], route_role=role)
        dc.participant_languages.set([languages[lang] for lang in langs])
    professions = {p.code: p for p in Profession.objects.all()}
    SeatQuota.objects.bulk_create(
        [
            SeatQuota(design=design, country=countries[c], profession=professions[p], seats=n)
            for c, row in spec["seats"].items()
            for p, n in row.items()
        ]
    )
    design.working_languages.set([languages[code] for code in spec["working"]])
    design.interpretation_languages.set([languages[code] for code in spec["interpretation"]])
    objectives = [
        LearningObjective.objects.create(design=design, kind=kind, text=text, position=i)
        for i, (kind, text) in enumerate(spec["objectives"])
    ]
    for d, (day_title, modules) in enumerate(spec["days"]):
        day = AgendaDay.objects.create(design=design, title=day_title, position=d)
        for m, (title, method, minutes, served, profile) in enumerate(modules):
            module = AgendaModule.objects.create(
                day=day, position=m, title=title, method=method, duration_minutes=minutes, trainer_profile=profile
            )
            module.objectives.set([objectives[i] for i in served])
            for mat_title, url in spec["materials"].get(title, []):
                Material.objects.create(module=module, title=mat_title, url=url)
    for title, url, note in spec["sources"]:
        NeedsSource.objects.create(design=design, title=title, url=url, note=note)
    design.partners.set(Organisation.objects.filter(country__code__in=list(countries))[:3])
    return design


def build_designs(context: DemoContext) -> None:
    from relais.design.checker import design_check_refresh
    from relais.design.services_replication import adaptation_item_set, design_replicate

    programme: Programme = context.objects["programme"]
    manager = context.objects.get("user:manager")
    designs = [build_design(programme, spec, manager) for spec in (NATIONAL, REGIONAL, BILATERAL, FAILING)]
    for design in designs:
        design_check_refresh(design=design)
    context.objects["designs"] = designs

    pilot = Programme.objects.filter(code="thb-replication-demo").first()
    if pilot is None:
        return
    admin = context.objects["user:admin"]
    target = pilot.programme_countries.select_related("country").order_by("id").first()
    if target is None:
        return
    copy = design_replicate(
        actor=admin,
        source=designs[0],
        programme=pilot,
        title=f"{NATIONAL['title']} — {target.country.name_en}",
        countries=[(target.country, target.route_role)],
    )
    local = {"ME": "sr", "BA": "bs", "MK": "mk", "AL": "sq", "XK": "sq"}.get(target.country.code, "en")
    copy.design_countries.get().participant_languages.set(Language.objects.filter(code=local))
    copy.working_languages.set(Language.objects.filter(code=local))
    for item in copy.adaptation_items.filter(topic__in=[AdaptationTopic.LANGUAGES, AdaptationTopic.LOCAL_TRAINERS]):
        adaptation_item_set(
            actor=admin, item=item, done=True, note="Done in the demo: working language and two local trainers chosen."
        )
    design_check_refresh(design=copy)
    context.objects["replicated_design"] = copy


def register() -> None:
    register_demo_step(DemoStep(key="designs", order=30, run=build_designs, is_loaded=ActivityDesign.objects.exists))
