"""Erasure of a person (on request, or at the end of the retention period) as anonymisation that
keeps the statistics (DESIGN.md §7, docs/people.md "Personal data: export, erasure, retention").

Removed: first and last name (and the name key), e-mail address, telephone, position (on the
person and on their registrations), languages, the notes of their consents, their personal
questionnaire links (through the hooks of higher apps), and their name and contacts wherever the
audit log repeats them. Kept: gender, country, organisation, profession, registrations with their
status, attendance, certificates (verification no longer shows a name), questionnaire answers and
network ties — every figure is computed from those, so no statistic changes.

Consents are kept without their notes: the record of what was agreed, when and how, is the proof
that the data was processed lawfully until the erasure, and it no longer identifies anyone once the
person is anonymous; the note is free text that may name the person or others, so it goes.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from relais.core.audit import audit_record
from relais.core.models import AuditEvent
from relais.delivery import scoping
from relais.delivery.models import Certificate, Consent, Person, Registration
from relais.delivery.personal_data_hooks import Erased, anonymise_hooks

REASONS = ("request", "retention")
REMOVED = "[removed]"


def _identity(person: Person) -> list[str]:
    """The strings that identify the person, longest first (so "Ana Petrović" goes before "Ana")."""
    first, last = person.first_name.strip(), person.last_name.strip()
    found = {
        f"{first} {last}",
        f"{last} {first}",
        f"{last}, {first}",
        first,
        last,
        person.email.strip(),
        person.phone.strip(),
    }
    # A single letter or two ("Li") is too short to hunt through texts without false hits.
    return sorted((s for s in found if len(s.strip(" ,")) >= 3), key=len, reverse=True)


def scrub(value: Any, identity: list[str]) -> Any:
    """`value` (audit details: JSON) with every identifying string replaced, case ignored."""
    if isinstance(value, str):
        text = value
        for token in identity:
            start = text.lower().find(token.lower())
            while start >= 0:
                text = text[:start] + REMOVED + text[start + len(token) :]
                start = text.lower().find(token.lower(), start + len(REMOVED))
        return text
    if isinstance(value, list):
        return [scrub(v, identity) for v in value]
    if isinstance(value, dict):
        return {k: scrub(v, identity) for k, v in value.items()}
    return value


def _scrub_audit(person: Person, identity: list[str], objects: list[tuple[str, list[str]]]) -> int:
    """Rewrite the audit events about the person, their registrations and certificates (and the
    objects the hooks named): descriptions and details lose the name and contacts; the events stay."""
    q = Q(pk__in=[])
    for object_type, ids in objects:
        if ids:
            q |= Q(object_type=object_type, object_id__in=ids)
    scrubbed = 0
    for event in AuditEvent.objects.filter(q).order_by("pk").iterator(chunk_size=500):
        about_person = event.object_type == "delivery.person"
        repr_ = person.display_name if about_person else scrub(event.object_repr, identity)
        details = scrub(event.details, identity)
        if repr_ != event.object_repr or details != event.details:
            AuditEvent.objects.filter(pk=event.pk).update(object_repr=repr_[:200], details=details)
            scrubbed += 1
    return scrubbed


def may_anonymise(*, user: Any, person: Person) -> bool:
    """Those who may edit the person (administrators, managers and coordinators in scope)."""
    return scoping.people_editable(user=user).filter(pk=person.pk).exists()


@transaction.atomic
def person_anonymise(*, actor: Any, person: Person, reason: str, request: HttpRequest | None = None) -> None:
    """Erase the person's identity, keep what the statistics count. All or nothing; a person
    already anonymised is left as is (no second audit event). `actor` is None for the daily task."""
    if reason not in REASONS:
        raise ValueError(f"Unknown reason for anonymising: {reason!r}")
    locked = Person.objects.select_for_update().get(pk=person.pk)
    if locked.anonymised_at is not None:
        person.anonymised_at = locked.anonymised_at
        return
    if actor is not None and not may_anonymise(user=actor, person=locked):
        raise PermissionDenied(_("You may not erase this person's data."))
    identity = _identity(locked)
    registration_ids = [str(pk) for pk in Registration.objects.filter(person=locked).values_list("pk", flat=True)]
    certificate_ids = [
        str(pk) for pk in Certificate.objects.filter(registration__person=locked).values_list("pk", flat=True)
    ]
    counts: dict[str, int] = {"registrations": len(registration_ids)}
    objects = [
        ("delivery.person", [str(locked.pk)]),
        ("delivery.registration", registration_ids),
        ("delivery.certificate", certificate_ids),
    ]
    for hook in anonymise_hooks():
        erased: Erased = hook(locked)
        counts.update(erased.counts)
        objects.extend(erased.audit_objects)

    locked.first_name = ""
    locked.last_name = ""
    locked.name_key = ""
    locked.email = ""
    locked.phone = ""
    locked.position = ""
    locked.anonymised_at = timezone.now()
    locked.save(
        update_fields=[
            "first_name",
            "last_name",
            "name_key",
            "email",
            "phone",
            "position",
            "anonymised_at",
            "updated_at",
        ]
    )
    locked.languages.clear()
    Registration.objects.filter(person=locked).exclude(position="").update(position="")
    counts["consent_notes"] = Consent.objects.filter(person=locked).exclude(note="").update(note="")
    counts["audit_events"] = _scrub_audit(locked, identity, objects)
    audit_record(
        actor=actor, action="person.anonymised", obj=locked, details={"reason": reason, **counts}, request=request
    )
    for name in ("first_name", "last_name", "name_key", "email", "phone", "position", "anonymised_at"):
        setattr(person, name, getattr(locked, name))
