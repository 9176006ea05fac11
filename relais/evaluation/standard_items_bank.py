"""The bank of knowledge questions on trafficking for labour exploitation: scored single-choice items
of 1 point, for pre- and post-tests (library items of no programme, not standard: a test takes the
questions that fit the learning objectives of its design). English with French translations.

Sources the answers follow: ILO Forced Labour Convention No. 29 and the ILO indicators of forced
labour; ILO Labour Inspection Convention No. 81; the UN Convention against Transnational Organized
Crime and its Palermo Protocol; the Council of Europe Convention on Action against Trafficking in
Human Beings; Directives 2011/36/EU, 2012/29/EU, 2014/41/EU (European Investigation Order) and
2009/52/EC (employer sanctions); Council Framework Decision 2002/465/JHA (joint investigation teams).

Each question has a `key` (used by the demo) and a `domain` (the area it tests).
"""

from __future__ import annotations

from relais.evaluation.standard_items import PRE_TEST, Spec


def _q(
    key: str,
    domain: str,
    themes: tuple[str, ...],
    text: str,
    fr: str,
    options: list[tuple[str, str]],
    correct: str,
) -> Spec:
    """A question with four choices a–d given as (English, French); `correct` is the right letter."""
    values = "abcd"
    return Spec(
        PRE_TEST,
        "single",
        text,
        fr,
        options=tuple((values[i], en, fr_label) for i, (en, fr_label) in enumerate(options)),
        correct=(correct,),
        points=1,
        themes=themes,
        standard=False,
        key=key,
        domain=domain,
    )


LABOUR = ("thb_labour",)
IDENTIFY = ("thb_labour", "victim_identification")
LEGAL = ("legal_framework", "thb_labour")
JUDICIAL = ("judicial_cooperation", "legal_framework")
POLICE = ("police_investigation",)

KNOWLEDGE: list[Spec] = [
    _q("ilo_indicator", "indicators", IDENTIFY,
       "Which of the following is one of the ILO indicators of forced labour?",
       "Lequel des éléments suivants fait partie des indicateurs du travail forcé de l'OIT ?",
       [("Working in a sector with high seasonal demand", "Travailler dans un secteur à forte demande saisonnière"),
        ("Retention of identity documents by the employer", "La confiscation des documents d'identité par l'employeur"),
        ("Being paid the minimum wage in cash", "Être payé au salaire minimum en espèces"),
        ("Working for an employer of another nationality", "Travailler pour un employeur d'une autre nationalité")],
       "b"),
    _q("debt_bondage", "indicators", IDENTIFY,
       "An employer advances the cost of travel and housing, then deducts ever-growing “debts” from the wages, "
       "so that the workers can never leave. What is this called?",
       "Un employeur avance le coût du voyage et du logement, puis retient sur les salaires des « dettes » "
       "toujours plus lourdes, si bien que les travailleurs ne peuvent jamais partir. Comment appelle-t-on "
       "cette pratique ?",
       [("A salary advance", "Une avance sur salaire"),
        ("Wage garnishment ordered by a court", "Une saisie sur salaire ordonnée par un tribunal"),
        ("Debt bondage", "La servitude pour dettes"),
        ("Posting of workers", "Le détachement de travailleurs")],
       "c"),
    _q("forced_labour_definition", "legal", LEGAL,
       "Under ILO Convention No. 29, forced labour is all work or service exacted from a person under the "
       "menace of a penalty and…",
       "Selon la convention n° 29 de l'OIT, le travail forcé est tout travail ou service exigé d'une personne "
       "sous la menace d'une peine quelconque et…",
       [("for which the person has not offered themselves voluntarily",
         "pour lequel la personne ne s'est pas offerte de plein gré"),
        ("that is paid below the national minimum wage", "rémunéré en dessous du salaire minimum national"),
        ("that is performed without a written contract", "effectué sans contrat écrit"),
        ("that is performed by a migrant without a work permit", "effectué par un migrant sans permis de travail")],
       "a"),
    _q("restriction_of_movement", "indicators", IDENTIFY,
       "Workers live in housing provided by the employer; the gate is locked at night and a supervisor goes "
       "with them to the shop. Which ILO indicator of forced labour does this describe?",
       "Les travailleurs logent dans un hébergement fourni par l'employeur ; le portail est fermé à clé la nuit "
       "et un surveillant les accompagne au magasin. Quel indicateur du travail forcé de l'OIT cette situation "
       "décrit-elle ?",
       [("Excessive overtime", "Les heures supplémentaires excessives"),
        ("Withholding of wages", "La retenue des salaires"),
        ("Deception", "La tromperie"),
        ("Restriction of movement", "La restriction de la liberté de mouvement")],
       "d"),
    _q("palermo_elements", "legal", LEGAL,
       "The Palermo Protocol defines trafficking in persons through three elements. Which ones?",
       "Le Protocole de Palerme définit la traite des personnes par trois éléments. Lesquels ?",
       [("Crossing a border, use of force and payment",
         "Le franchissement d'une frontière, le recours à la force et un paiement"),
        ("The act, the means and the purpose of exploitation", "L'acte, les moyens et la finalité d'exploitation"),
        ("Recruitment, transport and sexual exploitation", "Le recrutement, le transport et l'exploitation sexuelle"),
        ("An irregular migrant, an employer's profit and a criminal network",
         "Un migrant en situation irrégulière, le profit d'un employeur et un réseau criminel")],
       "b"),
    _q("consent_irrelevant", "legal", LEGAL,
       "Under the Palermo Protocol, what weight has an adult victim's consent to the intended exploitation "
       "when one of the means (threat, deception, abuse of a position of vulnerability…) was used?",
       "Selon le Protocole de Palerme, quel poids a le consentement d'une victime adulte à l'exploitation "
       "envisagée lorsque l'un des moyens (menace, tromperie, abus d'une situation de vulnérabilité…) a été "
       "utilisé ?",
       [("It excludes trafficking", "Il exclut la traite"),
        ("It counts only if given in writing", "Il ne compte que s'il a été donné par écrit"),
        ("It is irrelevant", "Il est indifférent"),
        ("It halves the penalty", "Il réduit la peine de moitié")],
       "c"),
    _q("non_punishment", "legal", ("legal_framework", "victim_assistance"),
       "What does the non-punishment principle require?",
       "Qu'exige le principe de non-sanction ?",
       [("That victims can be spared prosecution or penalties for offences they were compelled to commit as a "
         "direct consequence of being trafficked",
         "Que les victimes puissent ne pas être poursuivies ni sanctionnées pour les infractions qu'elles ont "
         "été contraintes de commettre comme conséquence directe de la traite"),
        ("That victims are exempt from criminal liability for any offence",
         "Que les victimes soient exonérées de toute responsabilité pénale, quelle que soit l'infraction"),
        ("That employers are not punished if they pay back the wages owed",
         "Que les employeurs ne soient pas sanctionnés s'ils versent les salaires dus"),
        ("That undocumented workers are never fined",
         "Que les travailleurs sans papiers ne soient jamais mis à l'amende")],
       "a"),
    _q("referral_mechanism", "referral", ("victim_identification", "victim_assistance"),
       "What is a national referral mechanism?",
       "Qu'est-ce qu'un mécanisme national d'orientation ?",
       [("A police database of convicted traffickers", "Une base de données policière des trafiquants condamnés"),
        ("A hotline run by NGOs alone", "Une ligne d'urgence gérée par les seules ONG"),
        ("A court procedure for compensating victims", "Une procédure judiciaire d'indemnisation des victimes"),
        ("A framework through which state bodies and civil society identify presumed victims and refer them to "
         "assistance and protection",
         "Un cadre de coopération par lequel les services de l'État et la société civile identifient les "
         "victimes présumées et les orientent vers l'assistance et la protection")],
       "d"),
    _q("reflection_period", "referral", ("victim_assistance", "legal_framework"),
       "Under the Council of Europe Convention on Action against Trafficking in Human Beings, what is the "
       "minimum recovery and reflection period of a presumed victim?",
       "Selon la Convention du Conseil de l'Europe sur la lutte contre la traite des êtres humains, quelle est "
       "la durée minimale du délai de rétablissement et de réflexion d'une victime présumée ?",
       [("7 days", "7 jours"), ("30 days", "30 jours"), ("90 days", "90 jours"),
        ("The Convention sets no minimum", "La Convention ne fixe aucun minimum")],
       "b"),
    _q("first_interview", "victim", ("victim_identification", "victim_assistance"),
       "In a first interview with a presumed victim of labour exploitation, which practice is recommended?",
       "Lors d'un premier entretien avec une victime présumée d'exploitation par le travail, quelle pratique "
       "est recommandée ?",
       [("Use a co-worker as interpreter to build trust quickly",
         "Faire interpréter par un collègue de travail pour gagner vite sa confiance"),
        ("Ask for the whole story at once so that contradictions can be found",
         "Demander tout le récit d'emblée pour en relever les contradictions"),
        ("Explain who you are, what will happen and the person's rights, in a language they understand, with an "
         "interpreter who has no link to the employer",
         "Expliquer qui vous êtes, ce qui va se passer et les droits de la personne, dans une langue qu'elle "
         "comprend, avec un interprète sans lien avec l'employeur"),
        ("Hold the interview in front of the employer to compare the two versions",
         "Mener l'entretien devant l'employeur pour comparer les deux versions")],
       "c"),
    _q("inspection_powers", "inspection", LABOUR,
       "Under ILO Labour Inspection Convention No. 81, labour inspectors with proper credentials are "
       "empowered to…",
       "Selon la convention n° 81 de l'OIT sur l'inspection du travail, les inspecteurs munis de pièces "
       "justificatives sont autorisés à…",
       [("arrest employers suspected of trafficking", "arrêter les employeurs soupçonnés de traite"),
        ("enter freely and without prior notice, at any hour of the day or night, any workplace liable to "
         "inspection",
         "pénétrer librement et sans avertissement préalable, à toute heure du jour et de la nuit, dans tout "
         "établissement assujetti au contrôle"),
        ("enter private homes at any time without consent",
         "entrer à tout moment dans des domiciles privés sans consentement"),
        ("inspect a workplace only after announcing the visit in writing",
         "inspecter un établissement seulement après avoir annoncé la visite par écrit")],
       "b"),
    _q("inspection_evidence", "inspection", ("thb_labour", "police_investigation"),
       "During a joint inspection, what makes the evidence gathered by inspectors most useful to the "
       "prosecutor later?",
       "Lors d'une inspection conjointe, qu'est-ce qui rend les éléments recueillis par les inspecteurs le plus "
       "utiles au procureur par la suite ?",
       [("A summary written from memory after the inspection", "Un résumé rédigé de mémoire après l'inspection"),
        ("Photographs shared in a messaging group", "Des photos partagées dans un groupe de messagerie"),
        ("Statements of all the workers taken together as a group",
         "Les déclarations de tous les travailleurs recueillies ensemble, en groupe"),
        ("Facts, statements and documents recorded on the spot, with date, place and who collected them, so "
         "that the chain of custody is kept",
         "Des faits, déclarations et documents consignés sur place, avec la date, le lieu et l'auteur du "
         "recueil, pour préserver la chaîne de conservation")],
       "d"),
    _q("european_investigation_order", "mla", JUDICIAL,
       "Between two EU Member States such as Romania and Italy, which instrument is normally used to obtain "
       "evidence (a witness hearing, bank records)?",
       "Entre deux États membres de l'UE comme la Roumanie et l'Italie, quel instrument sert normalement à "
       "obtenir des preuves (audition d'un témoin, relevés bancaires) ?",
       [("The European Investigation Order", "La décision d'enquête européenne"),
        ("A European Arrest Warrant", "Un mandat d'arrêt européen"),
        ("An Interpol red notice", "Une notice rouge d'Interpol"),
        ("A letter rogatory sent through diplomatic channels only",
         "Une commission rogatoire transmise par la seule voie diplomatique")],
       "a"),
    _q("untoc_legal_basis", "mla", JUDICIAL,
       "Two states have no bilateral treaty on mutual legal assistance. Which instrument can serve as the "
       "legal basis of a request in a case involving an organised criminal group?",
       "Deux États n'ont pas de traité bilatéral d'entraide judiciaire. Quel instrument peut servir de base "
       "juridique à une demande dans une affaire impliquant un groupe criminel organisé ?",
       [("The Universal Declaration of Human Rights", "La Déclaration universelle des droits de l'homme"),
        ("The UN Convention against Transnational Organized Crime (article 18)",
         "La Convention des Nations unies contre la criminalité transnationale organisée (article 18)"),
        ("ILO Convention No. 81", "La convention n° 81 de l'OIT"),
        ("None: a bilateral treaty is always required", "Aucun : un traité bilatéral est toujours nécessaire")],
       "b"),
    _q("mla_request_quality", "mla", ("judicial_cooperation",),
       "What makes a request for mutual legal assistance most likely to be executed quickly?",
       "Qu'est-ce qui donne à une demande d'entraide judiciaire le plus de chances d'être exécutée rapidement ?",
       [("Sending the whole case file, untranslated", "Envoyer tout le dossier, sans traduction"),
        ("Asking for “all relevant information” without naming measures",
         "Demander « toute information utile » sans préciser de mesures"),
        ("A short summary of the facts, their legal qualification, the precise measures sought and why they are "
         "needed, translated into a language the requested state accepts",
         "Un bref exposé des faits, leur qualification juridique, les mesures précises demandées et leur "
         "nécessité, traduits dans une langue acceptée par l'État requis"),
        ("Marking every request as urgent", "Marquer chaque demande comme urgente")],
       "c"),
    _q("jit_definition", "jit", ("judicial_cooperation", "police_investigation"),
       "A joint investigation team (JIT) is…",
       "Une équipe commune d'enquête (ECE) est…",
       [("a permanent police unit of Europol", "une unité de police permanente d'Europol"),
        ("a team set up by agreement between the competent authorities of two or more states, for a specific "
         "purpose and a limited period",
         "une équipe créée d'un commun accord par les autorités compétentes de deux États ou plus, dans un but "
         "déterminé et pour une durée limitée"),
        ("a court made up of judges from several countries", "une juridiction composée de juges de plusieurs pays"),
        ("a network of NGOs that accompanies victims abroad",
         "un réseau d'ONG qui accompagne les victimes à l'étranger")],
       "b"),
    _q("jit_funding", "jit", ("judicial_cooperation",),
       "Which EU agency supports joint investigation teams with funding and advice?",
       "Quelle agence de l'UE soutient les équipes communes d'enquête par des financements et des conseils ?",
       [("Eurojust", "Eurojust"), ("Frontex", "Frontex"),
        ("The European Labour Authority", "L'Autorité européenne du travail"),
        ("The European Union Agency for Fundamental Rights", "L'Agence des droits fondamentaux de l'Union européenne")],
       "a"),
    _q("hearing_abroad", "mla", ("judicial_cooperation", "victim_assistance"),
       "A victim has returned to their country of origin before the trial. How can the court still hear them?",
       "Une victime est rentrée dans son pays d'origine avant le procès. Comment le tribunal peut-il tout de "
       "même l'entendre ?",
       [("It cannot: the victim must appear in person", "C'est impossible : la victime doit comparaître en personne"),
        ("Only if the defence agrees in writing", "Seulement si la défense donne son accord écrit"),
        ("Only by reading out a statement taken by the police",
         "Seulement par la lecture d'une déclaration recueillie par la police"),
        ("By videoconference, requested through a European Investigation Order or mutual legal assistance, with "
         "protection measures",
         "Par visioconférence, demandée par une décision d'enquête européenne ou par l'entraide judiciaire, avec "
         "des mesures de protection")],
       "d"),
    _q("secondary_victimisation", "victim", ("victim_assistance", "legal_framework"),
       "Which measure protects a victim who testifies from secondary victimisation, as EU law requires?",
       "Quelle mesure protège une victime qui témoigne contre la victimisation secondaire, comme l'exige le "
       "droit de l'UE ?",
       [("Confronting the victim with the defendant to test their credibility",
         "Confronter la victime au prévenu pour éprouver sa crédibilité"),
        ("Avoiding visual contact with the defendant, for example by hearing the victim through communication "
         "technology",
         "Éviter tout contact visuel avec le prévenu, par exemple en entendant la victime au moyen de "
         "technologies de communication"),
        ("Repeating the interview at every stage of the proceedings",
         "Répéter l'audition à chaque étape de la procédure"),
        ("Questioning the victim about their private life", "Interroger la victime sur sa vie privée")],
       "b"),
    _q("siena", "police", POLICE,
       "What is SIENA?",
       "Qu'est-ce que SIENA ?",
       [("The Schengen Information System's alert for missing persons",
         "Le signalement de personnes disparues du système d'information Schengen"),
        ("A database of labour inspection reports", "Une base de données des rapports d'inspection du travail"),
        ("Europol's secure network for exchanging operational information between law enforcement authorities",
         "Le réseau sécurisé d'Europol pour l'échange d'informations opérationnelles entre services répressifs"),
        ("Interpol's notice for wanted persons", "La notice d'Interpol pour les personnes recherchées")],
       "c"),
    _q("liaison_officer", "police", POLICE,
       "What is the main role of a police liaison officer posted abroad?",
       "Quel est le rôle principal d'un officier de liaison de police détaché à l'étranger ?",
       [("To speed up the exchange of information and contacts between the police of the sending and the host "
         "country",
         "Accélérer l'échange d'informations et les contacts entre la police du pays d'envoi et celle du pays "
         "d'accueil"),
        ("To make arrests in the host country", "Procéder à des arrestations dans le pays d'accueil"),
        ("To represent victims in court", "Représenter les victimes en justice"),
        ("To inspect workplaces in the host country", "Inspecter des lieux de travail dans le pays d'accueil")],
       "a"),
    _q("financial_investigation", "financial", ("financial_investigation", "police_investigation"),
       "What is the main purpose of a parallel financial investigation in a labour exploitation case?",
       "Quel est l'objectif principal d'une enquête financière parallèle dans une affaire d'exploitation par le "
       "travail ?",
       [("To check the victims' tax declarations", "Vérifier les déclarations fiscales des victimes"),
        ("To trace the offenders' profits and assets for confiscation, corroborate the exploitation and identify "
         "accomplices",
         "Retracer les profits et les avoirs des auteurs en vue de leur confiscation, corroborer l'exploitation "
         "et identifier les complices"),
        ("To calculate the fines due under labour law only",
         "Calculer uniquement les amendes dues au titre du droit du travail"),
        ("To replace the criminal investigation when evidence is weak",
         "Remplacer l'enquête pénale quand les preuves sont faibles")],
       "b"),
    _q("joint_action_days", "police", POLICE,
       "Joint action days against labour exploitation across EU countries are coordinated…",
       "Les journées d'action communes contre l'exploitation par le travail dans les pays de l'UE sont "
       "coordonnées…",
       [("within EMPACT, with Europol's support", "dans le cadre d'EMPACT, avec le soutien d'Europol"),
        ("by the International Criminal Court", "par la Cour pénale internationale"),
        ("by each country's ministry of foreign affairs", "par le ministère des affaires étrangères de chaque pays"),
        ("by employers' associations", "par les organisations d'employeurs")],
       "a"),
    _q("organised_criminal_group", "orgcrime", ("police_investigation", "legal_framework"),
       "Under the UN Convention against Transnational Organized Crime, an “organised criminal group” is a "
       "structured group of…",
       "Selon la Convention des Nations unies contre la criminalité transnationale organisée, un « groupe "
       "criminel organisé » est un groupe structuré de…",
       [("two or more persons who commit an offence together once",
         "deux personnes ou plus qui commettent ensemble une infraction, une seule fois"),
        ("ten or more persons with a clear hierarchy", "dix personnes ou plus, avec une hiérarchie claire"),
        ("persons of at least two nationalities", "personnes d'au moins deux nationalités"),
        ("three or more persons, existing for a period of time and acting in concert to commit serious crimes "
         "for a financial or other material benefit",
         "trois personnes ou plus, existant depuis un certain temps et agissant de concert afin de commettre "
         "des infractions graves pour en tirer un avantage financier ou un autre avantage matériel")],
       "d"),
    _q("subcontracting_liability", "supply", ("supply_chains", "legal_framework"),
       "Under the EU Employer Sanctions Directive (2009/52/EC), when a subcontractor employs illegally staying "
       "third-country nationals, who besides the employer may be held liable?",
       "Selon la directive européenne « sanctions » (2009/52/CE), lorsqu'un sous-traitant emploie des "
       "ressortissants de pays tiers en séjour irrégulier, qui, outre l'employeur, peut être tenu responsable ?",
       [("Only the workers themselves", "Seulement les travailleurs eux-mêmes"),
        ("The contractor of which the employer is a direct subcontractor and, where they knew, the main and "
         "intermediate contractors",
         "L'entrepreneur dont l'employeur est le sous-traitant direct et, s'ils savaient, l'entrepreneur "
         "principal et les sous-traitants intermédiaires"),
        ("No one but the employer", "Personne d'autre que l'employeur"),
        ("The labour inspectorate that did not detect it", "L'inspection du travail qui ne l'a pas détecté")],
       "b"),
    _q("particularly_exploitative", "legal", ("supply_chains", "legal_framework"),
       "Under Directive 2009/52/EC, employing an illegally staying third-country national must be a criminal "
       "offence when it is intentional and…",
       "Selon la directive 2009/52/CE, l'emploi d'un ressortissant de pays tiers en séjour irrégulier doit "
       "constituer une infraction pénale lorsqu'il est intentionnel et…",
       [("goes with particularly exploitative working conditions",
         "s'accompagne de conditions de travail particulièrement abusives"),
        ("wages are paid a few days late", "entraîne un retard de quelques jours dans le paiement des salaires"),
        ("the working week once exceeds 40 hours", "comporte une fois une semaine de plus de 40 heures"),
        ("the employer is a foreign company", "est le fait d'une entreprise étrangère")],
       "a"),
]  # fmt: skip
