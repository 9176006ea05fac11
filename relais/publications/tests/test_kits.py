"""Replication kits: build_kit's PDF and ZIP for a complete design (relais.publications.kits)."""

from __future__ import annotations

import hashlib
import io
import zipfile
from typing import Any

import pytest
from django.core.files.base import ContentFile
from docx import Document as DocxDocument
from pypdf import PdfReader

from relais.delivery.tests.factories import make_session
from relais.design.models import AdaptationItem, AdaptationTopic, AgendaModule, Material
from relais.design.tests.factories import make_complete_design
from relais.evaluation.models import ItemType, LessonLearned, LessonStatus, QuestionnaireKind
from relais.evaluation.tests.factories import make_item, make_questionnaire
from relais.knowledge.models import Access, DocumentFile, DocumentTitle
from relais.knowledge.tests.factories import make_document
from relais.publications.kit_archive import safe_name
from relais.publications.kits import build_kit
from relais.publications.models import BuildKind, PublicationBuild

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _attach(document: Any, name: str, data: bytes) -> DocumentFile:
    f = DocumentFile(
        document=document,
        version=1,
        is_current=True,
        original_name=name,
        kind=name.rsplit(".", 1)[-1],
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    f.file.save(name, ContentFile(data), save=False)
    f.save()
    return f


@pytest.fixture
def kit_design(programme: Any, personas: dict[str, Any]) -> Any:
    design = make_complete_design(programme=programme, title="Joint investigation training")
    module = AgendaModule.objects.filter(day__design=design).order_by("day__position", "position", "id")[2]
    public = make_document(title="Handbook on labour inspection", access=Access.PUBLIC)
    DocumentTitle.objects.create(document=public, language="fr", title="Manuel de l'inspection du travail")
    _attach(public, "Handbook on labour inspection.pdf", b"%PDF-1.4 public handbook")
    internal = make_document(title="Internal briefing on cases", access=Access.INTERNAL)
    _attach(internal, "internal-briefing.pdf", b"%PDF-1.4 internal")
    Material.objects.create(module=module, title=public.title, document=public)
    Material.objects.create(module=module, title=internal.title, document=internal)
    own = Material(module=module, title="Role cards")
    own.file.save("Rollenkarten für Übung.docx", ContentFile(b"role cards"), save=False)
    own.save()
    session = make_session(design=design, country="AL", title="Tirana session")
    pre = make_questionnaire(session, QuestionnaireKind.PRE_TEST, title="Pre-test on exploitation")
    make_item(
        pre,
        ItemType.SINGLE,
        text="Which is an indicator of forced labour?",
        correct=["a"],
        points=1,
        options=[{"value": "a", "label": "Withheld documents"}, {"value": "b", "label": "A written contract"}],
        translations={"fr": {"text": "Quel est un indicateur du travail forcé ?", "options": {"a": "Papiers retenus"}}},
    )
    sat = make_questionnaire(session, QuestionnaireKind.SATISFACTION, title="Satisfaction")
    make_item(sat, ItemType.LIKERT, text="The case study was useful")
    make_item(sat, ItemType.LONG_TEXT, text="What would you change?", required=False)
    for status, title in ((LessonStatus.VALIDATED, "Book interpreters early"), (LessonStatus.OBSERVED, "Draft idea")):
        lesson = LessonLearned(session=session, title=title, what_happened="Interpreters came late.", status=status)
        lesson.programme_id = programme.pk
        lesson.save()
    AdaptationItem.objects.create(design=design, topic=AdaptationTopic.LANGUAGES, done=True, note="Albanian booked")
    return design


def _build(design: Any, language: str, actor: Any = None) -> PublicationBuild:
    build = PublicationBuild.objects.create(
        kind=BuildKind.KIT,
        programme=design.programme,
        design=design,
        title=f"Replication kit — {design.title}",
        language=language,
        parameters={"base_url": "https://relais.example"},
        created_by=actor,
    )
    steps: list[tuple[int, str]] = []
    build_kit(build, lambda p, s: steps.append((p, s)))
    build.save()
    assert [p for p, _s in steps] == sorted(p for p, _s in steps) and steps[-1][0] >= 90
    return build


def _pdf_text(data: bytes) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages)


def test_kit_zip_holds_the_documents_and_only_shareable_files(kit_design: Any, personas: dict[str, Any]) -> None:
    build = _build(kit_design, "en", personas["manager"])
    with build.archive.open("rb") as f, zipfile.ZipFile(io.BytesIO(f.read())) as zf:
        names = zf.namelist()
        assert {"kit.pdf", "agenda.pdf", "agenda.docx", "README.txt"} <= set(names)
        assert "materials/handbook-on-labour-inspection.pdf" in names
        assert zf.read("materials/handbook-on-labour-inspection.pdf") == b"%PDF-1.4 public handbook"
        assert not any("internal" in n for n in names)
        assert "materials/rollenkarten_fur_ubung.docx" in names  # the design's own file, with a safe name
        assert all(n.isascii() and ".." not in n and not n.startswith("/") for n in names)
        assert len(names) == len(set(names))
        assert {"questionnaires/pre.docx", "questionnaires/satisfaction.docx"} <= set(names)
        form = DocxDocument(io.BytesIO(zf.read("questionnaires/pre.docx")))
        assert any("Which is an indicator of forced labour?" in p.text for p in form.paragraphs)
        readme = zf.read("README.txt").decode("utf-8")
        assert "materials/handbook-on-labour-inspection.pdf" in readme
        assert "An internal document of the knowledge centre: not included: internal document" in readme
        assert "Internal briefing on cases" not in readme  # a kit can be published: no internal title
        agenda_docx = DocxDocument(io.BytesIO(zf.read("agenda.docx")))
        agenda_text = " ".join(c.text for t in agenda_docx.tables for r in t.rows for c in r.cells)
        assert "Handbook on labour inspection" in agenda_text
        assert "Internal briefing on cases" not in agenda_text
        assert "Internal briefing on cases" not in _pdf_text(zf.read("agenda.pdf"))
        assert zf.read("kit.pdf") == build.pdf.open("rb").read()
    assert len(build.content_hash) == 64


def test_kit_pdf_text(kit_design: Any, personas: dict[str, Any]) -> None:
    build = _build(kit_design, "en", personas["manager"])
    text = _pdf_text(build.pdf.open("rb").read())
    for expected in [
        "Joint investigation training",
        "Recognise indicators of labour exploitation",
        "Case study: agricultural workers",
        "Adaptation checklist",
        "Check against the design model",
        "Which is an indicator of forced labour?",
        "Withheld documents",
        "Book interpreters early",
        "Handbook on labour inspection",
        "not included: internal document",
        "https://relais.example/knowledge/documents/",
        "Albanian booked",
    ]:
        assert expected in text, expected
    assert "Internal briefing on cases" not in text
    assert "Draft idea" not in text  # observed lessons are not in the kit


def test_french_kit_is_in_french(kit_design: Any, personas: dict[str, Any]) -> None:
    build = _build(kit_design, "fr", personas["manager"])
    text = _pdf_text(build.pdf.open("rb").read())
    assert "Quel est un indicateur du travail forcé ?" in text
    assert "Papiers retenus" in text
    assert "Manuel de l'inspection du travail" in text
    assert "Joint investigation training" in text
    assert "Page 1 sur" in text  # the interface's own French words (the kit's new ones come with makemessages)
    assert "Évaluation" in text and "Enseignements tirés" in text
    assert "Page 1 of" not in text


def test_same_data_gives_the_same_hash(kit_design: Any, personas: dict[str, Any]) -> None:
    first = _build(kit_design, "en", personas["manager"])
    second = _build(kit_design, "en", personas["manager"])
    assert first.content_hash == second.content_hash
    kit_design.objectives.update(text="Changed objective")
    assert _build(kit_design, "en", personas["manager"]).content_hash != first.content_hash


def test_kit_of_a_design_without_sessions_lists_the_evaluation_plan(programme: Any) -> None:
    design = make_complete_design(programme=programme, title="Bare design")
    build = _build(design, "en")
    text = _pdf_text(build.pdf.open("rb").read())
    assert "No session of this design has questionnaires yet" in text
    assert "Follow-up" in text
    with build.archive.open("rb") as f, zipfile.ZipFile(io.BytesIO(f.read())) as zf:
        assert not [n for n in zf.namelist() if n.startswith("questionnaires/")]


def test_user_text_is_shown_literally(programme: Any) -> None:
    design = make_complete_design(programme=programme, title='#set text(red) = *bold* $x$ <l> @r "q" // c')
    build = _build(design, "en")
    text = _pdf_text(build.pdf.open("rb").read())
    assert '#set text(red) = *bold* $x$ <l> @r "q" // c' in text


def test_safe_names() -> None:
    taken: set[str] = set()
    assert safe_name("../../etc/passwd", fallback="x", taken=taken, folder="materials") == "materials/passwd"
    assert safe_name("C:\\evil\\Passwd", fallback="x", taken=taken, folder="materials") == "materials/passwd-2"
    assert safe_name("Правила.pdf", fallback="Rules", taken=taken, folder="materials") == "materials/rules.pdf"
    assert safe_name("Правила.pdf", fallback="Правила", taken=taken, folder="materials") == "materials/file.pdf"
    assert safe_name("a.PDF", fallback="x", taken=taken) == "a.pdf"
    assert safe_name("a.exe;rm", fallback="x", taken=taken) == "a"


def test_kit_pages_as_images(kit_design: Any, personas: dict[str, Any], tmp_path: Any) -> None:
    """Renders the kit's pages to PNG (into $RELAIS_SCREENSHOTS when set, to look at them)."""
    import os
    from pathlib import Path

    import typst

    from relais.delivery.documents.render import fonts
    from relais.publications.kit_data import kit_collect
    from relais.publications.kit_pdf import kit_typst_source

    out = Path(os.environ.get("RELAIS_SCREENSHOTS") or tmp_path)
    for language in ("en", "fr"):
        from django.utils import timezone, translation

        with translation.override(language):
            kit = kit_collect(kit_design, language=language, viewer=personas["manager"], base_url="https://r.example")
            source = kit_typst_source(kit, generated_on=timezone.localdate())
        result = typst.compile(source.encode("utf-8"), font_paths=fonts(), format="png", ppi=60)
        pages: list[bytes] = result if isinstance(result, list) else [result]
        assert len(pages) >= 3
        for n, png in enumerate(pages, start=1):
            (out / f"kit-{language}-{n}.png").write_bytes(png)


def test_kit_data_leaves_internal_document_titles_out(kit_design: Any, personas: dict[str, Any]) -> None:
    from relais.publications.kit_data import kit_collect

    kit = kit_collect(kit_design, language="en", viewer=personas["manager"], base_url="https://r.example")
    internal = [m for m in kit.materials if m.reason == "not included: internal document"]
    assert [m.title for m in internal] == ["An internal document of the knowledge centre"]
    agenda_titles = [i.title for d in kit.agenda.days for m in d.modules for i in m.materials]
    assert "Handbook on labour inspection" in agenda_titles
    assert "An internal document of the knowledge centre" in agenda_titles
    assert "Internal briefing on cases" not in agenda_titles


def test_lineage_names_only_designs_of_the_same_programme(
    programme: Any, other_programme: Any, personas: dict[str, Any]
) -> None:
    from relais.design.tests.factories import make_design
    from relais.publications.kit_data import kit_collect
    from relais.publications.kit_pdf import kit_typst_source

    origin = make_design(programme=other_programme, title="Origin elsewhere")
    design = make_complete_design(programme=programme, title="Kit design", replicated_from=origin)
    make_design(programme=programme, title="Copy at home", replicated_from=design)
    make_design(programme=other_programme, title="Copy elsewhere", replicated_from=design)
    kit = kit_collect(design, language="en", viewer=personas["admin"])
    assert [i.title for i in kit.replicated_into] == ["Copy at home"]
    assert kit.replicated_from == ()
    assert (kit.lineage_hidden, kit.ancestors_hidden) == (1, 1)
    from django.utils import timezone

    source = kit_typst_source(kit, generated_on=timezone.localdate())
    assert "Copy at home" in source
    assert "Origin elsewhere" not in source and "Copy elsewhere" not in source
    assert source.count("and 1 other replication") == 2
