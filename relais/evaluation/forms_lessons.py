"""Forms of the lessons learned register: a lesson, and the roll-up's filters (GET)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from relais.core.forms import StyledForm
from relais.core.models import Country
from relais.design.models import ActivityDesign
from relais.evaluation.models import LessonLearned, LessonStatus
from relais.evaluation.selectors_lessons import LessonFilters
from relais.evaluation.services_lessons import MAX_TAG_LENGTH, MAX_TAGS, tags_normalise
from relais.programmes.models import Programme, ProgrammeCountry

TITLE_MAX = 200
TEXT_MAX = 4000
SHORT_TEXT_MAX = 3000


class LessonForm(StyledForm):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX, help_text=_("The lesson in one sentence."))
    what_happened = forms.CharField(
        label=_("What happened"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The facts observed, in plain text."),
    )
    why_it_matters = forms.CharField(
        label=_("Why it matters"), max_length=SHORT_TEXT_MAX, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    recommendation = forms.CharField(
        label=_("Recommendation"),
        max_length=SHORT_TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What to do next time, or elsewhere."),
    )
    tags = forms.CharField(
        label=_("Tags"),
        max_length=MAX_TAGS * (MAX_TAG_LENGTH + 2),
        required=False,
        help_text=_("Separated by commas, for example: interpretation, venue, mock trial."),
    )

    def __init__(self, *args: Any, suggested_tags: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.suggested_tags = suggested_tags or []
        self.fields["tags"].widget.attrs["autocomplete"] = "off"

    @classmethod
    def for_lesson(cls, lesson: LessonLearned, **kwargs: Any) -> LessonForm:
        initial = {
            "title": lesson.title,
            "what_happened": lesson.what_happened,
            "why_it_matters": lesson.why_it_matters,
            "recommendation": lesson.recommendation,
            "tags": ", ".join(lesson.tags or []),
        }
        return cls(initial=initial, **kwargs)

    def clean_tags(self) -> list[str]:
        try:
            return tags_normalise(self.cleaned_data.get("tags") or "")
        except ValidationError as error:
            raise ValidationError(error.messages) from None


class LessonFilterForm(StyledForm):
    text = forms.CharField(label=_("Search"), max_length=200, required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All statuses")), *LessonStatus.choices], required=False
    )
    tag = forms.ChoiceField(label=_("Tag"), choices=[("", _("All tags"))], required=False)
    design = forms.ModelChoiceField(
        label=_("Design"), queryset=ActivityDesign.objects.none(), required=False, empty_label=_("All designs")
    )
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.none(), required=False, empty_label=_("All countries")
    )

    def __init__(self, *args: Any, programme: Programme, tags: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        tag = self.fields["tag"]
        design = self.fields["design"]
        country = self.fields["country"]
        assert isinstance(tag, forms.ChoiceField)
        assert isinstance(design, forms.ModelChoiceField) and isinstance(country, forms.ModelChoiceField)
        tag.choices = [("", _("All tags")), *((t, t) for t in tags)]
        design.queryset = ActivityDesign.objects.filter(programme=programme).order_by("title", "id")
        country.queryset = Country.objects.filter(
            pk__in=ProgrammeCountry.objects.filter(programme=programme).values("country_id")
        ).order_by(Country.order_field())

    def filters(self) -> LessonFilters:
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        design, country = data.get("design"), data.get("country")
        return LessonFilters(
            status=data.get("status") or "",
            tag=data.get("tag") or "",
            design=design.pk if design else None,
            country=country.pk if country else None,
            text=(data.get("text") or "").strip(),
        )
