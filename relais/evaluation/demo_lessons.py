"""Demo, step 53: the lessons learned of the demo programmes — what trainers, coordinators and the M&E
officer wrote down after sessions, and across the sessions of a design; the older ones validated or
already applied to the designs, the recent ones observed. All fictional.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from relais.core.demo import DemoContext
from relais.delivery.models import Session
from relais.design.demo import BILATERAL, FAILING, NATIONAL, REGIONAL
from relais.design.models import ActivityDesign
from relais.evaluation.demo import at, demo_sessions, demo_today
from relais.evaluation.models import LessonLearned, LessonStatus

SEED = 53
OBS, V, A = LessonStatus.OBSERVED, LessonStatus.VALIDATED, LessonStatus.APPLIED

# (source, title, what happened, why it matters, recommendation, tags, status, author)
# The source is a session — (city, year, ISO week it starts) — or a design — ("design", key).
LESSONS: list[tuple[tuple[Any, ...], str, str, str, str, list[str], str, str]] = [
    (("Tirana", 2025, 10), "Open with a case from the country, not with the legal framework",
     "The opening lecture on indicators and the law ran 40 minutes over and the labour inspectors disengaged. "
     "The afternoon case study brought the room back.",
     "The first hours set the tone for a group that has never worked together.",
     "Start the first morning with a short national case, then present the framework through it.",
     ["case studies", "agenda"], A, "trainer_al"),
    (("Belgrade", 2025, 12), "Inspectors and prosecutors read the same file differently",
     "In the case study the inspectors looked at wages and working hours, the prosecutors at the means of "
     "coercion. Comparing the two readings was the most praised moment of the training.",
     "It shows participants why each profession needs the others to build a case.",
     "Keep mixed tables of five with at least an inspector, a police officer and a prosecutor.",
     ["mixed professions", "case studies"], V, "trainer"),
    (("Chișinău", 2025, 15), "Teach the referral steps before the interview role play",
     "Social workers and NGO staff did not know what happens after a presumed victim is identified, so the "
     "role play stopped at the question \u201cwhat do I tell the worker now?\u201d.",
     "Participants cannot play an interview well if they cannot promise the next step.",
     "Move the referral module before the role play on the second day.",
     ["victim-centred", "agenda", "referral"], A, "trainer_ro"),
    (("Sarajevo", 2025, 17), "Materials in both scripts",
     "Participants worked in Bosnian, Croatian and Serbian without interpretation, but some asked for the "
     "handouts in Cyrillic as well as Latin script.",
     "Materials that some participants cannot use at work end up in a drawer.",
     "Provide national materials in the scripts the institutions of the country use.",
     ["materials", "language"], V, "trainer"),
    (("Cluj-Napoca", 2025, 27), "Whispered interpretation does not work in group work",
     "Two interpreters served 24 people. In the mixed Romanian–Italian groups the work stalled while one "
     "interpreter moved between tables.",
     "The bilateral design exists so that officers of both countries talk to each other directly.",
     "Budget one interpreter per working group, or form groups around a bilingual facilitator.",
     ["interpretation", "group work"], A, "trainer_ro"),
    (("Vienna", 2025, 28), "Give interpreters the legal glossary in advance",
     "The interpreters confused the European Investigation Order with letters rogatory and translated "
     "\u201cjoint investigation team\u201d three different ways.",
     "In judicial cooperation a wrong term changes the instrument a prosecutor thinks of.",
     "Send the interpreters a glossary of the key terms in all the session's languages a week before.",
     ["interpretation", "materials", "legal framework"], A, "trainer_it"),
    (("Varna", 2025, 29), "A day of lectures brings little learning",
     "The seminar's knowledge gain was far below that of the two-day trainings, and participants asked for "
     "cases in their comments.",
     "The design check flagged the lack of interactive methods; the test results confirm it.",
     "Redesign the seminar around at least one case study, or present it as awareness raising only.",
     ["methods", "tests", "evaluation"], V, "me_officer"),
    (("Pristina", 2025, 25), "Judges need to be invited through the judicial council",
     "Two judges were invited directly by the coordinator; neither could leave their hearings.",
     "Without judges, the chain from detection to conviction stops at the prosecutor.",
     "Invite judges through the judicial council two months ahead and offer them a half-day module.",
     ["judges", "mixed professions", "logistics"], V, "coordinator_al"),
    (("Zagreb", 2025, 37), "Use the pre-test the same morning",
     "The inspectors scored high on the indicators and low on the legal questions; the trainer shortened the "
     "indicators module and gave the time to the legal framework.",
     "The pre-test is there to steer the training, not only to measure it.",
     "Score the pre-test in the first break (ten minutes with the key) and adjust the day.",
     ["tests", "agenda"], A, "trainer"),
    (("Budapest", 2025, 39), "A foreign expert without interpretation",
     "An Austrian labour inspector presented in English and there was no interpretation budget. About half "
     "of the room could not follow; those who answered the interpretation question gave it 2 or 3.",
     "Foreign experts are invited for what they bring from the destination countries; it was lost.",
     "When a foreign expert speaks at a national session, budget consecutive interpretation or a translated "
     "summary.",
     ["interpretation", "trainers"], V, "trainer_bg"),
    (("Podgorica", 2025, 41), "A support person in the room for the victim interview role play",
     "The role play brought up personal experiences for two NGO participants. The psychologist who led the "
     "module took them aside and the session went on.",
     "Participants who work with victims carry their stories.",
     "Always have a psychologist or another support person present in the interview module.",
     ["victim-centred", "role play"], V, "trainer"),
    (("Prague", 2025, 43), "Share the contact list on the first day",
     "Participants asked for each other's contacts at the end. In the follow-ups, sessions that shared the "
     "list on the first day reported more contacts.",
     "Contacts are what participants use most after the training.",
     "Hand out the contact list (with consent) on day one and use it in the group work.",
     ["networking", "contact list", "follow-up"], A, "me_officer"),
    (("Foggia", 2025, 44), "The study visit is what participants remember",
     "The agricultural inspection with the Carabinieri labour unit was rated highest of all modules, and "
     "follow-up examples cite it more than anything else.",
     "Seeing an inspection in the destination country changes how origin-country officers brief workers.",
     "Agree the visit with the inspectorate three months ahead and keep it in every bilateral session.",
     ["study visit", "methods"], V, "trainer_it"),
    (("Novi Sad", 2025, 45), "Bring paper tests when there is no Wi-Fi",
     "The venue's network was down; the tests were answered on paper and typed in the next day.",
     "Without a fallback the pre-test is lost, and with it the learning figures of the session.",
     "Always bring printed tests; the satisfaction questionnaire worked by QR code over mobile data.",
     ["tests", "logistics"], A, "trainer"),
    (("Rome", 2025, 50), "Real rejected requests make the best drafting exercise",
     "Anonymised requests for mutual legal assistance that had come back unexecuted were the material "
     "participants found most useful.",
     "Prosecutors learn most from the mistakes that cost them months.",
     "Collect rejected requests from the prosecution services before each regional session.",
     ["case studies", "materials", "judicial cooperation"], A, "trainer_it"),
    (("Banja Luka", 2026, 7), "Follow-up answers come after the reminders",
     "Four in ten participants answered the follow-up before the first reminder, six in ten after two.",
     "Below half, the behaviour figures describe only the most engaged participants.",
     "Send two reminders in the participant's language and ask the coordinator to call the institutions.",
     ["follow-up", "evaluation"], V, "me_officer"),
    (("Bălți", 2026, 9), "A venue far from town",
     "The venue was an hour from the station; several participants missed the pre-test and the "
     "organisation got the lowest rating of the programme.",
     "Late arrivals lose the start of the training and the pair of tests.",
     "Choose venues reachable by public transport and check the route before booking.",
     ["logistics"], OBS, "coordinator_ro"),
    (("Chișinău", 2026, 10), "Prosecutors of origin and destination countries met for the first time",
     "Moldovan and Italian prosecutors who had exchanged requests for years met in person; the follow-up "
     "reports requests sent directly between them.",
     "Direct contacts shorten the execution of requests by months.",
     "Seat prosecutors of an origin and a destination country together in every group exercise.",
     ["networking", "judicial cooperation", "mixed professions"], V, "trainer_ro"),
    (("Bucharest", 2026, 12), "The joint action day needs decision-makers from both sides",
     "The simulation stalled when the Italian team needed an authorisation nobody in the room could give.",
     "The exercise is about coordination between chains of command, not only between officers.",
     "Invite a senior officer of each police service to the last day.",
     ["simulation", "police cooperation"], OBS, "trainer_ro"),
    (("Ohrid", 2026, 13), "Police delegations were almost all men",
     "Nineteen of the twenty police participants were men, while the presumed victims in the case studies "
     "were mostly women.",
     "Victims, especially women, often speak more easily to a female officer.",
     "Ask nominating institutions for mixed delegations.",
     ["gender", "mixed professions"], OBS, "coordinator_al"),
    (("Split", 2026, 20), "Trainers from an earlier session co-facilitated",
     "Two labour inspectors trained in Zagreb in 2025 led the case study; relevance was rated higher.",
     "Formateurs relais make the training national and sustainable.",
     "Invite one or two alumni of each country to co-facilitate the next national session.",
     ["trainers", "replication"], V, "trainer"),
    (("The Hague", 2026, 24), "Alumni of national sessions bring their network to the regional one",
     "Participants who had attended a national session named people they met there in their follow-ups.",
     "The network grows fastest when regional sessions build on national ones.",
     "Invite alumni of the national sessions of each country to the regional sessions.",
     ["networking", "follow-up"], OBS, "me_officer"),
    (("Latina", 2026, 26), "Keep the study visit group small",
     "Twenty-four visitors on one farm intimidated the workers the inspectors wanted to talk to.",
     "The visit must not harm the people it is meant to protect.",
     "Split the group in two visits of twelve.",
     ["study visit", "victim-centred"], OBS, "trainer_it"),
    (("Tirana", 2026, 43), "National trainers delivered the replicated course in Albanian",
     "Relevance was rated higher than in the original sessions, but translating the materials took six "
     "weeks.",
     "Replication depends on materials in the national language.",
     "Start the translation as soon as the replication is decided.",
     ["replication", "materials", "language"], OBS, "trainer_al"),
    (("design", "national"), "The referral module is too short",
     "Across the national sessions, the referral objective has the lowest post-test scores; the 60-minute "
     "panel leaves no time to practise.",
     "Referral is where presumed victims are lost between agencies.",
     "Replace the panel with a walk-through of a referral, agency by agency.",
     ["agenda", "tests", "referral"], V, "me_officer"),
    (("design", "regional"), "Interpretation into Russian for part of the Moldovan delegation",
     "Some Moldovan participants work in Russian and followed the Romanian interpretation with difficulty.",
     "Interpretation languages should follow the participants, not the country.",
     "Ask for the working language on the registration form and add Russian when needed.",
     ["interpretation", "language"], OBS, "coordinator_ro"),
    (("design", "replication"), "Adapt the legal module before replicating",
     "The replicated design kept the EU directives, which do not apply in the target country.",
     "Participants disengage when the law presented is not theirs.",
     "Make the national legal framework the first item of the adaptation checklist.",
     ["replication", "legal framework", "national context"], OBS, "manager"),
]  # fmt: skip
DESIGN_TITLES = {
    "national": NATIONAL["title"],
    "regional": REGIONAL["title"],
    "bilateral": BILATERAL["title"],
    "seminar": FAILING["title"],
}
DESIGN_DATES = {"national": dt.date(2026, 6, 18), "regional": dt.date(2026, 7, 2), "replication": dt.date(2026, 11, 4)}
UPDATED_AFTER: dict[str, int] = {OBS: 0, V: 30, A: 75}  # days between writing a lesson and its last change


def _designs(context: DemoContext) -> dict[str, ActivityDesign]:
    found = {
        key: ActivityDesign.objects.filter(title=title, replicated_from__isnull=True).first()
        for key, title in DESIGN_TITLES.items()
    }
    found["replication"] = context.objects.get("replicated_design") or (
        ActivityDesign.objects.filter(replicated_from__isnull=False).first()
    )
    return {key: design for key, design in found.items() if design is not None}


def build_lessons(context: DemoContext) -> None:
    sessions = demo_sessions(context)
    if not sessions:
        return
    rng = random.Random(SEED)  # noqa: S311 - fictional demo data
    by_start: dict[tuple[str, dt.date], Session] = {(s.city, s.start_date): s for s in sessions}
    designs = _designs(context)
    today = demo_today()
    rows: list[tuple[LessonLearned, dt.date]] = []
    for source, title, what, why, recommendation, tags, status, author in LESSONS:
        lesson = LessonLearned(
            title=title,
            what_happened=what,
            why_it_matters=why,
            recommendation=recommendation,
            tags=tags,
            status=status,
            author=context.objects.get(f"user:{author}"),
        )
        if source[0] == "design":
            design = designs.get(source[1])
            if design is None:
                continue
            lesson.design, lesson.programme_id = design, design.programme_id
            written = DESIGN_DATES.get(source[1], today - dt.timedelta(days=30))
        else:
            city, year, week = source
            session = by_start.get((city, dt.date.fromisocalendar(year, week, 2)))
            if session is None:
                continue
            lesson.session, lesson.programme_id = session, session.programme_id
            written = session.end_date + dt.timedelta(days=rng.randint(2, 12))
        rows.append((lesson, min(written, today)))
    LessonLearned.objects.bulk_create([lesson for lesson, _ in rows])
    for lesson, written in rows:
        changed = min(written + dt.timedelta(days=UPDATED_AFTER[lesson.status] + rng.randint(0, 20)), today)
        LessonLearned.objects.filter(pk=lesson.pk).update(
            created_at=at(written, rng.randint(9, 17), rng.randint(0, 59)),
            updated_at=at(changed, rng.randint(9, 17), rng.randint(0, 59)) if lesson.status != OBS else at(written, 18),
        )
