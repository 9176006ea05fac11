"""The daily sign-in sheet (PDF through Typst), read back as text, in English and French."""

from __future__ import annotations

import io
import time
from typing import Any

import pypdf
import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from relais.core.models import AuditEvent
from relais.delivery.documents.render import qr_svg
from relais.delivery.documents.signin_pdf import signin_build, signin_pdf, signin_typst_source
from relais.delivery.tests.factories import make_person, register
from relais.delivery.tests.permissions_attendance import FIRST_DAY, build_world
from relais.delivery.views_attendance import questionnaires_url
from relais.design.tests.test_agenda_exports import HOSTILE


@pytest.fixture
def world(programme: Any, personas: dict[str, Any]) -> dict[str, Any]:
    return {**build_world(programme, personas["trainer"]), **personas}


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def download(client: Any, world: dict[str, Any], language: str = "en") -> Any:
    url = reverse("delivery:attendance_signin_pdf", kwargs={"pk": world["session"].pk, "day": "2026-03-02"})
    return client.get(url, headers={"accept-language": language})


def test_sheet_lists_names_organisations_and_professions(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["trainer"])
    started = time.perf_counter()
    response = download(client, world)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    filename = "sign-in-joint-investigation-training-tirana-2026-03-02.pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    text = pdf_text(response.content)
    title = pypdf.PdfReader(io.BytesIO(response.content)).metadata.title  # type: ignore[union-attr]
    assert title == "Joint investigation training — Tirana · Sign-in sheet · 2 March 2026 · Day 1 of 2"
    for expected in [
        "Joint investigation training — Tirana",
        "Tirana, Albania",
        "Monday 2 March 2026 · Day 1 of 2",
        "Hoxha, Ana",
        "State Labour Inspectorate",
        "Labour inspection",
        "Berisha, Drita",
        "Krasniqi, Besa",
        "NAME ORGANISATION PROFESSION SIGNATURE",
        "Scan for the questionnaires of this session",
        "Page 1 of 1",
    ]:
        assert expected in text, expected
    assert text.index("Berisha") < text.index("Hoxha") < text.index("Krasniqi")  # by last name
    assert "Waiting" not in text and "Gone" not in text
    assert elapsed < 5
    assert AuditEvent.objects.filter(action="delivery.documents_downloaded", actor=world["trainer"]).exists()


def test_sheet_carries_the_qr_code_of_the_questionnaires(
    rf: RequestFactory, settings: Any, world: dict[str, Any]
) -> None:
    settings.ALLOWED_HOSTS = ["relais.example.org"]
    session = world["session"]
    url = questionnaires_url(rf.get("/", HTTP_HOST="relais.example.org"), session)
    # The participants' page of the session, registered by evaluation: unguessable, and the same
    # address every time the sheet is printed.
    assert url.startswith("http://relais.example.org/q/s/") and len(url.rsplit("/", 2)[1]) >= 32
    assert questionnaires_url(rf.get("/", HTTP_HOST="relais.example.org"), session) == url
    sheet = signin_build(session, FIRST_DAY, questionnaires_url=url, generated_on=FIRST_DAY)
    source = signin_typst_source(sheet)
    svg = qr_svg(url)
    assert svg.startswith("<svg") and 'format: "svg"' in source
    assert svg.replace('"', '\\"') in source  # the very QR code of that address, embedded as SVG
    page = pypdf.PdfReader(io.BytesIO(signin_pdf(sheet))).pages[0]
    drawing = page.get_contents().get_data()  # type: ignore[union-attr]
    # The SVG becomes vector drawing: one small square per dark module, hundreds of them.
    assert drawing.count(b" l\nh") > 200


def test_sheet_in_french(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["manager"])
    text = pdf_text(download(client, world, "fr").content)
    assert "2 mars 2026" in text and "Page 1 sur 1" in text and "Albanie" in text


def test_many_participants_run_over_pages_with_page_numbers(world: dict[str, Any]) -> None:
    for n in range(40):
        register(world["session"], make_person(f"Name{n:02d}", f"Surname{n:02d}"))
    with translation.override("en"):
        sheet = signin_build(
            world["session"], FIRST_DAY, questionnaires_url="https://x.example/q/", generated_on=FIRST_DAY
        )
        reader = pypdf.PdfReader(io.BytesIO(signin_pdf(sheet)))
    pages = len(reader.pages)
    assert pages >= 3
    last = reader.pages[-1].extract_text()
    assert f"Page {pages} of {pages}" in last
    assert "Sign-in sheet · 2 March 2026 · Day 1 of 2" in " ".join(last.split())  # running header


def test_user_text_is_printed_literally(world: dict[str, Any]) -> None:
    for n, text in enumerate(HOSTILE):
        person = make_person(text, f"Zz{n:02d} {text}")
        registration = register(world["session"], person)
        registration.organisation_name = text
        registration.save()
    with translation.override("en"):
        sheet = signin_build(
            world["session"], FIRST_DAY, questionnaires_url="https://x.example/", generated_on=FIRST_DAY
        )
        text = pdf_text(signin_pdf(sheet))
    squeezed = "".join(text.split())  # narrow columns wrap long words onto several lines
    for hostile in HOSTILE:
        assert "".join(hostile.split()) in squeezed, hostile
