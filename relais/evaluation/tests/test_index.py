"""The Evaluation menu's page: each programme the user may read with its pages; the item library
for those who build questionnaires."""

from __future__ import annotations

from typing import Any


def test_staff_reach_the_library_from_the_evaluation_page(
    client: Any, personas: dict[str, Any], programme: Any
) -> None:
    client.force_login(personas["trainer"])
    html = client.get("/evaluation/").content.decode()
    assert programme.title in html and 'href="/questionnaires/library/"' in html
    client.force_login(personas["viewer"])
    html = client.get("/evaluation/").content.decode()
    assert programme.title in html and "/questionnaires/library/" not in html
    client.force_login(personas["outsider"])
    assert programme.title not in client.get("/evaluation/").content.decode()
