"""Per-language analysers of the search index: accent- and case-insensitive, with stemming and stop
words for the languages tantivy stems, and a plain one for the rest (and for names and identifiers).

Pipeline (the same for the text indexed and the query): simple tokenizer (splits on anything that is
not a letter or digit) → remove tokens over 40 characters → lowercase → stop words → stemmer →
ASCII folding. The stemmers see the accents (they need them: French "évaluée" and "évalué" both
stem to "evalu", where the folded "evaluee" would stem to "evalue"); folding comes last, so "Ștefan",
"Ştefan" (cedilla) and "Stefan" are one token. A query typed without accents can still miss a
suffix the stemmer only knows accented ("securite" → "securit", but "sécurité" → "secur"):
`query_variants` adds, for a bare word, the stems of its likely accented spellings (measured on
families of inflected words in fr, pt, es, it, de and ro: all recovered, 1–3 stems a word).

Text is NFC-normalised in Python first: a decomposed accent (e + U+0301) would otherwise split a
word in two at the tokenizer.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import cache, lru_cache

from tantivy import Filter, Index, TextAnalyzer, TextAnalyzerBuilder, Tokenizer

PLAIN = "plain"
# Analyser name (an ISO 639-1 code) → tantivy's stemmer and stop word language.
STEMMED: dict[str, str] = {
    "en": "english",
    "fr": "french",
    "de": "german",
    "es": "spanish",
    "it": "italian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
}
ANALYSERS: tuple[str, ...] = (*STEMMED, PLAIN)
MAX_TOKEN_CHARS = 40

# tantivy has no Romanian stop word list: the most frequent function words, written with the comma
# below (ș, ț), the older cedilla (ş, ţ) and without diacritics (as much Romanian is typed).
_ROMANIAN = """
a abia acea aceasta această aceea aceeași acei aceia acel acela acele acelea acest acesta aceste
acestea acestei acestui acestor acolo acum adică ai aia aici al ale alt alta altă alte altceva alți
am ar are as aș asta astfel asupra atât atâta atunci au avea avem aveți avut azi ca că căci care
cât câte către ce cea cei cel cele celor ceva chiar cine cu cum da dacă dar de deci deja deși din
dintre doar după ea ei el ele era este eu fără fi fie fiecare fiind fost iar ii îi îl îmi împotriva
în înainte între își la le li lor lui mai mi mult multe ne nici nimic niște noi nostru noastră nu
o oricare pe pentru peste poate prin sa să sau se și sub sunt suntem sunteți spre ta tău te toate
toată toți tot totul tu un una unde unei unele unor unui unul vă voi vom vor
"""


def _without_marks(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def romanian_stopwords() -> list[str]:
    words = set(_ROMANIAN.split())
    cedilla = str.maketrans({"ș": "ş", "ț": "ţ"})
    return sorted(words | {w.translate(cedilla) for w in words} | {_without_marks(w) for w in words})


def _builder() -> TextAnalyzerBuilder:
    return (
        TextAnalyzerBuilder(Tokenizer.simple()).filter(Filter.remove_long(MAX_TOKEN_CHARS)).filter(Filter.lowercase())
    )


@cache
def analyser(name: str) -> TextAnalyzer:
    """The analyser registered on the index under `name` (a key of STEMMED, or "plain")."""
    if name == PLAIN:
        return _builder().filter(Filter.ascii_fold()).build()
    language = STEMMED[name]
    stop = Filter.custom_stopword(romanian_stopwords()) if name == "ro" else Filter.stopword(language)
    return _builder().filter(stop).filter(Filter.stemmer(language)).filter(Filter.ascii_fold()).build()


def register(index: Index) -> None:
    for name in ANALYSERS:
        index.register_tokenizer(name, analyser(name))


def group_of(language: str | None) -> str:
    """The analyser for a language code ("fr", "fr-BE", "sr"): its own if stemmed, else plain."""
    code = (language or "").strip().lower()[:2]
    return code if code in STEMMED else PLAIN


def normalise(text: str) -> str:
    """NFC (composed accents), cheap when the text already is."""
    if not text:
        return ""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The words of a text as the simple tokenizer cuts them (letters and digits)."""
    return _WORD.findall(normalise(text))


def token(name: str, word: str) -> str | None:
    """The token of one word under an analyser; None when it is a stop word (or too long)."""
    tokens = analyser(name).analyze(word)
    return tokens[0] if tokens else None


# Accented letters a bare word may have lost, per language: tried in the last letters (the suffix
# the stemmer looks at), one or two at a time.
_ACCENTS: dict[str, dict[str, str]] = {
    "fr": {"e": "éèê", "a": "àâ", "i": "îï", "o": "ô", "u": "ùûü", "c": "ç"},
    "pt": {"a": "ãáâà", "o": "õóô", "e": "éê", "i": "í", "u": "ú", "c": "ç"},
    "es": {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "úü", "n": "ñ"},
    "it": {"a": "à", "e": "èé", "i": "ì", "o": "ò", "u": "ù"},
    "ro": {"a": "ăâ", "i": "î", "s": "ș", "t": "ț"},
    "de": {"a": "ä", "o": "ö", "u": "ü"},
}
_TAIL = 5


def _accented_spellings(name: str, word: str) -> list[str]:
    table = _ACCENTS.get(name)
    if not table or not word.isascii():
        return []
    lower = word.lower()
    places = [i for i in range(max(0, len(lower) - _TAIL), len(lower)) if lower[i] in table]
    out = []
    for k in (1, 2):
        for combo in itertools.combinations(places, k):
            for letters in itertools.product(*(table[lower[i]] for i in combo)):
                chars = list(lower)
                for i, letter in zip(combo, letters, strict=True):
                    chars[i] = letter
                out.append("".join(chars))
    return out


@lru_cache(maxsize=20_000)
def query_variants(name: str, word: str) -> tuple[str, ...]:
    """The tokens a query word may match under an analyser: its own, the one of its spelling without
    accents (for documents typed without them), and for a bare word those of its likely accented
    spellings. Empty when the word is a stop word in that language."""
    first = token(name, word)
    if first is None:
        return ()
    found = dict.fromkeys([first])
    if name == PLAIN:
        return tuple(found)
    bare = _without_marks(word)
    if bare != word and (t := token(name, bare)):
        found[t] = None
    for spelling in _accented_spellings(name, word):
        if t := token(name, spelling):
            found[t] = None
    return tuple(found)


def is_stopword(word: str, names: tuple[str, ...] = tuple(STEMMED)) -> bool:
    """Whether any of these analysers drops the word (a function word: optional in a query)."""
    return any(token(name, word) is None for name in names)
