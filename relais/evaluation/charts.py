"""Charts: Vega-Lite specifications built as plain data and rendered on the server by vl-convert
(DESIGN.md §5) — SVG for pages and PDF, PNG for DOCX. Pages then need no chart script and the CSP
stays strict. Every chart is shown with a text alternative and its data table (the caller's job).

Rendering is serialised by a lock (vl-convert's engine is not shared between threads) and
memoised on the specification, so a page shown twice renders its charts once.

Long labels (session titles, item texts, group names) are cut here, in Python, with `short_labels`
before they go into a chart's data: Vega's own cutting (`labelLimit`) measures each label's text
again and again to find where to cut, which made a chart of 20 session titles take close to a second
to render. The axes and legends have no label limit (0: Vega never cuts), and the data tables and
text alternatives beside the charts keep the full texts.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

import vl_convert as vlc

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
ACCENT = "#1f5f8b"
FONT = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif"
_lock = threading.Lock()
_cache: OrderedDict[str, str] = OrderedDict()
_CACHE_SIZE = 256
LABEL_LIMIT = 38  # characters of a drawn label: about 220 pixels at 12 px
ELLIPSIS = "…"


def base_spec(*, width: int | str = "container", height: int = 240, title: str = "") -> dict[str, Any]:
    spec: dict[str, Any] = {
        "$schema": SCHEMA,
        "width": 560 if width == "container" else width,
        "height": height,
        "config": {
            "font": FONT,
            "view": {"stroke": None},
            # labelLimit 0: no limit, Vega never measures labels to cut them (short_labels did).
            "axis": {
                "labelFontSize": 12,
                "titleFontSize": 12,
                "grid": True,
                "gridColor": "#e5e7eb",
                "labelLimit": 0,
            },
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "labelLimit": 0},
            "mark": {"color": ACCENT},
            "background": "white",
        },
    }
    if title:
        spec["title"] = title
    return spec


_TRAILING = " \t,;:.-–—/·|([{«“'\""


def _head(text: str, room: int) -> str:
    """The start of text in at most `room` characters, cut at a word boundary unless that would keep
    less than half the room, without trailing spaces or punctuation."""
    if len(text) <= room:
        return text
    head = text[:room]
    if not text[room].isspace():
        space = head.rfind(" ")
        if space >= room // 2:
            head = head[:space]
    return head.rstrip(_TRAILING) or text[:room]


def _tail(text: str, room: int) -> str:
    """The end of text in at most `room` characters, from a word boundary when one is near."""
    if len(text) <= room:
        return text
    tail = text[-room:]
    if not text[-room - 1].isspace():
        space = tail.find(" ")
        if 0 <= space <= room // 3:
            tail = tail[space + 1 :]
    return tail.lstrip(_TRAILING) or text[-room:]


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def short_label(text: str, limit: int = LABEL_LIMIT) -> str:
    """The label as a chart draws it: at most `limit` characters, cut at a word boundary when
    possible and ended with an ellipsis. A label that fits is left as it is."""
    if len(text) <= limit:
        return text
    text = _clean(text)
    if len(text) <= limit:
        return text
    return _head(text, max(1, limit - len(ELLIPSIS))) + ELLIPSIS


def _middle(text: str, limit: int) -> str:
    """Start … end: for labels that differ only after their first `limit` characters (session
    titles ending with a place and a date)."""
    room = limit - 3  # " … "
    tail = _tail(text, room // 2)
    return f"{_head(text, room - len(tail))} {ELLIPSIS} {tail}"


def short_labels(labels: Sequence[str], limit: int = LABEL_LIMIT) -> list[str]:
    """`short_label` of each label, in the same order, all different: a nominal axis merges equal
    values into one bar, so labels that would become equal keep their end too ("start … end") or,
    failing that, take a number (" (2)", " (3)"…). One label per bar (or legend entry): two
    entries equal before shortening are two bars and also get different labels."""
    out = [short_label(text, limit) for text in labels]
    if len(set(out)) == len(out):
        return out
    counts: dict[str, int] = {}
    for text in out:
        counts[text] = counts.get(text, 0) + 1
    # Long labels that collided after cutting share their start: keep their end too.
    middle = [limit >= 20 and counts[out[i]] > 1 and len(_clean(text)) > limit for i, text in enumerate(labels)]

    def shortened(i: int, room: int) -> str:
        return _middle(_clean(labels[i]), room) if middle[i] else short_label(labels[i], max(1, room))

    out = [shortened(i, limit) for i in range(len(labels))]
    planned = set(out)
    taken: set[str] = set()
    final: list[str] = []
    for i, text in enumerate(out):
        n = 1
        while text in taken or (n > 1 and text in planned):
            n += 1
            suffix = f" ({n})"
            text = shortened(i, limit - len(suffix)) + suffix
        taken.add(text)
        final.append(text)
    return final


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
