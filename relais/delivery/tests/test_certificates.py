"""Certificates of attendance: who gets one, codes, the language rule, PDF, ZIP, revoking, who may."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from relais.core.models import AuditEvent, Language
from relais.delivery.documents.certificate_pdf import (
    CertificateDocument,
    certificate_pdf,
    certificate_typst_source,
    date_range,
)
from relais.delivery.models import Attendance, Certificate, RegistrationStatus, SessionStatus
from relais.delivery.services_attendance import attendance_set, session_attendance_close
from relais.delivery.services_certificates import (
    ALPHABET,
    certificate_languages,
    certificates_issue,
    code_display,
    code_new,
    code_normalise,
)
from relais.delivery.tests.factories import make_person, register
from relais.delivery.tests.permissions_attendance import FIRST_DAY, build_world

SECOND_DAY = FIRST_DAY + dt.timedelta(days=1)


@pytest.fixture
def world(programme: Any, personas: dict[str, Any]) -> dict[str, Any]:
    data = {**build_world(programme, personas["trainer"]), **personas}
    session, regs = data["session"], data["regs"]
    attendance_set(actor=None, session=session, registration=regs["ana"], day=SECOND_DAY, present=True)
    attendance_set(actor=None, session=session, registration=regs["besa"], day=SECOND_DAY, present=True)
    session_attendance_close(actor=None, session=session)  # Ana and Besa attended, Drita did not come
    return data


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


# --- Codes -----------------------------------------------------------------------------------


def test_codes_are_long_random_and_readable() -> None:
    codes = {code_new() for _ in range(500)}
    assert len(codes) == 500
    for code in codes:
        assert len(code) == 16 and set(code) <= set(ALPHABET)
    assert not set("ILOU") & set(ALPHABET)
    assert code_display("7KQ2M9XD4HTRAB3C") == "7KQ2-M9XD-4HTR-AB3C"


@pytest.mark.parametrize(
    "typed", ["7KQ2-M9XD-4HTR-AB3C", "7kq2 m9xd 4htr ab3c", " 7KQ2M9XD4HTRAB3C ", "7KQ2.M9XD.4HTR.AB3C"]
)
def test_codes_are_read_as_typed(typed: str) -> None:
    assert code_normalise(typed) == "7KQ2M9XD4HTRAB3C"


def test_letters_that_look_like_digits_are_read_as_digits() -> None:
    assert code_normalise("o0-Il") == "00" + "11"


# --- Issuing ---------------------------------------------------------------------------------


def test_issue_gives_certificates_to_those_who_attended(world: dict[str, Any]) -> None:
    regs = world["regs"]
    made = certificates_issue(actor=world["manager"], session=world["session"], language="en")
    assert [c.registration for c in made] == [regs["besa"]]  # Ana already holds hers; Drita did not come
    assert len(made[0].code) == 16
    assert certificates_issue(actor=world["manager"], session=world["session"], language="en") == []
    event = AuditEvent.objects.get(action="certificates.issued")
    assert event.details == {"count": 1, "registrations": [regs["besa"].pk]}


def test_attended_without_any_presence_gets_none(world: dict[str, Any]) -> None:
    person = make_person("Imported", "Only")
    register(world["session"], person, RegistrationStatus.ATTENDED)  # status from an import, no attendance
    made = certificates_issue(actor=None, session=world["session"], language="en")
    assert {c.registration.person.last_name for c in made} == {"Krasniqi"}


def test_no_certificates_before_delivery(world: dict[str, Any]) -> None:
    session = world["session"]
    session.status = SessionStatus.OPEN
    session.save()
    with pytest.raises(ValidationError):
        certificates_issue(actor=None, session=session, language="en")


def test_language_rule(world: dict[str, Any]) -> None:
    by_code = {lang.code: lang for lang in Language.objects.filter(code__in=["sq", "fr", "en", "it"])}
    albanian_then_french = world["regs"]["ana"].person  # sq, fr: French is the first interface language
    english = make_person("Eve", "English")
    english.languages.add(by_code["it"])
    english.languages.add(by_code["en"])
    english.languages.add(by_code["fr"])  # recorded after English
    unknown = make_person("Uma", "Unknown")
    unknown.languages.add(by_code["it"])
    chosen = certificate_languages([albanian_then_french, english, unknown], fallback="fr")
    assert chosen == {albanian_then_french.pk: "fr", english.pk: "en", unknown.pk: "fr"}
    assert certificate_languages([unknown], fallback="de")[unknown.pk] == "en"  # not an interface language


def test_issuing_from_the_page_uses_the_users_language(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["coordinator_al"])
    url = reverse("delivery:certificates_issue", kwargs={"pk": world["session"].pk})
    response = client.post(url, headers={"accept-language": "fr"})
    assert response.status_code == 302
    certificate = Certificate.objects.get(registration=world["regs"]["besa"])
    assert certificate.language == "fr"  # Besa's languages are unknown: the issuing user's language


# --- The PDF ---------------------------------------------------------------------------------


def _document(**fields: Any) -> CertificateDocument:
    values: dict[str, Any] = {
        "code": "7KQ2M9XD4HTRAB3C",
        "language": "en",
        "issuer": "Relais — demonstration",
        "first_name": "Ana",
        "last_name": "Hoxha",
        "training": "Joint investigation training",
        "city": "Tirana",
        "country_en": "Albania",
        "country_fr": "Albanie",
        "start": FIRST_DAY,
        "end": SECOND_DAY,
        "present_days": 2,
        "day_count": 2,
        "minutes": 480,
        "issued_on": dt.date(2026, 3, 5),
        "verify_url": "https://relais.example.org/verify/7KQ2-M9XD-4HTR-AB3C/",
    }
    values.update(fields)
    return CertificateDocument(**values)


def test_certificate_pdf_text(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["trainer"])  # trainers hand certificates out
    certificate = world["certificate"]
    certificate.language = "en"
    certificate.save()
    url = reverse("delivery:certificate_pdf", kwargs={"pk": world["session"].pk, "certificate_pk": certificate.pk})
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert 'filename="certificate-hoxha-ana-7KQ2-M9XD-4HTR-AB3C.pdf"' in response["Content-Disposition"]
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = pdf_text(response.content)
    for expected in [
        "Certificate of attendance",
        "Ana Hoxha",
        "Joint investigation training",
        "held in Tirana, Albania, from 2 to 3 March 2026",
        "Present on both days of the session · 8 h of training",
        "7KQ2-M9XD-4HTR-AB3C",
        "http://testserver/verify/7KQ2-M9XD-4HTR-AB3C/",
    ]:
        assert expected in text, expected
    assert "ana@ex.org" not in text and "State Labour Inspectorate" not in text


def test_certificate_in_french(world: dict[str, Any]) -> None:
    with translation.override("en"):  # the certificate's language wins over the active one
        text = pdf_text(certificate_pdf(_document(language="fr")))
    assert "Albanie" in text and "mars 2026" in text


def test_partial_presence_and_no_agenda(world: dict[str, Any]) -> None:
    with translation.override("en"):
        partial = certificate_typst_source(_document(present_days=1, minutes=240))
        no_agenda = certificate_typst_source(_document(minutes=None))
        one_day = certificate_typst_source(_document(day_count=1, present_days=1, end=FIRST_DAY))
        three_days = certificate_typst_source(_document(day_count=3, present_days=3))
    assert "Present on 1 of the 2 days of the session · 4 h of training" in partial.replace("\\", "")
    assert "of training" not in no_agenda
    assert "Present on the day of the session" in one_day
    assert "Present on all 3 days of the session" in three_days


def test_date_ranges() -> None:
    with translation.override("en"):
        assert date_range(FIRST_DAY, FIRST_DAY) == "on 2 March 2026"
        assert date_range(FIRST_DAY, SECOND_DAY) == "from 2 to 3 March 2026"
        assert date_range(dt.date(2026, 3, 30), dt.date(2026, 4, 2)) == "from 30 March to 2 April 2026"
        assert date_range(dt.date(2025, 12, 30), dt.date(2026, 1, 2)) == "from 30 December 2025 to 2 January 2026"


def test_certificate_prints_user_text_literally() -> None:
    hostile = '#import "x" *bold* $m$ [c] <l> @r'
    text = pdf_text(certificate_pdf(_document(first_name=hostile, training=hostile)))
    assert text.count(hostile) == 2


# --- ZIP, revoking, list ---------------------------------------------------------------------


def test_zip_holds_one_pdf_per_valid_certificate(client: Any, world: dict[str, Any]) -> None:
    certificates_issue(actor=None, session=world["session"], language="en")
    client.force_login(world["manager"])
    besa = Certificate.objects.get(registration=world["regs"]["besa"])
    response = client.get(reverse("delivery:certificates_zip", kwargs={"pk": world["session"].pk}))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = sorted(archive.namelist())
    assert names == [
        "certificate-hoxha-ana-7KQ2-M9XD-4HTR-AB3C.pdf",
        f"certificate-krasniqi-besa-{code_display(besa.code)}.pdf",
    ]
    assert "Besa Krasniqi" in pdf_text(archive.read(names[1]))
    # Revoked certificates are left out.
    revoke = reverse("delivery:certificate_revoke", kwargs={"pk": world["session"].pk, "certificate_pk": besa.pk})
    assert client.post(revoke).status_code == 302
    response = client.get(reverse("delivery:certificates_zip", kwargs={"pk": world["session"].pk}))
    assert zipfile.ZipFile(io.BytesIO(response.content)).namelist() == [names[0]]


def test_revoke(client: Any, world: dict[str, Any]) -> None:
    certificate = world["certificate"]
    url = reverse("delivery:certificate_revoke", kwargs={"pk": world["session"].pk, "certificate_pk": certificate.pk})
    client.force_login(world["trainer"])
    assert client.post(url).status_code == 404  # trainers do not revoke
    client.force_login(world["coordinator_al"])
    response = client.post(url, follow=True)
    assert "The certificate of Ana Hoxha is revoked." in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None
    pdf = reverse("delivery:certificate_pdf", kwargs={"pk": world["session"].pk, "certificate_pk": certificate.pk})
    assert client.get(pdf).status_code == 404
    assert AuditEvent.objects.filter(action="certificate.revoked").count() == 1


def test_list_page(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["manager"])
    html = client.get(reverse("delivery:certificates", kwargs={"pk": world["session"].pk})).content.decode()
    assert "7KQ2-M9XD-4HTR-AB3C" in html
    assert "Issue 1 certificate" in html
    assert "Krasniqi" in html and "Berisha" not in html  # Drita did not come
    client.force_login(world["trainer"])
    html = client.get(reverse("delivery:certificates", kwargs={"pk": world["session"].pk})).content.decode()
    assert "Issue 1 certificate" not in html and "Revoke" not in html


def test_list_flags_a_certificate_whose_holder_no_longer_attended(client: Any, world: dict[str, Any]) -> None:
    regs = world["regs"]
    Attendance.objects.filter(registration=regs["ana"]).update(present=False)
    session_attendance_close(actor=None, session=world["session"])
    client.force_login(world["manager"])
    html = client.get(reverse("delivery:certificates", kwargs={"pk": world["session"].pk})).content.decode()
    assert "No longer marked as attended" in html


@pytest.mark.parametrize("persona", ["coordinator_it", "me_officer", "viewer", "outsider"])
def test_others_get_404(client: Any, world: dict[str, Any], persona: str) -> None:
    pk = world["session"].pk
    certificate = {"pk": pk, "certificate_pk": world["certificate"].pk}
    client.force_login(world[persona])
    for method, url in [
        ("get", reverse("delivery:certificates", kwargs={"pk": pk})),
        ("post", reverse("delivery:certificates_issue", kwargs={"pk": pk})),
        ("get", reverse("delivery:certificates_zip", kwargs={"pk": pk})),
        ("get", reverse("delivery:certificate_pdf", kwargs=certificate)),
        ("post", reverse("delivery:certificate_revoke", kwargs=certificate)),
    ]:
        assert getattr(client, method)(url).status_code == 404, url
    assert Certificate.objects.get(pk=world["certificate"].pk).revoked_at is None
    assert Certificate.objects.filter(registration__session_id=pk).count() == 1


def test_no_certificate_is_issued_nor_printed_for_an_erased_person(client: Any, world: dict[str, Any]) -> None:
    from relais.delivery.services_anonymise import person_anonymise

    regs = world["regs"]
    person_anonymise(actor=world["manager"], person=regs["besa"].person, reason="request")
    assert certificates_issue(actor=world["manager"], session=world["session"], language="en") == []
    person_anonymise(actor=world["manager"], person=regs["ana"].person, reason="request")
    ana = Certificate.objects.get(registration=regs["ana"])
    client.force_login(world["manager"])
    url = reverse("delivery:certificate_pdf", kwargs={"pk": world["session"].pk, "certificate_pk": ana.pk})
    assert client.get(url).status_code == 404
    response = client.get(reverse("delivery:certificates_zip", kwargs={"pk": world["session"].pk}))
    assert response.status_code == 302  # nothing left to print
