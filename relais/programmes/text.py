"""Search keys: lower case, no accents, Latin letters — the same on SQLite and PostgreSQL.

Names of organisations are written in many alphabets and with or without diacritics ("Niš", "Nis",
"Ниш"); the key of a text and the key of a query compare equal whichever way they were typed.
"""

from __future__ import annotations

import unicodedata

# Letters that Unicode does not decompose into a base letter and an accent.
_LATIN = str.maketrans(
    {"đ": "d", "ð": "d", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ı": "i", "þ": "th", "ħ": "h"}
)
# Cyrillic as written in the countries of the route (Serbian, Macedonian, Bulgarian, Russian, Ukrainian).
_CYRILLIC = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "ђ": "d", "ѓ": "g", "е": "e",
        "є": "ie", "ё": "e", "ж": "z", "з": "z", "ѕ": "dz", "и": "i", "і": "i", "ї": "i", "й": "i",
        "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o", "п": "p",
        "р": "r", "с": "s", "т": "t", "ћ": "c", "ќ": "k", "у": "u", "ў": "u", "ф": "f", "х": "h",
        "ц": "c", "ч": "c", "џ": "dz", "ш": "s", "щ": "st", "ъ": "a", "ы": "y", "ь": "", "э": "e",
        "ю": "iu", "я": "ia",
    }
)  # fmt: skip


def search_key(*parts: str) -> str:
    """One normalised string for the given texts, separated by newlines."""
    text = "\n".join(p for p in parts if p).casefold().translate(_CYRILLIC).translate(_LATIN)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
