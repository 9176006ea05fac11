"""The agenda of a design as PDF (Typst) and DOCX (python-docx), in English and French."""

from __future__ import annotations

import datetime as dt
import io
import string
import time
from typing import Any

import docx
import pypdf
import pytest
import typst
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from docx.oxml.ns import qn

from relais.design.exports.agenda import agenda_build, parse_start
from relais.design.exports.agenda_pdf import agenda_pdf
from relais.design.exports.typst_markup import escape_markup, string_literal
from relais.design.models import ActivityDesign, AgendaModule, Material
from relais.design.tests import exports_permissions
from relais.design.tests.factories import add_day, add_module, add_objective, make_complete_design, make_design
from tests.matrix import PERSONAS

TODAY = dt.date(2026, 5, 18)
HOSTILE = [
    '#import "x"',
    "*bold* and _emphasis_",
    "$x^2$ `raw` <label> @ref",
    "[content] \\ back\\slash",
    "// not a comment /* nor this */",
    "= not a heading",
    "- not a list",
    "+ nor this",
    "1. nor this",
    "/ term: not a term",
    "~ -- --- ... 'quotes' \"double\"",
    "https://example.org/not-a-link-by-itself",
    '#let x = 1; #x #{panic("no")}',
    "\\u{41} stays as typed",
    string.punctuation,
]


def pdf_text(content: bytes) -> str:
    """The text of a PDF, whitespace collapsed (words wrapped inside cells join up again)."""
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def compile_markup(markup: str) -> str:
    source = f'#set page(width: 30cm, height: auto, margin: 1cm)\n#set text(font: "Libertinus Serif")\n{markup}\n'
    return pdf_text(typst.compile(source.encode(), ignore_system_fonts=True, format="pdf"))


@pytest.fixture
def design(programme: Any) -> ActivityDesign:
    return make_complete_design(programme=programme)


def download(client: Any, design: ActivityDesign, kind: str = "pdf", *, language: str = "en", **params: str) -> Any:
    """The agenda, in the language of the browser (Accept-Language) unless the language cookie says otherwise."""
    url = reverse(f"design:agenda_{kind}", kwargs={"pk": design.pk})
    return client.get(url, params, headers={"accept-language": language})


# --- Escaping text for Typst -----------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_escape_markup_shows_hostile_text_literally(text: str) -> None:
    assert compile_markup(escape_markup(text)) == " ".join(text.split())


def test_escape_markup_escapes_every_sign_that_means_something() -> None:
    escaped = escape_markup('#import "x" *b* _e_ $m$ `r` <l> @r [c] \\ // = - + ~ . \'')
    chars = iter(escaped)
    for ch in chars:
        if ch == "\\":
            assert next(chars) in string.punctuation  # an escape, not a line break or a unicode escape
        else:
            assert ch not in string.punctuation, ch


def test_escape_markup_keeps_paragraphs_and_line_breaks() -> None:
    escaped = escape_markup("First line\nsecond   line\r\n\r\nNew paragraph\x00\x07")
    assert escaped == "First line \\\nsecond line\n\nNew paragraph"
    assert compile_markup(escaped) == "First line second line New paragraph"


def test_escape_markup_of_nothing_is_nothing() -> None:
    assert escape_markup("") == ""
    assert escape_markup("  \n\n  ") == ""


def test_string_literal() -> None:
    assert string_literal('a "quoted" \\ path\nline') == '"a \\"quoted\\" \\\\ path\\nline"'
    hostile = '#import "x" [*y*]'
    assert compile_markup("#" + string_literal(hostile)) == hostile


# --- The agenda as data ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "minutes"),
    [(None, 540), ("", 540), ("09:00", 540), ("7:30", 450), ("13:45", 825), ("00:00", 0), ("23:59", 1439)],
)
def test_parse_start(value: str | None, minutes: int) -> None:
    assert parse_start(value) == minutes


@pytest.mark.parametrize("value", ["9", "0900", "24:00", "12:60", "ab:cd", "09:00:00", "9h30", "-1:00", "09:0"])
def test_parse_start_refuses_what_is_not_a_time(value: str) -> None:
    with pytest.raises(ValueError):
        parse_start(value)


@pytest.mark.django_db
def test_agenda_computes_times_totals_and_objective_numbers(design: ActivityDesign) -> None:
    with translation.override("en"):
        agenda = agenda_build(design, generated_on=TODAY)
    day1, day2 = agenda.days
    assert day1.heading == "Day 1 — Understanding labour exploitation"
    assert [(m.start, m.end) for m in day1.modules] == [(540, 570), (570, 660), (660, 780)]
    assert [m.title for m in day2.modules] == [
        "Mutual legal assistance",
        "Simulation: a joint investigation team",
        "Post-test and closing",
    ]
    assert (day1.minutes, day2.minutes, agenda.minutes) == (240, 240, 480)
    assert [o.number for o in agenda.objectives] == [1, 2, 3]
    assert [o.kind for o in agenda.objectives] == ["Knowledge", "Knowledge", "Skill"]
    assert day1.modules[2].objectives == (1, 3)
    assert day2.modules[1].objectives == (2, 3)  # sorted by number, whatever the order they were added in
    assert day1.modules[1].method == "Lecture or presentation"
    assert day1.modules[2].materials[0].url == "https://example.org/case.pdf"
    assert [(g.role, g.countries) for g in agenda.route] == [("Origin", ("Albania",)), ("Destination", ("Italy",))]
    assert agenda.working_languages == ("English",)
    assert agenda.interpretation_languages == ("Albanian", "Italian")
    assert agenda.filename_stem == "agenda-joint-investigation-training"


@pytest.mark.django_db
def test_agenda_is_read_in_a_fixed_number_of_queries(design: ActivityDesign, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(9):
        agenda_build(design, generated_on=TODAY)
    objective = add_objective(design, "One more objective")
    for _ in range(3):
        day = add_day(design, "Another day")
        for i in range(4):
            add_module(day, f"Module {i}", "group_work", 45, [objective], "Trainer", [("Sheet", "https://example.org")])
    with django_assert_num_queries(9):
        agenda = agenda_build(design, generated_on=TODAY)
    assert len(agenda.days) == 5


@pytest.mark.django_db
def test_a_title_without_letters_still_names_the_file(programme: Any) -> None:
    design = make_design(programme=programme, title="Трафикинг · 人口贩运")
    assert agenda_build(design, generated_on=TODAY).filename_stem == f"agenda-design-{design.pk}"


# --- PDF -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_pdf_holds_the_whole_agenda(client: Any, personas: dict[str, Any], design: ActivityDesign) -> None:
    client.force_login(personas["manager"])
    response = download(client, design)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="agenda-joint-investigation-training.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content.startswith(b"%PDF-")
    text = pdf_text(response.content)
    for expected in [
        "Joint investigation training",
        "Fighting labour trafficking",  # the programme
        "Training",
        "Transnational",
        "Origin: Albania",
        "Destination: Italy",
        "INTERPRETATION INTO",  # labels are set in capitals
        "Albanian, Italian",
        "2 days, 8 h in total",
        "Learning objectives",
        "1 Recognise indicators of labour exploitation Knowledge",
        "3 Plan a joint investigation across borders Skill",
        "Day 1 — Understanding labour exploitation",
        "Day 2 — Working across borders",
        "09:00–09:30",
        "09:30–11:00",
        "11:00–13:00",
        "10:00–12:30",
        "12:30–13:00",
        "Opening and pre-test",
        "Indicators of labour exploitation",
        "Case study: agricultural workers",
        "Mutual legal assistance",
        "Simulation: a joint investigation team",
        "Post-test and closing",
        "Lecture or presentation",
        "Police investigator",
        "Case file",
        "Day 1 total: 4 h",
        "Day 2 total: 4 h",
        "Total duration",
        "Page 1 of 1",
        "Generated on",
    ]:
        assert expected in text, expected


@pytest.mark.django_db
def test_pdf_materials_are_real_links(admin_client: Any, design: ActivityDesign) -> None:
    reader = pypdf.PdfReader(io.BytesIO(download(admin_client, design).content))
    uris = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if annotation.get_object().get("/Subtype") == "/Link"
    ]
    assert uris == ["https://example.org/case.pdf"]


@pytest.mark.django_db
def test_only_web_addresses_become_links(admin_client: Any, programme: Any) -> None:
    design = make_design(programme=programme, title="Links")
    module = add_module(add_day(design), "Module", "lecture", 60)
    Material.objects.create(module=module, title="Script", url="javascript:alert(1)")
    Material.objects.create(module=module, title="Slides", file="design/materials/2026/slides.pdf")
    materials = agenda_build(design, generated_on=TODAY, base_url="https://relais.example").days[0].modules[0].materials
    assert [(m.title, m.url) for m in materials] == [
        ("Script", ""),
        ("Slides", "https://relais.example/media/design/materials/2026/slides.pdf"),
    ]
    reader = pypdf.PdfReader(io.BytesIO(download(admin_client, design).content))
    uris = [a.get_object()["/A"]["/URI"] for a in reader.pages[0].get("/Annots", [])]
    assert uris == ["http://testserver/media/design/materials/2026/slides.pdf"]


@pytest.mark.django_db
def test_pdf_start_time_can_be_changed(admin_client: Any, design: ActivityDesign) -> None:
    text = pdf_text(download(admin_client, design, start="13:30").content)
    assert "13:30–14:00" in text
    assert "15:30–17:30" in text
    assert "09:00–09:30" not in text


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["pdf", "docx"])
@pytest.mark.parametrize("start", ["9", "25:00", "nine", "09:00;rm"])
def test_a_malformed_start_time_is_a_bad_request(
    admin_client: Any, design: ActivityDesign, kind: str, start: str
) -> None:
    response = download(admin_client, design, kind, start=start)
    assert response.status_code == 400
    assert "HH:MM" in response.content.decode()


@pytest.mark.django_db
def test_pdf_in_french(client: Any, personas: dict[str, Any], design: ActivityDesign) -> None:
    client.force_login(personas["trainer"])
    client.cookies["relais_language"] = "fr"
    text = pdf_text(download(client, design).content)
    assert "Objectifs d'apprentissage" in text
    assert "Jour 1 — Understanding labour exploitation" in text
    assert "Jour 2" in text
    assert "Combattre la traite par le travail" in text  # the programme's French title
    assert "Page 1 sur 1" in text
    with translation.override("fr"):
        assert date_format(timezone.localdate(), "DATE_FORMAT") in text  # "18 mai 2026"


@pytest.mark.django_db
def test_pdf_in_french_from_the_browser_language(client: Any, personas: dict[str, Any], design: ActivityDesign) -> None:
    client.force_login(personas["me_officer"])
    text = pdf_text(download(client, design, language="fr").content)
    assert "Jour 1" in text


@pytest.mark.django_db
def test_hostile_text_shows_literally(admin_client: Any, programme: Any) -> None:
    design = make_design(programme=programme, title='#import "x" *bold*', summary="$math$ and // no comment")
    day = add_day(design, "= not a heading <label>")
    module = add_module(day, "[content] @ref _emphasis_", "lecture", 60, trainer_profile="`raw` \\ back")
    AgendaModule.objects.filter(pk=module.pk).update(description="- not a list\n1. nor this")
    add_objective(design, '#panic("boom")')
    response = download(admin_client, design)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="agenda-import-x-bold.pdf"'
    text = pdf_text(response.content)
    for literal in [
        '#import "x" *bold*',
        "$math$ and // no comment",
        "= not a heading <label>",
        "[content] @ref _emphasis_",
        "`raw` \\ back",
        "- not a list 1. nor this",
        '#panic("boom")',
    ]:
        assert literal in text, literal
    document = docx.Document(io.BytesIO(download(admin_client, design, "docx").content))
    assert document.paragraphs[1].text == '#import "x" *bold*'


@pytest.mark.django_db
def test_a_design_without_agenda_still_makes_a_document(admin_client: Any, programme: Any) -> None:
    design = make_design(programme=programme, title="Empty design")
    text = pdf_text(download(admin_client, design).content)
    assert "Empty design" in text
    assert "No learning objectives recorded yet." in text
    assert "The agenda has no days yet." in text
    day = add_day(design)
    add_day(design, "Second day")
    add_module(day, "Only module", "lecture", 45)
    text = pdf_text(download(admin_client, design).content)
    assert "Day 1 09:00–09:45" in text  # a day without a title is named by its number
    assert "Day 2 — Second day" in text
    assert "No modules planned for this day yet." in text
    assert download(admin_client, design, "docx").status_code == 200


@pytest.mark.django_db
def test_pdf_build_time(design: ActivityDesign) -> None:
    """The PDF of make_complete_design, built from the database (measured: see the report)."""
    agenda_pdf(agenda_build(design, generated_on=TODAY))  # the first build of a process loads the fonts
    started = time.perf_counter()
    for _ in range(5):
        pdf = agenda_pdf(agenda_build(design, generated_on=TODAY))
    elapsed = (time.perf_counter() - started) / 5
    print(f"agenda PDF of make_complete_design: {elapsed * 1000:.0f} ms, {len(pdf)} bytes")
    assert elapsed < 2


# --- DOCX ------------------------------------------------------------------------------------


def _docx(response: Any) -> Any:
    return docx.Document(io.BytesIO(response.content))


@pytest.mark.django_db
def test_docx_has_headings_and_module_tables(client: Any, personas: dict[str, Any], design: ActivityDesign) -> None:
    client.force_login(personas["coordinator_al"])
    response = download(client, design, "docx")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response["Content-Disposition"] == 'attachment; filename="agenda-joint-investigation-training.docx"'
    assert response["X-Content-Type-Options"] == "nosniff"
    document = _docx(response)
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        ("Heading 1", "Learning objectives"),
        ("Heading 1", "Schedule"),
        ("Heading 2", "Day 1 — Understanding labour exploitation"),
        ("Heading 2", "Day 2 — Working across borders"),
    ]
    assert document.paragraphs[1].style.name == "Title"
    assert document.paragraphs[1].text == "Joint investigation training"
    module_tables = [t for t in document.tables if len(t.columns) == 6]
    assert len(module_tables) == 2
    header = [c.text for c in module_tables[0].rows[0].cells]
    assert header == ["Time", "Module", "Method", "Trainer profile", "Objectives", "Materials"]
    rows = [[c.text for c in row.cells] for row in module_tables[0].rows[1:-1]]
    assert rows[0][:3] == ["09:00–09:30\n30 min", "Opening and pre-test", "Test or evaluation"]
    assert rows[2] == [
        "11:00–13:00\n2 h",
        "Case study: agricultural workers",
        "Case study",
        "Prosecutor",
        "1, 3",
        "Case file",
    ]
    assert module_tables[1].rows[-1].cells[0].text == "Day 2 total: 4 h"
    # The header row repeats on every page.
    assert module_tables[0].rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    facts = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert facts["Countries"] == "Origin: Albania\nDestination: Italy"
    assert facts["Duration"] == "2 days, 8 h in total"
    objectives = [[c.text for c in row.cells] for row in document.tables[1].rows]
    assert objectives[0] == ["1", "Recognise indicators of labour exploitation", "Knowledge"]


@pytest.mark.django_db
def test_docx_materials_are_real_hyperlinks_and_footer_counts_pages(admin_client: Any, design: ActivityDesign) -> None:
    document = _docx(download(admin_client, design, "docx"))
    links = [
        (rel.target_ref, rel.is_external) for rel in document.part.rels.values() if rel.reltype.endswith("/hyperlink")
    ]
    assert links == [("https://example.org/case.pdf", True)]
    cell = next(t for t in document.tables if len(t.columns) == 6).rows[3].cells[5]
    assert [link.text for link in cell.paragraphs[0].hyperlinks] == ["Case file"]
    footer = document.sections[0].footer.paragraphs[0]
    instructions = [i.text.strip() for i in footer._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert footer.text.startswith("Generated on ")
    assert "\tPage 1 of 1" in footer.text


@pytest.mark.django_db
def test_docx_in_french(client: Any, personas: dict[str, Any], design: ActivityDesign) -> None:
    client.force_login(personas["manager"])
    client.cookies["relais_language"] = "fr"
    document = _docx(download(client, design, "docx"))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "Objectifs d'apprentissage"
    assert headings[2] == "Jour 1 — Understanding labour exploitation"


# --- Who may download ------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(exports_permissions.PAGES))
def test_who_may_download(client: Any, personas: dict[str, Any], programme: Any, name: str) -> None:
    ctx: dict[str, Any] = {"programme": programme, **personas}
    exports_permissions.context(ctx)
    page = exports_permissions.PAGES[name]
    url = reverse(name, kwargs=page.kwargs(ctx))
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    for persona in PERSONAS:
        client.force_login(personas[persona])
        expected = 200 if persona in page.may else 404
        assert client.get(url).status_code == expected, persona
    assert "viewer" not in page.may


@pytest.mark.django_db
def test_a_design_of_another_programme_is_not_found(
    client: Any, personas: dict[str, Any], other_programme: Any
) -> None:
    design = make_complete_design(programme=other_programme)
    client.force_login(personas["manager"])
    assert download(client, design).status_code == 404
    assert download(client, design, "docx").status_code == 404
    # A bad start time does not tell a stranger that the design exists.
    assert download(client, design, start="nonsense").status_code == 404
    assert client.get(reverse("design:agenda_pdf", kwargs={"pk": 999999})).status_code == 404
