"""Checking the rows of a catalogue sheet: every cell against what Relais accepts, every named file
against the ZIP or folder (and H2's file checks), duplicates within the sheet. Pure given the
reference data (`load_references`) and the files: nothing here reads documents or writes.

Problems carry the row and the column as the spreadsheet shows them, the value and a translated
message; warnings (a file no row names, a translation key on one row) do not stop the import.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import translation
from django.utils.translation import gettext as _

from relais.knowledge.import_documents_files import Entry, FileSource, leaves_folder
from relais.knowledge.import_documents_read import FIELD_LABELS, Column, Table, norm
from relais.knowledge.models import Access, Document, DocumentKind
from relais.knowledge.services import normalise_doi

MIN_YEAR = 1800
LIST_SPLIT = re.compile(r"\s*;\s*")
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_ISBN_PREFIX = re.compile(r"^isbn(?:[\s-]*1[03])?\s*:?\s*", re.IGNORECASE)


def _max_length(name: str) -> int:
    return int(getattr(Document._meta.get_field(name), "max_length", 0) or 0)


MAX_LENGTHS: dict[str, int] = {
    "title": _max_length("title"),
    "publisher": _max_length("publisher"),
    "place": _max_length("place"),
    "url": _max_length("url"),
    "doi": _max_length("doi"),
    "collection": 300,
    "translation_key": 100,
    "file": 255,
}

KIND_ALIASES: dict[str, tuple[str, ...]] = {
    DocumentKind.STUDY: ("study", "studies", "research", "etude", "etudes", "recherche"),
    DocumentKind.GUIDELINE: ("guideline", "guidelines", "guidance", "guide", "guides", "ligne directrice",
                             "lignes directrices", "orientations", "recommandations"),
    DocumentKind.MANUAL: ("manual", "manuals", "handbook", "manuel", "manuels"),
    DocumentKind.TRAINING_MATERIAL: ("training material", "training materials", "training", "materiel de formation",
                                     "materiels de formation", "support de formation", "supports de formation",
                                     "materiel pedagogique", "formation"),
    DocumentKind.REPORT: ("report", "reports", "rapport", "rapports"),
    DocumentKind.LEGAL_TEXT: ("legal text", "legal texts", "law", "legislation", "texte juridique",
                              "textes juridiques", "texte legal", "loi", "legislation"),
    DocumentKind.CASE_LAW: ("case law", "case", "judgment", "judgement", "jurisprudence", "decision de justice",
                            "arret"),
}  # fmt: skip

ACCESS_ALIASES: dict[str, tuple[str, ...]] = {
    Access.PUBLIC: ("public", "publique", "publiques", "publics", "open", "ouvert", "everyone", "tous", "oui", "yes"),
    Access.INTERNAL: ("internal", "interne", "internes", "private", "prive", "privee", "restricted", "restreint",
                      "non", "no"),
}  # fmt: skip

# Names of languages in themselves, and other usual names (codes and English/French names come
# from the reference table).
LANGUAGE_ALIASES = {
    "english": "en", "francais": "fr", "deutsch": "de", "espanol": "es", "castellano": "es", "italiano": "it",
    "portugues": "pt", "romana": "ro", "romanian": "ro", "moldovan": "ro", "russkii": "ru", "srpski": "sr",
    "serbian": "sr", "shqip": "sq", "albanian": "sq", "hrvatski": "hr", "bosanski": "bs", "makedonski": "mk",
    "balgarski": "bg", "magyar": "hu", "cestina": "cs", "nederlands": "nl", "slovenscina": "sl",
    "slovencina": "sk", "polski": "pl", "turkce": "tr", "greek": "el", "grec": "el", "ukrainska": "uk",
    "montenegrin": "sr", "crnogorski": "sr",
}  # fmt: skip

COUNTRY_ALIASES = {
    "macedonia": "MK", "fyrom": "MK", "north macedonia": "MK", "czech republic": "CZ", "bih": "BA",
    "bosnia": "BA", "holland": "NL", "the netherlands": "NL", "uk": "GB", "great britain": "GB",
    "england": "GB", "usa": "US", "turkey": "TR", "turquie": "TR", "republic of moldova": "MD",
    "moldova republic of": "MD", "kosova": "XK", "eu": "", "europe": "",
}  # fmt: skip


@dataclass(frozen=True)
class Problem:
    row: int | None  # as the spreadsheet numbers it; None for the whole sheet or a file
    column: str  # letter and heading, "D (Type)"; "" for a whole row or the file
    value: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        """E.g. row 3, column N (DOI) “10.1000/x”: the same DOI as row 2 (the value when the message lacks it)."""
        column, reason = self.column, self.message
        if self.value and self.value not in self.message:
            if column:
                column = f"{column} “{self.value}”"
            elif not self.row:
                reason = f"{self.value}: {reason}"
        if self.row and column:
            text = _("row %(row)s, column %(column)s: %(reason)s") % {
                "row": self.row,
                "column": column,
                "reason": reason,
            }
        elif self.row:
            text = _("row %(row)s: %(reason)s") % {"row": self.row, "reason": reason}
        elif column:
            text = _("column %(column)s: %(reason)s") % {"column": column, "reason": reason}
        else:
            text = reason
        return (_("warning: %(text)s") % {"text": text}) if self.warning else text


@dataclass
class References:
    """What the cells are checked against, read once per import."""

    kinds: dict[str, str] = field(default_factory=dict)
    access: dict[str, str] = field(default_factory=dict)
    languages: dict[str, str] = field(default_factory=dict)
    themes: dict[str, int] = field(default_factory=dict)
    countries: dict[str, int] = field(default_factory=dict)
    professions: dict[str, int] = field(default_factory=dict)
    theme_codes: list[str] = field(default_factory=list)
    profession_codes: list[str] = field(default_factory=list)


def _names(text: str) -> list[str]:
    """A reference name and its parts: "Modern Greek (1453-)" → "Modern Greek"; "Spanish; Castilian" → both."""
    text = re.sub(r"\([^)]*\)", " ", text or "")
    parts = [text, *re.split(r"[;,]", text)]
    return [k for k in (norm(p) for p in parts) if k]


def load_references() -> References:
    import pycountry

    from relais.core.models import Country, Language, Profession, Theme

    refs = References()
    for code, label in DocumentKind.choices:
        keys = [code, str(label), *KIND_ALIASES.get(code, ())]
        with translation.override("fr"):
            keys.append(str(label))
        with translation.override("en"):
            keys.append(str(label))
        for key in keys:
            refs.kinds.setdefault(norm(key), code)
    for code, aliases in ACCESS_ALIASES.items():
        for key in (code, *aliases, *(str(label) for value, label in Access.choices if value == code)):
            refs.access.setdefault(norm(key), code)
    codes = set()
    for code, name_en, name_fr in Language.objects.filter(is_active=True).values_list("code", "name_en", "name_fr"):
        codes.add(code)
        refs.languages[norm(code)] = code
        for key in (*_names(name_en), *_names(name_fr)):
            refs.languages.setdefault(key, code)
    for lang in pycountry.languages:
        alpha2 = getattr(lang, "alpha_2", None)
        if alpha2 in codes:
            for other in (getattr(lang, "alpha_3", ""), getattr(lang, "bibliographic", "")):
                if other:
                    refs.languages.setdefault(norm(other), alpha2)
    for alias, code in LANGUAGE_ALIASES.items():
        if code in codes:
            refs.languages.setdefault(norm(alias), code)
    for pk, code, name_en, name_fr in Theme.objects.filter(is_active=True).values_list(
        "pk", "code", "name_en", "name_fr"
    ):
        refs.theme_codes.append(code)
        for key in (code, name_en, name_fr):
            refs.themes.setdefault(norm(key), pk)
    for pk, code, name_en, name_fr in Profession.objects.filter(is_active=True).values_list(
        "pk", "code", "name_en", "name_fr"
    ):
        refs.profession_codes.append(code)
        for key in (code, name_en, name_fr):
            refs.professions.setdefault(norm(key), pk)
    by_code: dict[str, int] = {}
    for pk, code, alpha3, name_en, name_fr in Country.objects.values_list("pk", "code", "alpha3", "name_en", "name_fr"):
        by_code[code] = pk
        for key in (name_en, name_fr, alpha3):
            if key:
                refs.countries.setdefault(norm(key), pk)
    for code, pk in by_code.items():
        refs.countries[norm(code)] = pk
    for alias, code in COUNTRY_ALIASES.items():
        if code in by_code:
            refs.countries.setdefault(norm(alias), by_code[code])
    return refs


# --- Identifiers --------------------------------------------------------------------------------


def isbn_digits(value: str) -> str:
    """ "ISBN 978-2-07-036822-8" → "9782070368228" (digits and a final X)."""
    text = _ISBN_PREFIX.sub("", (value or "").strip())
    return re.sub(r"[\s\-‐‑–.]", "", text).upper()


def isbn_valid(digits: str) -> bool:
    if re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        return total % 11 == 0
    if re.fullmatch(r"97[89]\d{10}", digits):
        return sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(digits)) % 10 == 0
    return False


def isbn_key(value: str) -> str:
    """The ISBN-13 of an ISBN (10 or 13 digits), to compare editions written either way; "" if invalid."""
    digits = isbn_digits(value)
    if not isbn_valid(digits):
        return ""
    if len(digits) == 13:
        return digits
    body = "978" + digits[:9]
    check = (10 - sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(body)) % 10) % 10
    return body + str(check)


def isbn_variants(key: str) -> set[str]:
    """The written forms (digits only) of an ISBN-13 key: itself, and its ISBN-10 when it has one."""
    out = {key}
    if key.startswith("978"):
        body = key[3:12]
        check = (11 - sum((10 - i) * int(c) for i, c in enumerate(body)) % 11) % 11
        out.add(body + ("X" if check == 10 else str(check)))
    return out


def doi_key(value: str) -> str:
    return normalise_doi(value).lower()


# --- Rows ---------------------------------------------------------------------------------------


@dataclass
class DocumentRow:
    row: int
    values: dict[str, Any] = field(default_factory=dict)  # the document fields whose cells are filled
    relations: dict[str, list[int]] = field(default_factory=dict)  # themes/countries/audiences → ids
    file_name: str = ""
    entry: Entry | None = None
    file_sha256: str = ""
    file_kind: str = ""
    translation_key: str = ""
    collection: str = ""
    # Filled by the plan (import_documents.plan_rows):
    document: Document | None = None
    matched_by: str = ""  # "doi", "isbn" or "title"
    status: str = ""  # "create", "update" or "unchanged"
    changes: list[str] = field(default_factory=list)
    failed: bool = False  # a problem was found: the row is not imported (nor anything else)

    @property
    def title(self) -> str:
        return str(self.values.get("title", ""))

    @property
    def doi_key(self) -> str:
        return doi_key(self.values.get("doi", ""))

    @property
    def isbn_key(self) -> str:
        return isbn_key(self.values.get("isbn", ""))

    @property
    def title_key(self) -> tuple[str, int | None, str]:
        return (self.title.casefold(), self.values.get("year"), self.values.get("language", ""))


def split_list(text: str) -> list[str]:
    """Items separated by semicolons (or, when there is none, by commas)."""
    text = (text or "").strip()
    if not text:
        return []
    parts = LIST_SPLIT.split(text) if ";" in text else re.split(r"\s*,\s*", text)
    return [p.strip() for p in parts if p.strip()]


class RowChecker:
    """Checks the rows one by one, then across rows (duplicates, files, translation keys)."""

    def __init__(self, table: Table, refs: References, files: FileSource | None) -> None:
        self.table = table
        self.refs = refs
        self.files = files
        self.columns: dict[str, Column] = {c.field: c for c in table.columns if c.field}
        self.problems: list[Problem] = []
        self.rows: list[DocumentRow] = []
        self.max_year = dt.date.today().year + 2

    # -- helpers

    def problem(self, row: int | None, name: str, value: str, message: str, *, warning: bool = False) -> None:
        column = self.columns.get(name)
        self.problems.append(Problem(row, column.label if column else "", value[:120], message, warning))

    def run(self) -> tuple[list[DocumentRow], list[Problem]]:
        for number, cells in self.table.body():
            values = {f: (cells[c.index] if c.index < len(cells) else "") for f, c in self.columns.items()}
            if any(values.values()):
                self.rows.append(self.check(number, values))
        self.duplicates()
        self.check_files()
        self.translation_keys()
        # Every problem of a row at once, the rows in order (problems of the whole sheet first).
        self.problems.sort(key=lambda p: (p.row is not None, p.row or 0))
        return [r for r in self.rows if not r.failed], self.problems

    # -- one row

    def problem_for(self, row: DocumentRow, name: str, value: str, message: str) -> None:
        """An error of this row: the row will not be imported."""
        row.failed = True
        self.problem(row.row, name, value, message)

    def check(self, number: int, cells: dict[str, str]) -> DocumentRow:
        before = sum(1 for p in self.problems if not p.warning)
        row = DocumentRow(row=number)
        flat = {k: " ".join(v.split()) for k, v in cells.items()}
        title = flat.get("title", "")
        if not title:
            self.problem(number, "title", "", _("the title is missing."))
        row.values["title"] = title
        for name in ("title", "publisher", "place", "collection", "translation_key", "file"):
            limit = MAX_LENGTHS[name]
            if len(flat.get(name, "")) > limit:
                self.problem(number, name, flat[name], _("too long: at most %(max)s characters.") % {"max": limit})
        for name in ("publisher", "place"):
            if flat.get(name):
                row.values[name] = flat[name]
        if cells.get("abstract"):
            row.values["abstract"] = cells["abstract"]
        self.kind(row, flat.get("kind", ""))
        self.language(row, flat.get("language", ""))
        self.languages(row, flat.get("languages", ""))
        if flat.get("authors"):
            row.values["authors"] = [a for a in LIST_SPLIT.split(flat["authors"]) if a]
        self.year(row, flat.get("year", ""))
        self.identifiers(row, flat)
        self.access(row, flat.get("access", ""))
        self.relation(row, "themes", flat.get("themes", ""), self.refs.themes)
        self.relation(row, "countries", flat.get("countries", ""), self.refs.countries)
        self.relation(row, "audiences", flat.get("audiences", ""), self.refs.professions)
        row.file_name = flat.get("file", "")
        row.translation_key = flat.get("translation_key", "")
        row.collection = flat.get("collection", "")
        row.failed = sum(1 for p in self.problems if not p.warning) > before
        return row

    def kind(self, row: DocumentRow, value: str) -> None:
        if not value:
            self.problem(row.row, "kind", "", _("the type is missing: write one of %(accepted)s.") % self._kinds())
            return
        code = self.refs.kinds.get(norm(value))
        if code is None:
            message = _("unknown type “%(value)s”: write one of %(accepted)s.")
            self.problem(row.row, "kind", value, message % {"value": value, **self._kinds()})
        else:
            row.values["kind"] = code

    def _kinds(self) -> dict[str, str]:
        return {"accepted": ", ".join(f"{code} ({label})" for code, label in DocumentKind.choices)}

    def _language_code(self, value: str) -> str | None:
        key = norm(value)
        code = self.refs.languages.get(key)
        if code is None and re.fullmatch(r"[a-z]{2,3} [a-z]{2,4}", key):  # fr-FR, en_GB, sr-Latn
            code = self.refs.languages.get(key.split(" ")[0])
        return code

    def language(self, row: DocumentRow, value: str) -> None:
        accepted = _("an ISO 639-1 code (en, fr, sr…) or the language's name in English or French")
        if not value:
            self.problem(
                row.row,
                "language",
                "",
                _("the language of the title is missing: write %(accepted)s.") % {"accepted": accepted},
            )
            return
        code = self._language_code(value)
        if code is None:
            message = _("unknown language “%(value)s”: write %(accepted)s.")
            self.problem(row.row, "language", value, message % {"value": value, "accepted": accepted})
        else:
            row.values["language"] = code

    def languages(self, row: DocumentRow, value: str) -> None:
        codes = []
        for item in split_list(value):
            code = self._language_code(item)
            if code is None:
                message = _(
                    "unknown language “%(value)s”: write ISO 639-1 codes (en, fr, sr…) or names, separated by commas."
                )
                self.problem(row.row, "languages", value, message % {"value": item})
            elif code not in codes:
                codes.append(code)
        if codes:
            row.values["languages"] = codes

    def year(self, row: DocumentRow, value: str) -> None:
        if not value:
            return
        text = value.strip()
        match = re.fullmatch(r"(\d{4})(?:-\d{2}-\d{2}(?: .*)?)?", text)  # a year, or a date from a date cell
        if match is None:
            message = _("the year must be a number of four digits, e.g. 2021.")
            self.problem(row.row, "year", value, message)
            return
        year = int(match.group(1))
        if not MIN_YEAR <= year <= self.max_year:
            message = _("year %(value)s is out of range: between %(min)s and %(max)s.")
            self.problem(row.row, "year", value, message % {"value": year, "min": MIN_YEAR, "max": self.max_year})
            return
        row.values["year"] = year

    def identifiers(self, row: DocumentRow, flat: dict[str, str]) -> None:
        if flat.get("isbn"):
            digits = isbn_digits(flat["isbn"])
            if not re.fullmatch(r"\d{9}[\dX]|\d{13}", digits):
                message = _("“%(value)s” is not an ISBN: it has 10 or 13 digits.")
                self.problem(row.row, "isbn", flat["isbn"], message % {"value": flat["isbn"]})
            elif not isbn_valid(digits):
                message = _("the ISBN “%(value)s” is wrong: its check digit does not match (a digit mistyped?).")
                self.problem(row.row, "isbn", flat["isbn"], message % {"value": flat["isbn"]})
            else:
                row.values["isbn"] = _ISBN_PREFIX.sub("", flat["isbn"]).replace(" ", "")[:20]
        if flat.get("doi"):
            doi = normalise_doi(flat["doi"])
            if not _DOI.match(doi) or len(doi) > MAX_LENGTHS["doi"]:
                message = _("“%(value)s” is not a DOI: a DOI starts with 10. and a slash, e.g. 10.1000/xyz123.")
                self.problem(row.row, "doi", flat["doi"], message % {"value": flat["doi"]})
            else:
                row.values["doi"] = doi
        if flat.get("url"):
            url = flat["url"]
            try:
                URLValidator(schemes=["http", "https"])(url)
                if len(url) > MAX_LENGTHS["url"]:
                    raise ValidationError("too long")
            except ValidationError:
                message = _("“%(value)s” is not a web address: write it in full, beginning with https://.")
                self.problem(row.row, "url", url, message % {"value": url})
            else:
                row.values["url"] = url

    def access(self, row: DocumentRow, value: str) -> None:
        if not value:
            return
        code = self.refs.access.get(norm(value))
        if code is None:
            message = _("unknown access “%(value)s”: write public or internal (public ou interne).")
            self.problem(row.row, "access", value, message % {"value": value})
        else:
            row.values["access"] = code

    def relation(self, row: DocumentRow, name: str, value: str, known: dict[str, int]) -> None:
        if not value:
            return
        ids: list[int] = []
        for item in self._items(value, known):
            pk = known.get(norm(item))
            if pk is None:
                self.problem(row.row, name, value, self._unknown(name, item))
            elif pk not in ids:
                ids.append(pk)
        row.relations[name] = ids

    @staticmethod
    def _items(value: str, known: dict[str, int]) -> Iterable[str]:
        """Items separated by semicolons; an item unknown as a whole is split at its commas."""
        for part in LIST_SPLIT.split(value.strip()):
            if not part:
                continue
            if norm(part) in known or "," not in part:
                yield part
            else:
                yield from (p.strip() for p in part.split(",") if p.strip())

    def _unknown(self, name: str, item: str) -> str:
        if name == "themes":
            message = _("unknown theme “%(value)s”: write the codes or names of themes, e.g. %(accepted)s.")
            return message % {"value": item, "accepted": ", ".join(self.refs.theme_codes)}
        if name == "audiences":
            message = _("unknown audience “%(value)s”: write the codes or names of professions, e.g. %(accepted)s.")
            return message % {"value": item, "accepted": ", ".join(self.refs.profession_codes)}
        message = _("unknown country “%(value)s”: write ISO codes (AL, FR…) or names in English or French.")
        return message % {"value": item}

    # -- across rows

    def duplicates(self) -> None:
        seen: dict[tuple[str, Any], int] = {}
        for row in self.rows:
            keys: list[tuple[tuple[str, Any], str, str]] = []
            if row.doi_key:
                keys.append((("doi", row.doi_key), "doi", _("the same DOI as row %(row)s.")))
            if row.isbn_key:
                keys.append((("isbn", row.isbn_key), "isbn", _("the same ISBN as row %(row)s.")))
            if row.title:
                keys.append((("title", row.title_key), "title", _("the same title, year and language as row %(row)s.")))
            duplicate = next((k for k in keys if k[0] in seen), None)
            if duplicate is not None:
                key, column, message = duplicate
                self.problem_for(row, column, str(row.values.get(column, "")), message % {"row": seen[key]})
            else:
                for key, _column, _message in keys:
                    seen[key] = row.row

    def check_files(self) -> None:
        from relais.knowledge.files import FileRefused, check_upload

        used: dict[int, int] = {}
        for row in self.rows:
            if not row.file_name:
                continue
            message = self._file_problem(row, used)
            entry = row.entry
            if message is None and entry is not None:
                try:
                    data = entry.read()
                except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError):
                    message = _("“%(name)s” could not be read: the ZIP file is damaged.") % {"name": entry.name}
                else:
                    try:
                        row.file_kind = check_upload(data, entry.basename)
                    except FileRefused as exc:
                        message = str(exc.message)
                    row.file_sha256 = hashlib.sha256(data).hexdigest()
                    del data
            if message is not None:
                self.problem_for(row, "file", row.file_name, message)
        if self.files is not None:
            for entry in self.files.entries:
                if id(entry) not in used:
                    message = _("“%(name)s” is in %(where)s but no row names it: it is not imported.")
                    values = {"name": entry.name, "where": self._where()}
                    self.problem(None, "file", entry.name, message % values, warning=True)

    def _where(self) -> str:
        if self.files is None:
            return ""
        if self.files.kind == "folder":
            return _("the folder")
        return _("the ZIP file")

    def _file_problem(self, row: DocumentRow, used: dict[int, int]) -> str | None:
        name = row.file_name
        if leaves_folder(name):
            return _("“%(name)s” leads outside the ZIP file or folder: give the file's path inside it.") % {
                "name": name
            }
        if self.files is None:
            return _("this row names a file, but no ZIP file or folder of files was given.")
        entry, reason = self.files.find(name)
        if entry is None:
            if reason == "ambiguous":
                message = _(
                    "several files in %(where)s are named “%(name)s”: write its folder too, e.g. folder/%(name)s."
                )
            elif reason == "several":
                message = _("%(where)s holds “%(name)s” more than once: keep one.")
            else:
                message = _("“%(name)s” is not in %(where)s.")
            return message % {"name": name, "where": self._where()}
        if id(entry) in used:
            return _("row %(row)s names the same file: each file belongs to one document.") % {"row": used[id(entry)]}
        used[id(entry)] = row.row
        row.entry = entry
        return entry.problem or None

    def translation_keys(self) -> None:
        groups: dict[str, list[DocumentRow]] = {}
        for row in self.rows:
            if row.translation_key:
                groups.setdefault(row.translation_key.casefold(), []).append(row)
        for rows in groups.values():
            if len(rows) == 1:
                row = rows[0]
                message = _(
                    "no other row has the translation key “%(value)s”: the document is linked to no translation."
                )
                key = row.translation_key
                self.problem(row.row, "translation_key", key, message % {"value": key}, warning=True)
                continue
            languages: dict[str, int] = {}
            for row in rows:
                language = row.values.get("language", "")
                if language in languages:
                    message = _("row %(row)s has the same translation key and the same language (%(language)s).")
                    values = {"row": languages[language], "language": language}
                    self.problem(row.row, "translation_key", row.translation_key, message % values, warning=True)
                else:
                    languages[language] = row.row


def field_label(name: str) -> str:
    return str(FIELD_LABELS.get(name, name))
