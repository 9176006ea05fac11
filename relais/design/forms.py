from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from relais.core.forms import StyledForm, StyledModelForm
from relais.core.models import Country, Language, Profession, Theme
from relais.design.models import (
    ActivityDesign,
    AgendaDay,
    AgendaModule,
    DesignFormat,
    DesignStatus,
    DesignType,
    LearningObjective,
    Sustainability,
)
from relais.knowledge.files import FileRefused, check_upload
from relais.knowledge.models import Document
from relais.programmes.models import Organisation, Programme, RouteRole


def _active(model: Any) -> Any:
    return model.objects.filter(is_active=True).order_by("position", model.order_field())


class DesignCreateForm(StyledForm):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.none())
    title = forms.CharField(label=_("Title"), max_length=300)
    type = forms.ChoiceField(label=_("Type"), choices=DesignType.choices)
    format = forms.ChoiceField(label=_("Format"), choices=DesignFormat.choices)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, programmes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes  # type: ignore[attr-defined]


class GeneralForm(StyledModelForm):
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ActivityDesign
        fields = ["title", "summary", "type", "format", "themes"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = _active(Theme)  # type: ignore[attr-defined]


class CountriesForm(StyledForm):
    """One row per country of the programme: take part or not, its role on the route, its languages."""

    def __init__(self, *args: Any, design: ActivityDesign, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = {dc.country_id: dc for dc in design.design_countries.prefetch_related("participant_languages")}
        self.rows: list[dict[str, Any]] = []
        languages = _active(Language)
        for pc in design.programme.programme_countries.select_related("country").order_by("route_role"):
            dc = current.get(pc.country_id)
            key = pc.country_id
            self.fields[f"take_{key}"] = forms.BooleanField(
                label=pc.country.name, required=False, initial=dc is not None
            )
            self.fields[f"role_{key}"] = forms.ChoiceField(
                label=_("Role on the route"),
                choices=RouteRole.choices,
                initial=dc.route_role if dc else pc.route_role,
                required=False,
            )
            self.fields[f"languages_{key}"] = forms.ModelMultipleChoiceField(
                label=_("Participants' languages"),
                queryset=languages,
                required=False,
                initial=[lang.pk for lang in dc.participant_languages.all()] if dc else [],
                widget=forms.SelectMultiple(attrs={"size": 4}),
            )
            self.rows.append({"country": pc.country, "key": key})
        super_init_styles(self)

    def bound_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "country": r["country"],
                "take": self[f"take_{r['key']}"],
                "role": self[f"role_{r['key']}"],
                "languages": self[f"languages_{r['key']}"],
            }
            for r in self.rows
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for r in self.rows:
            if data.get(f"take_{r['key']}") and not data.get(f"role_{r['key']}"):
                self.add_error(
                    f"role_{r['key']}", _("Give the role of %(country)s on the route.") % {"country": r["country"].name}
                )
        return data

    def selected(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        return [
            {
                "country": r["country"],
                "route_role": data[f"role_{r['key']}"],
                "languages": data[f"languages_{r['key']}"],
            }
            for r in self.rows
            if data.get(f"take_{r['key']}")
        ]


def super_init_styles(form: StyledForm) -> None:
    """Style fields added after StyledForm.__init__ ran."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            widget.attrs.setdefault("class", "form-select")
        elif not isinstance(widget, forms.CheckboxSelectMultiple):
            widget.attrs.setdefault("class", "form-control")


class SeatsForm(StyledForm):
    """Seats per participating country (columns) and profession (rows)."""

    def __init__(self, *args: Any, design: ActivityDesign, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.countries = [dc.country for dc in design.design_countries.select_related("country").order_by("route_role")]
        self.professions = list(_active(Profession))
        current = {(q.country_id, q.profession_id): q.seats for q in design.quotas.all()}
        for p in self.professions:
            for c in self.countries:
                self.fields[f"s_{c.pk}_{p.pk}"] = forms.IntegerField(
                    label=f"{p.name} — {c.name}",
                    min_value=0,
                    max_value=500,
                    required=False,
                    initial=current.get((c.pk, p.pk), 0),
                    widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "form-control seat-input"}),
                )

    def grid(self) -> list[dict[str, Any]]:
        return [
            {"profession": p, "cells": [self[f"s_{c.pk}_{p.pk}"] for c in self.countries]} for p in self.professions
        ]

    def seats(self) -> dict[tuple[int, int], int]:
        return {
            (c.pk, p.pk): self.cleaned_data.get(f"s_{c.pk}_{p.pk}") or 0
            for p in self.professions
            for c in self.countries
        }


class ObjectiveForm(StyledModelForm):
    class Meta:
        model = LearningObjective
        fields = ["kind", "text"]


class DayForm(StyledModelForm):
    class Meta:
        model = AgendaDay
        fields = ["title"]
        labels = {"title": _("Title of the day")}


class ModuleForm(StyledModelForm):
    day = forms.ModelChoiceField(label=_("Day"), queryset=AgendaDay.objects.none())
    objectives = forms.ModelMultipleChoiceField(
        label=_("Objectives served"),
        queryset=LearningObjective.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = AgendaModule
        fields = ["day", "title", "method", "duration_minutes", "trainer_profile", "objectives", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, design: ActivityDesign, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["day"].queryset = design.days.all()  # type: ignore[attr-defined]
        self.fields["day"].label_from_instance = lambda d: d.title or _("Day %(n)s") % {"n": d.position + 1}  # type: ignore[attr-defined]
        self.fields["objectives"].queryset = design.objectives.all()  # type: ignore[attr-defined]
        self.fields["duration_minutes"].widget.attrs.update({"min": 5, "max": 720, "step": 5})


class QuickModuleForm(StyledModelForm):
    """Add a module to a day from the agenda page: the essentials only."""

    class Meta:
        model = AgendaModule
        fields = ["title", "method", "duration_minutes"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["duration_minutes"].widget.attrs.update({"min": 5, "max": 720, "step": 5})


class DocumentChoiceMixin:
    """A `document` field: a document of the knowledge centre the user may see, chosen with the
    picker (knowledge/partials/pick.html renders its radio buttons, so the field has no widget of its
    own on the page)."""

    fields: dict[str, forms.Field]

    def _set_documents(self, user: Any, *, required: bool = False) -> None:
        from relais.knowledge.scoping import documents_visible

        self.fields["document"] = forms.ModelChoiceField(
            label=_("Document of the knowledge centre"),
            queryset=documents_visible(user) if user is not None else Document.objects.none(),
            required=required,
            widget=forms.HiddenInput,
            error_messages={
                "invalid_choice": _("This document of the knowledge centre does not exist."),
                "required": _("Find a document of the knowledge centre and choose it."),
            },
        )


_NOT_BOTH = _("Choose a document of the knowledge centre, or give a title and a link or a file — not both.")


class MaterialForm(DocumentChoiceMixin, StyledForm):
    """A document of the knowledge centre, or (as before) a title with a link elsewhere or a file."""

    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        required=False,
        help_text=_("Not needed for a document of the knowledge centre: its title is used."),
    )
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    file = forms.FileField(label=_("File"), required=False)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._set_documents(user)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("file")
        if data.get("document") is not None:
            if data.get("url") or upload:
                raise forms.ValidationError(_NOT_BOTH)
            return data
        if "document" in self.errors:
            return data
        if not data.get("title") and "title" not in self.errors:
            self.add_error("title", _("Give the title of the material, or choose a document of the knowledge centre."))
        if not data.get("url") and not upload:
            raise forms.ValidationError(_("Give a link or a file, or choose a document of the knowledge centre."))
        if upload is not None and upload.size > 20 * 1024 * 1024:
            self.add_error("file", _("The file is larger than 20 MB."))
        elif upload is not None:  # checked by content as the knowledge centre's files are (DESIGN.md §7)
            try:
                check_upload(upload.read(), upload.name or "")
            except FileRefused as refusal:
                self.add_error("file", refusal.message)
            finally:
                upload.seek(0)
        return data


class EvaluationForm(StyledModelForm):
    class Meta:
        model = ActivityDesign
        fields = [
            "plans_pre_test",
            "plans_post_test",
            "plans_satisfaction",
            "plans_follow_up",
            "follow_up_months",
            "evaluation_notes",
        ]
        widgets = {"evaluation_notes": forms.Textarea(attrs={"rows": 3})}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        months = data.get("follow_up_months")
        if data.get("plans_follow_up") and not months:
            self.add_error("follow_up_months", _("Say after how many months the follow-up questionnaire is sent."))
        if months is not None and not 1 <= months <= 36:
            self.add_error("follow_up_months", _("Between 1 and 36 months."))
        return data


class LanguagesForm(StyledModelForm):
    working_languages = forms.ModelMultipleChoiceField(
        label=_("Working languages"),
        queryset=Language.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    interpretation_languages = forms.ModelMultipleChoiceField(
        label=_("Interpretation into"),
        queryset=Language.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Languages into which the activity is interpreted."),
    )

    class Meta:
        model = ActivityDesign
        fields = ["working_languages", "interpretation_languages"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("working_languages", "interpretation_languages"):
            self.fields[name].queryset = _active(Language)  # type: ignore[attr-defined]


class NeedsForm(StyledModelForm):
    class Meta:
        model = ActivityDesign
        fields = ["needs_assessment"]
        widgets = {"needs_assessment": forms.Textarea(attrs={"rows": 6})}


class SourceForm(DocumentChoiceMixin, StyledForm):
    """A document of the knowledge centre, or a title with (or without) a link elsewhere."""

    title = forms.CharField(
        label=_("Source"),
        max_length=300,
        required=False,
        help_text=_("Not needed for a document of the knowledge centre: its title is used."),
    )
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    note = forms.CharField(label=_("What it shows"), max_length=500, required=False)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._set_documents(user)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("document") is not None:
            if data.get("url"):
                raise forms.ValidationError(
                    _("Choose a document of the knowledge centre, or give a title and a link — not both.")
                )
        elif not data.get("title") and "document" not in self.errors and "title" not in self.errors:
            self.add_error("title", _("Give the title of the source, or choose a document of the knowledge centre."))
        return data


class ReferenceForm(DocumentChoiceMixin, StyledForm):
    """A document of the knowledge centre among the design's sources and further reading."""

    note = forms.CharField(label=_("Why it is useful"), max_length=500, required=False)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._set_documents(user, required=True)


class FollowUpForm(StyledModelForm):
    sustainability = forms.MultipleChoiceField(
        label=_("Sustainability measures"),
        choices=Sustainability.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ActivityDesign
        fields = ["follow_up_plan", "sustainability"]
        widgets = {"follow_up_plan": forms.Textarea(attrs={"rows": 5})}


class PartnersForm(StyledModelForm):
    partners = forms.ModelMultipleChoiceField(
        label=_("Partners"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )

    class Meta:
        model = ActivityDesign
        fields = ["partners"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        design = self.instance
        countries = design.programme.programme_countries.values("country_id")
        self.fields["partners"].queryset = (  # type: ignore[attr-defined]
            Organisation.objects.filter(Q(country_id__in=countries) | Q(country__isnull=True) | Q(designs=design))
            .select_related("country")
            .distinct()
            .order_by("name")
        )


class ReplicateForm(StyledForm):
    programme = forms.ModelChoiceField(label=_("Into the programme"), queryset=Programme.objects.none())
    title = forms.CharField(label=_("Title of the new design"), max_length=300)
    countries = forms.ModelMultipleChoiceField(
        label=_("Countries"),
        queryset=Country.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Countries of the chosen programme; each keeps its role on that programme's route."),
    )

    def __init__(self, *args: Any, programmes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes  # type: ignore[attr-defined]
        self.fields["countries"].queryset = (  # type: ignore[attr-defined]
            Country.objects.filter(programmes__in=programmes).distinct().order_by(Country.order_field())
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        programme, countries = data.get("programme"), data.get("countries")
        if programme and countries:
            roles = dict(programme.programme_countries.values_list("country_id", "route_role"))
            outside = [c.name for c in countries if c.pk not in roles]
            if outside:
                self.add_error(
                    "countries", _("Not countries of this programme: %(names)s.") % {"names": ", ".join(outside)}
                )
            else:
                data["country_roles"] = [(c, roles[c.pk]) for c in countries]
        return data


class StatusForm(StyledForm):
    status = forms.ChoiceField(label=_("Status"), choices=DesignStatus.choices)


class AdaptationForm(StyledForm):
    done = forms.BooleanField(label=_("Done"), required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class DesignFilterForm(StyledForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.none(), required=False, empty_label=_("All programmes")
    )
    type = forms.ChoiceField(label=_("Type"), choices=[("", _("All types")), *DesignType.choices], required=False)
    format = forms.ChoiceField(
        label=_("Format"), choices=[("", _("All formats")), *DesignFormat.choices], required=False
    )
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All")), *DesignStatus.choices], required=False)
    check = forms.ChoiceField(
        label=_("Design check"),
        choices=[("", _("All")), ("passed", _("Passes the check")), ("failed", _("Does not pass the check"))],
        required=False,
    )

    def __init__(self, *args: Any, programmes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes  # type: ignore[attr-defined]
