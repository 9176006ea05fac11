"""Designs and the knowledge centre: materials, needs sources and references that link to documents;
the picker; where a document is used; replication and the agenda exports keeping the links."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import docx
import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from relais.core.models import AuditEvent, Country
from relais.core.registry import object_panels
from relais.design import services, services_agenda, services_replication
from relais.design.checker import check_design
from relais.design.documents import attach_documents, document_panel, document_usage
from relais.design.exports.agenda import agenda_build
from relais.design.exports.agenda_pdf import agenda_pdf
from relais.design.models import ActivityDesign, DesignReference, Material, NeedsSource
from relais.design.tests.factories import add_day, add_module, make_complete_design, make_design
from relais.knowledge.models import Access, Document, DocumentKind, DocumentTitle
from relais.knowledge.tests.factories import make_document
from relais.programmes.models import Role, RouteRole
from relais.programmes.tests.factories import give_role, make_programme

TODAY = dt.date(2026, 5, 18)


@pytest.fixture
def design(personas: dict[str, Any], programme: Any) -> ActivityDesign:
    return make_complete_design(programme=programme)


@pytest.fixture
def manager(client: Any, personas: dict[str, Any]) -> Any:
    client.force_login(personas["manager"])
    return client


@pytest.fixture
def handbook(db: None) -> Document:
    doc = make_document(
        title="Handbook on joint investigation teams", kind=DocumentKind.MANUAL, year=2023, access=Access.PUBLIC
    )
    DocumentTitle.objects.create(document=doc, language="fr", title="Manuel des équipes communes d'enquête")
    return doc


@pytest.fixture
def internal(db: None) -> Document:
    return make_document(title="Internal review of referral cases", kind=DocumentKind.REPORT, access=Access.INTERNAL)


def module_of(design: ActivityDesign, title: str = "Mutual legal assistance") -> Any:
    return design.days.get(position=1).modules.get(title=title)


def edit_url(design: ActivityDesign, section: str) -> str:
    return reverse("design:edit", kwargs={"pk": design.pk, "section": section})


def doc_url(document: Document) -> str:
    return reverse("knowledge:document", kwargs={"pk": document.pk})


# --- Linking the existing references -----------------------------------------------------------


def test_references_link_documents_by_page_doi_address_and_title(design: ActivityDesign, personas: Any) -> None:
    by_page = make_document(title="Guide A")
    by_doi = make_document(title="Study B", doi="10.1234/ABC.5")
    by_url = make_document(title="Report C", url="https://www.example.org/reports/c")
    by_title = make_document(title="Indicators of Labour  Exploitation")
    by_translation = make_document(title="Victim referral", language="en")
    DocumentTitle.objects.create(document=by_translation, language="fr", title="Orientation des victimes")
    make_document(title="Same title")
    make_document(title="same TITLE")
    module = module_of(design)
    rows = {
        "page": Material.objects.create(
            module=module, title="Old title", url=f"https://relais.example.net/knowledge/documents/{by_page.pk}/"
        ),
        "short_page": Material.objects.create(
            module=module, title="Another", url=f"http://old-host/knowledge/{by_page.pk}/"
        ),
        "doi": Material.objects.create(module=module, title="x", url="https://doi.org/10.1234/abc.5"),
        "url": Material.objects.create(module=module, title="y", url="https://WWW.example.org/reports/c/"),
        "title": Material.objects.create(module=module, title=" indicators of labour exploitation ", url=""),
        "ambiguous": Material.objects.create(module=module, title="Same Title", url="https://example.org/s"),
        "elsewhere": Material.objects.create(module=module, title="Case file 2", url="https://example.org/case2.pdf"),
        "missing": Material.objects.create(module=module, title="z", url="https://relais.example.net/knowledge/99999/"),
    }
    source_fr = NeedsSource.objects.create(design=design, title="Orientation des victimes", note="fr title")
    kept = NeedsSource.objects.create(design=design, title="Report C", document=by_page)  # already linked: kept

    counts = services.references_link_documents(actor=personas["admin"])

    linked = {key: Material.objects.get(pk=m.pk).document_id for key, m in rows.items()}
    assert linked == {
        "page": by_page.pk,
        "short_page": by_page.pk,
        "doi": by_doi.pk,
        "url": by_url.pk,
        "title": by_title.pk,
        "ambiguous": None,
        "elsewhere": None,
        "missing": None,
    }
    # What was stored stays: a deleted document leaves a readable reference with its link.
    assert Material.objects.get(pk=rows["page"].pk).title == "Old title"
    assert Material.objects.get(pk=rows["elsewhere"].pk).url == "https://example.org/case2.pdf"
    assert NeedsSource.objects.get(pk=source_fr.pk).document_id == by_translation.pk
    assert NeedsSource.objects.get(pk=kept.pk).document_id == by_page.pk
    assert counts == {"materials": 5, "sources": 1}
    assert AuditEvent.objects.filter(action="design.references_linked").count() == 1
    # Running it again links nothing more and records nothing.
    assert services.references_link_documents() == {"materials": 0, "sources": 0}
    assert AuditEvent.objects.filter(action="design.references_linked").count() == 1


def test_references_link_documents_without_documents_does_nothing(design: ActivityDesign) -> None:
    assert services.references_link_documents() == {"materials": 0, "sources": 0}
    assert not Material.objects.filter(document__isnull=False).exists()


def test_the_data_migration_runs_the_same_linking(design: ActivityDesign) -> None:
    """The migration's function, on the registry's models (what RunPython hands it has the same fields)."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("relais.design.migrations.0003_document_links")
    doc = make_document(title="Needs survey 2025")  # the title of make_complete_design's source
    material = Material.objects.create(
        module=module_of(design), title="Slides", url=f"https://host/knowledge/{doc.pk}/"
    )
    migration.link_existing_references(apps, None)
    assert design.needs_sources.get().document_id == doc.pk
    assert Material.objects.get(pk=material.pk).document_id == doc.pk
    assert Material.objects.get(title="Case file").document_id is None  # points elsewhere


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_links_references_made_before_it(personas: Any, programme: Any) -> None:
    """Back to the schema before the links, references written then, forward again: they are linked."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    # Apps whose migrations depend on the links (publications) go back to before them too.
    later = {"design", "publications"}
    before = [node for node in leaves if node[0] not in later] + [("design", "0002_rule_settings")]
    targets = [*before, ("publications", None)]
    try:
        executor.migrate(targets)
        old = MigrationExecutor(connection).loader.project_state(before).apps
        Document_ = old.get_model("knowledge", "Document")
        doc = Document_.objects.create(
            kind="study", title="Regional study on trafficking", language="en", access="public", doi="10.5/xyz"
        )
        Design_ = old.get_model("design", "ActivityDesign")
        design = Design_.objects.create(programme_id=programme.pk, title="Old design")
        source_by_title = old.get_model("design", "NeedsSource").objects.create(
            design=design, title="REGIONAL study on trafficking"
        )
        source_by_doi = old.get_model("design", "NeedsSource").objects.create(
            design=design, title="The study", url="https://dx.doi.org/10.5/XYZ"
        )
        elsewhere = old.get_model("design", "NeedsSource").objects.create(
            design=design, title="Ministry statistics", url="https://stats.example.org/"
        )
    finally:
        MigrationExecutor(connection).migrate(leaves)
    assert NeedsSource.objects.get(pk=source_by_title.pk).document_id == doc.pk
    assert NeedsSource.objects.get(pk=source_by_doi.pk).document_id == doc.pk
    assert NeedsSource.objects.get(pk=elsewhere.pk).document_id is None


# --- The picker --------------------------------------------------------------------------------


def test_pick_lists_matching_documents_the_user_may_see(
    manager: Any, personas: Any, handbook: Document, internal: Document
) -> None:
    make_document(title="Something else entirely", authors=["Joint Author"])
    url = reverse("knowledge:pick")
    html = manager.get(url, {"q": "joint handbook", "target": "material"}).content.decode()
    assert "Handbook on joint investigation teams" in html
    assert f'id="material-doc-{handbook.pk}"' in html and 'name="document"' in html
    assert "Something else" not in html  # every word must match
    assert "Joint Author" not in manager.get(url, {"q": "nothing matches this"}).content.decode()
    assert "Something else entirely" in manager.get(url, {"q": "joint author"}).content.decode()  # by author
    # Internal documents for those who see them; titles in the user's language.
    assert "Internal review" in manager.get(url, {"q": "referral"}).content.decode()
    with translation.override("fr"):
        html = manager.get(url, {"q": "équipes communes"}, headers={"accept-language": "fr"}).content.decode()
    assert "Manuel des équipes communes" in html
    # By DOI.
    doc = make_document(title="Study with a DOI", doi="10.1234/xyz")
    assert "Study with a DOI" in manager.get(url, {"q": "https://doi.org/10.1234/XYZ"}).content.decode()
    assert doc.pk
    # A hostile target is replaced.
    assert 'id="pick-doc-' in manager.get(url, {"q": "handbook", "target": '"><x'}).content.decode()


def test_pick_uses_the_search_engine_first(manager: Any) -> None:
    """The engine finds what the database cannot (accents, stemming); documents not indexed yet are
    found in the database."""
    from relais.knowledge.services import search_changed

    indexed = make_document(title="Ștefan Popescu on victim support in Moldova", language="en")
    internal = make_document(title="Stefan internal note", access=Access.INTERNAL)
    url = reverse("knowledge:pick")
    assert f'value="{indexed.pk}"' in manager.get(url, {"q": "stefan"}).content.decode()  # the replica opens
    not_indexed = make_document(title="Stefan and the referral system")  # no change logged: not in the index
    search_changed(internal.pk)
    html = manager.get(url, {"q": "stefan"}).content.decode()
    assert f'value="{not_indexed.pk}"' in html and f'value="{internal.pk}"' in html
    assert html.index("Ștefan Popescu") < html.index("Stefan and the referral")  # engine first, then database
    assert html.count(f'value="{indexed.pk}"') == 1


def test_pick_falls_back_to_the_database_when_search_fails(manager: Any, monkeypatch: Any) -> None:
    from relais.knowledge.search import query

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise OSError("index missing")

    monkeypatch.setattr(query, "run_search", broken)
    make_document(title="Referral handbook")
    assert "Referral handbook" in manager.get(reverse("knowledge:pick"), {"q": "referral"}).content.decode()


def test_pick_shows_at_most_ten(manager: Any) -> None:
    for i in range(12):
        make_document(title=f"Training manual part {i}")
    html = manager.get(reverse("knowledge:pick"), {"q": "training manual"}).content.decode()
    assert html.count('type="radio" name="document" value="') == 10 + 1  # and "none of these"
    assert "Only the first 10 documents are shown" in html


def test_pick_query_count_does_not_grow(manager: Any) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert manager.get(reverse("knowledge:pick"), {"q": "manual"}).status_code == 200
        return len(ctx.captured_queries)

    make_document(title="Manual 1", language="sr")
    count()  # the first request of the session reads more (session, roles)
    before = count()
    for i in range(8):
        doc = make_document(title=f"Manual {i + 2}", language="sr")
        DocumentTitle.objects.create(document=doc, language="en", title=f"Manual {i + 2} (en)")
    assert count() == before


def test_pick_is_for_design_editors_only(client: Any, personas: Any) -> None:
    url = reverse("knowledge:pick")
    assert client.get(url, {"q": "x"}).status_code == 302  # to the login page
    for persona in ("trainer", "viewer", "outsider"):
        client.force_login(personas[persona])
        assert client.get(url, {"q": "x"}).status_code == 404
    client.force_login(personas["admin"])
    assert client.get(url, {"q": "x"}).status_code == 200


def test_pick_does_not_show_internal_documents_to_those_who_may_not_see_them(
    client: Any, internal: Document, monkeypatch: Any
) -> None:
    from relais.accounts.tests.factories import make_user
    from relais.knowledge import views_pick

    monkeypatch.setattr(views_pick, "may_pick", lambda user: True)  # a viewer who could pick (none can)
    client.force_login(make_user(email="someone@example.org", full_name="Some One"))
    html = client.get(reverse("knowledge:pick"), {"q": "referral"}).content.decode()
    assert "Internal review" not in html and "No document of the knowledge centre matches" in html
    from relais.knowledge.services import search_changed

    search_changed(internal.pk)  # nor through the search engine
    assert "Internal review" not in client.get(reverse("knowledge:pick"), {"q": "referral"}).content.decode()


# --- Materials ---------------------------------------------------------------------------------


def test_material_from_the_knowledge_centre_without_javascript(
    manager: Any, design: ActivityDesign, handbook: Document
) -> None:
    module = module_of(design)
    page = reverse("design:module", kwargs={"pk": design.pk, "module_pk": module.pk})
    html = manager.get(page).content.decode()
    assert "Find in the knowledge centre" in html and 'form="material-find"' in html
    # "Find" reloads the page with ?q=: the documents found are radio buttons of the add form.
    html = manager.get(page, {"q": "investigation teams"}).content.decode()
    assert f'value="{handbook.pk}"' in html and 'id="material-doc-' in html
    add = reverse("design:material_add", kwargs={"pk": design.pk, "module_pk": module.pk})
    response = manager.post(add, {"document": handbook.pk, "title": "", "url": ""})
    assert response.status_code == 302
    material = module.materials.get()
    assert (material.document_id, material.title, material.url) == (handbook.pk, handbook.title, "")
    html = manager.get(page).content.decode()
    assert f'href="{doc_url(handbook)}"' in html and "Manual" in html and "2023" in html
    event = AuditEvent.objects.filter(action="design.material_added").latest("id")
    assert event.details["document"] == handbook.pk
    # Removing it.
    remove = reverse("design:material_delete", kwargs={"pk": design.pk, "material_pk": material.pk})
    assert manager.post(remove).status_code == 302
    assert not module.materials.exists()


def test_material_is_a_document_or_a_link_not_both(manager: Any, design: ActivityDesign, handbook: Document) -> None:
    module = module_of(design)
    add = reverse("design:material_add", kwargs={"pk": design.pk, "module_pk": module.pk})
    response = manager.post(add, {"document": handbook.pk, "url": "https://example.org/x"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "not both" in html
    assert f'value="{handbook.pk}" id="material-doc-{handbook.pk}" checked' in html  # the choice is kept
    assert manager.post(add, {"document": 999999}).status_code == 400
    assert manager.post(add, {"title": "Without link"}).status_code == 400
    assert manager.post(add, {"url": "https://example.org/no-title"}).status_code == 400
    assert not module.materials.exists()
    # The path of before still works.
    assert manager.post(add, {"title": "Guide", "url": "example.org/guide"}).status_code == 302
    assert module.materials.get().document_id is None


def test_a_deleted_document_leaves_a_readable_material(design: ActivityDesign, personas: Any) -> None:
    doc = make_document(title="Soon gone")
    material = services_agenda.material_add(actor=personas["manager"], module=module_of(design), document=doc)
    doc.delete()
    material.refresh_from_db()
    assert (material.document_id, material.title) == (None, "Soon gone")


# --- Sources of the needs assessment -----------------------------------------------------------


def test_source_from_the_knowledge_centre_with_htmx_and_na1(
    manager: Any, design: ActivityDesign, handbook: Document
) -> None:
    design.needs_sources.all().delete()
    assert not next(r for r in check_design(design).results if r.rule.code == "NA-1").holds
    html = manager.get(edit_url(design, "needs"), {"q": "handbook"}).content.decode()
    assert f'id="source-doc-{handbook.pk}"' in html
    response = manager.post(
        reverse("design:source_add", kwargs={"pk": design.pk}),
        {"document": handbook.pk, "note": "How teams are set up"},
        headers={"hx-request": "true"},
    )
    assert response.status_code == 200
    source = design.needs_sources.get()
    assert (source.document_id, source.title, source.note) == (handbook.pk, handbook.title, "How teams are set up")
    html = response.content.decode()
    assert f'href="{doc_url(handbook)}"' in html and 'hx-swap-oob="true"' in html
    # NA-1 counts a source that is a document.
    assert next(r for r in check_design(design).results if r.rule.code == "NA-1").holds
    response = manager.post(
        reverse("design:source_delete", kwargs={"pk": design.pk, "source_pk": source.pk}),
        headers={"hx-request": "true"},
    )
    assert response.status_code == 200 and not design.needs_sources.exists()


def test_source_form_errors(manager: Any, design: ActivityDesign, handbook: Document) -> None:
    url = reverse("design:source_add", kwargs={"pk": design.pk})
    response = manager.post(url, {"note": "no title, no document"})
    assert response.status_code == 400
    assert "Give the title of the source, or choose a document" in response.content.decode()
    assert manager.post(url, {"document": handbook.pk, "url": "https://example.org/"}).status_code == 400
    assert manager.post(url, {"title": "Ministry statistics", "url": "example.org/stats"}).status_code == 302
    assert design.needs_sources.filter(title="Ministry statistics", document__isnull=True).exists()


# --- Sources and further reading of a design ---------------------------------------------------


def test_references_add_and_remove(
    manager: Any, design: ActivityDesign, handbook: Document, internal: Document
) -> None:
    html = manager.get(edit_url(design, "references"), {"q": "internal review"}).content.decode()
    assert "Further reading" in html and f'id="reference-doc-{internal.pk}"' in html
    add = reverse("design:reference_add", kwargs={"pk": design.pk})
    assert manager.post(add, {"document": handbook.pk, "note": "For trainers"}).status_code == 302
    response = manager.post(add, {"document": internal.pk}, headers={"hx-request": "true"})
    assert response.status_code == 200 and "Saved." in response.content.decode()
    assert [(r.document_id, r.position) for r in design.references.all()] == [(handbook.pk, 0), (internal.pk, 1)]
    # Once per design; a document must be chosen.
    response = manager.post(add, {"document": handbook.pk})
    assert response.status_code == 400 and "already among" in response.content.decode()
    assert manager.post(add, {"note": "no document"}).status_code == 400
    # Shown on the design page, in the user's language.
    html = manager.get(reverse("design:detail", kwargs={"pk": design.pk})).content.decode()
    assert "Sources and further reading" in html and f'href="{doc_url(handbook)}"' in html and "For trainers" in html
    manager.cookies["relais_language"] = "fr"
    html = manager.get(reverse("design:detail", kwargs={"pk": design.pk})).content.decode()
    assert "Manuel des équipes communes d&#x27;enquête" in html
    first = design.references.get(document=handbook)
    remove = reverse("design:reference_delete", kwargs={"pk": design.pk, "reference_pk": first.pk})
    assert manager.post(remove).status_code == 302
    assert [(r.document_id, r.position) for r in design.references.all()] == [(internal.pk, 0)]
    assert AuditEvent.objects.filter(action="design.reference_removed").exists()


def test_only_editors_change_references(client: Any, personas: Any, design: ActivityDesign, handbook: Document) -> None:
    with pytest.raises(PermissionError):
        services.design_reference_add(actor=personas["trainer"], design=design, document=handbook)
    client.force_login(personas["trainer"])
    assert (
        client.post(reverse("design:reference_add", kwargs={"pk": design.pk}), {"document": handbook.pk}).status_code
        == 404
    )


# --- Display to those who may not see a document -----------------------------------------------


def test_a_document_the_user_may_not_see_shows_its_stored_title_without_a_link(
    client: Any, personas: Any, design: ActivityDesign, internal: Document, monkeypatch: Any
) -> None:
    material = services_agenda.material_add(actor=personas["manager"], module=module_of(design), document=internal)
    source = services.needs_source_add(actor=personas["manager"], design=design, document=internal)
    # Every reader of a design sees internal documents today; the display does not rely on it.
    viewer = personas["viewer"]
    items = attach_documents(user=viewer, items=[material, source])
    assert [i.linked for i in items] == [None, None]
    assert attach_documents(user=personas["trainer"], items=[material])[0].linked.url == doc_url(internal)

    from relais.knowledge import scoping

    monkeypatch.setattr(scoping, "sees_internal", lambda user: False)
    client.force_login(personas["trainer"])
    html = client.get(reverse("design:detail", kwargs={"pk": design.pk})).content.decode()
    assert "Internal review of referral cases" in html
    assert doc_url(internal) not in html


# --- Where a document is used ------------------------------------------------------------------


def test_where_a_document_is_used(
    client: Any, personas: Any, design: ActivityDesign, handbook: Document, other_programme: Any
) -> None:
    manager = personas["manager"]
    services_agenda.material_add(actor=manager, module=module_of(design), document=handbook)
    services_agenda.material_add(
        actor=manager, module=module_of(design, "Simulation: a joint investigation team"), document=handbook
    )
    services.needs_source_add(actor=manager, design=design, document=handbook)
    second = make_complete_design(programme=design.programme, title="Second design")
    services.design_reference_add(actor=manager, design=second, document=handbook)
    hidden = make_design(programme=other_programme, title="Design of another programme")
    DesignReference.objects.create(design=hidden, document=handbook)

    usage = document_usage(user=personas["coordinator_al"], document=handbook)
    assert [(u["design"].title, u["modules"], u["as_source"], u["as_reference"]) for u in usage] == [
        (
            "Joint investigation training",
            ["Mutual legal assistance", "Simulation: a joint investigation team"],
            True,
            False,
        ),
        ("Second design", [], False, True),
    ]
    assert [u["design"].title for u in document_usage(user=personas["admin"], document=handbook)] == [
        "Joint investigation training",
        "Second design",
        "Design of another programme",
    ]

    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    for user in (AnonymousUser(), personas["viewer"], personas["outsider"]):
        request.user = user
        assert document_panel(request, handbook) is None
    other = make_document(title="Used nowhere")
    request.user = personas["admin"]
    assert document_panel(request, other) is None
    assert [p.key for p in object_panels("document")].count("design_document_usage") == 1

    # The page of the document (H3a's) shows the block to those who see designs, never to the public.
    client.force_login(personas["trainer"])
    html = client.get(doc_url(handbook)).content.decode()
    assert "Used in activity designs" in html and "Material of the modules: Mutual legal assistance; Simulation" in html
    assert "Design of another programme" not in html
    client.logout()
    html = client.get(doc_url(handbook)).content.decode()
    assert "Used in activity designs" not in html and "Joint investigation training" not in html


def test_where_used_in_two_queries_whatever_the_number_of_designs(
    personas: Any, programme: Any, handbook: Document
) -> None:
    manager = personas["manager"]

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            document_usage(user=personas["coordinator_al"], document=handbook)
        return len(ctx.captured_queries)

    def add_design(i: int) -> None:
        design = make_design(programme=programme, title=f"Design {i}")
        module = add_module(add_day(design), f"Module {i}", "lecture", 60)
        services_agenda.material_add(actor=manager, module=module, document=handbook)
        services.needs_source_add(actor=manager, design=design, document=handbook)
        services.design_reference_add(actor=manager, design=design, document=handbook)

    add_design(0)
    personas["coordinator_al"].__dict__.pop("_relais_roles_held", None)
    assert count() <= 2
    for i in range(1, 8):
        add_design(i)
    assert count() <= 2
    assert len(document_usage(user=personas["coordinator_al"], document=handbook)) == 8


# --- Replication and exports -------------------------------------------------------------------


def test_replication_keeps_links_to_documents(personas: Any, design: ActivityDesign, handbook: Document) -> None:
    manager = personas["manager"]
    services_agenda.material_add(actor=manager, module=module_of(design), document=handbook)
    services.design_reference_add(actor=manager, design=design, document=handbook, note="Read first")
    pilot = make_programme(title_en="Pilot", route={"ME": RouteRole.ORIGIN, "AT": RouteRole.DESTINATION})
    give_role(manager, pilot, Role.MANAGER)
    copy = services_replication.design_replicate(
        actor=manager,
        source=design,
        programme=pilot,
        title="Copy",
        countries=[(Country.objects.get(code="ME"), RouteRole.ORIGIN)],
    )
    copied = Material.objects.get(module__day__design=copy, document__isnull=False)
    assert (copied.document_id, copied.title) == (handbook.pk, handbook.title)
    assert Material.objects.get(module__day__design=copy, title="Case file").document_id is None
    assert [(r.document_id, r.note) for r in copy.references.all()] == [(handbook.pk, "Read first")]
    assert [u["design"].pk for u in document_usage(user=manager, document=handbook)] == [design.pk, copy.pk]


def test_agenda_exports_show_linked_documents(
    admin_client: Any, personas: Any, design: ActivityDesign, handbook: Document, internal: Document
) -> None:
    manager = personas["manager"]
    services_agenda.material_add(actor=manager, module=module_of(design), document=handbook)
    material = services_agenda.material_add(actor=manager, module=module_of(design), document=internal)
    Material.objects.filter(pk=material.pk).update(title="Stored title")
    base = "https://relais.example.org"
    with translation.override("en"):
        agenda = agenda_build(design, generated_on=TODAY, base_url=base)
    materials = agenda.days[1].modules[0].materials
    assert [(m.title, m.url) for m in materials] == [
        (handbook.title, base + doc_url(handbook)),
        (internal.title, ""),  # the document's title; no link to an internal page
    ]
    with translation.override("fr"):
        agenda = agenda_build(design, generated_on=TODAY, base_url=base)
    assert agenda.days[1].modules[0].materials[0].title == "Manuel des équipes communes d'enquête"
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(agenda_pdf(agenda))).pages).split())
    assert "Manuel des équipes communes" in text
    document = docx.Document(
        io.BytesIO(admin_client.get(reverse("design:agenda_docx", kwargs={"pk": design.pk})).content)
    )
    links = [rel.target_ref for rel in document.part.rels.values() if rel.reltype.endswith("/hyperlink")]
    assert f"http://testserver{doc_url(handbook)}" in links
    assert all(doc_url(internal) not in link for link in links)


def test_agenda_export_query_count_with_documents(
    personas: Any, design: ActivityDesign, handbook: Document, django_assert_num_queries: Any
) -> None:
    for title in ("Mutual legal assistance", "Simulation: a joint investigation team", "Post-test and closing"):
        services_agenda.material_add(actor=personas["manager"], module=module_of(design, title), document=handbook)
    with django_assert_num_queries(10):
        agenda_build(design, generated_on=TODAY)
