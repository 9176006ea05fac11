"""Writes of people: record, change, consents, merge of duplicates. Atomic and audited; the name key
is recomputed here on every write. The audit details name fields and ids, never names or contacts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from relais.core.audit import audit_record
from relais.core.models import Country, Language, Profession
from relais.delivery import scoping
from relais.delivery.duplicates import normalise_email
from relais.delivery.models import Attendance, Consent, Gender, Person, Registration, RegistrationStatus
from relais.delivery.names import name_key
from relais.delivery.selectors_people import people_countries
from relais.programmes.models import Organisation

FIELDS = ("first_name", "last_name", "gender", "country", "organisation", "profession", "position", "email", "phone")
MERGE_FIELDS = (*FIELDS, "languages")

# Called as hook(kept, removed) inside the merge's transaction, before anything moves: a higher app
# (evaluation: answers) moves what it keeps about `removed` to `kept`. See docs/people.md.
MergeHook = Callable[[Person, Person], None]
_merge_hooks: list[MergeHook] = []


def register_merge_hook(hook: MergeHook) -> None:
    """Register a callable(kept, removed), called by every merge (registered once, in AppConfig.ready())."""
    if hook not in _merge_hooks:
        _merge_hooks.append(hook)


def merge_hooks() -> list[MergeHook]:
    return list(_merge_hooks)


def _check_editable(actor: Any, person: Person) -> None:
    if actor is not None and not scoping.people_editable(user=actor).filter(pk=person.pk).exists():
        raise PermissionError(_("You may not change this person's record."))


def _clean(actor: Any, values: dict[str, Any], current: Person | None = None) -> dict[str, Any]:
    errors: dict[str, str] = {}
    for field in ("first_name", "last_name"):
        values[field] = " ".join(str(values.get(field) or "").split())
        if not any(ch.isalpha() for ch in values[field]):
            errors[field] = _("Enter a name with at least one letter.")
    values["email"] = normalise_email(values.get("email"))
    values["phone"] = " ".join(str(values.get("phone") or "").split())
    values["position"] = str(values.get("position") or "").strip()
    country: Country | None = values.get("country")
    if actor is not None and not actor.is_administrator:
        unchanged = current is not None and country is not None and current.country_id == country.pk
        if country is None:
            errors["country"] = _("Choose the person's country.")
        elif not unchanged and not people_countries(user=actor).filter(pk=country.pk).exists():
            errors["country"] = _("You may record people of your countries only.")
    organisation: Organisation | None = values.get("organisation")
    if organisation is not None and country is not None and organisation.country_id not in (None, country.pk):
        kept = current is not None and current.organisation_id == organisation.pk
        if not kept:
            errors["organisation"] = _("Choose an organisation of the person's country, or an international one.")
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def person_create(
    *,
    actor: Any,
    first_name: str,
    last_name: str,
    gender: str = Gender.UNDISCLOSED,
    country: Country | None = None,
    organisation: Organisation | None = None,
    profession: Profession | None = None,
    position: str = "",
    email: str = "",
    phone: str = "",
    languages: Iterable[Language] = (),
    request: HttpRequest | None = None,
) -> Person:
    values = _clean(
        actor,
        {
            "first_name": first_name,
            "last_name": last_name,
            "gender": gender,
            "country": country,
            "organisation": organisation,
            "profession": profession,
            "position": position,
            "email": email,
            "phone": phone,
        },
    )
    person = Person(**values)
    person.name_key = name_key(person.first_name, person.last_name)
    person.save()
    person.languages.set(list(languages))
    filled = [f for f in FIELDS if getattr(person, f)] + (["languages"] if languages else [])
    audit_record(actor=actor, action="person.created", obj=person, details={"fields": filled}, request=request)
    return person


@transaction.atomic
def person_update(
    *,
    actor: Any,
    person: Person,
    first_name: str,
    last_name: str,
    gender: str = Gender.UNDISCLOSED,
    country: Country | None = None,
    organisation: Organisation | None = None,
    profession: Profession | None = None,
    position: str = "",
    email: str = "",
    phone: str = "",
    languages: Iterable[Language] | None = None,
    request: HttpRequest | None = None,
) -> Person:
    _check_editable(actor, person)
    if person.anonymised_at is not None:  # erased: a name must never come back (services_anonymise)
        raise ValidationError(_("This person was anonymised: the record can no longer be edited."))
    values = _clean(
        actor,
        {
            "first_name": first_name,
            "last_name": last_name,
            "gender": gender,
            "country": country,
            "organisation": organisation,
            "profession": profession,
            "position": position,
            "email": email,
            "phone": phone,
        },
        person,
    )
    changed = [f for f in FIELDS if getattr(person, f) != values[f]]
    for field, value in values.items():
        setattr(person, field, value)
    person.name_key = name_key(person.first_name, person.last_name)
    person.save()
    if languages is not None:
        chosen = {lang.pk for lang in languages}
        if chosen != set(person.languages.values_list("pk", flat=True)):
            person.languages.set(list(chosen))
            changed.append("languages")
    if changed:
        audit_record(actor=actor, action="person.updated", obj=person, details={"fields": changed}, request=request)
    return person


def person_viewed(*, actor: Any, person: Person, page: str = "person", request: HttpRequest | None = None) -> None:
    """Record that this user saw the person's personal data (the person page, the merge screen)."""
    audit_record(actor=actor, action="person.viewed", obj=person, details={"page": page}, request=request)


@transaction.atomic
def consent_record(
    *,
    actor: Any,
    person: Person,
    purpose: str,
    given_on: dt.date,
    method: str,
    note: str = "",
    request: HttpRequest | None = None,
) -> Consent:
    _check_editable(actor, person)
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": _("The date of a consent cannot be in the future.")})
    if not purpose.strip():
        raise ValidationError({"purpose": _("Say what the person agreed to.")})
    consent = Consent.objects.create(
        person=person,
        purpose=purpose.strip(),
        given_on=given_on,
        method=method,
        note=note.strip(),
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        action="person.consent_recorded",
        obj=person,
        details={"consent": consent.pk, "method": method, "given_on": given_on.isoformat()},
        request=request,
    )
    return consent


@transaction.atomic
def consent_withdraw(
    *, actor: Any, consent: Consent, withdrawn_on: dt.date | None = None, request: HttpRequest | None = None
) -> Consent:
    _check_editable(actor, consent.person)
    on = withdrawn_on or timezone.localdate()
    if consent.withdrawn_on is not None:
        raise ValidationError(_("This consent was already withdrawn."))
    if on < consent.given_on:
        raise ValidationError({"withdrawn_on": _("A consent cannot be withdrawn before it was given.")})
    if on > timezone.localdate():
        raise ValidationError({"withdrawn_on": _("The date of withdrawal cannot be in the future.")})
    consent.withdrawn_on = on
    consent.save(update_fields=["withdrawn_on"])
    audit_record(
        actor=actor,
        action="person.consent_withdrawn",
        obj=consent.person,
        details={"consent": consent.pk, "withdrawn_on": on.isoformat()},
        request=request,
    )
    return consent


@transaction.atomic
def people_merge(
    *,
    actor: Any,
    kept: Person,
    removed: Person,
    choices: dict[str, str] | None = None,
    request: HttpRequest | None = None,
) -> Person:
    """Merge `removed` into `kept`: every registration, answer and consent of both is kept.

    `choices` says, for each field of MERGE_FIELDS, whose value stays: "kept" (the default) or
    "removed" — and for languages also "both". Registrations move to `kept`; where both were
    registered in one session, the registration with the more advanced status stays and receives
    the other's attendance. The hooks run first; the removed record is then deleted."""
    if kept.pk == removed.pk:
        raise ValidationError(_("A person cannot be merged with themselves."))
    if kept.anonymised_at is not None or removed.anonymised_at is not None:  # a name must never come back
        raise ValidationError(_("An anonymised record cannot be merged with another."))
    _check_editable(actor, kept)
    _check_editable(actor, removed)
    picked = {field: (choices or {}).get(field) or "kept" for field in MERGE_FIELDS}
    allowed = {"kept", "removed"}
    if any(value not in (allowed | {"both"} if f == "languages" else allowed) for f, value in picked.items()):
        raise ValidationError(_("Choose, for each field, which value to keep."))
    list(Person.objects.select_for_update().filter(pk__in=[kept.pk, removed.pk]).order_by("pk"))
    for hook in _merge_hooks:
        hook(kept, removed)
    moved = merge_records(kept=kept, removed=removed)

    for field in FIELDS:
        if picked[field] == "removed":
            setattr(kept, field, getattr(removed, field))
    kept.email = normalise_email(kept.email)
    kept.name_key = name_key(kept.first_name, kept.last_name)
    languages = {
        "kept": set(kept.languages.values_list("pk", flat=True)),
        "removed": set(removed.languages.values_list("pk", flat=True)),
    }
    languages["both"] = languages["kept"] | languages["removed"]
    removed_pk = removed.pk
    removed.delete()
    kept.save()
    kept.languages.set(list(languages[picked["languages"]]))
    audit_record(
        actor=actor,
        action="person.merged",
        obj=kept,
        details={"kept": kept.pk, "removed": removed_pk, "choices": picked, **moved},
        request=request,
    )
    return kept


# --- Moving what hangs off the removed record -------------------------------------------------------

# The more advanced status stays when both people were registered in one session.
STATUS_RANK = {
    RegistrationStatus.ATTENDED: 5,
    RegistrationStatus.NO_SHOW: 4,
    RegistrationStatus.REGISTERED: 3,
    RegistrationStatus.WAITING: 2,
    RegistrationStatus.INVITED: 1,
    RegistrationStatus.WITHDRAWN: 0,
}


def surviving_registration(kept: Registration, removed: Registration) -> tuple[Registration, Registration]:
    """(stays, goes) for the two registrations of one session: the more advanced status stays; on a
    tie, the kept person's. Hooks may call it to know where the answers of `goes` belong."""
    if STATUS_RANK.get(removed.status, 0) > STATUS_RANK.get(kept.status, 0):  # type: ignore[call-overload]
        return removed, kept
    return kept, removed


def _repoint(instance: models.Model, target: models.Model, skip: set[str]) -> dict[str, int]:
    """Point every other row that refers to `instance` at `target` (rows of apps that registered no
    hook, and those their hook left). A clash with a unique constraint fails the whole merge."""
    moved: dict[str, int] = {}
    own_through = {f.remote_field.through for f in instance._meta.many_to_many}
    for rel in instance._meta.get_fields(include_hidden=True):
        if not rel.auto_created or rel.concrete or not rel.is_relation:
            continue
        related = rel.related_model
        if related in own_through or getattr(rel, "get_accessor_name", lambda: "")() in skip:
            continue
        field = rel.field.name  # type: ignore[union-attr]
        if rel.many_to_many:
            rows = list(related._base_manager.filter(**{field: instance}))  # type: ignore[union-attr]
            for row in rows:
                getattr(row, field).add(target)
                getattr(row, field).remove(instance)
            count = len(rows)
        else:
            count = related._base_manager.filter(**{field: instance}).update(**{field: target})  # type: ignore[union-attr]
        if count:
            label = related._meta.label_lower  # type: ignore[union-attr]
            moved[label] = moved.get(label, 0) + count
    return moved


def _combine(stays: Registration, goes: Registration) -> dict[str, Any]:
    """Give `stays` the attendance (a day present in either is present) and certificate of `goes`."""
    days = {a.day: a for a in stays.attendance.all()}
    for attendance in goes.attendance.all():
        mine = days.get(attendance.day)
        if mine is None:
            Attendance.objects.filter(pk=attendance.pk).update(registration=stays)
        elif attendance.present and not mine.present:
            mine.present = True
            mine.save(update_fields=["present"])
    dropped = []
    certificate = getattr(goes, "certificate", None)
    if certificate is not None:
        if getattr(stays, "certificate", None) is None:
            type(certificate).objects.filter(pk=certificate.pk).update(registration=stays)
        else:
            dropped.append(certificate.code)
    other = _repoint(goes, stays, skip={"attendance", "certificate"})
    goes.delete()
    return {"certificates_dropped": dropped, "moved": other}


def merge_records(*, kept: Person, removed: Person) -> dict[str, Any]:
    """Move the registrations (combining those of one session), consents and every other row of
    `removed` to `kept`. Returns counts for the audit."""
    mine = {r.session_id: r for r in kept.registrations.select_related("certificate")}
    moved = combined = 0
    dropped: list[str] = []
    elsewhere: dict[str, int] = {}
    for registration in removed.registrations.select_related("certificate").order_by("pk"):
        other = mine.get(registration.session_id)
        if other is None:
            Registration.objects.filter(pk=registration.pk).update(person=kept, updated_at=timezone.now())
            moved += 1
            continue
        stays, goes = surviving_registration(other, registration)
        result = _combine(stays, goes)
        dropped += result["certificates_dropped"]
        for label, count in result["moved"].items():
            elsewhere[label] = elsewhere.get(label, 0) + count
        if stays is registration:
            Registration.objects.filter(pk=stays.pk).update(person=kept, updated_at=timezone.now())
        combined += 1
    consents = Consent.objects.filter(person=removed).update(person=kept)
    for label, count in _repoint(removed, kept, skip={"registrations", "consents"}).items():
        elsewhere[label] = elsewhere.get(label, 0) + count
    return {
        "registrations_moved": moved,
        "registrations_combined": combined,
        "consents_moved": consents,
        "certificates_dropped": dropped,
        "other_rows_moved": elsewhere,
    }
