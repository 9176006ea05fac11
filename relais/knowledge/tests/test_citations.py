"""Citations: APA 7, BibTeX and RIS, checked against exact strings."""

from __future__ import annotations

from typing import Any

from relais.knowledge.citations import apa, bibtex, bibtex_escape, citation_key, parse_name, ris
from relais.knowledge.models import Access, Document, DocumentKind


def doc(**fields: Any) -> Document:
    values: dict[str, Any] = {
        "kind": DocumentKind.GUIDELINE,
        "title": "Guideline on labour inspection",
        "abstract": "<p>How labour inspectors detect <em>trafficking</em>.</p>",
        "language": "en",
        "languages": ["en"],
        "authors": ["Ana Marković", "Milan Đorđević"],
        "publisher": "Relais Centre",
        "place": "",
        "year": 2024,
        "doi": "https://doi.org/10.1234/ABC.5",
        "url": "",
        "isbn": "",
        "access": Access.PUBLIC,
    }
    values.update(fields)
    return Document(**values)


def test_names_are_read_as_people_or_organisations() -> None:
    assert parse_name("Ana Marković").apa() == "Marković, A."
    assert parse_name("Marković, Ana Maria").apa() == "Marković, A. M."
    assert parse_name("Jean-Paul Dubois").apa() == "Dubois, J.-P."
    assert parse_name("Maria de la Cruz").apa() == "de la Cruz, M."
    assert parse_name("Đorđe Đorđević").inverted() == "Đorđević, Đorđe"
    assert parse_name("OSCE").organisation
    assert parse_name("Council of Europe").organisation
    assert parse_name("{Smith and Partners}").family == "Smith and Partners"
    assert not parse_name("Ștefan Popescu").organisation


def test_apa_two_authors_with_diacritics_and_a_normalised_doi() -> None:
    citation = apa(doc())
    assert citation.text == (
        "Marković, A., & Đorđević, M. (2024). Guideline on labour inspection. Relais Centre. "
        "https://doi.org/10.1234/ABC.5"
    )
    assert str(citation.html) == (
        "Marković, A., &amp; Đorđević, M. (2024). <i>Guideline on labour inspection</i>. Relais Centre. "
        '<a href="https://doi.org/10.1234/ABC.5">https://doi.org/10.1234/ABC.5</a>'
    )


def test_apa_one_author_three_authors_and_the_url_without_doi() -> None:
    one = doc(authors=["Ana Marković"], doi="", url="https://example.org/guide")
    assert apa(one).text == (
        "Marković, A. (2024). Guideline on labour inspection. Relais Centre. https://example.org/guide"
    )
    three = doc(authors=["Jean-Paul Dubois", "Maria de la Cruz", "Ștefan Popescu"], doi="doi:10.5555/x", year=2019)
    assert apa(three).text == (
        "Dubois, J.-P., de la Cruz, M., & Popescu, Ș. (2019). Guideline on labour inspection. Relais Centre. "
        "https://doi.org/10.5555/x"
    )


def test_apa_organisation_as_author_and_no_year() -> None:
    document = doc(
        authors=[],
        publisher="International Labour Organization",
        year=None,
        doi="",
        title="Hard to see, harder to count?",
    )
    assert apa(document).text == "International Labour Organization. (n.d.). Hard to see, harder to count?"
    assert str(apa(document).html) == "International Labour Organization. (n.d.). <i>Hard to see, harder to count?</i>"
    single = doc(authors=["OSCE"], publisher="OSCE", doi="")
    assert apa(single).text == "OSCE. (2024). Guideline on labour inspection."


def test_apa_without_any_author_puts_the_title_first_and_escapes_html() -> None:
    document = doc(authors=[], publisher="", doi="", title="Rights <of> workers & victims")
    assert apa(document).text == "Rights <of> workers & victims. (2024)."
    assert str(apa(document).html) == "<i>Rights &lt;of&gt; workers &amp; victims</i>. (2024)."


def test_apa_twenty_one_authors_keeps_nineteen_then_the_last() -> None:
    authors = [f"Ana Author{chr(65 + i)}" for i in range(21)]
    text = apa(doc(authors=authors, doi="")).text
    assert text.startswith("AuthorA, A., AuthorB, A., ")
    assert "AuthorS, A., . . . AuthorU, A. (2024)." in text
    assert "AuthorT" not in text
    twenty = apa(doc(authors=authors[:20], doi="")).text
    assert "AuthorS, A., & AuthorT, A. (2024)." in twenty


def test_bibtex_manual_with_accents_kept() -> None:
    assert bibtex(doc()) == (
        "@manual{markovic2024guideline,\n"
        "  author = {Marković, Ana and Đorđević, Milan},\n"
        "  title = {Guideline on labour inspection},\n"
        "  organization = {Relais Centre},\n"
        "  year = {2024},\n"
        "  doi = {10.1234/ABC.5},\n"
        "}\n"
    )


def test_bibtex_report_escapes_special_characters() -> None:
    document = doc(
        kind=DocumentKind.STUDY,
        authors=["Đorđe Đorđević"],
        title="The costs & benefits: 100% of cases_{x} ~ $5 #1 ^ \\",
        place="Beograd",
        isbn="978-86-1234-567-8",
        doi="",
        url="https://example.org/a_b?x=1&y={2}",
    )
    assert bibtex(document) == (
        "@techreport{djordjevic2024costs,\n"
        "  author = {Đorđević, Đorđe},\n"
        "  title = {The costs \\& benefits: 100\\% of cases\\_\\{x\\} \\textasciitilde{} \\$5 \\#1 "
        "\\textasciicircum{} \\textbackslash{}},\n"
        "  institution = {Relais Centre},\n"
        "  address = {Beograd},\n"
        "  year = {2024},\n"
        "  isbn = {978-86-1234-567-8},\n"
        "  url = {https://example.org/a_b?x=1&y=%7B2%7D},\n"
        "}\n"
    )


def test_bibtex_organisation_author_no_year_and_legal_text() -> None:
    document = doc(kind=DocumentKind.LEGAL_TEXT, authors=[], publisher="Council of Europe", year=None, doi="")
    assert bibtex(document) == (
        "@misc{councilndguideline,\n"
        "  author = {{Council of Europe}},\n"
        "  title = {Guideline on labour inspection},\n"
        "  howpublished = {Council of Europe},\n"
        "}\n"
    )
    assert bibtex(doc(kind=DocumentKind.CASE_LAW)).startswith("@misc{")
    assert bibtex(doc(kind=DocumentKind.REPORT)).startswith("@techreport{")
    assert bibtex(doc(kind=DocumentKind.MANUAL)).startswith("@manual{")


def test_citation_keys_are_ascii() -> None:
    assert citation_key(doc(authors=["Ștefan Popescu"], title="Îndrumar pentru inspectori")) == ("popescu2024indrumar")
    assert citation_key(doc(authors=["Милан Јовановић"], title="Водич", year=None)) == "jovanovicndvodic"
    assert citation_key(doc(authors=[], publisher="", title="La traite des êtres humains")) == "2024traite"
    assert bibtex_escape("a\n  b") == "a b"


def test_ris() -> None:
    assert ris(doc()) == (
        "TY  - RPRT\r\n"
        "AU  - Marković, Ana\r\n"
        "AU  - Đorđević, Milan\r\n"
        "TI  - Guideline on labour inspection\r\n"
        "PY  - 2024\r\n"
        "PB  - Relais Centre\r\n"
        "DO  - 10.1234/ABC.5\r\n"
        "UR  - https://doi.org/10.1234/ABC.5\r\n"
        "LA  - en\r\n"
        "AB  - How labour inspectors detect trafficking.\r\n"
        "ER  - \r\n"
    )
    organisation = ris(doc(kind=DocumentKind.CASE_LAW, authors=[], publisher="European Court of Human Rights"))
    assert "TY  - CASE\r\nAU  - European Court of Human Rights\r\n" in organisation
