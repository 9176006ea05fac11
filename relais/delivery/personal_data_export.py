"""Everything Relais holds about one person, for a request of access (DESIGN.md §7): a ZIP with
person.json (complete, for machines) and person.pdf (the same, readable, in the requester's language).

It gathers what delivery holds — identity, languages, consents, registrations with attendance and
certificates, and the audit events about the person (who viewed or changed their data, and when) —
then what higher apps registered (personal_data_hooks: questionnaire answers, network ties). All of
it, not only what the requester may see elsewhere: the export is the person's own data, which is why
only those who may edit the person may make it, and why making it is audited.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from typing import Any

from django.db.models import Q
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from relais.core.models import AuditEvent
from relais.core.registry import audit_action_label
from relais.delivery.documents.render import compile_pdf, content, page_label, preamble
from relais.delivery.models import Attendance, Person, Registration
from relais.delivery.personal_data_hooks import Section, export_sections
from relais.delivery.services_certificates import code_display
from relais.design.exports.typst_markup import string_literal

FORMAT = "relais-person-data/1"
Record = list[tuple[str | Promise, str]]


def _intro() -> str:
    return _(
        "Everything Relais holds about this person, as of the date below. "
        "The file person.json in the same archive holds the same data for machines."
    )


def export_filename(person: Person) -> str:
    """No name in it: the file may be stored or sent where the name should not show."""
    return f"relais-person-{person.pk}.zip"


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _when(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, dt.datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    return date_format(value, "DATE_FORMAT")


def _name(obj: Any) -> str | None:
    return str(obj.name) if obj is not None else None


def _identity(person: Person) -> Section:
    data = {
        "id": person.pk,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "gender": person.gender,
        "country": person.country.code if person.country else None,
        "organisation": _name(person.organisation),
        "profession": _name(person.profession),
        "position": person.position,
        "email": person.email,
        "phone": person.phone,
        "created_at": _iso(person.created_at),
        "updated_at": _iso(person.updated_at),
        "anonymised_at": _iso(person.anonymised_at),
    }
    record: Record = [
        (_("Record number"), str(person.pk)),
        (_("First name"), person.first_name or "—"),
        (_("Last name"), person.last_name or "—"),
        (_("Gender"), str(person.get_gender_display())),
        (_("Country"), _name(person.country) or "—"),
        (_("Organisation"), _name(person.organisation) or "—"),
        (_("Profession"), _name(person.profession) or "—"),
        (_("Position"), person.position or "—"),
        (_("E-mail address"), person.email or "—"),
        (_("Telephone"), person.phone or "—"),
        (_("Recorded"), _when(person.created_at)),
        (_("Last changed"), _when(person.updated_at)),
    ]
    if person.anonymised_at:
        record.append((_("Anonymised"), _when(person.anonymised_at)))
    return Section(key="person", title=_("Record"), data=data, records=[record])


def _languages(person: Person) -> Section:
    languages = list(person.languages.order_by("code"))
    data = [{"code": lang.code, "name": str(lang.name)} for lang in languages]
    records: list[Record] = [[(_("Language"), str(lang.name))] for lang in languages]
    return Section(key="languages", title=_("Languages"), data=data, records=records)


def _consents(person: Person) -> Section:
    consents = list(person.consents.select_related("recorded_by").order_by("given_on", "id"))
    data = [
        {
            "purpose": c.purpose,
            "given_on": _iso(c.given_on),
            "method": c.method,
            "note": c.note,
            "withdrawn_on": _iso(c.withdrawn_on),
            "recorded_by": c.recorded_by.email if c.recorded_by else None,
        }
        for c in consents
    ]
    records: list[Record] = [
        [
            (_("What was agreed"), c.purpose),
            (_("Date"), _when(c.given_on)),
            (_("How"), str(c.get_method_display())),
            (_("Note"), c.note or "—"),
            (_("Withdrawn on"), _when(c.withdrawn_on) if c.withdrawn_on else "—"),
        ]
        for c in consents
    ]
    return Section(key="consents", title=_("Consents"), data=data, records=records)


def _registrations(person: Person) -> Section:
    registrations = list(
        Registration.objects.filter(person=person)
        .select_related("session__programme", "session__country", "profession", "organisation", "certificate")
        .order_by("session__start_date", "id")
    )
    days: dict[int, list[Attendance]] = {}
    for mark in Attendance.objects.filter(registration__person=person).order_by("day"):
        days.setdefault(mark.registration_id, []).append(mark)
    data, records = [], []
    for r in registrations:
        session = r.session
        certificate = getattr(r, "certificate", None)
        marks = days.get(r.pk, [])
        data.append(
            {
                "id": r.pk,
                "session": {
                    "id": session.pk,
                    "title": session.title,
                    "city": session.city,
                    "country": session.country.code,
                    "start_date": _iso(session.start_date),
                    "end_date": _iso(session.end_date),
                },
                "programme": {"code": session.programme.code, "title": session.programme.title},
                "status": r.status,
                "profession": _name(r.profession),
                "organisation": r.organisation_name or _name(r.organisation),
                "position": r.position,
                "registered_at": _iso(r.registered_at),
                "attendance": [{"day": _iso(m.day), "present": m.present} for m in marks],
                "certificate": (
                    {
                        "number": code_display(certificate.code),
                        "issued_at": _iso(certificate.issued_at),
                        "revoked_at": _iso(certificate.revoked_at),
                    }
                    if certificate
                    else None
                ),
            }
        )
        present = [_when(m.day) for m in marks if m.present]
        record: Record = [
            (_("Session"), session.title),
            (_("Programme"), session.programme.title),
            (_("Place"), f"{session.city}, {session.country.name}"),
            (_("Dates"), f"{_when(session.start_date)} – {_when(session.end_date)}"),
            (_("Status"), str(r.get_status_display())),
            (_("Present on"), ", ".join(present) or "—"),
        ]
        if certificate:
            issued = _when(certificate.issued_at)
            if certificate.revoked_at:
                issued = _("%(issued)s, revoked on %(revoked)s") % {
                    "issued": issued,
                    "revoked": _when(certificate.revoked_at),
                }
            record.append((_("Certificate"), f"{code_display(certificate.code)} · {issued}"))
        records.append(record)
    return Section(key="registrations", title=_("Sessions"), data=data, records=records)


def _audit(person: Person) -> Section:
    registrations = [str(pk) for pk in person.registrations.values_list("pk", flat=True)]
    events = list(
        AuditEvent.objects.filter(
            Q(object_type="delivery.person", object_id=str(person.pk))
            | Q(object_type="delivery.registration", object_id__in=registrations)
        ).order_by("at", "id")
    )
    data = [
        {
            "at": _iso(e.at),
            "actor": e.actor_label,
            "action": e.action,
            "object": e.object_type,
            "details": e.details,
        }
        for e in events
    ]
    records: list[Record] = [
        [
            (_("When"), _when(e.at)),
            (_("Who"), e.actor_label or _("Relais (automatic)")),
            (_("What"), str(audit_action_label(e.action))),
        ]
        for e in events
    ]
    return Section(key="audit_events", title=_("Who viewed or changed these data"), data=data, records=records)


def person_data_sections(person: Person) -> list[Section]:
    """Delivery's parts, then those of the higher apps, then the audit log (last: the longest)."""
    sections = [_identity(person), _languages(person), _consents(person), _registrations(person)]
    sections += [s for s in (build(person) for build in export_sections()) if s is not None]
    sections.append(_audit(person))
    return sections


def person_data_json(person: Person, sections: list[Section], generated_at: dt.datetime) -> bytes:
    document: dict[str, Any] = {"format": FORMAT, "generated_at": generated_at.isoformat()}
    document.update({s.key: s.data for s in sections})
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False, default=str).encode("utf-8")


def person_data_typst_source(person: Person, sections: list[Section], generated_at: dt.datetime) -> str:
    """The Typst document of the export, in the active language; every text escaped."""
    title = _("Personal data held by Relais — record no. %(n)s") % {"n": person.pk}
    generated = _("Generated on %(date)s") % {"date": _when(generated_at)}
    body = [
        f"= {content(title)[1:-1]}",
        f"#intro({content(_intro())})",
    ]
    for section in sections:
        body.append(f"== {content(str(section.title))[1:-1]}")
        if not section.records:
            body.append(f"#nothing({content(_('None.'))})")
        for record in section.records:
            pairs = ", ".join(f"({content(str(label))}, {content(value or '—')})" for label, value in record)
            body.append(f"#record({pairs})")
    values = "\n".join(
        [
            f"#let lang = {string_literal(translation.get_language() or 'en')}",
            f"#let doc-title = {string_literal(title)}",
            f"#let generated-on = {content(generated)}",
            page_label(),
        ]
    )
    return "\n".join([values, preamble("person_data.typ"), *body]) + "\n"


def person_data_zip(person: Person, *, language: str) -> bytes:
    """The archive: person.json and person.pdf (the PDF in `language`)."""
    generated_at = timezone.now()
    with translation.override(language):
        sections = person_data_sections(person)
        pdf = compile_pdf(person_data_typst_source(person, sections, generated_at))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("person.json", person_data_json(person, sections, generated_at))
        archive.writestr("person.pdf", pdf)
    return buffer.getvalue()
