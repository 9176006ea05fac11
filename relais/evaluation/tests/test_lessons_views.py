"""Lessons learned pages: record from a session or a design, edit, validate, delete, the roll-up
(filters, htmx, query counts) and the blocks on the session and design pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from relais.core.models import AuditEvent
from relais.delivery.tests.factories import make_session
from relais.design.tests.factories import make_complete_design
from relais.evaluation import panels_lessons
from relais.evaluation.models import LessonLearned, LessonStatus
from relais.evaluation.tests.permissions_lessons import make_lesson

pytestmark = pytest.mark.django_db

FORM = {
    "title": "Interpretation booked too late",
    "what_happened": "Interpreters were booked a week before; Serbian was missing on day 1.",
    "why_it_matters": "Participants could not follow the case study.",
    "recommendation": "Book interpreters when the list closes.",
    "tags": " Interpretation, logistics , interpretation",
}


@pytest.fixture
def world(programme: Any, personas: dict[str, Any]) -> dict[str, Any]:
    design = make_complete_design(programme=programme, title="Joint investigations")
    session = make_session(design=design, country="AL", title="Joint investigations — Tirana")
    session.trainers.add(personas["trainer"])
    return {"design": design, "session": session, "programme": programme}


def _login(client: Any, user: Any) -> Any:
    client.force_login(user)
    return client


def test_record_a_lesson_from_a_session(client: Any, world: dict[str, Any], personas: dict[str, Any]) -> None:
    make_lesson(session=world["session"], title="Venue too far", tags=["venue"])
    c = _login(client, personas["trainer"])
    url = reverse("evaluation:lesson_new_session", kwargs={"pk": world["session"].pk})
    page = c.get(url).content.decode()
    assert "Record a lesson learned" in page and "Tags already used in this programme" in page
    assert '<li class="chip">venue</li>' in page
    response = c.post(url, FORM)
    lesson = LessonLearned.objects.get(title=FORM["title"])
    assert response.status_code == 302 and response["Location"] == reverse(
        "evaluation:lesson", kwargs={"pk": lesson.pk}
    )
    assert lesson.session == world["session"] and lesson.design is None
    assert lesson.tags == ["interpretation", "logistics"]
    assert lesson.author == personas["trainer"] and lesson.status == LessonStatus.OBSERVED
    assert AuditEvent.objects.filter(action="lesson.create", object_id=str(lesson.pk)).exists()
    detail = c.get(response["Location"]).content.decode()
    assert "The lesson is recorded" in detail and "Interpreters were booked" in detail


def test_record_a_lesson_from_a_design(client: Any, world: dict[str, Any], personas: dict[str, Any]) -> None:
    c = _login(client, personas["coordinator_it"])  # sees the programme's designs
    url = reverse("evaluation:lesson_new_design", kwargs={"pk": world["design"].pk})
    assert c.post(url, FORM).status_code == 302
    lesson = LessonLearned.objects.get()
    assert lesson.design == world["design"] and lesson.programme == world["programme"]


def test_form_limits_and_plain_text(client: Any, world: dict[str, Any], personas: dict[str, Any]) -> None:
    c = _login(client, personas["manager"])
    url = reverse("evaluation:lesson_new_session", kwargs={"pk": world["session"].pk})
    html = c.post(url, {**FORM, "title": "x" * 201, "what_happened": ""}).content.decode()
    assert "Ensure this value has at most 200 characters" in html and "This field is required." in html
    html = c.post(url, {**FORM, "tags": ",".join(f"t{n}" for n in range(11))}).content.decode()
    assert "At most 10 tags." in html
    assert not LessonLearned.objects.exists()
    c.post(url, {**FORM, "what_happened": '<script>alert("x")</script>\x07 done'})
    lesson = LessonLearned.objects.get()
    assert lesson.what_happened == '<script>alert("x")</script> done'
    html = c.get(reverse("evaluation:lesson", kwargs={"pk": lesson.pk})).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html


def test_validate_then_apply(client: Any, world: dict[str, Any], personas: dict[str, Any]) -> None:
    lesson = make_lesson(session=world["session"], author=personas["trainer"])
    status_url = reverse("evaluation:lesson_status", kwargs={"pk": lesson.pk})
    detail_url = reverse("evaluation:lesson", kwargs={"pk": lesson.pk})
    c = _login(client, personas["trainer"])
    page = c.get(detail_url).content.decode()
    assert ">Validate</button>" not in page and ">Edit</a>" in page  # its author, not a validator
    assert c.post(status_url, {"status": "validated"}).status_code == 404
    c = _login(client, personas["me_officer"])
    page = c.get(detail_url).content.decode()
    assert ">Validate</button>" in page and ">Mark as applied</button>" in page
    assert c.post(status_url, {"status": "validated"})["Location"] == detail_url
    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.VALIDATED
    page = c.get(detail_url).content.decode()
    assert "The lesson is now: Validated." in page and ">Back to observed</button>" in page
    c.post(status_url, {"status": "nonsense"})
    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.VALIDATED
    c = _login(client, personas["trainer"])  # validated: its author may no longer change it
    assert c.get(reverse("evaluation:lesson_edit", kwargs={"pk": lesson.pk})).status_code == 404


def test_edit_and_delete(client: Any, world: dict[str, Any], personas: dict[str, Any]) -> None:
    lesson = make_lesson(session=world["session"], author=personas["coordinator_al"])
    c = _login(client, personas["coordinator_al"])
    edit = reverse("evaluation:lesson_edit", kwargs={"pk": lesson.pk})
    page = c.get(edit).content.decode()
    assert 'value="interpretation, logistics"' in page
    assert c.post(edit, {**FORM, "title": "Booked too late"}).status_code == 302
    lesson.refresh_from_db()
    assert lesson.title == "Booked too late"
    delete = reverse("evaluation:lesson_delete", kwargs={"pk": lesson.pk})
    assert "Delete the lesson" in c.get(delete).content.decode()
    response = c.post(delete)
    assert response["Location"] == reverse("evaluation:lessons", kwargs={"pk": world["programme"].pk})
    assert not LessonLearned.objects.filter(pk=lesson.pk).exists()
    assert AuditEvent.objects.filter(action="lesson.delete").count() == 1


def test_viewer_reads_validated_lessons_without_author(
    client: Any, world: dict[str, Any], personas: dict[str, Any]
) -> None:
    validated = make_lesson(
        session=world["session"], title="Validated one", status=LessonStatus.VALIDATED, author=personas["trainer"]
    )
    observed = make_lesson(session=world["session"], title="Observed one")
    c = _login(client, personas["viewer"])
    html = c.get(reverse("evaluation:lessons", kwargs={"pk": world["programme"].pk})).content.decode()
    assert "Validated one" in html and "Observed one" not in html
    page = c.get(reverse("evaluation:lesson", kwargs={"pk": validated.pk})).content.decode()
    assert "Tomas Trainer" not in page and "Recorded by" not in page
    assert c.get(reverse("evaluation:lesson", kwargs={"pk": observed.pk})).status_code == 404


def test_rollup_filters_htmx_and_counts(client: Any, world: dict[str, Any], personas: dict[str, Any]) -> None:
    make_lesson(session=world["session"], title="About interpreters", tags=["interpretation"])
    make_lesson(design=world["design"], title="About the agenda", tags=["agenda"], status=LessonStatus.APPLIED)
    c = _login(client, personas["manager"])
    url = reverse("evaluation:lessons", kwargs={"pk": world["programme"].pk})
    html = c.get(url).content.decode()
    assert "About interpreters" in html and "About the agenda" in html
    assert "Lessons per tag and status" in html
    html = c.get(url, {"tag": "agenda"}).content.decode()
    assert "About the agenda" in html and "About interpreters" not in html
    html = c.get(url, {"status": "observed"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in html and "About interpreters" in html and "About the agenda" not in html
    html = c.get(url, {"text": "nothing like this"}).content.decode()
    assert "No lesson matches these filters." in html


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_rollup_queries_do_not_grow(client: Any, world: dict[str, Any], personas: dict[str, Any]) -> None:
    make_lesson(session=world["session"], tags=["a"])
    c = _login(client, personas["coordinator_al"])
    url = reverse("evaluation:lessons", kwargs={"pk": world["programme"].pk})
    c.get(url)
    before = _queries(c, url)
    rome = make_session(design=world["design"], country="IT")
    for n in range(25):
        make_lesson(session=world["session"] if n % 2 else rome, title=f"Lesson {n}", tags=[f"t{n % 4}", "common"])
        make_lesson(design=world["design"], title=f"Design lesson {n}", status=LessonStatus.VALIDATED)
    assert _queries(c, url) == before
    assert before <= 15


@pytest.fixture
def panels() -> None:
    panels_lessons.register()


def test_session_and_design_pages_list_their_lessons(
    client: Any, world: dict[str, Any], personas: dict[str, Any], panels: None
) -> None:
    make_lesson(session=world["session"], title="From Tirana")
    make_lesson(design=world["design"], title="From the design")
    c = _login(client, personas["trainer"])
    html = c.get(reverse("delivery:session", kwargs={"pk": world["session"].pk})).content.decode()
    assert "Lessons learned" in html and "From Tirana" in html and "From the design" not in html
    assert reverse("evaluation:lesson_new_session", kwargs={"pk": world["session"].pk}) in html
    assert ">Add a lesson</a>" in html
    html = c.get(reverse("design:detail", kwargs={"pk": world["design"].pk})).content.decode()
    assert "From Tirana" in html and "From the design" in html
    assert reverse("evaluation:lesson_new_design", kwargs={"pk": world["design"].pk}) in html
