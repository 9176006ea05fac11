"""How participants' data is used: the programme's privacy notice (or the standard one) from a personal
link, the session's page and anonymous answering, in the page's language, escaped, never cached."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone

from relais.evaluation.models import Response
from relais.evaluation.tests.permissions_answer import build_answer_world, invite
from relais.programmes.models import Programme

pytestmark = pytest.mark.django_db

NOTICE_EN = "Who is responsible\nThe secretariat of the programme.\n\nYour rights\nWrite to privacy@example.org."
NOTICE_FR = "Qui est responsable\nLe secrétariat du programme.\n\nVos droits\nÉcrivez à privacy@example.org."


@pytest.fixture
def world(programme: Any, personas: dict[str, Any]) -> dict[str, Any]:
    return build_answer_world(programme, personas["trainer"])


def _notices(programme: Programme, en: str = NOTICE_EN, fr: str = NOTICE_FR, months: int | None = 60) -> None:
    Programme.objects.filter(pk=programme.pk).update(
        privacy_notice_en=en, privacy_notice_fr=fr, retention_months=months
    )


def _privacy_link(html: str) -> str:
    found = re.search(r'<a href="([^"]+)">How your data is used</a>', html) or re.search(
        r'<a href="([^"]+)">Comment vos données sont utilisées</a>', html
    )
    assert found, "no link to the privacy notice"
    return found.group(1).replace("&amp;", "&")


def test_personal_link_shows_the_programmes_notice_in_french(
    client: Any, world: dict[str, Any], programme: Programme
) -> None:
    _notices(programme)
    invitation = invite(world["pre"], world["regs"]["ana"], "fr")
    page = client.get(f"/q/{invitation.token}/").content.decode()
    link = _privacy_link(page)
    assert link == f"/q/{invitation.token}/privacy/"
    response = client.get(link)
    html = response.content.decode()
    assert response.status_code == 200 and '<html lang="fr">' in html
    assert '<section class="privacy-notice" lang="fr"' in html
    assert "<p>Qui est responsable<br>Le secrétariat du programme.</p>" in html
    assert "Who is responsible" not in html
    assert "Combattre la traite par le travail" in html  # the programme's French title
    assert f'href="/q/{invitation.token}/"' in html  # back to the questionnaire
    assert response["Cache-Control"] == "private, no-store" and "noindex" in response["X-Robots-Tag"]


def test_english_page_and_other_languages_read_the_english_notice(
    client: Any, world: dict[str, Any], programme: Programme
) -> None:
    _notices(programme)
    english = invite(world["pre"], world["regs"]["besa"], "en")
    html = client.get(f"/q/{english.token}/privacy/").content.decode()
    assert "<p>Who is responsible<br>The secretariat of the programme.</p>" in html and "Qui est" not in html
    # A questionnaire also offered in Italian: the interface in Italian, the notice in English (marked so).
    world["pre"].languages = ["fr", "it"]
    world["pre"].save(update_fields=["languages"])
    italian = invite(world["pre"], world["regs"]["drita"], "it")
    html = client.get(f"/q/{italian.token}/privacy/").content.decode()
    assert '<html lang="it">' in html
    assert '<section class="privacy-notice" lang="en"' in html and "The secretariat of the programme." in html


def test_notice_text_is_escaped(client: Any, world: dict[str, Any], programme: Programme) -> None:
    _notices(programme, en='<script>alert("x")</script>\n\n<a href="https://evil.example">click</a>', fr="")
    invitation = invite(world["pre"], world["regs"]["besa"], "en")
    html = client.get(f"/q/{invitation.token}/privacy/").content.decode()
    assert "<script>alert" not in html and 'href="https://evil.example"' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_standard_notice_when_the_programme_wrote_none(
    client: Any, world: dict[str, Any], programme: Programme
) -> None:
    _notices(programme, en="", fr="", months=None)
    invitation = invite(world["pre"], world["regs"]["besa"], "en")
    html = client.get(f"/q/{invitation.token}/privacy/").content.decode()
    assert "Fighting labour trafficking" in html  # names the programme
    for heading in ("Who is responsible for your data", "What is recorded and why", "Who sees it", "Your rights"):
        assert heading in html
    assert "kept until you ask for them to be erased" in html
    _notices(programme, en="", fr="", months=36)
    html = client.get(f"/q/{invitation.token}/privacy/").content.decode()
    assert "kept for 36 months after your last training in the programme" in html
    # A French notice alone is not shown to English pages: they read the standard one.
    _notices(programme, en="", fr=NOTICE_FR)
    html = client.get(f"/q/{invitation.token}/privacy/").content.decode()
    assert "Qui est responsable" not in html and "Who is responsible for your data" in html


def test_session_page_links_to_the_notice(client: Any, world: dict[str, Any], programme: Programme) -> None:
    _notices(programme)
    token = world["entry_token"]
    link = _privacy_link(client.get(f"/q/s/{token}/").content.decode())
    assert link == f"/q/s/{token}/privacy/"
    html = client.get(link).content.decode()
    assert "The secretariat of the programme." in html and f'href="/q/s/{token}/"' in html
    assert "Back to the session&#x27;s page" in html or "Back to the session's page" in html
    french = client.get(link, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Le secrétariat du programme." in french


def test_anonymous_answering_links_to_the_notice_in_its_language(
    client: Any, world: dict[str, Any], programme: Programme
) -> None:
    _notices(programme)
    token, satisfaction = world["entry_token"], world["satisfaction"]
    client.get(f"/q/a/{token}/{satisfaction.pk}/?lang=fr")  # chosen on the page: French
    page = client.get(f"/q/a/{token}/{satisfaction.pk}/").content.decode()
    link = _privacy_link(page)
    assert link == f"/q/s/{token}/privacy/?lang=fr&q={satisfaction.pk}"
    html = client.get(link).content.decode()
    assert '<html lang="fr">' in html and "Le secrétariat du programme." in html
    assert f'href="/q/a/{token}/{satisfaction.pk}/"' in html  # back to the questionnaire
    # A personal questionnaire is no way back (the session's page instead); an unknown language is ignored.
    client.cookies.clear()
    html = client.get(f"/q/s/{token}/privacy/?q={world['pre'].pk}&lang=xx").content.decode()
    assert f'href="/q/s/{token}/"' in html and '<html lang="en">' in html


def test_unknown_tokens_are_404(client: Any, world: dict[str, Any]) -> None:
    assert client.get("/q/not-a-token-at-all-0123456789abcdef/privacy/").status_code == 404
    assert client.get("/q/s/unknown-token-unknown-token-unknown/privacy/").status_code == 404
    # A renewed link's old token is unknown too.
    invitation = invite(world["pre"], world["regs"]["besa"], "en")
    old = invitation.token
    invitation.token = "renewed-token-renewed-token-renewed-1234"
    invitation.save(update_fields=["token"])
    assert client.get(f"/q/{old}/privacy/").status_code == 404
    assert client.post(f"/q/{invitation.token}/privacy/").status_code == 405


def test_used_and_expired_links_still_show_the_notice(client: Any, world: dict[str, Any], programme: Programme) -> None:
    """The participant's rights outlast the questionnaire: the notice stays readable, and linked."""
    _notices(programme)
    expired = invite(world["pre"], world["regs"]["besa"], "en", expires_at=timezone.now() - dt.timedelta(days=1))
    message = client.get(f"/q/{expired.token}/")
    assert message.status_code == 410
    assert _privacy_link(message.content.decode()) == f"/q/{expired.token}/privacy/"
    assert client.get(f"/q/{expired.token}/privacy/").status_code == 200
    assert not Response.objects.filter(registration=world["regs"]["besa"]).exists()  # reading starts nothing
