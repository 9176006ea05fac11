"""What evaluation holds about one person, for delivery's export and anonymisation (registered with
relais.delivery.personal_data_hooks from navigation.register()).

- Export: the person's questionnaire responses (linked through their registrations) with every
  answer, the network ties they reported or that name them, and the cooperation they reported.
- Anonymisation: their personal questionnaire links stop working at once (new token, expired), and
  the audit events about those links lose the name (an invitation's description names the person).
  Responses, answers, ties and cooperation events stay: every figure is computed from them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from relais.delivery.models import Person
from relais.delivery.personal_data_hooks import Erased, Section
from relais.evaluation.models import Answer, Contact, CooperationEvent, Invitation, Response
from relais.evaluation.tokens import new_token


def _day(day: dt.date) -> str:
    return date_format(day, "DATE_FORMAT")


def _value(answer: Answer) -> str:
    """The answer as a reader understands it: a choice by its label (as the question offered it), not
    its stored value."""
    labels = {
        str(o.get("value")): str(o.get("label") or o.get("value"))
        for o in (answer.item.options or [])
        if isinstance(o, dict)
    }
    value = answer.value
    if isinstance(value, list):
        return ", ".join(labels.get(str(v), str(v)) for v in value)
    return "" if value is None else labels.get(str(value), str(value))


def responses_section(person: Person) -> Section | None:
    responses = list(
        Response.objects.filter(registration__person=person)
        .select_related("questionnaire", "session")
        .order_by("started_at", "id")
    )
    answers: dict[int, list[Answer]] = {}
    for answer in (
        Answer.objects.filter(response__in=responses).select_related("item").order_by("item__position", "item_id")
    ):
        answers.setdefault(answer.response_id, []).append(answer)
    data, records = [], []
    for r in responses:
        rows = answers.get(r.pk, [])
        data.append(
            {
                "questionnaire": r.questionnaire.title,
                "kind": r.kind,
                "session": r.session.title,
                "status": r.status,
                "source": r.source,
                "started_at": r.started_at.isoformat(),
                "submitted_at": r.submitted_at.isoformat() if r.submitted_at else None,
                "score": str(r.score) if r.score is not None else None,
                "max_score": str(r.max_score) if r.max_score is not None else None,
                "answers": [{"question": a.item.text, "answer": a.value} for a in rows],
            }
        )
        record: list[tuple[Any, str]] = [
            (_("Questionnaire"), r.questionnaire.title),
            (_("Session"), r.session.title),
            (_("Status"), str(r.get_status_display())),
        ]
        record += [(a.item.text, _value(a) or "—") for a in rows]
        records.append(record)
    return Section(key="questionnaire_responses", title=_("Questionnaire answers"), data=data, records=records)


def network_section(person: Person) -> Section | None:
    ties = list(
        Contact.objects.filter(Q(person=person) | Q(contact=person))
        .select_related("person", "contact", "organisation")
        .order_by("reported_on", "id")
    )
    events = list(CooperationEvent.objects.filter(person=person).order_by("date", "id"))
    data: dict[str, Any] = {
        # A tie someone else reported names the person, not who reported it: that is the other's data.
        "ties": [
            {
                "direction": "reported" if t.person_id == person.pk else "named_by_another_participant",
                "with_person": str(t.contact) if t.person_id == person.pk and t.contact else None,
                "with_organisation": t.organisation.name if t.organisation and t.person_id == person.pk else None,
                "reported_on": t.reported_on.isoformat(),
            }
            for t in ties
        ],
        "cooperation": [{"type": e.type, "date": e.date.isoformat(), "description": e.description} for e in events],
    }
    records: list[list[tuple[Any, str]]] = []
    for t in ties:
        if t.person_id == person.pk:
            other = str(t.contact) if t.contact else (t.organisation.name if t.organisation else "—")
            records.append([(_("Reported being in touch with"), other), (_("Date"), _day(t.reported_on))])
        else:
            records.append([(_("Named as a contact by"), _("another participant")), (_("Date"), _day(t.reported_on))])
    for e in events:
        records.append(
            [(_("Cooperation reported"), str(e.get_type_display())), (_("Date"), _day(e.date))]
            + ([(_("Description"), e.description)] if e.description else [])
        )
    return Section(key="network", title=_("Cooperation network"), data=data, records=records)


def anonymise_hook(person: Person) -> Erased:
    """Personal links die at once: a new token nobody has, and expired."""
    invitations = list(Invitation.objects.filter(registration__person=person).values_list("pk", flat=True))
    now = timezone.now()
    for pk in invitations:
        Invitation.objects.filter(pk=pk).update(token=new_token(), expires_at=now)
    responses = Response.objects.filter(registration__person=person).values_list("pk", flat=True)
    return Erased(
        counts={"questionnaire_links": len(invitations)},
        audit_objects=[
            ("evaluation.invitation", [str(pk) for pk in invitations]),
            ("evaluation.response", [str(pk) for pk in responses]),
        ],
    )


def register() -> None:
    from relais.delivery.personal_data_hooks import register_anonymise_hook, register_export_section

    register_export_section("evaluation_answers", responses_section)
    register_export_section("evaluation_network", network_section)
    register_anonymise_hook("evaluation", anonymise_hook)
