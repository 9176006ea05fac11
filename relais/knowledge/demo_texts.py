"""The text of the demo documents: sentences per language and subject, composed into sections.

English and French have a bank of sentences per subject (`TOPICS`); the languages of the route have
a smaller bank per group of subjects (demo_texts_route.py). A document's body is drawn from the
subjects of its themes and type, then from the rest of its language's bank, with a seeded random
generator: the same document gets the same text on every run. Slots: {n} (a count), {pct} (a
percentage), {year}, and in English and French {sector}.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

# Subjects of the sentences, and the subjects each theme (Theme.code) and document type draws on.
THEME_TOPICS: dict[str, tuple[str, ...]] = {
    "thb_labour": ("indicators", "recruitment", "wages"),
    "judicial_cooperation": ("jit", "eio"),
    "police_investigation": ("police", "jit"),
    "victim_identification": ("referral", "indicators"),
    "legal_framework": ("legal", "nonpunishment"),
    "financial_investigation": ("financial",),
    "supply_chains": ("subcontracting", "supply", "inspection"),
    "victim_assistance": ("assistance", "nonpunishment"),
    "data_monitoring": ("data",),
}
KIND_TOPICS: dict[str, tuple[str, ...]] = {
    "training_material": ("training",),
    "case_law": ("caselaw",),
    "legal_text": ("legal",),
    "study": ("data",),
}
# The group of each subject, for the languages whose bank is kept per group.
TOPIC_GROUP = {
    "indicators": "labour",
    "recruitment": "labour",
    "wages": "labour",
    "subcontracting": "labour",
    "inspection": "labour",
    "supply": "labour",
    "police": "justice",
    "jit": "justice",
    "eio": "justice",
    "legal": "justice",
    "financial": "justice",
    "caselaw": "justice",
    "referral": "victims",
    "nonpunishment": "victims",
    "assistance": "victims",
    "data": "general",
    "training": "training",
}
# Sentences that only fit documents of their kind (a study does not say "this module is for…").
OWN_KIND_ONLY = {"training", "caselaw"}

EN: dict[str, list[str]] = {
    "indicators": [
        "The indicators of forced labour are not proof in themselves, but several of them together should "
        "prompt an inspector to look further.",
        "Workers who cannot leave their employer, whose identity documents are kept by someone else and who "
        "live at the workplace show three classic indicators at once.",
        "Threats against family members in the country of origin are among the indicators most often "
        "reported by workers and least often recorded by officials.",
        "In {sector}, the most frequent indicators found during the inspections were excessive working hours, "
        "isolation and the retention of wages.",
        "An indicator recorded in an inspection report is only useful if the report reaches someone who can act on it.",
        "Abuse of vulnerability covers situations where the worker has no real and acceptable alternative "
        "but to submit to the abuse.",
        "Of the {n} workers interviewed, {pct}% said they had worked more than sixty hours a week during the "
        "harvest season.",
        "Inspectors reported that exploited workers rarely describe themselves as victims and often defend "
        "the employer who exploits them.",
        "Restriction of movement is seldom physical: it is more often achieved through debt, fear of the "
        "authorities or the lack of a place to go.",
    ],
    "recruitment": [
        "Recruitment fees charged to workers are the first link in the chain of debt bondage.",
        "Most workers were recruited through acquaintances or informal intermediaries who promised a wage "
        "two or three times higher than the one finally paid.",
        "Deceptive recruitment typically concerns the nature of the work, the wage, the working hours and "
        "the living conditions.",
        "In {year}, intermediaries on the route charged between 300 and 2,000 euros for a job, transport and "
        "a place to sleep.",
        "Online job advertisements have largely replaced recruitment through newspapers and word of mouth in "
        "the origin countries.",
        "Debt bondage begins when the advance for travel and accommodation grows faster than the worker can repay it.",
        "Temporary work agencies registered in one country and placing workers in another make the chain of "
        "responsibility hard to follow.",
        "The employer pays principle means that no fee or cost of recruitment should be borne by the worker.",
    ],
    "wages": [
        "Wage withholding was reported in almost every case examined: wages were paid late, in part, or not at all.",
        "Deductions for housing, transport and food often exceeded half of the wage actually paid.",
        "Workers were paid in cash, without a payslip, at a rate well below the legal minimum wage.",
        "In {pct}% of the files, the payroll declared to the authorities did not match what the workers said "
        "they received.",
        "A second, parallel payroll kept by the employer is one of the most telling findings of a joint inspection.",
        "Withheld wages are not only a labour law claim: combined with other indicators they can be evidence "
        "of exploitation.",
        "Piece-rate pay in {sector} was set so that only the fastest workers could reach the minimum wage.",
    ],
    "subcontracting": [
        "Subcontracting chains of four or five levels leave the main contractor with no knowledge of who "
        "actually does the work.",
        "Letterbox companies that post workers abroad without any real activity in the sending country are a "
        "recurring feature of the cases.",
        "The posting of workers is lawful in itself; abuse begins when posting is used to escape the rules "
        "of the host country.",
        "Joint and several liability of the contractor for the wages of the subcontractor's workers is one "
        "of the most effective deterrents available.",
        "In {sector}, inspectors found {n} workers employed through subcontractors that had no employees on paper.",
        "Each level of subcontracting takes its margin, and the last level makes up for it with the wages of "
        "the workers.",
    ],
    "inspection": [
        "Labour inspectors are often the first public officials to meet exploited workers.",
        "A joint inspection with the police allows the inspector to record labour law breaches while the "
        "police secure evidence of a crime.",
        "Interviews with workers should take place away from the employer and with an interpreter who has no "
        "tie to the employer.",
        "In {year}, the inspectorate carried out {n} inspections in high-risk sectors, {pct}% of them without "
        "prior notice.",
        "Inspectors need a clear mandate to report suspected trafficking without breaching the worker's trust.",
        "Separating the enforcement of immigration rules from labour inspection encourages irregular migrant "
        "workers to come forward.",
        "The inspection report should describe what was seen and heard, in the words of the workers where possible.",
        "Night and weekend inspections found conditions that daytime visits had missed.",
    ],
    "supply": [
        "Human rights due diligence asks companies to identify, prevent and account for the risks of forced "
        "labour in their supply chains.",
        "Buyers rarely see beyond their first-tier suppliers, where labour exploitation is least likely to occur.",
        "Social audits announced in advance found far fewer problems than unannounced visits by inspectors.",
        "Public procurement can require suppliers to show that no recruitment fee was charged to their workers.",
        "Grievance mechanisms only work if workers can use them in their own language and without fear of dismissal.",
        "Retailers that audited their suppliers of {sector} found forced labour indicators in {pct}% of the "
        "sites visited.",
    ],
    "police": [
        "A transnational investigation needs contacts in the origin country before the first arrest in the "
        "destination country.",
        "Liaison officers and secure information exchange channels shorten the time needed to identify "
        "suspects abroad.",
        "Investigators should not rely on the testimony of victims alone: telephone records, money transfers "
        "and travel data corroborate it.",
        "In the cases reviewed, {n} suspects were identified, but only a third were prosecuted in the country "
        "where the exploitation took place.",
        "A joint action day in the origin and destination countries prevents suspects from warning one another.",
        "Analysis of the victims' statements showed that the same recruiters were active in several regions "
        "of the origin country.",
        "Police officers reported that cases were often closed as labour disputes before any criminal "
        "investigation began.",
        "Proactive investigation starts from intelligence and inspection findings rather than from a "
        "complaint by the victim.",
    ],
    "jit": [
        "A joint investigation team is set up by agreement between the competent authorities of two or more "
        "States for a specific purpose and a limited period.",
        "Members of a joint investigation team can share information and evidence directly, without formal "
        "requests for mutual legal assistance.",
        "The agreement setting up a team should state who leads the investigation in each country and where "
        "the case is likely to be tried.",
        "Funding for travel, interpretation and translation is often what makes a joint investigation team possible.",
        "Between {year} and 2024, the prosecutors surveyed took part in {n} joint investigation teams on "
        "trafficking for labour exploitation.",
        "Teams work best when the members have met before the operational phase and agree on a common "
        "strategy for the trial.",
        "Conflicts of jurisdiction should be discussed at the start, not when the evidence has already been gathered.",
    ],
    "eio": [
        "The European Investigation Order allows a judicial authority to obtain evidence in another Member "
        "State on the basis of mutual recognition.",
        "Requests for mutual legal assistance are still needed with countries outside the European Union.",
        "Requests returned as incomplete were the main cause of delay reported by the prosecutors.",
        "A good request explains the facts in a few lines, names the offence in both legal systems and says "
        "exactly which measure is sought.",
        "Hearing a victim by videoconference avoids a second journey to the destination country and the "
        "stress that comes with it.",
        "Direct contact between the issuing and executing authorities resolved most problems faster than "
        "official correspondence.",
        "Of the {n} requests analysed, {pct}% were executed within the time limit set by the instrument.",
        "Translation of the request into the language of the executing State should be planned from the start.",
    ],
    "legal": [
        "Trafficking in human beings is defined by three elements: an act, a means and a purpose of exploitation.",
        "The consent of a victim to the intended exploitation is irrelevant where any of the means has been used.",
        "The Palermo Protocol, the Council of Europe Convention on Action against Trafficking in Human Beings "
        "and Directive 2011/36/EU form the core of the legal framework.",
        "The 2024 amendments to the European directive added forced marriage, illegal adoption and the "
        "exploitation of surrogacy to the forms of exploitation.",
        "Forced labour is defined in ILO Convention No. 29 as all work exacted under the menace of any "
        "penalty and for which the person has not offered themselves voluntarily.",
        "National laws differ on whether labour exploitation without the elements of trafficking is a "
        "criminal offence.",
        "Where the criminal offence is hard to prove, labour law and administrative sanctions still allow "
        "the authorities to act.",
        "States have a positive obligation to investigate when they know or ought to know of a situation of "
        "trafficking.",
    ],
    "financial": [
        "A parallel financial investigation should be opened as soon as a case of labour exploitation is suspected.",
        "Trafficking for labour exploitation is driven by profit; confiscating that profit removes the incentive.",
        "Money transfer services, cash withdrawals near the workplace and transfers to the origin country "
        "draw the map of the network.",
        "Freezing assets early keeps them available for confiscation and for the compensation of victims.",
        "Financial intelligence units received {n} reports of suspicious transactions linked to labour "
        "exploitation in {year}.",
        "The unpaid wages and social security contributions give a first estimate of the criminal proceeds.",
        "Banks and payment institutions can recognise patterns such as many workers' wages paid into one account.",
    ],
    "referral": [
        "A national referral mechanism describes who identifies presumed victims, who assists them and how "
        "they are referred from one to the other.",
        "Identification should not depend on the victim's willingness to cooperate with the investigation.",
        "A recovery and reflection period of at least thirty days gives the presumed victim time to decide "
        "whether to cooperate.",
        "Frontline professionals need a simple form and a single telephone number to refer a presumed victim.",
        "In {year}, {n} presumed victims of trafficking for labour exploitation were referred to assistance, "
        "{pct}% of them by civil society organisations.",
        "Transnational referral between the destination and origin countries ensures that assistance does "
        "not stop at the border.",
        "Men exploited for their labour are less likely to be identified than women, and shelters for men remain rare.",
        "Standard operating procedures should say what happens in the first twenty-four hours after a "
        "presumed victim is found.",
    ],
    "nonpunishment": [
        "The non-punishment principle protects victims from being prosecuted or sanctioned for offences they "
        "were compelled to commit.",
        "Exploited workers are often fined for working without a permit or for using false documents "
        "supplied by the traffickers.",
        "Prosecutors should consider the non-punishment principle as soon as there are signs that a suspect "
        "may be a victim.",
        "Detaining or deporting a presumed victim before identification is completed defeats the purpose of "
        "the referral mechanism.",
        "Guidance for prosecutors on non-punishment exists in fewer than half of the countries on the route.",
        "Applying the principle requires a link between the offence and the situation of trafficking, not "
        "merely the status of victim.",
    ],
    "assistance": [
        "Assistance includes safe accommodation, medical and psychological care, legal counselling and interpretation.",
        "Compensation for victims of labour exploitation should include the wages they were not paid.",
        "Victims who return to their country of origin need continued support to avoid being recruited again.",
        "A trauma-informed approach avoids repeated interviews and lets the victim keep control over the pace.",
        "In {pct}% of the cases, the victims received no compensation even after the conviction of the employer.",
        "Trade unions and migrant workers' associations can reach exploited workers that public services do not see.",
        "Residence permits for victims should not depend solely on their participation in criminal proceedings.",
    ],
    "data": [
        "The study draws on {n} interviews with practitioners and on the analysis of court files from {year} onwards.",
        "Data on trafficking for labour exploitation are scattered across inspectorates, police, prosecution "
        "services and NGOs.",
        "Comparable data require common definitions of a presumed victim, an identified victim and a case.",
        "Official figures capture the cases that reached the authorities, not the extent of the phenomenon.",
        "The number of identified victims of labour exploitation rose by {pct}% over five years, while "
        "convictions remained stable.",
        "Data protection rules apply to the personal data of victims collected for statistics.",
        "A questionnaire was sent to all the partner institutions; {n} answers were received.",
    ],
    "training": [
        "This module is designed for mixed groups of labour inspectors, police officers, prosecutors and NGO workers.",
        "Participants work in small groups on a case that follows a worker from recruitment to exploitation.",
        "Each exercise ends with a debriefing in which the trainer links the group's findings to the legal "
        "definitions.",
        "The role play places participants in the position of an inspector interviewing a frightened "
        "worker through an interpreter.",
        "Trainers should adapt the case study to the national legal framework and the sectors at risk in the country.",
        "A pre-test and a post-test of ten questions measure what participants have learned.",
        "The session lasts ninety minutes and requires a projector, flip charts and copies of the case file.",
        "Learning objectives: recognise the indicators, know the referral steps and cooperate across professions.",
    ],
    "caselaw": [
        "The court found that the employer had knowingly exploited the workers' irregular status and their "
        "debt to keep them at work.",
        "The defence argued that the workers had consented to the conditions; the court held that consent "
        "was irrelevant given the means used.",
        "The judgment relied on the statements of the workers, corroborated by payroll records and money transfers.",
        "The accused were sentenced to prison terms of between three and seven years and ordered to pay the "
        "unpaid wages.",
        "On appeal, the court confirmed that the abuse of a position of vulnerability was established.",
        "The court ordered the confiscation of {n} thousand euros of proceeds and awarded compensation to "
        "each of the victims.",
        "The case began with an inspection of a farm in {year} and ended with the conviction of five members "
        "of the network.",
    ],
}

EN_SECTORS = [
    "agriculture",
    "construction",
    "hospitality",
    "meat processing",
    "domestic work",
    "logistics",
    "textile manufacturing",
]
EN_HEADINGS = [
    "Introduction",
    "Background",
    "Method",
    "Findings",
    "The practice in the countries of the route",
    "Cooperation between agencies",
    "Lessons from the cases",
    "Recommendations",
    "Conclusion",
]

FR: dict[str, list[str]] = {
    "indicators": [
        "Les indicateurs du travail forcé ne constituent pas une preuve en soi, mais leur conjonction doit "
        "conduire l'inspecteur à approfondir ses constatations.",
        "Un travailleur qui ne peut quitter son employeur, dont les papiers d'identité sont confisqués et qui "
        "loge sur son lieu de travail présente à lui seul trois indicateurs.",
        "Dans {sector}, les indicateurs les plus fréquents relevés lors des contrôles étaient des horaires "
        "excessifs, l'isolement et la retenue des salaires.",
        "Les menaces visant la famille restée dans le pays d'origine figurent parmi les indicateurs les plus "
        "souvent rapportés par les travailleurs.",
        "Sur les {n} travailleurs entendus, {pct} % déclarent avoir travaillé plus de soixante heures par "
        "semaine pendant la récolte.",
        "Les inspecteurs constatent que les travailleurs exploités se considèrent rarement comme des victimes.",
        "La restriction de la liberté de mouvement est rarement physique : elle passe le plus souvent par la "
        "dette, la peur des autorités ou l'absence de solution de repli.",
    ],
    "recruitment": [
        "Les frais de recrutement imposés aux travailleurs constituent le premier maillon de la servitude pour dettes.",
        "La plupart des travailleurs ont été recrutés par des connaissances ou des intermédiaires informels "
        "qui leur promettaient un salaire deux à trois fois supérieur à celui finalement versé.",
        "Le recrutement trompeur porte le plus souvent sur la nature du travail, le salaire, les horaires et "
        "les conditions de logement.",
        "En {year}, les intermédiaires demandaient entre 300 et 2 000 euros pour un emploi, le transport et "
        "un hébergement.",
        "Les annonces d'emploi en ligne ont largement remplacé le bouche-à-oreille dans les pays d'origine.",
        "La servitude pour dettes commence lorsque l'avance consentie pour le voyage et le logement augmente "
        "plus vite que le travailleur ne peut la rembourser.",
        "Selon le principe de l'employeur payeur, aucun frais de recrutement ne doit être mis à la charge du "
        "travailleur.",
    ],
    "wages": [
        "La retenue des salaires apparaît dans presque tous les dossiers examinés : salaires versés en "
        "retard, en partie ou pas du tout.",
        "Les retenues pour le logement, le transport et la nourriture dépassaient souvent la moitié du "
        "salaire effectivement versé.",
        "Les travailleurs étaient payés en espèces, sans bulletin de paie, bien en dessous du salaire minimum légal.",
        "Dans {pct} % des dossiers, la masse salariale déclarée aux autorités ne correspondait pas à ce que "
        "les travailleurs disaient recevoir.",
        "Une seconde comptabilité tenue par l'employeur est l'une des constatations les plus parlantes d'un "
        "contrôle conjoint.",
        "Les salaires impayés ne relèvent pas seulement du droit du travail : associés à d'autres "
        "indicateurs, ils peuvent prouver l'exploitation.",
    ],
    "subcontracting": [
        "Les chaînes de sous-traitance à quatre ou cinq niveaux laissent le donneur d'ordre dans l'ignorance "
        "de ceux qui exécutent réellement le travail.",
        "Les sociétés boîtes aux lettres qui détachent des travailleurs sans activité réelle dans le pays "
        "d'envoi reviennent dans de nombreuses affaires.",
        "Le détachement de travailleurs est licite en soi ; l'abus commence lorsqu'il sert à contourner les "
        "règles du pays d'accueil.",
        "La responsabilité solidaire du donneur d'ordre pour les salaires des travailleurs du sous-traitant "
        "est l'un des leviers les plus dissuasifs.",
        "Dans {sector}, les inspecteurs ont trouvé {n} travailleurs employés par des sous-traitants qui "
        "n'avaient aucun salarié déclaré.",
    ],
    "inspection": [
        "Les inspecteurs du travail sont souvent les premiers agents publics à rencontrer des travailleurs exploités.",
        "Un contrôle conjoint avec la police permet à l'inspecteur de relever les infractions au droit du "
        "travail pendant que la police recueille les preuves d'un crime.",
        "Les entretiens avec les travailleurs doivent avoir lieu hors de la présence de l'employeur, avec un "
        "interprète sans lien avec lui.",
        "En {year}, l'inspection du travail a effectué {n} contrôles dans les secteurs à risque, dont {pct} % "
        "sans préavis.",
        "Les inspecteurs ont besoin d'un mandat clair pour signaler une suspicion de traite sans trahir la "
        "confiance du travailleur.",
        "Séparer le contrôle du séjour de l'inspection du travail encourage les travailleurs en situation "
        "irrégulière à se manifester.",
        "Les contrôles de nuit et de fin de semaine ont révélé des situations que les visites de jour "
        "n'avaient pas permis de voir.",
    ],
    "supply": [
        "Le devoir de vigilance impose aux entreprises d'identifier et de prévenir les risques de travail "
        "forcé dans leurs chaînes d'approvisionnement.",
        "Les acheteurs voient rarement au-delà de leurs fournisseurs de premier rang, là où l'exploitation "
        "est la moins probable.",
        "Les audits sociaux annoncés à l'avance relèvent bien moins de problèmes que les visites inopinées "
        "des inspecteurs.",
        "Les marchés publics peuvent exiger des fournisseurs la preuve qu'aucun frais de recrutement n'a été "
        "demandé à leurs travailleurs.",
        "Un mécanisme de réclamation n'est utile que si les travailleurs peuvent y recourir dans leur langue "
        "et sans craindre un licenciement.",
    ],
    "police": [
        "Une enquête transnationale suppose des contacts dans le pays d'origine avant la première "
        "interpellation dans le pays de destination.",
        "Les officiers de liaison et les canaux sécurisés d'échange d'informations réduisent le temps "
        "nécessaire pour identifier les suspects à l'étranger.",
        "Les enquêteurs ne doivent pas s'appuyer sur le seul témoignage des victimes : relevés téléphoniques, "
        "transferts d'argent et données de voyage le corroborent.",
        "Dans les affaires étudiées, {n} suspects ont été identifiés, mais un tiers seulement a été poursuivi "
        "dans le pays où l'exploitation avait eu lieu.",
        "Une journée d'action commune dans les pays d'origine et de destination empêche les suspects de se "
        "prévenir mutuellement.",
        "Les policiers indiquent que de nombreux dossiers sont classés comme de simples litiges du travail "
        "avant toute enquête pénale.",
        "L'enquête proactive part du renseignement et des constatations de l'inspection plutôt que d'une "
        "plainte de la victime.",
    ],
    "jit": [
        "Une équipe commune d'enquête est créée par accord entre les autorités compétentes de deux États ou "
        "plus, dans un but déterminé et pour une durée limitée.",
        "Les membres d'une équipe commune d'enquête échangent directement informations et preuves, sans "
        "demande formelle d'entraide judiciaire.",
        "L'accord constitutif doit préciser qui dirige l'enquête dans chaque pays et où l'affaire sera "
        "vraisemblablement jugée.",
        "Le financement des déplacements, de l'interprétation et de la traduction rend souvent possible une "
        "équipe commune d'enquête.",
        "Les équipes fonctionnent mieux lorsque leurs membres se sont rencontrés avant la phase "
        "opérationnelle et s'accordent sur une stratégie commune pour le procès.",
        "Les conflits de compétence doivent être abordés dès le départ, et non une fois les preuves recueillies.",
    ],
    "eio": [
        "La décision d'enquête européenne permet à une autorité judiciaire d'obtenir des preuves dans un "
        "autre État membre sur le fondement de la reconnaissance mutuelle.",
        "Les demandes d'entraide judiciaire restent nécessaires avec les pays tiers à l'Union européenne.",
        "Les demandes renvoyées comme incomplètes sont la première cause de retard citée par les procureurs.",
        "Une bonne demande expose les faits en quelques lignes, qualifie l'infraction dans les deux systèmes "
        "juridiques et précise la mesure sollicitée.",
        "L'audition d'une victime par visioconférence lui évite un second voyage vers le pays de destination.",
        "Sur les {n} demandes analysées, {pct} % ont été exécutées dans le délai prévu par l'instrument.",
        "Les contacts directs entre autorités d'émission et d'exécution ont réglé la plupart des difficultés "
        "plus vite que la correspondance officielle.",
    ],
    "legal": [
        "La traite des êtres humains se définit par trois éléments : un acte, un moyen et une finalité d'exploitation.",
        "Le consentement de la victime à l'exploitation envisagée est indifférent dès lors que l'un des "
        "moyens a été employé.",
        "Le Protocole de Palerme, la Convention du Conseil de l'Europe sur la lutte contre la traite des "
        "êtres humains et la directive 2011/36/UE forment le cœur du cadre juridique.",
        "La convention n° 29 de l'OIT définit le travail forcé comme tout travail exigé sous la menace d'une "
        "peine et pour lequel la personne ne s'est pas offerte de plein gré.",
        "Les législations nationales divergent sur la répression de l'exploitation par le travail lorsque "
        "les éléments de la traite ne sont pas réunis.",
        "Lorsque l'infraction pénale est difficile à prouver, le droit du travail et les sanctions "
        "administratives permettent encore d'agir.",
        "Les États ont l'obligation positive d'enquêter dès qu'ils ont ou devraient avoir connaissance d'une "
        "situation de traite.",
    ],
    "financial": [
        "Une enquête financière parallèle doit être ouverte dès qu'un cas d'exploitation par le travail est suspecté.",
        "La traite à des fins d'exploitation par le travail est motivée par le profit ; confisquer ce profit "
        "supprime l'incitation.",
        "Les transferts d'argent, les retraits d'espèces près du lieu de travail et les virements vers le "
        "pays d'origine dessinent la carte du réseau.",
        "Le gel précoce des avoirs les préserve en vue de la confiscation et de l'indemnisation des victimes.",
        "Les salaires et cotisations sociales impayés donnent une première estimation du produit du crime.",
        "En {year}, la cellule de renseignement financier a reçu {n} déclarations de soupçon liées à "
        "l'exploitation par le travail.",
    ],
    "referral": [
        "Un mécanisme national d'orientation précise qui identifie les victimes présumées, qui les assiste et "
        "comment elles sont orientées de l'un à l'autre.",
        "L'identification ne doit pas dépendre de la volonté de la victime de coopérer avec l'enquête.",
        "Un délai de rétablissement et de réflexion d'au moins trente jours laisse à la victime présumée le "
        "temps de décider si elle coopère.",
        "Les professionnels de terrain ont besoin d'un formulaire simple et d'un numéro unique pour orienter "
        "une victime présumée.",
        "En {year}, {n} victimes présumées de traite à des fins d'exploitation par le travail ont été "
        "orientées vers une assistance, dont {pct} % par des associations.",
        "L'orientation transnationale entre pays de destination et d'origine garantit que l'assistance ne "
        "s'arrête pas à la frontière.",
        "Les hommes exploités par le travail sont moins souvent identifiés que les femmes, et les "
        "hébergements pour hommes restent rares.",
    ],
    "nonpunishment": [
        "Le principe de non-sanction protège les victimes contre les poursuites ou sanctions pour des "
        "infractions qu'elles ont été contraintes de commettre.",
        "Les travailleurs exploités sont souvent verbalisés pour travail sans autorisation ou pour usage de "
        "faux documents fournis par les trafiquants.",
        "Les procureurs doivent envisager le principe de non-sanction dès que des indices laissent penser "
        "qu'un suspect peut être une victime.",
        "Placer en rétention ou éloigner une victime présumée avant la fin de l'identification prive le "
        "mécanisme d'orientation de son sens.",
        "L'application du principe suppose un lien entre l'infraction et la situation de traite, et non le "
        "seul statut de victime.",
    ],
    "assistance": [
        "L'assistance comprend un hébergement sûr, des soins médicaux et psychologiques, un conseil juridique "
        "et l'interprétation.",
        "L'indemnisation des victimes d'exploitation par le travail doit comprendre les salaires qui ne leur "
        "ont pas été versés.",
        "Les victimes qui rentrent dans leur pays d'origine ont besoin d'un accompagnement continu pour ne "
        "pas être recrutées à nouveau.",
        "Une approche tenant compte des traumatismes évite les auditions répétées et laisse la victime "
        "maîtresse du rythme.",
        "Dans {pct} % des affaires, les victimes n'ont reçu aucune indemnisation, même après la condamnation "
        "de l'employeur.",
        "Les syndicats et les associations de travailleurs migrants atteignent des travailleurs que les "
        "services publics ne voient pas.",
    ],
    "data": [
        "L'étude s'appuie sur {n} entretiens avec des praticiens et sur l'analyse de dossiers judiciaires "
        "depuis {year}.",
        "Les données sur la traite à des fins d'exploitation par le travail sont dispersées entre "
        "inspections, police, parquets et associations.",
        "Des données comparables supposent des définitions communes de la victime présumée, de la victime "
        "identifiée et de l'affaire.",
        "Les chiffres officiels reflètent les affaires parvenues aux autorités, non l'ampleur du phénomène.",
        "Le nombre de victimes identifiées a augmenté de {pct} % en cinq ans, tandis que les condamnations stagnaient.",
        "Un questionnaire a été adressé à toutes les institutions partenaires ; {n} réponses ont été reçues.",
    ],
    "training": [
        "Ce module s'adresse à des groupes mixtes d'inspecteurs du travail, de policiers, de procureurs et de "
        "membres d'associations.",
        "Les participants travaillent en petits groupes sur un cas qui suit un travailleur du recrutement à "
        "l'exploitation.",
        "Chaque exercice se termine par un débriefing où le formateur relie les constats du groupe aux "
        "définitions juridiques.",
        "Le jeu de rôle place les participants dans la position d'un inspecteur qui interroge, avec un "
        "interprète, un travailleur apeuré.",
        "Les formateurs adaptent l'étude de cas au cadre juridique national et aux secteurs à risque du pays.",
        "Un pré-test et un post-test de dix questions mesurent les acquis des participants.",
        "Objectifs d'apprentissage : reconnaître les indicateurs, connaître les étapes de l'orientation et "
        "coopérer entre professions.",
    ],
    "caselaw": [
        "La cour a jugé que l'employeur avait sciemment exploité la situation irrégulière des travailleurs et "
        "leur dette pour les maintenir au travail.",
        "La défense soutenait que les travailleurs avaient consenti à leurs conditions ; la cour a jugé ce "
        "consentement indifférent au regard des moyens employés.",
        "Le jugement s'appuie sur les déclarations des travailleurs, corroborées par les registres de paie et "
        "les transferts d'argent.",
        "Les prévenus ont été condamnés à des peines de trois à sept ans d'emprisonnement et au paiement des "
        "salaires dus.",
        "La cour a ordonné la confiscation de {n} milliers d'euros et alloué une indemnisation à chacune des victimes.",
        "L'affaire a commencé par le contrôle d'une exploitation agricole en {year} et s'est terminée par la "
        "condamnation de cinq membres du réseau.",
    ],
}

FR_SECTORS = [
    "l'agriculture",
    "le bâtiment",
    "l'hôtellerie-restauration",
    "la transformation de la viande",
    "le travail domestique",
    "la logistique",
    "l'industrie textile",
]
FR_HEADINGS = [
    "Introduction",
    "Contexte",
    "Méthode",
    "Constats",
    "Les pratiques dans les pays de la route",
    "La coopération entre services",
    "Les enseignements des affaires",
    "Recommandations",
    "Conclusion",
]


@dataclass(frozen=True)
class Bank:
    """A language's sentences: per subject (English, French) or per group of subjects (the others)."""

    sentences: dict[str, list[str]]
    headings: list[str]
    sectors: list[str] = field(default_factory=list)
    per_group: bool = False

    def for_topic(self, topic: str) -> list[str]:
        key = TOPIC_GROUP.get(topic, "general") if self.per_group else topic
        return self.sentences.get(key, [])

    def everything(self, *, but: set[str]) -> list[str]:
        """All the sentences but those of the subjects (or groups) in `but`."""
        return [s for key, items in self.sentences.items() if key not in but for s in items]


def bank(language: str) -> Bank:
    if language == "en":
        return Bank(EN, EN_HEADINGS, EN_SECTORS)
    if language == "fr":
        return Bank(FR, FR_HEADINGS, FR_SECTORS)
    from relais.knowledge.demo_texts_route import ROUTE_BANKS

    sentences, headings = ROUTE_BANKS[language]
    return Bank(sentences, headings, per_group=True)


@dataclass
class Section:
    heading: str
    paragraphs: list[str]


def topics_of(themes: list[str], kind: str) -> list[str]:
    seen: dict[str, None] = {}
    for topic in KIND_TOPICS.get(kind, ()):
        seen[topic] = None
    for theme in themes:
        for topic in THEME_TOPICS.get(theme, ()):
            seen[topic] = None
    return list(seen)


def _fill(sentence: str, rng: random.Random, sectors: list[str]) -> str:
    values = {
        "n": rng.randrange(12, 480),
        "pct": rng.randrange(11, 79),
        "year": rng.randrange(2014, 2025),
        "sector": rng.choice(sectors) if sectors else "",
    }
    return sentence.format(**values)


def word_count(sections: list[Section]) -> int:
    return sum(len(p.split()) for s in sections for p in s.paragraphs)


def compose(*, language: str, topics: list[str], words: int, seed: int) -> list[Section]:
    """Sections of about `words` words in `language`, drawn first from the sentences of `topics`.

    Deterministic for a seed. Each section has a heading (the first is the language's
    "Introduction", the last its "Conclusion") and two to four paragraphs of three to six sentences."""
    rng = random.Random(seed)  # noqa: S311 - fictional demo text
    b = bank(language)
    own = [s for t in topics for s in b.for_topic(t)]
    own = list(dict.fromkeys(own))
    excluded = {t for t in OWN_KIND_ONLY if t not in topics}
    rest = [s for s in b.everything(but=excluded) if s not in set(own)]
    rng.shuffle(own)
    rng.shuffle(rest)
    queue = own + rest

    def take() -> str:
        nonlocal queue
        if not queue:
            queue = own + rest
            rng.shuffle(queue)
        return _fill(queue.pop(0), rng, b.sectors)

    middle = b.headings[1:-1]
    sections: list[Section] = []
    total = 0
    i = 0
    while total < words:
        heading = b.headings[0] if i == 0 else middle[(i - 1) % len(middle)]
        paragraphs = []
        for _p in range(rng.randint(2, 4)):
            paragraph = " ".join(take() for _s in range(rng.randint(3, 6)))
            paragraphs.append(paragraph)
            total += len(paragraph.split())
            if total >= words:
                break
        sections.append(Section(heading, paragraphs))
        i += 1
    if len(sections) > 1:
        sections[-1].heading = b.headings[-1]
    return sections
