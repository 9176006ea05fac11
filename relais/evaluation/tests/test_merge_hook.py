"""Merging two records of one person keeps their answers, contacts and learning results."""

from __future__ import annotations

from typing import Any

from relais.delivery import services_people
from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.tests.factories import make_complete_design
from relais.evaluation.models import Contact, ItemType, LearningScore, QuestionnaireKind, Response
from relais.evaluation.tests.factories import answer_test, make_item, make_questionnaire, make_test_pair, submit


def test_merge_keeps_answers_contacts_and_the_learning_result(programme: Any) -> None:
    design = make_complete_design(programme=programme)
    session = make_session(design=design, country="AL")
    other_session = make_session(design=design, country="IT", city="Rome")
    a = make_person("Milan", "Đorđević", country="AL")
    b = make_person("Milan", "Djordjevic", country="AL")
    friend = make_person("Ana", "Hoxha", country="IT")
    reg_a = register(session, a, "registered")
    reg_b = register(session, b, "attended")
    register(other_session, friend, "attended")
    reg_b_other = register(other_session, b, "attended")
    pre, post = make_test_pair(session, questions=4)
    answer_test(pre, reg_a, 1)  # the registration that goes answered the pre-test ...
    answer_test(post, reg_b, 4)  # ... the one that stays the post-test
    follow_up = make_questionnaire(other_session, QuestionnaireKind.FOLLOW_UP)
    contacts = make_item(follow_up, ItemType.CONTACTS, required=False)
    submit(follow_up, reg_b_other, {contacts.pk: {"people": [friend.pk], "organisations": []}})

    services_people.people_merge(actor=None, kept=a, removed=b)

    assert Response.objects.filter(registration__person=a).count() == 3
    assert Contact.objects.get().person == a
    stays = Response.objects.get(questionnaire=post).registration
    # The learning result survives the merge, on the registration that stayed.
    learning = LearningScore.objects.get()
    assert learning.registration == stays and (learning.pre, learning.post) == (0.25, 1.0)


def test_twin_responses_keep_the_submitted_one(programme: Any) -> None:
    design = make_complete_design(programme=programme)
    session = make_session(design=design, country="AL")
    a = make_person("Milan", "Đorđević", country="AL")
    b = make_person("Milan", "Djordjevic", country="AL")
    reg_a = register(session, a, "attended")
    reg_b = register(session, b, "registered")
    pre, _post = make_test_pair(session, questions=2)
    answer_test(pre, reg_b, 2)
    from relais.evaluation.services_responses import response_start

    response_start(questionnaire=pre, registration=reg_a)  # started, never submitted

    services_people.people_merge(actor=None, kept=a, removed=b)

    kept = Response.objects.get(questionnaire=pre)
    assert kept.registration is not None and kept.registration.person == a
    assert kept.status == "submitted" and kept.score == 2
