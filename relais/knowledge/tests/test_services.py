"""The document services: every write audited, abstracts sanitised, the search change log written in
the same transaction, translation groups merged and dissolved."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from relais.core.models import AuditEvent, Country, Profession, Theme
from relais.knowledge import services
from relais.knowledge.models import Document, DocumentTitle, SearchChange, TranslationGroup
from relais.knowledge.tests.factories import make_document

pytestmark = pytest.mark.django_db

XSS = (
    '<p onclick="steal()">Findings</p><script>alert(1)</script><img src=x onerror="alert(2)">'
    '<a href="javascript:x()">x</a>'
)


def _events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


def _changes() -> list[int]:
    return list(SearchChange.objects.order_by("id").values_list("document_id", flat=True))


def _create(actor: Any, **values: Any) -> Document:
    base: dict[str, Any] = {"kind": "study", "title": "A study", "language": "en", "access": "public"}
    base.update(values)
    return services.document_create(actor=actor, **base)


def test_create_writes_audit_and_one_search_change(personas: dict[str, Any]) -> None:
    manager = personas["manager"]
    document = _create(
        manager,
        title="Labour inspection and trafficking",
        abstract=XSS,
        authors=[" Ana Marković ", "", "ILO"],
        languages=["EN", "fr", "en"],
        doi="https://doi.org/10.1000/xyz123",
        isbn="978 92 2 133700 3",
        themes=["thb_labour"],
        countries=[Country.objects.get(code="AL")],
        audiences=["labour_inspection", "police"],
        year=2023,
    )
    document.refresh_from_db()
    assert document.created_by == manager
    assert document.authors == ["Ana Marković", "ILO"]
    assert document.languages == ["en", "fr"]
    assert document.doi == "10.1000/xyz123"
    assert document.isbn == "9789221337003"
    assert set(document.themes.values_list("code", flat=True)) == {"thb_labour"}
    assert set(document.audiences.values_list("code", flat=True)) == {"labour_inspection", "police"}
    assert list(document.countries.values_list("code", flat=True)) == ["AL"]
    [event] = _events("document.create")
    assert event.actor == manager and event.object_id == str(document.pk)
    assert _changes() == [document.pk]


def test_abstract_is_sanitised(personas: dict[str, Any]) -> None:
    document = _create(personas["manager"], abstract=XSS)
    abstract = document.abstract
    assert "<script" not in abstract and "alert(1)" not in abstract
    assert "onerror" not in abstract and "onclick" not in abstract and "javascript:" not in abstract
    assert "<p>Findings</p>" in abstract
    services.document_update(actor=personas["manager"], document=document, abstract="<b onmouseover=x()>Bold</b>")
    document.refresh_from_db()
    assert document.abstract == "<b>Bold</b>"
    title = services.document_title_set(
        actor=personas["manager"], document=document, language="fr", title="Une étude", abstract=XSS
    )
    assert "<script" not in title.abstract and "onerror" not in title.abstract


def test_plain_text_abstract_becomes_paragraphs(personas: dict[str, Any]) -> None:
    document = _create(personas["manager"], abstract="First line\r\nsecond line\n\nSecond paragraph")
    assert document.abstract == "<p>First line<br>second line</p><p>Second paragraph</p>"
    document2 = _create(personas["manager"], abstract="Rates & costs")
    assert document2.abstract == "<p>Rates &amp; costs</p>"


def test_languages_default_to_the_title_language(personas: dict[str, Any]) -> None:
    document = _create(personas["manager"], language="FR")
    assert document.language == "fr" and document.languages == ["fr"]


def test_update_audits_the_changed_fields_and_logs_a_search_change(personas: dict[str, Any]) -> None:
    document = make_document(title="Old title")
    services.document_update(
        actor=personas["admin"], document=document, title="New title", year=2020, themes=["thb_labour"]
    )
    [event] = _events("document.update")
    assert event.details["fields"] == ["title", "year", "themes"]
    assert _changes() == [document.pk]


def test_invalid_values_write_nothing(personas: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        _create(personas["manager"], year=1700)
    with pytest.raises(ValidationError):
        _create(personas["manager"], kind="poem")
    assert Document.objects.count() == 0
    assert _changes() == [] and _events("document.create") == []
    document = make_document(year=2000)
    with pytest.raises(ValidationError):
        services.document_update(actor=personas["manager"], document=document, url="not an address")
    assert _changes() == [] and _events("document.update") == []


def test_unknown_theme_code_writes_nothing(personas: dict[str, Any]) -> None:
    with pytest.raises(Theme.DoesNotExist):
        _create(personas["manager"], themes=["no_such_theme"])
    assert Document.objects.count() == 0 and _changes() == []


def test_delete_audits_logs_and_removes_titles(personas: dict[str, Any]) -> None:
    document = make_document()
    DocumentTitle.objects.create(document=document, language="fr", title="Titre")
    pk = document.pk
    services.document_delete(actor=personas["manager"], document=document)
    assert not Document.objects.filter(pk=pk).exists()
    assert not DocumentTitle.objects.filter(document_id=pk).exists()
    [event] = _events("document.delete")
    assert event.object_id == str(pk)
    assert _changes() == [pk]


def test_title_set_replaces_and_remove(personas: dict[str, Any]) -> None:
    document = make_document()
    services.document_title_set(actor=personas["manager"], document=document, language=" FR ", title=" Titre  ")
    services.document_title_set(actor=personas["manager"], document=document, language="fr", title="Titre 2")
    assert list(document.titles.values_list("language", "title")) == [("fr", "Titre 2")]
    services.document_title_remove(actor=personas["manager"], document=document, language="fr")
    assert not document.titles.exists()
    assert len(_events("document.title")) == 2 and len(_events("document.title_remove")) == 1
    assert _changes() == [document.pk] * 3


def test_translation_link_creates_then_merges_groups(personas: dict[str, Any]) -> None:
    actor = personas["manager"]
    en, fr, sr, de = (make_document(language=code) for code in ("en", "fr", "sr", "de"))
    services.translation_link(actor=actor, document=en, other=fr)
    en.refresh_from_db()
    fr.refresh_from_db()
    assert en.translation_group_id is not None and en.translation_group_id == fr.translation_group_id
    assert sorted(_changes()) == sorted([en.pk, fr.pk])
    services.translation_link(actor=actor, document=sr, other=de)
    sr.refresh_from_db()
    SearchChange.objects.all().delete()
    services.translation_link(actor=actor, document=fr, other=sr)  # two groups of two merge into one of four
    groups = set(Document.objects.values_list("translation_group_id", flat=True))
    assert len(groups) == 1 and None not in groups
    assert TranslationGroup.objects.count() == 1
    assert sorted(_changes()) == sorted(d.pk for d in (en, fr, sr, de))
    assert len(_events("document.translation_link")) == 3


def test_linking_documents_already_linked_does_nothing(personas: dict[str, Any]) -> None:
    en, fr = make_document(language="en"), make_document(language="fr")
    services.translation_link(actor=personas["manager"], document=en, other=fr)
    SearchChange.objects.all().delete()
    services.translation_link(actor=personas["manager"], document=fr, other=en)
    assert TranslationGroup.objects.count() == 1 and _changes() == []
    assert len(_events("document.translation_link")) == 1


def test_translation_link_to_itself_does_nothing(personas: dict[str, Any]) -> None:
    document = make_document()
    services.translation_link(actor=personas["manager"], document=document, other=document)
    assert TranslationGroup.objects.count() == 0 and _changes() == []


def test_translation_unlink_keeps_a_group_of_two_and_dissolves_a_group_of_one(personas: dict[str, Any]) -> None:
    actor = personas["manager"]
    en, fr, sr = (make_document(language=code) for code in ("en", "fr", "sr"))
    services.translation_link(actor=actor, document=en, other=fr)
    stale = Document.objects.get(pk=en.pk)
    stale.translation_group = None  # an object read before the link: the service reads the database
    services.translation_link(actor=actor, document=stale, other=sr)
    en.refresh_from_db()
    group_id = en.translation_group_id
    SearchChange.objects.all().delete()
    services.translation_unlink(actor=actor, document=en)
    assert Document.objects.get(pk=en.pk).translation_group_id is None
    assert set(Document.objects.filter(translation_group_id=group_id).values_list("pk", flat=True)) == {fr.pk, sr.pk}
    assert sorted(_changes()) == sorted([en.pk, fr.pk, sr.pk])
    fr.refresh_from_db()
    services.translation_unlink(actor=actor, document=fr)
    assert TranslationGroup.objects.count() == 0
    assert Document.objects.filter(translation_group__isnull=False).count() == 0
    assert len(_events("document.translation_unlink")) == 2


def test_deleting_one_of_two_translations_dissolves_the_group(personas: dict[str, Any]) -> None:
    en, fr = make_document(language="en"), make_document(language="fr")
    services.translation_link(actor=personas["manager"], document=en, other=fr)
    en.refresh_from_db()
    en_pk = en.pk
    SearchChange.objects.all().delete()
    services.document_delete(actor=personas["manager"], document=en)
    fr.refresh_from_db()
    assert fr.translation_group_id is None and TranslationGroup.objects.count() == 0
    assert sorted(_changes()) == sorted([en_pk, fr.pk])


def test_relations_by_object_or_code(personas: dict[str, Any]) -> None:
    police = Profession.objects.get(code="police")
    document = _create(personas["manager"], audiences=[police, "prosecution"])
    assert set(document.audiences.values_list("code", flat=True)) == {"police", "prosecution"}
    services.document_update(actor=personas["manager"], document=document, audiences=[])
    assert not document.audiences.exists()
