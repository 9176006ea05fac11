"""Writing responses: start (or resume) one, save answers, submit it — which stores its totals,
the paired learning score, and the contacts and cooperation it reports — and rescore a
questionnaire when its key changes. Each write is atomic and audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from relais.core.audit import audit_record
from relais.core.models import Country
from relais.delivery.models import Person, Registration, Session
from relais.evaluation.answers import AnswerError, clean_value
from relais.evaluation.models import (
    Answer,
    Contact,
    CooperationEvent,
    Invitation,
    Item,
    ItemType,
    LearningScore,
    Questionnaire,
    QuestionnaireKind,
    Response,
    ResponseSource,
    ResponseStatus,
)
from relais.evaluation.scoring import compute_totals, learning_pair


def contact_choices(questionnaire: Questionnaire, registration: Registration | None) -> dict[str, set[int]]:
    """Whom a participant may name as a contact: the other people registered in the questionnaire's
    session (those the participant met, and whom the staff of the session may see), and organisations
    (any: agencies are public bodies)."""
    from relais.delivery.models import RegistrationStatus
    from relais.programmes.models import Organisation

    people = set(
        Registration.objects.filter(session_id=questionnaire.session_id)
        .exclude(status__in=[RegistrationStatus.WITHDRAWN, RegistrationStatus.WAITING])
        .values_list("person_id", flat=True)
    )
    if registration is not None:
        people.discard(registration.person_id)
    return {"people": people, "organisations": set(Organisation.objects.values_list("pk", flat=True))}


def response_start(
    *,
    questionnaire: Questionnaire,
    registration: Registration | None,
    invitation: Invitation | None = None,
    language: str = "en",
    source: str = ResponseSource.WEB,
    resume_key: str = "",
    actor: Any = None,
) -> Response:
    """The participant's response to the questionnaire, created on first use (one per registration)."""
    if registration is not None:
        existing = Response.objects.filter(questionnaire=questionnaire, registration=registration).first()
        if existing is not None:
            return existing
    with transaction.atomic():
        return Response.objects.create(
            questionnaire=questionnaire,
            session_id=questionnaire.session_id,
            programme_id=questionnaire.programme_id,
            kind=questionnaire.kind,
            registration=registration,
            invitation=invitation,
            country_id=registration.country_id if registration else None,
            profession_id=registration.profession_id if registration else None,
            language=language,
            source=source,
            resume_key=resume_key,
            entered_by=actor if getattr(actor, "is_authenticated", False) else None,
        )


def _items(questionnaire: Questionnaire) -> list[Item]:
    return list(questionnaire.items.all())


def response_save(
    *,
    response: Response,
    values: dict[int, Any],
    submit: bool,
    actor: Any = None,
    request: HttpRequest | None = None,
    action: str = "response.submit",
    check: bool = True,
    allow_missing: bool = False,
) -> Response:
    """Store answers (values by item id, None for no answer). On submit every required item must be
    answered; then the totals, the learning score and the reported network are written. Raises
    ValidationError({item id: message}) and writes nothing when an answer is wrong. Staff typing in
    or importing paper forms pass allow_missing: a question left blank on paper stays unanswered
    rather than invented. A submitted
    response cannot be changed through this function except by staff (actor given)."""
    questionnaire = response.questionnaire
    items = _items(questionnaire)
    by_id = {i.pk: i for i in items}
    if response.status == ResponseStatus.SUBMITTED and actor is None:
        raise ValidationError(_("These answers were already sent."))
    errors: dict[str, str] = {}
    cleaned: dict[int, Any] = {}
    # Loaded only when a contacts item is answered: it reads every organisation and participant id.
    named = any(by_id[k].type == ItemType.CONTACTS for k in values if k in by_id and values[k] not in (None, {}))
    contacts = contact_choices(questionnaire, response.registration) if check and named else None
    for item_id, raw in values.items():
        item = by_id.get(item_id)
        if item is None:
            errors[str(item_id)] = _("This question is not part of the questionnaire.")
            continue
        try:
            cleaned[item_id] = clean_value(item, raw, contacts=contacts)
        except AnswerError as error:
            errors[str(item_id)] = str(error)
    with transaction.atomic():
        stored = {a.item_id: a for a in Answer.objects.filter(response=response)}
        merged = {k: a.value for k, a in stored.items()} | cleaned
        if submit and not allow_missing:
            for item in items:
                if item.required and merged.get(item.pk) in (None, "", [], {}) and str(item.pk) not in errors:
                    errors[str(item.pk)] = _("Please answer this question.")
        if errors:
            raise ValidationError(errors)
        totals = compute_totals(items, merged)
        for item_id, value in cleaned.items():
            item = by_id[item_id]
            answer = stored.get(item_id)
            if value is None:
                if answer is not None:
                    answer.delete()
                continue
            number = Decimal(str(value)) if item.type in (ItemType.LIKERT, ItemType.NUMBER) else None
            if answer is None:
                Answer.objects.create(
                    response=response, item=item, value=value, number=number, points=totals.points.get(item_id)
                )
            else:
                answer.value, answer.number, answer.points = value, number, totals.points.get(item_id)
                answer.save(update_fields=["value", "number", "points"])
        if submit:
            _store_totals(response, totals)
            response.status = ResponseStatus.SUBMITTED
            response.submitted_at = response.submitted_at or timezone.now()
            if getattr(actor, "is_authenticated", False):
                response.entered_by = actor
            response.save()
            _write_network(response, items, merged)
            learning_score_refresh(response=response)
            audit_record(
                actor=actor,
                action=action,
                obj=response,
                details={"questionnaire": questionnaire.pk, "registration": response.registration_id},
                request=request,
            )
        else:
            response.save(update_fields=[])
    return response


TOTAL_FIELDS = [
    "score",
    "max_score",
    "objective_scores",
    "likert_count",
    "likert_sum",
    "likert_high",
    "applies_learning",
]


def _store_totals(response: Response, totals: Any) -> None:
    response.score = totals.score
    response.max_score = totals.max_score
    response.objective_scores = totals.objective_scores
    response.likert_count = totals.likert_count
    response.likert_sum = totals.likert_sum
    response.likert_high = totals.likert_high
    response.applies_learning = totals.applies_learning


def _write_network(response: Response, items: list[Item], values: dict[int, Any]) -> None:
    """Replace the contacts and cooperation events this response reports."""
    Contact.objects.filter(response=response).delete()
    CooperationEvent.objects.filter(response=response).delete()
    if response.registration is None:
        return
    person_id = response.registration.person_id
    reported = (response.submitted_at or timezone.now()).date()
    for item in items:
        value = values.get(item.pk)
        if value is None:
            continue
        if item.type == ItemType.CONTACTS:
            rows = [
                Contact(
                    response=response,
                    programme_id=response.programme_id,
                    person_id=person_id,
                    contact_id=pk,
                    reported_on=reported,
                )
                for pk in value.get("people", [])
                if pk != person_id
            ]
            rows += [
                Contact(
                    response=response,
                    programme_id=response.programme_id,
                    person_id=person_id,
                    organisation_id=pk,
                    reported_on=reported,
                )
                for pk in value.get("organisations", [])
            ]
            Contact.objects.bulk_create(rows)
        elif item.type == ItemType.COOPERATION:
            codes = {code for event in value for code in event.get("countries", [])}
            countries = {c.code: c for c in Country.objects.filter(code__in=codes).only("pk", "code")}
            for event in value:
                row = CooperationEvent.objects.create(
                    response=response,
                    programme_id=response.programme_id,
                    person_id=person_id,
                    type=event["type"],
                    date=dt.date.fromisoformat(event["date"]),
                    description=event.get("description", ""),
                )
                row.countries.set([countries[c] for c in event.get("countries", []) if c in countries])


def learning_score_refresh(*, response: Response) -> LearningScore | None:
    """Write (or remove) the paired pre/post result of the response's participant."""
    questionnaire = response.questionnaire
    if response.registration_id is None or questionnaire.kind not in (
        QuestionnaireKind.PRE_TEST,
        QuestionnaireKind.POST_TEST,
    ):
        return None
    if questionnaire.kind == QuestionnaireKind.POST_TEST:
        post_q: Questionnaire | None = questionnaire
        pre_q = questionnaire.paired_with
    else:
        pre_q = questionnaire
        post_q = Questionnaire.objects.filter(paired_with=questionnaire).first()
    if post_q is not None:  # the pair as it was (the pairing may have been removed or changed)
        LearningScore.objects.filter(
            registration_id=response.registration_id, post_response__questionnaire=post_q
        ).delete()
    if pre_q is None or post_q is None:
        return None
    submitted = Response.objects.filter(registration_id=response.registration_id, status=ResponseStatus.SUBMITTED)
    pre = submitted.filter(questionnaire=pre_q).first()
    post = submitted.filter(questionnaire=post_q).first()
    if pre is None or post is None:
        return None
    score = learning_score_build(pre=pre, post=post, session=post_q.session)
    if score is not None:
        score.save()
    return score


def learning_score_build(*, pre: Response, post: Response, session: Session) -> LearningScore | None:
    """The (unsaved) paired result of one participant's submitted pre-test and post-test."""
    if pre.score is None or post.score is None or post.registration_id is None:
        return None
    pair = learning_pair(pre.score, pre.max_score or Decimal(0), post.score, post.max_score or Decimal(0))
    if pair is None:
        return None
    return LearningScore(
        post_response=post,
        pre_response=pre,
        registration_id=post.registration_id,
        session=session,
        programme_id=post.programme_id,
        design_id=session.design_id,
        country_id=post.country_id,
        profession_id=post.profession_id,
        pre=pair.pre,
        post=pair.post,
        difference=pair.difference,
        gain=pair.gain,
        improved=pair.improved,
    )


def questionnaire_rescore(
    *, questionnaire: Questionnaire, actor: Any = None, request: HttpRequest | None = None
) -> int:
    """Recompute the points and totals of every submitted response after the key changed (correct
    answers, points, items added or removed), and the learning scores they feed. Returns how many."""
    items = _items(questionnaire)
    with transaction.atomic():
        responses = Response.objects.filter(questionnaire=questionnaire, status=ResponseStatus.SUBMITTED)
        answers: dict[int, dict[int, Answer]] = {}
        for answer in Answer.objects.filter(response__in=responses):
            answers.setdefault(answer.response_id, {})[answer.item_id] = answer
        changed_answers: list[Answer] = []
        rescored = list(responses)
        for response in rescored:
            response.questionnaire = questionnaire  # read by learning_score_refresh: no query per response
            stored = answers.get(response.pk, {})
            totals = compute_totals(items, {k: a.value for k, a in stored.items()})
            for item_id, answer in stored.items():
                if answer.points != totals.points.get(item_id):
                    answer.points = totals.points.get(item_id)
                    changed_answers.append(answer)
            _store_totals(response, totals)
        Answer.objects.bulk_update(changed_answers, ["points"], batch_size=500)
        Response.objects.bulk_update(rescored, TOTAL_FIELDS, batch_size=500)
        if questionnaire.is_test:
            for response in rescored:
                learning_score_refresh(response=response)
        count = len(rescored)
        audit_record(
            actor=actor,
            action="questionnaire.rescore",
            obj=questionnaire,
            details={"responses": count},
            request=request,
        )
    return count


def person_merge_hook(kept: Person, removed: Person) -> None:
    """Move what evaluation holds about a duplicate person to the person kept (registered with the
    delivery merge, which calls it before registrations move). Responses and invitations follow their
    registrations; where both people answered one questionnaire of one session, the submitted (or
    else the later) response stays, so nothing clashes and no submitted answer is lost."""
    from relais.delivery.services_people import surviving_registration

    Contact.objects.filter(person=removed).update(person=kept)
    Contact.objects.filter(contact=removed).update(contact=kept)
    Contact.objects.filter(person=kept, contact=kept).delete()
    CooperationEvent.objects.filter(person=removed).update(person=kept)
    kept_regs = {r.session_id: r for r in Registration.objects.filter(person=kept)}
    for registration in Registration.objects.filter(person=removed):
        other = kept_regs.get(registration.session_id)
        if other is None:
            continue
        stays, goes = surviving_registration(other, registration)
        for response in Response.objects.filter(registration=goes):
            twin = Response.objects.filter(registration=stays, questionnaire_id=response.questionnaire_id).first()
            if twin is None:
                continue
            submitted = response.status == ResponseStatus.SUBMITTED
            if submitted and (twin.status != ResponseStatus.SUBMITTED or twin.started_at < response.started_at):
                twin.delete()
            else:
                response.delete()
        for invitation in Invitation.objects.filter(registration=goes):
            if Invitation.objects.filter(registration=stays, questionnaire_id=invitation.questionnaire_id).exists():
                invitation.delete()
        # Move them now (rather than leave it to the merge) so the pre-test of one record and the
        # post-test of the other become one participant's pair.
        Invitation.objects.filter(registration=goes).update(registration=stays)
        LearningScore.objects.filter(registration=goes).delete()
        Response.objects.filter(registration=goes).update(registration=stays)
        for response in Response.objects.filter(
            registration=stays, status=ResponseStatus.SUBMITTED, kind=QuestionnaireKind.POST_TEST
        ).select_related("questionnaire"):
            learning_score_refresh(response=response)
