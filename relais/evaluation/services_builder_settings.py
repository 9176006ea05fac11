"""A questionnaire's settings (refused, with nothing written, when someone else changed it since the
form was shown) and its status: open (with its checks), close, back to draft. Atomic and audited."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils.translation import gettext as _

from relais.core.audit import audit_record
from relais.core.models import Language
from relais.evaluation.models import (
    Item,
    ItemType,
    Questionnaire,
    QuestionnaireKind,
    QuestionnaireStatus,
    Response,
)
from relais.evaluation.services_builder_rules import has_submitted, touch
from relais.evaluation.services_responses import questionnaire_rescore

ANONYMOUS_KINDS = (QuestionnaireKind.SATISFACTION, QuestionnaireKind.CUSTOM)


@dataclass(frozen=True)
class SettingsResult:
    questionnaire: Questionnaire
    rescored: int | None = None


class StaleVersion(ValidationError):
    """Someone else changed the questionnaire since the form was shown."""


SETTINGS_FIELDS = (
    "title",
    "introduction",
    "kind",
    "language",
    "languages",
    "anonymous",
    "opens_on",
    "closes_on",
    "paired_with",
)


def _validate_settings(questionnaire: Questionnaire, data: dict[str, Any], answered: bool) -> None:
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    kind = data["kind"]
    if kind not in QuestionnaireKind.values:
        add("kind", _("Choose a kind from the list."))
    if not str(data["title"]).strip():
        add("title", _("Give the questionnaire a title."))
    if data["anonymous"] and kind not in ANONYMOUS_KINDS:
        add(
            "anonymous",
            _(
                "Only satisfaction and custom questionnaires can be anonymous: tests and follow-ups are linked to "
                "each participant to compare their answers."
            ),
        )
    if data["opens_on"] and data["closes_on"] and data["closes_on"] < data["opens_on"]:
        add("closes_on", _("The closing day cannot come before the opening day."))
    if not data["languages"] or data["language"] not in data["languages"]:
        add("languages", _("Offer at least the language the questionnaire is written in."))
    elif Language.objects.filter(code__in=data["languages"]).count() != len(data["languages"]):
        add("languages", _("Choose the languages from the list."))
    pre = data["paired_with"]
    if pre is not None:
        if kind != QuestionnaireKind.POST_TEST:
            add("paired_with", _("Only a post-test is compared with a pre-test."))
        elif pre.session_id != questionnaire.session_id or pre.kind != QuestionnaireKind.PRE_TEST:
            add("paired_with", _("Choose a pre-test of the same session."))
        elif Questionnaire.objects.filter(paired_with=pre).exclude(pk=questionnaire.pk).exists():
            add("paired_with", _("This pre-test is already compared with another post-test."))
    if answered and kind != questionnaire.kind:
        add("kind", _("Answers have already been given: the kind of the questionnaire cannot change."))
    if answered and bool(data["anonymous"]) != questionnaire.anonymous:
        add("anonymous", _("Answers have already been given: whether they are anonymous cannot change."))
    if errors:
        raise ValidationError(errors)


def questionnaire_update(
    *,
    actor: Any,
    questionnaire: Questionnaire,
    version: int,
    data: dict[str, Any],
    request: HttpRequest | None = None,
) -> SettingsResult:
    """Save the settings form. `version` is the version the form was made from: when the stored one
    differs, someone else changed the questionnaire meanwhile and nothing is written."""
    data = {name: data.get(name) for name in SETTINGS_FIELDS}
    data["kind"] = data["kind"] or questionnaire.kind
    data["languages"] = list(dict.fromkeys(data["languages"] or []))
    data["anonymous"] = bool(data["anonymous"])
    data["title"] = str(data["title"] or "").strip()[:300]
    data["introduction"] = str(data["introduction"] or "").strip()
    if data["kind"] != QuestionnaireKind.POST_TEST:
        data["paired_with"] = None
    with transaction.atomic():
        answered = Response.objects.filter(questionnaire=questionnaire).exists()
        _validate_settings(questionnaire, data, answered)
        pre = data.pop("paired_with")
        fields = {**data, "paired_with_id": pre.pk if pre is not None else None}
        before = {k: getattr(questionnaire, k) for k in fields}
        written = Questionnaire.objects.filter(pk=questionnaire.pk, version=version).update(
            **fields, version=F("version") + 1
        )
        if not written:
            raise StaleVersion(
                _(
                    "Someone else changed this questionnaire while you were editing it. Your changes were not "
                    "saved: the page now shows the current version; make your changes again."
                )
            )
        if before["kind"] == QuestionnaireKind.PRE_TEST and data["kind"] != QuestionnaireKind.PRE_TEST:
            for post in Questionnaire.objects.filter(paired_with=questionnaire):
                post.paired_with = None
                post.save(update_fields=["paired_with", "updated_at"])
                touch(post)
        questionnaire.refresh_from_db()
        changed = sorted(k for k in fields if getattr(questionnaire, k) != before[k])
        audit_record(
            actor=actor,
            action="questionnaire.update",
            obj=questionnaire,
            details={"changed": changed},
            request=request,
        )
        if "closes_on" in changed:  # the personal links not yet used expire on the new closing day
            from relais.evaluation.services_invitations import invitations_expiry_update

            invitations_expiry_update(actor=actor, questionnaire=questionnaire, request=request)
        rescored = None
        if "paired_with_id" in changed and has_submitted(questionnaire):
            rescored = questionnaire_rescore(questionnaire=questionnaire, actor=actor, request=request)
    return SettingsResult(questionnaire=questionnaire, rescored=rescored)


# --- Status -------------------------------------------------------------------------------------


def open_problems(questionnaire: Questionnaire) -> tuple[list[str], list[str]]:
    """What stops the questionnaire from opening, and what only deserves a warning."""
    items = list(Item.objects.filter(questionnaire=questionnaire).only("type", "points", "correct"))
    errors: list[str] = []
    warnings: list[str] = []
    if not items:
        errors.append(_("The questionnaire has no question yet."))
    elif questionnaire.is_test and not any(i.is_scored for i in items):
        errors.append(_("A test needs at least one scored question (with its correct answer and points)."))
    if (
        questionnaire.kind == QuestionnaireKind.FOLLOW_UP
        and items
        and not any(i.type in (ItemType.CONTACTS, ItemType.COOPERATION) for i in items)
    ):
        warnings.append(
            _(
                "This follow-up asks neither about contacts made nor cooperation undertaken: the cooperation "
                "network will not grow from it."
            )
        )
    if questionnaire.kind == QuestionnaireKind.POST_TEST and questionnaire.paired_with_id is None:
        warnings.append(_("This post-test is not compared with a pre-test: no learning gain will be computed."))
    return errors, warnings


STATUS_MOVES = {
    "open": ((QuestionnaireStatus.DRAFT, QuestionnaireStatus.CLOSED), QuestionnaireStatus.OPEN, "questionnaire.open"),
    "close": ((QuestionnaireStatus.OPEN,), QuestionnaireStatus.CLOSED, "questionnaire.close"),
    "draft": ((QuestionnaireStatus.OPEN, QuestionnaireStatus.CLOSED), QuestionnaireStatus.DRAFT, "questionnaire.draft"),
}


@transaction.atomic
def questionnaire_status_set(
    *, actor: Any, questionnaire: Questionnaire, action: str, request: HttpRequest | None = None
) -> list[str]:
    """Open, close or take back to draft; returns the warnings worth showing. Raises ValidationError."""
    if action not in STATUS_MOVES:
        raise ValidationError(_("Unknown action."))
    sources, target, code = STATUS_MOVES[action]
    if questionnaire.status not in sources:
        raise ValidationError(
            _("A questionnaire that is “%(status)s” cannot be set to “%(target)s”.")
            % {"status": questionnaire.get_status_display(), "target": QuestionnaireStatus(target).label}
        )
    warnings: list[str] = []
    if target == QuestionnaireStatus.OPEN:
        errors, warnings = open_problems(questionnaire)
        if errors:
            raise ValidationError(errors)
    before = questionnaire.status
    questionnaire.status = target
    questionnaire.save(update_fields=["status", "updated_at"])
    touch(questionnaire)
    audit_record(actor=actor, action=code, obj=questionnaire, details={"from": before, "to": target}, request=request)
    return warnings
