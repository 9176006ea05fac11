"""What the generated questionnaires ask and what participants write (step "evaluation")."""

from __future__ import annotations

OPTIONS = [{"value": v, "label": f"Answer {v.upper()}"} for v in "abcd"]
YES_NO = [{"value": "yes", "label": "Yes"}, {"value": "no", "label": "No"}]
SATISFACTION = [
    "The objectives of the session were clear", "The content met my professional needs",
    "The trainers knew the subject well", "The case studies were realistic", "The methods kept me involved",
    "I had enough time to discuss with colleagues", "The interpretation was good",
    "The materials will be useful in my work", "The organisation was good", "I learned from other professions",
    "I met colleagues from other countries I can work with", "I would recommend the session",
    "The venue suited the work", "The agenda was balanced", "The group size was right",
    "The exercises matched real cases", "I can apply what I learned", "The session was worth my time",
]  # fmt: skip
OPEN = ["What was most useful?", "What should change?"]
OPEN_ANSWERS = [
    "The joint case study with prosecutors.", "Meeting the labour inspectors of the other countries.",
    "More time for the simulation.", "The indicators checklist.", "Less lecturing on the first day.",
]  # fmt: skip
EXAMPLES = [
    "I used the indicators during a joint inspection of a construction site.",
    "We sent a request for information to the police of the destination country.",
    "I referred two workers to the NGO we met in the training.",
    "Our unit now involves the labour inspectorate from the start of an investigation.",
    "I trained my colleagues with the materials of the session.",
    "We set up a joint investigation team with the colleagues met in the session.",
    "I checked the recruitment agency's contracts as shown in the case study.",
    "We asked for the financial records of the employer before the interview.",
]
FOLLOW_UP_LIKERT = [
    "I still use the materials", "My organisation supports using what I learned",
    "I contacted colleagues from the session", "The session changed how I work on cases",
    "I shared what I learned with colleagues", "I feel more confident with cross-border cases",
    "I know whom to call in the other countries", "I use the referral procedure more often",
    "I apply the indicators in inspections", "I follow the money in investigations",
]  # fmt: skip
