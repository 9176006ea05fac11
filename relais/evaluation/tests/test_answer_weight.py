"""The participants' pages stay light for phones on slow connections: no script at all, one small
stylesheet of their own beside the site's, and a page of a few kilobytes."""

from __future__ import annotations

from typing import Any

from relais.evaluation.tests.permissions_answer import build_answer_world, invite
from relais.evaluation.tokens import session_entry_token


def test_participant_pages_load_no_script(client: Any, programme: Any, personas: dict[str, Any]) -> None:
    world = build_answer_world(programme, personas["trainer"])
    invitation = invite(world["pre"], world["regs"]["ana"], "fr")
    for address in (f"/q/{invitation.token}/", f"/q/s/{session_entry_token(world['session'])}/"):
        html = client.get(address).content.decode()
        assert "<script" not in html, address
        assert html.count('rel="stylesheet"') == 3 and "evaluation/answer" in html
        assert len(html.encode()) < 20_000
    # Staff pages keep htmx.
    client.force_login(personas["manager"])
    assert "htmx" in client.get("/").content.decode()
