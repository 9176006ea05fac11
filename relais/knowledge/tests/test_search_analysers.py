"""The analysers: folding, stop words, stemming, and the query's accent variants."""

from __future__ import annotations

import pytest

from relais.knowledge.search import analysers
from relais.knowledge.search.analysers import analyser, group_of, is_stopword, normalise, query_variants, words
from relais.knowledge.search.query import parse


@pytest.mark.parametrize("name", analysers.ANALYSERS)
def test_romanian_s_and_t_fold_with_comma_or_cedilla(name: str) -> None:
    # U+0218/U+0219 (comma below), U+015E/U+015F (cedilla), U+021A/U+021B and U+0162/U+0163.
    for text in ("Ștefan", "ștefan", "Ştefan", "ştefan", "STEFAN", "S\u0326tefan"):
        assert analyser(name).analyze(normalise(text)) == analyser(name).analyze("stefan"), (name, text)
    assert analyser("plain").analyze("Țară ţară") == ["tara", "tara"]


def test_stemming_per_language() -> None:
    assert analyser("fr").analyze("inspecteurs inspecteur") == ["inspecteur", "inspecteur"]
    assert analyser("en").analyze("trafficked trafficking") == ["traffick", "traffick"]
    assert analyser("de").analyze("Arbeitsausbeutung") == analyser("de").analyze("arbeitsausbeutungen")
    assert analyser("ro").analyze("muncă munca muncii")[0] == analyser("ro").analyze("munca")[0]
    assert analyser("ru").analyze("инспекторы")[0] == analyser("ru").analyze("инспектор")[0]
    assert analyser("plain").analyze("Inspektorët Đorđević") == ["inspektoret", "dordevic"]


def test_romanian_stop_words() -> None:
    words_ = analysers.romanian_stopwords()
    assert len(set(analysers._ROMANIAN.split())) >= 100
    for word in ("și", "şi", "si", "în", "in", "pentru", "către", "catre", "această", "aceasta"):
        assert word in words_
    assert analyser("ro").analyze("traficul și exploatarea în fabrici") == ["trafic", "exploat", "fabric"]


def test_stop_words_are_optional_words() -> None:
    assert is_stopword("the") and is_stopword("les") and is_stopword("și")
    assert not is_stopword("trafficking") and not is_stopword("inspecteurs")
    assert is_stopword("les", ("fr",)) and not is_stopword("the", ("fr",))


def test_accent_variants_of_a_bare_word() -> None:
    assert analyser("fr").analyze("sécurité") == ["secur"]
    assert "secur" in query_variants("fr", "securite")
    assert analyser("pt").analyze("exploração")[0] in query_variants("pt", "exploracao")
    # A word typed with accents also looks for the documents typed without them.
    assert analyser("ro").analyze("fortati")[0] in query_variants("ro", "forțați")
    assert query_variants("en", "the") == () and query_variants("plain", "Ștefan") == ("stefan",)


def test_groups_and_words() -> None:
    assert (
        group_of("fr") == "fr" and group_of("FR-be") == "fr" and group_of("sr") == "plain" and group_of("") == "plain"
    )
    assert words("e-mail, Ștefan_cel 2024!") == ["e", "mail", "Ștefan", "cel", "2024"]
    assert words("e\u0301te\u0301") == ["été"]


def test_parse() -> None:
    parsed = parse('labour "forced work" -hotels e-mail "open')
    assert [(c.words, c.excluded, c.phrase) for c in parsed.clauses] == [
        (["labour"], False, False),
        (["forced", "work"], False, True),
        (["hotels"], True, False),
        (["e", "mail"], False, True),
        (["open"], False, True),
    ]
    assert parse("").empty and parse(' " - !!! ').empty
    assert len(parse("word " * 100).clauses) == 16
