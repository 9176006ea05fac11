"""No name, e-mail address or telephone number reaches an M&E officer through any file or API answer
they can download (DESIGN.md §7): where a file has a row per person, the person is a pseudonym, the
same in two downloads and the same as on the pages; the participant lists are refused to them (404).

Every export an M&E officer may reach is tried here as the M&E officer persona: the cooperation
network's CSV, the programme results CSV (by every dimension), the participant lists and summaries of
a session and of the programme (CSV and XLSX), the sessions' calendars, a results report built by the
officer (all sections, DOCX) and the API's people, registrations and responses."""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Any

import pytest
from django.urls import reverse

from relais.api.tests.factories import api_for
from relais.core.pseudonyms import pseudonym
from relais.delivery.models import Person
from relais.evaluation.selectors_results_groups import DIMENSIONS
from relais.evaluation.tests.factories import answer_test, make_test_pair, submit
from relais.evaluation.tests.permissions_answer import build_answer_world
from relais.evaluation.tests.permissions_network import build_network
from relais.publications.models import BuildStatus, PublicationBuild
from relais.publications.services import build_request

pytestmark = pytest.mark.django_db

# Last names that are also words of the interface ("Waiting list", "Gone"): checked as full names only.
COMMON_WORDS = {"Waiting", "Gone"}


@pytest.fixture
def world(programme: Any, personas: dict[str, Any]) -> dict[str, Any]:
    answers = build_answer_world(programme, personas["trainer"])
    network = build_network(programme, personas["trainer"])
    pre, post = make_test_pair(answers["session"])
    for key, (before, after) in {"ana": (1, 4), "besa": (2, 3), "drita": (0, 4)}.items():
        answer_test(pre, answers["regs"][key], before)
        answer_test(post, answers["regs"][key], after)
    likert = answers["satisfaction"].items.order_by("position", "id").first()
    for value in (4, 5, 3):
        submit(answers["satisfaction"], None, {likert.pk: value})
    for person in Person.objects.all():
        Person.objects.filter(pk=person.pk).update(
            phone=f"+355 69 555 {person.pk:04d}", email=person.email or f"person{person.pk}@example.net"
        )
    return {"answers": answers, "network": network}


def _forbidden() -> list[str]:
    """Every way a person of the database could be named in a file."""
    words: list[str] = []
    for p in Person.objects.all():
        words += [f"{p.first_name} {p.last_name}", f"{p.last_name}, {p.first_name}", p.email, p.phone]
        if p.last_name not in COMMON_WORDS:
            words.append(p.last_name)
    return [w for w in words if w]


def _body(response: Any) -> str:
    """The text of a download: CSV, JSON, or the XML inside an XLSX or DOCX."""
    data = b"".join(response.streaming_content) if response.streaming else response.content
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist() if name.endswith(".xml")
            )
    return data.decode("utf-8-sig")


def _assert_no_names(text: str, where: str) -> None:
    assert text.strip(), f"{where}: empty"
    for word in _forbidden():
        assert word not in text, f"{where}: {word!r}"


def test_network_csv_has_stable_pseudonyms_and_no_names(
    client: Any, world: dict[str, Any], personas: dict[str, Any], programme: Any
) -> None:
    client.force_login(personas["me_officer"])
    url = reverse("evaluation:network_csv", kwargs={"pk": programme.pk})
    first, second = client.get(url), client.get(url)
    assert first.status_code == second.status_code == 200
    text = _body(first)
    _assert_no_names(text, "network CSV")
    assert text == _body(second)
    rows = list(csv.reader(io.StringIO(text)))
    header, rows = rows[0], rows[1:]
    assert header[0] == "Person A" and header[4] == "Person B"
    people = world["network"]["people"]
    expected = {pseudonym(p.pk) for p in people.values()}
    assert {r[0] for r in rows} | {r[4] for r in rows} == expected
    assert all(cell.startswith("P-") and len(cell) == 10 for r in rows for cell in (r[0], r[4]))


def test_results_csv_holds_figures_only(
    client: Any, world: dict[str, Any], personas: dict[str, Any], programme: Any
) -> None:
    client.force_login(personas["me_officer"])
    url = reverse("evaluation:programme_results_csv", kwargs={"pk": programme.pk})
    for by, _label in DIMENSIONS:
        first, second = client.get(url, {"by": by}), client.get(url, {"by": by})
        assert first.status_code == 200
        text = _body(first)
        _assert_no_names(text, f"results by {by}")
        assert text == _body(second)
        assert "P-" not in text  # groups of people, never one person
    assert "Joint investigation training" in _body(client.get(url, {"by": "session"}))


def test_participant_lists_are_refused_and_summaries_hold_counts(
    client: Any, world: dict[str, Any], personas: dict[str, Any], programme: Any
) -> None:
    client.force_login(personas["me_officer"])
    session = world["answers"]["session"]
    for fmt in ("csv", "xlsx"):
        lists = [
            reverse("delivery:registrations_export", kwargs={"pk": session.pk, "fmt": fmt}),
            reverse("delivery:programme_participants_export", kwargs={"pk": programme.pk, "fmt": fmt}),
        ]
        for url in lists:
            assert client.get(url).status_code == 404, url
        summaries = [
            reverse("delivery:registrations_summary", kwargs={"pk": session.pk, "fmt": fmt}),
            reverse("delivery:programme_participants_summary", kwargs={"pk": programme.pk, "fmt": fmt}),
        ]
        for url in summaries:
            response = client.get(url)
            assert response.status_code == 200, url
            _assert_no_names(_body(response), url)


def test_calendars_name_no_participant(
    client: Any, world: dict[str, Any], personas: dict[str, Any], programme: Any
) -> None:
    client.force_login(personas["me_officer"])
    urls = [
        reverse("delivery:session_ics", kwargs={"pk": world["answers"]["session"].pk}),
        reverse("delivery:programme_sessions_ics", kwargs={"pk": programme.pk}),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_no_names(_body(response), url)


def test_report_built_by_an_me_officer_names_nobody(
    client: Any,
    world: dict[str, Any],
    personas: dict[str, Any],
    programme: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    officer = personas["me_officer"]
    with django_capture_on_commit_callbacks(execute=True):
        build_request(
            actor=officer,
            programme=programme,
            language="en",
            sections=["programme", "reach", "learning", "change", "network", "lessons", "annex"],
            session_ids=None,
            summary="",
            formats=["html", "docx"],
        )
    build = PublicationBuild.objects.get()
    assert build.status == BuildStatus.DONE, build.error if hasattr(build, "error") else build.status
    _assert_no_names(build.html, "report preview")
    client.force_login(officer)
    response = client.get(reverse("publications:download", kwargs={"pk": build.pk, "fmt": "docx"}))
    assert response.status_code == 200
    _assert_no_names(_body(response), "report DOCX")


def test_api_gives_an_me_officer_no_names(world: dict[str, Any], personas: dict[str, Any]) -> None:
    officer = api_for(personas["me_officer"])
    for path in ("/people", "/registrations", "/responses"):
        response = officer.get(path)
        assert response.status_code in (200, 404), path
        _assert_no_names(response.content.decode() or "{}", path)
    answered = world["answers"]["pre"]
    assert officer.get(f"/questionnaires/{answered.pk}/responses").status_code in (404, 405)


def test_pages_and_files_use_one_pseudonym(
    client: Any, world: dict[str, Any], personas: dict[str, Any], programme: Any
) -> None:
    """The pseudonym on the network page is the one in the CSV and the API's (core.pseudonyms)."""
    client.force_login(personas["me_officer"])
    html = client.get(reverse("evaluation:network", kwargs={"pk": programme.pk})).content.decode()
    text = _body(client.get(reverse("evaluation:network_csv", kwargs={"pk": programme.pk})))
    for person in world["network"]["people"].values():
        assert pseudonym(person.pk) in html and pseudonym(person.pk) in text
        assert f"P-{person.pk}," not in text  # not the record number
