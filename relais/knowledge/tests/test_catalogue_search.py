"""The search page end to end: documents written by the services, indexed by the real engine, found
through the page (access rules inside the query: internal documents are not in the public's hits,
facets or counts)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from relais.knowledge.models import Access, Document, DocumentKind
from relais.knowledge.services import document_create

URL = reverse("knowledge:index")


@pytest.fixture
def catalogue(personas: dict[str, Any], django_capture_on_commit_callbacks: Any) -> dict[str, Document]:
    admin = personas["admin"]
    with django_capture_on_commit_callbacks(execute=True):
        public = document_create(
            actor=admin,
            kind=DocumentKind.GUIDELINE,
            title="Guideline on labour inspection",
            abstract="<p>How labour inspectors detect trafficking for labour exploitation on farms.</p>",
            language="en",
            authors=["Ana Marković"],
            publisher="Relais Centre",
            year=2023,
            access=Access.PUBLIC,
            themes=["thb_labour"],
            countries=["AL"],
        )
        internal = document_create(
            actor=admin,
            kind=DocumentKind.REPORT,
            title="Internal report on labour inspection casework",
            abstract="<p>Casework of the inspectors, not for publication.</p>",
            language="en",
            year=2019,
            access=Access.INTERNAL,
            countries=["IT"],
        )
        french = document_create(
            actor=admin,
            kind=DocumentKind.MANUAL,
            title="Manuel pour les inspecteurs du travail",
            abstract="<p>Repérer la traite des êtres humains.</p>",
            language="fr",
            year=2024,
            access=Access.PUBLIC,
        )
    return {"public": public, "internal": internal, "french": french}


def test_the_public_finds_public_documents_only(client: Any, catalogue: dict[str, Document]) -> None:
    response = client.get(URL, {"q": "inspection"})
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("knowledge:document", kwargs={"pk": catalogue["public"].pk}) in html
    assert reverse("knowledge:document", kwargs={"pk": catalogue["internal"].pk}) not in html
    assert "<mark>" in html
    # Neither in the facets nor in the counts.
    assert 'value="report"' not in html and 'value="2019"' not in html and 'value="IT"' not in html
    assert "1 document<" in html
    # The front page: the newest public documents, with facets counted over them only.
    front = client.get(URL).content.decode()
    assert "2 documents" in front
    assert "Internal report" not in front and 'value="report"' not in front
    assert front.index("Manuel pour les inspecteurs") < front.index("Guideline on labour inspection")


def test_staff_find_internal_documents_and_filter_by_facets(
    client: Any, personas: dict[str, Any], catalogue: dict[str, Document]
) -> None:
    client.force_login(personas["trainer"])
    html = client.get(URL, {"q": "inspection"}).content.decode()
    assert reverse("knowledge:document", kwargs={"pk": catalogue["internal"].pk}) in html
    assert re.search(r'value="report" id="kn-f-kind-report"', html)
    assert 'class="badge kn-internal"' in html
    filtered = client.get(URL, {"q": "inspection", "kind": "report"}).content.decode()
    assert reverse("knowledge:document", kwargs={"pk": catalogue["internal"].pk}) in filtered
    assert reverse("knowledge:document", kwargs={"pk": catalogue["public"].pk}) not in filtered
    # A viewer (donor) is the public here.
    client.force_login(personas["viewer"])
    html = client.get(URL, {"q": "inspection"}).content.decode()
    assert reverse("knowledge:document", kwargs={"pk": catalogue["internal"].pk}) not in html


@pytest.mark.parametrize(
    "q",
    ['"inspection', "title:(labour", "[a TO", "labour AND OR", "\\", "*", ":", "inspect*~2^", "((", "-", "’«»"],
)
def test_odd_queries_never_fail(client: Any, catalogue: dict[str, Document], q: str) -> None:
    response = client.get(URL, {"q": q})
    assert response.status_code == 200


def test_htmx_search_end_to_end(client: Any, catalogue: dict[str, Document]) -> None:
    response = client.get(URL, {"q": "inspecteurs"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert reverse("knowledge:document", kwargs={"pk": catalogue["french"].pk}) in html
