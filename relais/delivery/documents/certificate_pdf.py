"""Certificates of attendance as PDF (Typst), each in the certificate's language, and a ZIP of them.

Hours attended: day n of the session is day n of the design's agenda, whose modules give its
length; the certificate counts the days the person was present. Session days beyond the agenda
add no hours; a design without an agenda gives no hours at all (the certificate then says days only).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from relais.delivery.documents.render import compile_pdf, content, preamble, qr_image
from relais.delivery.models import Certificate, Session
from relais.delivery.selectors_attendance import agenda_minutes, minutes_attended, present_days, session_days
from relais.delivery.services_certificates import code_display
from relais.design.exports.agenda import duration
from relais.design.exports.typst_markup import string_literal

DEFAULT_ISSUER = "Relais — demonstration"


def issuer_name() -> str:
    """The organisation named on certificates: the RELAIS_CERTIFICATE_ISSUER setting, else a default."""
    return str(getattr(settings, "RELAIS_CERTIFICATE_ISSUER", "") or DEFAULT_ISSUER)


@dataclass(frozen=True)
class CertificateDocument:
    code: str
    language: str
    issuer: str
    first_name: str
    last_name: str
    training: str
    city: str
    country_en: str
    country_fr: str
    start: dt.date
    end: dt.date
    present_days: int
    day_count: int
    minutes: int | None  # None when the design has no agenda
    issued_on: dt.date
    verify_url: str

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def filename(self) -> str:
        person = slugify(f"{self.last_name} {self.first_name}")[:60].strip("-") or "participant"
        return f"certificate-{person}-{code_display(self.code)}.pdf"


def certificates_build(
    session: Session, certificates: list[Certificate], *, verify_url: Callable[[str], str]
) -> list[CertificateDocument]:
    """The documents of `certificates` (of `session`, whose design and country the caller loaded),
    in four queries whatever their number; `verify_url(code)` gives the public address of a code."""
    registrations = [c.registration for c in certificates]
    days = present_days(registrations)
    minutes = agenda_minutes(session)
    documents = []
    for certificate in certificates:
        person = certificate.registration.person
        attended = days.get(certificate.registration_id, [])
        documents.append(
            CertificateDocument(
                code=certificate.code,
                language=certificate.language,
                issuer=issuer_name(),
                first_name=person.first_name,
                last_name=person.last_name,
                training=session.design.title,
                city=session.city,
                country_en=session.country.name_en,
                country_fr=session.country.name_fr or session.country.name_en,
                start=session.start_date,
                end=session.end_date,
                present_days=len(attended),
                day_count=len(session_days(session)),
                minutes=minutes_attended(session, attended, minutes) if any(minutes) else None,
                issued_on=timezone.localdate(certificate.issued_at),
                verify_url=verify_url(certificate.code),
            )
        )
    return documents


def date_range(start: dt.date, end: dt.date) -> str:
    """on 2 March 2026 · from 2 to 3 March 2026 · from 30 March to 2 April 2026 · across years in full."""
    if start == end:
        return _("on %(date)s") % {"date": date_format(start, "DATE_FORMAT")}
    if (start.year, start.month) == (end.year, end.month):
        first = str(start.day)
    elif start.year == end.year:
        first = date_format(start, "MONTH_DAY_FORMAT")
    else:
        first = date_format(start, "DATE_FORMAT")
    return _("from %(start)s to %(end)s") % {"start": first, "end": date_format(end, "DATE_FORMAT")}


def presence(document: CertificateDocument) -> str:
    """Present on both days of the session · 13 h 30 min of training."""
    days, present = document.day_count, document.present_days
    if days == 1:
        text = _("Present on the day of the session")
    elif present >= days == 2:
        text = _("Present on both days of the session")
    elif present >= days:
        text = _("Present on all %(days)d days of the session") % {"days": days}
    else:
        text = ngettext(
            "Present on %(present)d of the %(days)d days of the session",
            "Present on %(present)d of the %(days)d days of the session",
            present,
        ) % {"present": present, "days": days}
    if document.minutes:
        text = _("%(presence)s · %(hours)s of training") % {"presence": text, "hours": duration(document.minutes)}
    return text


def certificate_typst_source(document: CertificateDocument) -> str:
    """The Typst document of one certificate, in the certificate's language."""
    with translation.override(document.language):
        country = document.country_fr if document.language == "fr" else document.country_en
        where = _("held in %(city)s, %(country)s, %(dates)s") % {
            "city": document.city,
            "country": country,
            "dates": date_range(document.start, document.end),
        }
        title = _("Certificate of attendance — %(name)s") % {"name": document.name}
        fields = {
            "issuer": content(document.issuer),
            "heading": content(_("Certificate of attendance")),
            "intro": content(_("This is to certify that")),
            "name": content(document.name),
            "attended": content(_("attended")),
            "training": content(document.training),
            "place-and-dates": content(where),
            "presence": content(presence(document)),
            "issued": content(_("Issued on %(date)s") % {"date": date_format(document.issued_on, "DATE_FORMAT")}),
            "signature": content(_("For the organisers")),
            "code-label": content(_("Verification code")),
            "code": content(code_display(document.code)),
            "check": content(_("Check this certificate at")),
            "url": f"link({string_literal(document.verify_url)}, {content(document.verify_url)})",
            "qr": qr_image(document.verify_url, size="2.6cm"),
        }
    values = f"#let lang = {string_literal(document.language)}\n#let doc-title = {string_literal(title)}"
    call = "#certificate(\n" + "".join(f"  {key}: {value},\n" for key, value in fields.items()) + ")"
    return "\n".join([values, preamble("certificate.typ"), call]) + "\n"


def certificate_pdf(document: CertificateDocument) -> bytes:
    return compile_pdf(certificate_typst_source(document))


def certificates_zip(documents: list[CertificateDocument]) -> bytes:
    """One PDF per certificate in a ZIP archive (PDFs are compressed already: stored as they are)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for document in documents:
            archive.writestr(document.filename, certificate_pdf(document))
    return buffer.getvalue()
