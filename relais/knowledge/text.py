"""User text that becomes HTML: abstracts and descriptions are sanitised with nh3 (Ammonia)."""

from __future__ import annotations

import re

import nh3

ALLOWED_TAGS = {"p", "br", "em", "strong", "i", "b", "ul", "ol", "li", "a", "blockquote", "sub", "sup"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def sanitise_html(value: str) -> str:
    """Keep the few tags an abstract needs; scripts, styles, event handlers and javascript: links go.
    Plain text (no tag at all) is kept as paragraphs."""
    value = (value or "").strip()
    if not value:
        return ""
    if not re.search(r"<[a-zA-Z/!]", value):
        from django.utils.html import escape

        paragraphs = [p.strip() for p in value.replace("\r\n", "\n").split("\n\n") if p.strip()]
        return "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    ).strip()


def plain_text(value: str) -> str:
    """The text of sanitised HTML, for the search index and citations."""
    import html

    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", value or "")).split())
