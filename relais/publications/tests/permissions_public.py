"""Permission matrix entries: the public pages of publications (no login): the list, a build
published to the public and its files."""

from __future__ import annotations

from typing import Any

from relais.publications.models import Visibility
from relais.publications.tests.permissions_builds import make_build
from tests.matrix import ALL, Page


def context(ctx: dict[str, Any]) -> None:
    ctx["pub_public"] = make_build(ctx["programme"], visibility=Visibility.PUBLIC, title="Public report")


PAGES: dict[str, Page] = {
    "publications:public": Page(may=ALL, public=True),
    "publications:public_build": Page(kwargs=lambda ctx: {"pk": ctx["pub_public"].pk}, may=ALL, public=True),
    "publications:public_download": Page(
        kwargs=lambda ctx: {"pk": ctx["pub_public"].pk, "fmt": "pdf"}, may=ALL, public=True
    ),
}
