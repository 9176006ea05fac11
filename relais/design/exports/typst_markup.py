"""Text from users into Typst source, literally.

Typst markup gives meaning to many ASCII signs: `#` starts code (`#import "x"`), `*` and `_` make
bold and emphasis, `$` math, `` ` `` raw text, `<label>` and `@ref` labels and references, `[ ]`
content, `\\` escapes and line breaks, `//` and `/*` comments, `=`, `-`, `+`, `/` and `1.` at the
start of a line headings and lists, `~`, `--`, `...` and quotes typographic replacements, and a URL
turns into a link by itself. Typst lets a backslash escape any of them, so every ASCII punctuation
sign is escaped: the text then shows exactly as the user typed it and can never run code.
"""

from __future__ import annotations

import re
import string

_ESCAPED = frozenset(string.punctuation)
# Control characters (but tab and newline) have no place in a printed document.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
_SPACES = re.compile(r"[ \t]+")  # not the no-break space, which binds words on purpose


def _escape_line(line: str) -> str:
    return "".join(f"\\{ch}" if ch in _ESCAPED else ch for ch in line)


def escape_markup(text: str) -> str:
    """`text` as Typst markup that shows it literally.

    Paragraphs (separated by blank lines) stay paragraphs, a single newline becomes a line break,
    runs of spaces and tabs collapse to one space, as they would on a printed page."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    paragraphs = []
    for paragraph in _BLANK_LINES.split(text):
        lines = [_SPACES.sub(" ", line).strip(" ") for line in paragraph.split("\n")]
        paragraphs.append(" \\\n".join(_escape_line(line) for line in lines if line))
    return "\n\n".join(p for p in paragraphs if p)


def string_literal(text: str) -> str:
    """`text` as a Typst string literal (for code: link targets, document metadata)."""
    text = _CONTROL.sub("", text)
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    )
    return f'"{escaped}"'
