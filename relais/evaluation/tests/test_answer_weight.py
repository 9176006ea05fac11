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


def test_the_answering_page_runs_the_same_queries_however_many_questions(
    client: Any, programme: Any, personas: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    from relais.evaluation.models import ItemType
    from relais.evaluation.tests.factories import make_item

    world = build_answer_world(programme, personas["trainer"])
    invitation = invite(world["pre"], world["regs"]["ana"], "fr")
    section = world["pre"].sections.first()
    address = f"/q/{invitation.token}/"
    client.get(address)
    with django_assert_max_num_queries(40) as first:
        client.get(address)
    for n in range(12):
        kind = (ItemType.SINGLE, ItemType.LIKERT, ItemType.MULTIPLE, ItemType.LONG_TEXT)[n % 4]
        make_item(world["pre"], kind, section=section, translations={"fr": {"text": f"Question {n}"}})
    with django_assert_max_num_queries(len(first.captured_queries)):
        html = client.get(address).content.decode()
    assert "Question 11" in html
