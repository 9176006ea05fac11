"""Questionnaires as wholes: created from the design's evaluation plan (idempotent, paired, with the
standard library items, follow-up dates), by hand, reused from another session; settings with their
rules and optimistic concurrency; status changes with their checks; deletion."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Q

from relais.core.models import AuditEvent, Language
from relais.delivery.tests.factories import make_person, make_session, register
from relais.evaluation.models import (
    Item,
    ItemType,
    LearningScore,
    LibraryItem,
    Questionnaire,
    QuestionnaireKind,
    QuestionnaireStatus,
    Section,
)
from relais.evaluation.services_builder import (
    add_months,
    questionnaire_create,
    questionnaire_delete,
    questionnaires_create_from_plan,
)
from relais.evaluation.services_builder_copy import questionnaire_copy, questionnaire_copy_pre_test_items
from relais.evaluation.services_builder_settings import StaleVersion, questionnaire_status_set, questionnaire_update
from relais.evaluation.tests.factories import answer_test, make_item, make_questionnaire, make_test
from relais.evaluation.tests.permissions_builder import build_world


@pytest.fixture
def world(personas: dict[str, Any], programme: Any, other_programme: Any) -> dict[str, Any]:
    return {**personas, **build_world(programme, personas["trainer"], other_programme=other_programme)}


def _settings(q: Questionnaire, **changes: Any) -> dict[str, Any]:
    data = {
        "title": q.title,
        "introduction": q.introduction,
        "kind": q.kind,
        "language": q.language,
        "languages": list(q.languages),
        "anonymous": q.anonymous,
        "opens_on": q.opens_on,
        "closes_on": q.closes_on,
        "paired_with": q.paired_with,
    }
    data.update(changes)
    return data


def _update(actor: Any, q: Questionnaire, **changes: Any) -> Any:
    return questionnaire_update(actor=actor, questionnaire=q, version=q.version, data=_settings(q, **changes))


# --- From the evaluation plan -------------------------------------------------------------------


def test_plan_creates_the_planned_questionnaires(world: dict[str, Any]) -> None:
    session = world["session"]
    result = questionnaires_create_from_plan(actor=world["trainer"], session=session)
    kinds = [q.kind for q in result.created]
    assert kinds == ["pre", "post", "satisfaction", "follow_up"]
    by_kind = {q.kind: q for q in Questionnaire.objects.filter(session=session)}
    pre, post = by_kind["pre"], by_kind["post"]
    assert post.paired_with == pre
    assert pre.items.count() == 0 and post.items.count() == 0  # tests start empty
    for q in by_kind.values():
        assert (q.language, q.languages, q.status) == ("en", ["en", "fr"], "draft")
        assert q.programme_id == session.programme_id and q.created_by == world["trainer"]
    assert pre.title == "Knowledge test before the training"
    # Satisfaction and follow-up: the standard library items of their kind (shared with all programmes,
    # or of this programme), with their translations; not the other programme's.
    for kind in ("satisfaction", "follow_up"):
        standard = LibraryItem.objects.filter(standard=True, kind=kind).filter(
            Q(programme__isnull=True) | Q(programme=session.programme)
        )
        items = list(by_kind[kind].items.order_by("position"))
        assert {i.library_item for i in items} == set(standard)
        for i in items:
            assert i.library_item is not None
            assert (i.text, i.translations) == (i.library_item.text, i.library_item.translations)
    met = by_kind["satisfaction"].items.get(library_item=world["library"]["satisfaction"])
    assert (met.type, met.translations) == ("likert", {"fr": {"text": "La formation a répondu à mes besoins."}})
    assert by_kind["follow_up"].items.filter(library_item=world["library"]["follow_up"]).exists()
    assert not Item.objects.filter(library_item=world["library"]["other"]).exists()
    follow_up = by_kind["follow_up"]
    assert follow_up.opens_on == dt.date(2026, 7, 3)  # last day 3 March + 4 months
    assert follow_up.closes_on == dt.date(2026, 8, 3)
    assert AuditEvent.objects.filter(action="questionnaire.create").count() == 4


def test_plan_is_idempotent(world: dict[str, Any]) -> None:
    session = world["session"]
    questionnaires_create_from_plan(actor=world["manager"], session=session)
    again = questionnaires_create_from_plan(actor=world["manager"], session=session)
    assert again.created == []
    assert again.existing == ["pre", "post", "satisfaction", "follow_up"]
    assert Questionnaire.objects.filter(session=session).count() == 4


def test_plan_pairs_the_new_post_test_with_an_existing_pre_test_and_copies_its_items(world: dict[str, Any]) -> None:
    session = world["session"]
    pre = make_questionnaire(session, QuestionnaireKind.PRE_TEST)
    section = Section.objects.create(questionnaire=pre, title="Indicators", translations={"fr": {"title": "Indices"}})
    make_item(pre, ItemType.SINGLE, correct=["a"], points=2, section=section, translations={"fr": {"text": "Q?"}})
    make_item(pre, ItemType.NUMBER, correct=["3"], points=1)
    result = questionnaires_create_from_plan(actor=world["manager"], session=session)
    assert [q.kind for q in result.created] == ["post", "satisfaction", "follow_up"]
    post = result.created[0]
    assert post.paired_with == pre
    copied = list(post.items.order_by("position"))
    assert [(i.type, i.correct, i.points) for i in copied] == [
        ("number", ["3"], Decimal("1.00")),
        ("single", ["a"], Decimal("2.00")),
    ]
    assert copied[1].section is not None and copied[1].section.title == "Indicators"
    assert copied[1].section.translations == {"fr": {"title": "Indices"}}
    assert copied[1].translations == {"fr": {"text": "Q?"}}


def test_plan_only_what_the_design_plans(world: dict[str, Any]) -> None:
    design = world["design"]
    design.plans_pre_test = design.plans_post_test = design.plans_follow_up = False
    design.save()
    result = questionnaires_create_from_plan(actor=world["manager"], session=world["session"])
    assert [q.kind for q in result.created] == ["satisfaction"]


def test_language_is_the_sessions_first_or_english(world: dict[str, Any]) -> None:
    session = make_session(design=world["design"], country="AL")
    q = questionnaire_create(actor=world["manager"], session=session, kind=QuestionnaireKind.CUSTOM)
    assert (q.language, q.languages) == ("en", ["en"])
    session.languages.set(Language.objects.filter(code__in=["fr", "sq"]))
    q2 = questionnaire_create(actor=world["manager"], session=session, kind=QuestionnaireKind.CUSTOM, title="Mine")
    first = session.languages.all()[0].code
    assert q2.language == first and sorted(q2.languages) == ["fr", "sq"]
    assert q2.title == "Mine"


def test_a_pre_test_created_after_its_post_test_is_paired_with_it(world: dict[str, Any]) -> None:
    session = world["session"]
    post = questionnaire_create(actor=world["manager"], session=session, kind=QuestionnaireKind.POST_TEST)
    assert post.paired_with is None
    pre = questionnaire_create(actor=world["manager"], session=session, kind=QuestionnaireKind.PRE_TEST)
    post.refresh_from_db()
    assert post.paired_with == pre


def test_add_months_keeps_the_end_of_month() -> None:
    assert add_months(dt.date(2026, 10, 31), 4) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2026, 3, 3), 12) == dt.date(2027, 3, 3)


# --- Settings -----------------------------------------------------------------------------------


def test_settings_are_saved_and_the_version_counts(world: dict[str, Any]) -> None:
    q = make_questionnaire(world["session"], QuestionnaireKind.SATISFACTION, languages=["en"])
    result = _update(world["trainer"], q, title="How was it?", anonymous=True, languages=["en", "fr"])
    q.refresh_from_db()
    assert (q.title, q.anonymous, q.languages, q.version) == ("How was it?", True, ["en", "fr"], 2)
    assert result.rescored is None
    event = AuditEvent.objects.get(action="questionnaire.update")
    assert event.details["changed"] == ["anonymous", "languages", "title"]


def test_a_new_closing_day_moves_the_expiry_of_unused_links(world: dict[str, Any]) -> None:
    from django.utils import timezone

    from relais.evaluation.models import Invitation

    session = world["session"]
    q = make_questionnaire(session, QuestionnaireKind.SATISFACTION, languages=["en"])
    invitation = Invitation.objects.create(
        questionnaire=q,
        registration=register(session, make_person("Ana", "Hoxha")),
        token="builder-expiry",
        expires_at=timezone.now(),
    )
    _update(world["manager"], q, closes_on=dt.date(2026, 4, 30))
    invitation.refresh_from_db()
    assert timezone.localtime(invitation.expires_at).date() == dt.date(2026, 4, 30)
    assert AuditEvent.objects.filter(action="invitation.expiry").exists()


def test_a_stale_form_is_refused_and_writes_nothing(world: dict[str, Any]) -> None:
    q = make_questionnaire(world["session"], QuestionnaireKind.SATISFACTION, languages=["en"])
    seen = q.version
    _update(world["manager"], q, title="Changed by the manager")
    with pytest.raises(StaleVersion, match="Someone else changed this questionnaire"):
        questionnaire_update(actor=world["trainer"], questionnaire=q, version=seen, data=_settings(q, title="Mine"))
    q.refresh_from_db()
    assert q.title == "Changed by the manager" and q.version == seen + 1


@pytest.mark.parametrize("kind", ["pre", "post", "follow_up"])
def test_anonymous_only_for_satisfaction_and_custom(world: dict[str, Any], kind: str) -> None:
    q = make_questionnaire(world["session"], kind, languages=["en"])
    with pytest.raises(ValidationError) as error:
        _update(world["manager"], q, anonymous=True)
    assert "Only satisfaction and custom questionnaires can be anonymous" in str(error.value.message_dict["anonymous"])


def test_pairing_rules(world: dict[str, Any]) -> None:
    session = world["session"]
    pre = make_questionnaire(session, QuestionnaireKind.PRE_TEST, languages=["en"])
    post = make_questionnaire(session, QuestionnaireKind.POST_TEST, languages=["en"])
    other_session = make_session(design=world["design"], country="AL")
    elsewhere = make_questionnaire(other_session, QuestionnaireKind.PRE_TEST, languages=["en"])
    satisfaction = make_questionnaire(session, QuestionnaireKind.SATISFACTION, languages=["en"])
    with pytest.raises(ValidationError, match="Choose a pre-test of the same session"):
        _update(world["manager"], post, paired_with=elsewhere)
    with pytest.raises(ValidationError, match="Choose a pre-test of the same session"):
        _update(world["manager"], post, paired_with=satisfaction)
    _update(world["manager"], post, paired_with=pre)
    post.refresh_from_db()
    assert post.paired_with == pre
    second = make_questionnaire(session, QuestionnaireKind.POST_TEST, languages=["en"])
    with pytest.raises(ValidationError, match="already compared with another post-test"):
        _update(world["manager"], second, paired_with=pre)
    # A pre-test that becomes something else leaves its post-test unpaired.
    pre.refresh_from_db()
    _update(world["manager"], pre, kind=QuestionnaireKind.CUSTOM)
    post.refresh_from_db()
    assert post.paired_with is None


def test_dates_and_languages_are_checked(world: dict[str, Any]) -> None:
    q = make_questionnaire(world["session"], QuestionnaireKind.CUSTOM, languages=["en"])
    with pytest.raises(ValidationError) as error:
        _update(world["manager"], q, opens_on=dt.date(2026, 5, 2), closes_on=dt.date(2026, 5, 1), languages=["fr"])
    assert set(error.value.message_dict) == {"closes_on", "languages"}


def test_kind_and_anonymity_are_fixed_once_answered(world: dict[str, Any]) -> None:
    session = world["session"]
    q = make_test(session, QuestionnaireKind.PRE_TEST, languages=["en"])
    answer_test(q, register(session, make_person("Ana", "Hoxha")), 2)
    with pytest.raises(ValidationError, match="the kind of the questionnaire cannot change"):
        _update(world["manager"], q, kind=QuestionnaireKind.CUSTOM)


def test_pairing_after_answers_were_sent_rescores_them(world: dict[str, Any]) -> None:
    session = world["session"]
    pre = make_test(session, QuestionnaireKind.PRE_TEST, languages=["en"])
    post = make_test(session, QuestionnaireKind.POST_TEST, languages=["en"])
    registration = register(session, make_person("Ana", "Hoxha"))
    answer_test(pre, registration, 1)
    answer_test(post, registration, 3)
    assert not LearningScore.objects.exists()
    result = _update(world["manager"], post, paired_with=pre)
    assert result.rescored == 1
    score = LearningScore.objects.get()
    assert (score.pre, score.post) == (0.25, 0.75)
    assert AuditEvent.objects.filter(action="questionnaire.rescore").exists()
    # Unpaired again: the learning result goes with the pairing.
    post.refresh_from_db()
    _update(world["manager"], post, paired_with=None)
    assert not LearningScore.objects.exists()


# --- Status -------------------------------------------------------------------------------------


def test_a_questionnaire_without_questions_cannot_open(world: dict[str, Any]) -> None:
    q = make_questionnaire(world["session"], QuestionnaireKind.SATISFACTION)
    with pytest.raises(ValidationError, match="no question yet"):
        questionnaire_status_set(actor=world["manager"], questionnaire=q, action="open")


def test_a_test_needs_a_scored_question(world: dict[str, Any]) -> None:
    q = make_questionnaire(world["session"], QuestionnaireKind.PRE_TEST)
    make_item(q, ItemType.SINGLE)  # no correct answer, no points
    with pytest.raises(ValidationError, match="at least one scored question"):
        questionnaire_status_set(actor=world["manager"], questionnaire=q, action="open")
    make_item(q, ItemType.SINGLE, correct=["b"], points=1)
    assert questionnaire_status_set(actor=world["manager"], questionnaire=q, action="open") == []
    q.refresh_from_db()
    assert q.status == QuestionnaireStatus.OPEN


def test_a_follow_up_without_contacts_or_cooperation_opens_with_a_warning(world: dict[str, Any]) -> None:
    q = make_questionnaire(world["session"], QuestionnaireKind.FOLLOW_UP)
    make_item(q, ItemType.LIKERT)
    warnings = questionnaire_status_set(actor=world["manager"], questionnaire=q, action="open")
    assert len(warnings) == 1 and "neither about contacts made nor cooperation" in warnings[0]
    other = make_questionnaire(world["session"], QuestionnaireKind.FOLLOW_UP)
    make_item(other, ItemType.COOPERATION)
    assert questionnaire_status_set(actor=world["manager"], questionnaire=other, action="open") == []


def test_an_unpaired_post_test_opens_with_a_warning(world: dict[str, Any]) -> None:
    q = make_test(world["session"], QuestionnaireKind.POST_TEST, questions=1)
    warnings = questionnaire_status_set(actor=world["manager"], questionnaire=q, action="open")
    assert warnings == ["This post-test is not compared with a pre-test: no learning gain will be computed."]


def test_status_moves_and_their_audit(world: dict[str, Any]) -> None:
    q = make_test(world["session"], QuestionnaireKind.PRE_TEST, questions=1)
    with pytest.raises(ValidationError, match="cannot be set to"):
        questionnaire_status_set(actor=world["manager"], questionnaire=q, action="close")
    for action, status in (("open", "open"), ("close", "closed"), ("open", "open"), ("draft", "draft")):
        questionnaire_status_set(actor=world["manager"], questionnaire=q, action=action)
        q.refresh_from_db()
        assert q.status == status
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["questionnaire.open", "questionnaire.close", "questionnaire.open", "questionnaire.draft"]
    with pytest.raises(ValidationError):
        questionnaire_status_set(actor=world["manager"], questionnaire=q, action="publish")


# --- Copies and deletion ------------------------------------------------------------------------


def test_reuse_copies_a_questionnaire_of_another_session_of_the_design(world: dict[str, Any]) -> None:
    session = world["session"]
    other = make_session(design=world["design"], country="AL")
    source = make_questionnaire(
        other, QuestionnaireKind.POST_TEST, translations={"fr": {"title": "Après"}}, languages=["en", "fr"]
    )
    section = Section.objects.create(questionnaire=source, title="Part 1")
    make_item(source, ItemType.SINGLE, correct=["a"], points=1, section=section, translations={"fr": {"text": "?"}})
    pre = make_questionnaire(session, QuestionnaireKind.PRE_TEST)
    copy = questionnaire_copy(actor=world["manager"], source=source, session=session)
    assert (copy.session, copy.kind, copy.status, copy.paired_with) == (session, "post", "draft", pre)
    assert copy.translations == {"fr": {"title": "Après"}} and copy.languages == ["en", "fr"]
    item = copy.items.get()
    assert item.section is not None
    assert item.translations == {"fr": {"text": "?"}} and item.section.title == "Part 1"
    assert item.section.questionnaire == copy
    assert AuditEvent.objects.get(action="questionnaire.create").details["copied_from"] == source.pk


def test_reuse_refuses_another_design(world: dict[str, Any], programme: Any) -> None:
    from relais.design.tests.factories import make_design

    other = make_session(design=make_design(programme=programme), country="AL")
    source = make_questionnaire(other, QuestionnaireKind.CUSTOM)
    with pytest.raises(ValidationError, match="same design"):
        questionnaire_copy(actor=world["manager"], source=source, session=world["session"])


def test_copy_the_pre_tests_questions_skips_those_already_asked(world: dict[str, Any]) -> None:
    session = world["session"]
    pre = make_test(session, QuestionnaireKind.PRE_TEST, questions=3)
    post = make_questionnaire(session, QuestionnaireKind.POST_TEST, paired_with=pre)
    make_item(post, ItemType.SINGLE, text="Question 1", correct=["a"], points=1)
    assert questionnaire_copy_pre_test_items(actor=world["manager"], questionnaire=post) == 2
    assert questionnaire_copy_pre_test_items(actor=world["manager"], questionnaire=post) == 0
    assert sorted(post.items.values_list("text", flat=True)) == ["Question 1", "Question 2", "Question 3"]
    with pytest.raises(ValidationError, match="Only a post-test"):
        questionnaire_copy_pre_test_items(actor=world["manager"], questionnaire=pre)


def test_copy_the_pre_tests_questions_refused_once_answered(world: dict[str, Any]) -> None:
    session = world["session"]
    pre = make_test(session, QuestionnaireKind.PRE_TEST, questions=2)
    post = make_test(session, QuestionnaireKind.POST_TEST, questions=1, paired_with=pre)
    answer_test(post, register(session, make_person("Ana", "Hoxha")), 1)
    with pytest.raises(ValidationError, match="already been sent"):
        questionnaire_copy_pre_test_items(actor=world["manager"], questionnaire=post)


def test_delete_only_what_nobody_answered(world: dict[str, Any]) -> None:
    session = world["session"]
    q = make_test(session, QuestionnaireKind.PRE_TEST, questions=1)
    answer_test(q, register(session, make_person("Ana", "Hoxha")), 1)
    with pytest.raises(ValidationError, match="cannot be deleted"):
        questionnaire_delete(actor=world["manager"], questionnaire=q)
    empty = make_questionnaire(session, QuestionnaireKind.CUSTOM)
    questionnaire_delete(actor=world["manager"], questionnaire=empty)
    assert not Questionnaire.objects.filter(pk=empty.pk).exists()
    assert Item.objects.filter(questionnaire=q).count() == 1
    assert AuditEvent.objects.filter(action="questionnaire.delete").count() == 1
