"""Participants read the interface of their pages in their own language, not only the questions:
the small catalogues of settings.PARTICIPANT_LANGUAGES are complete, and a used or expired link
is refused in the participant's language."""

from __future__ import annotations

import datetime as dt
import html
import importlib.util
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.utils import translation

from relais.evaluation.tests.factories import submit
from relais.evaluation.tests.permissions_answer import build_answer_world, invite

ROOT = Path(__file__).resolve().parents[3]


def _script() -> Any:
    spec = importlib.util.spec_from_file_location("participant_catalogues", ROOT / "scripts/participant_catalogues.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_participant_catalogue_is_complete() -> None:
    """`make messages` adds new participant messages; they must be translated in every language."""
    assert _script().main(["--check"]) == 0


@pytest.mark.parametrize("language", settings.PARTICIPANT_LANGUAGES)
def test_each_language_translates_the_refusal(language: str) -> None:
    with translation.override(language):
        text = translation.gettext("You have already answered this questionnaire")
    assert text != "You have already answered this questionnaire"


@pytest.mark.parametrize(("language", "state"), [("sq", "used"), ("sr", "expired"), ("it", "used")])
def test_a_refused_link_speaks_the_participants_language(
    client: Any, programme: Any, personas: dict[str, Any], language: str, state: str
) -> None:
    world = build_answer_world(programme, personas["trainer"])
    world["pre"].languages = ["en", "fr", language]
    world["pre"].save()
    registration = world["regs"]["besa"]
    if state == "used":
        invitation = invite(world["pre"], registration, language)
        submit(world["pre"], registration, {}, actor=None, allow_missing=True)
        english = "You have already answered this questionnaire"
    else:
        invitation = invite(world["pre"], registration, language, expires_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
        english = "This link has expired"
    response = client.get(f"/q/{invitation.token}/")
    page = html.unescape(response.content.decode())
    with translation.override(language):
        expected = translation.gettext(english)
    assert response.status_code == 410
    assert f'<html lang="{language}">' in page and expected in page and english not in page
