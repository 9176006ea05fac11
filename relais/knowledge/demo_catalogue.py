"""The catalogue of the demo knowledge centre: 150 fictional documents on the demo programme's themes
in fourteen languages, their translation groups and collections.

Each entry gives what a librarian would type (type, themes, title and abstract in the document's
language, the English title of a document in another language, the French title of some English
ones); demo.py adds the rest (authors, publisher, year, identifiers, countries, audiences, access,
file) from seeded choices, unless the entry fixes them. Every publisher is fictional.
"""

from __future__ import annotations

from dataclasses import dataclass

THEMES = {
    "lab": "thb_labour",
    "jud": "judicial_cooperation",
    "pol": "police_investigation",
    "vid": "victim_identification",
    "leg": "legal_framework",
    "fin": "financial_investigation",
    "sup": "supply_chains",
    "vas": "victim_assistance",
    "dat": "data_monitoring",
}
KINDS = {
    "S": "study",
    "G": "guideline",
    "M": "manual",
    "T": "training_material",
    "R": "report",
    "L": "legal_text",
    "C": "case_law",
}


@dataclass(frozen=True)
class Entry:
    key: str
    language: str
    kind: str
    themes: tuple[str, ...]
    title: str
    abstract: str
    title_en: str = ""
    title_fr: str = ""
    group: str = ""
    internal: bool = False
    countries: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    year: int | None = None
    file: str = ""
    second_version: str = ""


def E(
    key: str,
    language: str,
    kind: str,
    themes: str,
    title: str,
    abstract: str,
    *,
    en: str = "",
    fr: str = "",
    group: str = "",
    internal: bool = False,
    countries: str = "",
    authors: tuple[str, ...] = (),
    year: int | None = None,
    file: str = "",
    v2: str = "",
) -> Entry:
    return Entry(
        key=key,
        language=language,
        kind=KINDS[kind],
        themes=tuple(THEMES[t] for t in themes.split()),
        title=title,
        abstract=abstract,
        title_en=en,
        title_fr=fr,
        group=group,
        internal=internal,
        countries=tuple(countries.split()),
        authors=authors,
        year=year,
        file=file,
        second_version=v2,
    )


# English titles of the translation groups (the English member's title).
G_INDICATORS = "Indicators of forced labour: a guideline for labour inspectors"
G_INSPECTION = "Joint labour and police inspections: a field manual"
G_JIT = "Setting up a joint investigation team in labour trafficking cases"
G_REFERRAL = "Standard operating procedures for the referral of presumed victims of labour trafficking"
G_NONPUNISHMENT = "Applying the non-punishment principle: guidance for prosecutors"
G_RECRUITMENT = "Recruitment fees and debt bondage on the South-East Europe route"
G_MODULE1 = "Module 1: Recognising labour exploitation (trainer's slides)"
G_EIO = "The European Investigation Order in labour trafficking cases: a checklist for prosecutors"
G_FINANCIAL = "Following the money: financial investigation of labour exploitation networks"
G_INTERVIEW = "Interviewing presumed victims of labour exploitation: a trauma-informed guide"
G_DUE_DILIGENCE = "Human rights due diligence in agricultural supply chains: guidance for buyers"

ENGLISH = [
    E("en-indicators", "en", "G", "lab vid", G_INDICATORS,
      "A short guideline that explains the eleven indicators of forced labour and how an inspector records them "
      "in an inspection report so that the police and the prosecution can act on them.",
      group="indicators",
      authors=("Ana Marković", "Élodie Martin"), year=2021, file="pdf",
      v2="Second edition: indicators aligned with the 2024 directive, new chapter on online recruitment."),
    E("en-inspection", "en", "M", "sup pol lab", G_INSPECTION,
      "Step by step, how labour inspectors and police officers prepare, carry out and follow up a joint "
      "inspection of a workplace where exploitation is suspected.", group="inspection", year=2020, file="pdf"),
    E("en-jit", "en", "G", "jud pol", G_JIT,
      "When a joint investigation team is worth setting up, how to draft the agreement, how to finance it and "
      "how to plan the trial from the start.", group="jit", year=2022, file="pdf"),
    E("en-referral", "en", "G", "vid vas", G_REFERRAL,
      "Who does what in the first hours, days and weeks after a presumed victim of labour exploitation is "
      "found, from the first contact to long-term assistance.", group="referral", year=2019, file="docx",
      v2="Revised after the 2024 review of the referral mechanisms: the first 24 hours rewritten."),
    E("en-nonpunishment", "en", "G", "leg vas", G_NONPUNISHMENT,
      "How prosecutors recognise that a suspect may be a victim of trafficking and apply the non-punishment "
      "principle to offences the victim was compelled to commit.", group="nonpunishment", year=2023,
      file="pdf"),
    E("en-recruitment", "en", "S", "lab dat", G_RECRUITMENT,
      "Based on interviews with 212 workers and 40 intermediaries, the study follows the money paid for jobs "
      "abroad and shows how recruitment fees turn into debt bondage.", group="recruitment",
      authors=("Ștefan Popescu", "Sarah Whitfield"), year=2022, file="pdf"),
    E("en-module1", "en", "T", "lab vid", G_MODULE1,
      "The slides of the first module of the multidisciplinary training: definitions, indicators and a short "
      "case to discuss in groups.", group="module1", year=2025, file="pptx"),
    E("en-eio", "en", "G", "jud leg", G_EIO,
      "A checklist of what a European Investigation Order must contain in a labour trafficking case, with "
      "model wording for the most frequent measures.", group="eio", year=2024, file="docx"),
    E("en-financial", "en", "M", "fin pol", G_FINANCIAL,
      "A manual for investigators and prosecutors on parallel financial investigations: sources of financial "
      "information, estimating the proceeds, freezing and confiscation.", group="financial",
      authors=("Jürgen Bauer", "Michael Evans"), year=2021, file="pdf"),
    E("en-interview", "en", "G", "vid vas", G_INTERVIEW,
      "How to prepare and conduct an interview with a presumed victim of labour exploitation without causing "
      "further harm, with and without an interpreter.", group="interview", year=2020, file="docx"),
    E("en-due-diligence", "en", "G", "sup", G_DUE_DILIGENCE,
      "What buyers of fruit, vegetables and processed food can do to detect and prevent forced labour among "
      "the suppliers of their suppliers.", group="due-diligence", year=2023, file="pdf"),
    E("en-needs-survey", "en", "S", "lab dat", "Needs survey of practitioners on trafficking for labour "
      "exploitation in Serbia",
      "A survey of 84 labour inspectors, police officers, prosecutors and NGO workers on what they know of "
      "labour exploitation and what they need to act on it.", internal=True, countries="RS", year=2025,
      file="docx"),
    E("en-case-statistics", "en", "R", "dat lab", "Case statistics on trafficking for labour exploitation in "
      "Serbia, 2022–2024",
      "Cases reported, investigated, prosecuted and tried over three years, from the records of the "
      "inspectorate, the police and the prosecution service.", internal=True, countries="RS", year=2025,
      file="docx"),
    E("en-prosecution-survey", "en", "S", "jud dat", "Survey of prosecution services on mutual legal assistance "
      "along the route",
      "Prosecutors of nine countries describe the requests they send and receive, the delays they meet and the "
      "contacts they use.", fr="Enquête auprès des parquets sur l'entraide judiciaire le long de la route",
      year=2024, file="pdf"),
    E("en-seasonal-case", "en", "T", "lab vid", "Case study: seasonal workers in agriculture (participant's "
      "file)",
      "The case file used in the national training: a farm, forty seasonal workers, a recruiter in the origin "
      "country and an anonymous call to the inspectorate.", year=2025, file="docx"),
    E("en-simulation", "en", "T", "pol sup", "Simulation exercise: a joint labour and police inspection",
      "Roles, scenario and debriefing notes for a half-day simulation of a joint inspection of a construction "
      "site.", year=2025, file="pptx"),
    E("en-mock-trial", "en", "T", "jud", "Mock trial: evidence gathered abroad (case file and roles)",
      "The file of a mock trial in which the evidence comes from three countries, with the roles of the "
      "judges, prosecutors, defence lawyers and witnesses.", year=2025, file="docx"),
    E("en-mla-exercise", "en", "T", "jud", "Drafting a request for mutual legal assistance: exercise and model "
      "answer",
      "An exercise for prosecutors: the facts of a case, a blank request and a model answer with the "
      "trainer's comments.", internal=True, year=2024, file="odt"),
    E("en-network-mapping", "en", "T", "pol fin", "Mapping the network: group work on a labour exploitation "
      "case",
      "Telephone records, money transfers and witness statements from which participants draw the structure "
      "of a network.", internal=True, year=2025, file="pptx"),
    E("en-annual-2024", "en", "R", "dat lab", "Annual report of the Danube Anti-Trafficking Network 2024",
      "The network's activities in 2024: trainings held, cases supported, and the figures reported by the "
      "members.", authors=("Danube Anti-Trafficking Network (fictional)",), year=2025, file="pdf"),
    E("en-annual-2025", "en", "R", "dat lab", "Annual report of the Danube Anti-Trafficking Network 2025",
      "The network's activities in 2025, with a first assessment of the joint trainings along the route.",
      authors=("Danube Anti-Trafficking Network (fictional)",), year=2026, file="pdf"),
    E("en-construction", "en", "S", "sup lab", "Subcontracting chains and labour exploitation in the "
      "construction sector",
      "Twelve building sites, their chains of subcontractors and the workers at the end of them: how wages "
      "disappear from one level to the next.", fr="Chaînes de sous-traitance et exploitation par le travail "
      "dans le bâtiment", year=2019, file="docx"),
    E("en-posted", "en", "S", "sup lab", "Posted workers from the Western Balkans in Central Europe: risks of "
      "exploitation",
      "How posting and temporary work agencies are used to place workers from the Western Balkans in Central "
      "Europe, and where the rules are bent.", year=2018, file="html"),
    E("en-meat", "en", "R", "sup lab", "Labour exploitation in meat processing: findings of a regional "
      "inspection campaign",
      "Results of coordinated inspections in 37 meat processing plants in four countries.", internal=True,
      year=2023, file="docx"),
    E("en-criminal-law", "en", "L", "leg", "Criminal law provisions on trafficking and labour exploitation in "
      "the countries of the route",
      "The offences of trafficking in human beings, forced labour and labour exploitation in fifteen criminal "
      "codes, in English translation, with a comparative table.", year=2024, file="html"),
    E("en-jit-model", "en", "L", "jud", "Model agreement for setting up a joint investigation team (annotated)",
      "The clauses of a joint investigation team agreement, with notes on the choices a labour trafficking "
      "case calls for.", year=2022, file="odt"),
    E("en-digest", "en", "C", "leg lab", "Digest of case law on trafficking for labour exploitation, 2015–2025",
      "Summaries of 46 judgments of courts of the route on labour exploitation, arranged by issue: means, "
      "consent, vulnerability, evidence and compensation.", fr="Recueil de jurisprudence sur l'exploitation "
      "par le travail, 2015–2025", year=2025, file="pdf",
      v2="Updated with the judgments of 2025."),
    E("en-greenhouse", "en", "C", "lab leg", "The greenhouse case: appeal judgment (fictional summary)",
      "The appeal court confirms the conviction of a farm owner and two recruiters for trafficking 23 workers "
      "for labour exploitation.", year=2021, file="html"),
    E("en-building-site", "en", "C", "lab sup", "The building site case: conviction for trafficking for labour "
      "exploitation (fictional summary)",
      "A subcontractor and its manager are convicted for exploiting workers recruited abroad; the main "
      "contractor is held liable for unpaid wages.", year=2023, file="txt"),
    E("en-fin-inspectors", "en", "M", "fin sup", "Financial investigation handbook for labour inspectors",
      "What labour inspectors can find in payrolls, bank statements and company registers, and how to pass it "
      "on to financial investigators.", internal=True, year=2017, file="pdf"),
    E("en-police-channels", "en", "M", "pol", "Handbook on police cooperation channels: liaison officers, "
      "Europol and secure messaging",
      "Which channel to use for which request, how long answers take, and how to reach a counterpart "
      "directly.", fr="Manuel des canaux de coopération policière", internal=True, year=2024, file="docx"),
    E("en-videoconference", "en", "G", "jud vas", "Guidelines on the hearing of victims by videoconference",
      "Legal bases, technical set-up and the protection of the victim during a hearing from another "
      "country.", year=2022, file="docx"),
    E("en-men", "en", "S", "vid vas", "Men as victims of labour trafficking: gaps in identification and "
      "assistance",
      "Why exploited men are identified less often than women and find fewer places in shelters.",
      fr="Les hommes victimes de traite par le travail : lacunes de l'identification et de l'assistance",
      year=2020, file="html"),
    E("en-online", "en", "S", "lab", "Online recruitment and labour exploitation: how job advertisements reach "
      "workers",
      "An analysis of 1,200 online job advertisements for work abroad and of the recruiters behind them.",
      year=2024, file="txt"),
    E("en-nrm-evaluation", "en", "R", "vid dat", "Evaluation of the national referral mechanisms in eight "
      "countries of origin",
      "How the referral mechanisms of the origin countries work for victims of labour exploitation, and what "
      "they miss.", fr="Évaluation des mécanismes nationaux d'orientation dans huit pays d'origine",
      year=2024, file="pdf"),
    E("en-compensation", "en", "R", "vas leg", "Compensation for victims of labour exploitation: a review of "
      "practice",
      "Court orders, state funds and labour claims: how often victims are paid what they are owed.",
      fr="L'indemnisation des victimes d'exploitation par le travail : revue des pratiques", year=2021,
      file="docx"),
    E("en-unions", "en", "G", "vid sup", "Guidelines for trade unions on reaching migrant workers at risk",
      "Outreach, information in the workers' languages and cooperation with inspectors and NGOs.",
      year=2019, file="odt"),
    E("en-trainer-manual", "en", "M", "lab", "Trainer's manual: multidisciplinary training on labour "
      "exploitation",
      "How to prepare, run and evaluate the two-day national training, module by module.", year=2025,
      file="pdf", v2="Second version after the pilot sessions: timings and exercises revised."),
    E("en-test-bank", "en", "T", "dat lab", "Pre-test and post-test questions: labour exploitation and "
      "referral",
      "Forty multiple-choice questions linked to the learning objectives of the national training.",
      internal=True, year=2025, file="docx"),
    E("en-module3", "en", "T", "jud", "Module 3: Joint investigation teams in practice (slides)",
      "The slides of the regional training's module on joint investigation teams.", year=2025, file="pptx"),
    E("en-module4", "en", "T", "fin", "Module 4: Financial investigation basics (slides)",
      "The slides of the bilateral training's module on following the money.", internal=True, year=2025, file="pptx"),
    E("en-definitions", "en", "S", "dat", "Data collection on trafficking for labour exploitation: comparing "
      "definitions across the route",
      "What counts as a victim, a case and a conviction in the statistics of fifteen countries.",
      fr="La collecte de données sur la traite par le travail : comparer les définitions", year=2016,
      file="odt"),
    E("en-midterm", "en", "R", "dat", "Mid-term review of the programme's training activities",
      "An internal review of the first eighteen months of training: participants, learning results and "
      "follow-up.", internal=True, year=2026, file="docx"),
    E("en-action-days", "en", "R", "pol", "Lessons from joint action days on the Romania–Italy corridor",
      "Two joint action days reviewed: planning, coordination, arrests, victims assisted and what went "
      "wrong.", internal=True, countries="RO IT", year=2024, file="docx"),
    E("en-fair-recruitment", "en", "G", "sup lab", "Guidelines for employers on fair recruitment",
      "What an employer should check before using a recruitment agency abroad, and what the employer should "
      "pay.", year=2018, file="html"),
    E("en-seasonal-study", "en", "S", "lab sup", "Seasonal agricultural work and exploitation: a comparative "
      "study of three destination countries",
      "Recruitment, housing, wages and inspection in the fruit and vegetable harvests of Italy, Austria and "
      "the Netherlands.", countries="IT AT NL", year=2015, file="pdf"),
    E("en-domestic", "en", "R", "lab vid", "Domestic work and hidden exploitation: report of an expert meeting",
      "What inspectors, police and NGOs can do when the workplace is a private home.", year=2014,
      file="txt"),
    E("en-interpreters", "en", "M", "vas", "Manual for interpreters working with presumed victims",
      "Neutrality, confidentiality and the interpreter's own well-being in interviews with victims.",
      year=2017, file="txt"),
    E("en-data-protection", "en", "G", "dat vas", "Protecting victims' personal data in case files and "
      "statistics",
      "What may be recorded, who may see it and how long it is kept.", year=2023, file="html"),
    E("en-asset-recovery", "en", "S", "fin vas", "Asset recovery in trafficking cases: confiscation and "
      "compensation in practice",
      "How much is frozen, confiscated and paid to victims in labour trafficking cases.",
      fr="Le recouvrement des avoirs dans les affaires de traite", year=2020, file="docx"),
    E("en-transnational-referral", "en", "R", "vid vas", "Cross-border referral between origin and destination "
      "countries: a pilot",
      "Thirty victims referred from Italy and Austria to assistance in Romania and Albania, followed for a "
      "year.", countries="IT AT RO AL", internal=True, year=2022, file="odt"),
    E("en-role-play", "en", "T", "vid", "Role play: interviewing a worker through an interpreter (scenario "
      "cards)",
      "Cards for the worker, the inspector, the interpreter and the observer.", year=2024, file="docx"),
    E("en-standards", "en", "L", "leg", "Extracts from international standards on forced labour and "
      "trafficking",
      "The definitions and obligations of the main international and European instruments, with a short "
      "commentary.", year=2012, file="txt"),
    E("en-collapse", "en", "S", "pol jud", "Why labour exploitation cases collapse: an analysis of closed "
      "investigations",
      "Sixty closed investigations read to find where evidence, cooperation or victim support failed.",
      internal=True, year=2025, file="docx"),
    E("en-data-annex", "en", "R", "dat", "Data annex: inspections, identified victims and prosecutions along "
      "the route, 2019–2025",
      "The figures behind the annual reports, by country and year, as a spreadsheet.", year=2026,
      file="xlsx"),
    E("en-procurement", "en", "G", "sup", "Public procurement and forced labour risks: guidance for "
      "contracting authorities",
      "Clauses, checks and remedies for public buyers of services with high labour risks.",
      fr="Marchés publics et risques de travail forcé : guide pour les pouvoirs adjudicateurs", year=2021,
      file="docx"),
    E("en-logistics", "en", "S", "sup lab", "Labour exploitation in logistics and parcel delivery",
      "Self-employment, subcontracted drivers and rented accounts: the new forms of dependence in delivery "
      "work.", year=2026, file="pdf"),
    E("en-hospitality", "en", "R", "lab", "Trafficking for labour exploitation in the hospitality sector: a "
      "regional overview",
      "Seasonal hotel and restaurant work on the coasts of the route, and the cases that reached the courts.",
      year=2016, file="odt"),
    E("en-route-profile", "en", "R", "lab dat", "Country profiles: labour exploitation along the South-East "
      "Europe route",
      "One page per country of the route: legal framework, institutions, figures and contacts.",
      internal=True, year=2025, file="docx"),
    E("en-glossary", "en", "M", "leg", "Multilingual glossary of trafficking and labour exploitation terms",
      "The key terms in English, French and the languages of the route, with their legal definitions.",
      year=2013, file="html"),
]  # fmt: skip

FRENCH = [
    E("fr-indicators", "fr", "G", "lab vid", "Indicateurs du travail forcé : guide à l'usage des inspecteurs "
      "du travail",
      "Un guide court qui présente les onze indicateurs du travail forcé et la manière dont l'inspecteur les "
      "consigne dans son rapport pour que la police et le parquet puissent agir.", en=G_INDICATORS,
      group="indicators", authors=("Élodie Martin", "Ana Marković"), year=2021, file="pdf"),
    E("fr-jit", "fr", "G", "jud pol", "Constituer une équipe commune d'enquête dans les affaires de traite à "
      "des fins d'exploitation par le travail",
      "Quand créer une équipe commune d'enquête, comment rédiger l'accord, comment la financer et préparer le "
      "procès dès le départ.", en=G_JIT, group="jit", year=2022, file="pdf"),
    E("fr-nonpunishment", "fr", "G", "leg vas", "Appliquer le principe de non-sanction : orientations pour les "
      "procureurs",
      "Comment le procureur reconnaît qu'un suspect peut être une victime de traite et applique le principe de "
      "non-sanction aux infractions qu'elle a été contrainte de commettre.", en=G_NONPUNISHMENT,
      group="nonpunishment", year=2023, file="docx"),
    E("fr-module1", "fr", "T", "lab vid", "Module 1 : reconnaître l'exploitation par le travail (diaporama du "
      "formateur)",
      "Le diaporama du premier module de la formation pluridisciplinaire : définitions, indicateurs et un cas "
      "court à discuter en groupes.", en=G_MODULE1, group="module1", year=2025, file="pptx"),
    E("fr-interview", "fr", "G", "vid vas", "Auditionner les victimes présumées d'exploitation par le travail : "
      "guide tenant compte des traumatismes",
      "Préparer et conduire l'entretien avec une victime présumée sans lui nuire davantage, avec ou sans "
      "interprète.", en=G_INTERVIEW, group="interview", year=2020, file="docx"),
    E("fr-seasonal", "fr", "S", "lab sup", "L'exploitation des travailleurs saisonniers agricoles en Europe : "
      "étude comparative",
      "Recrutement, logement, salaires et contrôles dans les récoltes de fruits et légumes de trois pays de "
      "destination.", en="The exploitation of seasonal farm workers in Europe: a comparative study",
      authors=("Élodie Martin",), year=2018, file="odt"),
    E("fr-annual-2023", "fr", "R", "dat lab", "Rapport d'activité 2023 du Réseau danubien contre la traite",
      "Les formations, les affaires accompagnées et les chiffres communiqués par les membres du réseau en "
      "2023.", en="Danube Anti-Trafficking Network: activity report 2023",
      authors=("Réseau danubien contre la traite (fictif)",), year=2024, file="pdf"),
    E("fr-inspector-manual", "fr", "M", "lab sup vid", "Manuel de l'inspecteur du travail face à la traite des "
      "êtres humains",
      "Ce que l'inspecteur du travail peut constater, consigner et signaler lorsqu'il soupçonne une "
      "situation de traite, et comment il coopère avec la police.",
      en="The labour inspector's manual on trafficking in human beings", year=2019, file="pdf",
      v2="Deuxième édition : chapitre sur les contrôles conjoints réécrit."),
    E("fr-subcontracting", "fr", "G", "sup", "Contrôler les chaînes de sous-traitance dans le bâtiment",
      "Comment remonter une chaîne de sous-traitants, vérifier les détachements et engager la responsabilité "
      "du donneur d'ordre.", en="Checking subcontracting chains in construction", year=2020, file="docx"),
    E("fr-debt", "fr", "S", "lab", "La servitude pour dettes chez les travailleurs migrants : frais de "
      "recrutement et dépendance",
      "À partir de 96 entretiens, l'étude montre comment les avances et les frais de recrutement lient les "
      "travailleurs à leur employeur.", en="Debt bondage among migrant workers: recruitment fees and "
      "dependence", year=2017, file="pdf"),
    E("fr-mla", "fr", "G", "jud", "Guide pratique de l'entraide judiciaire en matière pénale",
      "Rédiger, transmettre et suivre une demande d'entraide judiciaire dans une affaire de traite par le "
      "travail.", en="A practical guide to mutual legal assistance in criminal matters", year=2016,
      file="docx"),
    E("fr-eio", "fr", "G", "jud leg", "La décision d'enquête européenne : mode d'emploi pour les magistrats",
      "Le formulaire, les délais, les motifs de refus et les mesures les plus demandées dans les affaires de "
      "traite.", en="The European Investigation Order: a user's guide for judges and prosecutors", year=2019,
      file="odt"),
    E("fr-digest", "fr", "C", "leg lab", "Recueil de jurisprudence sur l'exploitation par le travail "
      "(2016-2025)",
      "Résumés de décisions de juridictions européennes sur la traite à des fins d'exploitation par le "
      "travail, classés par question de droit.", en="Case law on labour exploitation (2016–2025): a digest",
      year=2025, file="pdf"),
    E("fr-greenhouse", "fr", "C", "lab leg", "L'affaire des serres : arrêt de cour d'appel (résumé fictif)",
      "La cour confirme la condamnation d'un exploitant agricole et de deux recruteurs pour traite de 23 "
      "travailleurs.", en="The greenhouse case: appeal judgment (fictional summary)", year=2021,
      file="html"),
    E("fr-penal", "fr", "L", "leg", "Dispositions pénales relatives à la traite et au travail forcé : textes "
      "commentés",
      "Les incriminations de traite, de travail forcé et de conditions de travail contraires à la dignité, "
      "avec un commentaire.", en="Criminal law provisions on trafficking and forced labour, with commentary",
      year=2022, file="html"),
    E("fr-compensation", "fr", "R", "vas leg", "L'indemnisation des victimes d'exploitation par le travail : "
      "état des lieux",
      "Décisions de justice, fonds publics et actions prud'homales : ce que les victimes obtiennent vraiment.",
      en="Compensation of victims of labour exploitation: where we stand", year=2021, file="docx"),
    E("fr-posting", "fr", "S", "sup", "Le détachement de travailleurs et les sociétés boîtes aux lettres",
      "Comment des sociétés sans activité réelle servent à détacher des travailleurs et à contourner le droit "
      "du pays d'accueil.", en="The posting of workers and letterbox companies", year=2015, file="txt"),
    E("fr-case-building", "fr", "T", "lab sup", "Étude de cas : la filière de recrutement de travailleurs du "
      "bâtiment",
      "Le dossier d'une étude de cas en trois temps, du recrutement dans le pays d'origine au contrôle du "
      "chantier.", en="Case study: the recruitment channel of construction workers", internal=True, year=2025,
      file="pptx"),
    E("fr-role-play", "fr", "T", "vid", "Jeu de rôle : l'entretien avec un travailleur en présence d'un "
      "interprète",
      "Les fiches de rôle et la grille d'observation d'un jeu de rôle de quarante-cinq minutes.",
      en="Role play: interviewing a worker with an interpreter", internal=True, year=2025, file="docx"),
    E("fr-tot", "fr", "M", "lab", "Manuel de formation des formateurs relais",
      "Comment les formateurs relais adaptent et animent la formation nationale dans leur pays.",
      en="Training of trainers: a manual", internal=True, year=2025, file="pdf"),
    E("fr-joint-checks", "fr", "R", "sup pol", "Bilan des contrôles conjoints inspection du travail et police "
      "(2022-2024)",
      "Les contrôles conjoints menés en trois ans, leurs constats et les suites judiciaires données.",
      en="Joint labour inspection and police checks, 2022–2024: a review", internal=True, year=2025,
      file="docx"),
    E("fr-vigilance", "fr", "G", "sup", "Le devoir de vigilance des entreprises face au travail forcé",
      "Cartographie des risques, audits, mécanismes d'alerte : ce que le devoir de vigilance exige des "
      "entreprises.", en="Corporate due diligence and forced labour", year=2023, file="html"),
    E("fr-financial", "fr", "S", "fin", "Enquête financière et confiscation dans les affaires de traite",
      "Les enquêtes patrimoniales menées dans trente affaires de traite par le travail et les avoirs "
      "finalement confisqués.", en="Financial investigation and confiscation in trafficking cases",
      year=2020, file="pdf"),
    E("fr-nrm-ngos", "fr", "G", "vid vas", "Mécanisme national d'orientation : le rôle des associations",
      "Ce que les associations apportent à l'identification et à l'accompagnement des victimes, et comment "
      "les associer.", en="The national referral mechanism: the role of NGOs", year=2018, file="odt"),
    E("fr-men", "fr", "R", "vas vid", "Les hommes victimes de traite par le travail : un angle mort de "
      "l'assistance",
      "Hébergement, soins et accompagnement : l'offre d'assistance aux hommes exploités reste très "
      "insuffisante.", en="Men trafficked for labour: a blind spot of assistance", year=2022, file="docx"),
    E("fr-online", "fr", "S", "lab", "Recrutement en ligne et exploitation : les annonces d'emploi sous "
      "surveillance",
      "L'analyse de 800 annonces d'emploi à l'étranger publiées sur des réseaux sociaux et des sites "
      "d'emploi.", en="Online recruitment and exploitation: job advertisements under watch", year=2024,
      file="docx"),
    E("fr-module2", "fr", "T", "leg", "Module 2 : le cadre juridique européen et international (support de "
      "cours)",
      "Le support du deuxième module : définitions, instruments internationaux et européens, droit national.",
      en="Module 2: the European and international legal framework (course handout)", year=2025,
      file="pptx"),
    E("fr-prosecutors-meeting", "fr", "R", "jud", "Compte rendu de la réunion régionale des procureurs "
      "spécialisés",
      "Les échanges de la réunion régionale des procureurs spécialisés sur les demandes d'entraide en "
      "souffrance.", en="Minutes of the regional meeting of specialised prosecutors", internal=True,
      year=2026, file="txt"),
    E("fr-police-coop", "fr", "G", "pol", "Coopération policière internationale : officiers de liaison et "
      "échanges d'informations",
      "Les canaux de la coopération policière et leur usage dans les enquêtes sur la traite par le travail.",
      en="International police cooperation: liaison officers and information exchange", year=2017,
      file="html"),
    E("fr-inspection-study", "fr", "S", "sup lab", "L'inspection du travail et la traite : mandats et "
      "pratiques en Europe",
      "Les pouvoirs des inspections du travail de douze pays face à la traite, et la manière dont les "
      "inspecteurs s'en servent.", en="Labour inspection and trafficking: mandates and practice in Europe",
      year=2014, file="pdf"),
    E("fr-evaluation", "fr", "R", "dat", "Évaluation des formations pluridisciplinaires du programme (2025)",
      "Résultats des pré-tests et post-tests, satisfaction des participants et premiers suivis.",
      en="Evaluation of the programme's multidisciplinary trainings (2025)", internal=True, year=2026,
      file="docx"),
    E("fr-data", "fr", "G", "dat vas", "Protéger les données personnelles des victimes",
      "Ce qui peut être enregistré, qui peut le consulter et combien de temps le conserver.",
      en="Protecting victims' personal data", year=2023, file="txt"),
    E("fr-protocol", "fr", "L", "sup pol", "Protocole de coopération entre l'inspection du travail et la police "
      "(modèle)",
      "Un modèle de protocole : échanges d'informations, contrôles conjoints, signalement des victimes "
      "présumées.", en="Cooperation protocol between labour inspection and police (model)", year=2016,
      file="odt"),
    E("fr-domestic", "fr", "S", "lab vid", "Le travail domestique et l'exploitation cachée",
      "Quand le lieu de travail est un domicile privé : repérer, contrôler et protéger.",
      en="Domestic work and hidden exploitation", year=2013, file="odt"),
    E("fr-action-days", "fr", "R", "pol", "Les journées d'action communes : enseignements tirés",
      "Ce que les journées d'action communes ont appris aux polices et aux parquets des pays de la route.",
      en="Joint action days: lessons learned", internal=True, year=2025, file="docx"),
]  # fmt: skip

ROUTE = [
    # Serbian (Latin script)
    E("sr-indicators", "sr", "G", "lab vid", "Indikatori prinudnog rada: smernice za inspektore rada",
      "Kratke smernice o jedanaest indikatora prinudnog rada i o tome kako ih inspektor beleži u zapisniku da "
      "bi policija i tužilaštvo mogli da postupe.", en=G_INDICATORS, group="indicators",
      authors=("Đorđe Petrović", "Ana Marković"), year=2022, file="pdf"),
    E("sr-manual", "sr", "M", "lab sup", "Priručnik za inspektore rada o prepoznavanju radne eksploatacije",
      "Priručnik opisuje znake radne eksploatacije, razgovor sa radnicima i saradnju sa policijom tokom "
      "zajedničkog nadzora.", en="Handbook for labour inspectors on recognising labour exploitation",
      year=2020, file="docx"),
    E("sr-case-law", "sr", "C", "leg lab", "Analiza sudske prakse u predmetima trgovine ljudima radi radne "
      "eksploatacije (2016–2024)",
      "Pregled presuda srpskih sudova o radnoj eksploataciji, sa naglaskom na dokazivanje sredstava i "
      "položaja ranjivosti.", en="Case law on trafficking for labour exploitation (2016–2024): an analysis",
      authors=("Jelena Stojanović",), year=2024, file="pdf"),
    E("sr-needs", "sr", "S", "lab dat", "Istraživanje potreba praktičara u oblasti suzbijanja radne "
      "eksploatacije",
      "Anketa sprovedena među inspektorima rada, policijom, tužiocima i nevladinim organizacijama o znanjima i "
      "potrebama za obukom.", en="Survey of practitioners' needs in combating labour exploitation",
      internal=True, year=2025, file="docx"),
    E("sr-referral", "sr", "G", "vid vas", "Smernice za upućivanje žrtava radne eksploatacije",
      "Ko prepoznaje pretpostavljenu žrtvu, koga obaveštava i kakvu pomoć žrtva dobija u prvim danima.",
      en="Guidelines for the referral of victims of labour exploitation", year=2018, file="odt"),
    # Albanian
    E("sq-inspection", "sq", "M", "sup pol lab", "Inspektimet e përbashkëta të punës dhe policisë: manual për "
      "terren",
      "Hap pas hapi, si i përgatisin, i kryejnë dhe i ndjekin inspektorët e punës dhe policia inspektimet e "
      "përbashkëta.", en=G_INSPECTION, group="inspection", authors=("Arben Hoxha", "Elona Dervishi"),
      year=2021, file="docx"),
    E("sq-interview", "sq", "G", "vid vas", "Intervistimi i viktimave të mundshme të shfrytëzimit në punë: "
      "udhëzues",
      "Si përgatitet dhe si zhvillohet intervista me një viktimë të mundshme pa i shkaktuar dëm të ri.",
      en=G_INTERVIEW, group="interview", year=2021, file="pdf"),
    E("sq-migration", "sq", "S", "lab", "Emigracioni i punës dhe rreziqet e trafikimit: studim në qarqet "
      "veriore",
      "Studimi analizon rrugët e rekrutimit të punëtorëve sezonalë dhe rreziqet e shfrytëzimit jashtë "
      "vendit.", en="Labour emigration and trafficking risks: a study in the northern regions",
      countries="AL", year=2019, file="odt"),
    E("sq-annual", "sq", "R", "dat sup", "Raporti vjetor i inspektoratit të punës 2023",
      "Inspektimet e kryera, shkeljet e konstatuara dhe rastet e referuara për trafikim gjatë vitit 2023.",
      en="Labour inspectorate annual report 2023", authors=("Inspektorati i Punës (fiktiv)",),
      countries="AL", year=2024, file="pdf"),
    E("sq-nrm", "sq", "G", "vid", "Udhëzues për mekanizmin kombëtar të referimit",
      "Rolet e institucioneve dhe të organizatave në identifikimin dhe referimin e viktimave të trafikimit.",
      en="A guide to the national referral mechanism", countries="XK", year=2017, file="docx"),
    # Romanian
    E("ro-jit", "ro", "G", "jud pol", "Constituirea unei echipe comune de anchetă în cauzele de trafic în "
      "scopul exploatării prin muncă",
      "Când merită constituită o echipă comună de anchetă, cum se redactează acordul și cum se pregătește "
      "procesul.", en=G_JIT, group="jit", year=2022, file="docx"),
    E("ro-recruitment", "ro", "S", "lab dat", "Taxele de recrutare și servitutea pentru datorii pe ruta Europei "
      "de Sud-Est",
      "Pe baza interviurilor cu lucrători și intermediari, studiul urmărește banii plătiți pentru locurile de "
      "muncă din străinătate.", en=G_RECRUITMENT, group="recruitment",
      authors=("Ștefan Popescu", "Ioana Dumitrescu"), year=2022, file="pdf"),
    E("ro-guide", "ro", "G", "pol jud", "Ghid pentru procurori privind investigarea traficului în scopul "
      "exploatării prin muncă",
      "Probele utile, audierea victimelor și cooperarea cu inspectoratul de muncă în cauzele de exploatare "
      "prin muncă.", en="Guide for prosecutors on investigating trafficking for labour exploitation",
      authors=("Mihai Constantinescu",), internal=True, year=2019, file="pdf"),
    E("ro-case-law", "ro", "C", "leg lab", "Culegere de practică judiciară: exploatarea prin muncă (2014–2024)",
      "Hotărâri definitive în cauze de trafic de persoane în scopul exploatării prin muncă, cu comentarii.",
      en="Case law collection: labour exploitation (2014–2024)", authors=("Ștefan Popescu",), year=2024,
      file="docx"),
    E("ro-seasonal", "ro", "S", "lab sup", "Lucrătorii sezonieri români în agricultura din Italia: studiu",
      "Condițiile de recrutare, cazare și plată ale lucrătorilor sezonieri români în agricultura italiană.",
      en="Romanian seasonal workers in Italian agriculture: a study", countries="RO IT",
      authors=("Alina Țăranu", "Răzvan Ionescu"), year=2021, file="docx"),
    E("ro-victims", "ro", "R", "vid dat", "Raport privind victimele traficului de persoane identificate în 2024",
      "Numărul și profilul victimelor identificate, formele de exploatare și serviciile de asistență oferite.",
      en="Report on the victims of trafficking identified in 2024", countries="RO MD", year=2025,
      file="docx"),
    # Bulgarian (Cyrillic)
    E("bg-recruitment", "bg", "S", "lab dat", "Таксите за наемане и дълговото робство по маршрута от "
      "Югоизточна Европа",
      "Въз основа на интервюта с работници и посредници изследването проследява парите, платени за работа в "
      "чужбина.", en=G_RECRUITMENT, group="recruitment", year=2023, file="pdf"),
    E("bg-manual", "bg", "M", "lab sup", "Наръчник за инспекторите по труда: трудова експлоатация и трафик на "
      "хора",
      "Признаци на трудова експлоатация, разговор с работниците и сигнализиране на полицията.",
      en="Handbook for labour inspectors: labour exploitation and trafficking in human beings",
      authors=("Мария Георгиева", "Димитър Петров"), year=2020, file="docx"),
    E("bg-annual", "bg", "R", "dat sup", "Годишен доклад на инспекцията по труда за 2024 г.",
      "Проверки, установени нарушения и трудови злополуки с недекларирани работници през 2024 г.",
      en="Inspectorate annual report 2024", authors=("Инспекция по труда (фиктивна)",), countries="BG",
      year=2025, file="pdf"),
    E("bg-construction", "bg", "S", "sup lab", "Подизпълнителските вериги в строителството: рискове от трудова "
      "експлоатация",
      "Как дългите вериги от подизпълнители прикриват трудовата експлоатация на строителните обекти.",
      en="Subcontracting chains in construction: risks of labour exploitation", year=2024, file="docx"),
    E("bg-training", "bg", "T", "lab sup", "Обучителен модул: трудова експлоатация в строителството",
      "Презентация за семинар с инспектори, полицаи, прокурори и неправителствени организации.",
      en="Training module: labour exploitation in construction", internal=True, year=2026, file="pptx"),
    # Italian
    E("it-jit", "it", "G", "jud pol", "Costituire una squadra investigativa comune nei casi di tratta a fini di "
      "sfruttamento lavorativo",
      "Quando costituire una squadra investigativa comune, come redigere l'accordo e come preparare il "
      "processo.", en=G_JIT, group="jit", year=2022, file="pdf"),
    E("it-eio", "it", "G", "jud leg", "L'ordine europeo di indagine nei casi di tratta a fini di sfruttamento "
      "lavorativo: lista di controllo per i pubblici ministeri",
      "Che cosa deve contenere un ordine europeo di indagine, con formule tipo per le misure più richieste.",
      en=G_EIO, group="eio", year=2024, file="docx"),
    E("it-caporalato", "it", "S", "lab sup", "Caporalato e sfruttamento lavorativo in agricoltura: rapporto di "
      "ricerca",
      "Il rapporto descrive le forme di intermediazione illecita nelle campagne del Sud e le risposte delle "
      "istituzioni.", en="Gangmaster exploitation in agriculture: a research report",
      authors=("Chiara Esposito", "Giuseppe Russo"), countries="IT", year=2020, file="pdf",
      v2="Seconda edizione con i dati delle ispezioni 2021."),
    E("it-identification", "it", "G", "vid vas", "Linee guida per l'identificazione delle vittime di tratta a "
      "fini di sfruttamento lavorativo",
      "Gli indicatori, il primo colloquio e l'invio ai servizi di assistenza.",
      en="Guidelines for identifying victims of trafficking for labour exploitation", year=2018,
      file="odt"),
    E("it-case-law", "it", "C", "leg lab", "Rassegna di giurisprudenza sull'intermediazione illecita e "
      "sfruttamento del lavoro",
      "Massime e commenti delle principali sentenze di merito e di legittimità sullo sfruttamento del "
      "lavoro.", en="Case law on gangmastering and labour exploitation: a review", year=2023, file="html"),
    # German
    E("de-module1", "de", "T", "lab vid", "Modul 1: Arbeitsausbeutung erkennen (Folien für Trainerinnen und "
      "Trainer)",
      "Die Folien des ersten Moduls: Begriffe, Indikatoren und ein kurzer Fall für die Gruppenarbeit.",
      en=G_MODULE1, group="module1", authors=("Jürgen Bauer",), year=2025, file="pptx"),
    E("de-due-diligence", "de", "G", "sup", "Sorgfaltspflichten in landwirtschaftlichen Lieferketten: "
      "Leitfaden für Einkäufer",
      "Was Einkäufer von Obst, Gemüse und Lebensmitteln tun können, um Zwangsarbeit bei den Lieferanten ihrer "
      "Lieferanten zu erkennen.", en=G_DUE_DILIGENCE, group="due-diligence", year=2023, file="pdf"),
    E("de-sites", "de", "M", "sup lab", "Handbuch für Kontrollen auf Baustellen: Arbeitsausbeutung und "
      "Menschenhandel erkennen",
      "Vorbereitung, Ablauf und Dokumentation von Baustellenkontrollen bei Verdacht auf Arbeitsausbeutung.",
      en="Handbook for building site inspections: recognising labour exploitation and trafficking",
      authors=("Jürgen Bauer", "Katrin Müller"), countries="AT", internal=True, year=2019, file="docx"),
    E("de-care", "de", "S", "lab vid", "Arbeitsausbeutung in der 24-Stunden-Betreuung: eine Studie",
      "Vermittlungsagenturen, Selbstständigkeit und Abhängigkeit von Betreuerinnen aus Mittel- und "
      "Südosteuropa.", en="Labour exploitation in live-in care: a study",
      authors=("Ursula Hofer", "Matthias Weiß"), countries="AT", year=2021, file="docx"),
    E("de-case-law", "de", "C", "leg lab", "Übersicht der Rechtsprechung zu Menschenhandel zum Zweck der "
      "Arbeitsausbeutung (2015–2025)",
      "Leitsätze und Zusammenfassungen von Urteilen zu Ausbeutung, Zwangslage und Entschädigung.",
      en="Case law on trafficking for labour exploitation (2015–2025): an overview", year=2025,
      file="html"),
    # Dutch
    E("nl-eio", "nl", "G", "jud leg", "Het Europees onderzoeksbevel in zaken van arbeidsuitbuiting: checklist "
      "voor officieren van justitie",
      "Wat een Europees onderzoeksbevel in een zaak van arbeidsuitbuiting moet bevatten, met "
      "modelformuleringen.", en=G_EIO, group="eio", year=2024, file="docx"),
    E("nl-due-diligence", "nl", "G", "sup", "Gepaste zorgvuldigheid in agrarische toeleveringsketens: "
      "handleiding voor inkopers",
      "Hoe inkopers van groente, fruit en levensmiddelen dwangarbeid bij hun toeleveranciers kunnen opsporen "
      "en voorkomen.", en=G_DUE_DILIGENCE, group="due-diligence", year=2023, file="pdf"),
    E("nl-logistics", "nl", "S", "sup lab", "Arbeidsmigranten in de logistiek: huisvesting, uitzendbureaus en "
      "afhankelijkheid",
      "Een onderzoek naar de positie van arbeidsmigranten in distributiecentra en de rol van uitzendbureaus.",
      en="Migrant workers in logistics: housing, agencies and dependence",
      authors=("Pieter de Vries", "Sanne Bakker"), countries="NL", year=2022, file="pdf"),
    E("nl-municipalities", "nl", "G", "vid", "Signalen van arbeidsuitbuiting: handreiking voor gemeenten",
      "Hoe gemeenteambtenaren signalen van arbeidsuitbuiting herkennen en doorgeven.",
      en="Signs of labour exploitation: guidance for municipalities", year=2020, file="odt"),
    # Croatian
    E("hr-nonpunishment", "hr", "G", "leg vas", "Primjena načela nekažnjavanja: smjernice za državne "
      "odvjetnike",
      "Kako državni odvjetnik prepoznaje da osumnjičenik može biti žrtva trgovanja ljudima i kada primjenjuje "
      "načelo nekažnjavanja.", en=G_NONPUNISHMENT, group="nonpunishment", year=2023, file="docx"),
    E("hr-police", "hr", "M", "pol", "Priručnik za policijske službenike o istraživanju trgovanja ljudima radi "
      "radnog iskorištavanja",
      "Prikupljanje dokaza, razgovor sa žrtvama i međunarodna policijska suradnja.",
      en="Handbook for police officers on investigating trafficking for labour exploitation",
      authors=("Marko Kovačić", "Ivana Horvat"), internal=True, year=2021, file="pdf"),
    E("hr-tourism", "hr", "S", "lab", "Sezonski rad u turizmu i rizici radnog iskorištavanja",
      "Istraživanje uvjeta rada sezonskih radnika iz trećih zemalja u hotelima i restoranima na obali.",
      en="Seasonal work in tourism and the risks of labour exploitation", countries="HR", year=2024,
      file="txt"),
    E("hr-case-law", "hr", "C", "leg", "Pregled sudske prakse o radnom iskorištavanju (2017–2025)",
      "Sažeci presuda hrvatskih sudova o trgovanju ljudima radi radnog iskorištavanja.",
      en="Case law on labour exploitation (2017–2025): an overview", year=2025, file="txt"),
    # Bosnian
    E("bs-referral", "bs", "G", "vid vas", "Standardne operativne procedure za upućivanje potencijalnih žrtava "
      "radne eksploatacije",
      "Ko šta radi u prvim satima, danima i sedmicama nakon što se pronađe potencijalna žrtva radne "
      "eksploatacije.", en=G_REFERRAL, group="referral", year=2020, file="docx"),
    E("bs-abroad", "bs", "S", "lab", "Radna eksploatacija državljana Bosne i Hercegovine u inostranstvu: studija",
      "Studija o vrbovanju građevinskih radnika za rad u inostranstvu i o slučajevima eksploatacije.",
      en="Labour exploitation of citizens of Bosnia and Herzegovina abroad: a study",
      authors=("Amra Hadžić", "Emir Begić"), countries="BA", year=2019, file="docx"),
    E("bs-financial", "bs", "M", "fin jud", "Priručnik za tužioce: finansijske istrage u predmetima trgovine "
      "ljudima",
      "Finansijska istraga, privremeno oduzimanje imovine i naknada štete žrtvama.",
      en="Handbook for prosecutors: financial investigations in trafficking cases", internal=True, year=2022,
      file="docx"),
    E("bs-report", "bs", "R", "dat vid", "Izvještaj o identifikovanim žrtvama trgovine ljudima za 2024. godinu",
      "Podaci o identifikovanim žrtvama, oblicima eksploatacije i pruženoj pomoći.",
      en="Report on identified victims of trafficking in 2024", internal=True, countries="BA", year=2025,
      file="pdf"),
    # Macedonian (Cyrillic)
    E("mk-referral", "mk", "G", "vid vas", "Стандардни оперативни процедури за упатување на потенцијални жртви "
      "на трудова експлоатација",
      "Кој што прави во првите часови, денови и недели откако ќе се најде потенцијална жртва на трудова "
      "експлоатација.", en=G_REFERRAL, group="referral", year=2021, file="pdf"),
    E("mk-manual", "mk", "M", "lab sup", "Прирачник за инспекторите за труд: препознавање на трудова "
      "експлоатација",
      "Знаци на трудова експлоатација, разговор со работниците и соработка со полицијата.",
      en="Handbook for labour inspectors: recognising labour exploitation",
      authors=("Александар Петровски", "Билјана Стојановска"), year=2020, file="docx"),
    E("mk-migration", "mk", "S", "lab", "Трудовата миграција и ризиците од трговија со луѓе: студија",
      "Студијата ги анализира каналите за регрутирање на работници за сезонска работа во странство.",
      en="Labour migration and the risks of trafficking: a study", year=2018, file="html"),
    E("mk-training", "mk", "T", "pol lab", "Обука за полициски службеници: трудова експлоатација (презентација)",
      "Презентација за еднодневна обука за полициски службеници.",
      en="Training for police officers: labour exploitation (slides)", internal=True, year=2025, file="pptx"),
    # Hungarian
    E("hu-financial", "hu", "M", "fin pol", "A pénz nyomában: a munkaerő-kizsákmányoló hálózatok pénzügyi "
      "nyomozása",
      "Kézikönyv nyomozóknak és ügyészeknek a párhuzamos pénzügyi nyomozásról, a vagyonzárolásról és az "
      "elkobzásról.", en=G_FINANCIAL, group="financial", authors=("Kovács, Zoltán", "Szabó, Éva"), year=2022,
      file="pdf"),
    E("hu-manual", "hu", "M", "lab sup", "Kézikönyv munkaügyi felügyelőknek a kényszermunka felismeréséről",
      "A kényszermunka mutatói, a munkavállalók meghallgatása és a rendőrség értesítése.",
      en="Handbook for labour inspectors on recognising forced labour", internal=True, year=2019, file="docx"),
    E("hu-transit", "hu", "S", "lab pol", "Tranzitország és munkaerő-kizsákmányolás: helyzetelemzés",
      "Hogyan érinti a tranzitország szerepe a munkaerő-kizsákmányolás felderítését és a nemzetközi "
      "együttműködést.", en="A transit country and labour exploitation: a situation analysis",
      countries="HU", year=2017, file="txt"),
    E("hu-case-law", "hu", "C", "leg", "Bírósági gyakorlat az emberkereskedelmi ügyekben: esetösszefoglalók",
      "Munkaerő-kizsákmányolással kapcsolatos ítéletek rövid összefoglalói.",
      en="Court practice in trafficking cases: case summaries", authors=("Tóth, Gábor",), year=2024,
      file="html"),
    # Czech
    E("cs-financial", "cs", "M", "fin pol", "Po stopách peněz: finanční šetření sítí pracovního vykořisťování",
      "Příručka pro vyšetřovatele a státní zástupce o souběžném finančním šetření, zajištění a propadnutí "
      "majetku.", en=G_FINANCIAL, group="financial", year=2022, file="docx"),
    E("cs-guideline", "cs", "G", "lab vid", "Metodika pro inspektory práce: rozpoznávání nucené práce",
      "Indikátory nucené práce, rozhovor s pracovníky a předání podezření policii.",
      en="Guidance for labour inspectors: recognising forced labour",
      authors=("Jana Nováková", "Tomáš Dvořák"), year=2021, file="pdf"),
    E("cs-agencies", "cs", "S", "sup lab", "Agenturní zaměstnávání cizinců a riziko vykořisťování",
      "Studie o pracovních agenturách, ubytovnách a závislosti zahraničních pracovníků.",
      en="Agency employment of foreign workers and the risk of exploitation", countries="CZ", year=2023,
      file="odt"),
    E("cs-case-law", "cs", "C", "leg lab", "Přehled judikatury k obchodování s lidmi za účelem nucené práce",
      "Výběr rozhodnutí soudů ve věcech obchodování s lidmi za účelem nucené práce s komentářem.",
      en="Case law on trafficking for forced labour: an overview", authors=("Petr Černý",), year=2020,
      file="odt"),
]  # fmt: skip

CATALOGUE: list[Entry] = ENGLISH + FRENCH + ROUTE

# Collections: (title, description, access, keys of the documents in order)
COLLECTIONS: list[tuple[str, str, str, list[str]]] = [
    (
        "Training package: labour inspection and THB",
        "Everything a trainer needs to run the national multidisciplinary training: the trainer's manual, the "
        "slides of each module, the case study, the simulation and the tests.",
        "public",
        [
            "en-trainer-manual",
            "en-module1",
            "fr-module1",
            "de-module1",
            "fr-module2",
            "en-seasonal-case",
            "en-simulation",
            "en-role-play",
            "en-indicators",
            "fr-inspector-manual",
            "en-test-bank",
        ],
    ),
    (
        "Judicial cooperation toolkit",
        "Guides, models and exercises for prosecutors and judges working on cases that cross borders.",
        "public",
        [
            "en-jit",
            "en-jit-model",
            "en-eio",
            "fr-eio",
            "fr-mla",
            "en-videoconference",
            "en-mla-exercise",
            "en-mock-trial",
            "en-prosecution-survey",
            "en-module3",
        ],
    ),
    (
        "Transnational police investigation: key reading",
        "For investigators of the bilateral and regional trainings: channels, financial investigation and the "
        "lessons of past operations.",
        "internal",
        [
            "en-police-channels",
            "en-financial",
            "en-module4",
            "en-network-mapping",
            "en-action-days",
            "en-collapse",
            "fr-police-coop",
            "hr-police",
        ],
    ),
    (
        "Victim identification and referral: practitioners' set",
        "Indicators, referral procedures and interview guides in several languages of the route.",
        "public",
        [
            "en-referral",
            "bs-referral",
            "mk-referral",
            "en-interview",
            "sq-interview",
            "it-identification",
            "sr-referral",
            "en-nonpunishment",
            "en-men",
            "en-interpreters",
        ],
    ),
    (
        "Legal framework and case law along the route",
        "Criminal law provisions, international standards and digests of judgments from the countries of the route.",
        "public",
        [
            "en-standards",
            "en-criminal-law",
            "fr-penal",
            "en-digest",
            "fr-digest",
            "ro-case-law",
            "sr-case-law",
            "de-case-law",
            "it-case-law",
            "hu-case-law",
            "cs-case-law",
        ],
    ),
]
