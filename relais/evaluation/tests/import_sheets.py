"""The small world of the import tests, and real workbooks: the questionnaire's generated template
filled in with openpyxl, or sheets laid out by hand."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook, load_workbook

from relais.delivery.models import RegistrationStatus
from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.tests.factories import make_complete_design
from relais.evaluation.import_answers_template import template_xlsx
from relais.evaluation.models import ItemType, Questionnaire, QuestionnaireKind
from relais.evaluation.tests.factories import make_item, make_questionnaire

YES_NO = [{"value": "a", "label": "Yes"}, {"value": "b", "label": "No"}, {"value": "c", "label": "Don't know"}]
YES_NO_FR = {"a": "Oui", "b": "Non", "c": "Je ne sais pas"}
SIGNS = [
    {"value": "a", "label": "Passport withheld"},
    {"value": "b", "label": "Paid overtime"},
    {"value": "c", "label": "Debt bondage"},
]
SIGNS_FR = {"a": "Passeport confisqué", "b": "Heures supplémentaires payées", "c": "Servitude pour dettes"}
PEOPLE = ["ana", "besa", "drita", "edon", "fatos", "gjon", "hana", "ilir"]


def build_world(programme: Any, *, trainer: Any = None) -> dict[str, Any]:
    """A session in Albania with eight participants (and one who withdrew), and a questionnaire of
    five questions: Q1 single choice (2 points, "a"), Q2 multiple choice (1 point, "a" and "c"),
    Q3 agreement 1–5, Q4 number (optional), Q5 short text (optional); labels translated into French."""
    design = make_complete_design(programme=programme, title="Joint investigation training")
    session = make_session(design=design, country="AL", title="Joint investigation training — Tirana")
    if trainer is not None:
        session.trainers.add(trainer)
    regs = {}
    for name in PEOPLE:
        person = make_person(name.capitalize(), f"{name.capitalize()}son", email=f"{name}@example.org")
        regs[name] = register(session, person, RegistrationStatus.ATTENDED)
    regs["wendy"] = register(session, make_person("Wendy", "Gone"), RegistrationStatus.WITHDRAWN)
    other = make_session(design=design, country="AL", title="Another session")
    stranger = register(other, make_person("Xhen", "Elsewhere"))
    questionnaire = make_questionnaire(
        session, QuestionnaireKind.CUSTOM, title="Knowledge and satisfaction", languages=["en", "fr"]
    )
    items = {
        "q1": make_item(
            questionnaire,
            ItemType.SINGLE,
            text="Is forced labour a crime in your country?",
            options=YES_NO,
            correct=["a"],
            points=2,
            translations={"fr": {"text": "Le travail forcé est-il un crime ?", "options": YES_NO_FR}},
        ),
        "q2": make_item(
            questionnaire,
            ItemType.MULTIPLE,
            text="Which are indicators of labour exploitation?",
            options=SIGNS,
            correct=["a", "c"],
            points=1,
            translations={"fr": {"text": "Lesquels sont des indicateurs ?", "options": SIGNS_FR}},
        ),
        "q3": make_item(questionnaire, ItemType.LIKERT, text="The training was useful for my work"),
        "q4": make_item(questionnaire, ItemType.NUMBER, text="Cases handled last year", required=False),
        "q5": make_item(questionnaire, ItemType.SHORT_TEXT, text="What will you use first?", required=False),
    }
    return {
        "design": design,
        "session": session,
        "regs": regs,
        "other_session": other,
        "stranger": stranger,
        "questionnaire": questionnaire,
        "items": items,
    }


def key(registration: Any) -> str:
    return f"R{registration.pk}"


def fill_template(
    questionnaire: Questionnaire, answers: dict[str, dict[int, Any]], *, names: bool = True, extra: int = 0
) -> bytes:
    """The questionnaire's generated template with answers typed in: {"R12": {1: "a", 3: 4}} puts "a"
    under Q1 and 4 under Q3 in the row of R12. Anonymous questionnaires: keys "1", "2"… are the
    rows below the header."""
    book = load_workbook(io.BytesIO(template_xlsx(questionnaire, names=names)))
    sheet = book["Answers"]
    headers = {str(c.value).split(" ")[0]: c.column for c in sheet[1] if c.value}
    rows = {str(sheet.cell(row=r, column=1).value): r for r in range(2, sheet.max_row + 1)}
    for name, values in answers.items():
        row = int(name) + 1 if questionnaire.anonymous else rows[name]
        for number, value in values.items():
            sheet.cell(row=row, column=headers[f"Q{number}"], value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def sheet_xlsx(rows: Sequence[Sequence[Any]], *, title: str = "Answers") -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


HEADER = [
    "Participant",
    "Name (not imported)",
    "Q1 Is forced labour a crime in your country?",
    "Q2 Which are indicators of labour exploitation?",
    "Q3 The training was useful for my work",
    "Q4 Cases handled last year",
    "Q5 What will you use first?",
]
