"""The key that people are searched and matched by: case, accents and alphabet ignored.

"Đorđević", "Djordjević", "Dordevic" and "Ђорђевић" give the same key, as do "Ștefan" and "Stefan".
Built on relais.programmes.text.search_key (lower case, Cyrillic transliterated, accents removed),
with the folds that names of the region need: đ/ђ is written "dj" or "d" in Latin, so "dj" is
folded to "d" on both sides of every comparison.
"""

from __future__ import annotations

import re

from relais.programmes.text import search_key

_SPACES = re.compile(r"[\s\-‐‑'’.,]+")


def name_key(*parts: str) -> str:
    text = search_key(" ".join(p for p in parts if p))
    text = text.replace("dj", "d").replace("dzh", "dz")
    return _SPACES.sub(" ", text).strip()


def query_tokens(query: str) -> list[str]:
    """The words of a search, as keys: each must occur in a person's key."""
    return [t for t in name_key(query).split(" ") if t][:6]
