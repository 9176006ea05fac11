"""Permission matrix entries: the document picker of the design editor (those who may edit designs:
administrators and programme managers; 404 for everyone else, the login page for the public)."""

from typing import Any

from relais.knowledge.models import Access
from relais.knowledge.tests.factories import make_document
from tests.matrix import PROGRAMME_MANAGERS, Page

PAGES: dict[str, Page] = {
    "knowledge:pick": Page(
        may=PROGRAMME_MANAGERS, data=lambda ctx: {"q": ctx["kn_pick_doc"].title.split()[0], "target": "material"}
    ),
}


def context(ctx: dict[str, Any]) -> None:
    ctx["kn_pick_doc"] = make_document(title="Picker handbook on victim referral", access=Access.INTERNAL)
