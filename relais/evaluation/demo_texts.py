"""What the demo participants write in the free-text answers (fictional, in English, no names)."""

from __future__ import annotations

MOST_USEFUL: dict[str, list[str]] = {
    "national": [
        "The case study on seasonal workers: for the first time I saw how an inspector, a police officer and a "
        "prosecutor each read the same file.",
        "The simulation of a joint inspection. We made mistakes we would have made in real life, and the "
        "debriefing showed which evidence the prosecutor could not use.",
        "Learning who does what in the referral mechanism, and getting the phone numbers of the people who "
        "actually answer.",
        "The list of ILO indicators with real examples from our own country.",
        "Role play on interviewing a worker: I now understand why the first contact matters so much.",
        "Meeting the labour inspectors of my region. We had never been in the same room before.",
        "The prosecutor's explanation of what makes a file usable in court.",
    ],
    "regional": [
        "The drafting exercise: our request for mutual legal assistance was reviewed by a prosecutor of the "
        "receiving country, who told us exactly why such requests come back.",
        "Understanding how a joint investigation team is set up and that Eurojust can fund it.",
        "The mock trial with evidence gathered abroad. Very realistic.",
        "Direct contacts with prosecutors of the destination countries. I have already called two of them.",
        "The session on hearing victims who have returned home by videoconference.",
        "Comparing how our countries qualify the same facts.",
    ],
    "bilateral": [
        "The study visit with the Carabinieri labour unit: seeing an agricultural inspection from the inside.",
        "Following the money: the financial investigation case study changed how I plan an investigation.",
        "The joint action day simulation with colleagues from the other country.",
        "Learning how to use the liaison officers and SIENA instead of waiting for formal requests.",
        "Working on one case from both sides of the border for three days.",
    ],
    "seminar": [
        "The presentation on subcontracting chains in construction.",
        "The panel: hearing inspectors and NGOs describe the same sites.",
        "The overview of the offences that apply to employers.",
    ],
}
TO_IMPROVE: dict[str, list[str]] = {
    "common": [
        "More time for the case studies and less for presentations.",
        "Send the materials before the training so that we can prepare.",
        "Two days is too short for so much content.",
        "More cases from our own country, fewer from abroad.",
        "Give the contact list on the first day, not at the end.",
        "The rooms were too warm and the breaks too short.",
        "Invite judges too: they decide in the end.",
        "A follow-up meeting after a few months would help to keep the contacts alive.",
    ],
    "no_interpretation": [
        "The foreign expert spoke English without interpretation; several colleagues could not follow.",
        "Interpretation is needed when experts from abroad present, or the slides should be translated.",
    ],
    "interpretation": [
        "The interpreters did not always know the legal terms; give them the glossary in advance.",
        "Whispered interpretation in the group work was hard to follow.",
    ],
    "seminar": [
        "Too many presentations in a row: we need exercises and cases.",
        "One day is not enough to discuss real cases.",
        "The seminar should be followed by practical training.",
    ],
}
EXAMPLES: dict[str, list[str]] = {
    "labour_inspection": [
        "During an inspection on a farm I found passports kept by the employer. I called the police contact I met "
        "at the training and we returned the next day together.",
        "I used the indicator checklist in three inspections of construction sites and reported one case to the "
        "prosecutor with photographs and statements recorded on the spot.",
        "I now interview workers separately and without the employer present, with our own interpreter.",
    ],
    "police": [
        "We opened an investigation after a report from the labour inspectorate and used SIENA to check the "
        "recruiter with the destination country.",
        "I contacted the liaison officer to identify the company that housed the workers abroad.",
        "We planned a joint inspection with the labour inspectors for the first time.",
    ],
    "specialised_investigation": [
        "We ran a parallel financial investigation on a recruitment agency and froze two accounts.",
        "I traced the wages paid through an intermediary company, which showed the deductions for 'debts'.",
    ],
    "prosecution": [
        "I sent a request for mutual legal assistance following the structure we practised; it was executed in "
        "six weeks instead of the usual six months.",
        "I qualified a case as trafficking for labour exploitation instead of a labour law violation, using the "
        "means of abuse of a position of vulnerability.",
        "We discussed a joint investigation team with the prosecutor of the destination country.",
    ],
    "judiciary": [
        "I allowed the hearing of a victim by videoconference from her country of origin.",
        "The training helped me assess the consent of the victims in a case before my court.",
    ],
    "civil_society": [
        "We referred two workers to the shelter through the national referral mechanism, with the police "
        "present at the first interview.",
        "We trained our outreach team on the forced labour indicators.",
        "I called the labour inspector I met at the training about a group of workers at a car wash.",
    ],
    "social_services": [
        "I used the referral steps to organise accommodation for a presumed victim within a day.",
        "We agreed with the police on who calls whom when a case is found at night.",
    ],
}
ORGANISATION_CHANGES = [
    "Our unit appointed a contact point for labour exploitation cases.",
    "The inspectorate added the forced labour indicators to its inspection form.",
    "The prosecution service issued an instruction on using the European Investigation Order in these cases.",
    "We now hold a monthly meeting with the police and the labour inspectorate.",
    "Two colleagues and I gave a half-day training to our regional offices.",
    "Nothing yet: a new procedure is being drafted.",
    "Our NGO signed a cooperation agreement with the police on referrals.",
]
COOPERATION: dict[str, list[str]] = {
    "information_exchange": [
        "Checked a recruitment agency with the counterpart met at the training",
        "Exchanged information on a company that posts workers",
        "Asked about the registration of a vehicle used to transport workers",
    ],
    "victim_referral": [
        "Referred a presumed victim to assistance",
        "Organised the safe return of a worker with the NGO of the origin country",
    ],
    "joint_inspection": [
        "Joint inspection of a farm with the police",
        "Joint inspection of a construction site",
    ],
    "mla_request": [
        "Request for the hearing of witnesses abroad",
        "Request for bank records of the recruiter",
    ],
    "joint_investigation": ["Joint investigation team set up with the destination country"],
    "other": ["Joint meeting of the agencies on a case"],
}
