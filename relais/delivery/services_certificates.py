"""Certificates of attendance: codes, the language rule, issuing and revoking (docs/attendance.md).

- Who gets one: each registration of a delivered or closed session whose status is *attended*
  and who was recorded present on at least one day. A registration has at most one certificate;
  issuing again only adds the ones still missing (a revoked certificate is not replaced).
- The code: 16 characters drawn with `secrets` (the generator behind `secrets.token_urlsafe`)
  from Crockford's base-32 alphabet — digits and capital letters without I, L, O and U — so that
  it reads aloud and types back from paper without doubt: 80 random bits, shown in groups of four
  (7KQ2-M9XD-4HTR-AB3C). Lookups ignore case, spaces and dashes and read O as 0, I and L as 1.
- The language: the person's first language, in the order their languages were recorded, that
  is a language of the interface (English or French); when none is, the language of the user who
  issues the certificates (the language of the page they issue from). It is stored on the
  certificate, so the PDF reads the same every time it is downloaded.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from relais.core.audit import audit_record
from relais.delivery.models import Attendance, Certificate, Person, Registration, RegistrationStatus, Session
from relais.delivery.services_attendance import FOLLOWING

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32
CODE_LENGTH = 16
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def code_new() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def code_normalise(text: str) -> str:
    """The code as stored, from what someone typed: `7kq2 m9xd-4htr-ab3c` → `7KQ2M9XD4HTRAB3C`."""
    kept = "".join(ch for ch in text.upper().translate(_READ_AS) if ch.isalnum())
    return kept[:32]


def code_display(code: str) -> str:
    """The code in groups of four, for reading."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def interface_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def certificate_languages(people: Iterable[Person], *, fallback: str) -> dict[int, str]:
    """The language of each person's certificate, by person id (see the module's docstring)."""
    ids = [p.pk for p in people]
    supported = interface_languages()
    chosen: dict[int, str] = {}
    through = Person.languages.through
    rows = (
        through.objects.filter(person_id__in=ids, language__code__in=supported)
        .order_by("id")
        .values_list("person_id", "language__code")
    )
    for person_id, code in rows:
        chosen.setdefault(person_id, code)
    language = fallback if fallback in supported else settings.LANGUAGE_CODE
    return {pk: chosen.get(pk, language) for pk in ids}


def certifiable(session: Session) -> list[Registration]:
    """The registrations of `session` that may receive a certificate and have none yet (not those of
    people erased: a certificate needs a name)."""
    if session.status not in FOLLOWING:
        return []
    present = Attendance.objects.filter(
        registration=OuterRef("pk"), present=True, day__gte=session.start_date, day__lte=session.end_date
    )
    return list(
        Registration.objects.filter(session=session, status=RegistrationStatus.ATTENDED, certificate__isnull=True)
        .filter(Exists(present), person__anonymised_at__isnull=True)
        .select_related("person")
        .order_by("pk")
    )


def _create(registration: Registration, language: str) -> Certificate:
    """A certificate with a fresh code; a clash of codes (1 in 2^80) draws again."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Certificate.objects.create(registration=registration, code=code_new(), language=language)
        except IntegrityError:
            if Certificate.objects.filter(registration=registration).exists():
                raise
    raise RuntimeError("could not draw a unique certificate code")


@transaction.atomic
def certificates_issue(
    *, actor: Any, session: Session, language: str | None = None, request: HttpRequest | None = None
) -> list[Certificate]:
    """Issues the missing certificates of `session`; `language` is the issuing user's language
    (the active language when omitted). Returns the certificates made."""
    if session.status not in FOLLOWING:
        raise ValidationError(_("Certificates are issued once the session has been delivered."))
    registrations = certifiable(session)
    languages = certificate_languages(
        [r.person for r in registrations], fallback=language or get_language() or settings.LANGUAGE_CODE
    )
    made = [_create(r, languages[r.person_id]) for r in registrations]
    if made:
        audit_record(
            actor=actor,
            action="certificates.issued",
            obj=session,
            details={"count": len(made), "registrations": [c.registration_id for c in made]},
            request=request,
        )
    return made


@transaction.atomic
def certificate_revoke(*, actor: Any, certificate: Certificate, request: HttpRequest | None = None) -> Certificate:
    """Revokes a certificate: the public page then says so. A revoked certificate stays revoked."""
    if certificate.revoked_at is None:
        certificate.revoked_at = timezone.now()
        certificate.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor,
            action="certificate.revoked",
            obj=certificate.registration,
            details={"certificate": certificate.pk, "session": certificate.registration.session_id},
            request=request,
        )
    return certificate


def documents_downloaded(
    *, actor: Any, session: Session, what: str, count: int, request: HttpRequest | None = None
) -> None:
    """Logs a download of personal data (a sign-in sheet, certificates): who, which session, how many."""
    audit_record(
        actor=actor,
        action="delivery.documents_downloaded",
        obj=session,
        details={"what": what, "count": count},
        request=request,
    )
