"""Participant lists as bytes → rows of text: XLSX or CSV, recognised by content, never by name.

The reading itself is relais.core.sheets (shared with the catalogue import): encodings, separators,
the checks of a workbook before it is opened, the limits. What is proper to the participant lists
(and the answer sheets of evaluation, which are read the same way) is here: the limits and the
wording of the refusals, and how a Windows code page is guessed from the names of the region.

CSV without a byte-order mark that is not valid UTF-8 is decoded with each Windows code page and the
most plausible result is kept: letters used in the names of the region score, symbols and letters
rare in those names (ð, þ, æ, ø, ¹, ³, º…) cost, and a word mixing Latin and Cyrillic letters costs
most. Ties go to Windows-1250, the code page of most countries of the route.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.utils.translation import gettext_lazy

from relais.core import sheets
from relais.core.sheets import (
    DELIMITERS,
    ENCODINGS,
    HEADER_SCAN,
    MAX_BYTES,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_SCANNED_ROWS,
    MAX_UNCOMPRESSED,
    MAX_ZIP_ENTRIES,
    Sheet,
    cell_text,
)
from relais.core.sheets import SheetRefused as FileRefused

__all__ = [
    "DELIMITERS",
    "ENCODINGS",
    "HEADER_SCAN",
    "MAX_BYTES",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "MAX_SCANNED_ROWS",
    "MAX_UNCOMPRESSED",
    "MAX_ZIP_ENTRIES",
    "WINDOWS",
    "FileRefused",
    "Sheet",
    "cell_text",
    "decode",
    "plausibility",
    "read_sheet",
]

WINDOWS = ("cp1250", "cp1252", "cp1251")  # order breaks ties
_WORDING = sheets.Wording(
    too_much_data=gettext_lazy("The file unpacks to too much data to be a participant list."),
)


def read_sheet(
    data: bytes, *, encoding: str | None = None, header_score: Callable[[list[str]], int] | None = None
) -> Sheet:
    """The rows of the first visible sheet (XLSX) or of the CSV; FileRefused when unreadable."""
    limits = sheets.Limits(max_bytes=MAX_BYTES, max_rows=MAX_ROWS)  # read at each call (tests lower them)
    return sheets.read_sheet(
        data, wording=_WORDING, encoding=encoding, header_score=header_score, limits=limits, code_pages=_CODE_PAGES
    )


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """(text, codec): the codec given, else BOM, else strict UTF-8, else the likeliest Windows page."""
    return sheets.decode(data, encoding, code_pages=_CODE_PAGES)


# --- Code pages -------------------------------------------------------------------------------------

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_WORDS = re.compile(r"[^\W\d_]+")
# Letters of the names of the route's countries and of the EU destinations, weighted by how often
# they occur there; the bytes that differ between the Windows pages give pairs such as č/è, ć/æ,
# đ/ð, ř/ø, ň/ò, ń/ñ, whose members rarely weigh the same.
_WEIGHTS = {
    **dict.fromkeys("ćđšžĆĐŠŽ", 3),
    **dict.fromkeys("čČëçËÇéáíóöúüäÉÁÍÓÖÚÜÄàèòâêîôÀÈÒÂÊÎÔïÏßăşţĂŞŢőŐřěýŘĚÝůŮłŁñÑœŒ–—‘’“”„«»€", 2),
    **dict.fromkeys("ŕęńňďűĺľśźżąìùûťĘŃŇĎŰĹĽŚŹŻĄÌÙÛŤŔ", 1),
}
_RARE = set("ðþæøåÐÞÆØÅ¹²³ºª¤¦§¨©¬®¯°±´µ¶·¸¼½¾¿×÷ãõÃÕ¢£¥")
_FRENCH_GRAVE = re.compile(r"è[^\Waeiouy]{1,2}e")  # Hélène, Lefèvre, Molière: "è" + consonants + "e"


def _word_score(word: str) -> int:
    score = 0
    for ch in word:
        if ord(ch) < 128:
            continue
        if "\u0400" <= ch <= "\u04ff":
            score += 2
        elif ch in _WEIGHTS:
            score += _WEIGHTS[ch]
        elif ch in _RARE or not ch.isalpha():
            score -= 3
    accented = sum(1 for ch in word if "\u00c0" <= ch <= "\u024f")
    plain = sum(1 for ch in word if ch.isascii())
    if accented >= 2 and accented > plain:
        score -= 3 * accented + 1
    if _CYRILLIC.search(word) and _LATIN.search(word):
        score -= 6
    if _FRENCH_GRAVE.search(word):
        score += 3
    if word.endswith(("č", "Č")):
        score += 2
    return score


def plausibility(text: str) -> int:
    """How much `text` looks like names and organisations of the region (higher is likelier).

    Per word: letters of the region's names score by their weight, rare letters and symbols cost;
    a word mixing Latin and Cyrillic costs most; a Latin word made mostly of accented letters
    ("Ďĺňđîâ": Cyrillic read as Windows-1250) costs more than its accents bring.
    """
    score = 0
    for word in text.split():
        if any(ord(ch) >= 128 for ch in word):
            score += sum(_word_score(w) for w in _WORDS.findall(word)) + sum(
                -3 for ch in word if ord(ch) >= 128 and not ch.isalpha() and ch not in _WEIGHTS
            )
    return score


_CODE_PAGES = sheets.CodePages(order=WINDOWS, plausibility=lambda text, _codec: plausibility(text))
