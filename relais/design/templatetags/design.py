from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key, []) if isinstance(mapping, dict) else []


@register.filter
def hours(minutes: int | None) -> str:
    """Minutes as h:mm (e.g. 390 → 6:30)."""
    minutes = minutes or 0
    return f"{minutes // 60}:{minutes % 60:02d}"


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
