"""A document's page and its citation downloads: public documents for everyone, internal ones only
for programme staff (404 for the public, viewers and accounts without a role)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from relais.knowledge.models import Access, Collection, CollectionItem, Document, DocumentTitle, TranslationGroup
from relais.knowledge.tests.factories import make_document

READERS_OF_INTERNAL = ["admin", "manager", "coordinator_al", "coordinator_it", "trainer", "me_officer"]


def url(document: Document) -> str:
    return reverse("knowledge:document", kwargs={"pk": document.pk})


@pytest.fixture
def guideline(db: None) -> Document:
    return make_document(
        title="Guideline on labour inspection",
        abstract="<p>How inspectors detect <em>trafficking</em>.</p>",
        authors=["Ana Marković", "Milan Đorđević"],
        publisher="Relais Centre",
        place="Belgrade",
        year=2024,
        languages=["en", "sr"],
        isbn="9788612345678",
        doi="10.1234/relais.7",
        url="https://example.org/guideline",
        themes=["thb_labour"],
        countries=["AL", "RS"],
        audiences=["labour_inspection"],
    )


def test_public_document_page_for_anonymous_visitors(client: Any, guideline: Document) -> None:
    response = client.get(url(guideline))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 lang="en">Guideline on labour inspection</h1>' in html
    assert '<div class="kn-abstract" lang="en"><p>How inspectors detect <em>trafficking</em>.</p></div>' in html
    for label, value in [
        ("Type", "Guideline"),
        ("Authors", "Ana Marković; Milan Đorđević"),
        ("Publisher", "Relais Centre"),
        ("Place of publication", "Belgrade"),
        ("Year", "2024"),
        ("Languages", "English, Serbian"),
        ("Themes", "Trafficking for labour exploitation"),
        ("Countries", "Albania, Serbia"),
        ("Audiences", "Labour inspection"),
        ("ISBN", "9788612345678"),
    ]:
        assert f'<th scope="row">{label}</th><td>{value}</td>' in html, label
    assert (
        '<a href="https://doi.org/10.1234/relais.7" rel="noopener noreferrer">https://doi.org/10.1234/relais.7</a>'
        in html
    )
    assert 'href="https://example.org/guideline"' in html
    # The citation: APA and BibTeX, with the downloads.
    assert "Marković, A., &amp; Đorđević, M. (2024). <i>Guideline on labour inspection</i>. Relais Centre." in html
    assert "@manual{markovic2024guideline," in html
    assert reverse("knowledge:cite", kwargs={"pk": guideline.pk, "fmt": "bib"}) in html
    assert reverse("knowledge:cite", kwargs={"pk": guideline.pk, "fmt": "ris"}) in html
    # The public header, and nothing for staff or managers.
    assert ">Log in</a>" in html
    assert "kn-public" not in html and "Internal:" not in html
    assert reverse("knowledge:edit", kwargs={"pk": guideline.pk}) not in html


def test_internal_document_does_not_exist_for_the_public(client: Any, personas: dict[str, Any]) -> None:
    internal = make_document(title="Internal casework notes", access=Access.INTERNAL)
    cite = reverse("knowledge:cite", kwargs={"pk": internal.pk, "fmt": "bib"})
    assert client.get(url(internal)).status_code == 404
    assert client.get(cite).status_code == 404
    for persona in ["viewer", "outsider"]:
        client.force_login(personas[persona])
        assert client.get(url(internal)).status_code == 404, persona
        assert client.get(cite).status_code == 404, persona
    for persona in READERS_OF_INTERNAL:
        client.force_login(personas[persona])
        response = client.get(url(internal))
        assert response.status_code == 200, persona
        assert "Internal: programme staff only." in response.content.decode()
        assert client.get(cite).status_code == 200, persona
    assert client.get(reverse("knowledge:document", kwargs={"pk": 999999})).status_code == 404


def test_managers_see_the_management_links(client: Any, personas: dict[str, Any], guideline: Document) -> None:
    client.force_login(personas["manager"])
    html = client.get(url(guideline)).content.decode()
    for name in ("edit", "titles", "translations", "delete"):
        assert reverse(f"knowledge:{name}", kwargs={"pk": guideline.pk}) in html, name
    assert 'class="badge kn-public"' in html
    client.force_login(personas["trainer"])
    html = client.get(url(guideline)).content.decode()
    assert reverse("knowledge:edit", kwargs={"pk": guideline.pk}) not in html
    assert 'class="badge kn-public"' in html


def test_title_and_abstract_in_the_users_language(client: Any, guideline: Document) -> None:
    DocumentTitle.objects.create(
        document=guideline,
        language="fr",
        title="Guide de l'inspection du travail",
        abstract="<p>Comment les inspecteurs détectent la traite.</p>",
    )
    DocumentTitle.objects.create(document=guideline, language="sr", title="Smernice za inspekciju rada")
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "fr"})
    html = client.get(url(guideline)).content.decode()
    assert '<h1 lang="fr">Guide de l&#x27;inspection du travail</h1>' in html
    assert '<div class="kn-abstract" lang="fr"><p>Comment les inspecteurs détectent la traite.</p></div>' in html
    # The original and the other titles are listed, each with its language.
    assert '<span lang="en">Guideline on labour inspection</span>' in html
    assert '<span lang="sr">Smernice za inspekciju rada</span>' in html
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "en"})
    html = client.get(url(guideline)).content.decode()
    assert '<h1 lang="en">Guideline on labour inspection</h1>' in html
    assert '<span lang="fr">Guide de l&#x27;inspection du travail</span>' in html


def test_abstract_is_rendered_as_stored_and_other_text_escaped(client: Any, db: None) -> None:
    document = make_document(
        title="<script>alert(1)</script> title",
        abstract="<p>Safe <strong>abstract</strong></p>",
        authors=["<b>Evil</b> Author"],
        publisher="<img src=x>",
    )
    html = client.get(url(document)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; title" in html
    assert "<b>Evil</b>" not in html and "<img src=x>" not in html
    assert "<p>Safe <strong>abstract</strong></p>" in html


def test_translations_and_collections_the_user_may_see(
    client: Any, personas: dict[str, Any], guideline: Document
) -> None:
    group = TranslationGroup.objects.create()
    french = make_document(title="Guide de l'inspection", language="fr", languages=["fr"], translation_group=group)
    serbian = make_document(
        title="Smernice za inspekciju", language="sr", languages=["sr"], translation_group=group, access=Access.INTERNAL
    )
    Document.objects.filter(pk=guideline.pk).update(translation_group=group)
    public = Collection.objects.create(title="Inspection package", access=Access.PUBLIC)
    internal = Collection.objects.create(title="Staff reading list", access=Access.INTERNAL)
    CollectionItem.objects.create(collection=public, document=guideline)
    CollectionItem.objects.create(collection=internal, document=guideline)
    html = client.get(url(guideline)).content.decode()
    assert "Also available in" in html
    assert re.search(
        rf'href="{url(french)}" lang="fr">Guide de l&#x27;inspection</a> <span class="kn-lang">French', html
    )
    assert url(serbian) not in html
    assert "Inspection package" in html and "Staff reading list" not in html
    client.force_login(personas["coordinator_al"])
    html = client.get(url(guideline)).content.decode()
    assert url(serbian) in html and "Staff reading list" in html


def test_document_page_queries_are_bounded(client: Any, personas: dict[str, Any], guideline: Document) -> None:
    client.force_login(personas["manager"])
    client.get(url(guideline))
    with CaptureQueriesContext(connection) as few:
        client.get(url(guideline))
    group = TranslationGroup.objects.create()
    Document.objects.filter(pk=guideline.pk).update(translation_group=group)
    for n in range(5):
        other = make_document(title=f"Translation {n}", translation_group=group, themes=["thb_labour"])
        DocumentTitle.objects.create(document=guideline, language=f"x{n}", title=f"Title {n}")
        collection = Collection.objects.create(title=f"Package {n}", access=Access.PUBLIC)
        CollectionItem.objects.create(collection=collection, document=guideline)
        CollectionItem.objects.create(collection=collection, document=other)
    with CaptureQueriesContext(connection) as many:
        client.get(url(guideline))
    assert len(many) <= len(few) + 1  # + the translations, read only when the document has some


def test_cite_downloads(client: Any, guideline: Document) -> None:
    bib = client.get(reverse("knowledge:cite", kwargs={"pk": guideline.pk, "fmt": "bib"}))
    assert bib.status_code == 200
    assert bib["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert bib["Content-Disposition"] == 'attachment; filename="markovic2024guideline.bib"'
    assert bib["X-Content-Type-Options"] == "nosniff"
    assert bib.content.decode("utf-8").startswith("@manual{markovic2024guideline,\n  author = {Marković, Ana and")
    ris = client.get(reverse("knowledge:cite", kwargs={"pk": guideline.pk, "fmt": "ris"}))
    assert ris["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    assert ris["Content-Disposition"] == 'attachment; filename="markovic2024guideline.ris"'
    assert "AU  - Đorđević, Milan\r\n" in ris.content.decode("utf-8")
    assert client.get(reverse("knowledge:cite", kwargs={"pk": guideline.pk, "fmt": "pdf"})).status_code == 404
