from typing import Any

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key, []) if isinstance(mapping, dict) else []


@register.filter
def hours(minutes: int | None) -> str:
    """A duration in the user's language: 390 minutes → "6 h 30 min" ("6 h 30" in French), 240 → "4 h"."""
    minutes = minutes or 0
    h, m = divmod(minutes, 60)
    if not m:
        return _("%(h)s h") % {"h": h}
    if not h:
        return _("%(m)s min") % {"m": m}
    return _("%(h)s h %(m)02d min") % {"h": h, "m": m}


@register.simple_tag
def seat(cells: dict[tuple[int, int], int], country_id: int, profession_id: int) -> int | str:
    return cells.get((country_id, profession_id), 0) or "—"


@register.simple_tag
def objective_number(objectives: list[Any], objective: Any) -> str:
    """The objective's number in the design's list (1-based), as shown in the objectives section."""
    for i, o in enumerate(objectives, start=1):
        if o.pk == objective.pk:
            return str(i)
    return "?"


@register.inclusion_tag("design/partials/yesno.html")
def yesno_badge(value: bool) -> dict[str, Any]:
    return {"value": value}
