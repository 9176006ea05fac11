"""The home page lists the open questionnaires of the sessions the user evaluates, with how many
answered; others do not see them."""

from __future__ import annotations

from typing import Any

from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.tests.factories import make_complete_design
from relais.evaluation.models import Invitation, QuestionnaireKind
from relais.evaluation.tests.factories import answer_test, make_questionnaire, make_test
from relais.evaluation.tokens import new_token


def _open_test(programme: Any, country: str = "AL") -> Any:
    session = make_session(design=make_complete_design(programme=programme), country=country)
    questionnaire = make_test(session, QuestionnaireKind.PRE_TEST, questions=2, status="open", title="Pre-test Tirana")
    for n in range(4):
        registration = register(session, make_person("Ana", f"Person{n}"))
        Invitation.objects.create(
            questionnaire=questionnaire, registration=registration, token=new_token(), expires_at="2099-01-01T00:00Z"
        )
        if n == 0:
            answer_test(questionnaire, registration, 1)
    make_questionnaire(session, QuestionnaireKind.SATISFACTION, title="Draft satisfaction")
    return questionnaire


def test_coordinator_sees_the_open_questionnaire_with_its_answer_rate(
    client: Any, personas: dict[str, Any], programme: Any
) -> None:
    _open_test(programme)
    client.force_login(personas["coordinator_al"])
    page = client.get("/").content.decode()
    assert "Questionnaires waiting for answers" in page
    assert "Pre-test Tirana" in page and "1 of 4 answered (25%)" in page
    assert "Draft satisfaction" not in page


def test_others_do_not_see_it(client: Any, personas: dict[str, Any], programme: Any) -> None:
    _open_test(programme)
    for persona in ("coordinator_it", "me_officer", "viewer"):
        client.force_login(personas[persona])
        assert "Pre-test Tirana" not in client.get("/").content.decode()


def test_query_count_does_not_grow(
    client: Any, personas: dict[str, Any], programme: Any, django_assert_max_num_queries: Any
) -> None:
    for _ in range(7):  # more than the panels show, so each one also counts the rest
        _open_test(programme)
    client.force_login(personas["manager"])
    client.get("/")
    with django_assert_max_num_queries(30) as first:
        client.get("/")
    for _ in range(5):
        _open_test(programme)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get("/")
