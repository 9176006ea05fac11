"""How to cite a document: APA 7 (text and HTML), BibTeX and RIS.

Authors are stored as written ("Ana Marković", "Marković, Ana"). A name is read as a person
("family, given" when it has a comma, otherwise the last word — with its particles, "van", "de la"…
— is the family name), unless it is written in braces ("{Council of Europe}"), is a single word
("OSCE", "Europol") or holds a word that names a body ("Ministry", "Organization", "Centre"…): then
it is an organisation and stays whole. A document without an author is cited under its publisher
(APA's group author; APA then does not repeat the publisher, BibTeX and RIS keep it in its field).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from relais.knowledge.models import Document, DocumentKind
from relais.knowledge.services import normalise_doi
from relais.programmes.text import search_key

APA_MAX_AUTHORS = 20
PARTICLES = {"van", "von", "de", "der", "den", "del", "della", "di", "da", "das", "dos", "du", "la", "le", "ter", "zu"}
ORGANISATION_WORDS = {
    "academy", "agency", "association", "authority", "bureau", "centre", "center", "commission", "committee",
    "council", "court", "department", "directorate", "europe", "federation", "foundation", "government",
    "group", "inspectorate", "institute", "international", "ministry", "network", "nations", "office",
    "organisation", "organization", "parliament", "police", "programme", "program", "secretariat",
    "service", "society", "tribunal", "union", "university",
}  # fmt: skip
KEY_SKIP_WORDS = {"a", "an", "the", "le", "la", "les", "l", "un", "une", "des", "der", "die", "das", "el", "il", "lo"}


@dataclass(frozen=True)
class Name:
    family: str  # the whole name of an organisation
    given: str = ""
    organisation: bool = False

    @property
    def initials(self) -> str:
        """APA initials: "Ana Maria" → "A. M.", "Jean-Paul" → "J.-P."."""
        parts = []
        for word in self.given.split():
            if word.casefold() in PARTICLES:
                continue
            pieces = [p for p in word.split("-") if p]
            parts.append("-".join(f"{p[0]}." for p in pieces))
        return " ".join(parts)

    def apa(self) -> str:
        if self.organisation or not self.given:
            return self.family
        return f"{self.family}, {self.initials}"

    def inverted(self) -> str:
        """The name as "Family, Given", as BibTeX and RIS want it."""
        return self.family if self.organisation or not self.given else f"{self.family}, {self.given}"


def _looks_like_organisation(value: str) -> bool:
    words = [w.strip(".,()").casefold() for w in value.split()]
    return len(words) == 1 or any(w in ORGANISATION_WORDS for w in words)


def parse_name(value: str) -> Name:
    value = " ".join(value.split())
    if value.startswith("{") and value.endswith("}"):
        return Name(family=value[1:-1].strip(), organisation=True)
    if _looks_like_organisation(value):
        return Name(family=value, organisation=True)
    if "," in value:
        family, given = (p.strip() for p in value.split(",", 1))
        return Name(family=family, given=given)
    words = value.split()
    start = len(words) - 1
    while start > 1 and words[start - 1].casefold() in PARTICLES:
        start -= 1
    return Name(family=" ".join(words[start:]), given=" ".join(words[:start]))


def authors_of(document: Document) -> list[Name]:
    """The document's authors; its publisher (as an organisation) when it names none."""
    names = [parse_name(str(a)) for a in (document.authors or []) if str(a).strip()]
    if not names and document.publisher.strip():
        names = [Name(family=" ".join(document.publisher.split()), organisation=True)]
    return names


def _publisher_is_author(document: Document, names: list[Name]) -> bool:
    publisher = " ".join(document.publisher.split())
    return len(names) == 1 and names[0].organisation and names[0].family == publisher


def _end(text: str) -> str:
    """A sentence of a reference ends with one full stop (none after "?" or "!")."""
    text = text.rstrip()
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _apa_authors(names: list[Name]) -> str:
    parts = [n.apa() for n in names]
    if len(parts) > APA_MAX_AUTHORS:  # APA 7: the first 19, an ellipsis, the last
        return ", ".join(parts[:19]) + ", . . . " + parts[-1]
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + ", & " + parts[-1]


def doi_url(document: Document) -> str:
    doi = normalise_doi(document.doi)
    return f"https://doi.org/{doi}" if doi else ""


@dataclass(frozen=True)
class Apa:
    text: str
    html: SafeString


def apa(document: Document) -> Apa:
    """APA 7: Family, A. B., & Other, C. (2024). <i>Title</i>. Publisher. https://doi.org/…"""
    names = authors_of(document)
    year = f"({document.year})." if document.year else "(n.d.)."
    title = " ".join(document.title.split())
    link = doi_url(document) or document.url.strip()
    text_parts: list[str] = []
    html_parts: list[str] = []
    if names:
        authors = _end(_apa_authors(names))
        text_parts += [authors, year, _end(title)]
        html_parts += [escape(authors), escape(year), f"<i>{escape(title)}</i>{'' if _end(title) == title else '.'}"]
    else:  # no author: the title takes the author's place
        text_parts += [_end(title), year]
        html_parts += [f"<i>{escape(title)}</i>{'' if _end(title) == title else '.'}", escape(year)]
    if document.publisher.strip() and not _publisher_is_author(document, names):
        publisher = _end(" ".join(document.publisher.split()))
        text_parts.append(publisher)
        html_parts.append(escape(publisher))
    if link:
        text_parts.append(link)
        html_parts.append(f'<a href="{escape(link)}">{escape(link)}</a>')
    return Apa(text=" ".join(text_parts), html=mark_safe(" ".join(html_parts)))  # parts escaped above


# BibTeX ---------------------------------------------------------------------------------------

BIBTEX_TYPES = {
    DocumentKind.STUDY: "techreport",
    DocumentKind.REPORT: "techreport",
    DocumentKind.GUIDELINE: "manual",
    DocumentKind.MANUAL: "manual",
    DocumentKind.LEGAL_TEXT: "misc",
    DocumentKind.CASE_LAW: "misc",
    DocumentKind.TRAINING_MATERIAL: "misc",
}
# Which field holds the publisher in each entry type.
BIBTEX_PUBLISHER_FIELD = {"techreport": "institution", "manual": "organization", "misc": "howpublished"}
_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def bibtex_escape(value: str) -> str:
    """Escape the characters BibTeX and LaTeX treat specially; accents stay as UTF-8."""
    return "".join(_BIBTEX_ESCAPES.get(ch, ch) for ch in " ".join(value.split()))


def _bibtex_url(value: str) -> str:
    """URLs are read verbatim by biblatex: only what would unbalance the entry is percent-encoded."""
    return quote(value.strip(), safe="".join(chr(c) for c in range(33, 127) if chr(c) not in '{}\\"'))


def _ascii_words(value: str) -> list[str]:
    # "Đorđević" is written "Djordjevic" in ASCII (search keys, which only compare, say "dordevic").
    return re.findall(r"[a-z0-9]+", search_key(value.casefold().replace("đ", "dj").replace("ђ", "dj")))


def citation_key(document: Document) -> str:
    """First author's family name + year + first word of the title, in ASCII: "markovic2024guideline"."""
    names = authors_of(document)
    family = "".join(_ascii_words(names[0].family)[:1]) if names else ""
    words = [w for w in _ascii_words(document.title) if w not in KEY_SKIP_WORDS]
    key = f"{family}{document.year or 'nd'}{words[0] if words else ''}"
    return key if family or words else f"document{document.pk}"


def bibtex(document: Document) -> str:
    entry = BIBTEX_TYPES.get(document.kind, "misc")  # type: ignore[call-overload]
    names = authors_of(document)
    fields: list[tuple[str, str]] = []
    if names:
        people = " and ".join(
            f"{{{bibtex_escape(n.family)}}}" if n.organisation else bibtex_escape(n.inverted()) for n in names
        )
        fields.append(("author", people))
    fields.append(("title", bibtex_escape(document.title)))
    if document.publisher.strip():
        fields.append((BIBTEX_PUBLISHER_FIELD[entry], bibtex_escape(document.publisher)))
    if document.place.strip():
        fields.append(("address", bibtex_escape(document.place)))
    if document.year:
        fields.append(("year", str(document.year)))
    if document.isbn.strip():
        fields.append(("isbn", bibtex_escape(document.isbn)))
    doi = normalise_doi(document.doi)
    if doi:
        fields.append(("doi", _bibtex_url(doi)))
    if document.url.strip():
        fields.append(("url", _bibtex_url(document.url)))
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields)
    return f"@{entry}{{{citation_key(document)},\n{body}}}\n"


# RIS ------------------------------------------------------------------------------------------

RIS_TYPES = {
    DocumentKind.STUDY: "RPRT",
    DocumentKind.REPORT: "RPRT",
    DocumentKind.GUIDELINE: "RPRT",
    DocumentKind.MANUAL: "BOOK",
    DocumentKind.TRAINING_MATERIAL: "GEN",
    DocumentKind.LEGAL_TEXT: "STAT",
    DocumentKind.CASE_LAW: "CASE",
}


_BLOCK_TAG = re.compile(r"</?(p|br|li|ul|ol|blockquote)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")


def _abstract_text(value: str) -> str:
    """The abstract's text: blocks become spaces, inline tags (emphasis, links) vanish."""
    import html

    return " ".join(html.unescape(_TAG.sub("", _BLOCK_TAG.sub(" ", value or ""))).split())


def ris(document: Document) -> str:
    """RIS (lines end with CRLF, as the format asks)."""
    lines: list[tuple[str, str]] = [("TY", RIS_TYPES.get(document.kind, "GEN"))]  # type: ignore[call-overload]
    names = authors_of(document)
    lines += [("AU", n.inverted()) for n in names]
    lines.append(("TI", document.title))
    if document.year:
        lines.append(("PY", str(document.year)))
    if document.publisher.strip():
        lines.append(("PB", document.publisher))
    if document.place.strip():
        lines.append(("CY", document.place))
    if document.isbn.strip():
        lines.append(("SN", document.isbn))
    doi = normalise_doi(document.doi)
    if doi:
        lines.append(("DO", doi))
    if document.url.strip() or doi:
        lines.append(("UR", document.url.strip() or doi_url(document)))
    lines += [("LA", code) for code in (document.languages or [document.language]) if code]
    abstract = _abstract_text(document.abstract)
    if abstract:
        lines.append(("AB", abstract))
    out = "".join(f"{tag}  - {' '.join(str(value).split())}\r\n" for tag, value in lines)
    return out + "ER  - \r\n"
