"""The material designs are generated from: six topics written like the demo designs
(relais/design/demo.py), each with its objectives, modules, needs and sources, plus the languages
participants of each country of the route work in.

A generated design takes a topic, a type and a format, some of the topic's objectives and modules
(in varied numbers and order), and the countries of its programme's route.
"""

from __future__ import annotations

from dataclasses import dataclass

from relais.design.models import DesignFormat, DesignType, Method

# (title, method, trainer profile)
ModuleText = tuple[str, str, str]


@dataclass(frozen=True)
class Topic:
    key: str
    subject: str  # "… on <subject>"
    summary: str
    themes: tuple[str, ...]
    types: tuple[str, ...]  # drawn with repetition: a type listed twice is twice as likely
    professions: tuple[str, ...]  # the professions such an activity gathers, most typical first
    objectives: tuple[tuple[str, str], ...]  # (kind, text)
    modules: tuple[ModuleText, ...]
    day_titles: tuple[str, ...]
    needs: str
    sources: tuple[tuple[str, str], ...]  # (title, what it shows)


T, W, S, V, TOT = (
    DesignType.TRAINING,
    DesignType.WORKSHOP,
    DesignType.SIMULATION,
    DesignType.STUDY_VISIT,
    DesignType.TOT,
)
L, P, D = Method.LECTURE, Method.PANEL, Method.DISCUSSION
CS, SIM, MT, GW, SV, RP = (
    Method.CASE_STUDY,
    Method.SIMULATION,
    Method.MOCK_TRIAL,
    Method.GROUP_WORK,
    Method.STUDY_VISIT,
    Method.ROLE_PLAY,
)
PASSIVE = {L.value, P.value, D.value}

TOPICS: tuple[Topic, ...] = (
    Topic(
        key="identification",
        subject="identifying and referring victims of labour exploitation",
        summary=(
            "Labour inspectors, police officers, prosecutors, social workers and NGOs learn to recognise labour "
            "exploitation, refer presumed victims and build cases that hold in court."
        ),
        themes=("thb_labour", "victim_identification", "legal_framework"),
        types=(T, T, T, W, S, V, TOT),
        professions=(
            "labour_inspection",
            "police",
            "civil_society",
            "prosecution",
            "social_services",
            "judiciary",
            "private_sector",
        ),
        objectives=(
            ("knowledge", "Recognise the ILO indicators of forced labour in inspections and investigations"),
            ("knowledge", "Know the national and European legal framework on trafficking for labour exploitation"),
            ("skill", "Carry out a joint inspection with the police and record evidence usable in court"),
            ("skill", "Refer a presumed victim to assistance through the national referral mechanism"),
            ("attitude", "Adopt a victim-centred, trauma-informed approach with exploited workers"),
            ("skill", "Interview a worker through an interpreter without putting them at risk"),
            ("knowledge", "Know the rights of migrant workers whatever their residence status"),
        ),
        modules=(
            ("Forced labour indicators and the legal framework", L, "Prosecutor specialised in THB"),
            ("Case study: seasonal workers in agriculture", CS, "Labour inspector and NGO lawyer"),
            ("Who does what in the national referral mechanism", P, "Social services coordinator"),
            ("Simulation: a joint labour and police inspection", SIM, "Police investigator"),
            ("Interviewing presumed victims", RP, "Psychologist of a victim support NGO"),
            ("Building the case: evidence for prosecutors", GW, "Prosecutor"),
            ("Rights of migrant workers", L, "Lawyer of a migrant workers' centre"),
            ("Study visit: a farm inspection", SV, "Labour inspector"),
            ("Plenary: obstacles to referral", D, "Course director"),
            ("Case study: domestic work in private households", CS, "NGO caseworker"),
        ),
        day_titles=(
            "Recognising labour exploitation",
            "From detection to referral",
            "Working with victims",
            "Practice",
        ),
        needs=(
            "A consultation of the labour inspectorate, the police and the prosecution service found that inspectors "
            "rarely refer suspected cases and that prosecutors receive files without usable evidence."
        ),
        sources=(
            ("Needs survey of practitioners (fictional)", "Inspectors do not know the referral steps"),
            ("Case statistics 2022–2024 (fictional)", "Few prosecutions out of the cases reported"),
            ("Consultation with NGOs (fictional)", "Victims referred late, often after removal"),
        ),
    ),
    Topic(
        key="judicial",
        subject="cross-border judicial cooperation in trafficking cases",
        summary=(
            "Prosecutors and judges of countries of origin and destination, with specialised investigators and "
            "victim lawyers, practise mutual legal assistance, joint investigation teams and hearings abroad."
        ),
        themes=("judicial_cooperation", "legal_framework", "thb_labour"),
        types=(T, T, T, W, S),
        professions=(
            "prosecution",
            "judiciary",
            "specialised_investigation",
            "civil_society",
            "police",
            "government",
            "labour_inspection",
        ),
        objectives=(
            ("knowledge", "Know the instruments of mutual legal assistance and their time limits"),
            ("knowledge", "Know how a joint investigation team is set up and financed"),
            ("skill", "Draft a request for mutual legal assistance that the receiving country can execute"),
            ("skill", "Organise the hearing of a victim who lives in another country"),
            ("attitude", "Trust counterparts across the route and use direct contacts"),
            ("knowledge", "Know the case law of the European Court of Human Rights on trafficking"),
        ),
        modules=(
            ("Mutual legal assistance and European instruments", L, "Judge of an appeal court"),
            ("Joint investigation teams: how and when", P, "Eurojust national member (invited)"),
            (
                "Case study: recruited at home, exploited abroad",
                CS,
                "Prosecutors of an origin and a destination country",
            ),
            ("Drafting a request for mutual legal assistance", GW, "Prosecutor"),
            ("Hearing victims abroad: videoconference and protection", L, "Victim lawyer"),
            ("Mock trial: evidence gathered abroad", MT, "Judge and defence lawyer"),
            ("Case law of the European Court of Human Rights", L, "Legal adviser"),
            ("Plenary: what blocks requests between our countries", D, "Course director"),
            ("Simulation: setting up a joint investigation team", SIM, "Prosecutors of two countries"),
        ),
        day_titles=("Instruments of cooperation", "Cooperation in practice", "In court", "Next steps"),
        needs=(
            "Prosecutors of origin and destination countries report requests for assistance returned as incomplete, "
            "and victims who cannot testify because they have gone home."
        ),
        sources=(
            ("Survey of prosecution services on the route (fictional)", "Two thirds of requests delayed"),
            ("Review of forty closed cases (fictional)", "Evidence abroad rarely obtained"),
        ),
    ),
    Topic(
        key="police",
        subject="transnational police investigation of labour trafficking",
        summary=(
            "Police investigators, labour inspectors and prosecutors follow one case from the first report to a "
            "joint operation, with a visit to an inspection in a country of destination."
        ),
        themes=("police_investigation", "thb_labour", "financial_investigation"),
        types=(T, T, S, V, W),
        professions=(
            "police",
            "specialised_investigation",
            "labour_inspection",
            "prosecution",
            "civil_society",
            "government",
        ),
        objectives=(
            ("knowledge", "Know the channels of police cooperation (liaison officers, Europol, SIENA)"),
            ("skill", "Plan a parallel financial investigation of an exploitation network"),
            ("skill", "Coordinate a joint action day across two countries"),
            ("attitude", "Treat labour exploitation as organised crime, not as a labour dispute"),
            ("knowledge", "Know how exploitation networks recruit online"),
            ("skill", "Collect and share digital evidence lawfully"),
        ),
        modules=(
            ("Police cooperation channels", L, "Liaison officer"),
            ("Following the money", CS, "Financial investigator"),
            ("Group work: mapping the network", GW, "Police investigator"),
            ("Study visit: an inspection with a labour police unit", SV, "Labour inspector and police officer"),
            ("Debriefing of the visit", D, "Course director"),
            ("Simulation: a joint action day", SIM, "Police investigators of both countries"),
            ("Online recruitment and digital evidence", L, "Cybercrime investigator"),
            ("Panel: lessons from a joint operation", P, "Investigators of a closed case"),
            ("Role play: debriefing a worker after a raid", RP, "Police psychologist"),
        ),
        day_titles=("The case and its channels", "Working on both sides", "The joint action day", "Evidence"),
        needs="The police services asked for joint training after two cases that collapsed for lack of coordination.",
        sources=(
            ("Letter of the police directorates (fictional)", "Request for joint training"),
            ("Review of a failed joint operation (fictional)", "No common contact list"),
        ),
    ),
    Topic(
        key="financial",
        subject="financial investigation and asset recovery in labour trafficking",
        summary=(
            "Financial investigators, prosecutors and judges trace the profits of exploitation, freeze them across "
            "borders and use confiscated assets to compensate victims."
        ),
        themes=("financial_investigation", "police_investigation", "legal_framework"),
        types=(T, T, W, S),
        professions=(
            "specialised_investigation",
            "prosecution",
            "police",
            "judiciary",
            "government",
            "private_sector",
            "civil_society",
        ),
        objectives=(
            ("knowledge", "Know the indicators of labour exploitation in financial flows"),
            ("skill", "Trace the assets of an exploitative employer across borders"),
            ("skill", "Prepare a freezing order that a foreign court can execute"),
            ("knowledge", "Know how confiscated assets can compensate victims"),
            ("attitude", "Open a financial investigation in every trafficking case"),
        ),
        modules=(
            ("Money flows of exploitation networks", L, "Financial intelligence analyst"),
            ("Case study: a subcontracting chain in construction", CS, "Financial investigator"),
            ("Group work: tracing the assets", GW, "Asset recovery officer"),
            ("Freezing and confiscation across borders", L, "Prosecutor"),
            ("Panel: banks and payment services as partners", P, "Compliance officers"),
            (
                "Simulation: from a suspicious transaction report to a freezing order",
                SIM,
                "Investigator and prosecutor",
            ),
            ("Compensation of victims from confiscated assets", D, "Victim lawyer"),
        ),
        day_titles=("Following the money", "Freezing and confiscation", "Practice", "Compensation"),
        needs="Asset recovery offices report that financial investigations are opened in few trafficking cases.",
        sources=(
            ("Asset recovery statistics (fictional)", "Assets frozen in few cases"),
            ("Interviews with investigators (fictional)", "Financial checks seen as optional"),
        ),
    ),
    Topic(
        key="assistance",
        subject="assistance and protection of victims of labour exploitation",
        summary=(
            "Social workers, NGOs, inspectors and police agree how victims are assisted, kept safe during "
            "proceedings and helped home or to stay."
        ),
        themes=("victim_assistance", "victim_identification", "thb_labour"),
        types=(T, T, W, V, TOT),
        professions=(
            "civil_society",
            "social_services",
            "labour_inspection",
            "police",
            "prosecution",
            "government",
        ),
        objectives=(
            ("knowledge", "Know the assistance victims are entitled to, whatever their residence status"),
            ("skill", "Assess the risks a victim faces and plan their safety"),
            ("skill", "Accompany a victim through criminal proceedings"),
            ("attitude", "Respect the victim's choices, including not to cooperate"),
            ("knowledge", "Know the compensation routes open to victims"),
            ("skill", "Arrange a safe return with the country of origin"),
        ),
        modules=(
            ("Rights and entitlements of victims", L, "Lawyer of a victim support NGO"),
            ("Case study: a worker who wants to go home", CS, "Social worker"),
            ("Role play: the first interview", RP, "Psychologist"),
            ("Safe return: working with the country of origin", P, "NGOs of an origin and a destination country"),
            ("Group work: a risk assessment", GW, "Victim support caseworker"),
            ("Study visit: a shelter", SV, "Shelter coordinator"),
            ("Plenary: what victims told us", D, "Survivor advocate"),
            ("Compensation routes", L, "Labour law expert"),
        ),
        day_titles=("Rights of victims", "Working with victims", "Across borders", "Follow-up"),
        needs="Shelters report victims of labour exploitation who leave assistance within days, for lack of income.",
        sources=(
            ("Shelter records 2023–2025 (fictional)", "Short stays of exploited workers"),
            ("Survivors' consultation (fictional)", "Fear of losing the right to stay"),
            ("NGO network report (fictional)", "Returns arranged without the country of origin"),
        ),
    ),
    Topic(
        key="supply_chains",
        subject="labour exploitation in supply chains",
        summary=(
            "Inspectors, employers, trade unions and NGOs look at where exploitation hides in subcontracting "
            "chains and how companies detect and remedy it."
        ),
        themes=("supply_chains", "thb_labour", "data_monitoring"),
        types=(W, W, T, S),
        professions=(
            "private_sector",
            "labour_inspection",
            "civil_society",
            "government",
            "police",
            "prosecution",
        ),
        objectives=(
            ("knowledge", "Know the risks of labour exploitation in subcontracting chains"),
            ("knowledge", "Know the due diligence duties of companies"),
            ("skill", "Audit a supplier for indicators of forced labour"),
            ("skill", "Set up a grievance mechanism that workers trust"),
            ("attitude", "See businesses as partners in detection, not only as suspects"),
        ),
        modules=(
            ("Subcontracting chains and where exploitation hides", L, "Researcher"),
            ("Due diligence law", L, "Legal expert"),
            ("Case study: recruitment fees in agriculture", CS, "Trade union officer"),
            ("Group work: auditing a supplier", GW, "Social auditor"),
            ("Panel of inspectors, employers and NGOs", P, "Labour inspector, employer and NGO"),
            ("Simulation: a worker's complaint", SIM, "Ombudsperson"),
            ("Plenary: working with businesses", D, "Course director"),
        ),
        day_titles=("Supply chains", "Due diligence in practice", "Grievance and remedy", "Next steps"),
        needs="The labour inspectorate asked for work with employers after cases found deep in subcontracting chains.",
        sources=(
            ("Inspectorate annual report (fictional)", "Exploitation found at the third subcontractor"),
            ("Employers' survey (fictional)", "Few companies audit beyond their first suppliers"),
        ),
    ),
)

FORMAT_WORDS: dict[str, str] = {
    DesignFormat.NATIONAL: "National",
    DesignFormat.BILATERAL: "Bilateral",
    DesignFormat.REGIONAL: "Regional",
    DesignFormat.TRANSNATIONAL: "Transnational",
}
TYPE_WORDS: dict[str, str] = {
    DesignType.TRAINING: "training",
    DesignType.WORKSHOP: "workshop",
    DesignType.SIMULATION: "simulation exercise",
    DesignType.STUDY_VISIT: "study visit",
    DesignType.TOT: "training of trainers",
}
# Minutes a module of each method lasts (lowest, highest), in quarter hours.
DURATIONS: dict[str, tuple[int, int]] = {
    Method.LECTURE: (45, 90),
    Method.PANEL: (60, 90),
    Method.DISCUSSION: (30, 60),
    Method.CASE_STUDY: (90, 150),
    Method.SIMULATION: (120, 240),
    Method.MOCK_TRIAL: (120, 180),
    Method.GROUP_WORK: (60, 120),
    Method.STUDY_VISIT: (180, 240),
    Method.ROLE_PLAY: (60, 120),
    Method.EVALUATION: (30, 45),
    Method.OPENING: (15, 30),
}
FOLLOW_UP_PLANS = (
    "Follow-up questionnaire after {months} months; contact list shared on the last day.",
    "Follow-up questionnaire after {months} months, and a refresher meeting after a year.",
    "Follow-up questionnaire after {months} months on cases opened and contacts used.",
)

# The languages participants of each country work in (ISO 639-1), first the one interpreted into.
# fmt: off
COUNTRY_LANGUAGES: dict[str, tuple[str, ...]] = {
    "AL": ("sq",), "BA": ("bs", "hr", "sr"), "BG": ("bg",), "XK": ("sq", "sr"), "MD": ("ro", "ru"),
    "MK": ("mk", "sq"), "RO": ("ro",), "RS": ("sr",), "UA": ("uk", "ru"), "GE": ("ka",), "AM": ("hy",),
    "AZ": ("az",), "KZ": ("kk", "ru"), "KG": ("ky", "ru"), "TJ": ("tg", "ru"), "UZ": ("uz", "ru"),
    "NG": ("en",), "GH": ("en",), "SN": ("fr",), "VN": ("vi",), "PH": ("tl", "en"), "NP": ("ne",),
    "BD": ("bn",), "PK": ("ur", "en"), "LK": ("si", "ta"), "MA": ("ar", "fr"), "TN": ("ar", "fr"),
    "EG": ("ar",),
    "HR": ("hr",), "HU": ("hu",), "ME": ("sr",), "SI": ("sl",), "SK": ("sk",), "PL": ("pl",), "TR": ("tr",),
    "GR": ("el",), "LT": ("lt",), "LV": ("lv",), "EE": ("et",), "BY": ("be", "ru"),
    "AT": ("de",), "CZ": ("cs",), "IT": ("it",), "NL": ("nl", "en"), "DE": ("de",), "FR": ("fr",),
    "BE": ("nl", "fr"), "ES": ("es",), "PT": ("pt",), "SE": ("sv", "en"), "DK": ("da", "en"), "FI": ("fi",),
    "IE": ("en",), "GB": ("en",), "CH": ("de", "fr", "it"), "NO": ("no", "en"), "LU": ("fr", "de"),
}
# fmt: on
