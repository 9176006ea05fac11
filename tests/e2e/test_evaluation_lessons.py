"""Lessons learned in a browser: a trainer records a lesson from the session's page, an M&E officer
validates it, and it shows in the programme's roll-up (filtered by tag) — with no serious
accessibility violation and no CSP violation."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from relais.accounts.tests.factories import make_user
from relais.delivery.tests.factories import make_session
from relais.design.tests.factories import make_complete_design
from relais.evaluation import panels_lessons
from relais.evaluation.models import LessonLearned, LessonStatus
from relais.programmes.models import Role
from relais.programmes.tests.factories import give_role, make_programme
from tests.e2e.conftest import PASSWORD, login, serious_violations, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def setup(transactional_db: None, _reference_data: None) -> dict[str, Any]:
    panels_lessons.register()  # done by the app's navigation.register() once wired in
    programme = make_programme(title_en="Fighting labour trafficking")
    trainer = make_user(email="trainer@example.org", full_name="Tomas Trainer", password=PASSWORD)
    me_officer = make_user(email="me@example.org", full_name="Emma Evaluator", password=PASSWORD)
    give_role(trainer, programme, Role.TRAINER)
    give_role(me_officer, programme, Role.ME_OFFICER)
    design = make_complete_design(programme=programme, title="Joint investigation training")
    session = make_session(design=design, country="AL", title="Joint investigation training — Tirana")
    session.trainers.add(trainer)
    other = LessonLearned(design=design, title="Keep the mock trial", what_happened="It worked.", tags=["agenda"])
    other.programme_id = programme.pk
    other.status = LessonStatus.APPLIED
    other.save()
    return {"programme": programme, "session": session}


def test_record_validate_and_find_a_lesson(page: Page, setup: dict[str, Any]) -> None:
    base = page.base_url  # type: ignore[attr-defined]
    login(page, "trainer@example.org")
    page.goto(f"{base}/sessions/{setup['session'].pk}/")
    lessons = page.get_by_role("region", name="Lessons learned")
    expect(lessons).to_contain_text("No lesson recorded from this session yet.")
    lessons.get_by_role("link", name="Add a lesson").click()

    expect(page.get_by_role("heading", name="Record a lesson learned")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_label("Title").fill("Book interpreters when the list closes")
    page.get_by_label("What happened").fill("Serbian interpretation was missing on the first morning.")
    page.get_by_label("Why it matters").fill("Two prosecutors could not follow the case study.")
    page.get_by_label("Recommendation").fill("Book interpreters as soon as the participant list closes.")
    page.get_by_role("textbox", name="Tags").fill("Interpretation, logistics")
    shot(page, "lesson-form")
    page.get_by_role("button", name="Record the lesson").click()

    expect(page.get_by_role("heading", name="Book interpreters when the list closes")).to_be_visible()
    expect(page.locator("#messages")).to_contain_text("The lesson is recorded")
    expect(page.get_by_text("Observed", exact=True).first).to_be_visible()
    assert serious_violations(page) == []
    lesson = LessonLearned.objects.get(session=setup["session"])
    assert lesson.tags == ["interpretation", "logistics"]

    page.context.clear_cookies()
    login(page, "me@example.org")
    page.goto(f"{base}/evaluation/lessons/{lesson.pk}/")
    page.get_by_role("button", name="Validate").click()
    expect(page.locator("#messages")).to_contain_text("The lesson is now: Validated.")
    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.VALIDATED
    shot(page, "lesson-detail")
    assert serious_violations(page) == []

    page.get_by_role("link", name="Lessons learned").first.click()
    expect(page.get_by_role("heading", name="Lessons learned", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Book interpreters when the list closes")).to_be_visible()
    expect(page.get_by_role("article")).to_have_count(2)
    page.get_by_label("Tag", exact=True).select_option("logistics")
    expect(page.get_by_role("article")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"tag=logistics"))
    page.get_by_label("Status").select_option("observed")
    expect(page.get_by_text("No lesson matches these filters.")).to_be_visible()
    page.get_by_label("Status").select_option("validated")
    expect(page.get_by_role("article")).to_have_count(1)
    shot(page, "lessons-rollup")
    assert serious_violations(page) == []
    assert page.csp_violations == []  # type: ignore[attr-defined]
