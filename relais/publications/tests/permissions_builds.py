"""Permission matrix entries: the publications index and report builds.

- Index: every signed-in user (an outsider sees an empty list).
- Builder, publish, delete: administrators, the programme's managers and M&E officers.
- A build left with the team and its downloads: the programme's staff (not viewers, not outsiders).
"""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile

from relais.publications.models import BuildStatus, PublicationBuild, Visibility
from tests.matrix import PROGRAMME_MEMBERS, PROGRAMME_STAFF, Page

BUILDERS = frozenset({"admin", "manager", "me_officer"})
POSTED = frozenset({302})


def make_build(programme: Any, *, visibility: str = Visibility.TEAM, title: str = "Results report") -> PublicationBuild:
    """A finished report build with a small PDF and its preview."""
    build = PublicationBuild.objects.create(
        programme=programme,
        title=title,
        language="en",
        parameters={"sections": ["programme"], "session_ids": None, "summary": "", "title": "", "formats": ["pdf"]},
        status=BuildStatus.DONE,
        progress=100,
        html=f"<h2>{title}</h2><p>Preview</p>",
        visibility=visibility,
        content_hash="0" * 64,
    )
    build.pdf.save("report-test-en-2026-01-01.pdf", ContentFile(b"%PDF-1.7\n%test\n"), save=True)
    return build


def context(ctx: dict[str, Any]) -> None:
    ctx["pub_team"] = make_build(ctx["programme"], title="Team build")


def _b(key: str) -> Any:
    return lambda ctx: {"pk": ctx[key].pk}


PAGES: dict[str, Page] = {
    "publications:index": Page(may=PROGRAMME_MEMBERS | {"outsider"}),
    "publications:new": Page(kwargs=lambda ctx: {"pk": ctx["programme"].pk}, may=BUILDERS),
    "publications:build": Page(kwargs=_b("pub_team"), may=PROGRAMME_STAFF),
    "publications:download": Page(kwargs=lambda ctx: {"pk": ctx["pub_team"].pk, "fmt": "pdf"}, may=PROGRAMME_STAFF),
    "publications:publish": Page(
        kwargs=_b("pub_team"), may=BUILDERS, method="post", data=lambda ctx: {"visibility": "programme"}, ok=POSTED
    ),
    "publications:delete": Page(kwargs=_b("pub_team"), may=BUILDERS, method="post", ok=POSTED),
}
