"""Selects whose options are written in Python, in one pass, instead of through one template
include per option: the same markup as Django's widgets, several times faster for long lists (the
people page's filters list hundreds of countries and organisations at size L; each option cost a
template render)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


def _attrs(attrs: dict[str, Any]) -> SafeString:
    """As django/forms/widgets/attrs.html: in order, False left out, True as a bare name."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", k) if v is True else format_html(' {}="{}"', k, str(v)),)
            for k, v in attrs.items()
            if v is not False
        ),
    )


class QuickSelect(forms.Select):
    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts: list[str] = [format_html('<select name="{}"{}>', widget["name"], _attrs(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('<optgroup label="{}">', group_name))
            for option in options:
                parts.append(
                    format_html(
                        '<option value="{}"{}>{}</option>',
                        "" if option["value"] is None else option["value"],
                        _attrs(option["attrs"]),
                        option["label"],
                    )
                )
            if group_name:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("\n".join(parts))  # every part is built by format_html


class QuickSelectMultiple(QuickSelect, forms.SelectMultiple):
    pass


def quicken(widget: forms.Widget) -> None:
    """Give a plain Select or SelectMultiple the quick rendering (same options, attributes, values)."""
    if type(widget) is forms.Select:
        widget.__class__ = QuickSelect
    elif type(widget) is forms.SelectMultiple:
        widget.__class__ = QuickSelectMultiple
