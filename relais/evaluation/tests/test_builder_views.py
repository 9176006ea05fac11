"""The builder's pages, with and without htmx: the session's questionnaires (counts, translation
states, query count that does not grow), creating from the plan, by hand and by reuse, the editor
(settings, stale forms, refusals shown in words, status), questions and sections, the session panel."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from relais.delivery.tests.factories import make_person, make_session, register
from relais.evaluation.models import Invitation, Item, ItemType, Questionnaire, QuestionnaireKind, Section
from relais.evaluation.panels_builder import session_panel_context
from relais.evaluation.tests.factories import answer_test, make_item, make_questionnaire, make_test
from relais.evaluation.tests.permissions_builder import build_world

HTMX = {"HX-Request": "true"}


@pytest.fixture
def world(personas: dict[str, Any], programme: Any) -> dict[str, Any]:
    return {**personas, **build_world(programme, personas["trainer"])}


def _editor(q: Questionnaire) -> str:
    return reverse("evaluation:questionnaire", kwargs={"pk": q.pk})


def _text(response: Any) -> str:
    return response.content.decode()


# --- The session's questionnaires ---------------------------------------------------------------


def _fill(session: Any, n: int) -> None:
    """n more of everything: questionnaires with items, translations, invitations and answers."""
    start = Questionnaire.objects.count()
    for k in range(start, start + n):
        pre = make_test(session, QuestionnaireKind.PRE_TEST, questions=3, languages=["en", "fr"])
        Section.objects.create(questionnaire=pre, title=f"Part {k}")
        person = make_person("Person", f"Number{k}")
        registration = register(session, person)
        Invitation.objects.create(
            questionnaire=pre, registration=registration, token=f"tok-{session.pk}-{k}", expires_at="2030-01-01T00:00Z"
        )
        answer_test(pre, registration, 2)


def test_the_sessions_questionnaires_page(client: Any, world: dict[str, Any]) -> None:
    session = world["session"]
    pre = make_test(session, QuestionnaireKind.PRE_TEST, questions=2, languages=["en", "fr"])
    first = pre.items.order_by("position")[0]
    first.translations = {"fr": {"text": "Q1", "options": {"a": "A", "b": "B", "c": "C"}}}
    first.save()
    post = make_test(session, QuestionnaireKind.POST_TEST, questions=2, paired_with=pre, languages=["en"])
    registration = register(session, make_person("Ana", "Hoxha"))
    Invitation.objects.create(questionnaire=pre, registration=registration, token="t1", expires_at="2030-01-01T00:00Z")
    answer_test(pre, registration, 1)
    client.force_login(world["coordinator_al"])
    html = _text(client.get(reverse("evaluation:session_questionnaires", kwargs={"pk": session.pk})))
    assert "Create from the design's evaluation plan" in html
    assert f'href="{_editor(pre)}"' in html and f'href="{_editor(post)}"' in html
    assert f"Compared with the pre-test “{pre.title}”" in html
    assert f"Its post-test: “{post.title}”" in html
    # 4 of the 9 texts of the pre-test are in French (title: no; questions 1: text and three choices).
    assert "44% translated" in html
    assert "Not created yet: Satisfaction, Follow-up." in html


def test_the_sessions_questionnaires_page_for_readers_has_no_buttons(client: Any, world: dict[str, Any]) -> None:
    make_questionnaire(world["session"], QuestionnaireKind.SATISFACTION)
    client.force_login(world["me_officer"])
    html = _text(client.get(reverse("evaluation:session_questionnaires", kwargs={"pk": world["session"].pk})))
    assert "New questionnaire" not in html and "evaluation plan" in html


def test_the_sessions_questionnaires_page_query_count_does_not_grow(client: Any, world: dict[str, Any]) -> None:
    session = world["session"]
    url = reverse("evaluation:session_questionnaires", kwargs={"pk": session.pk})
    client.force_login(world["manager"])
    _fill(session, 1)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _fill(session, 6)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)
    assert len(few) <= 16, len(few)


def test_create_from_the_plan_then_again(client: Any, world: dict[str, Any]) -> None:
    session = world["session"]
    client.force_login(world["trainer"])
    url = reverse("evaluation:session_questionnaires_plan", kwargs={"pk": session.pk})
    html = _text(client.post(url, follow=True))
    assert (
        "4 questionnaires created from the design&#x27;s evaluation plan: Pre-test, Post-test, Satisfaction, Follow-up."
        in html
    )
    assert "The session has every planned questionnaire." in html
    html = _text(client.post(url, follow=True))
    assert "already has every questionnaire" in html
    assert Questionnaire.objects.filter(session=session).count() == 4


def test_new_questionnaire_by_hand(client: Any, world: dict[str, Any]) -> None:
    session = world["session"]
    client.force_login(world["manager"])
    url = reverse("evaluation:questionnaire_new", kwargs={"pk": session.pk})
    page = _text(client.get(url))
    assert '<option value="en" selected>' in page and '<option value="fr" selected>' in page
    response = client.post(url, {"kind": "custom", "title": "Expectations", "language": "fr", "languages": ["en"]})
    q = Questionnaire.objects.get(title="Expectations")
    assert response["Location"] == _editor(q)
    assert (q.kind, q.language, q.languages) == ("custom", "fr", ["fr", "en"])
    assert client.post(url, {"kind": "nonsense", "language": "en", "languages": ["en"]}).status_code == 400


def test_reuse_from_another_session(client: Any, world: dict[str, Any]) -> None:
    session = world["session"]
    other = make_session(design=world["design"], country="AL", title="Earlier session")
    source = make_test(other, QuestionnaireKind.PRE_TEST, questions=2)
    client.force_login(world["coordinator_al"])
    url = reverse("evaluation:questionnaire_reuse", kwargs={"pk": session.pk})
    html = _text(client.get(url))
    assert "Earlier session" in html and "Copy into this session" in html
    response = client.post(url, {"source": source.pk})
    copy = Questionnaire.objects.exclude(pk=source.pk).get(kind="pre")
    assert response["Location"] == _editor(copy) and copy.session == session and copy.items.count() == 2
    assert client.post(url, {"source": 999999}).status_code == 302


# --- The editor ---------------------------------------------------------------------------------


def test_the_editor_for_one_who_may_change_it(client: Any, world: dict[str, Any]) -> None:
    pre = make_test(world["session"], QuestionnaireKind.PRE_TEST, questions=1)
    post = make_questionnaire(world["session"], QuestionnaireKind.POST_TEST, paired_with=pre)
    client.force_login(world["trainer"])
    html = _text(client.get(_editor(pre)))
    assert 'id="questionnaire-version"' in html and "Add a question" in html and "Open for answers" in html
    assert f'Its post-test: <a href="{_editor(post)}">' in html
    html = _text(client.get(_editor(post)))
    assert f'Compared with the pre-test <a href="{_editor(pre)}">' in html
    assert "Copy the questions of the pre-test" in html
    assert "The questionnaire has no question yet." in html  # why it cannot open yet


def test_the_editor_for_a_reader(client: Any, world: dict[str, Any]) -> None:
    q = make_test(world["session"], QuestionnaireKind.PRE_TEST, questions=1)
    client.force_login(world["me_officer"])
    html = _text(client.get(_editor(q)))
    assert "Question 1" in html
    assert "Save the settings" not in html and "Add a question" not in html and "Open for answers" not in html


def _settings(q: Questionnaire, **changes: Any) -> dict[str, Any]:
    data = {"version": q.version, "title": q.title, "kind": q.kind, "language": "en", "languages": ["en", "fr"]}
    data.update(changes)
    return data


def test_settings_saved_refused_and_stale(client: Any, world: dict[str, Any]) -> None:
    q = make_questionnaire(world["session"], QuestionnaireKind.PRE_TEST, languages=["en"])
    url = reverse("evaluation:questionnaire_settings", kwargs={"pk": q.pk})
    client.force_login(world["manager"])
    refused = client.post(url, _settings(q, anonymous="on"))
    assert refused.status_code == 400
    assert "Only satisfaction and custom questionnaires can be anonymous" in _text(refused)
    saved = client.post(url, _settings(q, title="Knowledge before"), follow=True)
    assert "Settings saved." in _text(saved)
    stale = client.post(url, _settings(q, title="Mine"))  # q.version is the old one
    assert stale.status_code == 409
    assert "Someone else changed this questionnaire" in _text(stale)
    q.refresh_from_db()
    assert q.title == "Knowledge before" and f'value="{q.version}"' in _text(stale)


def test_settings_pairing_offers_only_the_sessions_pre_tests(client: Any, world: dict[str, Any]) -> None:
    pre = make_questionnaire(world["session"], QuestionnaireKind.PRE_TEST, title="The pre-test")
    elsewhere = make_questionnaire(make_session(design=world["design"]), QuestionnaireKind.PRE_TEST, title="Far")
    post = make_questionnaire(world["session"], QuestionnaireKind.POST_TEST)
    client.force_login(world["manager"])
    html = _text(client.get(_editor(post)))
    assert "The pre-test</option>" in html and "Far</option>" not in html
    url = reverse("evaluation:questionnaire_settings", kwargs={"pk": post.pk})
    assert client.post(url, _settings(post, paired_with=elsewhere.pk)).status_code == 400
    assert client.post(url, _settings(post, paired_with=pre.pk)).status_code == 302
    post.refresh_from_db()
    assert post.paired_with == pre


def test_status_buttons(client: Any, world: dict[str, Any]) -> None:
    q = make_questionnaire(world["session"], QuestionnaireKind.FOLLOW_UP)
    url = reverse("evaluation:questionnaire_status", kwargs={"pk": q.pk})
    client.force_login(world["manager"])
    html = _text(client.post(url, {"action": "open"}, follow=True))
    assert "The questionnaire has no question yet." in html
    make_item(q, ItemType.LIKERT)
    html = _text(client.post(url, {"action": "open"}, follow=True))
    assert "The questionnaire is open for answers." in html and "cooperation network will not grow" in html
    html = _text(client.post(url, {"action": "close"}, follow=True))
    assert "no more answers are taken" in html


# --- Questions and sections ---------------------------------------------------------------------


def _new_item(**fields: str) -> dict[str, str]:
    data = {
        "new-type": "single",
        "new-text": "Which is an indicator of forced labour?",
        "new-options": "Withheld documents\nA paid holiday",
        "new-correct": "a",
        "new-points": "1",
        "new-required": "on",
    }
    data.update(fields)
    return data


def test_add_a_question_without_javascript(client: Any, world: dict[str, Any]) -> None:
    q = make_questionnaire(world["session"], QuestionnaireKind.PRE_TEST)
    url = reverse("evaluation:item_add", kwargs={"pk": q.pk})
    client.force_login(world["trainer"])
    response = client.post(url, _new_item())
    item = q.items.get()
    assert response["Location"] == f"{_editor(q)}#item-{item.pk}"
    assert (item.options[1], item.correct, item.points) == ({"value": "b", "label": "A paid holiday"}, ["a"], 1)
    refused = client.post(url, _new_item(**{"new-correct": "c"}))
    assert refused.status_code == 400
    assert "“c” is not one of the choices: correct answers must be among them." in _text(refused)
    refused = client.post(url, _new_item(**{"new-points": "0"}))
    assert "give it more than 0 points" in _text(refused)


def test_add_a_question_with_htmx(client: Any, world: dict[str, Any]) -> None:
    q = make_questionnaire(world["session"], QuestionnaireKind.PRE_TEST)
    url = reverse("evaluation:item_add", kwargs={"pk": q.pk})
    client.force_login(world["trainer"])
    response = client.post(url, _new_item(), headers=HTMX)
    html = _text(response)
    assert response.status_code == 200 and "<html" not in html
    assert "Which is an indicator of forced labour?" in html and "Question added." in html
    assert 'id="questionnaire-version" hx-swap-oob="true"' in html and 'value="2"' in html
    refused = client.post(url, _new_item(**{"new-type": "likert"}), headers=HTMX)
    assert refused.status_code == 200 and "own five levels" in _text(refused)
    assert q.items.count() == 1


def test_edit_a_question_inline_and_on_its_page(client: Any, world: dict[str, Any]) -> None:
    q = make_test(world["session"], QuestionnaireKind.PRE_TEST, questions=1)
    item = q.items.get()
    url = reverse("evaluation:item_edit", kwargs={"pk": q.pk, "item_pk": item.pk})
    client.force_login(world["manager"])
    page = client.get(url)
    assert "Edit a question" in _text(page) and "a|A\nb|B\nc|C" in _text(page) and "hx-post" not in _text(page)
    inline = _text(client.get(url, headers=HTMX))
    assert "<html" not in inline and "Save the question" in inline and f'id="i{item.pk}-text"' not in inline
    data = {
        f"i{item.pk}-type": "single",
        f"i{item.pk}-text": "Reworded",
        f"i{item.pk}-options": "a|A\nb|B\nc|C",
        f"i{item.pk}-correct": "b",
        f"i{item.pk}-points": "2",
    }
    assert client.post(url, data)["Location"] == f"{_editor(q)}#item-{item.pk}"
    item.refresh_from_db()
    assert (item.text, item.correct, item.points, item.required) == ("Reworded", ["b"], 2, False)
    bad = client.post(url, {**data, f"i{item.pk}-correct": "z"}, headers=HTMX)
    assert "correct answers must be among them" in _text(bad)


def test_a_new_key_says_the_answers_were_rescored(client: Any, world: dict[str, Any]) -> None:
    session = world["session"]
    q = make_test(session, QuestionnaireKind.PRE_TEST, questions=1)
    item = q.items.get()
    answer_test(q, register(session, make_person("Ana", "Hoxha")), 1)
    url = reverse("evaluation:item_edit", kwargs={"pk": q.pk, "item_pk": item.pk})
    client.force_login(world["manager"])
    page = _text(client.get(url))
    assert re.search(rf'<select name="i{item.pk}-type"[^>]* disabled', page)
    assert not re.search(rf'<textarea name="i{item.pk}-options"[^>]* disabled', page)
    data = {
        f"i{item.pk}-type": "likert",  # disabled: ignored
        f"i{item.pk}-text": item.text,
        f"i{item.pk}-options": "x|Something else",
        f"i{item.pk}-correct": "x",
        f"i{item.pk}-points": "1",
    }
    refused = _text(client.post(url, data))
    assert "the answers would be lost" in refused
    data.update({f"i{item.pk}-options": "a|Withheld documents\nb|B\nc|C", f"i{item.pk}-correct": "b"})
    html = _text(client.post(url, data, follow=True))
    assert "The answers already sent (1 response) were scored again with the new key." in html
    item.refresh_from_db()
    assert (item.type, item.correct, [o["value"] for o in item.options]) == ("single", ["b"], ["a", "b", "c"])
    assert item.options[0]["label"] == "Withheld documents"


def test_removing_an_answered_question_is_refused_in_words(client: Any, world: dict[str, Any]) -> None:
    session = world["session"]
    q = make_test(session, QuestionnaireKind.PRE_TEST, questions=2)
    answer_test(q, register(session, make_person("Ana", "Hoxha")), 1)
    item = q.items.order_by("-position")[0]
    url = reverse("evaluation:item_row", kwargs={"pk": q.pk, "item_pk": item.pk})
    client.force_login(world["manager"])
    html = _text(client.post(url, {"action": "delete"}, headers=HTMX))
    assert "the answers would be lost" in html
    assert Item.objects.filter(pk=item.pk).exists()
    html = _text(client.post(url, {"action": "up"}, follow=True))
    assert q.items.order_by("position").first() == item
    assert "Remove question" not in html  # no remove buttons once answered


def test_sections_with_and_without_htmx(client: Any, world: dict[str, Any]) -> None:
    q = make_questionnaire(world["session"], QuestionnaireKind.SATISFACTION)
    client.force_login(world["coordinator_al"])
    add = reverse("evaluation:section_add", kwargs={"pk": q.pk})
    assert client.post(add, {"section-title": "The venue"})["Location"] == f"{_editor(q)}#structure"
    section = q.sections.get()
    html = _text(client.post(add, {"section-title": ""}, headers=HTMX))
    assert "This field is required." in html
    edit = reverse("evaluation:section_edit", kwargs={"pk": q.pk, "section_pk": section.pk})
    html = _text(client.post(edit, {"action": "save", f"s{section.pk}-title": "The place"}, headers=HTMX))
    assert 'value="The place"' in html and "Section renamed." in html
    client.post(edit, {"action": "delete"})
    assert not q.sections.exists()
    assert client.post(edit, {"action": "nonsense"}).status_code == 404


def test_copy_the_pre_test_and_delete_through_the_pages(client: Any, world: dict[str, Any]) -> None:
    pre = make_test(world["session"], QuestionnaireKind.PRE_TEST, questions=2)
    post = make_questionnaire(world["session"], QuestionnaireKind.POST_TEST, paired_with=pre)
    client.force_login(world["manager"])
    html = _text(client.post(reverse("evaluation:questionnaire_copy_pre", kwargs={"pk": post.pk}), follow=True))
    assert "2 questions copied from the pre-test." in html and post.items.count() == 2
    response = client.post(reverse("evaluation:questionnaire_delete", kwargs={"pk": post.pk}))
    assert response["Location"] == reverse("evaluation:session_questionnaires", kwargs={"pk": world["session"].pk})
    assert not Questionnaire.objects.filter(pk=post.pk).exists()


# --- The block on the session's page ------------------------------------------------------------


def test_the_session_panel(world: dict[str, Any]) -> None:
    session = world["session"]
    pre = make_questionnaire(session, QuestionnaireKind.PRE_TEST)
    satisfaction = make_questionnaire(session, QuestionnaireKind.SATISFACTION)
    request = RequestFactory().get("/")
    request.user = world["me_officer"]
    context = session_panel_context(request, session)
    assert context is not None and context["questionnaires"] == [pre, satisfaction] and not context["may_manage"]
    request.user = world["trainer"]
    context = session_panel_context(request, session)
    assert context is not None and context["may_manage"]
    for persona in ("coordinator_it", "viewer", "outsider"):
        request.user = world[persona]
        assert session_panel_context(request, session) is None


@pytest.fixture
def panel_registered() -> Any:
    """The panel as navigation.register() installs it (the lead's call), removed afterwards if it was not there."""
    from relais.core import registry
    from relais.evaluation import panels_builder

    before = dict(registry._object_panels)
    panels_builder.register()
    yield
    registry._object_panels.clear()
    registry._object_panels.update(before)


def test_the_session_page_shows_the_panel(client: Any, world: dict[str, Any], panel_registered: Any) -> None:
    session = world["session"]
    q = make_questionnaire(session, QuestionnaireKind.SATISFACTION, title="Your opinion")
    client.force_login(world["me_officer"])
    html = _text(client.get(reverse("delivery:session", kwargs={"pk": session.pk})))
    assert f'<a href="{_editor(q)}">Your opinion</a>' in html
    assert "All questionnaires of the session" in html
    client.force_login(world["coordinator_al"])
    html = _text(client.get(reverse("delivery:session", kwargs={"pk": session.pk})))
    assert "Manage the questionnaires" in html
