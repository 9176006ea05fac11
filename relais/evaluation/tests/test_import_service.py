"""Importing paper answers: the generated template filled in and imported back, every response or
none, the same file twice changing nothing, totals stored as for web answers, anonymous
questionnaires, contacts and cooperation questions, and the command."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from relais.core.models import AuditEvent
from relais.delivery.import_participants import Problem
from relais.evaluation import services_import
from relais.evaluation.models import (
    Answer,
    Contact,
    ItemType,
    LearningScore,
    QuestionnaireKind,
    Response,
    ResponseSource,
    ResponseStatus,
)
from relais.evaluation.services_import import AnswersRefused, answers_check, answers_import
from relais.evaluation.services_responses import response_save, response_start
from relais.evaluation.tests.factories import make_item, make_questionnaire, make_test_pair
from relais.evaluation.tests.import_sheets import HEADER, build_world, fill_template, key, sheet_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(programme: Any, personas: dict[str, Any]) -> dict[str, Any]:
    return {**build_world(programme, trainer=personas["trainer"]), **personas}


def _three(world: dict[str, Any]) -> bytes:
    regs = world["regs"]
    return fill_template(
        world["questionnaire"],
        {
            key(regs["ana"]): {1: "a", 2: "a;c", 3: 5, 4: 12, 5: "Joint investigation teams"},
            key(regs["besa"]): {1: "Non", 2: "Passeport confisqué; Servitude pour dettes", 3: 4},
            key(regs["drita"]): {1: "Je ne sais pas", 2: "b", 3: 2, 4: 3.5},
        },
    )


def test_the_template_filled_in_is_imported_with_its_totals(world: dict[str, Any]) -> None:
    questionnaire, regs, items = world["questionnaire"], world["regs"], world["items"]
    data = _three(world)
    outcome = answers_import(actor=world["trainer"], questionnaire=questionnaire, data=data, filename="tirana.xlsx")
    assert (outcome.created, outcome.unchanged, outcome.blank) == (3, 0, 5)
    responses = {r.registration_id: r for r in Response.objects.filter(questionnaire=questionnaire)}
    assert set(responses) == {regs["ana"].pk, regs["besa"].pk, regs["drita"].pk}
    ana, besa, drita = (responses[regs[n].pk] for n in ("ana", "besa", "drita"))
    for response in (ana, besa, drita):
        assert response.status == ResponseStatus.SUBMITTED and response.source == ResponseSource.IMPORT
        assert response.entered_by == world["trainer"] and response.submitted_at is not None
        assert response.max_score == Decimal("3.00") and response.likert_count == 1
    assert (ana.score, besa.score, drita.score) == (Decimal("3.00"), Decimal("1.00"), Decimal("0.00"))
    assert (ana.likert_sum, besa.likert_sum, drita.likert_sum) == (5, 4, 2)
    assert (ana.likert_high, besa.likert_high, drita.likert_high) == (1, 1, 0)
    stored = {(a.response_id, a.item_id): (a.value, a.number, a.points) for a in Answer.objects.all()}
    assert stored[(ana.pk, items["q1"].pk)] == ("a", None, Decimal("2.00"))
    assert stored[(besa.pk, items["q2"].pk)] == (["a", "c"], None, Decimal("1.00"))
    assert stored[(drita.pk, items["q4"].pk)] == (3.5, Decimal("3.50"), None)
    assert stored[(ana.pk, items["q5"].pk)] == ("Joint investigation teams", None, None)
    assert Answer.objects.count() == 5 + 3 + 4
    assert AuditEvent.objects.filter(action="response.import").count() == 3
    event = AuditEvent.objects.get(action="response.import_file")
    assert event.actor == world["trainer"] and event.object_id == str(questionnaire.pk)
    assert event.details == {
        "filename": "tirana.xlsx",
        "sha256": services_import.file_sha256(data),
        "rows": 3,
        "created": 3,
        "unchanged": 0,
    }


def test_the_same_file_again_changes_nothing(world: dict[str, Any]) -> None:
    questionnaire = world["questionnaire"]
    data = _three(world)
    answers_import(actor=world["manager"], questionnaire=questionnaire, data=data, filename="a.xlsx")
    before = list(Response.objects.values_list("pk", "submitted_at", "score").order_by("pk"))
    events = AuditEvent.objects.count()

    checked, previous = answers_check(questionnaire=questionnaire, data=data)
    assert previous is not None and previous.details["filename"] == "a.xlsx"
    assert checked.problems == [] and len(checked.to_create) == 0 and len(checked.unchanged) == 3
    outcome = answers_import(actor=world["manager"], questionnaire=questionnaire, data=data, filename="a.xlsx")
    assert (outcome.created, outcome.unchanged) == (0, 3)
    assert list(Response.objects.values_list("pk", "submitted_at", "score").order_by("pk")) == before
    assert AuditEvent.objects.count() == events

    # The same answers in another file (saved again, rows in another order): unchanged as well.
    regs = world["regs"]
    rows: list[list[Any]] = [
        HEADER,
        [key(regs["drita"]), "", "c", "b", 2, "3,5"],
        [key(regs["ana"]), "", "Yes", "c;a", "5", 12, "Joint investigation teams"],
        [key(regs["besa"]), "", "b", "a;c", 4],
    ]
    checked, previous = answers_check(questionnaire=questionnaire, data=sheet_xlsx(rows))
    assert previous is None and checked.problems == [] and len(checked.unchanged) == 3


def test_answers_recorded_are_never_overwritten(world: dict[str, Any]) -> None:
    questionnaire, regs = world["questionnaire"], world["regs"]
    answers_import(actor=world["manager"], questionnaire=questionnaire, data=_three(world), filename="a.xlsx")
    changed = fill_template(questionnaire, {key(regs["drita"]): {1: "c", 2: "b", 3: 3, 4: 3.5}})
    with pytest.raises(AnswersRefused) as refused:
        answers_import(actor=world["manager"], questionnaire=questionnaire, data=changed, filename="b.xlsx")
    row = 2 + sorted(["ana", "besa", "drita", "edon", "fatos", "gjon", "hana", "ilir"]).index("drita")
    assert refused.value.problems == [
        Problem(
            row,
            "A (Participant)",
            "this participant's answers were already recorded and differ from this row (Q3): change them in Relais, "
            "or delete the row.",
        )
    ]
    assert Response.objects.get(registration=regs["drita"]).likert_sum == 2


def test_one_bad_row_and_nothing_is_written(world: dict[str, Any]) -> None:
    regs = world["regs"]
    data = fill_template(
        world["questionnaire"],
        {
            key(regs["ana"]): {1: "a", 2: "a", 3: 5},
            key(regs["besa"]): {1: "b", 2: "b", 3: 6},
            key(regs["drita"]): {1: "c", 2: "c", 3: 1},
        },
    )
    with pytest.raises(AnswersRefused) as refused:
        answers_import(actor=world["manager"], questionnaire=world["questionnaire"], data=data, filename="x.xlsx")
    assert [str(p) for p in refused.value.problems] == [
        "row 3, column F (Q3 The training was useful for my work): “6”: Choose a value from 1 to 5."
    ]
    assert not Response.objects.exists() and not Answer.objects.exists() and not AuditEvent.objects.exists()


def test_a_failure_while_writing_rolls_back_every_row(world: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def failing_save(**kwargs: Any) -> Any:
        calls.append(kwargs["response"])
        if len(calls) == 2:
            raise ValidationError({str(world["items"]["q3"].pk): "Please answer this question."})
        return response_save(**kwargs)

    monkeypatch.setattr(services_import, "response_save", failing_save)
    with pytest.raises(AnswersRefused) as refused:
        answers_import(actor=world["manager"], questionnaire=world["questionnaire"], data=_three(world), filename="x")
    assert refused.value.problems == [
        Problem(3, "F (Q3 The training was useful for my work)", "Please answer this question.")
    ]
    assert len(calls) == 3  # every row is tried, so that every problem is reported
    assert not Response.objects.exists() and not Answer.objects.exists() and not AuditEvent.objects.exists()


def test_a_response_started_on_the_web_is_completed_by_the_import(world: dict[str, Any]) -> None:
    questionnaire, regs, items = world["questionnaire"], world["regs"], world["items"]
    started = response_start(questionnaire=questionnaire, registration=regs["ana"])
    response_save(response=started, values={items["q1"].pk: "b"}, submit=False)
    data = fill_template(questionnaire, {key(regs["ana"]): {1: "a", 2: "a;c", 3: 4}})
    checked, _previous = answers_check(questionnaire=questionnaire, data=data)
    assert [r.status for r in checked.rows] == ["create"]
    answers_import(actor=world["manager"], questionnaire=questionnaire, data=data, filename="x.xlsx")
    response = Response.objects.get()
    assert response.pk == started.pk and response.status == ResponseStatus.SUBMITTED
    assert response.source == ResponseSource.IMPORT and response.score == Decimal("3.00")


def test_pre_and_post_tests_imported_give_the_learning_score(world: dict[str, Any]) -> None:
    pre, post = make_test_pair(world["session"], questions=4)
    regs = world["regs"]
    answers_import(
        actor=world["manager"],
        questionnaire=pre,
        data=fill_template(pre, {key(regs["ana"]): {1: "a", 2: "b", 3: "b", 4: "b"}}),
        filename="pre.xlsx",
    )
    answers_import(
        actor=world["manager"],
        questionnaire=post,
        data=fill_template(post, {key(regs["ana"]): {1: "a", 2: "a", 3: "A", 4: "b"}}),
        filename="post.xlsx",
    )
    score = LearningScore.objects.get()
    assert (score.pre, score.post, score.gain, score.improved) == (0.25, 0.75, pytest.approx(2 / 3), True)


def test_anonymous_questionnaire(world: dict[str, Any]) -> None:
    anonymous = make_questionnaire(world["session"], QuestionnaireKind.SATISFACTION, anonymous=True)
    make_item(anonymous, ItemType.LIKERT, text="Useful")
    make_item(anonymous, ItemType.LONG_TEXT, text="Comments", required=False)
    data = fill_template(anonymous, {"1": {1: 5, 2: "Very good"}, "2": {1: 3}, "3": {1: 4}})
    outcome = answers_import(actor=world["manager"], questionnaire=anonymous, data=data, filename="sat.xlsx")
    assert outcome.created == 3
    responses = Response.objects.filter(questionnaire=anonymous)
    assert sorted(r.likert_sum for r in responses) == [3, 4, 5]
    assert all(r.registration_id is None for r in responses)
    # The same file again: recognised by its SHA-256, nothing recorded twice.
    checked, previous = answers_check(questionnaire=anonymous, data=data)
    assert previous is not None and len(checked.unchanged) == 3 and checked.to_create == []
    assert answers_import(actor=world["manager"], questionnaire=anonymous, data=data, filename="sat.xlsx").created == 0
    assert responses.count() == 3
    # Names have no place in it.
    linked = sheet_xlsx([["Participant", "Q1 Useful"], [key(world["regs"]["ana"]), 4]])
    checked, _previous = answers_check(questionnaire=anonymous, data=linked)
    assert checked.problems == [
        Problem(
            1,
            "A (Participant)",
            "this questionnaire is anonymous: answers are not linked to participants. Delete this column.",
        )
    ]


def test_contacts_and_cooperation(world: dict[str, Any]) -> None:
    regs = world["regs"]
    follow_up = make_questionnaire(world["session"], QuestionnaireKind.FOLLOW_UP, title="Six months later")
    make_item(follow_up, ItemType.LIKERT, text="I use what I learned")
    make_item(follow_up, ItemType.CONTACTS, text="Whom are you in touch with?", required=False)
    make_item(follow_up, ItemType.COOPERATION, text="Cooperation undertaken", required=False)
    besa, drita, ana = (regs[n].person for n in ("besa", "drita", "ana"))
    header = ["Participant", "Q1 Use", "Q2 Contacts"]
    rows: list[list[Any]] = [
        header,
        [key(regs["ana"]), 4, f"P{besa.pk}; p{drita.pk}"],
        [key(regs["besa"]), 4, f"P{besa.pk}"],
        [key(regs["drita"]), 4, "Ana Anason"],
        [key(regs["edon"]), 4, f"P{ana.pk},P{world['stranger'].person_id}"],
    ]
    checked, _previous = answers_check(questionnaire=follow_up, data=sheet_xlsx(rows))
    assert [str(p) for p in checked.problems] == [
        f"row 3, column C (Q2 Contacts): “P{besa.pk}”: This choice is not on the list.",
        "row 4, column C (Q2 Contacts): “Ana Anason”: Write each person as P and their number (P12), separated by “;”.",
        # Registered in another session of the programme: not someone this participant met here, and
        # not someone the staff of this session may see.
        f"row 5, column C (Q2 Contacts): “P{ana.pk},P{world['stranger'].person_id}”: This choice is not on the list.",
    ]
    rows[4] = [key(regs["edon"]), 4, f"P{ana.pk}"]
    answers_import(
        actor=world["manager"], questionnaire=follow_up, data=sheet_xlsx([rows[0], rows[1], rows[4]]), filename="f"
    )
    ties = sorted((c.person_id, c.contact_id) for c in Contact.objects.all())
    assert ties == sorted([(ana.pk, besa.pk), (ana.pk, drita.pk), (regs["edon"].person_id, ana.pk)])

    # Cooperation is typed in from the paper form: a column of them in the sheet is refused.
    with_cooperation = sheet_xlsx([[*header, "Q3 Cooperation"], [key(regs["gjon"]), 4, "", "joint investigation"]])
    checked, _previous = answers_check(questionnaire=follow_up, data=with_cooperation)
    assert [str(p) for p in checked.problems] == [
        "row 1, column D (Q3 Cooperation): answers to cooperation questions cannot be imported from a spreadsheet: "
        "type them in from the paper form."
    ]
    follow_up.items.filter(type=ItemType.COOPERATION).update(required=True)
    checked, _previous = answers_check(questionnaire=follow_up, data=sheet_xlsx([header, [key(regs["gjon"]), 4]]))
    assert [str(p) for p in checked.problems] == [
        "question Q3 (“Cooperation undertaken”) is a required cooperation question: it cannot be imported from a "
        "spreadsheet. Type these answers in from the paper form."
    ]


def _problems_file(world: dict[str, Any], tmp_path: Path) -> Path:
    regs = world["regs"]
    path = tmp_path / "answers.xlsx"
    path.write_bytes(sheet_xlsx([HEADER, [key(regs["ana"]), "", "a", "a", 4], [key(regs["besa"]), "", "z", "a", 9]]))
    return path


def test_command_prints_the_same_problems_and_imports_with_commit(world: dict[str, Any], tmp_path: Path) -> None:
    questionnaire = world["questionnaire"]
    out = StringIO()
    with pytest.raises(CommandError, match=r"2 problem\(s\): nothing imported."):
        call_command("import_answers", str(_problems_file(world, tmp_path)), questionnaire=questionnaire.pk, stdout=out)
    assert out.getvalue().splitlines() == [
        "row 3, column C (Q1 Is forced labour a crime in your country?): “z”: This choice is not on the list.",
        "row 3, column E (Q3 The training was useful for my work): “9”: Choose a value from 1 to 5.",
    ]
    path = tmp_path / "good.xlsx"
    path.write_bytes(_three(world))
    out = StringIO()
    call_command("import_answers", str(path), questionnaire=questionnaire.pk, stdout=out)
    assert "3 rows with answers: 3 responses to record, 0 already recorded." in out.getvalue()
    assert "Dry run: nothing written." in out.getvalue() and not Response.objects.exists()
    out = StringIO()
    call_command(
        "import_answers", str(path), questionnaire=questionnaire.pk, commit=True, user="manager@example.org", stdout=out
    )
    assert "3 responses imported, 0 already there." in out.getvalue()
    assert Response.objects.filter(entered_by=world["manager"]).count() == 3
    out = StringIO()
    call_command("import_answers", str(path), questionnaire=questionnaire.pk, commit=True, stdout=out)
    assert (
        "This file was imported before" in out.getvalue() and "0 responses imported, 3 already there." in out.getvalue()
    )
    with pytest.raises(CommandError, match="No questionnaire with the id 999999"):
        call_command("import_answers", str(path), questionnaire=999999)
