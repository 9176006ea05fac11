"""Forms of publications: the report builder and publishing a build."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django import forms
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from relais.core.forms import StyledForm
from relais.delivery.models import Session, SessionStatus
from relais.programmes.models import Programme
from relais.publications.content import SECTIONS
from relais.publications.models import Visibility
from relais.publications.services import SUMMARY_MAX, TITLE_MAX

SECTION_LABELS: dict[str, Any] = {
    "summary": _("Executive summary"),
    "programme": _("The programme"),
    "reach": _("Where and whom it trained"),
    "learning": _("Learning results"),
    "change": _("Change after training"),
    "network": _("Cooperation network"),
    "lessons": _("Lessons learned"),
    "replication": _("Replication guidance"),
    "annex": _("Annex tables"),
}
LANGUAGE_CHOICES = [("en", "English"), ("fr", "Français")]
DELIVERED = (SessionStatus.DELIVERED, SessionStatus.CLOSED)


def _dates(session: Session) -> str:
    start = formats.date_format(session.start_date, "DATE_FORMAT")
    if session.end_date == session.start_date:
        return start
    return f"{start} – {formats.date_format(session.end_date, 'DATE_FORMAT')}"


def delivered_session_choices(programme: Programme) -> list[tuple[str, list[tuple[int, str]]]]:
    """The programme's delivered sessions, grouped by country (by name), each with its dates."""
    sessions = (
        Session.objects.filter(programme=programme, status__in=DELIVERED)
        .select_related("country")
        .order_by("start_date", "pk")
    )
    groups: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for s in sessions:
        groups[str(s.country.name)].append((s.pk, f"{s.title} — {s.city}, {_dates(s)}"))
    return sorted(groups.items())


class BuildForm(StyledForm):
    language = forms.ChoiceField(
        label=_("Language of the publication"), choices=LANGUAGE_CHOICES, widget=forms.RadioSelect
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX,
        required=False,
        help_text=_("Leave empty for “Results report — ” and the programme's title."),
    )
    sections = forms.MultipleChoiceField(
        label=_("Sections"),
        choices=[(key, SECTION_LABELS[key]) for key in SECTIONS],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one section.")},
    )
    sessions = forms.TypedMultipleChoiceField(
        label=_("Sessions"),
        coerce=int,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_(
            "Leave empty to report on the whole programme. To report on some sessions only, choose them "
            "(hold Ctrl, or Cmd on a Mac, to choose several). Only delivered sessions are listed."
        ),
    )
    summary = forms.CharField(
        label=_("Executive summary"),
        max_length=SUMMARY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Plain text; a blank line starts a new paragraph. Shown when its section is included."),
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {"language": "fr" if (get_language() or "en")[:2] == "fr" else "en", "sections": list(SECTIONS)},
        )
        super().__init__(*args, **kwargs)
        self.programme = programme
        choices = delivered_session_choices(programme)
        self.fields["sessions"].choices = choices  # type: ignore[attr-defined]
        self.has_sessions = bool(choices)


class PublishForm(StyledForm):
    visibility = forms.ChoiceField(label=_("Who may see it"), choices=Visibility.choices, widget=forms.RadioSelect)
