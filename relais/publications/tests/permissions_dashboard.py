"""Permission matrix entries: the programme dashboard and its charts' downloads — everyone with a
role in the programme (viewers with small figures suppressed); everyone else 404."""

from typing import Any

from tests.matrix import PROGRAMME_MEMBERS, Page


def _chart(key: str, fmt: str) -> Any:
    return lambda ctx: {"pk": ctx["programme"].pk, "key": key, "fmt": fmt}


PAGES: dict[str, Page] = {
    "publications:dashboard": Page(kwargs=lambda ctx: {"pk": ctx["programme"].pk}, may=PROGRAMME_MEMBERS),
    "publications:dashboard_chart": Page(kwargs=_chart("sessions-country", "csv"), may=PROGRAMME_MEMBERS),
}


def context(ctx: dict[str, Any]) -> None:
    pass
