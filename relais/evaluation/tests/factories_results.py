"""A small hand-made evaluation of two sessions, whose figures are worked out by hand in
test_results.py: written through the services (factories.submit / answer_test), so the stored totals
and learning scores are those real answers give.

Session "al" (Albania, ended 3 March 2026), tests of 4 one-point items:

| who  | country | profession        | pre | post | satisfaction | follow-up                                     |
|------|---------|-------------------|-----|------|--------------|-----------------------------------------------|
| Ana  | AL      | police            | 1   | 3    | 5, 4         | applies, example, names Ben, joint investigation |
| Ben  | IT      | police            | 2   | 4    | 3, 4         | does not apply                                |
| Cora | AL      | prosecution       | 4   | 3    | 2, 1         | —                                             |
| Dan  | AL      | prosecution       | 0   | 2    | 4, 5         | applies, example, names Eva                   |
| Eva  | AL      | labour_inspection | 2   | 2    | —            | an example, but not the question              |
| Fan  | AL      | labour_inspection | 2   | —    | —            | —                                             |

Session "it" (Italy, ended 20 May 2026): Gil (IT, police) pre 1, post 4; satisfaction 5, 5.
Everyone attended.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from relais.delivery.models import RegistrationStatus
from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.tests.factories import make_complete_design
from relais.evaluation.models import ItemRole, ItemType, QuestionnaireKind, Response
from relais.evaluation.tests.factories import answer_test, make_item, make_questionnaire, make_test_pair, submit

YES_NO = [{"value": "yes", "label": "Yes"}, {"value": "no", "label": "No"}]
PEOPLE = [
    # key, country, profession, pre, post, satisfaction answers
    ("ana", "AL", "police", 1, 3, (5, 4)),
    ("ben", "IT", "police", 2, 4, (3, 4)),
    ("cora", "AL", "prosecution", 4, 3, (2, 1)),
    ("dan", "AL", "prosecution", 0, 2, (4, 5)),
    ("eva", "AL", "labour_inspection", 2, 2, None),
    ("fan", "AL", "labour_inspection", 2, None, None),
]


def _session_questionnaires(session: Any) -> dict[str, Any]:
    pre, post = make_test_pair(session, questions=4)
    satisfaction = make_questionnaire(session, QuestionnaireKind.SATISFACTION)
    q1 = make_item(satisfaction, ItemType.LIKERT, text="The session met my needs")
    q2 = make_item(satisfaction, ItemType.LIKERT, text="I would recommend it to colleagues")
    follow_up = make_questionnaire(session, QuestionnaireKind.FOLLOW_UP)
    applies = make_item(
        follow_up, ItemType.SINGLE, text="Do you apply what you learned?", options=YES_NO, correct=["yes"],
        role=ItemRole.APPLICATION, required=False,
    )  # fmt: skip
    example = make_item(
        follow_up, ItemType.LONG_TEXT, text="Give an example", role=ItemRole.APPLICATION_EXAMPLE, required=False
    )
    contacts = make_item(follow_up, ItemType.CONTACTS, text="Whom are you in touch with?", required=False)
    cooperation = make_item(follow_up, ItemType.COOPERATION, text="What cooperation?", required=False)
    return {
        "pre": pre,
        "post": post,
        "satisfaction": satisfaction,
        "q1": q1,
        "q2": q2,
        "follow_up": follow_up,
        "applies": applies,
        "example": example,
        "contacts": contacts,
        "cooperation": cooperation,
    }


def build_results_world(programme: Any, *, trainer: Any = None) -> dict[str, Any]:
    design = make_complete_design(programme=programme, title="Joint investigation training")
    al = make_session(
        design=design,
        country="AL",
        title="Tirana training",
        start_date=dt.date(2026, 3, 2),
        end_date=dt.date(2026, 3, 3),
    )
    it = make_session(
        design=design,
        country="IT",
        title="Rome training",
        start_date=dt.date(2026, 5, 19),
        end_date=dt.date(2026, 5, 20),
    )
    if trainer is not None:
        al.trainers.add(trainer)
    world: dict[str, Any] = {"design": design, "al": al, "it": it, "q": _session_questionnaires(al)}
    q = world["q"]
    regs = {}
    for key, country, profession, pre, post, likert in PEOPLE:
        person = make_person(key.capitalize(), "Tester", country=country, profession=profession)
        regs[key] = register(al, person, RegistrationStatus.ATTENDED)
        answer_test(q["pre"], regs[key], pre)
        if post is not None:
            answer_test(q["post"], regs[key], post)
        if likert is not None:
            submit(q["satisfaction"], regs[key], {q["q1"].pk: likert[0], q["q2"].pk: likert[1]})
    submit(
        q["follow_up"],
        regs["ana"],
        {
            q["applies"].pk: "yes",
            q["example"].pk: "We opened a joint case with the Italian police.",
            q["contacts"].pk: {"people": [regs["ben"].person_id]},
            q["cooperation"].pk: [{"type": "joint_investigation", "countries": ["IT"], "date": "2026-05-04"}],
        },
    )
    submit(q["follow_up"], regs["ben"], {q["applies"].pk: "no"})
    submit(
        q["follow_up"],
        regs["dan"],
        {
            q["applies"].pk: "yes",
            q["example"].pk: "I now check the contracts of seasonal workers.",
            q["contacts"].pk: {"people": [regs["eva"].person_id]},
        },
    )
    submit(q["follow_up"], regs["eva"], {q["example"].pk: "Nothing yet."})
    # The follow-up was answered in June 2026, three months after the session.
    Response.objects.filter(questionnaire=q["follow_up"]).update(
        submitted_at=timezone.make_aware(dt.datetime(2026, 6, 15, 10, 0))
    )
    # Italy: one participant.
    world["q_it"] = qi = _session_questionnaires(it)
    gil = register(it, make_person("Gil", "Tester", country="IT", profession="police"), RegistrationStatus.ATTENDED)
    answer_test(qi["pre"], gil, 1)
    answer_test(qi["post"], gil, 4)
    submit(qi["satisfaction"], gil, {qi["q1"].pk: 5, qi["q2"].pk: 5})
    regs["gil"] = gil
    world["regs"] = regs
    return world
