"""Forms of the questionnaire builder. The services check every rule again; the forms put the messages
next to the fields."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, Value, When
from django.utils.translation import gettext_lazy as _

from relais.core.forms import StyledForm
from relais.core.models import Language
from relais.delivery.models import Session
from relais.design.models import LearningObjective
from relais.evaluation.models import ItemRole, ItemType, Questionnaire, QuestionnaireKind, Section
from relais.evaluation.services_builder_rules import (
    ItemData,
    correct_text,
    locked_message,
    options_text,
    parse_correct,
    parse_options,
    validate_item,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def language_choices(first: list[str]) -> list[tuple[str, str]]:
    """Every language in use, `first` (the session's, the questionnaire's) at the top."""
    rank = Case(When(code__in=first, then=Value(0)), default=Value(1)) if first else Value(1)
    rows = Language.objects.filter(is_active=True).alias(rank=rank).order_by("rank", Language.order_field())
    return [(lang.code, f"{lang.name} ({lang.code})") for lang in rows]


class _LanguagesMixin:
    fields: dict[str, forms.Field]

    def _set_languages(self, first: list[str]) -> None:
        choices = language_choices(first)
        self.fields["language"].choices = choices  # type: ignore[attr-defined]
        self.fields["languages"].choices = choices  # type: ignore[attr-defined]


class QuestionnaireNewForm(_LanguagesMixin, StyledForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=QuestionnaireKind.choices)
    title = forms.CharField(
        label=_("Title"), max_length=300, required=False, help_text=_("Leave empty for a title suited to the kind.")
    )
    language = forms.ChoiceField(label=_("Written in"))
    languages = forms.MultipleChoiceField(
        label=_("Languages offered"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Participants answer in one of these. Hold Ctrl (⌘ on a Mac) to choose several."),
    )

    def __init__(self, *args: Any, session: Session, **kwargs: Any) -> None:
        from relais.evaluation.services_builder import session_languages

        language, languages = session_languages(session)
        kwargs.setdefault("initial", {"language": language, "languages": languages})
        super().__init__(*args, **kwargs)
        self._set_languages(languages)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("language") and data.get("languages") is not None and data["language"] not in data["languages"]:
            data["languages"] = [data["language"], *data["languages"]]
        return data


class PreTestChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.title)


class QuestionnaireSettingsForm(_LanguagesMixin, StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput(attrs={"id": "questionnaire-version"}))
    title = forms.CharField(label=_("Title"), max_length=300)
    introduction = forms.CharField(
        label=_("Introduction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to participants above the first question."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=QuestionnaireKind.choices)
    language = forms.ChoiceField(label=_("Written in"))
    languages = forms.MultipleChoiceField(
        label=_("Languages offered"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Participants answer in one of these. Hold Ctrl (⌘ on a Mac) to choose several."),
    )
    anonymous = forms.BooleanField(
        label=_("Anonymous answers"),
        required=False,
        help_text=_("Answers are not linked to a participant (satisfaction and custom questionnaires only)."),
    )
    opens_on = forms.DateField(label=_("Opens on"), required=False, widget=DateInput())
    closes_on = forms.DateField(
        label=_("Closes on"), required=False, widget=DateInput(), help_text=_("Personal links expire then.")
    )
    paired_with = PreTestChoiceField(
        label=_("Pre-test it is compared with"),
        queryset=Questionnaire.objects.none(),
        required=False,
        help_text=_("Post-tests only: each participant's two scores give their learning gain."),
    )

    def __init__(self, *args: Any, questionnaire: Questionnaire, **kwargs: Any) -> None:
        q = questionnaire
        kwargs.setdefault(
            "initial",
            {
                "version": q.version,
                "title": q.title,
                "introduction": q.introduction,
                "kind": q.kind,
                "language": q.language,
                "languages": list(q.languages or []),
                "anonymous": q.anonymous,
                "opens_on": q.opens_on,
                "closes_on": q.closes_on,
                "paired_with": q.paired_with_id,
            },
        )
        super().__init__(*args, **kwargs)
        session_codes = list(q.session.languages.values_list("code", flat=True))
        self._set_languages(list(dict.fromkeys([*(q.languages or []), q.language, *session_codes])))
        self.fields["paired_with"].queryset = Questionnaire.objects.filter(  # type: ignore[attr-defined]
            session_id=q.session_id, kind=QuestionnaireKind.PRE_TEST
        ).order_by("id")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("anonymous") and data.get("kind") not in (QuestionnaireKind.SATISFACTION, QuestionnaireKind.CUSTOM):
            self.add_error(
                "anonymous",
                _(
                    "Only satisfaction and custom questionnaires can be anonymous: tests and follow-ups are "
                    "linked to each participant to compare their answers."
                ),
            )
        return data


class SectionForm(StyledForm):
    title = forms.CharField(label=_("Title of the new section"), max_length=300)


class ObjectiveChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.get_kind_display()}: {obj.text}"


class ItemForm(StyledForm):
    """One question. With answers already sent (`locked`), its type and role are shown but cannot be
    changed (nor, checked by the service, the values of its choices)."""

    type = forms.ChoiceField(label=_("Type"), choices=ItemType.choices)
    text = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 2}))
    help = forms.CharField(label=_("Help text"), max_length=500, required=False)
    required = forms.BooleanField(label=_("An answer is required"), required=False, initial=True)
    section = forms.ModelChoiceField(
        label=_("Section"), queryset=Section.objects.none(), required=False, empty_label=_("(no section)")
    )
    options = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Single and multiple choice only: one choice per line, “value|label” or just the label (values "
            "a, b, c… are then given)."
        ),
    )
    correct = forms.CharField(
        label=_("Correct answers"),
        required=False,
        help_text=_(
            "The values (or labels) of the correct choices, separated by commas; for a number question, the "
            "accepted numbers, separated by semicolons. For use of learning, the choices that mean “yes”."
        ),
    )
    points = forms.DecimalField(
        label=_("Points"),
        min_value=Decimal(0),
        max_value=Decimal(1000),
        decimal_places=2,
        required=False,
        initial=Decimal(0),
        localize=True,
        help_text=_("More than 0 for a scored question of a test."),
    )
    objective = ObjectiveChoiceField(
        label=_("Learning objective"),
        queryset=LearningObjective.objects.none(),
        required=False,
        empty_label=_("(none)"),
    )
    role = forms.ChoiceField(label=_("Counts as"), choices=ItemRole.choices, required=False)

    def __init__(
        self, *args: Any, questionnaire: Questionnaire, locked: bool = False, item: Any = None, **kwargs: Any
    ) -> None:
        if item is not None:
            kwargs.setdefault(
                "initial",
                {
                    "type": item.type,
                    "text": item.text,
                    "help": item.help,
                    "required": item.required,
                    "section": item.section_id,
                    "options": options_text(item.options),
                    "correct": correct_text(item),
                    "points": item.points,
                    "objective": item.objective_id,
                    "role": item.role,
                },
            )
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire
        self.item = item
        self.fields["section"].queryset = Section.objects.filter(  # type: ignore[attr-defined]
            questionnaire=questionnaire
        ).order_by("position", "id")
        self.fields["objective"].queryset = LearningObjective.objects.filter(  # type: ignore[attr-defined]
            design_id=questionnaire.session.design_id
        ).order_by("position", "id")
        self.locked = locked
        if locked and item is not None:
            for name in ("type", "role"):  # choices stay editable: their labels may change, not their values
                self.fields[name].disabled = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        item_type = data.get("type") or ""
        try:
            data["options_parsed"] = parse_options(data.get("options") or "")
        except ValidationError as error:
            self.add_error("options", error)
            return data
        if self.locked and self.item is not None:
            before = [o.get("value") for o in self.item.options or []]
            if [o["value"] for o in data["options_parsed"]] != before:
                self.add_error("options", locked_message())
                return data
        try:
            data["correct_parsed"] = parse_correct(data.get("correct") or "", item_type, data["options_parsed"])
        except ValidationError as error:
            self.add_error("correct", error)
        if "text" in data and "type" in data:
            try:  # every rule at once, next to its field (the service checks them again)
                validate_item(self.questionnaire, self.item_data())
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    if name in self.fields and name not in self.errors:
                        self.add_error(name, messages)
        return data

    def item_data(self) -> ItemData:
        data = self.cleaned_data
        return ItemData(
            type=data["type"],
            text=data["text"],
            help=data.get("help") or "",
            required=bool(data.get("required")),
            options=data.get("options_parsed") or [],
            correct=data.get("correct_parsed") or [],
            points=data.get("points") or Decimal(0),
            objective_id=data["objective"].pk if data.get("objective") else None,
            role=data.get("role") or "",
            section_id=data["section"].pk if data.get("section") else None,
        )


def add_item_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError next to the fields it names (or above the form)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)
