"""Translations: the texts a participant reads, how complete a language is, saving them in the shape
models.py documents, refusals (stale form, language not offered), and the translation page."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from relais.core.models import AuditEvent
from relais.evaluation.models import ItemType, QuestionnaireKind, Section
from relais.evaluation.services_builder_settings import StaleVersion
from relais.evaluation.services_builder_translate import completeness, percent, text_groups, translations_save
from relais.evaluation.tests.factories import make_item, make_questionnaire
from relais.evaluation.tests.permissions_builder import build_world


@pytest.fixture
def world(personas: dict[str, Any], programme: Any) -> dict[str, Any]:
    world = {**personas, **build_world(programme, personas["trainer"])}
    q = make_questionnaire(
        world["session"],
        QuestionnaireKind.PRE_TEST,
        title="Before the training",
        introduction="Answer as well as you can.",
        languages=["en", "fr", "sq"],
    )
    section = Section.objects.create(questionnaire=q, title="Indicators")
    single = make_item(q, ItemType.SINGLE, text="Which is an indicator?", help="One answer", section=section)
    likert = make_item(q, ItemType.LIKERT, text="I feel ready.")
    return {**world, "q": q, "section": section, "single": single, "likert": likert}


def test_the_texts_to_translate(world: dict[str, Any]) -> None:
    q, single, likert, section = world["q"], world["single"], world["likert"], world["section"]
    groups = text_groups(q, [section], [single, likert])
    names = [[e.name for e in g.entries] for g in groups]
    assert names == [
        ["q-title", "q-introduction"],
        [f"s{section.pk}-title"],
        [f"i{single.pk}-text", f"i{single.pk}-help", f"i{single.pk}-o0", f"i{single.pk}-o1", f"i{single.pk}-o2"],
        [f"i{likert.pk}-text"],
    ]
    assert completeness(q, [section], [single, likert], "fr") == (0, 9)


def test_saving_writes_the_documented_shape_and_counts(world: dict[str, Any]) -> None:
    q, single, section = world["q"], world["single"], world["section"]
    values = {
        "q-title": "Avant la formation",
        "q-introduction": "",
        f"s{section.pk}-title": "Indicateurs",
        f"i{single.pk}-text": "Quel est un indicateur ?",
        f"i{single.pk}-o0": "Réponse A",
        f"i{single.pk}-o2": "  ",
    }
    done, total = translations_save(
        actor=world["trainer"], questionnaire=q, language="fr", version=q.version, values=values
    )
    assert (done, total) == (4, 9)
    q.refresh_from_db()
    single.refresh_from_db()
    section.refresh_from_db()
    assert q.translations == {"fr": {"title": "Avant la formation"}}
    assert section.translations == {"fr": {"title": "Indicateurs"}}
    assert single.translations == {"fr": {"text": "Quel est un indicateur ?", "options": {"a": "Réponse A"}}}
    assert q.version == 2
    event = AuditEvent.objects.get(action="questionnaire.translate")
    assert event.details == {"language": "fr", "translated": 4, "texts": 9, "changed": 3}
    # Emptying a field removes that translation (and the language when nothing is left).
    translations_save(actor=world["trainer"], questionnaire=q, language="fr", version=q.version, values={"q-title": ""})
    q.refresh_from_db()
    assert q.translations == {}


def test_a_stale_translation_form_is_refused(world: dict[str, Any]) -> None:
    q = world["q"]
    with pytest.raises(StaleVersion, match="Someone else changed this questionnaire"):
        translations_save(actor=world["trainer"], questionnaire=q, language="fr", version=q.version - 1, values={})


def test_only_offered_languages_other_than_the_original(world: dict[str, Any]) -> None:
    q = world["q"]
    for language in ("en", "it"):
        with pytest.raises(ValidationError, match="not offered in this language"):
            translations_save(actor=world["trainer"], questionnaire=q, language=language, version=q.version, values={})


def test_percent_is_never_rounded_up_to_complete() -> None:
    assert percent(199, 200) == 99
    assert percent(1, 3) == 33
    assert percent(0, 0) == 100


def test_the_translation_page(client: Any, world: dict[str, Any]) -> None:
    q, single = world["q"], world["single"]
    client.force_login(world["trainer"])
    url = reverse("evaluation:questionnaire_translate", kwargs={"pk": q.pk, "lang": "fr"})
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Translation into French" in html and "Which is an indicator?" in html and 'lang="fr"' in html
    assert "0% translated" in html
    data = {"version": q.version, "q-title": "Avant la formation", f"i{single.pk}-text": "Quel indicateur ?"}
    response = client.post(url, data, follow=True)
    assert response.redirect_chain[-1][0] == url
    assert "Translations saved: 22% of the texts are translated." in response.content.decode()
    # A stale form: refused (409), nothing saved, what was typed kept with the current version.
    stale = client.post(url, {**data, "q-title": "Autre"})
    assert stale.status_code == 409
    html = stale.content.decode()
    assert "Someone else changed this questionnaire" in html and 'value="Autre"' in html
    q.refresh_from_db()
    assert q.translations["fr"]["title"] == "Avant la formation"
    assert f'name="version" value="{q.version}"' in html.replace(' id="questionnaire-version"', "")
    back = client.post(url, {**data, "version": q.version, "next": "editor"})
    assert back["Location"] == reverse("evaluation:questionnaire", kwargs={"pk": q.pk})


def test_the_translation_page_of_a_language_not_offered_is_404(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["manager"])
    for lang in ("en", "it"):
        url = reverse("evaluation:questionnaire_translate", kwargs={"pk": world["q"].pk, "lang": lang})
        assert client.get(url).status_code == 404
