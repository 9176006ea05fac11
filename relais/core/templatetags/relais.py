from typing import Any

from django import template
from django.utils.functional import Promise

from relais.core.registry import audit_action_label

register = template.Library()


@register.filter
def action_label(code: str) -> str | Promise:
    return audit_action_label(code)


@register.simple_tag(takes_context=True)
def page_url(context: Any, page_number: int) -> str:
    """The current query string with another page number."""
    query = context["request"].GET.copy()
    query["page"] = page_number
    return "?" + query.urlencode()


@register.filter
def details_items(details: Any) -> list[tuple[str, str]]:
    """Audit details as (key, readable value) pairs; lists are joined with commas."""
    if not isinstance(details, dict):
        return []
    items = []
    for key, value in details.items():
        if isinstance(value, list | tuple):
            value = ", ".join(str(v) for v in value)
        items.append((str(key), str(value)))
    return items


@register.simple_tag(takes_context=True)
def object_panels(context: Any, kind: str, obj: Any) -> str:
    """Render the blocks higher apps registered for this kind of page (core.registry.ObjectPanel)."""
    from django.template.loader import render_to_string
    from django.utils.safestring import mark_safe

    from relais.core.registry import object_panels as panels

    request = context["request"]
    parts = []
    for panel in panels(kind):
        extra = panel.context(request, obj)
        if extra is not None:
            parts.append(render_to_string(panel.template, {"object": obj, **extra}, request=request))
    return mark_safe("".join(parts))
