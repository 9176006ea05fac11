"""Highlighted titles and snippets of the hits: the text HTML-escaped, the query's words in <mark>.

tantivy's SnippetGenerator finds the best passage and the matched words, but it analyses the whole
text it is given (stemming 30,000 characters costs ~5 ms a hit). So the passage is first located
cheaply: a regular expression made of the query's tokens (stems, accent-tolerant: "exploatar"
also matches "exploatării") finds the first place in the stored text where one may be, and the
generator works on a window around it. When the expression finds nothing (the match was in the
title, the authors, or past the stored part of the text), the abstract is used instead.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import cache

import tantivy

from relais.knowledge.search import Hit
from relais.knowledge.search.analysers import PLAIN, query_variants, token
from relais.knowledge.search.schema import text_field

SNIPPET_CHARS = 240
WINDOW_BEFORE = 150
WINDOW_AFTER = 350
_SPACES = re.compile(r"\s+")


def fragment_html(snippet: tantivy.Snippet) -> str:
    """The fragment as HTML: the text escaped, the matched words in <mark> (tantivy's to_html uses
    <b>: built here instead, from the matched byte ranges)."""
    fragment = snippet.fragment().encode()
    parts, at = [], 0
    for r in sorted(snippet.highlighted(), key=lambda r: r.start):
        if r.start < at:
            continue
        parts.append(html.escape(fragment[at : r.start].decode(errors="ignore")))
        parts.append("<mark>" + html.escape(fragment[r.start : r.end].decode(errors="ignore")) + "</mark>")
        at = r.end
    parts.append(html.escape(fragment[at:].decode(errors="ignore")))
    return "".join(parts)


def _has_word(text: str) -> bool:
    return any(c.isalnum() for c in text)


def excerpt(text: str, chars: int = SNIPPET_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= chars:
        return html.escape(text)
    return html.escape(text[:chars].rsplit(" ", 1)[0]) + "…"


@cache
def _letter_classes() -> dict[str, str]:
    """For each ASCII letter, a regex class of the letters that fold to it (é, ê, ë… for e)."""
    found: dict[str, set[str]] = {}
    for code in [*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)]:
        char = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        if len(base) == 1 and base.isascii() and base.isalpha():
            found.setdefault(base.lower(), set()).add(char.lower())
    for char, base in (("đ", "d"), ("ł", "l"), ("ø", "o"), ("ı", "i"), ("ħ", "h"), ("ŧ", "t")):
        found.setdefault(base, set()).add(char)
    return {base: "[" + re.escape(base + "".join(sorted(chars))) + "]" for base, chars in found.items()}


def _token_pattern(token: str) -> str:
    stem = token[:-1] if len(token) > 4 else token  # "countri" is not a prefix of "country"
    classes = _letter_classes()
    return "".join(classes.get(c, re.escape(c)) for c in stem)


class Finder:
    """Where a pattern first matches in a text, fast: the regex engine is slow on the accent-tolerant
    classes (~50 ns a character), so the first letters of the pattern's tokens are looked for as
    plain strings (lower case, capitalised, upper case) and the pattern is only tried there; the
    full search runs when that finds nothing (an accent in the first letters, or no match)."""

    def __init__(self, pattern: str, firsts: set[str]) -> None:
        self.pattern = re.compile(pattern, re.IGNORECASE)
        self.slow = re.compile(r"(?<!\w)(?:" + pattern + ")", re.IGNORECASE)
        self.prefixes = {v for f in firsts if f for v in (f[:4], f[:4].capitalize(), f[:4].upper())}

    def first(self, text: str) -> int | None:
        best = len(text)
        for prefix in self.prefixes:
            at = text.find(prefix, 0, best)
            while at != -1:
                if (at == 0 or not text[at - 1].isalnum()) and self.pattern.match(text, at):
                    best = at
                    break
                at = text.find(prefix, at + 1, best)
        if best < len(text):
            return best
        found = self.slow.search(text)
        return found.start() if found else None


def locator(clauses: list[tuple[list[str], bool]], group: str) -> list[Finder]:
    """Finders of where the query's clauses (words, is a phrase) may be in a text of this analyser's
    language: each phrase first (its words in order, two others at most between them), then any word."""
    found: list[Finder] = []
    words: set[str] = set()
    for clause_words, phrase in clauses:
        if phrase:
            # Three words at most: enough to place the passage, and the pattern's alignments stay
            # few (each gap may skip words: k words try ~3^k alignments on repetitive text).
            tokens = [t for w in clause_words if (t := token(group, w))][:3]
            words.update(tokens)
            if len(tokens) > 1:
                gap = r"\w*(?:\W+\w+){0,2}?\W+"
                found.append(Finder(gap.join(_token_pattern(t) for t in tokens), {tokens[0]}))
        elif clause_words:
            words.update(query_variants(group, clause_words[0]))
    parts = sorted({_token_pattern(t) for t in words if t}, key=len, reverse=True)
    if parts:
        found.append(Finder("|".join(parts), words))
    return found


class Highlighter:
    """Titles and snippets of the hits of one search: one generator per field, made when first
    needed; `clauses` = the query's positive clauses as (words, is a phrase), to locate passages."""

    def __init__(
        self,
        searcher: tantivy.Searcher,
        schema: tantivy.Schema,
        query: tantivy.Query | None,
        clauses: list[tuple[list[str], bool]],
    ) -> None:
        self.searcher, self.schema, self.query, self.clauses = searcher, schema, query, clauses
        self._generators: dict[tuple[str, int], tantivy.SnippetGenerator] = {}
        self._locators: dict[str, list[Finder]] = {}

    def _generator(self, name: str, chars: int) -> tantivy.SnippetGenerator:
        key = (name, chars)
        if key not in self._generators:
            assert self.query is not None
            generator = tantivy.SnippetGenerator.create(self.searcher, self.query, self.schema, name)
            generator.set_max_num_chars(chars)
            self._generators[key] = generator
        return self._generators[key]

    def _locate(self, group: str, text: str) -> int | None:
        if group not in self._locators:
            self._locators[group] = locator(self.clauses, group)
        for finder in self._locators[group]:
            if (at := finder.first(text)) is not None:
                return at
        return None

    def _snippet(self, name: str, text: str, chars: int) -> tantivy.Snippet | None:
        snippet = self._generator(name, chars).snippet_from_doc(tantivy.Document(**{name: text}))
        return snippet if snippet.highlighted() else None

    def title(self, group: str, title: str) -> str:
        """The whole title, the query's words marked."""
        if not self.query or not title or self._locate(group, title) is None:
            return html.escape(title)
        snippet = self._snippet(text_field("title", group), title, 2000)
        if snippet is None:
            return html.escape(title)
        span, raw = snippet.fragment_range(), title.encode()
        before, after = raw[: span.start].decode(errors="ignore"), raw[span.end :].decode(errors="ignore")
        return html.escape(before) + fragment_html(snippet) + html.escape(after)

    def passage(self, name: str, group: str, text: str, *, locate: bool) -> str | None:
        """A passage of `text` around the query's words, marked; None when none is found in it."""
        if self.query is None or not text:
            return None
        start = 0
        if locate:
            at = self._locate(group, text)
            if at is None:
                return None
            start = max(0, at - WINDOW_BEFORE)
            if start:
                space = text.find(" ", start)
                start = space + 1 if 0 <= space < at else start
            text_part = text[start : at + WINDOW_AFTER]
        else:
            text_part = text
        snippet = self._snippet(name, text_part, SNIPPET_CHARS)
        if snippet is None:
            return None
        span, raw = snippet.fragment_range(), text_part.encode()
        before = text[:start] + raw[: span.start].decode(errors="ignore")
        after = raw[span.end :].decode(errors="ignore") + text[start + len(text_part) :]
        head = "…" if _has_word(before) else html.escape(before.strip())
        tail = "…" if _has_word(after[:200]) else html.escape(after.strip())
        return _SPACES.sub(" ", head + fragment_html(snippet) + tail).strip()

    def hit(self, doc: tantivy.Document, document_id: int, score: float, *, body_matched: bool = True) -> Hit:
        """Title and snippet: a passage of the text when the query matched there (`body_matched`),
        else of the abstract, else the abstract's (or text's) beginning."""
        title, abstract, body = (stored(doc, n) for n in ("stored_title", "stored_abstract", "stored_body"))
        body = without_title_page(body, title)
        groups = (doc.get_first("groups") or f"{PLAIN} {PLAIN}").split()
        title_group, body_group = groups[0], groups[-1]
        snippet = (
            (body_matched and self.passage(text_field("body", body_group), body_group, body, locate=True))
            or self.passage(text_field("abstract", title_group), title_group, abstract, locate=False)
            or excerpt(abstract or body)
        )
        title_html = self.title(title_group, title)
        return Hit(document_id=document_id, score=score, title_html=title_html, snippet_html=snippet, title=title)


def without_title_page(body: str, title: str) -> str:
    """A file's text usually opens with the title the hit already shows: a passage is looked for
    after it, so the snippet says something the title does not."""
    if title and body[: len(title) + 40].lower().lstrip().startswith(title.lower()):
        at = body.lower().find(title.lower())
        return body[at + len(title) :]
    return body


def stored(doc: tantivy.Document, name: str) -> str:
    value = doc.get_first(name)
    if isinstance(value, bytes | bytearray):
        return bytes(value).decode(errors="ignore")
    return str(value or "")
