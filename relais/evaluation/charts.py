"""Charts: Vega-Lite specifications built as plain data and rendered on the server by vl-convert
(DESIGN.md §5) — SVG for pages and PDF, PNG for DOCX. Pages then need no chart script and the CSP
stays strict. Every chart is shown with a text alternative and its data table (the caller's job).

Rendering is serialised by a lock (vl-convert's engine is not shared between threads) and
memoised on the specification, so a page shown twice renders its charts once.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections import OrderedDict
from typing import Any

import vl_convert as vlc

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
ACCENT = "#1f5f8b"
FONT = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif"
_lock = threading.Lock()
_cache: OrderedDict[str, str] = OrderedDict()
_CACHE_SIZE = 256


def base_spec(*, width: int | str = "container", height: int = 240, title: str = "") -> dict[str, Any]:
    spec: dict[str, Any] = {
        "$schema": SCHEMA,
        "width": 560 if width == "container" else width,
        "height": height,
        "config": {
            "font": FONT,
            "view": {"stroke": None},
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "grid": True, "gridColor": "#e5e7eb"},
            "legend": {"labelFontSize": 12, "titleFontSize": 12},
            "mark": {"color": ACCENT},
            "background": "white",
        },
    }
    if title:
        spec["title"] = title
    return spec


def _key(spec: dict[str, Any], fmt: str) -> str:
    return fmt + hashlib.sha256(json.dumps(spec, sort_keys=True, default=str).encode()).hexdigest()


def svg(spec: dict[str, Any]) -> str:
    """The chart as an SVG document (no script, no style attribute: safe to inline under the CSP)."""
    key = _key(spec, "svg")
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
        rendered = vlc.vegalite_to_svg(json.loads(json.dumps(spec, default=str)))
        _cache[key] = rendered
        if len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
        return rendered


def png(spec: dict[str, Any], *, scale: float = 2) -> bytes:
    """The chart as a PNG image (for DOCX)."""
    with _lock:
        return bytes(vlc.vegalite_to_png(json.loads(json.dumps(spec, default=str)), scale=scale))


_INNER_ARIA = re.compile(r'\s(?:role="graphics-[a-z-]+"|aria-roledescription="[^"]*"|aria-label="[^"]*")')


def inline_svg(spec: dict[str, Any], *, label: str) -> str:
    """SVG ready to place in a page: the XML prologue removed, marked as an image with its label
    (the data table next to it carries the figures)."""
    from django.utils.html import escape

    text = svg(spec)
    start = text.find("<svg")
    text = text[start:]
    # The picture is one image with one label: the roles and labels Vega gives its marks and axes
    # inside would be images without names to assistive technology (axe: svg-img-alt).
    head_end = text.find(">") + 1
    body = _INNER_ARIA.sub("", text[head_end:])
    return text[:head_end].replace("<svg", f'<svg role="img" aria-label="{escape(label)}" focusable="false"', 1) + body
