"""The standard questionnaire items: loaded by the data migration, again without duplicates, with
complete French translations; the knowledge bank scored and well formed."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from relais.evaluation.models import ItemRole, ItemType, LibraryItem, QuestionnaireKind
from relais.evaluation.standard_items import FOLLOW_UP_ITEMS, SATISFACTION_ITEMS, all_specs, load_standard_items
from relais.evaluation.standard_items_bank import KNOWLEDGE

# French typography: a space before « : ; ? ! » (a plain one), none glued to the word before.
GLUED = re.compile(r"[^\s][:;?!]")


def _french(item: LibraryItem) -> dict[str, object]:
    fr = item.translations.get("fr")
    assert isinstance(fr, dict), item.text
    return fr


@pytest.mark.django_db
def test_the_migration_loaded_them_and_loading_again_adds_nothing() -> None:
    specs = all_specs()
    library = LibraryItem.objects.filter(programme__isnull=True)
    assert library.count() == len(specs)
    assert load_standard_items() == 0
    assert library.count() == len(specs)
    # A deleted item comes back, alone; an item someone changed (another text) is left as it is.
    library.filter(text=SATISFACTION_ITEMS[0].text).delete()
    changed = library.get(text=FOLLOW_UP_ITEMS[0].text)
    changed.help = "Changed by an administrator"
    changed.save()
    assert load_standard_items() == 1
    assert library.count() == len(specs)
    assert library.get(text=FOLLOW_UP_ITEMS[0].text).help == "Changed by an administrator"
    assert Counter(library.values_list("text", flat=True)).most_common(1)[0][1] == 1


@pytest.mark.django_db
def test_every_standard_item_is_translated_into_french() -> None:
    items = list(LibraryItem.objects.filter(programme__isnull=True))
    assert items
    for item in items:
        fr = _french(item)
        text = str(fr.get("text") or "")
        assert text and text != item.text, item.text
        assert not GLUED.search(text), text
        if item.help:
            assert fr.get("help") and fr["help"] != item.help, item.text
        if item.options:
            labels = fr.get("options")
            assert isinstance(labels, dict), item.text
            assert set(labels) == {o["value"] for o in item.options}, item.text
            assert all(str(label).strip() for label in labels.values()), item.text
            for label in labels.values():
                assert not GLUED.search(str(label)), label
    assert all(item.themes.exists() for item in items if item.kind == QuestionnaireKind.PRE_TEST)


@pytest.mark.django_db
def test_satisfaction_and_follow_up_items_are_standard() -> None:
    library = LibraryItem.objects.filter(programme__isnull=True, standard=True)
    satisfaction = library.filter(kind=QuestionnaireKind.SATISFACTION)
    assert satisfaction.filter(type=ItemType.LIKERT).count() == 8
    assert satisfaction.filter(type=ItemType.LONG_TEXT).count() == 2
    follow_up = library.filter(kind=QuestionnaireKind.FOLLOW_UP)
    application = follow_up.get(role=ItemRole.APPLICATION)
    assert application.type == ItemType.LIKERT and application.text.startswith("I have applied what I learned")
    assert follow_up.get(role=ItemRole.APPLICATION_EXAMPLE).type == ItemType.LONG_TEXT
    assert follow_up.filter(type=ItemType.CONTACTS).count() == 1
    assert follow_up.filter(type=ItemType.COOPERATION).count() == 1
    assert not library.filter(kind=QuestionnaireKind.PRE_TEST).exists()


@pytest.mark.django_db
def test_the_knowledge_bank() -> None:
    assert 20 <= len(KNOWLEDGE) <= 30
    assert len({spec.key for spec in all_specs()}) == len(all_specs())
    bank = LibraryItem.objects.filter(programme__isnull=True, kind=QuestionnaireKind.PRE_TEST)
    assert bank.count() == len(KNOWLEDGE)
    assert not bank.filter(standard=True).exists()
    for item in bank:
        values = [o["value"] for o in item.options]
        assert item.type == ItemType.SINGLE and len(values) == 4
        assert len(item.correct) == 1 and item.correct[0] in values
        assert item.points == 1
    # The right answer is not always in the same place.
    assert len({spec.correct[0] for spec in KNOWLEDGE}) == 4
    domains = Counter(spec.domain for spec in KNOWLEDGE)
    assert {"indicators", "legal", "mla", "jit", "police", "referral", "inspection"} <= set(domains)
