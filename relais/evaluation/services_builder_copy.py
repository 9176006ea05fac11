"""Copies: a questionnaire of another session of the same design reused in this one, and the
pre-test's questions copied into its post-test. Atomic and audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from relais.core.audit import audit_record
from relais.delivery.models import Session
from relais.evaluation.models import (
    Questionnaire,
    QuestionnaireKind,
)
from relais.evaluation.services_builder import audit_create
from relais.evaluation.services_builder_rules import has_submitted, locked_message, touch
from relais.evaluation.services_builder_sections import copy_structure


@transaction.atomic
def questionnaire_copy(
    *, actor: Any, source: Questionnaire, session: Session, request: HttpRequest | None = None
) -> Questionnaire:
    """A draft copy of another session's questionnaire (same design) in `session`, with its sections,
    items and translations; a copied test is paired with the session's unpaired counterpart."""
    if source.session.design_id != session.design_id:
        raise ValidationError(_("Only questionnaires of sessions of the same design can be reused."))
    copy = Questionnaire.objects.create(
        session=session,
        programme_id=session.programme_id,
        kind=source.kind,
        title=source.title,
        introduction=source.introduction,
        translations=source.translations,
        language=source.language,
        languages=source.languages,
        anonymous=source.anonymous,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if source.kind == QuestionnaireKind.POST_TEST:
        pre = Questionnaire.objects.filter(
            session=session, kind=QuestionnaireKind.PRE_TEST, paired_post__isnull=True
        ).first()
        if pre is not None:
            copy.paired_with = pre
            copy.save(update_fields=["paired_with"])
    elif source.kind == QuestionnaireKind.PRE_TEST:
        post = Questionnaire.objects.filter(
            session=session, kind=QuestionnaireKind.POST_TEST, paired_with__isnull=True
        ).first()
        if post is not None:
            post.paired_with = copy
            post.save(update_fields=["paired_with", "updated_at"])
            touch(post)
    copied = copy_structure(source_sections=source.sections.all(), source_items=source.items.all(), target=copy)
    audit_create(actor, copy, request, copied_from=source.pk, items=copied)
    return copy


@transaction.atomic
def questionnaire_copy_pre_test_items(
    *, actor: Any, questionnaire: Questionnaire, request: HttpRequest | None = None, version: int | None = None
) -> int:
    """Copy into a post-test the questions of its pre-test that it does not ask yet; how many."""
    pre = questionnaire.paired_with
    if questionnaire.kind != QuestionnaireKind.POST_TEST or pre is None:
        raise ValidationError(_("Only a post-test compared with a pre-test can take the pre-test's questions."))
    if has_submitted(questionnaire):
        raise ValidationError(locked_message())
    copied = copy_structure(source_sections=pre.sections.all(), source_items=pre.items.all(), target=questionnaire)
    touch(questionnaire, version)
    audit_record(
        actor=actor,
        action="questionnaire.update",
        obj=questionnaire,
        details={"copied_items_from": pre.pk, "items": copied},
        request=request,
    )
    return copied
