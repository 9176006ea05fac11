"""The demo knowledge centre (steps 60–61): about 150 documents in many languages, each with a file
whose text was extracted, translation groups, collections, some internal documents, links from the
demo designs, and a search index that finds them."""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

import pytest

from relais.core.demo import DemoContext, demo_steps
from relais.knowledge import demo
from relais.knowledge.demo_catalogue import CATALOGUE, COLLECTIONS
from relais.knowledge.demo_texts import compose
from relais.knowledge.models import Access, Collection, Document, DocumentFile, DocumentTitle, TextStatus
from relais.knowledge.search import SearchParams, search_documents

STEPS_BEFORE = ("programme", "programme_results", "designs")


@pytest.fixture
def context(db: None) -> DemoContext:
    """The programme, its team and designs, then the knowledge centre and the design links (the
    sessions and evaluation steps are not needed here)."""
    demo.register()
    keys = [step.key for step in demo_steps()]
    assert keys.index("indicators") < keys.index("knowledge") < keys.index("design_documents")
    context = DemoContext()
    for step in demo_steps():
        if step.key in STEPS_BEFORE:
            step.run(context)
    start = time.perf_counter()
    for step in demo_steps():
        if step.key in ("knowledge", "design_documents"):
            step.run(context)
    context.objects["seconds"] = time.perf_counter() - start
    return context


def _hits(q: str, *, audience: str = "public", **params: Any) -> list[Document]:
    result = search_documents(SearchParams(q=q, per_page=50, **params), audience=audience)
    return list(Document.objects.filter(pk__in=[h.document_id for h in result.hits]))


def test_catalogue_is_consistent() -> None:
    keys = [e.key for e in CATALOGUE]
    assert len(keys) == len(set(keys)) == 150
    assert {k for _t, _d, _a, ks in COLLECTIONS for k in ks} <= set(keys)
    for entry in CATALOGUE:
        assert entry.language == "en" or entry.title_en, entry.key
        assert entry.file in ("pdf", "docx", "pptx", "odt", "txt", "html", "xlsx")
    # The same seed gives the same text; another seed another.
    one = compose(language="ro", topics=["jit"], words=300, seed=1)
    assert one == compose(language="ro", topics=["jit"], words=300, seed=1)
    assert one != compose(language="ro", topics=["jit"], words=300, seed=2)


def test_isbn_check_digit() -> None:
    import random

    for seed in range(20):
        isbn = demo.isbn13(random.Random(seed))
        digits = [int(c) for c in isbn]
        assert len(digits) == 13 and isbn.startswith("978")
        assert sum(d * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits)) % 10 == 0


def test_demo_documents(context: DemoContext) -> None:
    documents = Document.objects.all()
    assert 140 <= documents.count() <= 160
    languages = Counter(documents.values_list("language", flat=True))
    assert len(languages) >= 8 and languages["en"] >= 50 and languages["fr"] >= 30
    assert {"sr", "sq", "ro", "bg", "it", "de", "nl", "hr", "bs", "mk", "hu", "cs"} <= set(languages)
    internal = documents.filter(access=Access.INTERNAL).count()
    assert 0.15 <= internal / documents.count() <= 0.25
    assert len(set(documents.values_list("kind", flat=True))) == 7
    years = {y for y in documents.values_list("year", flat=True) if y is not None}
    assert min(years) >= 2012 and max(years) <= 2026 and len(years) >= 10

    # Every document has one current file whose text was extracted, of several types.
    current = DocumentFile.objects.filter(is_current=True)
    assert current.count() == documents.count()
    assert not current.exclude(text_status=TextStatus.DONE).exists()
    kinds = Counter(current.values_list("kind", flat=True))
    assert set(kinds) == {"pdf", "docx", "pptx", "odt", "txt", "html", "xlsx"}
    assert kinds["pdf"] >= 30 and kinds["docx"] >= 40
    for file in current.only("text", "document__language").select_related("document"):
        assert 300 <= len(file.text.split()) <= 4000, file
    versioned = DocumentFile.objects.filter(version=2)
    assert versioned.count() >= 5 and all(f.note for f in versioned)

    # Titles in English for the documents in other languages; translation groups; collections.
    others = documents.exclude(language="en")
    assert DocumentTitle.objects.filter(language="en", document__in=others).count() == others.count()
    assert DocumentTitle.objects.filter(language="fr").count() >= 8
    groups = Counter(documents.exclude(translation_group=None).values_list("translation_group", flat=True))
    assert len(groups) >= 10 and all(n >= 2 for n in groups.values())
    assert Collection.objects.count() == len(COLLECTIONS)
    assert Collection.objects.filter(access=Access.INTERNAL).exists()
    assert all(c.items.count() >= 6 for c in Collection.objects.all())

    # Metadata a librarian would expect.
    assert documents.exclude(isbn="").count() >= 10 and documents.exclude(doi="").count() >= 10
    assert all(d.doi.startswith("10.5555/") for d in documents.exclude(doi=""))
    assert all(d.publisher and d.place and d.year for d in documents)
    # Most have personal authors; the others are the work of their publishing body.
    assert documents.exclude(authors=[]).count() >= 0.8 * documents.count()
    assert "Kovács, Zoltán" in documents.get(language="hu", title__startswith="A pénz nyomában").authors
    romanian = documents.get(title__startswith="Taxele de recrutare")
    assert "Ștefan Popescu" in romanian.authors
    assert romanian.themes.exists() and romanian.countries.exists() and romanian.audiences.exists()


def test_demo_designs_link_documents(context: DemoContext) -> None:
    from relais.design.models import DesignReference, Material, NeedsSource

    assert Material.objects.filter(document__isnull=False).count() >= 15
    assert NeedsSource.objects.filter(document__isnull=False).count() >= 3
    assert DesignReference.objects.count() >= 6
    # The sources written as text became links; those that point elsewhere stay as they are.
    assert not NeedsSource.objects.filter(title="Needs survey of 84 practitioners (fictional)").exists()
    survey = NeedsSource.objects.get(document__title__startswith="Needs survey of practitioners")
    assert survey.note == "Inspectors do not know the referral steps"
    assert Material.objects.filter(title="ILO indicators of forced labour", document=None).exclude(url="").exists()


def test_demo_search(context: DemoContext) -> None:
    french = _hits("inspecteurs", query_language="fr")
    assert any(d.language == "fr" for d in french)
    for name in ("Ștefan", "Stefan"):
        assert any(d.language == "ro" for d in _hits(name)), name
    assert _hits("trafficked")
    # Internal documents are found by staff only.
    internal = Document.objects.filter(access=Access.INTERNAL, language="en").first()
    assert internal is not None
    words = internal.title.split()[:4]
    assert internal not in _hits(" ".join(words))
    assert internal in _hits(" ".join(words), audience="internal")
